package io.voucher.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the Voucher license server. Components, entities and repositories of every
 * module under {@code io.voucher} are picked up.
 */
@SpringBootApplication(scanBasePackages = "io.voucher")
@AutoConfigurationPackage(basePackages = "io.voucher")
@ConfigurationPropertiesScan("io.voucher")
public class VoucherApplication {

	public static void main(String[] args) {
		SpringApplication.run(VoucherApplication.class, args);
	}

}
