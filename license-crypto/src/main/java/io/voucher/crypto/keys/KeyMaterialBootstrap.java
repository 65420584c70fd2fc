package io.voucher.crypto.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.voucher.crypto.internal.CertificateSupport;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.pki.DeviceCa;

/**
 * Loads the server's key material from PKCS#12 keystores (production) or, for
 * development, generates it on first start into PKCS#12 files of a directory, with a loud
 * warning.
 *
 * <p>
 * Files and aliases: {@code license-signing.p12} (alias {@value #SIGNING_ALIAS}: the
 * signing key, chain = signing certificate then license root), {@code device-ca.p12}
 * (alias {@value #DEVICE_CA_ALIAS}: the issuing key, chain up to the Device CA root),
 * {@code kek.p12} (alias {@value #KEK_ALIAS}: AES-256 secret key entry). Development also
 * keeps {@code license-root.p12} (alias {@value #ROOT_ALIAS}), whose key stays offline in
 * production.
 */
public final class KeyMaterialBootstrap {

	/** Alias of the license signing key. */
	public static final String SIGNING_ALIAS = "license-signing";

	/** Alias of the Device CA issuing key. */
	public static final String DEVICE_CA_ALIAS = "device-ca";

	/** Alias of the key encryption key. */
	public static final String KEK_ALIAS = "kek";

	/** Alias of the license root key (development only). */
	public static final String ROOT_ALIAS = "license-root";

	private static final List<String> KEYSTORE_FILES = List.of("license-signing.p12", "device-ca.p12", "kek.p12",
			"license-root.p12");

	private static final System.Logger LOGGER = System.getLogger(KeyMaterialBootstrap.class.getName());

	private KeyMaterialBootstrap() {
	}

