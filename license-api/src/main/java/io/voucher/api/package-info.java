/**
 * The Voucher application: REST API, security, OpenAPI description, metrics and the admin
 * console.
 */
@NullMarked
package io.voucher.api;

import org.jspecify.annotations.NullMarked;
