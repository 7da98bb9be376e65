-- 022_news.sql — news written by staff in Markdown (/staff/news): an image
-- with its alt text, who changed it last and when (the Atom feed's
-- <updated>); images uploaded for a preview wait in news_uploads until the
-- item is saved (only their uploader may see or use them).
ALTER TABLE news
  ADD COLUMN image_name VARCHAR(64)  NULL,
  ADD COLUMN image_mime VARCHAR(80)  NULL,
  ADD COLUMN image_alt  VARCHAR(300) NOT NULL DEFAULT '',
  ADD COLUMN updated_at DATETIME     NULL,
  ADD COLUMN updated_by BIGINT UNSIGNED NULL;

CREATE TABLE news_uploads (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id     BIGINT UNSIGNED NOT NULL,
  stored_name VARCHAR(64) NOT NULL,
  mime        VARCHAR(80) NOT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_news_uploads_user (user_id, id)
) ENGINE=InnoDB;
