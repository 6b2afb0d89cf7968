-- AgendaPack schema 0004: minutes as the clerk's full record of a meeting.
--
-- Attendance gains virtual attendance, substitutes (who for) and arrival/departure times; a
-- minute gains the agenda item it records, its urgency reason (s100B(4)(b)) and the Schedule
-- 12A paragraphs under which the press and public were excluded; resolutions, declarations of
-- interest, recorded votes (with names) and actions are child rows of their minute, keyed by
-- the minute's (minutes_id, position) so that deleting a minute takes its children with it.
-- Minutes gain their confirmation (the date of the confirming meeting) and signing date, and
-- amendments recorded at or after confirmation.

ALTER TABLE minutes ADD COLUMN confirmed_at_meeting_on TEXT;
ALTER TABLE minutes ADD COLUMN signed_on TEXT;

CREATE TABLE minutes_amendments (
    minutes_id INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (minutes_id, position)
) STRICT;

ALTER TABLE attendance ADD COLUMN remote INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1));
ALTER TABLE attendance ADD COLUMN substitute_for TEXT;
ALTER TABLE attendance ADD COLUMN arrived_at TEXT;
ALTER TABLE attendance ADD COLUMN left_at TEXT;

ALTER TABLE minute_entries ADD COLUMN item_number INTEGER CHECK (item_number IS NULL OR item_number >= 0);
ALTER TABLE minute_entries ADD COLUMN urgency_reason TEXT NOT NULL DEFAULT '';
-- Comma-separated Schedule 12A paragraph numbers; empty when the public stayed.
ALTER TABLE minute_entries ADD COLUMN exclusion_paragraphs TEXT NOT NULL DEFAULT '';

CREATE TABLE minute_resolutions (
    minutes_id     INTEGER NOT NULL,
    entry_position INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    PRIMARY KEY (minutes_id, entry_position, position),
    FOREIGN KEY (minutes_id, entry_position) REFERENCES minute_entries (minutes_id, position) ON DELETE CASCADE
) STRICT;

CREATE TABLE minute_declarations (
    minutes_id     INTEGER NOT NULL,
    entry_position INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    member         TEXT NOT NULL,
    nature         TEXT NOT NULL CHECK (nature IN ('disclosable-pecuniary', 'other-registrable', 'non-registrable')),
    interest       TEXT NOT NULL DEFAULT '',
    left_room      INTEGER NOT NULL DEFAULT 0 CHECK (left_room IN (0, 1)),
    PRIMARY KEY (minutes_id, entry_position, position),
    FOREIGN KEY (minutes_id, entry_position) REFERENCES minute_entries (minutes_id, position) ON DELETE CASCADE
) STRICT;

CREATE TABLE minute_votes (
    minutes_id     INTEGER NOT NULL,
    entry_position INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    motion         TEXT NOT NULL,
    PRIMARY KEY (minutes_id, entry_position, position),
    FOREIGN KEY (minutes_id, entry_position) REFERENCES minute_entries (minutes_id, position) ON DELETE CASCADE
) STRICT;

CREATE TABLE minute_vote_names (
    minutes_id     INTEGER NOT NULL,
    entry_position INTEGER NOT NULL,
    vote_position  INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    side           TEXT NOT NULL CHECK (side IN ('for', 'against', 'abstain')),
    name           TEXT NOT NULL,
    PRIMARY KEY (minutes_id, entry_position, vote_position, position),
    FOREIGN KEY (minutes_id, entry_position, vote_position)
        REFERENCES minute_votes (minutes_id, entry_position, position) ON DELETE CASCADE
) STRICT;

CREATE TABLE minute_actions (
    minutes_id     INTEGER NOT NULL,
    entry_position INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    owner          TEXT NOT NULL,
    due            TEXT,
    done           INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    PRIMARY KEY (minutes_id, entry_position, position),
    FOREIGN KEY (minutes_id, entry_position) REFERENCES minute_entries (minutes_id, position) ON DELETE CASCADE
) STRICT;
CREATE INDEX minute_actions_due ON minute_actions (done, due);
