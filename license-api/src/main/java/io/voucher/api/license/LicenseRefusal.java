package io.voucher.api.license;

import org.jspecify.annotations.Nullable;

/**
 * Ends the handling of a license message with a refusal answered in the license response.
 */
public final class LicenseRefusal extends RuntimeException {

	private final LicenseStatus status;

	private final @Nullable String internalStatus;

	LicenseRefusal(LicenseStatus status, String message) {
		this(status, message, null);
	}

	LicenseRefusal(LicenseStatus status, String message, @Nullable String internalStatus) {
		super(message, null, false, false);
		this.status = status;
		this.internalStatus = internalStatus;
	}

	/**
	 * Why the license was refused.
	 * @return the license status
	 */
	public LicenseStatus status() {
		return this.status;
	}

	LicenseResponse response() {
		return LicenseResponse.refused(this.status, getMessage(), this.internalStatus);
	}

}
