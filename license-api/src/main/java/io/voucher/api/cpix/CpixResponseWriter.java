package io.voucher.api.cpix;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentKeyMaterial;
import org.jspecify.annotations.Nullable;

/**
 * Writes the CPIX 2.3 answer: the delivery data (when keys are encrypted), one
 * {@code ContentKey} per key, one {@code DRMSystem} per key and system, and one
 * {@code ContentKeyUsageRule} per key, by its track type.
 */
final class CpixResponseWriter {

	/** The largest picture of an SD track: 768×576. */
	static final long SD_MAX_PIXELS = 768L * 576;

	/** The largest picture of an HD track: 1920×1080. */
	static final long HD_MAX_PIXELS = 1920L * 1080;

	/** The largest picture of a UHD1 track: 4096×2160. */
	static final long UHD1_MAX_PIXELS = 4096L * 2160;

	private static final Base64.Encoder BASE64 = Base64.getEncoder();

	private CpixResponseWriter() {
	}

	/**
	 * Writes the answer.
	 * @param request the request it answers
	 * @param keys the keys delivered, in the order of the answer
	 * @param documentKey the document key when the keys are encrypted, else {@code null}
	 * @return the document
	 */
	static String write(CpixRequest request, List<ContentKeyMaterial> keys, @Nullable DocumentKey documentKey) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.setPrefix("cpix", CpixXml.CPIX);
			xml.setPrefix("pskc", CpixXml.PSKC);
			xml.setPrefix("xenc", CpixXml.XENC);
			xml.setPrefix("ds", CpixXml.DS);
			xml.writeStartElement(CpixXml.CPIX, "CPIX");
			xml.writeNamespace("cpix", CpixXml.CPIX);
			xml.writeNamespace("pskc", CpixXml.PSKC);
			xml.writeNamespace("xenc", CpixXml.XENC);
			xml.writeNamespace("ds", CpixXml.DS);
			xml.writeAttribute("contentId", request.contentId());
			xml.writeAttribute("version", "2.3");
			if (documentKey != null) {
				deliveryData(xml, request.recipients(), documentKey);
			}
			contentKeys(xml, request, keys, documentKey);
			drmSystems(xml, request, keys);
			usageRules(xml, keys);
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Writing the CPIX answer to memory failed", ex);
		}
		return out.toString();
	}

	private static void deliveryData(XMLStreamWriter xml, List<X509Certificate> recipients, DocumentKey documentKey)
			throws XMLStreamException {
		xml.writeStartElement(CpixXml.CPIX, "DeliveryDataList");
		for (X509Certificate recipient : recipients) {
			xml.writeStartElement(CpixXml.CPIX, "DeliveryData");
			xml.writeStartElement(CpixXml.CPIX, "DeliveryKey");
			xml.writeStartElement(CpixXml.DS, "X509Data");
			text(xml, CpixXml.DS, "X509Certificate", BASE64.encodeToString(der(recipient)));
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeStartElement(CpixXml.CPIX, "DocumentKey");
			xml.writeStartElement(CpixXml.CPIX, "Data");
			xml.writeStartElement(CpixXml.PSKC, "Secret");
			xml.writeStartElement(CpixXml.PSKC, "EncryptedValue");
			encrypted(xml, CpixXml.RSA_OAEP_MGF1P, documentKey.documentKeyFor(recipient));
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeStartElement(CpixXml.CPIX, "MACMethod");
			xml.writeAttribute("Algorithm", CpixXml.HMAC_SHA512);
			xml.writeStartElement(CpixXml.PSKC, "MACKey");
			encrypted(xml, CpixXml.RSA_OAEP_MGF1P, documentKey.macKeyFor(recipient));
			xml.writeEndElement();
			xml.writeEndElement();
			text(xml, CpixXml.CPIX, "SendingEntity", "Voucher");
			xml.writeEndElement();
		}
		xml.writeEndElement();
	}

	private static void contentKeys(XMLStreamWriter xml, CpixRequest request, List<ContentKeyMaterial> keys,
			@Nullable DocumentKey documentKey) throws XMLStreamException {
		xml.writeStartElement(CpixXml.CPIX, "ContentKeyList");
		for (ContentKeyMaterial key : keys) {
			xml.writeStartElement(CpixXml.CPIX, "ContentKey");
			xml.writeAttribute("kid", uuid(key.keyId()));
			xml.writeAttribute("commonEncryptionScheme", request.schemes().getOrDefault(key.keyId(), "cenc"));
			xml.writeStartElement(CpixXml.CPIX, "Data");
			xml.writeStartElement(CpixXml.PSKC, "Secret");
			if (documentKey == null) {
				byte[] clear = key.key().toByteArray();
				text(xml, CpixXml.PSKC, "PlainValue", BASE64.encodeToString(clear));
				java.util.Arrays.fill(clear, (byte) 0);
			}
			else {
				DocumentKey.Sealed sealed = documentKey.seal(key.key());
				xml.writeStartElement(CpixXml.PSKC, "EncryptedValue");
				encrypted(xml, CpixXml.AES256_CBC, sealed.cipherValue());
				xml.writeEndElement();
				text(xml, CpixXml.PSKC, "ValueMAC", BASE64.encodeToString(sealed.mac()));
			}
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndElement();
		}
		xml.writeEndElement();
	}

	private static void drmSystems(XMLStreamWriter xml, CpixRequest request, List<ContentKeyMaterial> keys)
			throws XMLStreamException {
		Set<DrmSystem> systems = request.systems().isEmpty() ? Set.of(DrmSystem.values()) : request.systems();
		xml.writeStartElement(CpixXml.CPIX, "DRMSystemList");
		for (ContentKeyMaterial key : keys) {
			for (DrmSystem system : DrmSystem.values()) {
				if (!systems.contains(system)) {
					continue;
				}
				byte[] pssh = switch (system) {
					case CLEAR_KEY -> Pssh.clearKey(List.of(key.keyId()));
					case VOUCHER -> Pssh.voucher(List.of(key.keyId()), request.contentId());
				};
				xml.writeStartElement(CpixXml.CPIX, "DRMSystem");
				xml.writeAttribute("kid", uuid(key.keyId()));
				xml.writeAttribute("systemId", system.systemId().toString());
				xml.writeAttribute("name", system.displayName());
				text(xml, CpixXml.CPIX, "PSSH", BASE64.encodeToString(pssh));
				String contentProtection = "<cenc:pssh xmlns:cenc=\"" + CpixXml.CENC + "\">"
						+ BASE64.encodeToString(pssh) + "</cenc:pssh>";
				text(xml, CpixXml.CPIX, "ContentProtectionData",
						BASE64.encodeToString(contentProtection.getBytes(StandardCharsets.UTF_8)));
				xml.writeEndElement();
			}
		}
		xml.writeEndElement();
	}

	private static void usageRules(XMLStreamWriter xml, List<ContentKeyMaterial> keys) throws XMLStreamException {
		xml.writeStartElement(CpixXml.CPIX, "ContentKeyUsageRuleList");
		for (ContentKeyMaterial key : keys) {
			xml.writeStartElement(CpixXml.CPIX, "ContentKeyUsageRule");
			xml.writeAttribute("kid", uuid(key.keyId()));
			xml.writeAttribute("intendedTrackType", key.trackType().name());
			TrackType track = key.trackType();
			if (track == TrackType.AUDIO) {
				xml.writeEmptyElement(CpixXml.CPIX, "AudioFilter");
			}
			else {
				xml.writeEmptyElement(CpixXml.CPIX, "VideoFilter");
				switch (track) {
					case SD -> xml.writeAttribute("maxPixels", Long.toString(SD_MAX_PIXELS));
					case HD -> {
						xml.writeAttribute("minPixels", Long.toString(SD_MAX_PIXELS + 1));
						xml.writeAttribute("maxPixels", Long.toString(HD_MAX_PIXELS));
					}
					case UHD1 -> {
						xml.writeAttribute("minPixels", Long.toString(HD_MAX_PIXELS + 1));
						xml.writeAttribute("maxPixels", Long.toString(UHD1_MAX_PIXELS));
					}
					case UHD2 -> xml.writeAttribute("minPixels", Long.toString(UHD1_MAX_PIXELS + 1));
					case AUDIO -> {
					}
				}
			}
			xml.writeEndElement();
		}
		xml.writeEndElement();
	}

	private static void encrypted(XMLStreamWriter xml, String algorithm, byte[] cipherValue) throws XMLStreamException {
		xml.writeEmptyElement(CpixXml.XENC, "EncryptionMethod");
		xml.writeAttribute("Algorithm", algorithm);
		xml.writeStartElement(CpixXml.XENC, "CipherData");
		text(xml, CpixXml.XENC, "CipherValue", BASE64.encodeToString(cipherValue));
		xml.writeEndElement();
	}

	private static void text(XMLStreamWriter xml, String namespace, String name, String value)
			throws XMLStreamException {
		xml.writeStartElement(namespace, name);
		xml.writeCharacters(value);
		xml.writeEndElement();
	}

	/** A key id as CPIX writes it: the UUID of its 16 bytes. */
	static String uuid(KeyId keyId) {
		java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(keyId.bytes());
		return new UUID(bytes.getLong(), bytes.getLong()).toString().toLowerCase(Locale.ROOT);
	}

	private static byte[] der(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("A parsed certificate encodes", ex);
		}
	}

}
