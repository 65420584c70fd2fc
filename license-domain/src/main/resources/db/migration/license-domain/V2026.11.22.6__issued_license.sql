-- One row per license answer: NEW (counter 1), each RENEWAL (next counter), RELEASE.
-- The unique (license_id, license_counter) makes concurrent renewals of one license serialize.
CREATE TABLE issued_license (
    id                 uuid         PRIMARY KEY,
    license_id         varchar(128) NOT NULL,
    license_counter    integer      NOT NULL CHECK (license_counter >= 1),
    provider_id        uuid         NOT NULL REFERENCES provider (id),
    content_id         varchar(200) NOT NULL,
    device_fingerprint varchar(64)  NOT NULL,
    license_type       varchar(16)  NOT NULL CHECK (license_type IN ('STREAMING', 'OFFLINE')),
    request_type       varchar(16)  NOT NULL CHECK (request_type IN ('NEW', 'RENEWAL', 'RELEASE')),
    policy_name        varchar(100),
    policy_revision    bigint,
    policy_snapshot    text         NOT NULL,
    can_renew          boolean      NOT NULL,
    session_token      varchar(512),
    key_ids            text         NOT NULL,
    issued_at          timestamptz  NOT NULL,
    expires_at         timestamptz,
    CONSTRAINT issued_license_id_counter_unique UNIQUE (license_id, license_counter)
);

CREATE INDEX issued_license_provider_issued ON issued_license (provider_id, issued_at DESC);
CREATE INDEX issued_license_device ON issued_license (device_fingerprint);
