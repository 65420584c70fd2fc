-- API credentials of provider backends. Only a SHA-256 of the (full-entropy) secret is kept.
CREATE TABLE provider_credential (
    id           uuid         PRIMARY KEY,
    provider_id  uuid         NOT NULL REFERENCES provider (id),
    prefix       varchar(16)  NOT NULL,
    secret_hash  bytea        NOT NULL CHECK (octet_length(secret_hash) = 32),
    label        varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    CONSTRAINT provider_credential_prefix_unique UNIQUE (prefix)
);

CREATE INDEX provider_credential_provider ON provider_credential (provider_id);
