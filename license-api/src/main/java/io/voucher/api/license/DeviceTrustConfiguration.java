package io.voucher.api.license;

import java.time.Clock;

import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.group.GroupCredentialIssuer;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.pki.DeviceCa;
import io.voucher.crypto.voucher.VoucherIssuer;
import io.voucher.registry.trust.TrustedRoots;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which device certificates the server trusts (the built-in Device CA, configured and
 * added manufacturer roots), and the challenge verifier, license issuer and group
 * credential issuer built on them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LicenseProperties.class)
class DeviceTrustConfiguration {

	@Bean
	DeviceTrustStore deviceTrustStore(DeviceCa deviceCa, LicenseProperties properties, TrustedRoots roots,
			Clock clock) {
		return new DeviceTrustStore(deviceCa, properties, roots, clock);
	}

	@Bean
	ChallengeVerifier challengeVerifier(DeviceTrustStore trust, LicenseProperties properties, Clock clock) {
		return new ChallengeVerifier(trust, clock, properties.challengeMaxSkew());
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
