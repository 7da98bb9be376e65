-- 019_comments.sql — comments on projects (issue 10): the moderation queue.
--
-- /staff/comments lists comments of one status newest first (the queue of
-- pending ones is the usual page): ix_comments_status serves it and the
-- counts per status; one project's comments keep ix_comments_project.
-- Who decided on a comment and when, shown in the queue (the audit chain
-- keeps every decision; these columns keep the last one for the list).
ALTER TABLE comments
  ADD COLUMN decided_by BIGINT UNSIGNED NULL,
  ADD COLUMN decided_at DATETIME NULL,
  ADD KEY ix_comments_status (status, id),
  ADD CONSTRAINT fk_comment_decider FOREIGN KEY (decided_by) REFERENCES users(id) ON DELETE SET NULL;
