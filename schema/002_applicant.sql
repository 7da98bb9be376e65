-- 002_applicant.sql — the NGO side: registration tokens, application
-- sections kept as drafts, budget categories and limits per competition,
-- attachments, the frozen submitted content.

-- one-time links sent by email: confirm a registration, reset a password,
-- confirm a new email address, join an organization; only hashes are kept
CREATE TABLE email_tokens (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  token_hash  CHAR(64) CHARACTER SET ascii NOT NULL,
  purpose     ENUM('confirm','reset','email','invite') NOT NULL,
  user_id     BIGINT UNSIGNED NULL,
  org_id      BIGINT UNSIGNED NULL,
  email       VARCHAR(254) NULL,
  created_at  DATETIME NOT NULL,
  expires_at  DATETIME NOT NULL,
  used_at     DATETIME NULL,
  UNIQUE KEY uq_token_hash (token_hash),
  KEY ix_token_user (user_id),
  CONSTRAINT fk_token_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
  CONSTRAINT fk_token_org FOREIGN KEY (org_id) REFERENCES organizations(id) ON DELETE CASCADE
) ENGINE=InnoDB;

ALTER TABLE users ADD COLUMN consent_at DATETIME NULL;

-- limits of the application form are settings of the competition
ALTER TABLE competitions
  ADD COLUMN apps_per_org  TINYINT UNSIGNED NOT NULL DEFAULT 1,
  ADD COLUMN title_max     INT UNSIGNED NOT NULL DEFAULT 300,
  ADD COLUMN summary_max   INT UNSIGNED NOT NULL DEFAULT 1000,
  ADD COLUMN problem_max   INT UNSIGNED NOT NULL DEFAULT 5000,
  ADD COLUMN max_months    INT UNSIGNED NOT NULL DEFAULT 18;

CREATE TABLE budget_categories (
  id             INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  competition_id BIGINT UNSIGNED NOT NULL,
  code           TINYINT UNSIGNED NOT NULL,
  name           VARCHAR(200) NOT NULL,
  UNIQUE KEY uq_budget_cat (competition_id, code),
  CONSTRAINT fk_budcat_comp FOREIGN KEY (competition_id) REFERENCES competitions(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- a draft has no direction or municipality yet
ALTER TABLE projects
  MODIFY direction_id INT UNSIGNED NULL,
  MODIFY municipality_id INT UNSIGNED NULL,
  ADD COLUMN frozen MEDIUMTEXT NULL,
  ADD COLUMN withdrawn_at DATETIME NULL;

-- Each section of an application as the NGO last saved it (HDF text, valid
-- or not, so nothing typed is lost), with a version against lost updates.
CREATE TABLE application_sections (
  project_id  BIGINT UNSIGNED NOT NULL,
  section     ENUM('card','team','plan','budget','files','consent') NOT NULL,
  data        MEDIUMTEXT NOT NULL,
  valid       TINYINT(1) NOT NULL DEFAULT 0,
  version     INT UNSIGNED NOT NULL DEFAULT 1,
  saved_at    DATETIME NOT NULL,
  PRIMARY KEY (project_id, section),
  CONSTRAINT fk_section_proj FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE attachments (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id  BIGINT UNSIGNED NOT NULL,
  kind        VARCHAR(40) NOT NULL,
  orig_name   VARCHAR(255) NOT NULL,
  stored_name CHAR(43) CHARACTER SET ascii NOT NULL,
  mime        VARCHAR(40) NOT NULL,
  size        BIGINT UNSIGNED NOT NULL,
  sha256      CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_att_project (project_id),
  CONSTRAINT fk_att_proj FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE
) ENGINE=InnoDB;
