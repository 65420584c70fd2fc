package io.voucher.domain.policy;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.ClockConfiguration;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderRepository;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@PostgresTest
@Import({ PolicyService.class, ClockConfiguration.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PolicyServiceTests {

	static final PlaybackPolicy STREAMING = PlaybackPolicy.builder().canPlay(true).licenseDurationSeconds(3600).build();

	@Autowired
	PolicyService service;

	@Autowired
	ProviderRepository providers;

	UUID provider;

	UUID otherProvider;

	@BeforeEach
	void providers() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.provider = this.providers.save(new Provider("p-" + suffix, "P", Instant.now())).id();
		this.otherProvider = this.providers.save(new Provider("q-" + suffix, "Q", Instant.now())).id();
	}

	@Test
	void createThenGetReturnsSettingsAtFirstRevision() {
		this.service.create(this.provider, new PolicyName("streaming"), STREAMING, Map.of());

		Policy stored = this.service.get(this.provider, new PolicyName("streaming"));

		assertThat(stored.settings()).isEqualTo(STREAMING);
		assertThat(stored.revision()).isZero();
	}

	@Test
	void updateWhenSettingsChangeThenRevisionGrows() {
		this.service.create(this.provider, new PolicyName("streaming"), STREAMING, Map.of());
		PlaybackPolicy offline = STREAMING.toBuilder().canPersist(true).build();

		Policy updated = this.service.update(this.provider, new PolicyName("streaming"), offline, Map.of());

		assertThat(updated.revision()).isEqualTo(1);
		assertThat(this.service.get(this.provider, new PolicyName("streaming")).settings().canPersist()).isTrue();
	}

	@Test
	void trackRequirementsAreStoredAndReplaced() {
		this.service.create(this.provider, new PolicyName("tiered"), STREAMING,
				Map.of(TrackType.HD, new TrackRequirement(SecurityLevel.of(3), HdcpVersion.HDCP_V1), TrackType.UHD1,
						new TrackRequirement(SecurityLevel.of(5), HdcpVersion.HDCP_V2)));

		assertThat(this.service.get(this.provider, new PolicyName("tiered")).trackRequirements())
			.containsEntry(TrackType.HD, new TrackRequirement(SecurityLevel.of(3), HdcpVersion.HDCP_V1))
			.containsEntry(TrackType.UHD1, new TrackRequirement(SecurityLevel.of(5), HdcpVersion.HDCP_V2))
			.hasSize(2);
		this.service.update(this.provider, new PolicyName("tiered"), STREAMING,
				Map.of(TrackType.SD, new TrackRequirement(SecurityLevel.of(2), HdcpVersion.HDCP_NONE)));
		assertThat(this.service.get(this.provider, new PolicyName("tiered")).trackRequirements())
			.containsOnlyKeys(TrackType.SD);
	}

	@Test
	void createWhenNameTakenThenAlreadyExists() {
		this.service.create(this.provider, new PolicyName("streaming"), STREAMING, Map.of());

		assertThatExceptionOfType(PolicyAlreadyExistsException.class)
			.isThrownBy(() -> this.service.create(this.provider, new PolicyName("streaming"), STREAMING, Map.of()));
	}

	@Test
	void sameNameUnderAnotherProviderIsAnotherPolicy() {
		this.service.create(this.provider, new PolicyName("streaming"), STREAMING, Map.of());

		assertThatExceptionOfType(PolicyNotFoundException.class)
			.isThrownBy(() -> this.service.get(this.otherProvider, new PolicyName("streaming")));
		this.service.create(this.otherProvider, new PolicyName("streaming"), PlaybackPolicy.DEFAULTS, Map.of());
		assertThat(this.service.get(this.provider, new PolicyName("streaming")).settings()).isEqualTo(STREAMING);
	}

	@Test
	void concurrentCreatesOfOneNameEndInOnePolicy() throws Exception {
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Callable<Boolean> create = () -> {
					start.await();
					try {
						this.service.create(this.provider, new PolicyName("race"), STREAMING, Map.of());
						return true;
					}
					catch (PolicyAlreadyExistsException ex) {
						return false;
					}
				};
				results.add(executor.submit(create));
			}
			start.countDown();
			int created = 0;
			for (Future<Boolean> result : results) {
				created += result.get() ? 1 : 0;
			}
			assertThat(created).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.service.list(this.provider, PageRequest.of(0, 10)).getTotalElements()).isEqualTo(1);
	}

	@Test
	void listIsPagedAndSorted() {
		for (String name : new String[] { "c", "a", "b" }) {
			this.service.create(this.provider, new PolicyName(name), STREAMING, Map.of());
		}

		Page<Policy> first = this.service.list(this.provider, PageRequest.of(0, 2, Sort.by("name")));

		assertThat(first.getTotalElements()).isEqualTo(3);
		assertThat(first.getContent()).extracting(Policy::name).containsExactly("a", "b");
	}

	@Test
	void deleteThenGone() {
		this.service.create(this.provider, new PolicyName("gone"), STREAMING, Map.of());

		this.service.delete(this.provider, new PolicyName("gone"));

		assertThatExceptionOfType(PolicyNotFoundException.class)
			.isThrownBy(() -> this.service.get(this.provider, new PolicyName("gone")));
	}

	@Test
	void policyNameWhenInvalidThenRefused() {
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> new PolicyName("has space"));
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> new PolicyName(""));
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> new PolicyName("x".repeat(101)));
	}

}
