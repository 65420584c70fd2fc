package io.voucher.crypto.pki;

import java.util.Map;

import com.nimbusds.jose.JWSSigner;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.PrivateKeys;

/**
 * A certified device (device side): its key pair (opaque) and its device certificate.
 * Signs the device's requests; challenges, vouchers and group credentials use it through
 * their own classes.
 */
public final class DeviceIdentity {

	static {
		PrivateKeys.register(DeviceIdentity.class, (identity) -> PrivateKeys.of(identity.keyPair));
	}

	private final DeviceKeyPair keyPair;

	private final DeviceCertificate certificate;

	private final JWSSigner signer;

	DeviceIdentity(DeviceKeyPair keyPair, DeviceCertificate certificate) {
		this.keyPair = keyPair;
		this.certificate = certificate;
		this.signer = Jose.signer(PrivateKeys.of(keyPair));
	}

	/**
	 * The device certificate and chain.
	 * @return the certificate
	 */
	public DeviceCertificate certificate() {
		return this.certificate;
	}

	/**
	 * The device's fingerprint.
	 * @return the fingerprint
	 */
	public DeviceFingerprint fingerprint() {
		return this.certificate.fingerprint();
	}

	/**
	 * The device's key pair.
	 * @return the key pair
	 */
	public DeviceKeyPair keyPair() {
		return this.keyPair;
	}

	/**
	 * Signs claims as a compact JWS (ES256 or PS256) with {@code x5c} = the device chain,
	 * as every state-changing device request is.
	 * @param type the {@code typ} header
	 * @param claims the payload
	 * @return the compact JWS
	 */
	public String signJws(String type, Map<String, Object> claims) {
		return Jose.sign(this.signer, this.certificate.keyType().signatureAlgorithm().jose(), type, null,
				this.certificate.chain(), claims);
	}

	@Override
	public String toString() {
		return "DeviceIdentity[" + this.certificate + "]";
	}

}
