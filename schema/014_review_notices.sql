-- 014_review_notices.sql — an expert is mailed when applications are given
-- to them (grant/review.c, gr_review_notify): one mail per expert for what
-- one change gave them. Assignments made before this are taken as told.
ALTER TABLE assignments ADD COLUMN notified_at DATETIME NULL;
UPDATE assignments SET notified_at = assigned_at;
