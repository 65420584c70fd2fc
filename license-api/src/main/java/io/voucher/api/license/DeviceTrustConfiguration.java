package io.voucher.api.license;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.group.GroupCredentialIssuer;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCa;
import io.voucher.crypto.pki.DeviceChainValidator;
import io.voucher.crypto.voucher.VoucherIssuer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which device certificates the server trusts (the built-in Device CA and configured
 * manufacturer roots), and the challenge verifier, license issuer and group credential
 * issuer built on them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LicenseProperties.class)
class DeviceTrustConfiguration {

	@Bean
	DeviceChainValidator deviceChainValidator(DeviceCa deviceCa, LicenseProperties properties, Clock clock) {
		List<X509Certificate> anchors = new ArrayList<>();
		anchors.add(deviceCa.root());
		for (Path root : properties.trustedRoots()) {
			try {
				anchors.addAll(CertificatePem.decode(Files.readString(root)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read trusted device root " + root, ex);
			}
		}
		return new DeviceChainValidator(anchors, clock);
	}

	@Bean
	ChallengeVerifier challengeVerifier(DeviceChainValidator validator, LicenseProperties properties, Clock clock) {
		return new ChallengeVerifier(validator, clock, properties.challengeMaxSkew());
	}

	@Bean
	VoucherIssuer voucherIssuer(SigningKeyRing signingKeys) {
		return new VoucherIssuer(signingKeys);
	}

	@Bean
	GroupCredentialIssuer groupCredentialIssuer(SigningKeyRing signingKeys, Clock clock) {
		return new GroupCredentialIssuer(signingKeys, clock);
	}

}