	/**
	 * Loads production key material from configured keystores.
	 * @param licenseSigning the license signing keystore
	 * @param deviceCa the Device CA keystore
	 * @param kek the KEK keystore
	 * @param password the keystores' (and entries') password
	 * @param clock the clock
	 * @return the key material
	 * @throws IllegalStateException if a keystore is missing or lacks its entry
	 */
	public static KeyMaterial load(Path licenseSigning, Path deviceCa, Path kek, char[] password, Clock clock) {
		KeyStore.PrivateKeyEntry signing = privateKeyEntry(licenseSigning, SIGNING_ALIAS, password);
		List<X509Certificate> signingChain = chain(signing);
		X509Certificate root = signingChain.get(signingChain.size() - 1);
		SigningKey signingKey = SigningKey.of(signing.getPrivateKey(),
				(signingChain.size() > 1) ? signingChain.subList(0, signingChain.size() - 1) : signingChain);
		KeyStore.PrivateKeyEntry ca = privateKeyEntry(deviceCa, DEVICE_CA_ALIAS, password);
		KeyStore kekStore = open(kek, password);
		try {
			KeyStore.Entry entry = kekStore.getEntry(KEK_ALIAS, new KeyStore.PasswordProtection(password));
			if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
				throw new IllegalStateException(kek + " has no secret key entry " + KEK_ALIAS);
			}
			SecretKey aes = new SecretKeySpec(secret.getSecretKey().getEncoded(), "AES");
			return new KeyMaterial(root, SigningKeyRing.of(signingKey),
					DeviceCa.of(ca.getPrivateKey(), chain(ca), clock), KeyEncryptionKey.of(KEK_ALIAS, aes));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot read " + kek, ex);
		}
	}

	/**
	 * The fixed password that development keystores had before their password was
	 * generated; folders made by those versions are re-encrypted on their first start.
	 */
	public static final String LEGACY_DEVELOPMENT_PASSWORD = "voucher-development-only";

	/** The file of a development folder that holds its generated keystore password. */
	public static final String PASSWORD_FILE = "keystore-password";

	/**
	 * Development only: like {@link #development(Path, char[], Clock, Consumer)}, with a
	 * password generated on first start and kept owner-only in the folder's
	 * {@value #PASSWORD_FILE}. Keystores an older version wrote with
	 * {@value #LEGACY_DEVELOPMENT_PASSWORD} are re-encrypted with the generated password.
	 * @param directory the directory of the PKCS#12 files
	 * @param clock the clock
	 * @param warning told what was generated (also logged at WARNING)
	 * @return the key material
	 */
	public static KeyMaterial development(Path directory, Clock clock, Consumer<String> warning) {
		char[] password;
		try {
			OwnerOnlyFiles.folder(directory);
			password = OwnerOnlyFiles.secret(directory.resolve(PASSWORD_FILE)).toCharArray();
			for (String name : KEYSTORE_FILES) {
				Path keystore = directory.resolve(name);
				if (Files.exists(keystore) && !opens(keystore, password)) {
					reencrypt(keystore, LEGACY_DEVELOPMENT_PASSWORD.toCharArray(), password);
					warn(warning, "re-encrypted " + keystore + " with the generated password in "
							+ directory.resolve(PASSWORD_FILE));
				}
			}
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot bootstrap development keys in " + directory, ex);
		}
		return development(directory, password, clock, warning);
	}

	/**
	 * Development only: loads the key material from a directory, generating what is
	 * missing on first start. The directory and its files are made owner-only (0700 and
	 * 0600). Never use in production: the keys are as safe as the directory.
	 * @param directory the directory of the PKCS#12 files
	 * @param password the keystores' password
	 * @param clock the clock
	 * @param warning told what was generated (also logged at WARNING)
	 * @return the key material
	 */
	public static KeyMaterial development(Path directory, char[] password, Clock clock, Consumer<String> warning) {
		Path signing = directory.resolve("license-signing.p12");
		Path ca = directory.resolve("device-ca.p12");
		Path kek = directory.resolve("kek.p12");
		Path root = directory.resolve("license-root.p12");
		try {
			OwnerOnlyFiles.folder(directory);
			for (String name : KEYSTORE_FILES) {
				if (Files.exists(directory.resolve(name))) {
					OwnerOnlyFiles.protect(directory.resolve(name));
				}
			}
			if (!Files.exists(root) || !Files.exists(signing)) {
				LicenseRoot licenseRoot = LicenseRoot.generate("Voucher Development License Root", clock);
				SigningKey signingKey = licenseRoot.issueSigningKey("Voucher Development License Signing",
						Duration.ofDays(5 * 365));
				List<X509Certificate> signingChain = new ArrayList<>(signingKey.chain());
				signingChain.add(licenseRoot.certificate());
				save(root, ROOT_ALIAS, licenseRoot.privateKey(), List.of(licenseRoot.certificate()), password);
				save(signing, SIGNING_ALIAS, io.voucher.crypto.internal.PrivateKeys.of(signingKey), signingChain,
						password);
				warn(warning, "generated a development license root and signing key in " + directory);
			}
			if (!Files.exists(ca)) {
				KeyPair rootKeys = KeySupport.generateP256();
				DeviceCa generated = generateDeviceCa(rootKeys, clock);
				save(ca, DEVICE_CA_ALIAS, rootKeys.getPrivate(), generated.chain(), password);
				warn(warning, "generated a development Device CA in " + ca);
			}
			if (!Files.exists(kek)) {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, password);
				byte[] bytes = SecretBytes.random(32).toByteArray();
				store.setEntry(KEK_ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(bytes, "AES")),
						new KeyStore.PasswordProtection(password));
				Arrays.fill(bytes, (byte) 0);
				write(store, kek, password);
				warn(warning, "generated a development key encryption key in " + kek);
			}
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot bootstrap development keys in " + directory, ex);
		}
		return load(signing, ca, kek, password, clock);
	}

	private static DeviceCa generateDeviceCa(KeyPair keys, Clock clock) {
		org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500NameBuilder(
				org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE)
			.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.O, "Voucher")
			.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, "Voucher Development Device CA Root")
			.build();
		X509Certificate root = CertificateSupport.build(name, keys.getPrivate(), keys.getPublic(), name,
				keys.getPublic(), clock.instant().minus(Duration.ofHours(1)),
				clock.instant().plus(Duration.ofDays(20 * 365)), true, 0,
				org.bouncycastle.asn1.x509.KeyUsage.keyCertSign | org.bouncycastle.asn1.x509.KeyUsage.cRLSign,
				List.of());
		return DeviceCa.of(keys.getPrivate(), List.of(root), clock);
	}

	private static void warn(Consumer<String> warning, String message) {
		String text = "DEVELOPMENT KEYS: " + message + " -- not for production; configure keystores instead";
		LOGGER.log(Level.WARNING, text);
		warning.accept(text);
	}

	private static void save(Path file, String alias, PrivateKey key, List<X509Certificate> chain, char[] password)
			throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, password);
		store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
		write(store, file, password);
	}

	private static void write(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		store.store(out, password);
		OwnerOnlyFiles.write(file, out.toByteArray());
	}

	private static boolean opens(Path file, char[] password) {
		try {
			open(file, password);
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private static void reencrypt(Path file, char[] from, char[] to) throws IOException, GeneralSecurityException {
		KeyStore old = open(file, from);
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, to);
		for (String alias : Collections.list(old.aliases())) {
			if (old.isCertificateEntry(alias)) {
				store.setCertificateEntry(alias, old.getCertificate(alias));
			}
			else {
				store.setEntry(alias, old.getEntry(alias, new KeyStore.PasswordProtection(from)),
						new KeyStore.PasswordProtection(to));
			}
		}
		write(store, file, to);
	}

	private static KeyStore open(Path file, char[] password) {
		try (InputStream in = Files.newInputStream(file)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, password);
			return store;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot open keystore " + file, ex);
		}
	}

	private static KeyStore.PrivateKeyEntry privateKeyEntry(Path file, String alias, char[] password) {
		try {
			KeyStore.Entry entry = open(file, password).getEntry(alias, new KeyStore.PasswordProtection(password));
			if (!(entry instanceof KeyStore.PrivateKeyEntry privateKey)) {
				throw new IllegalStateException(file + " has no private key entry " + alias);
			}
			return privateKey;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot read " + alias + " from " + file, ex);
		}
	}

	private static List<X509Certificate> chain(KeyStore.PrivateKeyEntry entry) {
		List<X509Certificate> chain = new ArrayList<>();
		for (Certificate certificate : entry.getCertificateChain()) {
			try {
				chain.add(CertificateSupport.parse(certificate.getEncoded()));
			}
			catch (java.security.cert.CertificateEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return chain;
	}

}
