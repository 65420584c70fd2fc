package io.voucher.api.group;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.audit.AuditRecorder;
import io.voucher.api.license.LicenseProperties;
import io.voucher.api.web.ApiException;
import io.voucher.api.metrics.BundleMetrics;
import io.voucher.api.metrics.CryptoTimers;
import io.voucher.api.web.BundleCaching;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.challenge.ChallengeRejectedException;
import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.challenge.VerifiedGroupRequest;
import io.voucher.crypto.group.GroupCredentialIssuer;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupMember.LeaveReason;
import io.voucher.domain.group.GroupProperties;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.group.GroupService.Membership;
import io.voucher.domain.license.ChallengeNonces;
import io.voucher.domain.license.ReplayedChallengeException;
import io.voucher.registry.pregeneration.Bundles;
import io.voucher.registry.pregeneration.Bundles.GroupBundle;
import io.voucher.registry.admission.DeviceAdmission;
import io.voucher.registry.revocation.DeviceKeys;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device side of device groups. Every call but the bundle carries a group request
 * signed by the device key in {@code Authorization: Device <compact JWS>}; joining and
 * leaving use it up (single use), fetching the credential may repeat it within its
 * freshness window.
 */
@RestController
@RequestMapping("/device/v1/device-groups/{groupId}")
@Tag(name = "Device", description = "Device API: individualization, trust and revocation list")
class DeviceGroupDeviceController {

	private static final String SCHEME = "Device ";

	private final ChallengeVerifier verifier;

	private final GroupService groups;

	private final GroupCredentialIssuer credentials;

	private final DeviceAdmission admission;

	private final DeviceKeys keys;

	private final ChallengeNonces nonces;

	private final Bundles bundles;

	private final TransactionTemplate transaction;

	private final GroupProperties properties;

	private final LicenseProperties licenseProperties;

	private final Clock clock;

	private final CryptoTimers crypto;

	private final BundleMetrics bundleMetrics;

	DeviceGroupDeviceController(ChallengeVerifier verifier, GroupService groups, GroupCredentialIssuer credentials,
			DeviceAdmission admission, DeviceKeys keys, ChallengeNonces nonces, Bundles bundles,
			TransactionTemplate transaction, GroupProperties properties, LicenseProperties licenseProperties,
			Clock clock, CryptoTimers crypto, BundleMetrics bundleMetrics) {
		this.crypto = crypto;
		this.bundleMetrics = bundleMetrics;
		this.clock = clock;
		this.verifier = verifier;
		this.groups = groups;
		this.credentials = credentials;
		this.admission = admission;
		this.keys = keys;
		this.nonces = nonces;
		this.bundles = bundles;
		this.transaction = transaction;
		this.properties = properties;
		this.licenseProperties = licenseProperties;
	}

