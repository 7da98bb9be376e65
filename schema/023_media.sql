-- 023_media.sql — the public site's statistics and the projects' media.
--
-- project_stats: applications, winners and granted kopecks per competition,
-- direction and municipality, kept by triggers like exhibit_stats (001). At
-- 1 000 000 projects a GROUP BY over projects per request (or per /stats
-- page cached for seconds) reads the whole table; the summary has at most
-- competitions × directions × municipalities rows (a few thousand), so
-- /stats groups those instead. Triggers rather than a refresh by the mailer
-- daemon: the numbers are exact at every commit (a decision published is on
-- /stats at once, tests can compare with SQL), the cost is one upsert of one
-- row when a project is inserted or its status, grant or place changes — a
-- few per application over its life — and nothing runs when nothing changes.
-- Applications count what was submitted (any status but 'draft' and
-- 'withdrawn'); winners are 'winner', 'in_progress', 'completed'; granted is
-- granted_kopecks of winners.
CREATE TABLE project_stats (
  competition_id  BIGINT UNSIGNED NOT NULL,
  direction_id    INT UNSIGNED NOT NULL,
  municipality_id INT UNSIGNED NOT NULL,
  applications    BIGINT NOT NULL DEFAULT 0,
  winners         BIGINT NOT NULL DEFAULT 0,
  granted_kopecks BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (competition_id, direction_id, municipality_id)
) ENGINE=InnoDB;

-- besides each (competition, direction, municipality), the rows with 0 for
-- "any" direction and/or municipality (as exhibit_stats keeps them): the page's
-- grouping by municipality reads only a competition's direction-0 rows, by
-- direction its municipality-0 rows, by year the rows with both 0
INSERT INTO project_stats (competition_id, direction_id, municipality_id, applications, winners,
                           granted_kopecks)
SELECT competition_id, d, m, COUNT(*), SUM(status IN ('winner', 'in_progress', 'completed')),
       SUM(IF(status IN ('winner', 'in_progress', 'completed'), COALESCE(granted_kopecks, 0), 0))
FROM (SELECT p.competition_id, p.status, p.granted_kopecks,
             IF(k.any_d, 0, p.direction_id) AS d, IF(k.any_m, 0, p.municipality_id) AS m
      FROM projects p
      CROSS JOIN (SELECT 0 AS any_d, 0 AS any_m UNION ALL SELECT 1, 0 UNION ALL SELECT 0, 1
                  UNION ALL SELECT 1, 1) k
      WHERE p.status NOT IN ('draft', 'withdrawn')) x
GROUP BY competition_id, d, m;

DELIMITER //
CREATE PROCEDURE project_stats_count(c BIGINT UNSIGNED, d INT UNSIGNED, m INT UNSIGNED,
                                     s VARCHAR(20), g BIGINT, delta INT)
BEGIN
  DECLARE win INT DEFAULT s IN ('winner', 'in_progress', 'completed');
  IF s NOT IN ('draft', 'withdrawn') THEN
    INSERT INTO project_stats (competition_id, direction_id, municipality_id, applications, winners,
                               granted_kopecks)
    SELECT c, b.d, x.m, delta, delta * win, delta * win * COALESCE(g, 0)
    FROM (SELECT d AS d UNION ALL SELECT 0) b CROSS JOIN (SELECT m AS m UNION ALL SELECT 0) x
    WHERE TRUE  -- so that ON below is not read as a join condition
    ON DUPLICATE KEY UPDATE applications = applications + delta, winners = winners + delta * win,
                            granted_kopecks = granted_kopecks + delta * win * COALESCE(g, 0);
  END IF;
END//

CREATE TRIGGER trg_projects_stats_ai AFTER INSERT ON projects FOR EACH ROW
  CALL project_stats_count(NEW.competition_id, NEW.direction_id, NEW.municipality_id, NEW.status,
                           NEW.granted_kopecks, 1)//

CREATE TRIGGER trg_projects_stats_ad AFTER DELETE ON projects FOR EACH ROW
  CALL project_stats_count(OLD.competition_id, OLD.direction_id, OLD.municipality_id, OLD.status,
                           OLD.granted_kopecks, -1)//

CREATE TRIGGER trg_projects_stats_au AFTER UPDATE ON projects FOR EACH ROW
BEGIN
  IF NOT (OLD.competition_id <=> NEW.competition_id AND OLD.direction_id <=> NEW.direction_id
          AND OLD.municipality_id <=> NEW.municipality_id AND OLD.status <=> NEW.status
          AND OLD.granted_kopecks <=> NEW.granted_kopecks) THEN
    CALL project_stats_count(OLD.competition_id, OLD.direction_id, OLD.municipality_id, OLD.status,
                             OLD.granted_kopecks, -1);
    CALL project_stats_count(NEW.competition_id, NEW.direction_id, NEW.municipality_id, NEW.status,
                             NEW.granted_kopecks, 1);
  END IF;
END//
DELIMITER ;

-- Photos and handouts of a project on the exhibition (cgi-bin/project_media.c).
-- A photo is stored re-encoded as JPEG without metadata (EXIF GPS included),
-- at most Media.PhotoSide pixels a side, with a thumbnail; its title is the
-- caption and the alt text. A handout is a PDF kept as uploaded.
CREATE TABLE project_media (
  id           BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id   BIGINT UNSIGNED NOT NULL,
  kind         ENUM('photo','handout') NOT NULL,
  title        VARCHAR(300) NOT NULL,
  orig_name    VARCHAR(255) NOT NULL,
  stored_name  VARCHAR(64) CHARACTER SET ascii NOT NULL,
  thumb_name   VARCHAR(64) CHARACTER SET ascii NULL,
  mime         VARCHAR(80) CHARACTER SET ascii NOT NULL,
  size         BIGINT NOT NULL,
  width        INT UNSIGNED NULL,
  height       INT UNSIGNED NULL,
  thumb_width  INT UNSIGNED NULL,
  thumb_height INT UNSIGNED NULL,
  created_at   DATETIME NOT NULL,
  KEY ix_media_project (project_id, kind, id),
  CONSTRAINT fk_media_project FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- each project keeps the number of its media, kept by triggers like
-- comments_approved (006): the project page reads them only when there are some
ALTER TABLE projects ADD COLUMN media_count INT UNSIGNED NOT NULL DEFAULT 0;

CREATE TRIGGER trg_media_ai AFTER INSERT ON project_media FOR EACH ROW
  UPDATE projects SET media_count = media_count + 1 WHERE id = NEW.project_id;

CREATE TRIGGER trg_media_ad AFTER DELETE ON project_media FOR EACH ROW
  UPDATE projects SET media_count = media_count - 1 WHERE id = OLD.project_id;
