package io.voucher.api.architecture;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.voucher.api.archfixture.ApiThing;
import io.voucher.crypto.archfixture.CryptoReachingIntoApi;
import io.voucher.crypto.archfixture.CryptoUsingSpring;
import io.voucher.domain.archfixture.DomainThing;
import io.voucher.domain.archfixture.internal.Hidden;
import io.voucher.registry.archfixture.RegistryUsingDomainInternals;
import io.voucher.registry.archfixturecyclea.CycleFirst;
import io.voucher.registry.archfixturecycleb.CycleSecond;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shows that the module rules catch what they are meant to catch, on fixture classes that
 * break them on purpose.
 */
class ArchitectureRulesTests {

	private static final JavaClasses allowed = new ClassFileImporter().importClasses(ApiThing.class, DomainThing.class,
			Hidden.class);

	@Test
	void moduleDependenciesWhenCryptoDependsOnApiThenViolated() {
		JavaClasses classes = new ClassFileImporter().importClasses(CryptoReachingIntoApi.class, ApiThing.class);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> VoucherArchitecture.moduleDependencies().check(classes))
			.withMessageContaining(CryptoReachingIntoApi.class.getName())
			.withMessageContaining(ApiThing.class.getName());
	}

	@Test
	void moduleDependenciesWhenApiUsesDomainThenAllowed() {
		assertThatCode(() -> VoucherArchitecture.moduleDependencies().check(allowed)).doesNotThrowAnyException();
	}

	@Test
	void cycleCheckWhenTwoPackagesUseEachOtherThenNewCycle() {
		JavaClasses classes = new ClassFileImporter().importClasses(CycleFirst.class, CycleSecond.class);

		assertThat(PackageCycles.newCycles(classes, PackageCycles.KNOWN))
			.containsExactly("Packages in a cycle: registry.archfixturecyclea, registry.archfixturecycleb");
	}

	@Test
	void cycleCheckWhenTheCycleIsKnownThenAllowed() {
		JavaClasses classes = new ClassFileImporter().importClasses(CycleFirst.class, CycleSecond.class);

		assertThat(PackageCycles.newCycles(classes,
				List.of(Set.of("registry.archfixturecyclea", "registry.archfixturecycleb", "registry.other"))))
			.isEmpty();
	}

	@Test
	void cycleCheckWhenDependenciesPointOneWayThenNone() {
		assertThat(PackageCycles.cyclicGroups(allowed)).isEmpty();
	}

	@Test
	void plainJavaRuleWhenCryptoUsesSpringThenViolated() {
		JavaClasses classes = new ClassFileImporter().importClasses(CryptoUsingSpring.class);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> VoucherArchitecture.deviceSideModulesStayPlainJava().check(classes))
			.withMessageContaining(CryptoUsingSpring.class.getName())
			.withMessageContaining("org.springframework.util.StringUtils");
	}

	@Test
	void internalRuleWhenAnotherModuleUsesInternalClassThenViolated() {
		JavaClasses classes = new ClassFileImporter().importClasses(RegistryUsingDomainInternals.class, Hidden.class);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> VoucherArchitecture.internalPackagesStayInTheirModule().check(classes))
			.withMessageContaining(RegistryUsingDomainInternals.class.getName())
			.withMessageContaining("io.voucher.domain's internals");
	}

	@Test
	void internalRuleWhenOwnModuleUsesInternalClassThenAllowed() {
		assertThatCode(() -> VoucherArchitecture.internalPackagesStayInTheirModule().check(allowed))
			.doesNotThrowAnyException();
	}

}
