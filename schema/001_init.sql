-- 001_init.sql — the core tables. Times are UTC (DATETIME), money is integer
-- kopecks (BIGINT), text is utf8mb4.

CREATE TABLE municipalities (
  id        INT UNSIGNED PRIMARY KEY,
  name      VARCHAR(100) NOT NULL,
  kind      ENUM('city','district') NOT NULL,
  sort      INT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_municipality_name (name)
) ENGINE=InnoDB;

CREATE TABLE directions (
  id        INT UNSIGNED PRIMARY KEY,
  name      VARCHAR(200) NOT NULL,
  sort      INT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_direction_name (name)
) ENGINE=InnoDB;

CREATE TABLE users (
  id            BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  email         VARCHAR(254) NOT NULL,
  password_hash VARCHAR(128) NOT NULL,
  name          VARCHAR(200) NOT NULL,
  phone         VARCHAR(40) NULL,
  created_at    DATETIME NOT NULL,
  confirmed_at  DATETIME NULL,
  disabled      TINYINT(1) NOT NULL DEFAULT 0,
  UNIQUE KEY uq_users_email (email)
) ENGINE=InnoDB;

CREATE TABLE user_roles (
  user_id   BIGINT UNSIGNED NOT NULL,
  role      ENUM('applicant','expert','staff','secretary','admin') NOT NULL,
  PRIMARY KEY (user_id, role),
  KEY ix_roles_role (role),
  CONSTRAINT fk_roles_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE sessions (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  token_hash  CHAR(64) CHARACTER SET ascii NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  csrf        CHAR(43) CHARACTER SET ascii NOT NULL,
  created_at  DATETIME NOT NULL,
  expires_at  DATETIME NOT NULL,
  ip          VARCHAR(64) NOT NULL DEFAULT '',
  UNIQUE KEY uq_sessions_token (token_hash),
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_expiry (expires_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- sliding-window counters for rate limits and login throttling
CREATE TABLE rate_events (
  id      BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  bucket  VARCHAR(160) CHARACTER SET ascii NOT NULL,
  at      DATETIME NOT NULL,
  KEY ix_rate_bucket_at (bucket, at),
  KEY ix_rate_at (at)
) ENGINE=InnoDB;

CREATE TABLE organizations (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  full_name       VARCHAR(500) NOT NULL,
  short_name      VARCHAR(200) NOT NULL,
  legal_form      VARCHAR(200) NOT NULL DEFAULT '',
  inn             CHAR(10) CHARACTER SET ascii NOT NULL,
  ogrn            CHAR(13) CHARACTER SET ascii NOT NULL,
  kpp             CHAR(9) CHARACTER SET ascii NOT NULL DEFAULT '',
  address         VARCHAR(500) NOT NULL DEFAULT '',
  municipality_id INT UNSIGNED NOT NULL,
  head_name       VARCHAR(200) NOT NULL DEFAULT '',
  head_position   VARCHAR(200) NOT NULL DEFAULT '',
  phone           VARCHAR(40) NOT NULL DEFAULT '',
  email           VARCHAR(254) NOT NULL DEFAULT '',
  website         VARCHAR(300) NOT NULL DEFAULT '',
  description     TEXT NULL,
  created_at      DATETIME NOT NULL,
  UNIQUE KEY uq_org_inn (inn),
  CONSTRAINT fk_org_muni FOREIGN KEY (municipality_id) REFERENCES municipalities(id)
) ENGINE=InnoDB;

CREATE TABLE org_members (
  org_id    BIGINT UNSIGNED NOT NULL,
  user_id   BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (org_id, user_id),
  KEY ix_member_user (user_id),
  CONSTRAINT fk_member_org FOREIGN KEY (org_id) REFERENCES organizations(id) ON DELETE CASCADE,
  CONSTRAINT fk_member_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE competitions (
  id                 BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  title              VARCHAR(300) NOT NULL,
  description        TEXT NOT NULL,
  stage              ENUM('draft','announced','intake','review','commission',
                          'results','reporting','closed') NOT NULL DEFAULT 'draft',
  fund_kopecks       BIGINT NOT NULL DEFAULT 0,
  min_grant_kopecks  BIGINT NOT NULL DEFAULT 0,
  max_grant_kopecks  BIGINT NOT NULL DEFAULT 0,
  cofin_min_pct      DECIMAL(5,2) NOT NULL DEFAULT 0,
  opens_at           DATETIME NOT NULL,
  closes_at          DATETIME NOT NULL,
  impl_start         DATE NULL,
  impl_end           DATE NULL,
  experts_per_app    TINYINT UNSIGNED NOT NULL DEFAULT 2,
  divergence         TINYINT UNSIGNED NOT NULL DEFAULT 30,
  created_at         DATETIME NOT NULL,
  KEY ix_comp_stage (stage, closes_at)
) ENGINE=InnoDB;

CREATE TABLE competition_directions (
  competition_id BIGINT UNSIGNED NOT NULL,
  direction_id   INT UNSIGNED NOT NULL,
  PRIMARY KEY (competition_id, direction_id),
  CONSTRAINT fk_cd_comp FOREIGN KEY (competition_id) REFERENCES competitions(id) ON DELETE CASCADE,
  CONSTRAINT fk_cd_dir FOREIGN KEY (direction_id) REFERENCES directions(id)
) ENGINE=InnoDB;

CREATE TABLE criteria (
  id             BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  competition_id BIGINT UNSIGNED NOT NULL,
  name           VARCHAR(300) NOT NULL,
  description    TEXT NULL,
  max_score      TINYINT UNSIGNED NOT NULL DEFAULT 10,
  weight         DECIMAL(4,2) NOT NULL DEFAULT 1,
  sort           INT NOT NULL DEFAULT 0,
  KEY ix_criteria_comp (competition_id, sort),
  CONSTRAINT fk_crit_comp FOREIGN KEY (competition_id) REFERENCES competitions(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- An application to a competition is a project; once admitted (and with the
-- NGO's consent) it is shown on the public exhibition. `exhibit` is the
-- public status, kept in step with `status` by the programs that move it.
CREATE TABLE projects (
  id                 BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  competition_id     BIGINT UNSIGNED NOT NULL,
  org_id             BIGINT UNSIGNED NOT NULL,
  direction_id       INT UNSIGNED NOT NULL,
  municipality_id    INT UNSIGNED NOT NULL,
  number             VARCHAR(32) CHARACTER SET ascii NULL,
  title              VARCHAR(300) NOT NULL,
  summary            TEXT NOT NULL,
  problem            TEXT NULL,
  goal               TEXT NULL,
  results            TEXT NULL,
  starts_on          DATE NULL,
  ends_on            DATE NULL,
  status             ENUM('draft','submitted','returned','admitted','rejected','scored',
                          'winner','not_winner','in_progress','completed','withdrawn')
                     NOT NULL DEFAULT 'draft',
  exhibit            ENUM('none','applicant','winner','completed') NOT NULL DEFAULT 'none',
  listed             TINYINT(1) AS (exhibit <> 'none') STORED,
  consent_publish    TINYINT(1) NOT NULL DEFAULT 0,
  requested_kopecks  BIGINT NOT NULL DEFAULT 0,
  cofin_kopecks      BIGINT NOT NULL DEFAULT 0,
  granted_kopecks    BIGINT NULL,
  score              DECIMAL(6,2) NULL,
  receipt_sha256     CHAR(64) CHARACTER SET ascii NULL,
  created_at         DATETIME NOT NULL,
  submitted_at       DATETIME NULL,
  updated_at         DATETIME NOT NULL,
  -- exhibition listing: each filter has an index that starts with it, goes
  -- on in id order and carries the other filter columns, so a page is found
  -- on one index alone, rows are read only for the page (cgi-bin/projects.c)
  KEY ix_list (listed, id, municipality_id, direction_id, competition_id, exhibit),
  KEY ix_list_muni (municipality_id, listed, id, direction_id, competition_id, exhibit),
  KEY ix_list_dir (direction_id, listed, id, municipality_id, competition_id, exhibit),
  KEY ix_list_comp (competition_id, listed, id, municipality_id, direction_id, exhibit),
  KEY ix_exhibit (exhibit, id, municipality_id, direction_id, competition_id),
  KEY ix_proj_org (org_id),
  UNIQUE KEY uq_proj_number (number),
  CONSTRAINT fk_proj_comp FOREIGN KEY (competition_id) REFERENCES competitions(id),
  CONSTRAINT fk_proj_org FOREIGN KEY (org_id) REFERENCES organizations(id),
  CONSTRAINT fk_proj_dir FOREIGN KEY (direction_id) REFERENCES directions(id),
  CONSTRAINT fk_proj_muni FOREIGN KEY (municipality_id) REFERENCES municipalities(id)
) ENGINE=InnoDB;

CREATE TABLE comments (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id  BIGINT UNSIGNED NOT NULL,
  author_name VARCHAR(100) NOT NULL,
  email       VARCHAR(254) NOT NULL,
  body        TEXT NOT NULL,
  status      ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
  created_at  DATETIME NOT NULL,
  ip          VARCHAR(64) NOT NULL DEFAULT '',
  KEY ix_comments_project (project_id, status, id),
  CONSTRAINT fk_comment_proj FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE ideas (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  name            VARCHAR(100) NOT NULL,
  email           VARCHAR(254) NOT NULL,
  municipality_id INT UNSIGNED NULL,
  body            TEXT NOT NULL,
  status          ENUM('new','read','answered','spam') NOT NULL DEFAULT 'new',
  created_at      DATETIME NOT NULL,
  ip              VARCHAR(64) NOT NULL DEFAULT '',
  KEY ix_ideas_status (status, id),
  CONSTRAINT fk_idea_muni FOREIGN KEY (municipality_id) REFERENCES municipalities(id)
) ENGINE=InnoDB;

CREATE TABLE news (
  id           BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  title        VARCHAR(300) NOT NULL,
  summary      TEXT NOT NULL,
  body         MEDIUMTEXT NOT NULL,
  published_at DATETIME NULL,
  created_at   DATETIME NOT NULL,
  KEY ix_news_published (published_at)
) ENGINE=InnoDB;

CREATE TABLE resource_centres (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  municipality_id INT UNSIGNED NOT NULL,
  name            VARCHAR(300) NOT NULL,
  address         VARCHAR(500) NOT NULL DEFAULT '',
  phone           VARCHAR(40) NOT NULL DEFAULT '',
  email           VARCHAR(254) NOT NULL DEFAULT '',
  KEY ix_rc_muni (municipality_id),
  CONSTRAINT fk_rc_muni FOREIGN KEY (municipality_id) REFERENCES municipalities(id)
) ENGINE=InnoDB;

CREATE TABLE outbox (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  to_addr         VARCHAR(254) NOT NULL,
  subject         VARCHAR(500) NOT NULL,
  body            MEDIUMTEXT NOT NULL,
  status          ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts        INT NOT NULL DEFAULT 0,
  created_at      DATETIME NOT NULL,
  next_attempt_at DATETIME NOT NULL,
  claimed_until   DATETIME NULL,
  sent_at         DATETIME NULL,
  last_error      VARCHAR(300) NULL,
  KEY ix_outbox_due (status, next_attempt_at)
) ENGINE=InnoDB;

-- append-only: the programs' account has INSERT and SELECT only here
CREATE TABLE audit_log (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME NOT NULL,
  user_id     BIGINT UNSIGNED NULL,
  object_type VARCHAR(40) NOT NULL,
  object_id   BIGINT UNSIGNED NOT NULL,
  action      VARCHAR(40) NOT NULL,
  from_state  VARCHAR(40) NULL,
  to_state    VARCHAR(40) NULL,
  reason      TEXT NULL,
  ip          VARCHAR(64) NOT NULL DEFAULT '',
  KEY ix_audit_object (object_type, object_id, id)
) ENGINE=InnoDB;

-- Counts of listed projects for every combination of the exhibition's
-- filters, 0 (or 'all') standing for "any", kept by triggers: the listing's
-- total is one primary-key lookup instead of a count over a million rows.
CREATE TABLE exhibit_stats (
  competition_id  BIGINT UNSIGNED NOT NULL,
  direction_id    INT UNSIGNED NOT NULL,
  municipality_id INT UNSIGNED NOT NULL,
  exhibit         VARCHAR(10) CHARACTER SET ascii NOT NULL,
  n               BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (competition_id, direction_id, municipality_id, exhibit)
) ENGINE=InnoDB;

DELIMITER //
CREATE PROCEDURE exhibit_count(c BIGINT UNSIGNED, d INT UNSIGNED, m INT UNSIGNED,
                               e VARCHAR(10), delta INT)
BEGIN
  IF e <> 'none' THEN
    INSERT INTO exhibit_stats (competition_id, direction_id, municipality_id, exhibit, n)
    SELECT a.c, b.d, x.m, y.e, delta
    FROM (SELECT c AS c UNION ALL SELECT 0) a
    CROSS JOIN (SELECT d AS d UNION ALL SELECT 0) b
    CROSS JOIN (SELECT m AS m UNION ALL SELECT 0) x
    CROSS JOIN (SELECT e AS e UNION ALL SELECT 'all') y
    WHERE TRUE  -- so that ON below is not read as a join condition
    ON DUPLICATE KEY UPDATE n = n + delta;
  END IF;
END//

CREATE TRIGGER trg_projects_ai AFTER INSERT ON projects FOR EACH ROW
  CALL exhibit_count(NEW.competition_id, NEW.direction_id, NEW.municipality_id, NEW.exhibit, 1)//

CREATE TRIGGER trg_projects_ad AFTER DELETE ON projects FOR EACH ROW
  CALL exhibit_count(OLD.competition_id, OLD.direction_id, OLD.municipality_id, OLD.exhibit, -1)//

CREATE TRIGGER trg_projects_au AFTER UPDATE ON projects FOR EACH ROW
BEGIN
  IF NOT (OLD.competition_id <=> NEW.competition_id AND OLD.direction_id <=> NEW.direction_id
          AND OLD.municipality_id <=> NEW.municipality_id AND OLD.exhibit <=> NEW.exhibit) THEN
    CALL exhibit_count(OLD.competition_id, OLD.direction_id, OLD.municipality_id, OLD.exhibit, -1);
    CALL exhibit_count(NEW.competition_id, NEW.direction_id, NEW.municipality_id, NEW.exhibit, 1);
  END IF;
END//
DELIMITER ;
