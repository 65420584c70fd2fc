/**
 * Which devices a provider admits, and the one decision every device path asks: is this
 * device refused for this provider (platform revocation, the provider's own block, the
 * device's root, its security level)?
 */
@NullMarked
package io.voucher.registry.admission;

import org.jspecify.annotations.NullMarked;
