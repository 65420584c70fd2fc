-- Providers: the tenants. Every table of provider-owned data references this one.
CREATE TABLE provider (
    id           uuid         PRIMARY KEY,
    name         varchar(63)  NOT NULL,
    display_name varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL,
    version      bigint       NOT NULL DEFAULT 0,
    CONSTRAINT provider_name_unique UNIQUE (name),
    CONSTRAINT provider_name_format CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$')
);
