/**
 * Who may call what: provider backends with bearer credentials, admin users with their
 * roles, and the answers given when a caller is unknown or not allowed.
 */
@NullMarked
package io.voucher.api.security;

import org.jspecify.annotations.NullMarked;
