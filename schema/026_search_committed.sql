-- 026_search_committed.sql — the Mroonga index (024) written only from
-- committed rows. Mroonga tables are not transactional: written by the
-- triggers of 024, a change rolled back (a failed publication, a deadlock's
-- retry) stayed in the index, and a search filtered by competition showed
-- projects that were not in it. Now a change to what the index holds (the
-- text, the filters, whether listed) only marks the project stale, in the
-- same InnoDB transaction (rolled back with it); the re-indexer
-- (grant/search.c, the mailer daemon every second) writes the index from
-- the row as committed. Deleting a project still removes its entry at once.
DROP TRIGGER IF EXISTS trg_projects_search_ai;
DROP TRIGGER IF EXISTS trg_projects_search_au;
DROP TRIGGER IF EXISTS trg_projects_search_bu;
DROP PROCEDURE IF EXISTS project_search_put;

DELIMITER //
CREATE TRIGGER trg_projects_search_bu BEFORE UPDATE ON projects FOR EACH ROW
  FOLLOWS trg_projects_org_bu
  SET NEW.search_stale = NEW.search_stale
      OR NOT (BINARY NEW.title <=> BINARY OLD.title AND BINARY NEW.summary <=> BINARY OLD.summary
              AND BINARY NEW.org_name <=> BINARY OLD.org_name
              AND NEW.exhibit <=> OLD.exhibit AND NEW.municipality_id <=> OLD.municipality_id
              AND NEW.direction_id <=> OLD.direction_id
              AND NEW.competition_id <=> OLD.competition_id)//
DELIMITER ;

UPDATE projects SET search_stale = 1 WHERE listed = 1;
