-- 027_search_tokens.sql — the search index's filter tokens end with "_"
-- (_c4_, not _c4): in a query with a prefix word ("+школ* +_c4") Groonga
-- matched _c4 as a prefix too, so a search in competition 4 also found
-- competitions 40–49. grant/search.c writes the new form; every listed
-- project is re-indexed by the mailer (or `mailer --reindex`).
UPDATE projects SET search_stale = 1 WHERE listed = 1;
