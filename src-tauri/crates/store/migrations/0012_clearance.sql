-- Report clearance (issue 19): sign-off routes per committee and the route in motion per report.
--
-- accounts.job_title: what the paper prints after an approver's name under an implications
-- heading ("Implications completed by: Sandra Pillinger, Group Accountant").
--
-- clearance_steps: a committee's route, in order. `parallel` = 1 puts a step in the same stage
-- as the step before it (both are waiting at once); a stage is done when all its steps are.
-- `due_working_days`: the step is due that many working days before the meeting (the council's
-- working-day calendar, the same one the committee's deadline rules use); NULL: no due date.
-- `implications_heading`: the report body's heading under which the step's approval is printed.
--
-- clearance_approvers: who approves a step, in the order saved (rowid), each with an optional
-- delegate who may approve in their place. One approval by any of them approves the step (an
-- approval group).
--
-- clearance_events: the history of a report's clearance, append-only: submit, approve, return.
-- `account_id` is whose sign-off it is; `recorded_by` names who recorded it when that was someone
-- else (the single desk's officer, or an officer on the team server), '' when they did it
-- themselves. `report_updated_at` is the version of the report they saw. Step name and position
-- are copied so that the history still reads right after the route is edited.
--
-- None of this travels in a meeting's interchange document: it names accounts, which belong to
-- a server.

ALTER TABLE accounts ADD COLUMN job_title TEXT NOT NULL DEFAULT '';

CREATE TABLE clearance_steps (
    id                   INTEGER PRIMARY KEY,
    committee_id         INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL CHECK (position >= 0),
    name                 TEXT NOT NULL CHECK (name <> ''),
    parallel             INTEGER NOT NULL DEFAULT 0 CHECK (parallel IN (0, 1)),
    due_working_days     INTEGER CHECK (due_working_days BETWEEN 0 AND 260),
    implications_heading TEXT NOT NULL DEFAULT '',
    UNIQUE (committee_id, position)
) STRICT;

CREATE TABLE clearance_approvers (
    step_id     INTEGER NOT NULL REFERENCES clearance_steps (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    delegate_id INTEGER REFERENCES accounts (id),
    PRIMARY KEY (step_id, account_id)
) STRICT;

CREATE TABLE clearance_events (
    id                INTEGER PRIMARY KEY,
    agenda_item_id    INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    action            TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'return')),
    step_position     INTEGER,
    step_name         TEXT NOT NULL DEFAULT '',
    account_id        INTEGER REFERENCES accounts (id),
    recorded_by       TEXT NOT NULL DEFAULT '',
    comment           TEXT NOT NULL DEFAULT '',
    report_updated_at TEXT,
    -- Set by the caller (the store never reads the clock in its queries).
    at                TEXT NOT NULL
) STRICT;
CREATE INDEX clearance_events_item ON clearance_events (agenda_item_id, id);

-- calendar_feeds: each account's private calendar feed (issue 19): the SHA-256 of the secret
-- token in the feed's address (the token itself is shown once, never stored). One feed per
-- account; a new token replaces the old one, and revoking deletes the row, after which the
-- old address answers 404.
CREATE TABLE calendar_feeds (
    account_id   INTEGER PRIMARY KEY REFERENCES accounts (id),
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL
) STRICT;
