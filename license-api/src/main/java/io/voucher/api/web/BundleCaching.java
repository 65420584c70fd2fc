package io.voucher.api.web;

import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;

/**
 * How out-of-band bundles are cached: briefly by anyone (a CDN), then revalidated with
 * their strong entity tag.
 */
public final class BundleCaching {

	/** The caching of every bundle answer. */
	public static final CacheControl BUNDLES = CacheControl.maxAge(Duration.ofSeconds(60))
		.cachePublic()
		.mustRevalidate();

	private BundleCaching() {
	}

	/**
	 * Tells whether an {@code If-None-Match} header matches an entity tag.
	 * @param ifNoneMatch the header, if sent
	 * @param etag the current entity tag, quoted
	 * @return whether the client's copy is current
	 */
	public static boolean notModified(@Nullable String ifNoneMatch, String etag) {
		return ifNoneMatch != null && (ifNoneMatch.trim().equals("*")
				|| Arrays.stream(ifNoneMatch.split(",")).map(String::trim).anyMatch(etag::equals));
	}

}
