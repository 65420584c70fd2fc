package io.voucher.domain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The configuration root of this module's slice tests.
 */
@SpringBootApplication
public class DomainTestApplication {

}
