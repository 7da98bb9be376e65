-- 021_events.sql — events (meetings, seminars, webinars) with registration,
-- and mail attachments (the registration's .ics) in the outbox.
--
-- Times are UTC, as everywhere; pages show them in Moscow time.
-- `registered` counts the registrations: it changes only under the event's
-- row lock (cgi-bin/event.c), so the seat limit holds under parallel
-- requests, and the public list (gf_read, no access to the people) shows the
-- seats left from it.
CREATE TABLE events (
  id                BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  title             VARCHAR(300) NOT NULL,
  kind              ENUM('meeting','seminar','webinar') NOT NULL,
  starts_at         DATETIME NOT NULL,
  ends_at           DATETIME NOT NULL,
  place             VARCHAR(500) NOT NULL DEFAULT '',   -- '' : online only
  online_url        VARCHAR(500) NOT NULL DEFAULT '',   -- told to registered people only
  contact           VARCHAR(300) NOT NULL DEFAULT '',   -- the organizer's phone or e-mail
  seats             INT UNSIGNED NOT NULL DEFAULT 0,    -- 0: no limit
  registered        INT UNSIGNED NOT NULL DEFAULT 0,
  registration_open TINYINT(1) NOT NULL DEFAULT 1,
  description       MEDIUMTEXT NOT NULL,                -- Markdown
  followup          MEDIUMTEXT NOT NULL,                -- Markdown, after the event
  created_at        DATETIME NOT NULL,
  updated_at        DATETIME NOT NULL,
  KEY ix_events_starts (starts_at)
) ENGINE=InnoDB;

-- One registration per address (gf_email_norm's form in email_key) and
-- event. cancel_hash: SHA-256 of the one-time cancellation link's token
-- (the link is only in the confirmation mail); a cancelled registration is
-- deleted. reminded_at: the day-before reminder was queued (once).
CREATE TABLE event_registrations (
  id            BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  event_id      BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(100) NOT NULL,
  organization  VARCHAR(300) NOT NULL DEFAULT '',
  email         VARCHAR(254) NOT NULL,
  email_key     VARCHAR(254) NOT NULL,
  cancel_hash   CHAR(64) NOT NULL,
  ip            VARCHAR(64) NOT NULL DEFAULT '',
  created_at    DATETIME NOT NULL,
  reminded_at   DATETIME NULL,
  UNIQUE KEY ux_event_email (event_id, email_key),
  UNIQUE KEY ux_event_cancel (cancel_hash),
  KEY ix_event_remind (reminded_at, event_id),
  CONSTRAINT fk_registration_event FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- One file attached to a queued mail (mail.c: multipart/mixed), e.g. the
-- registration's calendar entry. Text only (an .ics, a CSV).
ALTER TABLE outbox
  ADD COLUMN attach_name VARCHAR(200) NULL,
  ADD COLUMN attach_type VARCHAR(100) NULL,
  ADD COLUMN attach_data MEDIUMTEXT NULL;
