package io.voucher.api.content;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.SearchParameter;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.Content;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.InvalidContentException;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.content.KeySource;
import io.voucher.domain.content.StoredContentKey;
import io.voucher.domain.entitlement.ContentDeletion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's content and its keys: one key per track type, generated or injected,
 * rotated without breaking licenses already issued. Key bytes leave only through the
 * export operation, for credentials created for it.
 */
@RestController
@RequestMapping("/api/v1/contents")
@Tag(name = "Content", description = "Content and its keys (generate, inject, rotate); key bytes are never returned")
class ContentController {

	private static final Map<String, String> SORTABLE = Map.of("content_id", "contentId", "created_at", "createdAt");

	private static final Logger logger = LoggerFactory.getLogger(ContentController.class);

	private final ContentService contents;

	private final ContentDeletion deletion;

	private final ProviderScope scope;

	ContentController(ContentService contents, ContentDeletion deletion, ProviderScope scope) {
		this.contents = contents;
		this.deletion = deletion;
		this.scope = scope;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createContent", summary = "Create content with one key per listed track")
	ResponseEntity<ContentResponse> create(@RequestBody CreateContentRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.contentId() == null) {
			throw new InvalidContentException("content_id", "is required");
		}
		ContentId contentId = new ContentId(request.contentId());
		Content content = this.contents.create(owner.providerId(), contentId, request.name(),
				keyRequests(request.keys()));
		return ResponseEntity.created(URI.create("/api/v1/contents/" + contentId.value()))
			.body(ContentResponse.of(content, this.contents.keys(content)));
	}

	@GetMapping
	@Operation(operationId = "listContents", summary = "List content, paged; search by id or name")
	PageResponse<ContentResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@RequestParam(required = false) @Nullable String sort,
			@Parameter(
					description = SearchParameter.DESCRIPTION + "part of the content id or of its name") @RequestParam(
							required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return PageResponse.of(
				this.contents.list(owner.providerId(), SearchParameter.of(q),
						PageRequests.of(page, size, sort, SORTABLE, Sort.by("contentId"))),
				(content) -> ContentResponse.of(content, this.contents.keys(content)));
	}

	@GetMapping("/{contentId}")
	@Operation(operationId = "getContent", summary = "Get content and its keys' metadata")
	ContentResponse get(@PathVariable String contentId, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		Content content = this.contents.get(owner.providerId(), new ContentId(contentId));
		return ContentResponse.of(content, this.contents.keys(content));
	}

	@DeleteMapping("/{contentId}")
	@Operation(operationId = "deleteContent", summary = "Delete content and withdraw everything that depends on it",
			description = "In one transaction: every live entitlement of the content (of generated IDs and of device "
					+ "groups) is withdrawn, as withdrawing an entitlement does, so that its pre-generated and "
					+ "group licenses leave the bundles; its keys, active and retired, are deleted, so that no new "
					+ "license can carry them; the content is deleted. License requests for it are then answered "
					+ "as for unknown content. Issued-license records, withdrawn entitlements and the audit trail "
					+ "stay. 200 with what was withdrawn; deleting again answers 404 CONTENT_NOT_FOUND. With "
					+ "dry_run=true nothing changes: 200 with what a deletion would withdraw now.")
	@ApiResponse(responseCode = "200",
			description = "What was withdrawn; with dry_run=true, what a deletion would withdraw, nothing changed")
	ContentDeletionResponse delete(@PathVariable String contentId,
			@Parameter(description = "Count what a deletion would withdraw, change nothing") @RequestParam(
					name = "dry_run", defaultValue = "false") boolean dryRun,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		ContentId id = new ContentId(contentId);
		ContentDeletion.Summary summary = dryRun ? this.deletion.preview(owner.providerId(), id)
				: this.deletion.delete(owner.providerId(), id);
		if (!dryRun) {
			logger.info("Content '{}' deleted by {}: {} entitlements withdrawn, {} keys deleted", id,
					authentication.getName(), summary.entitlements(), summary.keys());
		}
		return ContentDeletionResponse.of(summary, dryRun);
	}

