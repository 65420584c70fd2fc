-- Whether a pre-generated license is made again when it expires (its policy's can_renew): the
-- renewal sweep looks for current, expired, renewable licenses only. An expired license that is
-- not renewable stays current (so that it is not made again) but leaves the bundle.
ALTER TABLE pregenerated_license ADD COLUMN renewable boolean NOT NULL DEFAULT false;
ALTER TABLE group_license ADD COLUMN renewable boolean NOT NULL DEFAULT false;
CREATE INDEX pregenerated_license_renewal ON pregenerated_license (expires_at)
    WHERE withdrawn_at IS NULL AND renewable;
CREATE INDEX group_license_renewal ON group_license (expires_at)
    WHERE withdrawn_at IS NULL AND renewable;
