-- 008_staff.sql — the operator's side of a competition: its checklist and
-- documents, every receipt an application got, the compliance decisions,
-- staff notes, the audit chain, staff alerts and replies to ideas.

ALTER TABLE competitions
  ADD COLUMN blind_review TINYINT(1) NOT NULL DEFAULT 0;

-- The compliance checklist: each item is checked by staff; `rule` names an
-- automatic check that shows what it found next to the item (param: the
-- months for org_age).
CREATE TABLE competition_checklist (
  id             BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  competition_id BIGINT UNSIGNED NOT NULL,
  sort           INT NOT NULL DEFAULT 0,
  text           VARCHAR(500) NOT NULL,
  rule           ENUM('none','charter','org_age','amount','cofin','budget_categories')
                 NOT NULL DEFAULT 'none',
  param          INT NOT NULL DEFAULT 0,
  KEY ix_checklist_comp (competition_id, sort),
  CONSTRAINT fk_checklist_comp FOREIGN KEY (competition_id) REFERENCES competitions(id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

-- Regulations, templates: PDF or DOCX (by content), stored like attachments.
CREATE TABLE competition_documents (
  id             BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  competition_id BIGINT UNSIGNED NOT NULL,
  title          VARCHAR(200) NOT NULL,
  orig_name      VARCHAR(255) NOT NULL,
  stored_name    CHAR(43) CHARACTER SET ascii NOT NULL,
  mime           VARCHAR(80) NOT NULL,
  size           BIGINT UNSIGNED NOT NULL,
  sha256         CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at     DATETIME NOT NULL,
  KEY ix_doc_comp (competition_id, id),
  CONSTRAINT fk_doc_comp FOREIGN KEY (competition_id) REFERENCES competitions(id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

-- The date of the organization's state registration (from its ОГРН
-- record), for the "registered at least N months" rule.
ALTER TABLE organizations ADD COLUMN registered_on DATE NULL;

-- Every receipt an application got: the first submission and each
-- resubmission after a return. projects keeps the latest; old ones stay
-- valid as history.
CREATE TABLE receipts (
  id           BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id   BIGINT UNSIGNED NOT NULL,
  number       VARCHAR(32) CHARACTER SET ascii NOT NULL,
  sha256       CHAR(64) CHARACTER SET ascii NOT NULL,
  frozen       MEDIUMTEXT NOT NULL,
  submitted_at DATETIME NOT NULL,
  KEY ix_receipts_project (project_id, id),
  CONSTRAINT fk_receipt_proj FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO receipts (project_id, number, sha256, frozen, submitted_at)
SELECT id, number, receipt_sha256, frozen, submitted_at FROM projects
WHERE receipt_sha256 IS NOT NULL AND frozen IS NOT NULL AND submitted_at IS NOT NULL
ORDER BY id;

-- The compliance check's decisions. items: the checklist item ids that
-- failed, comma-separated; due_at: when a returned application must be
-- resubmitted by.
CREATE TABLE compliance_decisions (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id  BIGINT UNSIGNED NOT NULL,
  decision    ENUM('admit','return','reject') NOT NULL,
  items       VARCHAR(1000) CHARACTER SET ascii NOT NULL DEFAULT '',
  comment     TEXT NOT NULL,
  due_at      DATETIME NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_decisions_project (project_id, id),
  CONSTRAINT fk_decision_proj FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE,
  CONSTRAINT fk_decision_user FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

ALTER TABLE projects ADD COLUMN return_due DATETIME NULL;

-- Internal notes of staff on an application, never shown to the applicant.
CREATE TABLE staff_notes (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id  BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  body        TEXT NOT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_notes_project (project_id, id),
  CONSTRAINT fk_note_proj FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE,
  CONSTRAINT fk_note_user FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

-- The audit chain: hash = SHA-256 over the previous entry's hash and this
-- entry's fields (grant/audit.c says exactly which); audit_head holds the
-- last entry, and appending locks its one row, so entries chain in order.
ALTER TABLE audit_log
  ADD COLUMN prev_hash CHAR(64) CHARACTER SET ascii NULL,
  ADD COLUMN hash      CHAR(64) CHARACTER SET ascii NULL;
CREATE TABLE audit_head (
  id       TINYINT UNSIGNED PRIMARY KEY,
  last_id  BIGINT UNSIGNED NOT NULL,
  hash     CHAR(64) CHARACTER SET ascii NOT NULL
) ENGINE=InnoDB;
INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, REPEAT('0', 64));
ALTER TABLE audit_log ADD KEY ix_audit_at (at, id);

-- Which alerts a staff user gets, and how: now (a mail each) or in one
-- daily digest. No row: the default of grant/alerts.c.
CREATE TABLE user_alerts (
  user_id  BIGINT UNSIGNED NOT NULL,
  kind     ENUM('submission','resubmission','overdue','moderation','deadline') NOT NULL,
  mode     ENUM('off','now','daily') NOT NULL,
  PRIMARY KEY (user_id, kind),
  CONSTRAINT fk_alert_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Alerts waiting for a user's daily digest (the mailer sends and marks them).
CREATE TABLE alert_digest (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id     BIGINT UNSIGNED NOT NULL,
  kind        VARCHAR(20) CHARACTER SET ascii NOT NULL,
  text        TEXT NOT NULL,
  created_at  DATETIME NOT NULL,
  sent_at     DATETIME NULL,
  KEY ix_digest_pending (sent_at, user_id, id),
  CONSTRAINT fk_digest_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Staff replies to ideas (sent by mail through the outbox).
CREATE TABLE idea_replies (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  idea_id     BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  body        TEXT NOT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_replies_idea (idea_id, id),
  CONSTRAINT fk_reply_idea FOREIGN KEY (idea_id) REFERENCES ideas(id) ON DELETE CASCADE,
  CONSTRAINT fk_reply_user FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

-- Registry filters and sorting at 10 000 applications.
ALTER TABLE projects
  ADD KEY ix_registry_status (status, submitted_at),
  ADD KEY ix_registry_comp (competition_id, status, submitted_at);
