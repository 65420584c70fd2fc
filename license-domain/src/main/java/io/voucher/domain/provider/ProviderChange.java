package io.voucher.domain.provider;

/**
 * What {@link ProviderService#update} changed.
 *
 * @param provider the provider as it is now
 * @param renamed whether its display name changed
 * @param disabledChanged whether it was disabled or enabled
 */
public record ProviderChange(Provider provider, boolean renamed, boolean disabledChanged) {

	/**
	 * Whether anything changed.
	 * @return whether anything changed
	 */
	public boolean changed() {
		return this.renamed || this.disabledChanged;
	}

}
