-- 020_centres.sql — NGO resource centres and consultation requests (issue 10).
--
-- A centre (001's resource_centres) gains what its public card shows: hours,
-- services, a website, and whether it is shown at all (staff hide a centre
-- instead of deleting it: its requests keep their centre). The directory
-- lists the shown ones by municipality (ix_rc_active).
ALTER TABLE resource_centres
  ADD COLUMN hours      VARCHAR(300)  NOT NULL DEFAULT '',
  ADD COLUMN services   VARCHAR(2000) NOT NULL DEFAULT '',
  ADD COLUMN website    VARCHAR(300)  NOT NULL DEFAULT '',
  ADD COLUMN active     TINYINT(1)    NOT NULL DEFAULT 1,
  ADD COLUMN updated_at DATETIME      NULL,
  ADD KEY ix_rc_active (active, municipality_id, name);

-- A citizen's request for a consultation at one centre (/centres/<id>):
-- mailed to the centre through the outbox, numbered К-<year>-<id, 5 digits>
-- (the year in Moscow time). Personal data: never granted to gf_read.
-- At least one of email and phone is given (the program checks it).
CREATE TABLE consultation_requests (
  id           BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  centre_id    BIGINT UNSIGNED NOT NULL,
  number       VARCHAR(20)  NOT NULL DEFAULT '',
  name         VARCHAR(100) NOT NULL,
  organization VARCHAR(300) NOT NULL DEFAULT '',
  email        VARCHAR(254) NOT NULL DEFAULT '',
  phone        VARCHAR(40)  NOT NULL DEFAULT '',
  question     TEXT         NOT NULL,
  status       ENUM('new','answered') NOT NULL DEFAULT 'new',
  created_at   DATETIME     NOT NULL,
  ip           VARCHAR(64)  NOT NULL DEFAULT '',
  answered_at  DATETIME     NULL,
  answered_by  BIGINT UNSIGNED NULL,
  KEY ix_cr_centre (centre_id, id),
  KEY ix_cr_status (status, id),
  CONSTRAINT fk_cr_centre FOREIGN KEY (centre_id) REFERENCES resource_centres(id),
  CONSTRAINT fk_cr_user FOREIGN KEY (answered_by) REFERENCES users(id)
) ENGINE=InnoDB;
