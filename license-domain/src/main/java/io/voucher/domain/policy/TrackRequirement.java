package io.voucher.domain.policy;

import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * What a device must have to receive one track's key under a policy: a minimum security
 * level and the output protection it must enforce.
 */
@Embeddable
public class TrackRequirement {

	/**
	 * What a track requires when neither a policy nor a license message says: nothing.
	 */
	public static final TrackRequirement NONE = new TrackRequirement(SecurityLevel.of(SecurityLevel.MIN),
			HdcpVersion.HDCP_NONE);

	@Column(name = "security_level", nullable = false)
	private int securityLevel;

	@Enumerated(EnumType.STRING)
	@Column(name = "required_hdcp", nullable = false)
	private HdcpVersion requiredHdcp;

	protected TrackRequirement() {
	}

	public TrackRequirement(SecurityLevel securityLevel, HdcpVersion requiredHdcp) {
		this.securityLevel = securityLevel.value();
		this.requiredHdcp = requiredHdcp;
	}

	public SecurityLevel securityLevel() {
		return SecurityLevel.of(this.securityLevel);
	}

	public HdcpVersion requiredHdcp() {
		return this.requiredHdcp;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TrackRequirement requirement && requirement.securityLevel == this.securityLevel
				&& requirement.requiredHdcp == this.requiredHdcp;
	}

	@Override
	public int hashCode() {
		return 31 * this.securityLevel + this.requiredHdcp.hashCode();
	}

	@Override
	public String toString() {
		return "TrackRequirement[level " + this.securityLevel + ", " + this.requiredHdcp + "]";
	}

}
