-- Keys with which a provider's backend signs entitlement tokens (the direct license model).
-- HS256: a server-generated secret, stored only sealed (AES-256-GCM envelope under the key
-- encryption key, bound to the row). ES256: the provider's EC P-256 public key (X.509
-- SubjectPublicKeyInfo DER). The kid is what tokens name in their header; unique per provider.
CREATE TABLE entitlement_token_key (
    id            uuid        PRIMARY KEY,
    provider_id   uuid        NOT NULL REFERENCES provider (id),
    kid           varchar(64) NOT NULL,
    algorithm     varchar(8)  NOT NULL CHECK (algorithm IN ('HS256', 'ES256')),
    sealed_secret bytea,
    public_key    bytea,
    created_at    timestamptz NOT NULL,
    CONSTRAINT entitlement_token_key_provider_kid_unique UNIQUE (provider_id, kid),
    CONSTRAINT entitlement_token_key_material CHECK (
        (algorithm = 'HS256' AND sealed_secret IS NOT NULL AND public_key IS NULL)
        OR (algorithm = 'ES256' AND public_key IS NOT NULL AND sealed_secret IS NULL))
);
