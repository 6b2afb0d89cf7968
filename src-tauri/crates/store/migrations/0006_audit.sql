-- AgendaPack schema, version 6: the audit trail. Who changed what and when in a meeting's
-- agenda, reports, appendices and minutes, and every publication of a pack with the SHA-256
-- of the file, so a published pack can be proven later.
--
-- Triggers write the trail, so it catches every writer, not only the code paths that remember
-- to. They call two functions every AgendaPack connection registers (crate::audit):
-- agendapack_user() (the OS user name) and agendapack_now() (the injected clock, so tests are
-- deterministic). A connection without them (say the sqlite3 shell) cannot change these
-- tables: deliberate, since a change nobody can attribute is what the trail exists to prevent.
--
-- meeting_id has no foreign key: the trail outlives a deleted meeting. The trail is
-- append-only: updates and deletes of its rows are refused.

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    meeting_id INTEGER,
    entity     TEXT NOT NULL CHECK (entity IN ('meeting', 'agenda-item', 'report', 'appendix', 'minutes',
                                               'minute-entry', 'attendance', 'publication')),
    entity_id  INTEGER,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'publish')),
    -- What the row is (its title or heading) and, for an update, the columns that changed.
    summary    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_meeting ON audit_log (meeting_id, id);
-- Autosave rewrites a report or the minutes about once a second while someone types; one
-- line per record, user, kind of change and minute is the trail a reader can use. Update
-- triggers insert OR IGNORE against this index.
CREATE UNIQUE INDEX audit_log_update_once ON audit_log (entity, entity_id, user_name, substr(at, 1, 16), summary)
    WHERE action = 'update';

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;

CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL,
    edition      TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    size         INTEGER NOT NULL CHECK (size >= 0),
    published_at TEXT NOT NULL,
    user_name    TEXT NOT NULL
) STRICT;
CREATE INDEX publications_meeting ON publications (meeting_id, id);
CREATE INDEX publications_sha256 ON publications (sha256);

CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
BEGIN SELECT RAISE(ABORT, 'a recorded publication cannot be changed'); END;
CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
BEGIN SELECT RAISE(ABORT, 'a recorded publication cannot be changed'); END;

CREATE TRIGGER audit_publication AFTER INSERT ON publications
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (NEW.published_at, NEW.user_name, NEW.meeting_id, 'publication', NEW.id, 'publish',
            NEW.edition || ' edition ' || NEW.file_name || ' sha256 ' || NEW.sha256);
END;

-- Meetings.
CREATE TRIGGER audit_meeting_insert AFTER INSERT ON meetings
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.id, 'meeting', NEW.id, 'insert', NEW.starts_at);
END;
CREATE TRIGGER audit_meeting_update AFTER UPDATE ON meetings
WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.ends_at IS NOT NEW.ends_at OR OLD.venue_kind IS NOT NEW.venue_kind
  OR OLD.venue_name IS NOT NEW.venue_name OR OLD.status IS NOT NEW.status
  OR OLD.contact_officer_id IS NOT NEW.contact_officer_id OR OLD.published_on IS NOT NEW.published_on
  OR OLD.notices IS NOT NEW.notices OR OLD.supplement_reason IS NOT NEW.supplement_reason
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.id, 'meeting', NEW.id, 'update', trim(
        CASE WHEN OLD.starts_at IS NOT NEW.starts_at THEN 'starts_at ' ELSE '' END ||
        CASE WHEN OLD.ends_at IS NOT NEW.ends_at THEN 'ends_at ' ELSE '' END ||
        CASE WHEN OLD.venue_kind IS NOT NEW.venue_kind OR OLD.venue_name IS NOT NEW.venue_name THEN 'venue ' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN 'status ' ELSE '' END ||
        CASE WHEN OLD.contact_officer_id IS NOT NEW.contact_officer_id THEN 'contact_officer ' ELSE '' END ||
        CASE WHEN OLD.published_on IS NOT NEW.published_on THEN 'published_on ' ELSE '' END ||
        CASE WHEN OLD.notices IS NOT NEW.notices THEN 'notices ' ELSE '' END ||
        CASE WHEN OLD.supplement_reason IS NOT NEW.supplement_reason THEN 'supplement_reason ' ELSE '' END));
END;
CREATE TRIGGER audit_meeting_delete BEFORE DELETE ON meetings
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), OLD.id, 'meeting', OLD.id, 'delete', OLD.starts_at);
END;

