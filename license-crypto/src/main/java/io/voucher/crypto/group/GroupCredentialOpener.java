package io.voucher.crypto.group;

import java.security.PrivateKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.voucher.crypto.group.GroupCredentialRejectedException.Reason;
import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.JoseProblem;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.keys.SignatureRejectedException;
import io.voucher.crypto.keys.VerifiedJws;
import io.voucher.crypto.pki.DeviceIdentity;

/**
 * Opens group credentials on a member device: verifies the signature against the pinned
 * license root, checks it was issued to this device and is not expired, and decrypts the
 * group key.
 */
public final class GroupCredentialOpener {

	private final LicenseTrust trust;

	private final Duration clockSkew;

	/**
	 * Creates an opener.
	 * @param trust the pinned license root and the device clock
	 * @param clockSkew tolerance on the expiry
	 */
	public GroupCredentialOpener(LicenseTrust trust, Duration clockSkew) {
		this.trust = trust;
		this.clockSkew = clockSkew;
	}

	/**
	 * Opens a credential.
	 * @param credential the compact JWS
	 * @param device this device
	 * @return the membership
	 * @throws GroupCredentialRejectedException with a distinct reason for each refusal
	 */
	public GroupMembership open(String credential, DeviceIdentity device) {
		VerifiedJws verified;
		try {
			verified = this.trust.verify(credential, GroupCredentialIssuer.TYPE);
		}
		catch (SignatureRejectedException ex) {
			Reason reason = switch (ex.reason()) {
				case BAD_SIGNATURE -> Reason.TAMPERED;
				case FOREIGN_SIGNER -> Reason.FOREIGN_SIGNER;
				case ALGORITHM_NOT_ALLOWED -> Reason.ALGORITHM_NOT_ALLOWED;
				default -> Reason.MALFORMED;
			};
			throw new GroupCredentialRejectedException(reason, ex.getMessage(), ex);
		}
		Claims claims = new Claims(verified.claims());
		GroupId groupId;
		long generation;
		Instant expiresAt;
		String subject;
		String keyBlock;
		try {
			groupId = new GroupId(claims.string("group_id"));
			generation = claims.number("generation");
			expiresAt = claims.time("exp");
			subject = claims.string("sub");
			keyBlock = claims.string("group_key");
		}
		catch (IllegalArgumentException ex) {
			throw new GroupCredentialRejectedException(Reason.MALFORMED, ex.getMessage(), ex);
		}
		if (!subject.equals(device.fingerprint().value())) {
			throw new GroupCredentialRejectedException(Reason.ISSUED_TO_ANOTHER_DEVICE,
					"the credential was issued to another device");
		}
		if (this.trust.clock().instant().isAfter(expiresAt.plus(this.clockSkew))) {
			throw new GroupCredentialRejectedException(Reason.EXPIRED, "the credential expired at " + expiresAt);
		}
		JWEObject jwe;
		try {
			jwe = Jose.decrypt(keyBlock, PrivateKeys.of(device));
		}
		catch (JoseProblem problem) {
			Reason reason = switch (problem.kind()) {
				case DECRYPTION_FAILED -> Reason.KEY_BLOCK_UNREADABLE;
				case ALGORITHM_NOT_ALLOWED -> Reason.ALGORITHM_NOT_ALLOWED;
				default -> Reason.MALFORMED;
			};
			throw new GroupCredentialRejectedException(reason, problem.getMessage(), problem);
		}
		Object gid = jwe.getHeader().getCustomParam("gid");
		Object gen = jwe.getHeader().getCustomParam("gen");
		if (!groupId.value().equals(gid) || !(gen instanceof Number number) || number.longValue() != generation) {
			throw new GroupCredentialRejectedException(Reason.KEY_BLOCK_MISMATCH,
					"the group key names another group or generation");
		}
		PrivateKey privateKey;
		try {
			ECKey jwk = ECKey.parse(jwe.getPayload().toString());
			if (!Curve.P_256.equals(jwk.getCurve()) || !jwk.isPrivate()) {
				throw new ParseException("not a P-256 private JWK", 0);
			}
			privateKey = KeySupport.onPreferredProvider(jwk.toECPrivateKey());
		}
		catch (ParseException | JOSEException ex) {
			throw new GroupCredentialRejectedException(Reason.MALFORMED, "the group key is not a P-256 private JWK",
					ex);
		}
		return new GroupMembership(groupId, generation, expiresAt, privateKey);
	}

}
