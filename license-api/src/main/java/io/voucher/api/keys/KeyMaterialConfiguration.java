package io.voucher.api.keys;

import java.time.Clock;

import io.voucher.crypto.keys.EnvelopeEncryption;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.KeyMaterialBootstrap;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.pki.DeviceCa;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads (or, for development, generates) the key material once at start and exposes its
 * parts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyProperties.class)
class KeyMaterialConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(KeyMaterialConfiguration.class);

	@Bean
	KeyMaterial keyMaterial(KeyProperties properties, Clock clock) {
		if (!properties.configured()) {
			logger.warn("No keystores configured (voucher.keys.*-keystore): using DEVELOPMENT keys in {}. "
					+ "Never run production like this.", properties.directory().toAbsolutePath());
			// The bootstrap logs each generated key itself. Without a configured
			// password,
			// it generates one, kept owner-only in the folder.
			if (properties.password() != null) {
				return KeyMaterialBootstrap.development(properties.directory(), properties.password().toCharArray(),
						clock, (warning) -> {
						});
			}
			return KeyMaterialBootstrap.development(properties.directory(), clock, (warning) -> {
			});
		}
		if (properties.licenseSigningKeystore() == null || properties.deviceCaKeystore() == null
				|| properties.kekKeystore() == null || properties.password() == null) {
			throw new IllegalStateException("Configure all of voucher.keys.license-signing-keystore, "
					+ "voucher.keys.device-ca-keystore, voucher.keys.kek-keystore and voucher.keys.password, or none");
		}
		logger.info("Loading keys from configured keystores");
		return KeyMaterialBootstrap.load(properties.licenseSigningKeystore(), properties.deviceCaKeystore(),
				properties.kekKeystore(), properties.password().toCharArray(), clock);
	}

	@Bean
	EnvelopeEncryption envelopeEncryption(KeyMaterial keyMaterial) {
		return new EnvelopeEncryption(keyMaterial.kek());
	}

	@Bean
	SigningKeyRing signingKeyRing(KeyMaterial keyMaterial) {
		return keyMaterial.signingKeys();
	}

	@Bean
	DeviceCa deviceCa(KeyMaterial keyMaterial) {
		return keyMaterial.deviceCa();
	}

}
