package io.voucher.domain.token;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.voucher.crypto.keys.EnvelopeEncryption;
import io.voucher.crypto.keys.SecretBytes;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, deletes and opens providers' entitlement-token keys. HMAC secrets are
 * generated here (full entropy, never chosen by a person) and stored only sealed under
 * the key encryption key, bound to their row; EC public keys must be on P-256.
 */
@Service
public class EntitlementTokenKeyService {

	/** Columns a list may be sorted by. */
	public static final Set<String> SORTABLE = Set.of("created_at", "kid");

	/** Bytes of a generated HMAC secret: 256 bits, as HS256 wants (RFC 7518 §3.2). */
	public static final int HMAC_SECRET_BYTES = 32;

	private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final ECParameterSpec P256 = p256();

	private final JdbcTemplate jdbc;

	private final EnvelopeEncryption envelope;

	private final Clock clock;

	public EntitlementTokenKeyService(JdbcTemplate jdbc, EnvelopeEncryption envelope, Clock clock) {
		this.jdbc = jdbc;
		this.envelope = envelope;
		this.clock = clock;
	}

	/**
	 * Generates an HS256 key. The secret is returned this once and stored sealed.
	 * @param providerId the provider
	 * @param kid the key id, or {@code null} for a generated one
	 * @return the key and its secret
	 * @throws InvalidEntitlementTokenKeyException when the key id is not valid
	 * @throws EntitlementTokenKeyExistsException when the provider has that key id
	 */
	@Transactional
	public GeneratedHmacKey generateHmac(UUID providerId, @Nullable String kid) {
		EntitlementTokenKey key = newKey(providerId, kid, EntitlementTokenAlgorithm.HS256);
		SecretBytes secret = SecretBytes.random(HMAC_SECRET_BYTES);
		insert(key, this.envelope.seal(secret, sealingIdentity(key)), null);
		return new GeneratedHmacKey(key, secret);
	}

	/**
	 * Registers an ES256 public key.
	 * @param providerId the provider
	 * @param kid the key id, or {@code null} for a generated one
	 * @param publicKey the provider's EC public key
	 * @return the key
	 * @throws InvalidEntitlementTokenKeyException when the key id is not valid, or the
	 * key is not a point of P-256
	 * @throws EntitlementTokenKeyExistsException when the provider has that key id
	 */
	@Transactional
	public EntitlementTokenKey registerEc(UUID providerId, @Nullable String kid, ECPublicKey publicKey) {
		requireP256(publicKey);
		EntitlementTokenKey key = newKey(providerId, kid, EntitlementTokenAlgorithm.ES256);
		insert(key, null, publicKey.getEncoded());
		return key;
	}

	/**
	 * Lists a provider's keys, without any secret.
	 * @param providerId the provider
	 * @param pageable the page, sorted by {@link #SORTABLE} columns
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<EntitlementTokenKey> list(UUID providerId, Pageable pageable) {
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM entitlement_token_key WHERE provider_id = ?",
				Long.class, providerId);
		List<EntitlementTokenKey> items = this.jdbc.query(
				"SELECT id, provider_id, kid, algorithm, created_at FROM entitlement_token_key WHERE provider_id = ?"
						+ orderBy(pageable.getSort()) + " LIMIT ? OFFSET ?",
				EntitlementTokenKeyService::key, providerId, pageable.getPageSize(), pageable.getOffset());
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	/**
	 * Deletes a key: tokens naming it are refused from now on.
	 * @param providerId the provider
	 * @param kid the key id
	 * @throws EntitlementTokenKeyNotFoundException when there is none
	 */
	@Transactional
	public void delete(UUID providerId, String kid) {
		int deleted = this.jdbc.update("DELETE FROM entitlement_token_key WHERE provider_id = ? AND kid = ?",
				providerId, kid);
		if (deleted == 0) {
			throw new EntitlementTokenKeyNotFoundException(kid);
		}
	}

	/**
	 * The key that verifies a provider's tokens naming a key id, its secret opened.
	 * @param providerId the provider
	 * @param kid the key id of the token's header
	 * @return the key, if the provider has one of that id
	 */
	@Transactional(readOnly = true)
	public Optional<VerificationKey> verificationKey(UUID providerId, String kid) {
		return this.jdbc
			.query("SELECT * FROM entitlement_token_key WHERE provider_id = ? AND kid = ?",
					(row, index) -> verificationKey(key(row, index), row.getBytes("sealed_secret"),
							row.getBytes("public_key")),
					providerId, kid)
			.stream()
			.findFirst();
	}

