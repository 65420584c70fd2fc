-- Users of the admin console and admin API.
CREATE TABLE admin_user (
    id                   uuid         PRIMARY KEY,
    username             varchar(100) NOT NULL,
    password_hash        varchar(500) NOT NULL,
    role                 varchar(20)  NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'AUDITOR')),
    must_change_password boolean      NOT NULL,
    enabled              boolean      NOT NULL,
    created_at           timestamptz  NOT NULL,
    CONSTRAINT admin_user_username_unique UNIQUE (username)
);
