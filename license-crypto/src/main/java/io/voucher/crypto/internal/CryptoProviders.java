package io.voucher.crypto.internal;

import java.security.Provider;
import java.security.SecureRandom;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance of the module (never registered globally) and
 * the shared random source. Bouncy Castle is used for EC (sign, verify, ECDH) and
 * certificates; the JDK for AES-GCM, SHA-256 and RSA.
 */
public final class CryptoProviders {

	private CryptoProviders() {
	}

	private static final class Holder {

		static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

		static final SecureRandom RANDOM = new SecureRandom();

	}

	/**
	 * The Bouncy Castle provider instance.
	 * @return the provider
	 */
	public static Provider bouncyCastle() {
		return Holder.BOUNCY_CASTLE;
	}

	/**
	 * The shared random source.
	 * @return the random source
	 */
	public static SecureRandom random() {
		return Holder.RANDOM;
	}

}
