package io.voucher.api.cpix;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helpers for CPIX: request documents, the CPIX 2.3 schema (from
 * {@code src/test/resources/cpix}), and the packager's side of key delivery: its RSA key
 * and certificate, and the decryption of an encrypted answer, with Bouncy Castle, an
 * implementation independent of the server's JDK primitives.
 */
final class CpixDocuments {

	static final String CLEAR_KEY = "e2719d58-a985-b3c9-781a-b030af78d30e";

	static final String VOUCHER = "4061521c-01ee-4b9d-8158-26a0a2036fa7";

	static final String NS = "urn:dashif:org:cpix";

	static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";

	static final String XENC = "http://www.w3.org/2001/04/xmlenc#";

	static final Provider BC = new BouncyCastleProvider();

	private CpixDocuments() {
	}

	/**
	 * A request for these kids (UUID form), for these systems, with these certificates.
	 */
	static String request(String contentId, List<String> kids, List<String> systems, List<X509Certificate> recipients) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\" xmlns:pskc=\"urn:ietf:params:xml:ns:keyprov:pskc\" "
				+ "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" contentId=\"" + contentId + "\" version=\"2.3\">\n");
		if (!recipients.isEmpty()) {
			xml.append("<cpix:DeliveryDataList>\n");
			for (X509Certificate recipient : recipients) {
				xml.append("<cpix:DeliveryData><cpix:DeliveryKey><ds:X509Data><ds:X509Certificate>")
					.append(base64(der(recipient)))
					.append("</ds:X509Certificate></ds:X509Data></cpix:DeliveryKey></cpix:DeliveryData>\n");
			}
			xml.append("</cpix:DeliveryDataList>\n");
		}
		if (!kids.isEmpty()) {
			xml.append("<cpix:ContentKeyList>\n");
			kids.forEach((kid) -> xml.append("<cpix:ContentKey kid=\"")
				.append(kid)
				.append("\" commonEncryptionScheme=\"cenc\"/>\n"));
			xml.append("</cpix:ContentKeyList>\n");
		}
		if (!systems.isEmpty() && !kids.isEmpty()) {
			xml.append("<cpix:DRMSystemList>\n");
			for (String kid : kids) {
				systems.forEach((system) -> xml.append("<cpix:DRMSystem kid=\"")
					.append(kid)
					.append("\" systemId=\"")
					.append(system)
					.append("\"><cpix:PSSH/></cpix:DRMSystem>\n"));
			}
			xml.append("</cpix:DRMSystemList>\n");
			xml.append("<cpix:ContentKeyUsageRuleList>\n");
			kids.forEach((kid) -> xml.append("<cpix:ContentKeyUsageRule kid=\"")
				.append(kid)
				.append("\" intendedTrackType=\"ALL\"><cpix:VideoFilter/></cpix:ContentKeyUsageRule>\n"));
			xml.append("</cpix:ContentKeyUsageRuleList>\n");
		}
		return xml.append("</cpix:CPIX>\n").toString();
	}

	/** The CPIX 2.3 schema with the schemas it imports, all from the test resources. */
	static Schema schema() throws Exception {
		SchemaFactory factory = SchemaFactory.newDefaultInstance();
		factory.setResourceResolver(new LocalSchemas());
		return factory.newSchema(new StreamSource(resource("cpix.xsd"), "cpix/cpix.xsd"));
	}

	static void validate(String document) throws Exception {
		schema().newValidator().validate(new StreamSource(new StringReader(document)));
	}

	static Document parse(String document) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
	}

	/** The keys of a CPIX answer in clear: kid (UUID) → key (hex). */
	static Map<String, String> clearKeys(Document answer) {
		Map<String, String> keys = new LinkedHashMap<>();
		for (Element key : elements(answer.getDocumentElement(), NS, "ContentKey")) {
			Element plain = only(key, PSKC, "PlainValue");
			keys.put(key.getAttribute("kid"), hex(Base64.getDecoder().decode(plain.getTextContent().trim())));
		}
		return keys;
	}

	/**
	 * The keys of an encrypted CPIX answer, as the packager holding the private key opens
	 * them: document and MAC keys with RSA-OAEP (SHA-1, MGF1-SHA-1), each MAC checked
	 * before the key is decrypted with AES-256-CBC.
	 */
	static Map<String, String> decryptedKeys(Document answer, X509Certificate recipient, PrivateKey privateKey)
			throws Exception {
		Element delivery = null;
		for (Element candidate : elements(answer.getDocumentElement(), NS, "DeliveryData")) {
			String certificate = only(candidate, "http://www.w3.org/2000/09/xmldsig#", "X509Certificate")
				.getTextContent()
				.trim();
			if (certificate.equals(base64(der(recipient)))) {
				delivery = candidate;
			}
		}
		assertThat(delivery).as("a DeliveryData for the recipient").isNotNull();
		Element documentKey = only(delivery, NS, "DocumentKey");
		assertThat(only(documentKey, XENC, "EncryptionMethod").getAttribute("Algorithm"))
			.isEqualTo(XENC + "rsa-oaep-mgf1p");
		byte[] documentKeyBytes = rsaOaep(privateKey, cipherValue(documentKey));
		Element macMethod = only(delivery, NS, "MACMethod");
		assertThat(macMethod.getAttribute("Algorithm")).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#hmac-sha512");
		byte[] macKey = rsaOaep(privateKey, cipherValue(only(macMethod, PSKC, "MACKey")));
		assertThat(documentKeyBytes).hasSize(32);
		assertThat(macKey).hasSize(64);
		Map<String, String> keys = new LinkedHashMap<>();
		for (Element key : elements(answer.getDocumentElement(), NS, "ContentKey")) {
			Element secret = only(key, PSKC, "Secret");
			assertThat(elements(secret, PSKC, "PlainValue")).isEmpty();
			Element encrypted = only(secret, PSKC, "EncryptedValue");
			assertThat(only(encrypted, XENC, "EncryptionMethod").getAttribute("Algorithm"))
				.isEqualTo(XENC + "aes256-cbc");
			byte[] cipherValue = cipherValue(encrypted);
			Mac hmac = Mac.getInstance("HmacSHA512", BC);
			hmac.init(new SecretKeySpec(macKey, "HmacSHA512"));
			byte[] mac = Base64.getDecoder().decode(only(secret, PSKC, "ValueMAC").getTextContent().trim());
			assertThat(MessageDigest.isEqual(hmac.doFinal(cipherValue), mac))
				.as("ValueMAC of %s", key.getAttribute("kid"))
				.isTrue();
			Cipher aes = Cipher.getInstance("AES/CBC/PKCS7Padding", BC);
			aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(documentKeyBytes, "AES"),
					new IvParameterSpec(cipherValue, 0, 16));
			keys.put(key.getAttribute("kid"), hex(aes.doFinal(cipherValue, 16, cipherValue.length - 16)));
		}
		return keys;
	}

	static byte[] rsaOaep(PrivateKey privateKey, byte[] cipherText) throws GeneralSecurityException {
		Cipher rsa = Cipher.getInstance("RSA/NONE/OAEPPadding", BC);
		rsa.init(Cipher.DECRYPT_MODE, privateKey,
				new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
		return rsa.doFinal(cipherText);
	}

	private static byte[] cipherValue(Element parent) {
		return Base64.getDecoder().decode(only(parent, XENC, "CipherValue").getTextContent().trim());
	}

	/** A packager's RSA key pair and self-signed certificate, valid for a day. */
	static Packager packager(int bits) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(bits);
		KeyPair keys = generator.generateKeyPair();
		Instant now = Instant.now();
		X500Name name = new X500Name("CN=Test Packager");
		X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
				new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
						Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), name,
						keys.getPublic())
					.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
		return new Packager(keys.getPrivate(), certificate);
	}

	record Packager(PrivateKey privateKey, X509Certificate certificate) {
	}

	static List<Element> elements(Element root, String namespace, String name) {
		NodeList nodes = root.getElementsByTagNameNS(namespace, name);
		List<Element> found = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			found.add((Element) nodes.item(i));
		}
		return found;
	}

	static Element only(Element root, String namespace, String name) {
		List<Element> found = elements(root, namespace, name);
		assertThat(found).as(name + " in " + root.getLocalName()).hasSize(1);
		return found.get(0);
	}

	static String uuid(String hex) {
		return hex.replaceFirst("(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{12})",
				"$1-$2-$3-$4-$5");
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static byte[] der(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static InputStream resource(String name) {
		InputStream in = CpixDocuments.class.getResourceAsStream("/cpix/" + name);
		assertThat(in).as("test resource cpix/" + name).isNotNull();
		return in;
	}

	/**
	 * Resolves the schemas' imports to the local copies, and the W3C schemas' DTD to an
	 * empty document: validation never reaches the network.
	 */
	static final class LocalSchemas implements LSResourceResolver {

		@Override
		public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId,
				String baseURI) {
			if (systemId == null) {
				return null;
			}
			String name = systemId.substring(systemId.lastIndexOf('/') + 1);
			InputStream in = switch (name) {
				case "cpix.xsd", "pskc.xsd", "xenc-schema.xsd", "xmldsig-core-schema.xsd" -> resource(name);
				default -> new ByteArrayInputStream(new byte[0]);
			};
			return new Input(publicId, systemId, baseURI, in);
		}

	}

	record Input(String getPublicId, String getSystemId, String getBaseURI,
			InputStream getByteStream) implements LSInput {

		@Override
		public java.io.Reader getCharacterStream() {
			return null;
		}

		@Override
		public void setCharacterStream(java.io.Reader characterStream) {
		}

		@Override
		public void setByteStream(InputStream byteStream) {
		}

		@Override
		public String getStringData() {
			return null;
		}

		@Override
		public void setStringData(String stringData) {
		}

		@Override
		public void setSystemId(String systemId) {
		}

		@Override
		public void setPublicId(String publicId) {
		}

		@Override
		public void setBaseURI(String baseURI) {
		}

		@Override
		public String getEncoding() {
			return null;
		}

		@Override
		public void setEncoding(String encoding) {
		}

		@Override
		public boolean getCertifiedText() {
			return false;
		}

		@Override
		public void setCertifiedText(boolean certifiedText) {
		}

	}

}