	@PostMapping("/{contentId}/keys")
	@Operation(operationId = "rotateContentKeys",
			summary = "Add keys: each listed track gets a new active key (generated or injected); its previous "
					+ "key is retired but still opens licenses issued with it")
	ContentResponse rotate(@PathVariable String contentId, @RequestBody RotateKeysRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		ContentId id = new ContentId(contentId);
		this.contents.rotate(owner.providerId(), id, keyRequests(request.keys()));
		Content content = this.contents.get(owner.providerId(), id);
		return ContentResponse.of(content, this.contents.keys(content));
	}

	@PostMapping("/{contentId}/keys/export")
	@Operation(operationId = "exportContentKeys",
			summary = "Export content keys in clear, for a packager: only with a credential created with key_export",
			description = "Without key_ids, the active keys; with key_ids, those keys (active or retired). The answer "
					+ "is not cacheable. Every export is logged with the credential's prefix.")
	ResponseEntity<KeyExportResponse> export(@PathVariable String contentId,
			@RequestBody(required = false) @Nullable KeyExportRequest request, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, null);
		ContentId id = new ContentId(contentId);
		List<ContentKeyMaterial> keys;
		if (request == null || request.keyIds() == null || request.keyIds().isEmpty()) {
			keys = this.contents.activeKeys(owner.providerId(), id);
		}
		else {
			keys = new ArrayList<>();
			for (int i = 0; i < request.keyIds().size(); i++) {
				KeyId keyId = new KeyId(decode("key_ids[" + i + "]", request.keyIds().get(i), 16));
				keys.add(this.contents.key(owner.providerId(), id, keyId)
					.orElseThrow(
							() -> new InvalidContentException("key_ids", "names a key id this content does not have: "
									+ Base64.getEncoder().encodeToString(keyId.bytes()))));
			}
		}
		logger.info("Content keys of '{}' exported by {}: {}", id, authentication.getName(),
				keys.stream().map((key) -> key.keyId().toString()).toList());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new KeyExportResponse(id.value(), keys.stream().map(ExportedKey::of).toList()));
	}

	private static List<KeyRequest> keyRequests(@Nullable List<KeySpec> specs) {
		if (specs == null || specs.isEmpty()) {
			throw new InvalidContentException("keys", "must list at least one track");
		}
		List<KeyRequest> requests = new ArrayList<>();
		for (int i = 0; i < specs.size(); i++) {
			KeySpec spec = specs.get(i);
			String field = "keys[" + i + "]";
			if (spec.trackType() == null) {
				throw new InvalidContentException(field + ".track_type", "is required");
			}
			KeyId keyId = (spec.keyId() != null) ? new KeyId(decode(field + ".key_id", spec.keyId(), 16)) : null;
			SecretBytes key = (spec.key() != null) ? SecretBytes.copyOf(decode(field + ".key", spec.key(), 16)) : null;
			requests.add(new KeyRequest(spec.trackType(), keyId, key));
		}
		return requests;
	}

	private static byte[] decode(String field, String base64, int length) {
		byte[] bytes;
		try {
			bytes = (base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(base64)
					: Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContentException(field, "is not valid base64");
		}
		if (bytes.length != length) {
			throw new InvalidContentException(field, "must be " + length + " bytes");
		}
		return bytes;
	}

	@Schema(name = "ContentKeySpec",
			description = "One track's key, as in the license template's content_key_specs: generated when `key` is "
					+ "absent, injected otherwise")
	record KeySpec(@Schema(description = "The track") @Nullable TrackType trackType,
			@Schema(description = "Key id, 16 bytes in base64; generated when absent",
					example = "ASNFZ4mrze8BI0VniavN7w==") @Nullable String keyId,
			@Schema(description = "Content key to inject, 16 bytes in base64; generated when absent",
					example = "ABEiM0RVZneImaq7zN3u/w==") @Nullable String key) {

		@Override
		public String toString() {
			return "KeySpec[" + this.trackType + "]";
		}

	}

	@Schema(name = "KeyExportRequest")
	record KeyExportRequest(@Schema(
			description = "Key ids (base64) to export; all active keys when absent") @Nullable List<String> keyIds) {
	}

	@Schema(name = "ExportedContentKey", description = "A content key in clear")
	record ExportedKey(TrackType trackType, String keyId, String keyIdHex,
			@Schema(description = "The key, base64") String key, @Schema(description = "The key, hex") String keyHex) {

		static ExportedKey of(ContentKeyMaterial material) {
			byte[] keyId = material.keyId().bytes();
			byte[] key = material.key().toByteArray();
			return new ExportedKey(material.trackType(), Base64.getEncoder().encodeToString(keyId),
					HexFormat.of().formatHex(keyId), Base64.getEncoder().encodeToString(key),
					HexFormat.of().formatHex(key));
		}

		@Override
		public String toString() {
			return "ExportedKey[" + this.trackType + ", " + this.keyId + "]";
		}

	}

	@Schema(name = "KeyExport")
	record KeyExportResponse(String contentId, List<ExportedKey> keys) {

		@Override
		public String toString() {
			return "KeyExportResponse[" + this.contentId + ", " + this.keys.size() + " keys]";
		}

	}

	@Schema(name = "CreateContentRequest")
	record CreateContentRequest(
			@Schema(description = "The provider's id of the content (plain string)",
					example = "movie-2026-001") @Nullable String contentId,
			@Schema(description = "Human-readable name", example = "The Movie") @Nullable String name,
			@Schema(description = "One entry per track type") @Nullable List<KeySpec> keys) {
	}

	@Schema(name = "RotateKeysRequest")
	record RotateKeysRequest(@Schema(description = "One entry per track to rotate") @Nullable List<KeySpec> keys) {
	}

	@Schema(name = "ContentKey", description = "A content key's metadata; the key itself is never returned")
	record KeyResponse(TrackType trackType, @Schema(description = "Key id in base64") String keyId,
			@Schema(description = "Key id in hex, as packagers take it") String keyIdHex, KeySource source,
			boolean active, Instant createdAt, @Nullable Instant retiredAt) {

		static KeyResponse of(StoredContentKey key) {
			byte[] keyId = key.keyId().bytes();
			return new KeyResponse(key.trackType(), Base64.getEncoder().encodeToString(keyId),
					HexFormat.of().formatHex(keyId), key.source(), key.isActive(), key.createdAt(), key.retiredAt());
		}

	}

	@Schema(name = "ContentDeletion",
			description = "What a content deletion withdrew (or, for a dry run, would " + "withdraw)")
	record ContentDeletionResponse(@Schema(description = "The content id") String contentId,
			@Schema(description = "true when nothing was changed (dry_run=true)") boolean dryRun,
			@Schema(description = "Live entitlements withdrawn: device_entitlements + group_entitlements",
					example = "3") int entitlementsWithdrawn,
			@Schema(description = "Of those, entitlements of generated IDs; their pre-generated licenses are "
					+ "withdrawn with them") int deviceEntitlements,
			@Schema(description = "Of those, entitlements of device groups; their group licenses are withdrawn "
					+ "with them") int groupEntitlements,
			@Schema(description = "Content keys deleted, active and retired") int keysDeleted) {

		static ContentDeletionResponse of(ContentDeletion.Summary summary, boolean dryRun) {
			return new ContentDeletionResponse(summary.contentId(), dryRun, summary.entitlements(),
					summary.deviceEntitlements(), summary.groupEntitlements(), summary.keys());
		}

	}

	@Schema(name = "Content")
	record ContentResponse(String contentId, @Nullable String name, Instant createdAt, List<KeyResponse> keys) {

		static ContentResponse of(Content content, List<StoredContentKey> keys) {
			return new ContentResponse(content.contentId(), content.name(), content.createdAt(),
					keys.stream().map(KeyResponse::of).toList());
		}

	}

}
