package io.voucher.api.cpix;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Answers CPIX requests: reads the document, decides whether the caller may have the keys
 * in that form, opens the content's keys and writes the answer; records each delivery in
 * the audit trail.
 */
@Service
class CpixKeyDelivery {

	/** The audit action of a key delivery. */
	static final String AUDIT_ACTION = "CPIX_KEY_DELIVERY";

	private static final Logger logger = LoggerFactory.getLogger(CpixKeyDelivery.class);

	private final ContentService contents;

	private final AuditTrail trail;

	private final CpixRequestReader reader;

	private final SecureRandom random = new SecureRandom();

	CpixKeyDelivery(ContentService contents, AuditTrail trail, Clock clock) {
		this.contents = contents;
		this.trail = trail;
		this.reader = new CpixRequestReader(clock);
	}

	/**
	 * Answers one request.
	 * @param body the CPIX request document
	 * @param caller the provider the caller acts for
	 * @param actor the caller's name (provider and credential prefix), for the trail
	 * @param keyExport whether the caller's credential may take keys in clear
	 * @return the CPIX answer
	 */
	String deliver(byte[] body, ProviderPrincipal caller, String actor, boolean keyExport) {
		CpixRequest request = this.reader.read(body);
		if (!request.encrypted() && !keyExport) {
			throw new ApiException(ProblemCode.CPIX_DELIVERY_KEY_REQUIRED,
					"Keys in clear are only for a credential created with key_export: send DeliveryData with the "
							+ "packager's certificate to get them encrypted.");
		}
		List<ContentKeyMaterial> keys = keys(caller, request);
		String answer;
		if (request.encrypted()) {
			try (DocumentKey documentKey = DocumentKey.generate(this.random)) {
				answer = CpixResponseWriter.write(request, keys, documentKey);
			}
		}
		else {
			answer = CpixResponseWriter.write(request, keys, null);
		}
		String kids = keys.stream().map((key) -> key.keyId().toHex()).collect(Collectors.joining(","));
		String form = request.encrypted() ? "encrypted to "
				+ request.recipients().stream().map(CpixKeyDelivery::fingerprint).collect(Collectors.joining(","))
				: "clear";
		this.trail.append(ActorType.PROVIDER, actor, caller.providerId(), AUDIT_ACTION,
				"content:" + request.contentId() + " kids:" + kids, Outcome.SUCCESS, form);
		logger.info("CPIX: keys of '{}' delivered to {} ({}): {}", request.contentId(), actor,
				request.encrypted() ? "encrypted" : "clear", kids);
		keys.forEach((key) -> key.key().destroy());
		return answer;
	}

	private List<ContentKeyMaterial> keys(ProviderPrincipal caller, CpixRequest request) {
		ContentId contentId = new ContentId(request.contentId());
		if (request.keyIds().isEmpty()) {
			List<ContentKeyMaterial> active = this.contents.activeKeys(caller.providerId(), contentId);
			if (active.isEmpty()) {
				throw new ApiException(ProblemCode.CPIX_KEY_NOT_FOUND,
						"Content '" + request.contentId() + "' has no active key.");
			}
			return active;
		}
		// Unknown content answers CONTENT_NOT_FOUND before any key is looked at.
		this.contents.get(caller.providerId(), contentId);
		List<ContentKeyMaterial> keys = new ArrayList<>();
		for (KeyId keyId : request.keyIds()) {
			keys.add(
					this.contents.key(caller.providerId(), contentId, keyId)
						.orElseThrow(() -> new ApiException(ProblemCode.CPIX_KEY_NOT_FOUND, "Content '"
								+ request.contentId() + "' has no key " + CpixResponseWriter.uuid(keyId)
								+ ": Voucher creates no key on a CPIX request; add keys with the content API.")));
		}
		return keys;
	}

	/**
	 * SHA-256 of the certificate, hex: which recipient, without the whole certificate.
	 */
	private static String fingerprint(X509Certificate certificate) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()))
				.substring(0, 16);
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new IllegalStateException("SHA-256 of a parsed certificate", ex);
		}
	}

}
