package io.voucher.api.cpix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.voucher.KeyId;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a CPIX request document safely: no DTD (so no entity of any kind, internal or
 * external), no external schema or stylesheet, no XInclude; then checks what Voucher
 * needs of it. Every refusal is an {@link ApiException} with a CPIX code whose message
 * never echoes the document.
 */
final class CpixRequestReader {

	/** Most key ids one request may list. */
	static final int MAX_KEYS = 64;

	/** Most recipients one request may name. */
	static final int MAX_RECIPIENTS = 8;

	/** The smallest RSA delivery key accepted (CPIX recommends 3072 bits). */
	static final int MIN_RSA_BITS = 2048;

	private static final Pattern UUID_PATTERN = Pattern
		.compile("[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");

	private static final Set<String> SCHEMES = Set.of("cenc", "cbc1", "cens", "cbcs");

	private final Clock clock;

	CpixRequestReader(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Parses and checks a request document.
	 * @param body the document's bytes
	 * @return what it asks for
	 * @throws ApiException {@code INVALID_CPIX} or {@code CPIX_DRM_SYSTEM_NOT_SUPPORTED}
	 */
	CpixRequest read(byte[] body) {
		Element root = parse(body).getDocumentElement();
		if (!CpixXml.CPIX.equals(root.getNamespaceURI()) || !"CPIX".equals(root.getLocalName())) {
			throw invalid("The document element must be CPIX in the namespace " + CpixXml.CPIX + ".");
		}
		String contentId = root.getAttribute("contentId").trim();
		if (contentId.isEmpty()) {
			throw invalid("CPIX/@contentId must name the Voucher content id.");
		}
		Map<KeyId, String> schemes = new LinkedHashMap<>();
		Set<KeyId> keyIds = new LinkedHashSet<>();
		for (Element key : children(child(root, CpixXml.CPIX, "ContentKeyList"), CpixXml.CPIX, "ContentKey")) {
			KeyId keyId = kid(key, "ContentKey/@kid");
			keyIds.add(keyId);
			if (keyIds.size() > MAX_KEYS) {
				throw invalid("ContentKeyList may list at most " + MAX_KEYS + " keys.");
			}
			if (child(key, CpixXml.CPIX, "Data") != null) {
				throw invalid("ContentKey carries key data: Voucher delivers the keys of its contents and takes "
						+ "none in a CPIX request; inject keys with the content API.");
			}
			String scheme = key.getAttribute("commonEncryptionScheme").trim();
			if (!scheme.isEmpty()) {
				if (!SCHEMES.contains(scheme)) {
					throw invalid("ContentKey/@commonEncryptionScheme must be one of cenc, cbc1, cens, cbcs.");
				}
				schemes.put(keyId, scheme);
			}
		}
		Set<DrmSystem> systems = EnumSet.noneOf(DrmSystem.class);
		for (Element system : children(child(root, CpixXml.CPIX, "DRMSystemList"), CpixXml.CPIX, "DRMSystem")) {
			UUID systemId = uuid(system.getAttribute("systemId"), "DRMSystem/@systemId");
			systems.add(DrmSystem.of(systemId)
				.orElseThrow(() -> new ApiException(ProblemCode.CPIX_DRM_SYSTEM_NOT_SUPPORTED,
						"DRMSystem " + systemId + " is not supported: Voucher signals W3C Clear Key ("
								+ DrmSystem.CLEAR_KEY.systemId() + ") and Voucher (" + DrmSystem.VOUCHER.systemId()
								+ ").")));
			checkListed(kid(system, "DRMSystem/@kid"), keyIds, "DRMSystem/@kid");
		}
		for (Element rule : children(child(root, CpixXml.CPIX, "ContentKeyUsageRuleList"), CpixXml.CPIX,
				"ContentKeyUsageRule")) {
			checkListed(kid(rule, "ContentKeyUsageRule/@kid"), keyIds, "ContentKeyUsageRule/@kid");
		}
		List<X509Certificate> recipients = new ArrayList<>();
		for (Element delivery : children(child(root, CpixXml.CPIX, "DeliveryDataList"), CpixXml.CPIX, "DeliveryData")) {
			recipients.add(certificate(delivery));
			if (recipients.size() > MAX_RECIPIENTS) {
				throw invalid("DeliveryDataList may name at most " + MAX_RECIPIENTS + " recipients.");
			}
		}
		return new CpixRequest(contentId, List.copyOf(keyIds), schemes, systems, recipients);
	}

	private X509Certificate certificate(Element delivery) {
		Element x509Data = child(child(delivery, CpixXml.CPIX, "DeliveryKey"), CpixXml.DS, "X509Data");
		Element encoded = child(x509Data, CpixXml.DS, "X509Certificate");
		if (encoded == null) {
			throw invalid("DeliveryData/DeliveryKey must hold ds:X509Data/ds:X509Certificate, the recipient's "
					+ "certificate.");
		}
		X509Certificate certificate;
		try {
			byte[] der = Base64.getMimeDecoder().decode(encoded.getTextContent().trim());
			certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (IllegalArgumentException | CertificateException | ClassCastException ex) {
			throw invalid("DeliveryKey's X509Certificate is not a base64 DER X.509 certificate.");
		}
		if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)) {
			throw invalid("The delivery certificate's key must be RSA (CPIX wraps document keys with RSA-OAEP).");
		}
		if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
			throw invalid("The delivery certificate's RSA key must have at least " + MIN_RSA_BITS + " bits.");
		}
		try {
			certificate.checkValidity(Date.from(this.clock.instant()));
		}
		catch (CertificateExpiredException | CertificateNotYetValidException ex) {
			throw invalid("The delivery certificate is expired or not yet valid.");
		}
		return certificate;
	}

	private static void checkListed(KeyId keyId, Set<KeyId> listed, String where) {
		if (!listed.isEmpty() && !listed.contains(keyId)) {
			throw invalid(where + " names a key that ContentKeyList does not list.");
		}
	}

	private static KeyId kid(Element element, String where) {
		return KeyId.of(uuid(element.getAttribute("kid"), where));
	}

	private static UUID uuid(String value, String where) {
		String trimmed = value.trim();
		if (!UUID_PATTERN.matcher(trimmed).matches()) {
			throw invalid(where + " must be a UUID (8-4-4-4-12 hex digits).");
		}
		return UUID.fromString(trimmed.toLowerCase(Locale.ROOT));
	}

	private static @Nullable Element child(@Nullable Element parent, String namespace, String name) {
		List<Element> found = children(parent, namespace, name);
		if (found.size() > 1) {
			throw invalid(name + " may appear once in " + parent.getLocalName() + ".");
		}
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> children(@Nullable Element parent, String namespace, String name) {
		List<Element> found = new ArrayList<>();
		if (parent == null) {
			return found;
		}
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
					&& name.equals(element.getLocalName())) {
				found.add(element);
			}
		}
		return found;
	}

	private static Document parse(byte[] body) {
		try {
			DocumentBuilder builder = factory().newDocumentBuilder();
			builder.setErrorHandler(THROWING);
			// Never reached with DTDs disallowed; refuses any entity should that change.
			builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
			return builder.parse(new ByteArrayInputStream(body));
		}
		catch (SAXParseException ex) {
			boolean doctype = ex.getMessage() != null && ex.getMessage().contains("DOCTYPE");
			throw invalid(doctype ? "The CPIX document has a DOCTYPE: DTDs and entities are refused."
					: "The CPIX document is not well-formed XML (line " + ex.getLineNumber() + ", column "
							+ ex.getColumnNumber() + ").");
		}
		catch (SAXException | IOException ex) {
			throw invalid("The CPIX document is not well-formed XML.");
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("The JDK's XML parser supports secure processing", ex);
		}
	}

	/**
	 * The JDK's own parser, hardened as the OWASP XXE cheat sheet says: a DOCTYPE is a
	 * fatal error.
	 */
	static DocumentBuilderFactory factory() throws ParserConfigurationException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
		factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		return factory;
	}

	private static final ErrorHandler THROWING = new ErrorHandler() {

		@Override
		public void warning(SAXParseException exception) {
		}

		@Override
		public void error(SAXParseException exception) throws SAXException {
			throw exception;
		}

		@Override
		public void fatalError(SAXParseException exception) throws SAXException {
			throw exception;
		}

	};

	private static ApiException invalid(String message) {
		return new ApiException(ProblemCode.INVALID_CPIX, message);
	}

}
