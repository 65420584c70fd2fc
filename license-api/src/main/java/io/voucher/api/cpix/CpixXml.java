package io.voucher.api.cpix;

/**
 * The XML namespaces and algorithm identifiers of CPIX 2.3 documents.
 */
final class CpixXml {

	static final String CPIX = "urn:dashif:org:cpix";

	static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";

	static final String XENC = "http://www.w3.org/2001/04/xmlenc#";

	static final String DS = "http://www.w3.org/2000/09/xmldsig#";

	/** Content keys under the document key (CPIX 2.3, "Mandatory Algorithms"). */
	static final String AES256_CBC = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";

	/**
	 * The document key and the MAC key under the delivery key: RSA-OAEP, SHA-1,
	 * MGF1-SHA-1.
	 */
	static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";

	/** The MAC of each encrypted content key. */
	static final String HMAC_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512";

	/** The MPEG Common Encryption namespace of {@code cenc:pssh} in a DASH manifest. */
	static final String CENC = "urn:mpeg:cenc:2013";

	private CpixXml() {
	}

}
