-- Licenses pre-generated for device groups: one current license per (group, entitlement), bound to
-- the group key generation named in "generation". A key roll makes new inputs, so the licenses are
-- regenerated for the new generation.
CREATE TABLE group_license (
    id             uuid         PRIMARY KEY,
    group_row_id   uuid         NOT NULL REFERENCES device_group (id),
    entitlement_id uuid         NOT NULL REFERENCES entitlement (id),
    generation     bigint       NOT NULL,
    license_id     uuid         NOT NULL,
    content_id     varchar(200) NOT NULL,
    license        text         NOT NULL,
    inputs         varchar(64)  NOT NULL,
    issued_at      timestamptz  NOT NULL,
    expires_at     timestamptz  NOT NULL,
    withdrawn_at   timestamptz
);

CREATE UNIQUE INDEX group_license_one_current
    ON group_license (group_row_id, entitlement_id) WHERE withdrawn_at IS NULL;
