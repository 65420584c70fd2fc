package io.voucher.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the production classes of every module against the module rules.
 */
class ArchitectureTests {

	static JavaClasses production;

	@BeforeAll
	static void importProductionClasses() {
		production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption((location) -> !location.contains("-tests.jar"))
			.importPackages("io.voucher");
	}

	@Test
	void everyModuleIsOnTheClasspath() {
		// The rules below would pass vacuously if a module's classes were missing.
		assertThat(production.stream().map((javaClass) -> VoucherArchitecture.moduleOf(javaClass.getPackageName())))
			.contains("io.voucher.crypto", "io.voucher.domain", "io.voucher.registry", "io.voucher.api",
					"io.voucher.client");
	}

	@Test
	void modulesDependOneWay() {
		VoucherArchitecture.moduleDependencies().check(production);
	}

	@Test
	void noNewPackageCycles() {
		assertThat(PackageCycles.newCycles(production, PackageCycles.KNOWN))
			.as("cyclic groups found: %s", PackageCycles.cyclicGroups(production))
			.isEmpty();
	}

	@Test
	void deviceSideModulesStayPlainJava() {
		VoucherArchitecture.deviceSideModulesStayPlainJava().check(production);
	}

	@Test
	void internalPackagesStayInTheirModule() {
		VoucherArchitecture.internalPackagesStayInTheirModule().check(production);
	}

}
