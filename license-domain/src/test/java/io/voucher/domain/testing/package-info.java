/**
 * Test support shared by every module's database tests through this module's test-jar:
 * one configuration that gives a test a real PostgreSQL.
 */
@NullMarked
package io.voucher.domain.testing;

import org.jspecify.annotations.NullMarked;
