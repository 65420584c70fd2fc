package io.voucher.client.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.pki.DeviceKeyPair;
import org.jspecify.annotations.Nullable;

/**
 * The device's local store, in one directory, surviving restarts:
 * <ul>
 * <li>{@value #KEYS_FILE}: a PKCS#12 keystore protected by the store password, holding
 * the device key with its certificate chain, and the AES-256 key of the state file;</li>
 * <li>{@value #STATE_FILE}: the {@link StoreState} (pinned license root, registrations,
 * group credentials, vouchers and their usage) encrypted with AES-256-GCM, its header
 * authenticated.</li>
 * </ul>
 * Every write goes to a temporary file first and is moved into place atomically. A wrong
 * password, a damaged file or a file of another store each give a {@link DrmException}
 * with its own {@link DrmError}; nothing is ever silently dropped or re-created over an
 * existing file. One process uses a store at a time.
 */
public final class DeviceStore {

	/** The PKCS#12 file of the device key and the state key. */
	public static final String KEYS_FILE = "device-keys.p12";

	/** The encrypted state file. */
	public static final String STATE_FILE = "device-state.bin";

	/** The shortest password accepted. */
	public static final int MIN_PASSWORD_LENGTH = 8;

	private static final byte[] MAGIC = "VOUCHER-DEVICE-STATE".getBytes(StandardCharsets.US_ASCII);

	private static final byte VERSION = 1;

	private static final int ID_LENGTH = 16;

	private static final int SALT_LENGTH = 16;

	private static final int VERIFIER_LENGTH = 32;

	private static final int NONCE_LENGTH = 12;

	private static final int HEADER_LENGTH = MAGIC.length + 1 + ID_LENGTH + SALT_LENGTH + VERIFIER_LENGTH;

	// As many as the JDK's own PKCS#12 protection uses: a verifier no weaker, no
	// stronger.
	private static final int PBKDF2_ITERATIONS = 10_000;

	private static final String STATE_KEY_ALIAS = "voucher-state-key";

	private static final String DEVICE_ALIAS = "voucher-device";

	private static final SecureRandom random = new SecureRandom();

	private final Path directory;

	private final char[] password;

	private final KeyStore keyStore;

	private final SecretKey stateKey;

	private final byte[] header;

	private StoreState state;

	private @Nullable DeviceIdentity identity;

	private DeviceStore(Path directory, char[] password, KeyStore keyStore, SecretKey stateKey, byte[] header,
			StoreState state) {
		this.directory = directory;
		this.password = password;
		this.keyStore = keyStore;
		this.stateKey = stateKey;
		this.header = header;
		this.state = state;
	}

	/**
	 * Opens the store in a directory, creating it when the directory holds neither file.
	 * @param directory the store's directory
	 * @param password the store password (copied; at least {@value #MIN_PASSWORD_LENGTH}
	 * characters)
	 * @return the store
	 * @throws DrmException {@code STORE_WRONG_PASSWORD}, {@code STORE_CORRUPT},
	 * {@code STORE_FOREIGN} or {@code STORE_IO}
	 */
	public static DeviceStore open(Path directory, char[] password) {
		if (password.length < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException(
					"the store password must have at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		char[] secret = password.clone();
		Path keys = directory.resolve(KEYS_FILE);
		Path stateFile = directory.resolve(STATE_FILE);
		boolean hasKeys = Files.exists(keys);
		boolean hasState = Files.exists(stateFile);
		if (!hasKeys && !hasState) {
			return create(directory, secret);
		}
		if (!hasKeys) {
			throw new DrmException(DrmError.STORE_CORRUPT, "The device store in " + directory
					+ " has a state file but no " + KEYS_FILE + ": the keys are missing, nothing can be read");
		}
		if (!hasState) {
			throw new DrmException(DrmError.STORE_CORRUPT, "The device store in " + directory + " has " + KEYS_FILE
					+ " but its state file " + STATE_FILE + " is missing");
		}
		byte[] stateBytes = read(stateFile);
		byte[] header = checkHeader(stateBytes, stateFile);
		KeyStore keyStore = loadKeyStore(read(keys), secret, header, keys);
		SecretKey stateKey = stateKey(keyStore, secret, keys);
		if (!MessageDigest.isEqual(storeId(stateKey),
				Arrays.copyOfRange(header, MAGIC.length + 1, MAGIC.length + 1 + ID_LENGTH))) {
			throw new DrmException(DrmError.STORE_FOREIGN,
					stateFile + " belongs to another device store than " + keys + ": it was not written with its key");
		}
		StoreState state = decrypt(stateBytes, header, stateKey, stateFile);
		return new DeviceStore(directory, secret, keyStore, stateKey, header, state);
	}

	private static DeviceStore create(Path directory, char[] password) {
		try {
			Files.createDirectories(directory);
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256, random);
			SecretKey stateKey = generator.generateKey();
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setEntry(STATE_KEY_ALIAS, new KeyStore.SecretKeyEntry(stateKey),
					new KeyStore.PasswordProtection(password));
			byte[] salt = new byte[SALT_LENGTH];
			random.nextBytes(salt);
			ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH);
			header.put(MAGIC).put(VERSION).put(storeId(stateKey)).put(salt).put(verifier(password, salt));
			DeviceStore store = new DeviceStore(directory, password, keyStore, stateKey, header.array(),
					StoreState.empty());
			store.writeKeys();
			store.writeState(StoreState.empty());
			return store;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new DrmException(DrmError.STORE_IO, "The device store cannot be created in " + directory, ex);
		}
	}

