-- Whether a provider answers W3C Clear Key license requests (keys in the clear to a browser): off
-- unless the provider switches it on, since a Clear Key client protects nothing.
ALTER TABLE device_admission ADD COLUMN clear_key_enabled boolean NOT NULL DEFAULT false;
