-- A provider can be disabled and enabled again: while disabled_at is set its API
-- credentials are refused and its devices get no new licenses, registrations or
-- bundles; nothing it stores is removed.
ALTER TABLE provider ADD COLUMN disabled_at timestamptz;
