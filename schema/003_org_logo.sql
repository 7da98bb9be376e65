-- 003_org_logo.sql — an organization's logo (PNG or JPEG, stored like
-- attachments under a random name).
ALTER TABLE organizations
  ADD COLUMN logo_name CHAR(43) CHARACTER SET ascii NULL,
  ADD COLUMN logo_mime VARCHAR(40) NULL;
