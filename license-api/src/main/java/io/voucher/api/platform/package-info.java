/**
 * What the platform is and runs on: name, version and database, for operators and the
 * console's status page.
 */
@NullMarked
package io.voucher.api.platform;

import org.jspecify.annotations.NullMarked;
