package io.voucher.api.license;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online license settings.
 *
 * @param challengeMaxSkew how far a challenge's issue time may be from the server's clock
 * @param trustedRoots PEM files of manufacturer device roots trusted besides the built-in
 * Device CA
 */
@ConfigurationProperties("voucher.licenses")
public record LicenseProperties(@DefaultValue("5m") Duration challengeMaxSkew, @DefaultValue List<Path> trustedRoots) {

}
