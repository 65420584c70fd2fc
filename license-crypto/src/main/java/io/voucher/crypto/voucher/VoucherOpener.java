package io.voucher.crypto.voucher;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWEObject;
import io.voucher.crypto.group.GroupMembership;
import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.internal.JoseProblem;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.keys.SignatureRejectedException;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.voucher.VoucherRejectedException.Reason;

/**
 * Opens vouchers on the device: verifies the signature against the pinned license root,
 * the validity period, the binding (this device's certificate, or this group generation),
 * then decrypts the key block and checks it belongs to this license.
 */
public final class VoucherOpener {

	/** The default tolerance on validity times. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(1);

	private final LicenseTrust trust;

	private final Duration clockSkew;

	/**
	 * Creates an opener.
	 * @param trust the pinned license root and the device clock
	 * @param clockSkew tolerance on not-before and expiry
	 */
	public VoucherOpener(LicenseTrust trust, Duration clockSkew) {
		this.trust = trust;
		this.clockSkew = clockSkew;
	}

	/**
	 * Creates an opener with {@link #DEFAULT_CLOCK_SKEW}.
	 * @param trust the pinned license root and the device clock
	 */
	public VoucherOpener(LicenseTrust trust) {
		this(trust, DEFAULT_CLOCK_SKEW);
	}

	/**
	 * Verifies a voucher's signature and reads its terms, without time, binding or key
	 * checks (for instance to index a stored voucher).
	 * @param voucher the compact JWS
	 * @return the terms
	 * @throws VoucherRejectedException if malformed, tampered or foreign
	 */
	public LicenseTerms inspect(String voucher) {
		return read(voucher).terms;
	}

	/**
	 * Opens a voucher bound to this device.
	 * @param voucher the compact JWS
	 * @param device this device
	 * @return the terms and content keys
	 * @throws VoucherRejectedException with a distinct reason for each refusal
	 */
	public OpenedVoucher open(String voucher, DeviceIdentity device) {
		Read read = read(voucher);
		checkTime(read.terms);
		if (!(read.terms.binding() instanceof Binding.DeviceBinding binding)) {
			throw new VoucherRejectedException(Reason.WRONG_BINDING_KIND, "the voucher is bound to a group");
		}
		if (!binding.fingerprint().equals(device.fingerprint())) {
			throw new VoucherRejectedException(Reason.BOUND_TO_ANOTHER_DEVICE,
					"the voucher is bound to another device");
		}
		return unwrap(read, PrivateKeys.of(device));
	}

	/**
	 * Opens a voucher bound to a group this device is a member of.
	 * @param voucher the compact JWS
	 * @param membership the group membership (from the group credential)
	 * @return the terms and content keys
	 * @throws VoucherRejectedException with a distinct reason for each refusal
	 */
	public OpenedVoucher open(String voucher, GroupMembership membership) {
		Read read = read(voucher);
		checkTime(read.terms);
		if (!(read.terms.binding() instanceof Binding.GroupBinding binding)) {
			throw new VoucherRejectedException(Reason.WRONG_BINDING_KIND, "the voucher is bound to a device");
		}
		if (!binding.groupId().equals(membership.groupId())) {
			throw new VoucherRejectedException(Reason.BOUND_TO_ANOTHER_GROUP, "the voucher is bound to another group");
		}
		if (binding.generation() != membership.generation()) {
			throw new VoucherRejectedException(Reason.GROUP_GENERATION_MISMATCH, "the voucher is bound to generation "
					+ binding.generation() + ", the membership is of generation " + membership.generation());
		}
		return unwrap(read, PrivateKeys.of(membership));
	}

	private Read read(String voucher) {
		Map<String, Object> claims;
		try {
			claims = this.trust.verify(voucher, VoucherIssuer.TYPE).claims();
		}
		catch (SignatureRejectedException ex) {
			Reason reason = switch (ex.reason()) {
				case BAD_SIGNATURE -> Reason.TAMPERED;
				case FOREIGN_SIGNER -> Reason.FOREIGN_SIGNER;
				case ALGORITHM_NOT_ALLOWED -> Reason.ALGORITHM_NOT_ALLOWED;
				default -> Reason.MALFORMED;
			};
			throw new VoucherRejectedException(reason, ex.getMessage(), ex);
		}
		try {
			Claims parsed = new Claims(claims);
			return new Read(VoucherClaims.fromClaims(parsed), parsed.string(VoucherClaims.KEY_BLOCK));
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw new VoucherRejectedException(Reason.MALFORMED, "invalid voucher claims: " + ex.getMessage(), ex);
		}
	}

	private void checkTime(LicenseTerms terms) {
		Instant now = this.trust.clock().instant();
		if (now.isAfter(terms.expiresAt().plus(this.clockSkew))) {
			throw new VoucherRejectedException(Reason.EXPIRED, "the voucher expired at " + terms.expiresAt());
		}
		if (now.isBefore(terms.notBefore().minus(this.clockSkew))) {
			throw new VoucherRejectedException(Reason.NOT_YET_VALID, "the voucher is valid from " + terms.notBefore());
		}
	}

	private OpenedVoucher unwrap(Read read, PrivateKey key) {
		JWEObject jwe;
		try {
			jwe = Jose.decrypt(read.keyBlock, key);
		}
		catch (JoseProblem problem) {
			Reason reason = switch (problem.kind()) {
				case DECRYPTION_FAILED -> Reason.KEY_BLOCK_UNREADABLE;
				case ALGORITHM_NOT_ALLOWED -> Reason.ALGORITHM_NOT_ALLOWED;
				default -> Reason.MALFORMED;
			};
			throw new VoucherRejectedException(reason, problem.getMessage(), problem);
		}
		if (!read.terms.licenseId().equals(jwe.getHeader().getCustomParam(VoucherIssuer.LICENSE_ID_HEADER))) {
			throw new VoucherRejectedException(Reason.KEY_BLOCK_MISMATCH, "the key block belongs to another license");
		}
		Map<KeyId, SecretBytes> keys = new HashMap<>();
		try {
			Claims set = new Claims(jwe.getPayload().toJSONObject());
			for (Claims jwk : set.objects("keys")) {
				if (!"oct".equals(jwk.string("kty"))) {
					throw new IllegalArgumentException("content keys are oct JWKs");
				}
				byte[] bytes = KeySupport.fromBase64Url(jwk.string("k"));
				keys.put(KeyId.ofBase64Url(jwk.string("kid")), SecretBytes.copyOf(bytes));
				java.util.Arrays.fill(bytes, (byte) 0);
			}
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new VoucherRejectedException(Reason.MALFORMED, "the key block is not a JWK set", ex);
		}
		if (keys.size() != read.terms.keys().size()) {
			throw new VoucherRejectedException(Reason.KEY_BLOCK_MISMATCH, "the key block holds other keys");
		}
		List<ContentKey> contentKeys = new ArrayList<>();
		for (KeyGrant grant : read.terms.keys()) {
			SecretBytes secret = keys.get(grant.keyId());
			if (secret == null) {
				throw new VoucherRejectedException(Reason.KEY_BLOCK_MISMATCH,
						"the key block lacks key " + grant.keyId().toHex());
			}
			try {
				contentKeys.add(new ContentKey(grant, secret));
			}
			catch (IllegalArgumentException ex) {
				throw new VoucherRejectedException(Reason.MALFORMED, "bad content key length", ex);
			}
		}
		return new OpenedVoucher(read.terms, contentKeys);
	}

	private record Read(LicenseTerms terms, String keyBlock) {
	}

}
