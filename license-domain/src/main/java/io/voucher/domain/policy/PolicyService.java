package io.voucher.domain.policy;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.voucher.crypto.voucher.TrackType;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and finds the named policies of one provider at a time. Names are
 * unique per provider, enforced by the database.
 */
@Service
public class PolicyService {

	private final PolicyRepository policies;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public PolicyService(PolicyRepository policies, ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.policies = policies;
		this.clock = clock;
	}

	/**
	 * Creates a policy.
	 * @param providerId the provider
	 * @param name the new policy's name
	 * @param settings its settings
	 * @param tracks its per-track requirements
	 * @return the stored policy
	 * @throws PolicyAlreadyExistsException if the name is taken
	 */
	@Transactional
	public Policy create(UUID providerId, PolicyName name, PlaybackPolicy settings,
			Map<TrackType, TrackRequirement> tracks) {
		if (this.policies.existsByProviderIdAndName(providerId, name.value())) {
			throw new PolicyAlreadyExistsException(name.value());
		}
		try {
			return this.policies.saveAndFlush(new Policy(providerId, name, settings, tracks, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			// Another request created the same name in between.
			throw new PolicyAlreadyExistsException(name.value());
		}
	}

	/**
	 * Replaces a policy's settings.
	 * @param providerId the provider
	 * @param name the policy's name
	 * @param settings the new settings
	 * @param tracks the new per-track requirements
	 * @return the policy at its new revision
	 * @throws PolicyNotFoundException if there is no such policy
	 */
	@Transactional
	public Policy update(UUID providerId, PolicyName name, PlaybackPolicy settings,
			Map<TrackType, TrackRequirement> tracks) {
		Policy policy = get(providerId, name);
		policy.update(settings, tracks, this.clock.instant());
		Policy updated = this.policies.saveAndFlush(policy);
		this.events.publishEvent(new PolicyChanged(providerId, name.value()));
		return updated;
	}

	/**
	 * Finds a policy.
	 * @param providerId the provider
	 * @param name the policy's name
	 * @return the policy
	 * @throws PolicyNotFoundException if there is no such policy
	 */
	@Transactional(readOnly = true)
	public Policy get(UUID providerId, PolicyName name) {
		return this.policies.findByProviderIdAndName(providerId, name.value())
			.orElseThrow(() -> new PolicyNotFoundException(name.value()));
	}

	/**
	 * Lists a provider's policies.
	 * @param providerId the provider
	 * @param pageable the page to return
	 * @return one page of policies
	 */
	@Transactional(readOnly = true)
	public Page<Policy> list(UUID providerId, Pageable pageable) {
		return this.policies.findByProviderId(providerId, pageable);
	}

	/**
	 * Lists a provider's policies whose name contains a text, ignoring case.
	 * @param providerId the provider
	 * @param search the text; {@code null} or blank lists them all
	 * @param pageable the page to return
	 * @return one page of policies
	 */
	@Transactional(readOnly = true)
	public Page<Policy> list(UUID providerId, @Nullable String search, Pageable pageable) {
		if (search == null || search.isBlank()) {
			return list(providerId, pageable);
		}
		return this.policies.findByProviderIdAndNameContainingIgnoreCase(providerId, search.strip(), pageable);
	}

	/**
	 * Deletes a policy.
	 * @param providerId the provider
	 * @param name the policy's name
	 * @throws PolicyNotFoundException if there is no such policy
	 * @throws PolicyInUseException if live entitlements name it
	 */
	@Transactional
	public void delete(UUID providerId, PolicyName name) {
		Policy policy = get(providerId, name);
		if (this.policies.isNamedByLiveEntitlements(providerId, name.value())) {
			throw new PolicyInUseException(name.value());
		}
		this.policies.delete(policy);
	}

}
