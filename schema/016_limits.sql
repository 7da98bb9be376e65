-- 016_limits.sql — a captcha answers once (lib/captcha.c): the hash of each
-- question's token that was answered, until the token expires anyway.
CREATE TABLE captcha_used (
  token_hash  CHAR(64) CHARACTER SET ascii PRIMARY KEY,
  expires_at  DATETIME NOT NULL,
  KEY ix_captcha_expiry (expires_at)
) ENGINE=InnoDB;
