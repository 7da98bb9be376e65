-- 005_list_pairs.sql — the exhibition's two most selective filters together
-- (municipality and direction, with and without the status): a page filtered
-- by both is read on one index in id order, instead of walking the
-- municipality's index and dropping 12 of every 13 entries (38 of 39 with a
-- status). cgi-bin/projects.c names these indexes in its page statements.
ALTER TABLE projects
  ADD KEY ix_list_md (municipality_id, direction_id, listed, id, competition_id, exhibit),
  ADD KEY ix_list_mde (municipality_id, direction_id, exhibit, listed, id, competition_id);
