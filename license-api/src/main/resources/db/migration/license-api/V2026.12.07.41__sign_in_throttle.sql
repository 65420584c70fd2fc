-- Failed sign-ins of admin users, counted per account (lower-case user name, whether or
-- not such a user exists) and per client address, so that lock-outs hold on every node.
CREATE TABLE sign_in_throttle (
    scope           varchar(10)  NOT NULL CHECK (scope IN ('ACCOUNT', 'ADDRESS')),
    subject         varchar(200) NOT NULL,
    failures        integer      NOT NULL CHECK (failures >= 0),
    window_start    timestamptz  NOT NULL,
    last_failure_at timestamptz  NOT NULL,
    locked_until    timestamptz,
    PRIMARY KEY (scope, subject)
);

-- Forgetting old failures scans by age.
CREATE INDEX sign_in_throttle_last_failure ON sign_in_throttle (last_failure_at);
