package io.voucher.api.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * The stable error codes of the API. Each is answered as an RFC 9457 problem document
 * whose {@code code} member is the constant's name and whose {@code type} is
 * {@code urn:voucher:problem:<code in kebab case>}. Codes are never renamed.
 */
public enum ProblemCode {

	/** The request body is not valid JSON or does not have the expected shape. */
	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),

	/** One or more fields failed validation; {@code errors} lists them. */
	VALIDATION_FAILED(HttpStatus.BAD_REQUEST),

	/** No credential, or one that is not valid. */
	UNAUTHORIZED(HttpStatus.UNAUTHORIZED),

	/** The caller is known but not allowed to do this. */
	FORBIDDEN(HttpStatus.FORBIDDEN),

	/** No resource at this path, or no such entity. */
	NOT_FOUND(HttpStatus.NOT_FOUND),

	/** No provider of that name, or not one the caller may act for. */
	PROVIDER_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** A provider of that name already exists. */
	PROVIDER_EXISTS(HttpStatus.CONFLICT),

	/** The provider has no credential with that prefix. */
	CREDENTIAL_NOT_FOUND(HttpStatus.NOT_FOUND),

	/**
	 * An admin acting on provider data must name the provider ({@code provider}
	 * parameter).
	 */
	PROVIDER_REQUIRED(HttpStatus.BAD_REQUEST),

	/** The provider has no policy of that name. */
	POLICY_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** The provider already has a policy of that name. */
	POLICY_EXISTS(HttpStatus.CONFLICT),

	/** The policy is invalid; {@code errors} lists every violation by template field. */
	INVALID_POLICY(HttpStatus.BAD_REQUEST),

	/** An admin user of that name already exists. */
	USER_EXISTS(HttpStatus.CONFLICT),

	/** The admin user must change the one-time password before doing anything else. */
	PASSWORD_CHANGE_REQUIRED(HttpStatus.FORBIDDEN),

	/**
	 * Too many failed sign-ins for this account or from this address: every sign-in is
	 * refused, even with the right password, until {@code Retry-After} has passed.
	 */
	TOO_MANY_SIGN_IN_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS),

	/**
	 * The new password is too easy to guess (too short, one repeated character or
	 * pattern, a simple sequence, the user name, or a common password).
	 */
	WEAK_PASSWORD(HttpStatus.BAD_REQUEST),

	/** The provider has no content with that id. */
	CONTENT_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** The content id, or a key id, is already taken by this provider. */
	CONTENT_EXISTS(HttpStatus.CONFLICT),

	/** The content or key request is invalid; {@code errors} names the field. */
	INVALID_CONTENT(HttpStatus.BAD_REQUEST),

	/**
	 * The certificate request is not a valid PKCS#10 request signed by an accepted key.
	 */
	INVALID_CSR(HttpStatus.BAD_REQUEST),

	/** The device claims more than self-individualized devices may. */
	DEVICE_PROFILE_NOT_ALLOWED(HttpStatus.BAD_REQUEST),

	/** The policy is named by live entitlements and cannot be deleted. */
	POLICY_IN_USE(HttpStatus.CONFLICT),

	/** The registration request is not a valid JWS signed by a trusted device. */
	INVALID_REGISTRATION(HttpStatus.BAD_REQUEST),

	/** No registration of that generated ID (for this caller). */
	REGISTRATION_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** The generated ID is registered with another device certificate. */
	REGISTRATION_CONFLICT(HttpStatus.CONFLICT),

	/**
	 * The registration ended: superseded after a factory reset, or its device revoked.
	 */
	REGISTRATION_GONE(HttpStatus.GONE),

	/** The device certificate is revoked. */
	DEVICE_REVOKED(HttpStatus.FORBIDDEN),

	/** The entitlement request is invalid; {@code errors} names the field. */
	INVALID_ENTITLEMENT(HttpStatus.BAD_REQUEST),

	/** The provider has no entitlement with that id. */
	ENTITLEMENT_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** The generated ID already has a live entitlement to that content. */
	ENTITLEMENT_EXISTS(HttpStatus.CONFLICT),

	/** No device group with that id (for this caller). */
	GROUP_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** The device group was deleted. */
	GROUP_GONE(HttpStatus.GONE),

	/** The device group has reached its member limit. */
	GROUP_FULL(HttpStatus.CONFLICT),

	/** The join token is unknown, already used, expired or for another group. */
	JOIN_TOKEN_REJECTED(HttpStatus.FORBIDDEN),

	/** The device is not a member of the device group. */
	GROUP_MEMBERSHIP_REQUIRED(HttpStatus.FORBIDDEN),

	/** The device group request is invalid; the message says which field. */
	INVALID_GROUP(HttpStatus.BAD_REQUEST),

	/**
	 * A signed device request is missing, is not a valid JWS signed by a trusted device,
	 * or is not for this operation.
	 */
	INVALID_DEVICE_REQUEST(HttpStatus.BAD_REQUEST),

	/** A signed device request was used before. */
	DEVICE_REQUEST_REPLAYED(HttpStatus.CONFLICT),

	/**
	 * The trust root is not one valid PEM CA certificate, or the request misses a field.
	 */
	INVALID_TRUST_ROOT(HttpStatus.BAD_REQUEST),

	/** That root is already trusted. */
	TRUST_ROOT_EXISTS(HttpStatus.CONFLICT),

	/** No trusted root with that fingerprint. */
	TRUST_ROOT_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** No job with that id (for this caller). */
	JOB_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** A paging or sorting parameter is invalid. */
	INVALID_PAGE_REQUEST(HttpStatus.BAD_REQUEST),

	/** The HTTP method is not supported on this path. */
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),

	/** The request's content type is not supported. */
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),

	/** No representation matches the request's Accept header. */
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),

	/** The request conflicts with the current state of a resource. */
	CONFLICT(HttpStatus.CONFLICT),

	/** The request body is larger than allowed. */
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),

	/**
	 * The resource was changed by another request at the same time; read it again and
	 * retry.
	 */
	CONCURRENT_UPDATE(HttpStatus.CONFLICT),

	/**
	 * The request was refused before it reached the API: its URL (an encoded slash,
	 * backslash, NUL or percent sign, a dot segment, a semicolon, an empty segment) or
	 * its headers (too large, control characters) are not accepted.
	 */
	REQUEST_REJECTED(HttpStatus.BAD_REQUEST),

	/** The entitlement-token key request is invalid; {@code errors} names the field. */
	INVALID_ENTITLEMENT_TOKEN_KEY(HttpStatus.BAD_REQUEST),

	/** The provider has no entitlement-token key with that key id. */
	ENTITLEMENT_TOKEN_KEY_NOT_FOUND(HttpStatus.NOT_FOUND),

	/** The provider already has an entitlement-token key with that key id. */
	ENTITLEMENT_TOKEN_KEY_EXISTS(HttpStatus.CONFLICT),

	/**
	 * The entitlement token is refused (signature, issuer, audience, lifetime, claims, or
	 * not for this device or content); {@code reason} says which.
	 */
	ENTITLEMENT_TOKEN_REJECTED(HttpStatus.FORBIDDEN),

	/** The entitlement token was used for a license before. */
	ENTITLEMENT_TOKEN_REPLAYED(HttpStatus.CONFLICT),

	/** A dependency such as the database is not available; retry later. */
	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),

	/**
	 * Too many requests from this address or device; {@code Retry-After} says when to try
	 * again.
	 */
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),

	/** A CORS origin is not exactly a scheme, a host and an optional port. */
	INVALID_CORS_ORIGIN(HttpStatus.BAD_REQUEST),

	/**
	 * A state-changing request of a console session misses the CSRF token, or carries a
	 * wrong one: send the {@code XSRF-TOKEN} cookie's value in {@code X-XSRF-TOKEN}.
	 */
	CSRF_TOKEN_INVALID(HttpStatus.FORBIDDEN),

	/**
	 * The provider blocked this device (its certificate or key) for its own licenses,
	 * registrations and groups.
	 */
	DEVICE_BLOCKED(HttpStatus.FORBIDDEN),

	/**
	 * The provider's device admission settings refuse this device: its root (the built-in
	 * Device CA or a manufacturer root) or its security level.
	 */
	DEVICE_NOT_ADMITTED(HttpStatus.FORBIDDEN),

	/** A certificate request is for a device key revoked for the whole platform. */
	DEVICE_KEY_REVOKED(HttpStatus.FORBIDDEN),

	/** Device admission settings are invalid (security level, root fingerprints). */
	INVALID_DEVICE_ADMISSION(HttpStatus.BAD_REQUEST),

	/**
	 * The CPIX request document is not well-formed XML, has a DOCTYPE (DTDs and entities
	 * are refused), or is not a CPIX request Voucher can answer; the message says which.
	 */
	INVALID_CPIX(HttpStatus.BAD_REQUEST),

	/**
	 * The CPIX request asks for a DRM system whose signalling Voucher does not write
	 * (Voucher writes W3C Clear Key's and its own).
	 */
	CPIX_DRM_SYSTEM_NOT_SUPPORTED(HttpStatus.BAD_REQUEST),

	/**
	 * Keys in clear are only for a credential created with {@code key_export}: send
	 * {@code DeliveryData} with the packager's certificate to get them encrypted.
	 */
	CPIX_DELIVERY_KEY_REQUIRED(HttpStatus.FORBIDDEN),

	/**
	 * The content has no key with a key id the CPIX request lists (or no active key);
	 * Voucher creates no key on a CPIX request.
	 */
	CPIX_KEY_NOT_FOUND(HttpStatus.NOT_FOUND),

	/**
	 * A Clear Key license request carries no entitlement token (header
	 * {@code X-Voucher-Entitlement}).
	 */
	CLEAR_KEY_TOKEN_MISSING(HttpStatus.UNAUTHORIZED),

	/**
	 * The Clear Key license request is not the W3C EME one: JSON with {@code kids} (1 to
	 * 64 base64url key ids of 16 bytes) and {@code type} ({@code temporary} or
	 * {@code persistent-license}).
	 */
	INVALID_CLEAR_KEY_REQUEST(HttpStatus.BAD_REQUEST),

	/** The token's provider has not switched Clear Key on (device admission settings). */
	CLEAR_KEY_DISABLED(HttpStatus.FORBIDDEN),

	/**
	 * The token's policy refuses playback: unknown or invalid, or {@code can_play} is
	 * false.
	 */
	CLEAR_KEY_PLAYBACK_NOT_ALLOWED(HttpStatus.FORBIDDEN),

	/**
	 * A {@code persistent-license} was asked for and the token's policy does not allow
	 * persistence ({@code can_persist}).
	 */
	CLEAR_KEY_PERSISTENCE_NOT_ALLOWED(HttpStatus.FORBIDDEN),

	/**
	 * Every requested key was withheld: its track type is not allowed, or its track needs
	 * a higher security level than a Clear Key client's (1).
	 */
	CLEAR_KEY_NO_KEYS_GRANTED(HttpStatus.FORBIDDEN),

	/** An unexpected error; details are in the server log under the same trace. */
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

	private final HttpStatus status;

	ProblemCode(HttpStatus status) {
		this.status = status;
	}

	/**
	 * Returns the HTTP status this code is answered with.
	 * @return the HTTP status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * Returns the problem type URI of this code.
	 * @return the type URI
	 */
	public URI type() {
		return URI.create("urn:voucher:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

}
