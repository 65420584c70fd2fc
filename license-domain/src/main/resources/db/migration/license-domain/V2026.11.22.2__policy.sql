-- Named playback policies, one row per (provider, name). "revision" grows with every change.
-- Field names and meanings are the license template's policy_overrides.
CREATE TABLE policy (
    id                                uuid          PRIMARY KEY,
    provider_id                       uuid          NOT NULL REFERENCES provider (id),
    name                              varchar(100)  NOT NULL,
    revision                          bigint        NOT NULL DEFAULT 0,
    can_play                          boolean       NOT NULL,
    can_persist                       boolean       NOT NULL,
    can_renew                         boolean       NOT NULL,
    license_duration_seconds          bigint        NOT NULL CHECK (license_duration_seconds >= 0),
    rental_duration_seconds           bigint        NOT NULL CHECK (rental_duration_seconds >= 0),
    playback_duration_seconds         bigint        NOT NULL CHECK (playback_duration_seconds >= 0),
    renewal_server_url                varchar(2048),
    renewal_delay_seconds             bigint        NOT NULL CHECK (renewal_delay_seconds >= 0),
    renewal_retry_interval_seconds    bigint        NOT NULL CHECK (renewal_retry_interval_seconds >= 0),
    renewal_recovery_duration_seconds bigint        NOT NULL CHECK (renewal_recovery_duration_seconds >= 0),
    renew_with_usage                  boolean       NOT NULL,
    created_at                        timestamptz   NOT NULL,
    updated_at                        timestamptz   NOT NULL,
    CONSTRAINT policy_provider_name_unique UNIQUE (provider_id, name)
);
