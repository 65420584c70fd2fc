package io.voucher.domain.cors;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The browser origins each provider allows to call the device API. A provider's list is
 * read and replaced as a whole; the device API answers CORS for the union of all lists.
 */
@Service
public class CorsOriginService {

	/** Most origins one provider may allow; a list longer than this is a mistake. */
	public static final int MAX_ORIGINS_PER_PROVIDER = 50;

	private final ProviderCorsOriginRepository origins;

	private final Clock clock;

	CorsOriginService(ProviderCorsOriginRepository origins, Clock clock) {
		this.origins = origins;
		this.clock = clock;
	}

	/**
	 * Returns a provider's allowed origins, sorted.
	 * @param providerId the provider
	 * @return its origins
	 */
	@Transactional(readOnly = true)
	public List<CorsOrigin> list(UUID providerId) {
		return this.origins.findOriginsByProviderId(providerId).stream().map(CorsOrigin::new).toList();
	}

	/**
	 * Replaces a provider's allowed origins. Every text is validated before anything is
	 * changed; duplicates (after normalization) count once.
	 * @param providerId the provider
	 * @param texts the origins as written
	 * @return the provider's origins now, sorted
	 * @throws InvalidCorsOriginException if any text is not an origin, or there are too
	 * many
	 */
	@Transactional
	public List<CorsOrigin> replace(UUID providerId, List<String> texts) {
		Set<CorsOrigin> wanted = new LinkedHashSet<>();
		for (String text : texts) {
			wanted.add(CorsOrigin.of(text));
		}
		if (wanted.size() > MAX_ORIGINS_PER_PROVIDER) {
			throw new InvalidCorsOriginException(null,
					"list is too long: at most " + MAX_ORIGINS_PER_PROVIDER + " origins per provider");
		}
		this.origins.deleteByProviderId(providerId);
		Instant now = this.clock.instant();
		this.origins
			.saveAllAndFlush(wanted.stream().map((origin) -> new ProviderCorsOrigin(providerId, origin, now)).toList());
		return list(providerId);
	}

	/**
	 * Returns every origin any provider allows.
	 * @return the union of all providers' origins
	 */
	@Transactional(readOnly = true)
	public Set<CorsOrigin> allOrigins() {
		Set<CorsOrigin> all = new LinkedHashSet<>();
		this.origins.findAllDistinctOrigins().forEach((origin) -> all.add(new CorsOrigin(origin)));
		return all;
	}

	/**
	 * Returns every provider's origins, by provider name: for endpoints that learn their
	 * provider from the request (a Clear Key license request's entitlement token).
	 * @return the origins of each provider that allows any
	 */
	@Transactional(readOnly = true)
	public Map<String, Set<CorsOrigin>> originsByProviderName() {
		Map<String, Set<CorsOrigin>> byProvider = new HashMap<>();
		for (Object[] row : this.origins.findAllByProviderName()) {
			byProvider.computeIfAbsent((String) row[0], (name) -> new LinkedHashSet<>())
				.add(new CorsOrigin((String) row[1]));
		}
		return byProvider;
	}

}
