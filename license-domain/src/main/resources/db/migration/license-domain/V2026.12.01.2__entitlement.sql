-- What a provider grants a device's generated ID: a content under a policy (a stored policy's
-- name, overrides, or both). Withdrawn grants stay for the record. At most one live grant per
-- (provider, generated ID, content).
CREATE TABLE entitlement (
    id                    uuid         PRIMARY KEY,
    provider_id           uuid         NOT NULL REFERENCES provider (id),
    generated_id          varchar(64)  NOT NULL,
    content_id            varchar(200) NOT NULL,
    policy_name           varchar(100),
    policy_overrides      text,
    overrides_exclusively boolean      NOT NULL DEFAULT false,
    license_type          varchar(16)  NOT NULL CHECK (license_type IN ('STREAMING', 'OFFLINE')),
    created_at            timestamptz  NOT NULL,
    withdrawn_at          timestamptz,
    CONSTRAINT entitlement_has_policy CHECK (policy_name IS NOT NULL OR policy_overrides IS NOT NULL)
);

CREATE UNIQUE INDEX entitlement_one_live_grant
    ON entitlement (provider_id, generated_id, content_id) WHERE withdrawn_at IS NULL;
CREATE INDEX entitlement_live_by_generated_id ON entitlement (generated_id) WHERE withdrawn_at IS NULL;
CREATE INDEX entitlement_live_by_policy ON entitlement (provider_id, policy_name) WHERE withdrawn_at IS NULL;
CREATE INDEX entitlement_live_by_content ON entitlement (provider_id, content_id) WHERE withdrawn_at IS NULL;
