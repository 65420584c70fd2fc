/**
 * Where the database comes from: an external PostgreSQL when one is configured, otherwise
 * an embedded PostgreSQL with its data in a local directory.
 */
@NullMarked
package io.voucher.api.database;

import org.jspecify.annotations.NullMarked;
