-- Content of a provider, and its keys: one active key per (content, track type); retired keys
-- stay to open licenses already issued. Keys are stored sealed (AES-256-GCM envelope under the
-- key encryption key); the key id is public.
CREATE TABLE content (
    id          uuid         PRIMARY KEY,
    provider_id uuid         NOT NULL REFERENCES provider (id),
    content_id  varchar(200) NOT NULL,
    name        varchar(200),
    created_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL DEFAULT 0,
    CONSTRAINT content_provider_content_id_unique UNIQUE (provider_id, content_id)
);

CREATE TABLE content_key (
    id             uuid        PRIMARY KEY,
    provider_id    uuid        NOT NULL REFERENCES provider (id),
    content_row_id uuid        NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    track_type     varchar(8)  NOT NULL CHECK (track_type IN ('AUDIO', 'SD', 'HD', 'UHD1', 'UHD2')),
    key_id         bytea       NOT NULL CHECK (octet_length(key_id) = 16),
    sealed_key     bytea       NOT NULL,
    source         varchar(16) NOT NULL CHECK (source IN ('GENERATED', 'INJECTED')),
    created_at     timestamptz NOT NULL,
    retired_at     timestamptz,
    CONSTRAINT content_key_provider_key_id_unique UNIQUE (provider_id, key_id)
);

CREATE UNIQUE INDEX content_key_one_active_per_track
    ON content_key (content_row_id, track_type) WHERE retired_at IS NULL;
