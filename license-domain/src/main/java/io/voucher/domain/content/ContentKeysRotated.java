package io.voucher.domain.content;

import java.util.UUID;

/**
 * Content got new active keys. Published inside the changing transaction.
 *
 * @param providerId the provider
 * @param contentId the content's id
 */
public record ContentKeysRotated(UUID providerId, String contentId) {

}
