package io.voucher.crypto.group;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.keys.SecretBytes;

/**
 * One generation of a group's EC P-256 key pair (server side), as an opaque handle; store
 * its private key only through {@link #exportPkcs8()} and envelope encryption.
 */
public final class GroupKeyPair {

	static {
		PrivateKeys.register(GroupKeyPair.class, (pair) -> pair.privateKey);
	}

	private final GroupPublicKey publicKey;

	private final PrivateKey privateKey;

	private GroupKeyPair(GroupPublicKey publicKey, PrivateKey privateKey) {
		this.publicKey = publicKey;
		this.privateKey = privateKey;
	}

	/**
	 * Generates the key pair of a group generation.
	 * @param groupId the group
	 * @param generation the generation, from 1
	 * @return the key pair
	 */
	public static GroupKeyPair generate(GroupId groupId, long generation) {
		KeyPair keys = KeySupport.generateP256();
		return new GroupKeyPair(new GroupPublicKey(groupId, generation, (ECPublicKey) keys.getPublic()),
				keys.getPrivate());
	}

	/**
	 * Restores a key pair from storage.
	 * @param publicKey the public key with its group and generation
	 * @param pkcs8 the private key's PKCS#8 encoding
	 * @return the key pair
	 */
	public static GroupKeyPair restore(GroupPublicKey publicKey, SecretBytes pkcs8) {
		byte[] encoded = pkcs8.toByteArray();
		try {
			return new GroupKeyPair(
					new GroupPublicKey(publicKey.groupId(), publicKey.generation(),
							(ECPublicKey) KeySupport.onPreferredProvider(publicKey.key())),
					KeySupport.decodePrivate(encoded));
		}
		finally {
			Arrays.fill(encoded, (byte) 0);
		}
	}

	/**
	 * The public key, group and generation.
	 * @return the public key
	 */
	public GroupPublicKey publicKey() {
		return this.publicKey;
	}

	/**
	 * The private key's PKCS#8 encoding, to store encrypted.
	 * @return the encoding
	 */
	public SecretBytes exportPkcs8() {
		return SecretBytes.copyOf(this.privateKey.getEncoded());
	}

	@Override
	public String toString() {
		return "GroupKeyPair[" + this.publicKey.groupId() + " generation " + this.publicKey.generation() + "]";
	}

}
