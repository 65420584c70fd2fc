-- Withdrawn licenses are deleted once past their retention, oldest first.
CREATE INDEX pregenerated_license_withdrawn ON pregenerated_license (withdrawn_at) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX group_license_withdrawn ON group_license (withdrawn_at) WHERE withdrawn_at IS NOT NULL;
