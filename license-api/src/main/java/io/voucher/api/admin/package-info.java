/**
 * Admin users (ADMIN, OPERATOR, AUDITOR) and the admin API for providers and their
 * credentials.
 */
@NullMarked
package io.voucher.api.admin;

import org.jspecify.annotations.NullMarked;
