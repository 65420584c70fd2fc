package io.voucher.api.keys;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the server's keys come from. With the three keystores set, they are loaded
 * (production); with none set, development keys are generated on first start into
 * {@code directory} and a warning is logged.
 *
 * @param directory development only: where generated keystores are kept (mode 0700, files
 * 0600), with their generated password in {@code keystore-password}
 * @param licenseSigningKeystore PKCS#12 keystore of the license signing key and its chain
 * @param deviceCaKeystore PKCS#12 keystore of the Device CA key and certificate
 * @param kekKeystore PKCS#12 keystore of the key encryption key
 * @param password the keystores' password; required with configured keystores; for
 * development keys, unset means a password generated on first start
 */
@ConfigurationProperties("voucher.keys")
public record KeyProperties(@DefaultValue("data/keys") Path directory, @Nullable Path licenseSigningKeystore,
		@Nullable Path deviceCaKeystore, @Nullable Path kekKeystore, @Nullable String password) {

	boolean configured() {
		return this.licenseSigningKeystore != null || this.deviceCaKeystore != null || this.kekKeystore != null;
	}

	@Override
	public String toString() {
		return "KeyProperties[directory=" + this.directory + ", licenseSigningKeystore=" + this.licenseSigningKeystore
				+ ", deviceCaKeystore=" + this.deviceCaKeystore + ", kekKeystore=" + this.kekKeystore + ", password="
				+ ((this.password != null) ? "******" : "unset") + "]";
	}

}
