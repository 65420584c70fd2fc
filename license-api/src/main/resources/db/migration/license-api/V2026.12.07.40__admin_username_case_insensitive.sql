-- User names are unique regardless of case: 'Admin' beside 'admin' would be two accounts
-- that people and logs confuse. Sign-in matches names regardless of case, by this index.
DO $$
DECLARE
    clash text;
BEGIN
    SELECT string_agg(username, ', ' ORDER BY username) INTO clash
    FROM admin_user
    WHERE lower(username) IN (SELECT lower(username) FROM admin_user GROUP BY lower(username) HAVING count(*) > 1);
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'Admin user names that differ only in case: %. Disable and rename all but one of each '
            '(UPDATE admin_user SET username = ...) before upgrading.', clash;
    END IF;
END
$$;

CREATE UNIQUE INDEX admin_user_username_lower_unique ON admin_user (lower(username));

-- Counts password changes: a console session remembers the count it signed in under and
-- ends when the user's count has moved on, on whichever node it lives.
ALTER TABLE admin_user ADD COLUMN credentials_version bigint NOT NULL DEFAULT 0;