	private VerificationKey verificationKey(EntitlementTokenKey key, byte @Nullable [] sealedSecret,
			byte @Nullable [] publicKey) {
		return switch (key.algorithm()) {
			case HS256 ->
				new VerificationKey.Hmac(key, this.envelope.open(require(sealedSecret, key), sealingIdentity(key)));
			case ES256 -> new VerificationKey.Ec(key, ecPublicKey(require(publicKey, key)));
		};
	}

	private EntitlementTokenKey newKey(UUID providerId, @Nullable String kid, EntitlementTokenAlgorithm algorithm) {
		String id = (kid != null) ? kid : "etk-" + BASE64URL.encodeToString(SecretBytes.random(9).toByteArray());
		if (!KID.matcher(id).matches()) {
			throw new InvalidEntitlementTokenKeyException("kid",
					"must be 1-64 characters of letters, digits and . _ -");
		}
		return new EntitlementTokenKey(UUID.randomUUID(), providerId, id, algorithm, this.clock.instant());
	}

	private void insert(EntitlementTokenKey key, byte @Nullable [] sealedSecret, byte @Nullable [] publicKey) {
		try {
			this.jdbc.update(
					"INSERT INTO entitlement_token_key (id, provider_id, kid, algorithm, sealed_secret, public_key, "
							+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
					key.id(), key.providerId(), key.kid(), key.algorithm().name(), sealedSecret, publicKey,
					Timestamp.from(key.createdAt()));
		}
		catch (DuplicateKeyException ex) {
			throw new EntitlementTokenKeyExistsException(key.kid());
		}
	}

	/**
	 * Binds a sealed secret to its row, provider and key id, so that it opens nowhere
	 * else.
	 */
	private static String sealingIdentity(EntitlementTokenKey key) {
		return "entitlement-token-key:" + key.id() + ":" + key.providerId() + ":" + key.kid();
	}

	private static byte[] require(byte @Nullable [] material, EntitlementTokenKey key) {
		if (material == null) {
			// The table's check constraint makes this unreachable.
			throw new IllegalStateException("entitlement-token key " + key.id() + " has no key material");
		}
		return material;
	}

	private static ECPublicKey ecPublicKey(byte[] encoded) {
		try {
			return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a stored entitlement-token public key does not parse", ex);
		}
	}

	/**
	 * Refuses keys on any other curve, and points not on the curve: parsing an encoded
	 * key does not always check either.
	 */
	static void requireP256(ECPublicKey publicKey) {
		ECParameterSpec params = publicKey.getParams();
		if (!(params.getCurve().getField() instanceof ECFieldFp field)
				|| !field.getP().equals(((ECFieldFp) P256.getCurve().getField()).getP())
				|| !params.getCurve().getA().equals(P256.getCurve().getA())
				|| !params.getCurve().getB().equals(P256.getCurve().getB())
				|| !params.getGenerator().equals(P256.getGenerator()) || !params.getOrder().equals(P256.getOrder())
				|| params.getCofactor() != P256.getCofactor()) {
			throw new InvalidEntitlementTokenKeyException("public_key", "must be an EC key on P-256");
		}
		BigInteger p = field.getP();
		ECPoint point = publicKey.getW();
		BigInteger x = point.getAffineX();
		BigInteger y = point.getAffineY();
		if (point.equals(ECPoint.POINT_INFINITY) || x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0
				|| y.compareTo(p) >= 0
				|| !y.multiply(y)
					.mod(p)
					.equals(x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p))) {
			throw new InvalidEntitlementTokenKeyException("public_key", "is not a point of P-256");
		}
	}

	private static String orderBy(Sort sort) {
		List<String> terms = new ArrayList<>();
		for (Sort.Order order : sort) {
			if (!SORTABLE.contains(order.getProperty())) {
				throw new IllegalArgumentException("not sortable: " + order.getProperty());
			}
			terms.add(order.getProperty() + (order.isAscending() ? " ASC" : " DESC"));
		}
		terms.add("id");
		return " ORDER BY " + String.join(", ", terms);
	}

	private static EntitlementTokenKey key(ResultSet row, int index) throws SQLException {
		return new EntitlementTokenKey(row.getObject("id", UUID.class), row.getObject("provider_id", UUID.class),
				row.getString("kid"), EntitlementTokenAlgorithm.valueOf(row.getString("algorithm")),
				row.getTimestamp("created_at").toInstant());
	}

	private static ECParameterSpec p256() {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec("secp256r1"));
			return parameters.getParameterSpec(ECParameterSpec.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK lacks P-256", ex);
		}
	}

}
