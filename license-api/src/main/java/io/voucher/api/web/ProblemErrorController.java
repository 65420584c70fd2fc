package io.voucher.api.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page, in place of Boot's: an error that escaped every
 * handler (a filter's exception, a {@code sendError}) is answered as a problem document
 * with the code of its status. Asked for directly, {@code /error} is not found.
 */
@Controller
@Hidden
class ProblemErrorController implements ErrorController {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(status instanceof Integer code) || code < 400) {
			ProblemResponses.write(response, ProblemCode.NOT_FOUND);
			return;
		}
		if (code >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable ex) {
			logger.error("Unexpected error", ex);
		}
		if (!response.isCommitted()) {
			ProblemResponses.write(response, ProblemResponses.codeFor(code), code);
		}
	}

}
