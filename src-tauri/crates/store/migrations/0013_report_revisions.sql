-- Two people, one paper (issue 18): every report carries a revision, and a save based on an
-- older revision is refused rather than written over the newer one, with what was typed kept.
--
-- reports.revision: 1 when the report is made, one more for every change to it: its fields,
-- its status, its appendices. Every such change stamps `updated_at` (the store's edits, the
-- clearance moves, imports), so one trigger on that column counts them all, whichever code path
-- wrote; `revised_by` is who made the latest change, named as the audit trail names people
-- (agendapack_user(): the signed-in person on the team server, the desk's user otherwise), and
-- `updated_at` is when. A change that does not stamp `updated_at` (the key-decision notice
-- date the deadlines keep) is not a change to the paper and counts nothing.
--
-- report_kept_versions: every refused save's fields as typed (JSON, the API's ReportFields),
-- with the revision it was based on, the revision it clashed with, who typed it and when, so
-- nothing typed is lost and both versions can be shown side by side. Only ever inserted.

ALTER TABLE reports ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE reports ADD COLUMN revised_by TEXT NOT NULL DEFAULT '';

-- Recursive triggers are off (SQLite's default), so the UPDATE inside does not fire this again;
-- the audit trail's update trigger ignores these two columns.
CREATE TRIGGER report_revision_insert AFTER INSERT ON reports
BEGIN
    UPDATE reports SET revised_by = agendapack_user() WHERE id = NEW.id;
END;
CREATE TRIGGER report_revision_update AFTER UPDATE OF updated_at ON reports
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE reports SET revision = OLD.revision + 1, revised_by = agendapack_user() WHERE id = NEW.id;
END;

CREATE TABLE report_kept_versions (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    base_revision  INTEGER NOT NULL,
    revision       INTEGER NOT NULL,
    kept_by        TEXT NOT NULL,
    kept_at        TEXT NOT NULL,
    fields         TEXT NOT NULL CHECK (json_valid(fields))
) STRICT;
CREATE INDEX report_kept_versions_item ON report_kept_versions (agenda_item_id, id);

CREATE TRIGGER report_kept_versions_no_update BEFORE UPDATE ON report_kept_versions
BEGIN SELECT RAISE(ABORT, 'a kept version cannot be changed'); END;
