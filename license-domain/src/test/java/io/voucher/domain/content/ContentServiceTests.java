package io.voucher.domain.content;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.voucher.crypto.keys.EnvelopeEncryption;
import io.voucher.crypto.keys.EnvelopeException;
import io.voucher.crypto.keys.KeyEncryptionKey;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.voucher.KeyId;
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
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@PostgresTest
@Import({ ContentService.class, ClockConfiguration.class, ContentServiceTests.Keys.class })
class ContentServiceTests {

	static final byte[] INJECTED_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

	static final KeyId INJECTED_KEY_ID = KeyId.ofHex("0123456789abcdef0123456789abcdef");

	@Autowired
	ContentService service;

	@Autowired
	ProviderRepository providers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestEntityManager entityManager;

	UUID provider;

	@BeforeEach
	void provider() {
		this.provider = this.providers
			.save(new Provider("content-" + UUID.randomUUID().toString().substring(0, 8), "Content tests",
					Instant.now()))
			.id();
	}

	@Test
	void createGeneratesOneSixteenByteKeyPerTrack() {
		this.service.create(this.provider, new ContentId("movie-1"), "Movie", List.of(KeyRequest.generate(TrackType.SD),
				KeyRequest.generate(TrackType.HD), KeyRequest.generate(TrackType.AUDIO)));

		List<ContentKeyMaterial> keys = this.service.activeKeys(this.provider, new ContentId("movie-1"));

		assertThat(keys).extracting(ContentKeyMaterial::trackType)
			.containsExactlyInAnyOrder(TrackType.SD, TrackType.HD, TrackType.AUDIO);
		assertThat(keys).allSatisfy((key) -> assertThat(key.key().size()).isEqualTo(16));
		assertThat(keys.get(0).key().equalsSecret(keys.get(1).key())).isFalse();
	}

	@Test
	void injectedKeyIsKeptAndOpensUnderItsKeyId() {
		this.service.create(this.provider, new ContentId("movie-2"), null,
				List.of(new KeyRequest(TrackType.HD, INJECTED_KEY_ID, SecretBytes.copyOf(INJECTED_KEY))));

		ContentKeyMaterial key = this.service.key(this.provider, INJECTED_KEY_ID).orElseThrow();

		assertThat(key.trackType()).isEqualTo(TrackType.HD);
		assertThat(key.key().toByteArray()).isEqualTo(INJECTED_KEY);
	}

	@Test
	void keysAreStoredSealedNeverInClear() {
		this.service.create(this.provider, new ContentId("movie-3"), null,
				List.of(new KeyRequest(TrackType.SD, INJECTED_KEY_ID, SecretBytes.copyOf(INJECTED_KEY))));
		this.service.keys(this.service.get(this.provider, new ContentId("movie-3")));

		List<byte[]> sealed = this.jdbc.queryForList("SELECT sealed_key FROM content_key WHERE provider_id = ?",
				byte[].class, this.provider);
		assertThat(sealed).hasSize(1);
		assertThat(HexFormat.of().formatHex(sealed.get(0))).doesNotContain(HexFormat.of().formatHex(INJECTED_KEY));
	}

	@Test
	void sealedKeyMovedToAnotherRowDoesNotOpen() {
		this.service.create(this.provider, new ContentId("a"), null, List.of(KeyRequest.generate(TrackType.SD)));
		this.service.create(this.provider, new ContentId("b"), null, List.of(KeyRequest.generate(TrackType.SD)));
		this.jdbc.update("UPDATE content_key SET sealed_key = (SELECT k.sealed_key FROM content_key k JOIN content c "
				+ "ON c.id = k.content_row_id WHERE c.content_id = 'a' AND c.provider_id = ?) WHERE content_row_id = "
				+ "(SELECT id FROM content WHERE content_id = 'b' AND provider_id = ?)", this.provider, this.provider);
		this.entityManager.clear();

		assertThatExceptionOfType(EnvelopeException.class)
			.isThrownBy(() -> this.service.activeKeys(this.provider, new ContentId("b")));
	}

	@Test
	void rotateRetiresOldKeyWhichStillOpens() {
		this.service.create(this.provider, new ContentId("series"), null,
				List.of(KeyRequest.generate(TrackType.SD), KeyRequest.generate(TrackType.HD)));
		ContentKeyMaterial oldHd = this.service.activeKeys(this.provider, new ContentId("series"))
			.stream()
			.filter((key) -> key.trackType() == TrackType.HD)
			.findFirst()
			.orElseThrow();

		List<StoredContentKey> after = this.service.rotate(this.provider, new ContentId("series"),
				List.of(KeyRequest.generate(TrackType.HD)));

		assertThat(after).hasSize(3);
		assertThat(after).filteredOn(StoredContentKey::isActive)
			.extracting(StoredContentKey::trackType)
			.containsExactlyInAnyOrder(TrackType.SD, TrackType.HD);
		assertThat(this.service.activeKeys(this.provider, new ContentId("series")))
			.noneMatch((key) -> key.keyId().equals(oldHd.keyId()));
		assertThat(this.service.key(this.provider, oldHd.keyId()).orElseThrow().key().equalsSecret(oldHd.key()))
			.isTrue();
	}

	@Test
	void createWhenContentIdOrKeyIdTakenThenAlreadyExists() {
		this.service.create(this.provider, new ContentId("dup"), null,
				List.of(new KeyRequest(TrackType.SD, INJECTED_KEY_ID, null)));

		assertThatExceptionOfType(ContentAlreadyExistsException.class).isThrownBy(() -> this.service
			.create(this.provider, new ContentId("dup"), null, List.of(KeyRequest.generate(TrackType.SD))));
		assertThatExceptionOfType(ContentAlreadyExistsException.class)
			.isThrownBy(() -> this.service.create(this.provider, new ContentId("other"), null,
					List.of(new KeyRequest(TrackType.SD, INJECTED_KEY_ID, null))));
	}

	@Test
	void invalidRequestsAreRefused() {
		assertThatExceptionOfType(InvalidContentException.class).isThrownBy(() -> new ContentId("has space"));
		assertThatExceptionOfType(InvalidContentException.class)
			.isThrownBy(() -> new KeyRequest(TrackType.SD, null, SecretBytes.copyOf(new byte[15])));
		assertThatExceptionOfType(InvalidContentException.class)
			.isThrownBy(() -> this.service.create(this.provider, new ContentId("x"), null, List.of()));
		assertThatExceptionOfType(InvalidContentException.class)
			.isThrownBy(() -> this.service.create(this.provider, new ContentId("x"), null,
					List.of(KeyRequest.generate(TrackType.SD), KeyRequest.generate(TrackType.SD))));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Keys {

		@Bean
		EnvelopeEncryption envelopeEncryption() {
			return new EnvelopeEncryption(KeyEncryptionKey.generate("test-kek"));
		}

	}

}
