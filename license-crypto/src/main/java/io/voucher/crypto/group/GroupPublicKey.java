package io.voucher.crypto.group;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;

import io.voucher.crypto.internal.CryptoProviders;
import io.voucher.crypto.internal.KeySupport;

/**
 * The public key of one generation of a group's key: what vouchers bound to the group are
 * encrypted to.
 *
 * @param groupId the group
 * @param generation the key generation (1, 2, … as members leave)
 * @param key the EC P-256 public key
 */
public record GroupPublicKey(GroupId groupId, long generation, ECPublicKey key) {

	public GroupPublicKey {
		if (generation < 1) {
			throw new IllegalArgumentException("generations start at 1");
		}
	}

	/**
	 * Restores a group public key from its X.509 SubjectPublicKeyInfo encoding.
	 * @param groupId the group
	 * @param generation the key generation
	 * @param spki the encoding, as from {@link #encoded()}
	 * @return the public key
	 * @throws IllegalArgumentException when the encoding is not an EC P-256 key
	 */
	public static GroupPublicKey decode(GroupId groupId, long generation, byte[] spki) {
		try {
			PublicKey key = KeyFactory.getInstance("EC", CryptoProviders.bouncyCastle())
				.generatePublic(new X509EncodedKeySpec(spki));
			if (!(key instanceof ECPublicKey ec) || !KeySupport.isP256(ec)) {
				throw new IllegalArgumentException("a group key is an EC P-256 key");
			}
			return new GroupPublicKey(groupId, generation, ec);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("not an EC public key encoding", ex);
		}
	}

	/**
	 * The key's X.509 SubjectPublicKeyInfo encoding, for storage.
	 * @return the encoding
	 */
	public byte[] encoded() {
		return this.key.getEncoded();
	}

}
