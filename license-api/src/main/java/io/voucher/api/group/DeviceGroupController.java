package io.voucher.api.group;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.SearchParameter;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupException;
import io.voucher.domain.group.GroupMember.LeaveReason;
import io.voucher.domain.group.GroupMember;
import io.voucher.domain.group.GroupService.JoinToken;
import io.voucher.domain.group.GroupService;
import org.jspecify.annotations.Nullable;

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
 * A provider's device groups: create them, issue single-use join tokens for devices,
 * remove members (the group key rolls), delete groups.
 */
@RestController
@RequestMapping("/api/v1/device-groups")
@Tag(name = "Device groups", description = "Groups of devices that share licenses (domains)")
class DeviceGroupController {

	private final GroupService groups;

	private final ProviderScope scope;

	DeviceGroupController(GroupService groups, ProviderScope scope) {
		this.groups = groups;
		this.scope = scope;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createDeviceGroup",
			summary = "Create a device group with a fresh group key (generation 1)")
	ResponseEntity<DeviceGroupResponse> create(@RequestBody CreateGroupRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.name() == null) {
			throw new GroupException(GroupException.Reason.INVALID, "name is required");
		}
		DeviceGroup group = this.groups.create(owner.providerId(), request.name(), request.maxMembers());
		return ResponseEntity.created(URI.create("/api/v1/device-groups/" + group.groupId()))
			.body(DeviceGroupResponse.of(group, List.of()));
	}

	@GetMapping
	@Operation(operationId = "listDeviceGroups", summary = "List device groups, newest first, paged; search")
	PageResponse<DeviceGroupResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@Parameter(description = SearchParameter.DESCRIPTION
					+ "part of the group's name, or the start of its group id") @RequestParam(
							required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return PageResponse.of(
				this.groups.list(owner.providerId(), SearchParameter.of(q),
						PageRequests.of(page, size, null, java.util.Map.of(), Sort.unsorted())),
				(group) -> DeviceGroupResponse.of(group, null));
	}

	@GetMapping("/{groupId}")
	@Operation(operationId = "getDeviceGroup", summary = "Get a device group with its members and key generation")
	DeviceGroupResponse get(@PathVariable String groupId, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		DeviceGroup group = this.groups.get(owner.providerId(), groupId);
		return DeviceGroupResponse.of(group, this.groups.members(group, false));
	}

	@DeleteMapping("/{groupId}")
	@Operation(operationId = "deleteDeviceGroup",
			summary = "Delete a device group: members are let go, its entitlements and licenses withdrawn")
	DeviceGroupResponse delete(@PathVariable String groupId, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return DeviceGroupResponse.of(this.groups.delete(owner.providerId(), groupId), List.of());
	}

	@PostMapping("/{groupId}/join-tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createDeviceGroupJoinToken",
			summary = "A short-lived, single-use token the app hands to a device to join the group (shown once)")
	ResponseEntity<JoinTokenResponse> joinToken(@PathVariable String groupId,
			@RequestBody(required = false) @Nullable JoinTokenRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		Duration validity = (request != null && request.validitySeconds() != null)
				? Duration.ofSeconds(request.validitySeconds()) : null;
		JoinToken token = this.groups.issueJoinToken(owner.providerId(), groupId, validity);
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(new JoinTokenResponse(token.token(), token.groupId(), token.expiresAt()));
	}

	@DeleteMapping("/{groupId}/members/{fingerprint}")
	@Operation(operationId = "removeDeviceGroupMember",
			summary = "Remove a member; the group key rolls, so licenses issued from now on do not open on it")
	DeviceGroupResponse removeMember(@PathVariable String groupId, @PathVariable String fingerprint,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		DeviceGroup group = this.groups.get(owner.providerId(), groupId);
		DeviceGroup rolled = this.groups.leave(group.groupId(), fingerprint, LeaveReason.REMOVED);
		return DeviceGroupResponse.of(rolled, this.groups.members(rolled, false));
	}

	@Schema(name = "CreateDeviceGroupRequest")
	record CreateGroupRequest(
			@Schema(description = "A name for people", example = "Smith family") @Nullable String name,
			@Schema(description = "The most members it may have (1-1000)",
					defaultValue = "5") @Nullable Integer maxMembers) {
	}

	@Schema(name = "CreateJoinTokenRequest")
	record JoinTokenRequest(@Schema(description = "How long the token may be used, in seconds (at most 7 days)",
			defaultValue = "900") @Nullable Long validitySeconds) {
	}

	@Schema(name = "DeviceGroupJoinToken")
	record JoinTokenResponse(@Schema(description = "The single-use token; shown once") String token, String groupId,
			Instant expiresAt) {
	}

	@Schema(name = "DeviceGroup")
	record DeviceGroupResponse(String groupId, String name, int maxMembers,
			@Schema(description = "The current group key generation") long generation, int activeMembers,
			Instant createdAt, @Nullable Instant deletedAt,
			@Schema(description = "The active members (on a single group only)") @Nullable List<Member> members) {

		static DeviceGroupResponse of(DeviceGroup group, @Nullable List<GroupMember> members) {
			return new DeviceGroupResponse(group.groupId(), group.name(), group.maxMembers(), group.generation(),
					group.activeMembers(), group.createdAt(), group.deletedAt(),
					(members != null) ? members.stream()
						.map((member) -> new Member(member.fingerprint(), member.joinedAt()))
						.toList() : null);
		}

	}

	@Schema(name = "DeviceGroupMember")
	record Member(@Schema(description = "base64url SHA-256 of the device certificate") String fingerprint,
			Instant joinedAt) {
	}

}
