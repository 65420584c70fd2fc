package io.voucher.api.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells what this instance is: name, version and database.
 */
@RestController
@RequestMapping("/api/v1/platform")
@Tag(name = "Platform", description = "What this Voucher instance is and runs on")
class PlatformController {

	private final DatabaseInspector database;

	private final String version;

	PlatformController(DatabaseInspector database, ObjectProvider<BuildProperties> buildProperties) {
		this.database = database;
		BuildProperties build = buildProperties.getIfAvailable();
		this.version = (build != null) ? build.getVersion() : "development";
	}

	@GetMapping
	@Operation(operationId = "getPlatform", summary = "Name, version and database of this instance")
	PlatformInfo platform() {
		return new PlatformInfo("Voucher", this.version, this.database.info());
	}

}
