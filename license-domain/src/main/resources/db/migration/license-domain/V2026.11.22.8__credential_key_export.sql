-- Whether a provider credential may export content keys in clear (for packagers). Off unless
-- an admin creates the credential with it.
ALTER TABLE provider_credential ADD COLUMN key_export boolean NOT NULL DEFAULT false;
