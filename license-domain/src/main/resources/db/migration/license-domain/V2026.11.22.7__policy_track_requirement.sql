-- Per-track requirements of a policy: the minimum device security level and the HDCP version
-- a device must enforce to receive that track's key.
CREATE TABLE policy_track_requirement (
    policy_id      uuid        NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
    track_type     varchar(8)  NOT NULL CHECK (track_type IN ('AUDIO', 'SD', 'HD', 'UHD1', 'UHD2')),
    security_level integer     NOT NULL CHECK (security_level BETWEEN 1 AND 5),
    required_hdcp  varchar(16) NOT NULL CHECK (required_hdcp IN ('HDCP_NONE', 'HDCP_V1', 'HDCP_V2')),
    PRIMARY KEY (policy_id, track_type)
);
