/**
 * The content API: a provider's content and its keys (generate, inject, rotate). Key
 * bytes are never returned here.
 */
@NullMarked
package io.voucher.api.content;

import org.jspecify.annotations.NullMarked;
