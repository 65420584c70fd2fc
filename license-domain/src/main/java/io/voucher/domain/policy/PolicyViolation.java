package io.voucher.domain.policy;

/**
 * One reason a policy is invalid.
 *
 * @param field the license template's field name, e.g. {@code renewal_server_url}
 * @param message what is wrong with it
 */
public record PolicyViolation(String field, String message) {

}
