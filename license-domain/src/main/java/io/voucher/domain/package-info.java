/**
 * The license domain: providers, content and keys, policies, entitlements and device
 * groups, with their persistence.
 */
@NullMarked
package io.voucher.domain;

import org.jspecify.annotations.NullMarked;
