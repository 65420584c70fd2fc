package io.voucher.crypto;

/**
 * Base of every refusal raised by license-crypto: each subclass carries a typed reason,
 * and {@link #code()} gives a stable, machine-readable code for problem documents.
 */
public abstract class CryptoException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected CryptoException(String message, Throwable cause) {
		super(message, cause);
	}

	protected CryptoException(String message) {
		super(message);
	}

	/**
	 * The typed reason of the refusal.
	 * @return the reason
	 */
	public abstract Enum<?> reason();

	/**
	 * A stable code such as {@code voucher.expired}, safe to show to clients.
	 * @return the code
	 */
	public String code() {
		return area() + "." + reason().name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * The area of the code, such as {@code voucher} or {@code certificate}.
	 * @return the area
	 */
	protected abstract String area();

}
