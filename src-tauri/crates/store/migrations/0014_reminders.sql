-- Deadlines that reach people (issue 19): per-meeting due dates of clearance steps, each
-- account's e-mail address, the council's SMTP server, and the reminders already sent.
--
-- clearance_due_overrides: a clearance step's due date set by hand for one meeting, with the
-- reason, as `deadline_overrides` does for a committee's deadline rules. Keyed by the meeting
-- and the step's name (not its row or position: saving a route rewrites its rows, and a
-- reordered route keeps each override with its step); a step renamed loses its override and
-- is due by its rule again.
--
-- accounts.email: where reminders go ('' for none: the account is skipped and reported).
--
-- smtp_settings: one row, the council's mail server. `tls` is 'none' (plain, a relay on the
-- council's own network), 'starttls' (upgrade on the submission port, usually 587) or 'tls'
-- (TLS from the first byte, usually 465). `password` is write-only through the API (never
-- read back to a screen); the environment variable AGENDAPACK_SMTP_PASSWORD, when set, is
-- used instead and keeps it out of the database and its backups. `link_address` is the team
-- server's address the e-mails link to ('' for none).
--
-- reminders_sent: one row per reminder e-mailed, so a second run the same day (or a restart)
-- sends nothing new. A reminder is keyed by what it is about (`subject`: 'step:<position>' or
-- 'final-report' of the agenda item), the round of clearance it belongs to (the id of the
-- submit that started it; 0 for the final report), the due date it named, its kind
-- ('due-tomorrow' or 'overdue') and the account it went to: a resubmitted report or a moved
-- due date is a new reminder.

CREATE TABLE clearance_due_overrides (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    step_name  TEXT NOT NULL COLLATE NOCASE CHECK (step_name <> ''),
    date       TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    PRIMARY KEY (meeting_id, step_name)
) STRICT;

ALTER TABLE accounts ADD COLUMN email TEXT NOT NULL DEFAULT '';

CREATE TABLE smtp_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    host         TEXT NOT NULL CHECK (host <> ''),
    port         INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls          TEXT NOT NULL CHECK (tls IN ('none', 'starttls', 'tls')),
    from_address TEXT NOT NULL CHECK (from_address <> ''),
    username     TEXT NOT NULL DEFAULT '',
    password     TEXT NOT NULL DEFAULT '',
    link_address TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE reminders_sent (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    subject        TEXT NOT NULL,
    round          INTEGER NOT NULL,
    due            TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('due-tomorrow', 'overdue')),
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    sent_at        TEXT NOT NULL,
    UNIQUE (agenda_item_id, subject, round, due, kind, account_id)
) STRICT;