	@PostMapping("/members")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "joinDeviceGroup",
			summary = "Join a device group with a join token (a signed JOIN request); answers the group credential",
			description = "409 GROUP_FULL when the group has its maximum number of members; 403 JOIN_TOKEN_REJECTED "
					+ "for an unknown, used or expired token; 403 DEVICE_REVOKED, DEVICE_BLOCKED or DEVICE_NOT_ADMITTED "
					+ "when the device is revoked, blocked by the group's provider or not admitted by it. A device "
					+ "that is already a member gets its credential again without using up the token.")
	@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.AUTHORIZATION, required = true,
			description = "Device <compact JWS of a voucher-group-request+jwt with action JOIN and join_token>")
	ResponseEntity<GroupCredentialResponse> join(@PathVariable String groupId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			HttpServletRequest http) {
		VerifiedGroupRequest request = verify(authorization, groupId, GroupRequest.Action.JOIN);
		AuditRecorder.device(http, request.device().fingerprint().value());
		Membership membership = this.transaction.execute((status) -> {
			claim(request);
			this.keys.remember(request.device());
			return this.groups.join(groupId, request.request().joinToken(), request.device());
		});
		GroupCredentialResponse body = credential(membership, request);
		return ResponseEntity.created(URI.create("/device/v1/device-groups/" + groupId + "/credential")).body(body);
	}

	@DeleteMapping("/members/{fingerprint}")
	@Operation(operationId = "leaveDeviceGroup",
			summary = "Leave a device group (a signed LEAVE request by that device); the group key rolls")
	@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.AUTHORIZATION, required = true,
			description = "Device <compact JWS of a voucher-group-request+jwt with action LEAVE>")
	GroupGenerationResponse leave(@PathVariable String groupId, @PathVariable String fingerprint,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			HttpServletRequest http) {
		VerifiedGroupRequest request = verify(authorization, groupId, GroupRequest.Action.LEAVE);
		AuditRecorder.device(http, request.device().fingerprint().value());
		if (!request.device().fingerprint().value().equals(fingerprint)) {
			throw new ApiException(ProblemCode.INVALID_DEVICE_REQUEST,
					"A device can only take itself out of a group; use the provider API to remove another");
		}
		DeviceGroup group = this.transaction.execute((status) -> {
			claim(request);
			return this.groups.leave(groupId, fingerprint, LeaveReason.LEFT);
		});
		return new GroupGenerationResponse(group.groupId(), group.generation());
	}

	@GetMapping("/credential")
	@Operation(operationId = "getDeviceGroupCredential",
			summary = "The credential of the group's current key generation, for a member (a signed CREDENTIAL "
					+ "request)",
			description = "Members fetch it after the key rolls (a member left) to open licenses issued since. "
					+ "403 GROUP_MEMBERSHIP_REQUIRED for a device that is not a member; 403 DEVICE_REVOKED when the "
					+ "device certificate is revoked.")
	@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.AUTHORIZATION, required = true,
			description = "Device <compact JWS of a voucher-group-request+jwt with action CREDENTIAL>")
	ResponseEntity<GroupCredentialResponse> credential(@PathVariable String groupId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		VerifiedGroupRequest request = verify(authorization, groupId, GroupRequest.Action.CREDENTIAL);
		Membership membership = this.groups.membership(groupId, request.device().fingerprint().value());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(credential(membership, request));
	}

	@GetMapping("/licenses")
	@Operation(operationId = "getDeviceGroupBundle",
			summary = "The out-of-band bundle of a device group: its current, unexpired licenses, bound to its "
					+ "current key generation",
			description = "An expired license leaves the bundle at once (one whose policy allows renewal is made "
					+ "again shortly). Strong ETag; If-None-Match answers 304 when unchanged. 404 GROUP_NOT_FOUND, "
					+ "410 GROUP_GONE.")
	ResponseEntity<GroupBundleResponse> bundle(@PathVariable String groupId,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		GroupBundle bundle = this.bundles.groupBundle(groupId);
		String etag = bundle.etag();
		if (BundleCaching.notModified(ifNoneMatch, etag)) {
			this.bundleMetrics.notModified(BundleMetrics.Kind.GROUP);
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(etag)
				.cacheControl(BundleCaching.BUNDLES)
				.build();
		}
		this.bundleMetrics.downloaded(BundleMetrics.Kind.GROUP);
		return ResponseEntity.ok()
			.eTag(etag)
			.cacheControl(BundleCaching.BUNDLES)
			.body(new GroupBundleResponse(bundle.groupId(), bundle.generation(), bundle.version(),
					bundle.licenses()
						.stream()
						.map((license) -> new GroupBundleResponse.License(license.licenseId(), license.contentId(),
								license.license(), license.issuedAt(), license.expiresAt()))
						.toList()));
	}

	private VerifiedGroupRequest verify(@Nullable String authorization, String groupId, GroupRequest.Action action) {
		if (authorization == null || !authorization.startsWith(SCHEME)) {
			throw new ApiException(ProblemCode.INVALID_DEVICE_REQUEST,
					"The request must carry 'Authorization: Device <signed group request>'");
		}
		VerifiedGroupRequest request;
		try {
			String signed = authorization.substring(SCHEME.length()).trim();
			request = this.crypto.time(CryptoTimers.Operation.VERIFY_GROUP_REQUEST,
					() -> this.verifier.verifyGroupRequest(signed));
		}
		catch (ChallengeRejectedException ex) {
			throw new ApiException(ProblemCode.INVALID_DEVICE_REQUEST,
					"The signed group request was refused (" + ex.reason() + "): " + ex.getMessage());
		}
		if (request.request().action() != action || !request.request().groupId().value().equals(groupId)) {
			throw new ApiException(ProblemCode.INVALID_DEVICE_REQUEST,
					"The signed request is for " + request.request().action() + " on another group or operation");
		}
		// The group's provider decides whether it admits the device; an unknown group is
		// answered by the operation itself.
		this.groups.find(groupId).ifPresent((group) -> this.admission.check(group.providerId(), request.device()));
		return request;
	}

	private void claim(VerifiedGroupRequest request) {
		try {
			this.nonces.claim(request.jti(),
					request.request().issuedAt().plus(this.licenseProperties.challengeMaxSkew()).plusSeconds(60));
		}
		catch (ReplayedChallengeException ex) {
			throw new ApiException(ProblemCode.DEVICE_REQUEST_REPLAYED, "The signed request was used before");
		}
	}

	private GroupCredentialResponse credential(Membership membership, VerifiedGroupRequest request) {
		Instant expiresAt = this.clock.instant().plus(this.properties.credentialValidity());
		String credential = this.crypto.time(CryptoTimers.Operation.ISSUE_GROUP_CREDENTIAL,
				() -> this.credentials.issue(membership.key(), request.device(), expiresAt));
		return new GroupCredentialResponse(membership.group().groupId(), membership.group().generation(), credential,
				expiresAt);
	}

	@Schema(name = "DeviceGroupCredential")
	record GroupCredentialResponse(String groupId,
			@Schema(description = "The group key generation the credential holds") long generation,
			@Schema(description = "The group credential: a compact JWS (voucher-group-credential+jwt) carrying the "
					+ "group private key as a JWE to the device key") String credential,
			Instant expiresAt) {
	}

	@Schema(name = "DeviceGroupGeneration")
	record GroupGenerationResponse(String groupId,
			@Schema(description = "The group's new key generation") long generation) {
	}

	@Schema(name = "DeviceGroupBundle")
	record GroupBundleResponse(String groupId,
			@Schema(description = "The key generation the licenses are bound to") long generation,
			@Schema(description = "Grows with every change of the bundle") long version, List<License> licenses) {

		@Schema(name = "DeviceGroupBundledLicense")
		record License(String licenseId, String contentId,
				@Schema(description = "The license: a compact JWS bound to the group") String license, Instant issuedAt,
				Instant expiresAt) {
		}

	}

}
