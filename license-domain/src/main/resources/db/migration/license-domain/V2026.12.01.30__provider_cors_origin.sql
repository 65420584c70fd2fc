-- Browser origins a provider's web players call the device API from. The device API answers
-- CORS for the union of every provider's origins (a device request does not name its provider).
-- The format check repeats the application's validation so that no row can widen CORS to a
-- path, a wildcard or another scheme.
CREATE TABLE provider_cors_origin (
    id          uuid         PRIMARY KEY,
    provider_id uuid         NOT NULL REFERENCES provider (id) ON DELETE CASCADE,
    origin      varchar(300) NOT NULL,
    created_at  timestamptz  NOT NULL,
    CONSTRAINT provider_cors_origin_unique UNIQUE (provider_id, origin),
    CONSTRAINT provider_cors_origin_format CHECK (origin ~ '^https?://[a-z0-9.\[\]:-]+$')
);
