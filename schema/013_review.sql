-- 013_review.sql — expert review, the commission and published results.
-- The rules that read and write these tables are in cgi-bin/grant/review.c.

-- The experts' deadline (reminders are mailed before it) and when the
-- results were published (the public «Итоги» pages list a competition from
-- then on).
ALTER TABLE competitions
  ADD COLUMN review_due DATETIME NULL,
  ADD COLUMN published_at DATETIME NULL,
  ADD KEY ix_comp_published (published_at);

-- An expert's profile: what they know and whom they belong to.
CREATE TABLE expert_profiles (
  user_id     BIGINT UNSIGNED PRIMARY KEY,
  about       TEXT NULL,              -- education, experience, in their words
  updated_at  DATETIME NOT NULL,
  CONSTRAINT fk_ep_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The directions an expert is competent in (assignment prefers a match).
CREATE TABLE expert_directions (
  user_id       BIGINT UNSIGNED NOT NULL,
  direction_id  INT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, direction_id),
  CONSTRAINT fk_ed_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
  CONSTRAINT fk_ed_dir FOREIGN KEY (direction_id) REFERENCES directions(id)
) ENGINE=InnoDB;

-- Organizations an expert belongs to or worked for: an application of an
-- organization with one of these ИНН is never assigned to the expert.
CREATE TABLE expert_orgs (
  id        BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id   BIGINT UNSIGNED NOT NULL,
  inn       VARCHAR(12) CHARACTER SET ascii NOT NULL,
  name      VARCHAR(300) NOT NULL,
  relation  VARCHAR(200) NOT NULL DEFAULT '',   -- «член правления, 2019–2023»
  KEY ix_eo_user (user_id),
  KEY ix_eo_inn (inn, user_id),
  CONSTRAINT fk_eo_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The experts of a competition (its pool): staff add them; assignment
-- picks from them.
CREATE TABLE competition_experts (
  competition_id  BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  added_at        DATETIME NOT NULL,
  PRIMARY KEY (competition_id, user_id),
  KEY ix_ce_user (user_id),
  CONSTRAINT fk_ce_comp FOREIGN KEY (competition_id) REFERENCES competitions(id) ON DELETE CASCADE,
  CONSTRAINT fk_ce_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- An application given to an expert. `state`: assigned (to do), declined
-- (the expert declared a conflict of interest), removed (by staff),
-- submitted (scored; read-only from then on). One row per expert and
-- application: a removed expert added back gets the row back.
CREATE TABLE assignments (
  id               BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  competition_id   BIGINT UNSIGNED NOT NULL,
  project_id       BIGINT UNSIGNED NOT NULL,
  expert_id        BIGINT UNSIGNED NOT NULL,
  origin           ENUM('auto','manual','divergence') NOT NULL,
  state            ENUM('assigned','declined','removed','submitted') NOT NULL DEFAULT 'assigned',
  assigned_at      DATETIME NOT NULL,
  assigned_by      BIGINT UNSIGNED NULL,          -- NULL: the system
  declared_at      DATETIME NULL,                 -- "no conflict of interest"
  declined_at      DATETIME NULL,
  decline_reason   TEXT NULL,
  saved_at         DATETIME NULL,                 -- last draft save
  submitted_at     DATETIME NULL,
  overall_comment  TEXT NULL,
  total            DECIMAL(6,2) NULL,             -- 0..100, set at submission
  reminded_at      DATETIME NULL,                 -- the deadline reminder went out
  UNIQUE KEY uq_assign (project_id, expert_id),
  KEY ix_assign_expert (expert_id, state),
  KEY ix_assign_comp (competition_id, state),
  CONSTRAINT fk_as_comp FOREIGN KEY (competition_id) REFERENCES competitions(id),
  CONSTRAINT fk_as_proj FOREIGN KEY (project_id) REFERENCES projects(id),
  CONSTRAINT fk_as_user FOREIGN KEY (expert_id) REFERENCES users(id)
) ENGINE=InnoDB;

-- An expert's score of one criterion with its comment (a draft until the
-- assignment is submitted).
CREATE TABLE scores (
  assignment_id  BIGINT UNSIGNED NOT NULL,
  criterion_id   BIGINT UNSIGNED NOT NULL,
  score          TINYINT UNSIGNED NULL,
  comment        TEXT NULL,
  PRIMARY KEY (assignment_id, criterion_id),
  CONSTRAINT fk_sc_assign FOREIGN KEY (assignment_id) REFERENCES assignments(id) ON DELETE CASCADE,
  CONSTRAINT fk_sc_crit FOREIGN KEY (criterion_id) REFERENCES criteria(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The secretary's marks before the decision is published: winner or not,
-- and the amount granted.
CREATE TABLE commission_marks (
  project_id       BIGINT UNSIGNED PRIMARY KEY,
  competition_id   BIGINT UNSIGNED NOT NULL,
  winner           TINYINT(1) NOT NULL DEFAULT 0,
  granted_kopecks  BIGINT NULL,
  updated_at       DATETIME NOT NULL,
  updated_by       BIGINT UNSIGNED NOT NULL,
  KEY ix_cm_comp (competition_id, winner),
  CONSTRAINT fk_cm_proj FOREIGN KEY (project_id) REFERENCES projects(id),
  CONSTRAINT fk_cm_comp FOREIGN KEY (competition_id) REFERENCES competitions(id)
) ENGINE=InnoDB;

-- The commission's decision: one per competition.
CREATE TABLE commission_decisions (
  competition_id   BIGINT UNSIGNED PRIMARY KEY,
  decided_on       DATE NOT NULL,
  protocol_number  VARCHAR(50) NOT NULL,
  members          TEXT NOT NULL,                 -- present members, one per line
  recorded_at      DATETIME NOT NULL,
  recorded_by      BIGINT UNSIGNED NOT NULL,
  CONSTRAINT fk_cdn_comp FOREIGN KEY (competition_id) REFERENCES competitions(id)
) ENGINE=InnoDB;

-- The score and rank on the exhibition and in «Итоги» come from
-- projects.score (set when an application is scored) and
-- projects.granted_kopecks (set at publication).

-- The staff alerts of the review (grant/alerts.c): scores that diverge, an
-- expert who declined an application.
ALTER TABLE user_alerts
  MODIFY kind ENUM('submission','resubmission','overdue','moderation','deadline',
                   'divergence','declined') NOT NULL;
