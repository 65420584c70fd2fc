/**
 * Web plumbing shared by every endpoint: RFC 9457 problem answers with stable codes, the
 * OpenAPI description and the admin console's entry point.
 */
@NullMarked
package io.voucher.api.web;

import org.jspecify.annotations.NullMarked;