-- Agenda items.
CREATE TRIGGER audit_item_insert AFTER INSERT ON agenda_items
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.meeting_id, 'agenda-item', NEW.id, 'insert', NEW.title);
END;
CREATE TRIGGER audit_item_update AFTER UPDATE ON agenda_items
WHEN OLD.position IS NOT NEW.position OR OLD.number IS NOT NEW.number OR OLD.title IS NOT NEW.title
  OR OLD.kind IS NOT NEW.kind OR OLD.description IS NOT NEW.description OR OLD.access_kind IS NOT NEW.access_kind
  OR OLD.access_paragraphs IS NOT NEW.access_paragraphs OR OLD.access_public_title IS NOT NEW.access_public_title
  OR OLD.supplementary IS NOT NEW.supplementary
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.meeting_id, 'agenda-item', NEW.id, 'update', NEW.title || ': ' || trim(
        CASE WHEN OLD.position IS NOT NEW.position OR OLD.number IS NOT NEW.number THEN 'order ' ELSE '' END ||
        CASE WHEN OLD.title IS NOT NEW.title THEN 'title ' ELSE '' END ||
        CASE WHEN OLD.kind IS NOT NEW.kind THEN 'kind ' ELSE '' END ||
        CASE WHEN OLD.description IS NOT NEW.description THEN 'description ' ELSE '' END ||
        CASE WHEN OLD.access_kind IS NOT NEW.access_kind OR OLD.access_paragraphs IS NOT NEW.access_paragraphs
               OR OLD.access_public_title IS NOT NEW.access_public_title THEN 'access ' ELSE '' END ||
        CASE WHEN OLD.supplementary IS NOT NEW.supplementary THEN 'supplementary ' ELSE '' END));
END;
CREATE TRIGGER audit_item_delete BEFORE DELETE ON agenda_items
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), OLD.meeting_id, 'agenda-item', OLD.id, 'delete', OLD.title);
END;

-- Reports (the meeting is their item's).
CREATE TRIGGER audit_report_insert AFTER INSERT ON reports
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(),
            (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id), 'report', NEW.id, 'insert', NEW.title);
END;
CREATE TRIGGER audit_report_update AFTER UPDATE ON reports
WHEN OLD.addressed_to IS NOT NEW.addressed_to OR OLD.cover_date IS NOT NEW.cover_date OR OLD.title IS NOT NEW.title
  OR OLD.report_of IS NOT NEW.report_of OR OLD.decision IS NOT NEW.decision
  OR OLD.wards_affected IS NOT NEW.wards_affected OR OLD.key_decision IS NOT NEW.key_decision
  OR OLD.accountable_director IS NOT NEW.accountable_director OR OLD.summary IS NOT NEW.summary
  OR OLD.recommendations IS NOT NEW.recommendations OR OLD.reasons IS NOT NEW.reasons OR OLD.body IS NOT NEW.body
  OR OLD.background_papers IS NOT NEW.background_papers OR OLD.status IS NOT NEW.status
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(),
            (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id), 'report', NEW.id, 'update',
            NEW.title || ': ' || trim(
        CASE WHEN OLD.addressed_to IS NOT NEW.addressed_to THEN 'addressed_to ' ELSE '' END ||
        CASE WHEN OLD.cover_date IS NOT NEW.cover_date THEN 'cover_date ' ELSE '' END ||
        CASE WHEN OLD.title IS NOT NEW.title THEN 'title ' ELSE '' END ||
        CASE WHEN OLD.report_of IS NOT NEW.report_of THEN 'report_of ' ELSE '' END ||
        CASE WHEN OLD.decision IS NOT NEW.decision THEN 'decision ' ELSE '' END ||
        CASE WHEN OLD.wards_affected IS NOT NEW.wards_affected THEN 'wards_affected ' ELSE '' END ||
        CASE WHEN OLD.key_decision IS NOT NEW.key_decision THEN 'key_decision ' ELSE '' END ||
        CASE WHEN OLD.accountable_director IS NOT NEW.accountable_director THEN 'accountable_director ' ELSE '' END ||
        CASE WHEN OLD.summary IS NOT NEW.summary THEN 'summary ' ELSE '' END ||
        CASE WHEN OLD.recommendations IS NOT NEW.recommendations THEN 'recommendations ' ELSE '' END ||
        CASE WHEN OLD.reasons IS NOT NEW.reasons THEN 'reasons ' ELSE '' END ||
        CASE WHEN OLD.body IS NOT NEW.body THEN 'body ' ELSE '' END ||
        CASE WHEN OLD.background_papers IS NOT NEW.background_papers THEN 'background_papers ' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN 'status:' || NEW.status || ' ' ELSE '' END));
END;
CREATE TRIGGER audit_report_delete BEFORE DELETE ON reports
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(),
            (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id), 'report', OLD.id, 'delete', OLD.title);
END;

-- Appendices (the meeting is their report's item's).
CREATE TRIGGER audit_appendix_insert AFTER INSERT ON appendices
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(),
            (SELECT i.meeting_id FROM reports r JOIN agenda_items i ON i.id = r.agenda_item_id WHERE r.id = NEW.report_id),
            'appendix', NEW.id, 'insert', NEW.title || CASE WHEN NEW.sha256 IS NULL THEN '' ELSE ' sha256 ' || NEW.sha256 END);
