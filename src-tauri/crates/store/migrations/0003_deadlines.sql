-- AgendaPack schema, version 3: deadlines. Each committee's local deadline rules ("Draft to CSG,
-- 14 working days before"; "final report by 10:00, 8 working days before"; draft minutes and
-- call-in after the meeting), hand-set dates replacing a rule for one meeting date (with the
-- reason), the council's closure days, an imported bank-holiday file, the timestamped history
-- of each report's status, the s100B(4)(b) urgency reason of a late item, the notice date of a
-- key decision, and the warnings recorded when a pack was built late.

CREATE TABLE deadline_rules (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('draft-to-board', 'final-report', 'draft-minutes', 'call-in')),
    label        TEXT NOT NULL CHECK (length(trim(label)) > 0),
    working_days INTEGER NOT NULL CHECK (working_days BETWEEN 0 AND 260),
    -- HH:MM, or NULL when the rule names no time of day.
    time         TEXT CHECK (time IS NULL OR time GLOB '[0-2][0-9]:[0-5][0-9]'),
    UNIQUE (committee_id, position)
) STRICT;

-- Keyed by the meeting's date, not its row, so a work-programme row can carry the hand-set
-- date before the meeting is created.
CREATE TABLE deadline_overrides (
    id           INTEGER PRIMARY KEY,
    rule_id      INTEGER NOT NULL REFERENCES deadline_rules (id) ON DELETE CASCADE,
    meeting_date TEXT NOT NULL,
    date         TEXT NOT NULL,
    time         TEXT CHECK (time IS NULL OR time GLOB '[0-2][0-9]:[0-5][0-9]'),
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    UNIQUE (rule_id, meeting_date)
) STRICT;

-- Days the council is closed (e.g. 29-31 December): not working days, on top of bank holidays.
CREATE TABLE closure_days (
    date   TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT ''
) STRICT;

-- The latest bank-holiday file a user imported (the government's JSON), laid over the shipped
-- data. Replaced whole by the next import.
CREATE TABLE bank_holiday_import (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    json        TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL
) STRICT;

-- Every status a report has had, with when; written by triggers so that every path that
-- changes a report's status records it, stamped with the time the caller passed in.
CREATE TABLE report_status_history (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX report_status_history_report ON report_status_history (report_id, changed_at, id);

INSERT INTO report_status_history (report_id, status, changed_at) SELECT id, status, updated_at FROM reports;

CREATE TRIGGER report_status_inserted AFTER INSERT ON reports
BEGIN
    INSERT INTO report_status_history (report_id, status, changed_at) VALUES (NEW.id, NEW.status, NEW.created_at);
END;

CREATE TRIGGER report_status_changed AFTER UPDATE OF status ON reports WHEN NEW.status <> OLD.status
BEGIN
    INSERT INTO report_status_history (report_id, status, changed_at) VALUES (NEW.id, NEW.status, NEW.updated_at);
END;

-- Why a late item is considered at all (s100B(4)(b): the chair's special circumstances,
-- to be specified in the minutes); '' for items in the pack on time.
ALTER TABLE agenda_items ADD COLUMN urgency_reason TEXT NOT NULL DEFAULT '';

-- When the notice of a key decision was published (reg 9), if recorded.
ALTER TABLE reports ADD COLUMN key_decision_notice_on TEXT;

-- Warnings raised when a pack was built (e.g. after the statutory publication date).
CREATE TABLE pack_build_warnings (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    built_at   TEXT NOT NULL,
    edition    TEXT NOT NULL,
    warning    TEXT NOT NULL
) STRICT;
CREATE INDEX pack_build_warnings_meeting ON pack_build_warnings (meeting_id, built_at, id);
