package io.voucher.crypto.internal;

import java.security.PrivateKey;
import java.util.HexFormat;

import javax.crypto.SecretKey;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.impl.AESKW;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key-block test vector published in {@code docs/formats.md} (§3, "Key block, step by
 * step"): if this fails, the document or the format changed.
 */
class KeyBlockExampleTests {

	private static final String DEVICE_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\","
			+ "\"x\":\"UEqjNklo5rlj4htR9nKP_jfALuapiF1-pRkYpIyM1Ag\","
			+ "\"y\":\"FwfcaWVG7zBeC8b0Ao3cJpt71j3vICDErqCn1tWLk-A\","
			+ "\"d\":\"OXhTxvuzDoWv2pho_GwwSe5byFfDHoIu8Xa_PhXT0_w\"}";

	private static final String KEY_BLOCK = "eyJjdHkiOiJqd2stc2V0K2pzb24iLCJlcGsiOnsia3R5IjoiRUMiLCJjcnYiOiJQLTI1NiIsIngiOiJTdU5MeE11WVQ4SlZueEM0cHFm"
			+ "akZ6M2l1UHF0SzRIeVNvY3J6eURLRV80IiwieSI6IkJESmdIS0hDbG5MWnAtbjdtLURKbGhxaDFhQ05GLTRNNFdqa2FaU2VwTjAifSwi"
			+ "ZW5jIjoiQTEyOEdDTSIsImFsZyI6IkVDREgtRVMrQTEyOEtXIiwibGlkIjoiMGI3YTRkMWUtNWMxZi00YzU5LTlmNTktMmQwZjVhOGMx"
			+ "ZTIxIn0._VojyHo1zJCgeEFk2qRWlTJugTof6Kf8.nDllFtTY-VkScGuh.ZuhqttH1seJr9gsob7s_kSHcbRQI_o-d884I9Q0yrM542chR"
			+ "QfvkkHXeG2matFZesZanPNYBX0iRc19MDuojXNF96q6soW1cNv-GanN0gOUdRgmE.2m-vGeBE1U4Y73-n8-QkPg";

	@Test
	void decryptWhenFormatsDocumentKeyBlockExampleThenPublishedJwkSet() throws Exception {
		PrivateKey device = KeySupport.onPreferredProvider(ECKey.parse(DEVICE_KEY).toECPrivateKey());
		JWEObject jwe = Jose.decrypt(KEY_BLOCK, device);
		assertThat(jwe.getPayload().toString()).isEqualTo(
				"{\"keys\":[{\"kty\":\"oct\",\"kid\":\"QzKxQ9v-pPzHlFmxd5MOnQ\",\"k\":\"Zv7l9Vesdn7VupDgEVclxg\"}]}");
		assertThat(jwe.getHeader().getCustomParam("lid")).isEqualTo("0b7a4d1e-5c1f-4c59-9f59-2d0f5a8c1e21");
		assertThat(jwe.getHeader().getIncludedParams()).containsExactlyInAnyOrder("alg", "enc", "cty", "lid", "epk");
	}

	@Test
	void deriveWhenFormatsDocumentKeyBlockExampleThenPublishedIntermediateValues() throws Exception {
		PrivateKey device = KeySupport.onPreferredProvider(ECKey.parse(DEVICE_KEY).toECPrivateKey());
		JWEObject jwe = JWEObject.parse(KEY_BLOCK);
		ECKey epk = (ECKey) jwe.getHeader().getEphemeralPublicKey();
		SecretKey z = ECDH.deriveSharedSecret(epk.toECPublicKey(), device, CryptoProviders.bouncyCastle());
		assertThat(HexFormat.of().formatHex(z.getEncoded()))
			.isEqualTo("433c2cc7e9675bdbd60dc0690a61fdea9df61c851fe1de92db11db742ac6f5d6");
		SecretKey kek = ECDH.deriveSharedKey(jwe.getHeader(), z, new ConcatKDF("SHA-256"));
		assertThat(HexFormat.of().formatHex(kek.getEncoded())).isEqualTo("d0c8978102174bf4e38cd4962cb8c8db");
		SecretKey cek = AESKW.unwrapCEK(kek, jwe.getEncryptedKey().decode(), null);
		assertThat(HexFormat.of().formatHex(cek.getEncoded())).isEqualTo("a24ff7a02dabd8dacb81e5cd27a99995");
	}

}
