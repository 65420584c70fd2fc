package io.voucher.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem document straight to a servlet response, for the errors answered
 * outside Spring MVC (the Spring Security firewall, the servlet container's error page,
 * Tomcat's own error report). The document is written by hand, without a JSON library, so
 * that it can be written even where no bean is at hand; its detail is always one of this
 * class's fixed texts, never anything from the request.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/**
	 * The code an error of this status gets when nothing more specific is known.
	 * @param status the HTTP status, 400 or more
	 * @return the code
	 */
	public static ProblemCode codeFor(int status) {
		return switch (status) {
			case 400 -> ProblemCode.REQUEST_REJECTED;
			case 401 -> ProblemCode.UNAUTHORIZED;
			case 403 -> ProblemCode.FORBIDDEN;
			case 404 -> ProblemCode.NOT_FOUND;
			case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
			case 406 -> ProblemCode.NOT_ACCEPTABLE;
			case 409 -> ProblemCode.CONFLICT;
			case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
			case 429 -> ProblemCode.RATE_LIMITED;
			case 503 -> ProblemCode.SERVICE_UNAVAILABLE;
			default -> (status >= 400 && status < 500) ? ProblemCode.REQUEST_REJECTED : ProblemCode.INTERNAL_ERROR;
		};
	}

	/**
	 * The fixed detail text of a problem written outside Spring MVC.
	 * @param code the code
	 * @return the detail
	 */
	public static String detailFor(ProblemCode code) {
		return switch (code) {
			case REQUEST_REJECTED -> "The request was refused: its URL or headers are not accepted (an encoded "
					+ "slash, backslash, NUL or percent sign, a dot segment, a semicolon, an empty segment, a control "
					+ "character, or headers that are too large).";
			case NOT_FOUND -> "There is nothing at this path.";
			case INTERNAL_ERROR -> "An unexpected error occurred.";
			case SERVICE_UNAVAILABLE -> "The service is not available; try again shortly.";
			default -> code.status().getReasonPhrase() + ".";
		};
	}

	/**
	 * Renders a problem document. The status is the code's own, except that an unknown
	 * 4xx/5xx status answered by {@link #codeFor(int)} keeps its own value.
	 * @param code the code
	 * @param status the HTTP status to state
	 * @return the JSON text
	 */
	public static String json(ProblemCode code, int status) {
		HttpStatus resolved = HttpStatus.resolve(status);
		String title = (resolved != null) ? resolved.getReasonPhrase() : code.status().getReasonPhrase();
		return "{\"type\":\"" + code.type() + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ detailFor(code) + "\",\"code\":\"" + code.name() + "\"}";
	}

	/**
	 * Writes a problem document with the code's status, replacing whatever the response
	 * held.
	 * @param response the response, not yet committed
	 * @param code the code
	 * @throws IOException if writing fails
	 */
	public static void write(HttpServletResponse response, ProblemCode code) throws IOException {
		write(response, code, code.status().value());
	}

	/**
	 * Writes a problem document, replacing whatever the response held.
	 * @param response the response, not yet committed
	 * @param code the code
	 * @param status the HTTP status
	 * @throws IOException if writing fails
	 */
	public static void write(HttpServletResponse response, ProblemCode code, int status) throws IOException {
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		byte[] body = json(code, status).getBytes(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

}
