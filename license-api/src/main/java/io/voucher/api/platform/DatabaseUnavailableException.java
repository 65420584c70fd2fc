package io.voucher.api.platform;

import java.sql.SQLException;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;

/**
 * The database could not be reached to answer a request.
 */
class DatabaseUnavailableException extends ApiException {

	DatabaseUnavailableException(SQLException cause) {
		super(ProblemCode.SERVICE_UNAVAILABLE, "The database is not reachable; try again shortly.", cause);
	}

}
