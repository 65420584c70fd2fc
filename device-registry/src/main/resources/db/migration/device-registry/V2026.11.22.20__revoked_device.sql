-- Revoked device certificates, by fingerprint (base64url SHA-256 of the DER).
CREATE TABLE revoked_device (
    fingerprint varchar(43)  PRIMARY KEY,
    revoked_at  timestamptz  NOT NULL,
    reason      varchar(500) NOT NULL,
    revoked_by  varchar(200) NOT NULL
);
