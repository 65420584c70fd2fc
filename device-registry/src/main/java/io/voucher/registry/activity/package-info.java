/**
 * What the platform has been doing: license answers, registrations and pre-generation
 * over time, and the counts an operator watches, read from the records the platform
 * keeps.
 */
@NullMarked
package io.voucher.registry.activity;

import org.jspecify.annotations.NullMarked;
