-- Registrations of generated IDs (Primetime's DRMManager.authenticate): one per generated ID,
-- bound to the device certificate that registered it. A factory reset supersedes a registration
-- (its entitlements move to the device's new generated ID); a revocation ends it.
-- bundle_version grows with every change of the registration's out-of-band bundle.
CREATE TABLE registration (
    id                uuid         PRIMARY KEY,
    provider_id       uuid         NOT NULL REFERENCES provider (id),
    generated_id      varchar(64)  NOT NULL,
    fingerprint       varchar(43)  NOT NULL,
    certificate_chain text         NOT NULL,
    make              varchar(64)  NOT NULL,
    model             varchar(64)  NOT NULL,
    security_level    smallint     NOT NULL CHECK (security_level BETWEEN 1 AND 5),
    max_hdcp          varchar(16)  NOT NULL,
    status            varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUPERSEDED', 'REVOKED')),
    registered_at     timestamptz  NOT NULL,
    ended_at          timestamptz,
    superseded_by     varchar(64),
    bundle_version    bigint       NOT NULL DEFAULT 1,
    CONSTRAINT registration_generated_id_unique UNIQUE (generated_id)
);

CREATE INDEX registration_fingerprint ON registration (fingerprint);
CREATE INDEX registration_provider_registered ON registration (provider_id, registered_at DESC);

-- Licenses pre-generated for a registration, one current license per (registration,
-- entitlement). "inputs" is a digest of everything the license was made from (entitlement,
-- device, policy revision, content keys): equal inputs mean the current license is still right.
CREATE TABLE pregenerated_license (
    id              uuid         PRIMARY KEY,
    registration_id uuid         NOT NULL REFERENCES registration (id),
    entitlement_id  uuid         NOT NULL REFERENCES entitlement (id),
    license_id      uuid         NOT NULL,
    content_id      varchar(200) NOT NULL,
    license         text         NOT NULL,
    inputs          varchar(64)  NOT NULL,
    issued_at       timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    withdrawn_at    timestamptz
);

CREATE UNIQUE INDEX pregenerated_license_one_current
    ON pregenerated_license (registration_id, entitlement_id) WHERE withdrawn_at IS NULL;
