package io.voucher.domain.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One audit event.
 *
 * @param id its place in the trail
 * @param occurredAt when it happened
 * @param actorType what kind of caller acted
 * @param actor who: a user name, a credential prefix, a device fingerprint
 * @param providerId the provider whose data it concerns, if any
 * @param action what was done, e.g. {@code POST /api/v1/policies} or
 * {@code license.issue}
 * @param target what it was done to, if known
 * @param outcome how it ended
 * @param detail a status or error code
 * @param hash the chain hash, once sealed
 */
public record AuditEvent(long id, Instant occurredAt, ActorType actorType, String actor, @Nullable UUID providerId,
		String action, @Nullable String target, Outcome outcome, @Nullable String detail, @Nullable String hash) {

	/**
	 * What kind of caller acted.
	 */
	public enum ActorType {

		/** An admin user. */
		ADMIN,
		/** A provider backend, by its credential. */
		PROVIDER,
		/** A device, by its signature. */
		DEVICE,
		/** An unauthenticated caller. */
		ANONYMOUS,
		/** The platform itself. */
		SYSTEM

	}

	/**
	 * How an action ended.
	 */
	public enum Outcome {

		/** Done. */
		SUCCESS,
		/** Refused: bad input, not allowed, a license refusal. */
		REFUSED,
		/** An error on the server's side. */
		FAILED

	}

	/**
	 * The text the chain hash covers: every field but the hash, in a fixed order.
	 * @return the canonical text
	 */
	public String canonical() {
		return this.id + "|" + this.occurredAt.toEpochMilli() + "|" + this.actorType + "|" + this.actor + "|"
				+ ((this.providerId != null) ? this.providerId : "") + "|" + this.action + "|"
				+ ((this.target != null) ? this.target : "") + "|" + this.outcome + "|"
				+ ((this.detail != null) ? this.detail : "");
	}

}
