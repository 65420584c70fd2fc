package io.voucher.crypto.revocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.keys.SignatureRejectedException;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.keys.VerifiedJws;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.revocation.RevocationListRejectedException.Reason;

/**
 * Signs revocation lists (server, with the license signing keys) and verifies them
 * (device, against the pinned license root).
 */
public final class RevocationLists {

	private RevocationLists() {
	}

	/**
	 * Signs a list as a compact JWS.
	 * @param list the list
	 * @param signingKeys the license signing keys
	 * @return the compact JWS
	 */
	public static String sign(RevocationList list, SigningKeyRing signingKeys) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("seq", list.sequence());
		claims.put("iat", list.issuedAt().getEpochSecond());
		claims.put("revoked",
				new ArrayList<>(new TreeSet<>(list.revoked().stream().map(DeviceFingerprint::value).toList())));
		return signingKeys.sign(RevocationList.TYPE, claims);
	}

	/**
	 * Verifies a signed list.
	 * @param signed the compact JWS
	 * @param trust the pinned license root
	 * @param knownSequence the sequence of the list already held (-1 for none): older
	 * lists are refused
	 * @return the list
	 * @throws RevocationListRejectedException if refused
	 */
	public static RevocationList verify(String signed, LicenseTrust trust, long knownSequence) {
		VerifiedJws verified;
		try {
			verified = trust.verify(signed, RevocationList.TYPE);
		}
		catch (SignatureRejectedException ex) {
			Reason reason = switch (ex.reason()) {
				case BAD_SIGNATURE -> Reason.TAMPERED;
				case FOREIGN_SIGNER -> Reason.FOREIGN_SIGNER;
				default -> Reason.MALFORMED;
			};
			throw new RevocationListRejectedException(reason, ex.getMessage(), ex);
		}
		RevocationList list;
		try {
			Claims claims = new Claims(verified.claims());
			List<DeviceFingerprint> revoked = claims.strings("revoked").stream().map(DeviceFingerprint::new).toList();
			list = new RevocationList(claims.number("seq"), claims.time("iat"), Set.copyOf(revoked));
		}
		catch (IllegalArgumentException ex) {
			throw new RevocationListRejectedException(Reason.MALFORMED, ex.getMessage(), ex);
		}
		if (list.sequence() < knownSequence) {
			throw new RevocationListRejectedException(Reason.ROLLED_BACK,
					"sequence " + list.sequence() + " is older than the known " + knownSequence);
		}
		return list;
	}

}
