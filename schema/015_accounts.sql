-- 015_accounts.sql — an e-mail address as a key has one form (gf_email_norm:
-- trimmed, ASCII letters in lower case), kept from now on by every form that
-- stores one; this brings older rows to it.
--
-- No clash is possible: uq_users_email compares with utf8mb4_unicode_ci,
-- which ignores case, so two rows that differ only in case never existed;
-- and no stored address has spaces (gf_valid_email refuses them) or bytes
-- beyond ASCII, so LOWER() here is gf_email_norm there. Should a database
-- have been changed by hand so that two rows clash, the UPDATE stops on the
-- unique key and the migration is not recorded: merge the two accounts, then
-- run schema/migrate.sh again.
UPDATE users SET email = LOWER(email) WHERE BINARY email <> BINARY LOWER(email);
-- the address a pending link will store or mail (a new address, a reset)
UPDATE email_tokens SET email = LOWER(email)
 WHERE email IS NOT NULL AND BINARY email <> BINARY LOWER(email);
