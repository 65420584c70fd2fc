-- Background jobs as users follow them (GET /api/v1/jobs/{id}); db-scheduler's scheduled_tasks
-- row is what runs them. A job of a provider's data names the provider; platform jobs do not.
CREATE TABLE job (
    id          uuid          PRIMARY KEY,
    provider_id uuid          REFERENCES provider (id),
    kind        varchar(40)   NOT NULL,
    scope       varchar(300)  NOT NULL,
    status      varchar(16)   NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    total       bigint        CHECK (total >= 0),
    done        bigint        NOT NULL DEFAULT 0 CHECK (done >= 0),
    failed      bigint        NOT NULL DEFAULT 0 CHECK (failed >= 0),
    attempts    integer       NOT NULL DEFAULT 0,
    message     varchar(1000),
    created_at  timestamptz   NOT NULL,
    started_at  timestamptz,
    finished_at timestamptz
);

CREATE INDEX job_provider_scope_created ON job (provider_id, scope, created_at DESC);
