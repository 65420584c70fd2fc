package io.voucher.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what the API reads from a request.
 *
 * @param maxRequestBody the largest request body accepted by the API and device
 * endpoints; larger bodies are refused with 413 before they are read
 */
@ConfigurationProperties("voucher.http")
public record HttpLimitsProperties(@DefaultValue("1MB") DataSize maxRequestBody) {

}
