-- Every new registration looks for a queued job of its provider's scope to join; the queued
-- ones are few, the finished ones many.
CREATE INDEX job_queued_by_scope ON job (provider_id, scope, created_at) WHERE status = 'QUEUED';
