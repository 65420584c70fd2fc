package io.voucher.api.cpix;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.voucher.crypto.voucher.KeyId;

/**
 * What a CPIX request document asks for, checked.
 *
 * @param contentId the Voucher content id ({@code CPIX/@contentId})
 * @param keyIds the key ids listed in {@code ContentKeyList}, in order; empty for "every
 * active key of the content"
 * @param schemes the {@code commonEncryptionScheme} of a listed key, where the request
 * gave one
 * @param systems the DRM systems wanted ({@code DRMSystemList}); empty for all that
 * Voucher signals
 * @param recipients the delivery certificates ({@code DeliveryDataList}); empty for keys
 * in clear
 */
record CpixRequest(String contentId, List<KeyId> keyIds, Map<KeyId, String> schemes, Set<DrmSystem> systems,
		List<X509Certificate> recipients) {

	CpixRequest {
		keyIds = List.copyOf(keyIds);
		schemes = Map.copyOf(schemes);
		systems = Set.copyOf(systems);
		recipients = List.copyOf(recipients);
	}

	boolean encrypted() {
		return !this.recipients.isEmpty();
	}

}
