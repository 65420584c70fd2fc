-- New registrations wait here for their first licenses; pre-generation jobs claim them in batches
-- (FOR UPDATE SKIP LOCKED), so that a burst of registrations costs one job per batch, not one each.
ALTER TABLE registration ADD COLUMN sync_requested_at timestamptz;

CREATE INDEX registration_sync_pending ON registration (provider_id, sync_requested_at)
    WHERE sync_requested_at IS NOT NULL;
