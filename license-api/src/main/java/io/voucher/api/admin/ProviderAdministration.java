package io.voucher.api.admin;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderChange;
import io.voucher.domain.provider.ProviderService;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Edits a provider for an ADMIN and records what changed in the audit trail, in the same
 * transaction: {@code provider.updated} for a new display name, {@code provider.disabled}
 * and {@code provider.enabled}.
 */
@Service
class ProviderAdministration {

	private final ProviderService providers;

	private final AuditTrail trail;

	ProviderAdministration(ProviderService providers, AuditTrail trail) {
		this.providers = providers;
		this.trail = trail;
	}

	@Transactional
	Provider update(String name, @Nullable String displayName, @Nullable Boolean disabled, String actor) {
		ProviderChange change;
		try {
			change = this.providers.update(name, displayName, disabled);
		}
		catch (IllegalArgumentException ex) {
			// The provider's own validation of its display name.
			throw new ApiException(ProblemCode.VALIDATION_FAILED, ex.getMessage());
		}
		Provider provider = change.provider();
		String target = "/api/v1/admin/providers/" + provider.name();
		if (change.renamed()) {
			this.trail.append(ActorType.ADMIN, actor, provider.id(), "provider.updated", target, Outcome.SUCCESS,
					"display_name");
		}
		if (change.disabledChanged()) {
			this.trail.append(ActorType.ADMIN, actor, provider.id(),
					provider.isDisabled() ? "provider.disabled" : "provider.enabled", target, Outcome.SUCCESS, null);
		}
		return provider;
	}

}
