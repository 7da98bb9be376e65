-- 025_stats_nulls.sql — project_stats_count (023) for a project without a
-- direction or a municipality (a draft may have none; a status changed by
-- hand, or a path that skips the form's checks, must not fail on it): such
-- a project counts only in the rows for "any" direction or municipality (0),
-- never under a NULL key, and never twice in them.
DROP PROCEDURE IF EXISTS project_stats_count;
DELIMITER //
CREATE PROCEDURE project_stats_count(c BIGINT UNSIGNED, d INT UNSIGNED, m INT UNSIGNED,
                                     s VARCHAR(20), g BIGINT, delta INT)
BEGIN
  DECLARE win INT DEFAULT s IN ('winner', 'in_progress', 'completed');
  IF s NOT IN ('draft', 'withdrawn') THEN
    INSERT INTO project_stats (competition_id, direction_id, municipality_id, applications, winners,
                               granted_kopecks)
    SELECT c, b.d, x.m, delta, delta * win, delta * win * COALESCE(g, 0)
    FROM (SELECT d AS d UNION SELECT 0) b CROSS JOIN (SELECT m AS m UNION SELECT 0) x
    WHERE b.d IS NOT NULL AND x.m IS NOT NULL
    ON DUPLICATE KEY UPDATE applications = applications + delta, winners = winners + delta * win,
                            granted_kopecks = granted_kopecks + delta * win * COALESCE(g, 0);
  END IF;
END//
DELIMITER ;
