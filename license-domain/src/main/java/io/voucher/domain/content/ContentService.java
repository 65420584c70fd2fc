package io.voucher.domain.content;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.voucher.crypto.keys.EnvelopeEncryption;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Content and its keys. Keys are generated from a strong random source or injected,
 * sealed before they are stored, and only opened for a license. Rotation retires a
 * track's key and adds a new one; retired keys still open for the licenses that carry
 * them.
 */
@Service
public class ContentService {

	private final ContentRepository contents;

	private final StoredContentKeyRepository keys;

	private final EnvelopeEncryption envelope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public ContentService(ContentRepository contents, StoredContentKeyRepository keys, EnvelopeEncryption envelope,
			ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.contents = contents;
		this.keys = keys;
		this.envelope = envelope;
		this.clock = clock;
	}

	/**
	 * Creates content with one key per requested track.
	 * @param providerId the provider
	 * @param contentId the content's id
	 * @param name an optional human-readable name
	 * @param keyRequests one per track, at least one, at most one per track type
	 * @return the content
	 * @throws ContentAlreadyExistsException if the id, or an injected key id, is taken
	 */
	@Transactional
	public Content create(UUID providerId, ContentId contentId, @Nullable String name, List<KeyRequest> keyRequests) {
		if (name != null && (name.isBlank() || name.length() > 200)) {
			throw new InvalidContentException("name", "must be 1-200 characters");
		}
		checkTracks(keyRequests);
		if (this.contents.findByProviderIdAndContentId(providerId, contentId.value()).isPresent()) {
			throw new ContentAlreadyExistsException("Content '" + contentId + "' already exists");
		}
		Content content;
		try {
			content = this.contents.saveAndFlush(new Content(providerId, contentId, name, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw new ContentAlreadyExistsException("Content '" + contentId + "' already exists");
		}
		addKeys(content, keyRequests);
		return content;
	}

	/**
	 * Adds new keys to content: for each requested track, the active key (if any) is
	 * retired and a new one, generated or injected, becomes active.
	 * @param providerId the provider
	 * @param contentId the content
	 * @param keyRequests one per track
	 * @return the content's keys after the change
	 */
	@Transactional
	public List<StoredContentKey> rotate(UUID providerId, ContentId contentId, List<KeyRequest> keyRequests) {
		checkTracks(keyRequests);
		Content content = this.contents.findForKeyChange(providerId, contentId.value())
			.orElseThrow(() -> new ContentNotFoundException(contentId.value()));
		Instant now = this.clock.instant();
		Set<TrackType> rotated = EnumSet.noneOf(TrackType.class);
		keyRequests.forEach((request) -> rotated.add(request.trackType()));
		for (StoredContentKey active : this.keys.findByContentRowIdAndRetiredAtIsNull(content.id())) {
			if (rotated.contains(active.trackType())) {
				active.retire(now);
			}
		}
		this.keys.flush();
		addKeys(content, keyRequests);
		this.events.publishEvent(new ContentKeysRotated(providerId, contentId.value()));
		return keys(content);
	}

	@Transactional(readOnly = true)
	public Content get(UUID providerId, ContentId contentId) {
		return this.contents.findByProviderIdAndContentId(providerId, contentId.value())
			.orElseThrow(() -> new ContentNotFoundException(contentId.value()));
	}

	@Transactional(readOnly = true)
	public Page<Content> list(UUID providerId, Pageable pageable) {
		return this.contents.findByProviderId(providerId, pageable);
	}

	/**
	 * Lists a provider's content whose id or name contains a text, ignoring case.
	 * @param providerId the provider
	 * @param search the text; {@code null} or blank lists it all
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<Content> list(UUID providerId, @Nullable String search, Pageable pageable) {
		if (search == null || search.isBlank()) {
			return list(providerId, pageable);
		}
		return this.contents.search(providerId, likePattern(search), pageable);
	}

	private static String likePattern(String search) {
		String escaped = search.strip()
			.toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return "%" + escaped + "%";
	}

	/**
	 * Lists the keys of content, active and retired, oldest first; key bytes stay sealed.
	 * @param content the content
	 * @return its keys
	 */
	@Transactional(readOnly = true)
	public List<StoredContentKey> keys(Content content) {
		return this.keys.findByContentRowIdOrderByCreatedAt(content.id());
	}

	/**
	 * Opens the active keys of content, for a license.
	 * @param providerId the provider
	 * @param contentId the content
	 * @return one opened key per track that has one
	 */
	@Transactional(readOnly = true)
	public List<ContentKeyMaterial> activeKeys(UUID providerId, ContentId contentId) {
		List<StoredContentKey> active = this.keys.findActiveByProviderIdAndContentId(providerId, contentId.value());
		if (active.isEmpty()) {
			// Tell "no such content" from "no active key".
			get(providerId, contentId);
		}
		return active.stream().map(this::open).toList();
	}

	/**
	 * Opens a key by its key id, active or retired.
	 * @param providerId the provider
	 * @param keyId the key id
	 * @return the opened key, or empty if the provider has no such key
	 */
	@Transactional(readOnly = true)
	public Optional<ContentKeyMaterial> key(UUID providerId, KeyId keyId) {
		return this.keys.findByProviderIdAndKeyId(providerId, keyId.bytes()).map(this::open);
	}

	/**
	 * Opens a key of given content by its key id, active or retired.
	 * @param providerId the provider
	 * @param contentId the content
	 * @param keyId the key id
	 * @return the opened key, or empty if the content has no such key
	 */
	@Transactional(readOnly = true)
	public Optional<ContentKeyMaterial> key(UUID providerId, ContentId contentId, KeyId keyId) {
		Optional<Content> content = this.contents.findByProviderIdAndContentId(providerId, contentId.value());
		if (content.isEmpty()) {
			return Optional.empty();
		}
		return this.keys.findByProviderIdAndKeyId(providerId, keyId.bytes())
			.filter((stored) -> stored.contentRowId().equals(content.get().id()))
			.map(this::open);
	}

	private ContentKeyMaterial open(StoredContentKey stored) {
		SecretBytes key = this.envelope.open(stored.sealedKey(),
				StoredContentKey.sealingIdentity(stored.providerId(), stored.keyId()));
		return new ContentKeyMaterial(stored.trackType(), stored.keyId(), key);
	}

	private void addKeys(Content content, List<KeyRequest> keyRequests) {
		Instant now = this.clock.instant();
		for (KeyRequest request : keyRequests) {
			KeyId keyId = (request.keyId() != null) ? request.keyId() : KeyId.random();
			if (this.keys.existsByProviderIdAndKeyId(content.providerId(), keyId.bytes())) {
				throw new ContentAlreadyExistsException("A key with key id " + keyId + " already exists");
			}
			SecretBytes key = (request.key() != null) ? request.key() : SecretBytes.random(KeyRequest.KEY_LENGTH);
			byte[] sealed = this.envelope.seal(key, StoredContentKey.sealingIdentity(content.providerId(), keyId));
			try {
				this.keys.saveAndFlush(new StoredContentKey(content.providerId(), content.id(), request.trackType(),
						keyId, sealed, (request.key() != null) ? KeySource.INJECTED : KeySource.GENERATED, now));
			}
			catch (DataIntegrityViolationException ex) {
				throw new ContentAlreadyExistsException("A key with key id " + keyId + " already exists");
			}
		}
	}

	private static void checkTracks(List<KeyRequest> keyRequests) {
		if (keyRequests.isEmpty()) {
			throw new InvalidContentException("tracks", "must name at least one track");
		}
		Set<TrackType> seen = EnumSet.noneOf(TrackType.class);
		for (KeyRequest request : keyRequests) {
			if (!seen.add(request.trackType())) {
				throw new InvalidContentException("tracks", "name " + request.trackType() + " more than once");
			}
		}
	}

}
