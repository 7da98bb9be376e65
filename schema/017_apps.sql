-- 017_apps.sql — from the hardening of issue 9 (the application's part).
--
-- The documents an application must have attached to be submitted: kinds of
-- attachment (grant/compliance.c, gr_doc_kinds) separated by commas, set by
-- staff in the competition's settings; the organization's charter unless
-- they choose otherwise, for the competitions there are and for new ones.
ALTER TABLE competitions
  ADD COLUMN required_docs VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
    NOT NULL DEFAULT 'Устав';

-- One number for an application from its start: the registry's
-- GF-<competition>-<id, at least 5 digits> (grant/application.c,
-- gr_app_number), given to drafts too instead of «Заявка № <id>».
UPDATE projects SET number = CONCAT('GF-', competition_id, '-', LPAD(id, GREATEST(5, LENGTH(id)), '0'))
 WHERE number IS NULL;
