package io.voucher.api.web;

import java.util.List;
import java.util.Map;

import io.voucher.domain.content.ContentAlreadyExistsException;
import io.voucher.domain.content.ContentNotFoundException;
import io.voucher.domain.content.InvalidContentException;
import io.voucher.domain.policy.InvalidPolicyException;
import io.voucher.domain.policy.PolicyAlreadyExistsException;
import io.voucher.domain.entitlement.EntitlementExistsException;
import io.voucher.domain.entitlement.EntitlementNotFoundException;
import io.voucher.domain.entitlement.InvalidEntitlementException;
import io.voucher.domain.group.GroupException;
import io.voucher.domain.policy.PolicyInUseException;
import io.voucher.domain.policy.PolicyNotFoundException;
import io.voucher.registry.admission.DeviceRefusedException;
import io.voucher.registry.registration.RegistrationException;
import io.voucher.registry.trust.TrustRootException;
import io.voucher.domain.provider.CredentialNotFoundException;
import io.voucher.domain.provider.ProviderAlreadyExistsException;
import io.voucher.domain.provider.ProviderNotFoundException;
import io.voucher.api.token.EntitlementTokenRejectedException;
import io.voucher.domain.token.EntitlementTokenKeyExistsException;
import io.voucher.domain.token.EntitlementTokenKeyNotFoundException;
import io.voucher.domain.token.InvalidEntitlementTokenKeyException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error as an RFC 9457 problem document carrying a stable {@code code}.
 * Clients never see a stack trace or an exception message they were not meant to see.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	private static final Map<Class<?>, ProblemCode> DOMAIN_CODES = Map.ofEntries(
			Map.entry(PolicyNotFoundException.class, ProblemCode.POLICY_NOT_FOUND),
			Map.entry(PolicyAlreadyExistsException.class, ProblemCode.POLICY_EXISTS),
			Map.entry(PolicyInUseException.class, ProblemCode.POLICY_IN_USE),
			Map.entry(ProviderNotFoundException.class, ProblemCode.PROVIDER_NOT_FOUND),
			Map.entry(ProviderAlreadyExistsException.class, ProblemCode.PROVIDER_EXISTS),
			Map.entry(CredentialNotFoundException.class, ProblemCode.CREDENTIAL_NOT_FOUND),
			Map.entry(ContentNotFoundException.class, ProblemCode.CONTENT_NOT_FOUND),
			Map.entry(ContentAlreadyExistsException.class, ProblemCode.CONTENT_EXISTS),
			Map.entry(EntitlementNotFoundException.class, ProblemCode.ENTITLEMENT_NOT_FOUND),
			Map.entry(EntitlementExistsException.class, ProblemCode.ENTITLEMENT_EXISTS),
			Map.entry(EntitlementTokenKeyNotFoundException.class, ProblemCode.ENTITLEMENT_TOKEN_KEY_NOT_FOUND),
			Map.entry(EntitlementTokenKeyExistsException.class, ProblemCode.ENTITLEMENT_TOKEN_KEY_EXISTS));

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
		ProblemDetail problem = problem(ex.code(), ex.getMessage());
		HttpHeaders headers = new HttpHeaders();
		if (ex.code() == ProblemCode.SERVICE_UNAVAILABLE) {
			headers.set(HttpHeaders.RETRY_AFTER, DatabaseOutageFilter.RETRY_AFTER_SECONDS);
		}
		return ResponseEntity.status(ex.code().status()).headers(headers).body(problem);
	}

	@ExceptionHandler(InvalidPolicyException.class)
	ResponseEntity<ProblemDetail> handleInvalidPolicy(InvalidPolicyException ex) {
		ProblemDetail problem = problem(ProblemCode.INVALID_POLICY, "The policy is invalid.");
		problem.setProperty("errors",
				ex.violations()
					.stream()
					.map((violation) -> Map.of("field", violation.field(), "message", violation.message()))
					.toList());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(InvalidContentException.class)
	ResponseEntity<ProblemDetail> handleInvalidContent(InvalidContentException ex) {
		ProblemDetail problem = problem(ProblemCode.INVALID_CONTENT, "The content request is invalid.");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler({ ContentNotFoundException.class, ContentAlreadyExistsException.class,
			PolicyNotFoundException.class, PolicyAlreadyExistsException.class, PolicyInUseException.class,
			ProviderNotFoundException.class, ProviderAlreadyExistsException.class, CredentialNotFoundException.class,
			EntitlementNotFoundException.class, EntitlementExistsException.class,
			EntitlementTokenKeyNotFoundException.class, EntitlementTokenKeyExistsException.class })
	ResponseEntity<ProblemDetail> handleDomainException(RuntimeException ex) {
		ProblemCode code = DOMAIN_CODES.getOrDefault(ex.getClass(), ProblemCode.INTERNAL_ERROR);
		return ResponseEntity.status(code.status()).body(problem(code, ex.getMessage()));
	}

	@ExceptionHandler(InvalidEntitlementException.class)
	ResponseEntity<ProblemDetail> handleInvalidEntitlement(InvalidEntitlementException ex) {
		ProblemDetail problem = problem(ProblemCode.INVALID_ENTITLEMENT, "The entitlement request is invalid.");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(InvalidEntitlementTokenKeyException.class)
	ResponseEntity<ProblemDetail> handleInvalidEntitlementTokenKey(InvalidEntitlementTokenKeyException ex) {
		ProblemDetail problem = problem(ProblemCode.INVALID_ENTITLEMENT_TOKEN_KEY,
				"The entitlement-token key request is invalid.");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(EntitlementTokenRejectedException.class)
	ResponseEntity<ProblemDetail> handleEntitlementTokenRejected(EntitlementTokenRejectedException ex) {
		ProblemDetail problem = problem(ex.code(), ex.getMessage());
		problem.setProperty("reason", ex.reason().name());
		return ResponseEntity.status(ex.code().status()).body(problem);
	}

	@ExceptionHandler(GroupException.class)
	ResponseEntity<ProblemDetail> handleGroup(GroupException ex) {
		ProblemCode code = switch (ex.reason()) {
			case NOT_FOUND -> ProblemCode.GROUP_NOT_FOUND;
			case GONE -> ProblemCode.GROUP_GONE;
			case FULL -> ProblemCode.GROUP_FULL;
			case JOIN_TOKEN_REJECTED -> ProblemCode.JOIN_TOKEN_REJECTED;
			case NOT_A_MEMBER -> ProblemCode.GROUP_MEMBERSHIP_REQUIRED;
			case INVALID -> ProblemCode.INVALID_GROUP;
		};
		return ResponseEntity.status(code.status()).body(problem(code, ex.getMessage()));
	}

	@ExceptionHandler(TrustRootException.class)
	ResponseEntity<ProblemDetail> handleTrustRoot(TrustRootException ex) {
		ProblemCode code = switch (ex.reason()) {
			case INVALID -> ProblemCode.INVALID_TRUST_ROOT;
			case EXISTS -> ProblemCode.TRUST_ROOT_EXISTS;
			case NOT_FOUND -> ProblemCode.TRUST_ROOT_NOT_FOUND;
		};
		return ResponseEntity.status(code.status()).body(problem(code, ex.getMessage()));
	}

	@ExceptionHandler(DeviceRefusedException.class)
	ResponseEntity<ProblemDetail> handleDeviceRefused(DeviceRefusedException ex) {
		ProblemCode code = switch (ex.reason()) {
			case REVOKED -> ProblemCode.DEVICE_REVOKED;
			case BLOCKED -> ProblemCode.DEVICE_BLOCKED;
			case ROOT_NOT_ADMITTED, SECURITY_LEVEL_TOO_LOW -> ProblemCode.DEVICE_NOT_ADMITTED;
			case PROVIDER_DISABLED -> ProblemCode.PROVIDER_DISABLED;
		};
		return ResponseEntity.status(code.status()).body(problem(code, ex.getMessage()));
	}

	@ExceptionHandler(RegistrationException.class)
	ResponseEntity<ProblemDetail> handleRegistration(RegistrationException ex) {
		ProblemCode code = switch (ex.reason()) {
			case NOT_FOUND -> ProblemCode.REGISTRATION_NOT_FOUND;
			case CONFLICT -> ProblemCode.REGISTRATION_CONFLICT;
			case GONE -> ProblemCode.REGISTRATION_GONE;
			case DEVICE_REVOKED -> ProblemCode.DEVICE_REVOKED;
			case INVALID -> ProblemCode.VALIDATION_FAILED;
		};
		return ResponseEntity.status(code.status()).body(problem(code, ex.getMessage()));
	}

	@ExceptionHandler(ConcurrencyFailureException.class)
	ResponseEntity<ProblemDetail> handleConcurrentUpdate(ConcurrencyFailureException ex) {
		// Optimistic locking, a deadlock or a serialization failure: another request won.
		logger.debug("Concurrent update refused: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(problem(ProblemCode.CONCURRENT_UPDATE,
					"The resource was changed by another request at the same time; read it again and retry."));
	}

	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> handleRequestRejected(RequestRejectedException ex) {
		// The firewall checks query parameters when they are first read, inside MVC.
		logger.debug("Request refused by the firewall: {}", ex.getMessage());
		return ResponseEntity.badRequest()
			.body(problem(ProblemCode.REQUEST_REJECTED, ProblemResponses.detailFor(ProblemCode.REQUEST_REJECTED)));
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> handleDatabaseDown(RuntimeException ex) {
		logger.warn("Database unavailable: {}", ex.getMessage());
		return handleApiException(new ApiException(ProblemCode.SERVICE_UNAVAILABLE,
				"The database is not reachable; try again shortly.", ex));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		if (DatabaseOutageFilter.isOutage(ex)) {
			return handleDatabaseDown(new DataAccessResourceFailureException(ex.getMessage(), ex));
		}
		logger.error("Unexpected error", ex);
		return ResponseEntity.internalServerError()
			.body(problem(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(ProblemCode.VALIDATION_FAILED, "The request has invalid fields.");
		List<Map<String, Object>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ProblemHandler::fieldError)
			.toList();
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.headers(headers)
			.body(problem(ProblemCode.MALFORMED_REQUEST, "The request body is not valid JSON of the expected shape."));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
			ProblemCode code = codeFor(statusCode);
			problem.setType(code.type());
			problem.setProperty("code", code.name());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static Map<String, Object> fieldError(FieldError error) {
		String message = (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
		return Map.of("field", error.getField(), "message", message);
	}

	private static ProblemDetail problem(ProblemCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
		problem.setType(code.type());
		problem.setProperty("code", code.name());
		return problem;
	}

	private static ProblemCode codeFor(HttpStatusCode status) {
		HttpStatus resolved = HttpStatus.resolve(status.value());
		if (resolved == null) {
			return status.is4xxClientError() ? ProblemCode.MALFORMED_REQUEST : ProblemCode.INTERNAL_ERROR;
		}
		return switch (resolved) {
			case NOT_FOUND -> ProblemCode.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
			case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
			case NOT_ACCEPTABLE -> ProblemCode.NOT_ACCEPTABLE;
			case CONTENT_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
			case CONFLICT -> ProblemCode.CONFLICT;
			case UNAUTHORIZED -> ProblemCode.UNAUTHORIZED;
			case FORBIDDEN -> ProblemCode.FORBIDDEN;
			case SERVICE_UNAVAILABLE -> ProblemCode.SERVICE_UNAVAILABLE;
			default -> resolved.is4xxClientError() ? ProblemCode.MALFORMED_REQUEST : ProblemCode.INTERNAL_ERROR;
		};
	}

}
