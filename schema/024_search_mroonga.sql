-- 024_search_mroonga.sql — the exhibition's search index in Mroonga.
--
-- Why: InnoDB's FULLTEXT (018) costs ~10 µs for each matching document,
-- so at 200 000 projects a word in a tenth of them took ~0.25 s for the
-- count and as much again for the ranked page, a word in all of them 3 s.
-- Groonga (Mroonga's engine) counts a posting list in milliseconds:
-- measured at 200 000 projects, the count and the first 200 ranked ids
-- together 30 ms for the tenth, 18 ms with a municipality, 8 ms for a
-- rare word, 0.2 s for a word in all (tests/bench/bench.sh, search-cold).
--
-- project_search holds only listed projects, one row each, copied from
-- projects.search_text (still made by the mailer from the stale flag of
-- 018, grant/search.c), which is now the title's stems, a line break, the
-- organization name's and summary's stems: title_text the first line,
-- body_text the second followed by one token per filter value —
--   _m<municipality_id> _d<direction_id> _c<competition_id> _s<exhibit>
-- so that a filtered search is one MATCH as well ("+школ* +_m5"): Mroonga
-- counts and sorts in Groonga only when MATCH is the whole condition,
-- otherwise every match goes through the server row by row. Stems hold
-- only letters and digits, so no stem is, or is a prefix of, such a token.
-- The text is already words separated by spaces in their final form:
-- split on spaces, no normalizer. Ranking (projects.c): by the score of
-- the words in the title alone (ft_title), then in both, then the newest:
-- every title match ranks first. (Groonga gives a prefix query one point
-- per matching word form and section, and its section weights, the "*W"
-- pragma, do not apply to prefixes: hence the second index.)
--
-- The rows are kept by triggers on projects, whatever changes the text,
-- the filters or the listing; the table is not transactional, so a change
-- rolled back stays here until the project's next change (a project no
-- longer listed is left out of the result rows by projects.c anyway).
--
-- The server must load the plugin (Debian mariadb-plugin-mroonga;
-- `plugin_load_add = ha_mroonga`, as conf/stack.sh does).
CREATE TABLE project_search (
  project_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  title_text TEXT NOT NULL,
  body_text MEDIUMTEXT NOT NULL,
  FULLTEXT KEY ft_search (title_text, body_text)
    COMMENT 'tokenizer "TokenDelimit", normalizer "none"',
  FULLTEXT KEY ft_title (title_text) COMMENT 'tokenizer "TokenDelimit", normalizer "none"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 018's InnoDB index is read no more; every project is stemmed again in
-- the new form (the mailer, within seconds; `mailer --reindex` at once),
-- which fills project_search through the triggers below
ALTER TABLE projects DROP INDEX ft_search;
UPDATE projects SET search_stale = 1;

DELIMITER //
-- one project's row as it should be now
CREATE PROCEDURE project_search_put(pid BIGINT UNSIGNED, is_listed TINYINT, stems MEDIUMTEXT,
                                    muni INT UNSIGNED, dir INT UNSIGNED, comp BIGINT UNSIGNED,
                                    status VARCHAR(16))
BEGIN
  IF is_listed AND stems <> '' THEN
    REPLACE INTO project_search (project_id, title_text, body_text)
      VALUES (pid, SUBSTRING_INDEX(stems, '\n', 1),
              CONCAT(IF(LOCATE('\n', stems), SUBSTRING_INDEX(stems, '\n', -1), ''),
                     ' _m', COALESCE(muni, 0), ' _d', COALESCE(dir, 0),
                     ' _c', comp, ' _s', status));
  ELSE
    DELETE FROM project_search WHERE project_id = pid;
  END IF;
END//

CREATE TRIGGER trg_projects_search_ai AFTER INSERT ON projects FOR EACH ROW
BEGIN
  IF NEW.listed AND NEW.search_text <> '' THEN
    CALL project_search_put(NEW.id, NEW.listed, NEW.search_text, NEW.municipality_id,
                            NEW.direction_id, NEW.competition_id, NEW.exhibit);
  END IF;
END//

CREATE TRIGGER trg_projects_search_au AFTER UPDATE ON projects FOR EACH ROW
BEGIN
  IF NOT (BINARY NEW.search_text <=> BINARY OLD.search_text AND NEW.listed <=> OLD.listed
          AND NEW.municipality_id <=> OLD.municipality_id AND NEW.direction_id <=> OLD.direction_id
          AND NEW.competition_id <=> OLD.competition_id AND NEW.exhibit <=> OLD.exhibit) THEN
    CALL project_search_put(NEW.id, NEW.listed, NEW.search_text, NEW.municipality_id,
                            NEW.direction_id, NEW.competition_id, NEW.exhibit);
  END IF;
END//

CREATE TRIGGER trg_projects_search_ad AFTER DELETE ON projects FOR EACH ROW
  DELETE FROM project_search WHERE project_id = OLD.id//
DELIMITER ;
