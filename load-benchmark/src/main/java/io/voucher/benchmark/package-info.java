/**
 * The online license load benchmark: starts or targets a Voucher platform, sets it up
 * through its REST API, measures the in-process crypto floor, then drives
 * {@code POST /api/v1/licenses} with Gatling using challenges prepared before each timed
 * phase, and prints the results against the floor.
 */
@NullMarked
package io.voucher.benchmark;

import org.jspecify.annotations.NullMarked;
