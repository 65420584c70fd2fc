-- Manufacturer device roots added by administrators, trusted besides the built-in Device CA and
-- the roots in configuration. Removed roots stay for the record.
CREATE TABLE trusted_root (
    id          uuid          PRIMARY KEY,
    fingerprint varchar(43)   NOT NULL,
    label       varchar(200)  NOT NULL,
    subject     varchar(1000) NOT NULL,
    certificate text          NOT NULL,
    not_after   timestamptz   NOT NULL,
    added_at    timestamptz   NOT NULL,
    added_by    varchar(200)  NOT NULL,
    removed_at  timestamptz,
    removed_by  varchar(200)
);

CREATE UNIQUE INDEX trusted_root_one_active ON trusted_root (fingerprint) WHERE removed_at IS NULL;
