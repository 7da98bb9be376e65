-- Drafts are JSON from now on (cgi-bin/grant/draft.c). gf-drafts converts
-- the drafts stored as HDF text once, and keeps each original here first
-- (the application account may only add rows: schema/migrate.sh).
CREATE TABLE legacy_drafts (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id  BIGINT UNSIGNED NOT NULL,
  section     VARCHAR(40) NOT NULL,
  data        MEDIUMTEXT NOT NULL,
  converted_at DATETIME NOT NULL,
  KEY ix_legacy_drafts (project_id, section)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The sections are the table in cgi-bin/grant/form.c: adding one needs no
-- change of the schema.
ALTER TABLE application_sections MODIFY section VARCHAR(40) NOT NULL;