END;
CREATE TRIGGER audit_appendix_update AFTER UPDATE ON appendices
WHEN OLD.position IS NOT NEW.position OR OLD.title IS NOT NEW.title OR OLD.access_kind IS NOT NEW.access_kind
  OR OLD.access_paragraphs IS NOT NEW.access_paragraphs OR OLD.access_public_title IS NOT NEW.access_public_title
  OR OLD.kind IS NOT NEW.kind OR OLD.text IS NOT NEW.text OR OLD.sha256 IS NOT NEW.sha256
  OR OLD.file_name IS NOT NEW.file_name
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(),
            (SELECT i.meeting_id FROM reports r JOIN agenda_items i ON i.id = r.agenda_item_id WHERE r.id = NEW.report_id),
            'appendix', NEW.id, 'update', NEW.title || ': ' || trim(
        CASE WHEN OLD.position IS NOT NEW.position THEN 'order ' ELSE '' END ||
        CASE WHEN OLD.title IS NOT NEW.title THEN 'title ' ELSE '' END ||
        CASE WHEN OLD.access_kind IS NOT NEW.access_kind OR OLD.access_paragraphs IS NOT NEW.access_paragraphs
               OR OLD.access_public_title IS NOT NEW.access_public_title THEN 'access ' ELSE '' END ||
        CASE WHEN OLD.kind IS NOT NEW.kind OR OLD.text IS NOT NEW.text OR OLD.sha256 IS NOT NEW.sha256
               OR OLD.file_name IS NOT NEW.file_name THEN 'content ' ELSE '' END));
END;
CREATE TRIGGER audit_appendix_delete BEFORE DELETE ON appendices
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(),
            (SELECT i.meeting_id FROM reports r JOIN agenda_items i ON i.id = r.agenda_item_id WHERE r.id = OLD.report_id),
            'appendix', OLD.id, 'delete', OLD.title);
END;

-- Minutes, their entries and attendance (the meeting is the minutes').
CREATE TRIGGER audit_minutes_insert AFTER INSERT ON minutes
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.meeting_id, 'minutes', NEW.id, 'insert', NEW.status);
END;
CREATE TRIGGER audit_minutes_update AFTER UPDATE ON minutes
WHEN OLD.status IS NOT NEW.status OR OLD.opened_at IS NOT NEW.opened_at OR OLD.closed_at IS NOT NEW.closed_at
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.meeting_id, 'minutes', NEW.id, 'update', trim(
        CASE WHEN OLD.status IS NOT NEW.status THEN 'status:' || NEW.status || ' ' ELSE '' END ||
        CASE WHEN OLD.opened_at IS NOT NEW.opened_at OR OLD.closed_at IS NOT NEW.closed_at THEN 'times ' ELSE '' END));
END;
CREATE TRIGGER audit_minutes_delete BEFORE DELETE ON minutes
BEGIN
    INSERT INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), OLD.meeting_id, 'minutes', OLD.id, 'delete', OLD.status);
END;

-- Entries and attendance: the minutes are saved whole (their rows deleted and written again),
-- so a row-by-row trail would be noise. Any change to them is one "entries edited" or
-- "attendance edited" line per user and minute, against the minutes (entity_id = minutes id).
CREATE TRIGGER audit_minute_entries_insert AFTER INSERT ON minute_entries
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), (SELECT meeting_id FROM minutes WHERE id = NEW.minutes_id),
            'minute-entry', NEW.minutes_id, 'update', 'entries edited');
END;
CREATE TRIGGER audit_minute_entries_update AFTER UPDATE ON minute_entries
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), (SELECT meeting_id FROM minutes WHERE id = NEW.minutes_id),
            'minute-entry', NEW.minutes_id, 'update', 'entries edited');
END;
CREATE TRIGGER audit_minute_entries_delete BEFORE DELETE ON minute_entries
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), (SELECT meeting_id FROM minutes WHERE id = OLD.minutes_id),
            'minute-entry', OLD.minutes_id, 'update', 'entries edited');
END;
CREATE TRIGGER audit_attendance_insert AFTER INSERT ON attendance
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), (SELECT meeting_id FROM minutes WHERE id = NEW.minutes_id),
            'attendance', NEW.minutes_id, 'update', 'attendance edited');
END;
CREATE TRIGGER audit_attendance_update AFTER UPDATE ON attendance
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), (SELECT meeting_id FROM minutes WHERE id = NEW.minutes_id),
            'attendance', NEW.minutes_id, 'update', 'attendance edited');
END;
CREATE TRIGGER audit_attendance_delete BEFORE DELETE ON attendance
BEGIN
    INSERT OR IGNORE INTO audit_log (at, user_name, meeting_id, entity, entity_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), (SELECT meeting_id FROM minutes WHERE id = OLD.minutes_id),
            'attendance', OLD.minutes_id, 'update', 'attendance edited');
END;
