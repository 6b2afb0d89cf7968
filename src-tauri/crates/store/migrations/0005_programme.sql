-- Work programme items with their move history, the executive's forward plan of key
-- decisions, and recommendation trackers (issue 8).

-- A date in a committee's programme for which no meeting is stored yet (or which prints a
-- label): "Extraordinary Meeting", provisional dates whose deadlines print "(TBC)", and the
-- deadline kinds the printed programme leaves blank for it (comma-separated, e.g. the
-- clearance board has not set its dates for the next municipal year).
CREATE TABLE programme_dates (
    id                 INTEGER PRIMARY KEY,
    committee_id       INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    date               TEXT NOT NULL,
    label              TEXT NOT NULL DEFAULT '',
    provisional        INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
    omitted_deadlines  TEXT NOT NULL DEFAULT '',
    UNIQUE (committee_id, date)
) STRICT;

-- An item planned for a committee's future meeting: attached to a stored meeting, or to a
-- date when the meeting does not exist yet (exactly one of the two).
CREATE TABLE planned_items (
    id              INTEGER PRIMARY KEY,
    committee_id    INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    meeting_id      INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    target_date     TEXT,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL CHECK (title <> ''),
    officers        TEXT NOT NULL DEFAULT '',
    presenter       TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    -- The report's author, assigned when the item is confirmed.
    author_name     TEXT NOT NULL DEFAULT '',
    author_email    TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'confirmed', 'deferred', 'withdrawn')),
    -- The agenda item made when the item was confirmed.
    agenda_item_id  INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    CHECK (meeting_id IS NOT NULL OR target_date IS NOT NULL)
) STRICT;
CREATE INDEX planned_items_committee ON planned_items (committee_id, target_date, position);

-- Every move of a planned item from one meeting (or date) to another, as minute 25 of seed
-- 001 records such moves; never updated, only appended.
CREATE TABLE planned_item_moves (
    id               INTEGER PRIMARY KEY,
    planned_item_id  INTEGER NOT NULL REFERENCES planned_items (id) ON DELETE CASCADE,
    from_meeting_id  INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    from_date        TEXT NOT NULL,
    to_meeting_id    INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    to_date          TEXT NOT NULL,
    reason           TEXT NOT NULL DEFAULT '',
    moved_at         TEXT NOT NULL
) STRICT;
CREATE INDEX planned_item_moves_item ON planned_item_moves (planned_item_id, id);

CREATE TABLE forward_plan_entries (
    id                  INTEGER PRIMARY KEY,
    reference           TEXT NOT NULL UNIQUE CHECK (reference <> ''),
    decision            TEXT NOT NULL CHECK (decision <> ''),
    decision_maker      TEXT NOT NULL,
    decision_date       TEXT NOT NULL,
    decision_period     TEXT NOT NULL DEFAULT '',
    -- One ward per line.
    wards               TEXT NOT NULL DEFAULT '',
    documents           TEXT NOT NULL DEFAULT '',
    contact             TEXT NOT NULL DEFAULT '',
    access_kind         TEXT NOT NULL DEFAULT 'public' CHECK (access_kind IN ('public', 'exempt', 'confidential')),
    access_paragraphs   TEXT NOT NULL DEFAULT '',
    access_public_title TEXT,
    exempt_reason       TEXT NOT NULL DEFAULT '',
    published           TEXT,
    urgency_route       TEXT CHECK (urgency_route IN ('general-exception', 'special-urgency')),
    urgency_reason      TEXT NOT NULL DEFAULT '',
    -- General exception: the day the scrutiny chair was informed.
    urgency_informed    TEXT,
    -- Special urgency: who agreed (the scrutiny chair, or the chair of the council).
    urgency_agreed_by   TEXT NOT NULL DEFAULT '',
    CHECK (urgency_route IS NULL OR urgency_reason <> ''),
    CHECK (urgency_route IS NOT 'general-exception' OR urgency_informed IS NOT NULL)
) STRICT;

CREATE TABLE trackers (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (title <> ''),
    source       TEXT NOT NULL CHECK (source IN ('scrutiny-review', 'peer-challenge', 'audit', 'other')),
    source_name  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE tracker_recommendations (
    id          INTEGER PRIMARY KEY,
    tracker_id  INTEGER NOT NULL REFERENCES trackers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    number      TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    theme       TEXT NOT NULL DEFAULT '',
    UNIQUE (tracker_id, position)
) STRICT;

CREATE TABLE tracker_actions (
    id                INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES tracker_recommendations (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    text              TEXT NOT NULL,
    lead_officer      TEXT NOT NULL DEFAULT '',
    timescale         TEXT NOT NULL DEFAULT '',
    due               TEXT,
    portfolio_holder  TEXT NOT NULL DEFAULT '',
    UNIQUE (recommendation_id, position)
) STRICT;

CREATE TABLE tracker_updates (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES tracker_actions (id) ON DELETE CASCADE,
    as_at      TEXT NOT NULL,
    text       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'ongoing', 'complete')),
    rag        TEXT CHECK (rag IN ('red', 'amber', 'green'))
) STRICT;
CREATE INDEX tracker_updates_action ON tracker_updates (action_id, as_at);
