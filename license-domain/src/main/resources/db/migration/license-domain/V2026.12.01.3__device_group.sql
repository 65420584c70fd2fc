-- Device groups (domains): devices that share a group key. "generation" grows each time a member
-- leaves or is removed (the key rolls); licenses bound to the group name the generation they were
-- made for. The group private key is stored sealed under the key encryption key.
CREATE TABLE device_group (
    id                 uuid         PRIMARY KEY,
    provider_id        uuid         NOT NULL REFERENCES provider (id),
    group_id           varchar(64)  NOT NULL,
    name               varchar(200) NOT NULL,
    max_members        integer      NOT NULL CHECK (max_members BETWEEN 1 AND 1000),
    generation         bigint       NOT NULL DEFAULT 1 CHECK (generation >= 1),
    public_key         bytea        NOT NULL,
    sealed_private_key bytea        NOT NULL,
    created_at         timestamptz  NOT NULL,
    deleted_at         timestamptz,
    bundle_version     bigint       NOT NULL DEFAULT 1,
    CONSTRAINT device_group_group_id_unique UNIQUE (group_id)
);

CREATE INDEX device_group_provider_created ON device_group (provider_id, created_at DESC);

-- Members, past and present: at most one active membership per (group, device certificate).
CREATE TABLE group_member (
    id                uuid        PRIMARY KEY,
    group_row_id      uuid        NOT NULL REFERENCES device_group (id),
    fingerprint       varchar(43) NOT NULL,
    certificate_chain text        NOT NULL,
    joined_at         timestamptz NOT NULL,
    left_at           timestamptz,
    leave_reason      varchar(16) CHECK (leave_reason IN ('LEFT', 'REMOVED', 'REVOKED', 'RESET', 'GROUP_DELETED'))
);

CREATE UNIQUE INDEX group_member_one_active ON group_member (group_row_id, fingerprint) WHERE left_at IS NULL;
CREATE INDEX group_member_active_by_fingerprint ON group_member (fingerprint) WHERE left_at IS NULL;

-- Single-use join tokens; only their SHA-256 is stored.
CREATE TABLE group_join_token (
    token_hash   varchar(64) PRIMARY KEY,
    group_row_id uuid        NOT NULL REFERENCES device_group (id),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    used_by      varchar(43)
);

-- Entitlements may target a group instead of a generated ID.
ALTER TABLE entitlement ALTER COLUMN generated_id DROP NOT NULL;
ALTER TABLE entitlement ADD COLUMN group_row_id uuid REFERENCES device_group (id);
ALTER TABLE entitlement ADD CONSTRAINT entitlement_one_target CHECK ((generated_id IS NULL) <> (group_row_id IS NULL));
CREATE UNIQUE INDEX entitlement_one_live_group_grant
    ON entitlement (group_row_id, content_id) WHERE withdrawn_at IS NULL AND group_row_id IS NOT NULL;
CREATE INDEX entitlement_live_by_group ON entitlement (group_row_id) WHERE withdrawn_at IS NULL;
