-- 006_comment_counts.sql — each project keeps the number of its approved
-- comments, kept by triggers like exhibit_stats: the project page reads its
-- comments only when there are some (most projects have none), so the
-- usual page is one statement. (A comment deleted with its project by the
-- foreign key's cascade fires no trigger; its project is gone with it.)
ALTER TABLE projects ADD COLUMN comments_approved INT UNSIGNED NOT NULL DEFAULT 0;

UPDATE projects p
  JOIN (SELECT project_id, COUNT(*) AS n FROM comments WHERE status = 'approved'
        GROUP BY project_id) c ON c.project_id = p.id
   SET p.comments_approved = c.n;

DELIMITER //
CREATE TRIGGER trg_comments_ai AFTER INSERT ON comments FOR EACH ROW
BEGIN
  IF NEW.status = 'approved' THEN
    UPDATE projects SET comments_approved = comments_approved + 1 WHERE id = NEW.project_id;
  END IF;
END//

CREATE TRIGGER trg_comments_ad AFTER DELETE ON comments FOR EACH ROW
BEGIN
  IF OLD.status = 'approved' THEN
    UPDATE projects SET comments_approved = comments_approved - 1 WHERE id = OLD.project_id;
  END IF;
END//

CREATE TRIGGER trg_comments_au AFTER UPDATE ON comments FOR EACH ROW
BEGIN
  IF OLD.status = 'approved' AND NOT (NEW.status = 'approved' AND NEW.project_id = OLD.project_id) THEN
    UPDATE projects SET comments_approved = comments_approved - 1 WHERE id = OLD.project_id;
  END IF;
  IF NEW.status = 'approved' AND NOT (OLD.status = 'approved' AND NEW.project_id = OLD.project_id) THEN
    UPDATE projects SET comments_approved = comments_approved + 1 WHERE id = NEW.project_id;
  END IF;
END//
DELIMITER ;
