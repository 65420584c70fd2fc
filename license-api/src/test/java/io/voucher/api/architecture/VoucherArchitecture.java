package io.voucher.api.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module rules of DESIGN.md as ArchUnit rules, so that the build fails when they are
 * broken. Each module owns one package tree; {@code internal} packages are private to
 * their module.
 */
final class VoucherArchitecture {

	static final String CRYPTO = "io.voucher.crypto..";

	static final String DOMAIN = "io.voucher.domain..";

	static final String REGISTRY = "io.voucher.registry..";

	static final String API = "io.voucher.api..";

	static final String CLIENT = "io.voucher.client..";

	private VoucherArchitecture() {
	}

	/**
	 * Dependencies point one way: crypto ← domain ← registry ← api, and the client uses
	 * crypto alone.
	 * @return the rule
	 */
	static ArchRule moduleDependencies() {
		return Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.layer("license-crypto")
			.definedBy(CRYPTO)
			.layer("license-domain")
			.definedBy(DOMAIN)
			.layer("device-registry")
			.definedBy(REGISTRY)
			.layer("license-api")
			.definedBy(API)
			.layer("license-client")
			.definedBy(CLIENT)
			.whereLayer("license-api")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("license-client")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("device-registry")
			.mayOnlyBeAccessedByLayers("license-api")
			.whereLayer("license-domain")
			.mayOnlyBeAccessedByLayers("device-registry", "license-api")
			.whereLayer("license-crypto")
			.mayOnlyBeAccessedByLayers("license-domain", "device-registry", "license-api", "license-client")
			.because("DESIGN.md's module table: dependencies point one way");
	}

	/**
	 * license-crypto and license-client run on devices: plain Java, Bouncy Castle and a
	 * JOSE library, never Spring or a database.
	 * @return the rule
	 */
	static ArchRule deviceSideModulesStayPlainJava() {
		return noClasses().that()
			.resideInAnyPackage(CRYPTO, CLIENT)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..", "java.sql..")
			.because("the device SDK uses license-crypto too: no Spring, no database");
	}

	/**
	 * A class in an {@code internal} package is used only inside its own module.
	 * @return the rule
	 */
	static ArchRule internalPackagesStayInTheirModule() {
		return classes().that()
			.resideInAPackage("io.voucher..internal..")
			.should(onlyBeAccessedFromTheirOwnModule())
			.allowEmptyShould(true)
			.because("a module's API is its public, non-internal types");
	}

	private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnModule() {
		return new ArchCondition<>("only be accessed from their own module") {
			@Override
			public void check(JavaClass internal, ConditionEvents events) {
				String module = moduleOf(internal.getPackageName());
				internal.getDirectDependenciesToSelf()
					.stream()
					.filter((dependency) -> !moduleOf(dependency.getOriginClass().getPackageName()).equals(module))
					.forEach((dependency) -> events.add(SimpleConditionEvent.violated(dependency,
							dependency.getDescription() + " reaches into module " + module + "'s internals")));
			}
		};
	}

	/**
	 * Returns the module package of a package: {@code io.voucher.crypto.pki.internal} →
	 * {@code io.voucher.crypto}.
	 */
	static String moduleOf(String packageName) {
		String[] parts = packageName.split("\\.");
		return (parts.length >= 3) ? parts[0] + "." + parts[1] + "." + parts[2] : packageName;
	}

}
