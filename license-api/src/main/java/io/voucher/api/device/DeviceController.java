package io.voucher.api.device;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.CsrRejectedException;
import io.voucher.crypto.pki.DeviceCa;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.revocation.RevocationList;
import io.voucher.crypto.revocation.RevocationLists;
import io.voucher.registry.admission.DeviceAdmission;
import io.voucher.registry.admission.DeviceRefusedException;
import io.voucher.registry.revocation.DeviceKeys;
import io.voucher.registry.revocation.DeviceRevocations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a device needs from the server before anything else: a certificate
 * (individualization), the keys to pin (trust), and the list of revoked devices.
 */
@RestController
@RequestMapping("/device/v1")
@Tag(name = "Device", description = "Device API: individualization, trust and revocation list")
@EnableConfigurationProperties(IndividualizationProperties.class)
class DeviceController {

	private static final Logger logger = LoggerFactory.getLogger(DeviceController.class);

	private static final String PRINTABLE = "[\\x20-\\x7E]{1,64}";

	private final DeviceCa deviceCa;

	private final KeyMaterial keyMaterial;

	private final SigningKeyRing signingKeys;

	private final DeviceRevocations revocations;

	private final DeviceAdmission admission;

	private final DeviceKeys keys;

	private final IndividualizationProperties individualization;

	private final JsonMapper json;

	private final Clock clock;

	DeviceController(DeviceCa deviceCa, KeyMaterial keyMaterial, SigningKeyRing signingKeys,
			DeviceRevocations revocations, DeviceAdmission admission, DeviceKeys keys,
			IndividualizationProperties individualization, JsonMapper json, Clock clock) {
		this.admission = admission;
		this.keys = keys;
		this.deviceCa = deviceCa;
		this.keyMaterial = keyMaterial;
		this.signingKeys = signingKeys;
		this.revocations = revocations;
		this.individualization = individualization;
		this.json = json;
		this.clock = clock;
	}

	@PostMapping("/individualization")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "individualizeDevice",
			summary = "Certify a device key: a PKCS#10 request signed by the device key gives a device certificate "
					+ "from the built-in Device CA",
			description = "Anyone may individualize a key of their own: providers choose whether they admit devices "
					+ "of the built-in Device CA (device admission). 403 DEVICE_KEY_REVOKED for a key revoked for "
					+ "the whole platform.")
	ResponseEntity<IndividualizationResponse> individualize(@Valid @RequestBody IndividualizationRequest request) {
		int level = (request.securityLevel() != null) ? request.securityLevel() : SecurityLevel.MIN;
		HdcpVersion hdcp = (request.maxHdcp() != null) ? request.maxHdcp() : HdcpVersion.HDCP_NONE;
		if (level > this.individualization.maxSecurityLevel() || !this.individualization.maxHdcp().satisfies(hdcp)) {
			throw new ApiException(ProblemCode.DEVICE_PROFILE_NOT_ALLOWED,
					"Self-individualized devices may claim at most security level "
							+ this.individualization.maxSecurityLevel() + " and " + this.individualization.maxHdcp()
							+ "; devices with stronger protection need a manufacturer certificate");
		}
		byte[] csr;
		try {
			csr = Base64.getDecoder().decode(request.csr());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ProblemCode.INVALID_CSR, "csr is not valid base64 (DER of a PKCS#10 request)");
		}
		DeviceCertificate certificate;
		try {
			certificate = this.deviceCa.issue(csr,
					new DeviceProfile(request.make(), request.model(), SecurityLevel.of(level), hdcp));
		}
		catch (CsrRejectedException ex) {
			throw new ApiException(ProblemCode.INVALID_CSR, "The certificate request was refused: " + ex.getMessage());
		}
		// A revoked key gets no new certificate (the one just made is never handed out):
		// revocation follows the key, not only the certificate.
		try {
			this.admission.checkKey(DeviceKeys.keyId(certificate));
		}
		catch (DeviceRefusedException ex) {
			throw new ApiException(ProblemCode.DEVICE_KEY_REVOKED,
					"This device key is revoked; it cannot be certified again");
		}
		this.keys.remember(certificate);
		logger.info("Individualized device {} ({} {}, level {})", certificate.fingerprint(), request.make(),
				request.model(), level);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new IndividualizationResponse(certificate.fingerprint().value(),
					certificate.chainDer().stream().map((der) -> Base64.getEncoder().encodeToString(der)).toList(),
					CertificatePem.encode(certificate.chain())));
	}

	@GetMapping("/trust")
	@Operation(operationId = "getDeviceTrust",
			summary = "The license root to pin, the current license signing keys (JWKS) and the Device CA root")
	ResponseEntity<TrustResponse> trust() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(new TrustResponse(CertificatePem.encode(List.of(this.keyMaterial.licenseRoot())),
					this.json.readTree(this.signingKeys.publicJwks()),
					CertificatePem.encode(List.of(this.deviceCa.root()))));
	}

	@GetMapping(path = "/revocation-list", produces = "application/jwt")
	@Operation(operationId = "getRevocationList",
			summary = "The signed list of revoked device certificates (a compact JWS; its sequence grows)",
			description = "A compact JWS signed by a license signing key, not JSON: verify it against the pinned "
					+ "license root before use. The ETag is the list's sequence; If-None-Match answers 304 "
					+ "while it is unchanged.")
	ResponseEntity<String> revocationList() {
		DeviceRevocations.Revocations current = this.revocations.current();
		Set<DeviceFingerprint> revoked = current.fingerprints()
			.stream()
			.map(DeviceFingerprint::new)
			.collect(Collectors.toSet());
		String signed = RevocationLists.sign(new RevocationList(current.sequence(), this.clock.instant(), revoked),
				this.signingKeys);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/jwt"))
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
			.eTag("\"" + current.sequence() + "\"")
			.body(signed);
	}

	@Schema(name = "IndividualizationRequest")
	record IndividualizationRequest(
			@Schema(description = "DER of a PKCS#10 request signed by the device key, base64") @NotBlank String csr,
			@Schema(description = "The device's make", example = "Acme") @NotBlank @Pattern(regexp = PRINTABLE,
					message = "must be 1-64 printable ASCII characters") String make,
			@Schema(description = "The device's model", example = "TV-1") @NotBlank @Pattern(regexp = PRINTABLE,
					message = "must be 1-64 printable ASCII characters") String model,
			@Schema(description = "Claimed security level; a claim above "
					+ "voucher.devices.individualization.max-security-level (default 1) is refused with "
					+ "400 DEVICE_PROFILE_NOT_ALLOWED, never lowered",
					defaultValue = "1") @Min(1) @Max(5) @Nullable Integer securityLevel,
			@Schema(description = "Claimed maximum HDCP version",
					defaultValue = "HDCP_NONE") @Nullable HdcpVersion maxHdcp) {
	}

	@Schema(name = "IndividualizationResponse")
	record IndividualizationResponse(@Schema(description = "base64url SHA-256 of the certificate") String fingerprint,
			@Schema(description = "Device certificate first, then issuing CAs; DER in base64") List<String> certificateChain,
			@Schema(description = "The same chain in PEM") String certificateChainPem) {
	}

	@Schema(name = "DeviceTrust")
	record TrustResponse(@Schema(description = "The license root certificate devices pin (PEM)") String licenseRoot,
			@Schema(description = "The license signing keys (JWK set)") JsonNode signingKeys,
			@Schema(description = "The built-in Device CA root (PEM)") String deviceCaRoot) {
	}

}
