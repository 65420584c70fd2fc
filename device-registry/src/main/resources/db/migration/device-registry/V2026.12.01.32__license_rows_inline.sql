-- A signed license is a few kilobytes of base64url text that does not compress: keep rows up to
-- a page inline and uncompressed instead of trying to compress every one past 2 KB.
ALTER TABLE pregenerated_license SET (toast_tuple_target = 8160);
ALTER TABLE group_license SET (toast_tuple_target = 8160);
