-- 012_people.sql — what the mailer's scheduled staff alerts remember, and
-- the day the daily digest last went out.

-- The return_due a returned application's "overdue" alert was sent for:
-- sent once per due date (a new return with a new date alerts again).
ALTER TABLE projects ADD COLUMN overdue_alerted_for DATETIME NULL;

-- The closes_at a competition's "deadline coming" alert was sent for: once
-- per deadline (a moved deadline alerts again).
ALTER TABLE competitions ADD COLUMN deadline_alerted_for DATETIME NULL;

-- Jobs the mailer runs once a day (the staff digest): the Moscow day each
-- last ran. A mailer claims a day with an UPDATE of its row, so several
-- mailers (app hosts) or a restart run it once.
CREATE TABLE mailer_jobs (
  name      VARCHAR(40) CHARACTER SET ascii PRIMARY KEY,
  last_day  DATE NOT NULL
) ENGINE=InnoDB;
INSERT INTO mailer_jobs (name, last_day) VALUES ('digest', '2000-01-01');
