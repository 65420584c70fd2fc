package io.voucher.api.platform;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What this Voucher instance is and runs on.
 *
 * @param name the platform's name
 * @param version the application version
 * @param database the database in use
 */
@Schema(name = "PlatformInfo", description = "What this Voucher instance is and runs on.")
public record PlatformInfo(@Schema(example = "Voucher") String name, @Schema(example = "0.1.0") String version,
		DatabaseInfo database) {

}
