package io.voucher.client.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.voucher.client.internal.JsonObject;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a {@link StoreState}, inside the encrypted state file.
 */
final class StateCodec {

	private StateCodec() {
	}

	static String encode(StoreState state) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("format", 1);
		if (state.licenseRootPem() != null) {
			json.put("license_root", state.licenseRootPem());
		}
		List<Object> registrations = new ArrayList<>();
		for (RegistrationRecord registration : state.registrations()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("generated_id", registration.generatedId().value());
			item.put("provider", registration.provider());
			item.put("fingerprint", registration.fingerprint());
			item.put("registered_at", registration.registeredAt().toString());
			item.put("bundle_url", registration.bundleUrl());
			registrations.add(item);
		}
		json.put("registrations", registrations);
		List<Object> groups = new ArrayList<>();
		for (GroupRecord group : state.groups()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("group_id", group.groupId().value());
			item.put("generation", group.generation());
			item.put("credential", group.credential());
			item.put("expires_at", group.expiresAt().toString());
			groups.add(item);
		}
		json.put("groups", groups);
		List<Object> vouchers = new ArrayList<>();
		for (VoucherRecord voucher : state.vouchers()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("license_id", voucher.licenseId());
			item.put("content_id", voucher.contentId());
			item.put("voucher", voucher.voucher());
			item.put("stored_at", voucher.storedAt().toString());
			putInstant(item, "first_played_at", voucher.firstPlayedAt());
			putInstant(item, "last_renewed_at", voucher.lastRenewedAt());
			putInstant(item, "last_renewal_failure_at", voucher.lastRenewalFailureAt());
			vouchers.add(item);
		}
		json.put("vouchers", vouchers);
		json.put("revocation_sequence", state.revocationSequence());
		json.put("device_revoked", state.deviceRevoked());
		return JsonObject.write(json);
	}

	static StoreState decode(String text) {
		JsonObject json = JsonObject.parse(text);
		if (json.number("format") != 1) {
			throw new IllegalArgumentException("unknown state format " + json.number("format"));
		}
		List<RegistrationRecord> registrations = new ArrayList<>();
		for (JsonObject item : json.objects("registrations")) {
			registrations
				.add(new RegistrationRecord(new GeneratedId(item.string("generated_id")), item.string("provider"),
						item.string("fingerprint"), item.instant("registered_at"), item.string("bundle_url")));
		}
		List<GroupRecord> groups = new ArrayList<>();
		for (JsonObject item : json.objects("groups")) {
			groups.add(new GroupRecord(new GroupId(item.string("group_id")), item.number("generation"),
					item.string("credential"), item.instant("expires_at")));
		}
		List<VoucherRecord> vouchers = new ArrayList<>();
		for (JsonObject item : json.objects("vouchers")) {
			vouchers.add(new VoucherRecord(item.string("license_id"), item.string("content_id"), item.string("voucher"),
					item.instant("stored_at"), item.optionalInstant("first_played_at"),
					item.optionalInstant("last_renewed_at"), item.optionalInstant("last_renewal_failure_at")));
		}
		return new StoreState(json.optionalString("license_root"), registrations, groups, vouchers,
				json.number("revocation_sequence"), json.bool("device_revoked"));
	}

	private static void putInstant(Map<String, Object> item, String name, @Nullable Instant value) {
		if (value != null) {
			item.put(name, value.toString());
		}
	}

}
