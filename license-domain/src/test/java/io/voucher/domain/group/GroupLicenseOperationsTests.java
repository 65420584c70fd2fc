package io.voucher.domain.group;

import java.time.Instant;
import java.util.UUID;

import io.voucher.crypto.keys.EnvelopeEncryption;
import io.voucher.crypto.keys.KeyEncryptionKey;
import io.voucher.domain.ClockConfiguration;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderRepository;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The operations the group's owner offers pre-generation: lock a group for a change of
 * its licenses, and move its bundle to a new version.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@PostgresTest
@Import({ GroupService.class, ClockConfiguration.class, GroupLicenseOperationsTests.Keys.class })
class GroupLicenseOperationsTests {

	@Autowired
	GroupService groups;

	@Autowired
	ProviderRepository providers;

	UUID provider;

	@BeforeEach
	void provider() {
		this.provider = this.providers
			.saveAndFlush(new Provider("groups-" + UUID.randomUUID().toString().substring(0, 8), "Group tests",
					Instant.now()))
			.id();
	}

	@Test
	void lockForLicensesReturnsTheGroupAsFindDoes() {
		DeviceGroup group = this.groups.create(this.provider, "Family", 3);

		assertThat(this.groups.lockForLicenses(group.rowId())).contains(this.groups.find(group.rowId()).orElseThrow());
		assertThat(this.groups.lockForLicenseChange(group.rowId()))
			.contains(this.groups.find(group.rowId()).orElseThrow());
	}

	@Test
	void lockForLicensesWhenNoSuchGroupThenEmpty() {
		assertThat(this.groups.lockForLicenses(UUID.randomUUID())).isEmpty();
		assertThat(this.groups.lockForLicenseChange(UUID.randomUUID())).isEmpty();
	}

	@Test
	void bundleChangedMovesTheBundleToANewVersion() {
		DeviceGroup group = this.groups.create(this.provider, "Family", 3);

		this.groups.bundleChanged(group.rowId());
		this.groups.bundleChanged(group.rowId());

		assertThat(this.groups.find(group.rowId()).orElseThrow().bundleVersion()).isEqualTo(group.bundleVersion() + 2);
	}

	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void lockForLicensesWhenNoTransactionThenRefused() {
		// A lock outside a transaction would be released at once: a caller's mistake.
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.groups.lockForLicenses(UUID.randomUUID()));
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.groups.bundleChanged(UUID.randomUUID()));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Keys {

		@Bean
		EnvelopeEncryption envelopeEncryption() {
			return new EnvelopeEncryption(KeyEncryptionKey.generate("test-kek"));
		}

	}

}
