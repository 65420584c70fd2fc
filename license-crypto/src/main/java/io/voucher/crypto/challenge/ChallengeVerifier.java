package io.voucher.crypto.challenge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.voucher.crypto.challenge.ChallengeRejectedException.Reason;
import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.JoseProblem;
import io.voucher.crypto.internal.ParsedJws;
import io.voucher.crypto.pki.CertificateRejectedException;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceChainValidator;

/**
 * Verifies challenges on the server: device chain valid against the trust anchors,
 * signature by the device key with the one algorithm of its key type (ES256 or PS256), no
 * {@code crit}, {@code iat} within the allowed skew of the clock.
 */
public final class ChallengeVerifier {

	/** The default allowed distance between {@code iat} and the server clock. */
	public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

	private final Supplier<DeviceChainValidator> chainValidator;

	private final Clock clock;

	private final Duration maxSkew;

	/**
	 * Creates a verifier.
	 * @param chainValidator validates the device chain
	 * @param clock the server clock
	 * @param maxSkew the allowed distance between {@code iat} and the clock, both ways
	 */
	public ChallengeVerifier(DeviceChainValidator chainValidator, Clock clock, Duration maxSkew) {
		this(() -> chainValidator, clock, maxSkew);
	}

	/**
	 * Creates a verifier whose trust anchors may change while it runs (roots added or
	 * removed by an administrator): each verification uses the validator the supplier
	 * gives at that moment.
	 * @param chainValidators supplies the current chain validator
	 * @param clock the server clock
	 * @param maxSkew the allowed distance between {@code iat} and the clock, both ways
	 */
	public ChallengeVerifier(Supplier<DeviceChainValidator> chainValidators, Clock clock, Duration maxSkew) {
		this.chainValidator = chainValidators;
		this.clock = clock;
		this.maxSkew = maxSkew;
	}

	/**
	 * Creates a verifier allowing {@link #DEFAULT_MAX_SKEW}.
	 * @param chainValidator validates the device chain
	 * @param clock the server clock
	 */
	public ChallengeVerifier(DeviceChainValidator chainValidator, Clock clock) {
		this(chainValidator, clock, DEFAULT_MAX_SKEW);
	}

	/**
	 * Verifies a challenge.
	 * @param compact the compact JWS
	 * @return the verified challenge
	 * @throws ChallengeRejectedException with a distinct reason for each refusal
	 */
	public VerifiedChallenge verify(String compact) {
		Signed signed = verifySigned(compact, Challenge.TYPE);
		return new VerifiedChallenge(signed.device(), fresh(signed, Challenge::fromClaims, Challenge::issuedAt));
	}

	/**
	 * Verifies a registration request with the same rules as a challenge.
	 * @param compact the compact JWS
	 * @return the verified registration
	 * @throws ChallengeRejectedException with a distinct reason for each refusal
	 * ({@code INVALID_CLAIMS} for a generated ID that does not look random)
	 */
	public VerifiedRegistration verifyRegistration(String compact) {
		Signed signed = verifySigned(compact, RegistrationRequest.TYPE);
		return new VerifiedRegistration(signed.device(),
				fresh(signed, RegistrationRequest::fromClaims, RegistrationRequest::issuedAt));
	}

	/**
	 * Verifies a group request with the same rules as a challenge.
	 * @param compact the compact JWS
	 * @return the verified group request
	 * @throws ChallengeRejectedException with a distinct reason for each refusal
	 */
	public VerifiedGroupRequest verifyGroupRequest(String compact) {
		Signed signed = verifySigned(compact, GroupRequest.TYPE);
		return new VerifiedGroupRequest(signed.device(),
				fresh(signed, GroupRequest::fromClaims, GroupRequest::issuedAt));
	}

	/**
	 * Reads a signed request's claims and checks that it is fresh: the part every kind of
	 * device request shares after its signature is verified.
	 */
	private <T> T fresh(Signed signed, Function<Claims, T> read, Function<T, Instant> issuedAt) {
		T request;
		try {
			request = read.apply(signed.claims());
		}
		catch (IllegalArgumentException | JoseProblem ex) {
			throw new ChallengeRejectedException(Reason.INVALID_CLAIMS, "invalid claims: " + ex.getMessage(), ex);
		}
		checkFreshness(issuedAt.apply(request));
		return request;
	}

	private Signed verifySigned(String compact, String type) {
		try {
			ParsedJws jws = Jose.parseJws(compact, type);
			List<String> x5c = Jose.x5c(jws.header());
			if (x5c.isEmpty()) {
				throw new ChallengeRejectedException(Reason.MISSING_CERTIFICATE_CHAIN, "no x5c header");
			}
			DeviceCertificate device;
			try {
				device = this.chainValidator.get().validateEncoded(x5c);
			}
			catch (CertificateRejectedException ex) {
				throw new ChallengeRejectedException(Reason.CERTIFICATE_REJECTED,
						"device certificate refused: " + ex.reason(), ex);
			}
			Jose.verify(jws, device.publicKey(), device.keyType().signatureAlgorithm().jose());
			return new Signed(device, new Claims(Jose.claims(jws)));
		}
		catch (JoseProblem problem) {
			throw new ChallengeRejectedException(reasonOf(problem), problem.getMessage(), problem);
		}
	}

	private void checkFreshness(Instant issuedAt) {
		Instant now = this.clock.instant();
		if (issuedAt.isAfter(now.plus(this.maxSkew))) {
			throw new ChallengeRejectedException(Reason.ISSUED_IN_FUTURE, "iat is in the future");
		}
		if (issuedAt.isBefore(now.minus(this.maxSkew))) {
			throw new ChallengeRejectedException(Reason.STALE, "iat is too old");
		}
	}

	private static Reason reasonOf(JoseProblem problem) {
		return switch (problem.kind()) {
			case ALGORITHM_NOT_ALLOWED -> Reason.ALGORITHM_NOT_ALLOWED;
			case UNKNOWN_CRITICAL_HEADER -> Reason.UNKNOWN_CRITICAL_HEADER;
			case WRONG_TYPE -> Reason.WRONG_TYPE;
			case BAD_SIGNATURE -> Reason.BAD_SIGNATURE;
			default -> Reason.MALFORMED;
		};
	}

	private record Signed(DeviceCertificate device, Claims claims) {
	}

}
