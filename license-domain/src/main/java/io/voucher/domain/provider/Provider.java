package io.voucher.domain.provider;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A content provider (tenant). Its {@link #name()} is the stable identifier used in the
 * license message's {@code provider} field.
 */
@Entity
@Table(name = "provider")
public class Provider {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

	@Id
	private UUID id;

	@Column(nullable = false, unique = true, updatable = false)
	private String name;

	@Column(name = "display_name", nullable = false)
	private String displayName;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "disabled_at")
	private @Nullable Instant disabledAt;

	@Version
	private long version;

	protected Provider() {
	}

	/**
	 * Creates a provider.
	 * @param name stable identifier: lower-case letters, digits, '.', '_' or '-', at most
	 * 63 characters, starting with a letter or digit
	 * @param displayName human-readable name
	 * @param createdAt creation time
	 */
	public Provider(String name, String displayName, Instant createdAt) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"provider name must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
		}
		checkDisplayName(displayName);
		this.id = UUID.randomUUID();
		this.name = name;
		this.displayName = displayName;
		this.createdAt = Objects.requireNonNull(createdAt);
	}

	public UUID id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public String displayName() {
		return this.displayName;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * Returns when the provider was disabled, or {@code null} while it is enabled. A
	 * disabled provider's credentials are refused and its devices get nothing new; its
	 * data stays.
	 * @return when it was disabled, or {@code null}
	 */
	public @Nullable Instant disabledAt() {
		return this.disabledAt;
	}

	public boolean isDisabled() {
		return this.disabledAt != null;
	}

	void rename(String displayName) {
		checkDisplayName(displayName);
		this.displayName = displayName;
	}

	void disable(Instant at) {
		if (this.disabledAt == null) {
			this.disabledAt = at;
		}
	}

	void enable() {
		this.disabledAt = null;
	}

	private static void checkDisplayName(String displayName) {
		if (displayName.isBlank() || displayName.length() > 200) {
			throw new IllegalArgumentException("provider display name must be 1-200 characters");
		}
	}

	@Override
	public String toString() {
		return "Provider[" + this.name + "]";
	}

}
