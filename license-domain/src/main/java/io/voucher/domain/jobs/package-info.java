/**
 * Background work that runs once across a cluster of nodes on one PostgreSQL, on
 * db-scheduler: tasks are rows, picked by one node at a time, resumed by another when a
 * node dies.
 */
@NullMarked
package io.voucher.domain.jobs;

import org.jspecify.annotations.NullMarked;
