-- 018_search.sql — search on the exhibition (cgi-bin/projects.c, ?q=).
--
-- search_text holds the Snowball stems of a project's title (twice: a
-- match in the title weighs more), its organization's name and its
-- summary, made by gf_stem_text (cgi-bin/lib/stem.c); a FULLTEXT index over
-- it is queried IN BOOLEAN MODE with each stemmed query word required and
-- as a prefix («школ*» finds «школьник»), ranked by MATCH's score.
--
-- Stemming is C (libstemmer), so the database cannot do it itself. Why a
-- flag kept by a trigger rather than a call at each place that writes:
-- those columns change in many places — the card section's save, a
-- project's move to another organization, an organization's rename copied
-- into all its projects by a trigger (007), demo and bench data loaded as
-- SQL, and whatever is added later. A trigger sees every one of them, so
-- nothing can be forgotten: any change of title, summary or org_name sets
-- search_stale (a new row starts stale), and the mailer daemon re-stems
-- stale rows every second (grant/search.c, gr_search_reindex); `mailer
-- --reindex` does all of them at once (the stack after loading demo data,
-- the bench generator). A project is searchable within a second or two of
-- a change, which the public pages' own 5 s cache already exceeds.
--
-- The server must index two-letter stems and keep no stop word list (the
-- function words are dropped by gf_stem_text, in Russian): the local stack
-- starts MariaDB with innodb_ft_min_token_size = 2 and
-- innodb_ft_enable_stopword = OFF (conf/stack.sh; see README, Installing).
ALTER TABLE projects
  ADD COLUMN search_text MEDIUMTEXT NOT NULL DEFAULT '',
  ADD COLUMN search_stale TINYINT(1) NOT NULL DEFAULT 1,
  ADD KEY ix_search_stale (search_stale),
  ADD FULLTEXT KEY ft_search (search_text);

DELIMITER //
-- after trg_projects_org_bu, which may have set a new org_name; BINARY: a
-- change of a letter's case or of ё/е also re-stems (harmless, and exact)
CREATE TRIGGER trg_projects_search_bu BEFORE UPDATE ON projects FOR EACH ROW
  FOLLOWS trg_projects_org_bu
  SET NEW.search_stale = NEW.search_stale
      OR NOT (BINARY NEW.title <=> BINARY OLD.title AND BINARY NEW.summary <=> BINARY OLD.summary
              AND BINARY NEW.org_name <=> BINARY OLD.org_name)//
DELIMITER ;
