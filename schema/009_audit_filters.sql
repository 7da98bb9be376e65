-- 009_audit_filters.sql — /staff/audit filters the log by user, action or
-- kind of object and lists it newest first (at, id) a page at a time: one
-- index per filter that goes on in that order, so that a page reads its
-- rows and stops, at millions of entries. (By object: ix_audit_object; by
-- period alone: ix_audit_at.)
ALTER TABLE audit_log
  ADD KEY ix_audit_user (user_id, at, id),
  ADD KEY ix_audit_action (action, at, id),
  ADD KEY ix_audit_type (object_type, at, id);
