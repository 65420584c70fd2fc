package io.voucher.crypto.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.voucher.crypto.internal.CertificateSupport;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM encoding and decoding of certificate chains, as devices and operators exchange
 * them.
 */
public final class CertificatePem {

	private CertificatePem() {
	}

	/**
	 * Encodes certificates as concatenated PEM blocks.
	 * @param certificates the certificates
	 * @return the PEM text
	 */
	public static String encode(List<X509Certificate> certificates) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (X509Certificate certificate : certificates) {
				writer.writeObject(certificate);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return text.toString();
	}

	/**
	 * Decodes concatenated PEM certificate blocks.
	 * @param pem the PEM text
	 * @return the certificates, in order
	 * @throws CertificateRejectedException with {@code MALFORMED}
	 */
	public static List<X509Certificate> decode(String pem) {
		List<X509Certificate> result = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			PemObject object;
			while ((object = parser.readPemObject()) != null) {
				if (!"CERTIFICATE".equals(object.getType())) {
					throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED,
							"unexpected PEM block " + object.getType());
				}
				result.add(CertificateSupport.parse(object.getContent()));
			}
		}
		catch (IOException ex) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED, "bad PEM", ex);
		}
		if (result.isEmpty()) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED,
					"no certificate in PEM");
		}
		return result;
	}

}