	/**
	 * The directory of the store.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The current state.
	 * @return the state
	 */
	public synchronized StoreState state() {
		return this.state;
	}

	/**
	 * Changes the state and writes it before returning.
	 * @param change the change
	 * @return the new state
	 */
	public synchronized StoreState update(UnaryOperator<StoreState> change) {
		StoreState next = change.apply(this.state);
		if (!next.equals(this.state)) {
			writeState(next);
			this.state = next;
		}
		return next;
	}

	/**
	 * The device identity (key and certificate), if the device is individualized.
	 * @return the identity
	 */
	public synchronized Optional<DeviceIdentity> deviceIdentity() {
		if (this.identity == null) {
			this.identity = loadIdentity();
		}
		return Optional.ofNullable(this.identity);
	}

	/**
	 * Keeps the device key and certificate (after individualization).
	 * @param identity the certified device
	 */
	public synchronized void saveDeviceIdentity(DeviceIdentity identity) {
		SecretBytes pkcs8 = identity.keyPair().exportPkcs8();
		byte[] encoded = pkcs8.toByteArray();
		try {
			PrivateKey key = KeyFactory.getInstance(identity.certificate().publicKey().getAlgorithm())
				.generatePrivate(new PKCS8EncodedKeySpec(encoded));
			Certificate[] chain = identity.certificate().chain().toArray(new Certificate[0]);
			this.keyStore.setEntry(DEVICE_ALIAS, new KeyStore.PrivateKeyEntry(key, chain),
					new KeyStore.PasswordProtection(this.password));
		}
		catch (GeneralSecurityException ex) {
			throw new DrmException(DrmError.STORE_IO, "The device key cannot be put in the keystore", ex);
		}
		finally {
			Arrays.fill(encoded, (byte) 0);
			pkcs8.destroy();
		}
		writeKeys();
		this.identity = identity;
	}

	/**
	 * Deletes the device key and certificate (DRM reset).
	 */
	public synchronized void deleteDeviceIdentity() {
		try {
			if (this.keyStore.containsAlias(DEVICE_ALIAS)) {
				this.keyStore.deleteEntry(DEVICE_ALIAS);
				writeKeys();
			}
		}
		catch (GeneralSecurityException ex) {
			throw new DrmException(DrmError.STORE_IO, "The device key cannot be deleted", ex);
		}
		this.identity = null;
	}

	private @Nullable DeviceIdentity loadIdentity() {
		try {
			if (!this.keyStore.containsAlias(DEVICE_ALIAS)) {
				return null;
			}
			Key key = this.keyStore.getKey(DEVICE_ALIAS, this.password);
			Certificate[] chain = this.keyStore.getCertificateChain(DEVICE_ALIAS);
			if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
				throw new DrmException(DrmError.STORE_CORRUPT, "The device entry of " + keysFile() + " is incomplete");
			}
			List<X509Certificate> certificates = new ArrayList<>();
			for (Certificate certificate : chain) {
				certificates.add((X509Certificate) certificate);
			}
			SecretBytes pkcs8 = SecretBytes.copyOf(key.getEncoded());
			try {
				return DeviceKeyPair.restore(pkcs8, certificates.get(0).getPublicKey())
					.certified(DeviceCertificate.parse(certificates));
			}
			finally {
				pkcs8.destroy();
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new DrmException(DrmError.STORE_CORRUPT, "The device entry of " + keysFile() + " cannot be read", ex);
		}
	}

	private Path keysFile() {
		return this.directory.resolve(KEYS_FILE);
	}

