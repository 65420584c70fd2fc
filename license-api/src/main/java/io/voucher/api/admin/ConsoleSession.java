package io.voucher.api.admin;

import java.io.Serializable;
import java.time.Instant;

/**
 * Marks an authentication that came from a console sign-in and lives in an HTTP session,
 * as opposed to one made from the request's own credential (HTTP Basic, bearer). Requests
 * of such a session must carry a CSRF token, and the user behind it is checked again on
 * every request: once the user's password has changed (a newer credentials version) the
 * session has ended, unless it is the one that changed it. Serializable, since sessions
 * are stored in PostgreSQL (Spring Session JDBC).
 *
 * @param signedInAt when the user signed in
 * @param credentialsVersion the user's credentials version the session is valid for
 */
public record ConsoleSession(Instant signedInAt, long credentialsVersion) implements Serializable {

}
