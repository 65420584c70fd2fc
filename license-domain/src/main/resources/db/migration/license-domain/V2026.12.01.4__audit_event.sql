-- The audit trail: append-only. A recurring sealer chains events in id order:
-- hash = SHA-256(previous hash || the event's canonical text), so that an edited or deleted row
-- breaks the chain at that point. Rows are inserted without hash; only the sealer sets it, once.
CREATE TABLE audit_event (
    id          bigserial     PRIMARY KEY,
    occurred_at timestamptz   NOT NULL,
    actor_type  varchar(16)   NOT NULL CHECK (actor_type IN ('ADMIN', 'PROVIDER', 'DEVICE', 'ANONYMOUS', 'SYSTEM')),
    actor       varchar(200)  NOT NULL,
    provider_id uuid,
    action      varchar(200)  NOT NULL,
    target      varchar(500),
    outcome     varchar(16)   NOT NULL CHECK (outcome IN ('SUCCESS', 'REFUSED', 'FAILED')),
    detail      varchar(200),
    hash        varchar(64)
);

CREATE INDEX audit_event_unsealed ON audit_event (id) WHERE hash IS NULL;
CREATE INDEX audit_event_occurred ON audit_event (occurred_at DESC);
CREATE INDEX audit_event_provider_occurred ON audit_event (provider_id, occurred_at DESC);

-- Append-only: an event's content never changes and no event is deleted; the hash is set once.
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events cannot be deleted';
    END IF;
    IF OLD.hash IS NOT NULL
        OR NEW.id IS DISTINCT FROM OLD.id OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
        OR NEW.actor_type IS DISTINCT FROM OLD.actor_type OR NEW.actor IS DISTINCT FROM OLD.actor
        OR NEW.provider_id IS DISTINCT FROM OLD.provider_id OR NEW.action IS DISTINCT FROM OLD.action
        OR NEW.target IS DISTINCT FROM OLD.target OR NEW.outcome IS DISTINCT FROM OLD.outcome
        OR NEW.detail IS DISTINCT FROM OLD.detail THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
