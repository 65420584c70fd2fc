-- Finished jobs are deleted once past their retention, oldest first.
CREATE INDEX job_finished ON job (finished_at) WHERE status IN ('SUCCEEDED', 'FAILED');
