-- Revocation follows the device's key: key_id is base64url(SHA-256(SubjectPublicKeyInfo DER)) of the
-- revoked certificate when Voucher knows it (it may learn it later, when the certificate is seen again).
ALTER TABLE revoked_device ADD COLUMN key_id varchar(43);
CREATE INDEX revoked_device_key ON revoked_device (key_id) WHERE key_id IS NOT NULL;

-- A provider's own block of a device: it refuses the device (by certificate and, when known, by key)
-- for that provider's licenses, registrations and groups only.
CREATE TABLE device_block (
    provider_id uuid         NOT NULL REFERENCES provider (id),
    fingerprint varchar(43)  NOT NULL,
    key_id      varchar(43),
    blocked_at  timestamptz  NOT NULL,
    reason      varchar(500) NOT NULL,
    blocked_by  varchar(200) NOT NULL,
    PRIMARY KEY (provider_id, fingerprint)
);
CREATE INDEX device_block_key ON device_block (provider_id, key_id) WHERE key_id IS NOT NULL;
CREATE INDEX device_block_provider_blocked ON device_block (provider_id, blocked_at DESC);

-- Device certificates Voucher has issued or seen, so that revoking one by fingerprint finds its key.
CREATE TABLE device_certificate_key (
    fingerprint varchar(43) PRIMARY KEY,
    key_id      varchar(43) NOT NULL,
    seen_at     timestamptz NOT NULL
);
CREATE INDEX device_certificate_key_key ON device_certificate_key (key_id);

-- Which devices a provider admits: the built-in Device CA or not, every trusted manufacturer root or
-- only those listed (root certificate fingerprints), and a minimum security level. No row: the
-- defaults (everything trusted, level 1).
CREATE TABLE device_admission (
    provider_id            uuid        PRIMARY KEY REFERENCES provider (id),
    accept_built_in_ca     boolean     NOT NULL,
    all_manufacturer_roots boolean     NOT NULL,
    manufacturer_roots     varchar(43)[] NOT NULL,
    min_security_level     smallint    NOT NULL CHECK (min_security_level BETWEEN 1 AND 5),
    updated_at             timestamptz NOT NULL,
    updated_by             varchar(200) NOT NULL
);