	private void writeKeys() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			this.keyStore.store(out, this.password);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new DrmException(DrmError.STORE_IO, "The keystore cannot be written", ex);
		}
		writeAtomically(keysFile(), out.toByteArray());
	}

	private void writeState(StoreState next) {
		byte[] plain = StateCodec.encode(next).getBytes(StandardCharsets.UTF_8);
		try {
			byte[] nonce = new byte[NONCE_LENGTH];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.stateKey, new GCMParameterSpec(128, nonce));
			cipher.updateAAD(this.header);
			byte[] sealed = cipher.doFinal(plain);
			ByteBuffer file = ByteBuffer.allocate(this.header.length + NONCE_LENGTH + sealed.length);
			file.put(this.header).put(nonce).put(sealed);
			writeAtomically(this.directory.resolve(STATE_FILE), file.array());
		}
		catch (GeneralSecurityException ex) {
			throw new DrmException(DrmError.STORE_IO, "The device state cannot be encrypted", ex);
		}
		finally {
			Arrays.fill(plain, (byte) 0);
		}
	}

	private static void writeAtomically(Path target, byte[] content) {
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
				if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
					Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
				}
				channel.write(ByteBuffer.wrap(content));
				channel.force(true);
			}
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new DrmException(DrmError.STORE_IO, "Cannot write " + target, ex);
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (AccessDeniedException ex) {
			throw new DrmException(DrmError.STORE_IO, "No permission to read " + file, ex);
		}
		catch (IOException ex) {
			throw new DrmException(DrmError.STORE_IO, "Cannot read " + file, ex);
		}
	}

	private static byte[] checkHeader(byte[] file, Path path) {
		int prefix = Math.min(file.length, MAGIC.length);
		if (!Arrays.equals(Arrays.copyOf(file, prefix), Arrays.copyOf(MAGIC, prefix)) || file.length == 0) {
			throw new DrmException(DrmError.STORE_FOREIGN, path + " is not a Voucher device state file");
		}
		if (file.length < HEADER_LENGTH + NONCE_LENGTH + 16) {
			throw new DrmException(DrmError.STORE_CORRUPT, path + " is truncated (" + file.length + " bytes)");
		}
		if (file[MAGIC.length] != VERSION) {
			throw new DrmException(DrmError.STORE_FOREIGN,
					path + " has format version " + file[MAGIC.length] + "; this SDK reads version " + VERSION);
		}
		return Arrays.copyOf(file, HEADER_LENGTH);
	}

	private static KeyStore loadKeyStore(byte[] file, char[] password, byte[] header, Path path) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(new ByteArrayInputStream(file), password);
			return keyStore;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				// The keystore's integrity check failed: a wrong password, or a damaged
				// file.
				// The state file's verifier tells the two apart.
				byte[] salt = Arrays.copyOfRange(header, MAGIC.length + 1 + ID_LENGTH,
						MAGIC.length + 1 + ID_LENGTH + SALT_LENGTH);
				byte[] expected = Arrays.copyOfRange(header, HEADER_LENGTH - VERIFIER_LENGTH, HEADER_LENGTH);
				if (!MessageDigest.isEqual(verifier(password, salt), expected)) {
					throw new DrmException(DrmError.STORE_WRONG_PASSWORD, "The password does not open the device store",
							ex);
				}
				throw new DrmException(DrmError.STORE_CORRUPT,
						path + " is damaged: its integrity check fails with the right password", ex);
			}
			throw new DrmException(DrmError.STORE_CORRUPT, path + " is not a readable PKCS#12 keystore", ex);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new DrmException(DrmError.STORE_CORRUPT, path + " is not a readable PKCS#12 keystore", ex);
		}
	}

	private static SecretKey stateKey(KeyStore keyStore, char[] password, Path path) {
		try {
			if (!keyStore.containsAlias(STATE_KEY_ALIAS)) {
				throw new DrmException(DrmError.STORE_FOREIGN,
						path + " is a PKCS#12 keystore, but not a Voucher device store's");
			}
			Key key = keyStore.getKey(STATE_KEY_ALIAS, password);
			if (!(key instanceof SecretKey secret)) {
				throw new DrmException(DrmError.STORE_CORRUPT, path + " has no usable state key");
			}
			return new SecretKeySpec(secret.getEncoded(), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new DrmException(DrmError.STORE_CORRUPT, path + " has no usable state key", ex);
		}
	}

	private static StoreState decrypt(byte[] file, byte[] header, SecretKey stateKey, Path path) {
		byte[] plain = null;
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, stateKey,
					new GCMParameterSpec(128, Arrays.copyOfRange(file, HEADER_LENGTH, HEADER_LENGTH + NONCE_LENGTH)));
			cipher.updateAAD(header);
			plain = cipher.doFinal(file, HEADER_LENGTH + NONCE_LENGTH, file.length - HEADER_LENGTH - NONCE_LENGTH);
			return StateCodec.decode(new String(plain, StandardCharsets.UTF_8));
		}
		catch (AEADBadTagException ex) {
			throw new DrmException(DrmError.STORE_CORRUPT, path + " is damaged: its authentication tag does not match",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new DrmException(DrmError.STORE_CORRUPT, path + " cannot be decrypted", ex);
		}
		catch (IllegalArgumentException ex) {
			throw new DrmException(DrmError.STORE_CORRUPT, path + " decrypts to an unreadable state", ex);
		}
		finally {
			if (plain != null) {
				Arrays.fill(plain, (byte) 0);
			}
		}
	}

	private static byte[] storeId(SecretKey stateKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(stateKey);
			return Arrays.copyOf(mac.doFinal("voucher device store id".getBytes(StandardCharsets.US_ASCII)), ID_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] verifier(char[] password, byte[] salt) {
		PBEKeySpec spec = new PBEKeySpec(password, salt, PBKDF2_ITERATIONS, VERIFIER_LENGTH * 8);
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			spec.clearPassword();
		}
	}

	@Override
	public String toString() {
		return "DeviceStore[" + this.directory + "]";
	}

}
