-- AgendaPack schema, version 1: the council, its committees and people, meetings with their
-- agendas, reports, appendices and minutes, and each committee's work programme.
--
-- Conventions: dates are ISO text (YYYY-MM-DD), times HH:MM:SS, date-times YYYY-MM-DDTHH:MM:SS;
-- enumerations are the kebab-case words of the JSON format, checked here; ordered children
-- carry a `position` from 0. Where a row cites a person "as printed" (a report's author, the
-- contact officer, a name in the minutes) it keeps the job title and telephone printed at the
-- time, because packs are records and must not change when an officer's details do later.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- One council per database.
CREATE TABLE council (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    name                  TEXT NOT NULL,
    nation                TEXT NOT NULL CHECK (nation IN ('england', 'wales', 'scotland', 'northern-ireland')),
    chief_executive_name  TEXT NOT NULL,
    chief_executive_title TEXT NOT NULL,
    logo                  BLOB,
    -- JSON object of the standing texts (see StandingTexts); new texts need no migration.
    standing_texts        TEXT NOT NULL,
    fixed_pages           TEXT
) STRICT;

CREATE TABLE people (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    email     TEXT NOT NULL DEFAULT '',
    -- The latest details seen; references keep their own printed copy.
    job_title TEXT NOT NULL DEFAULT '',
    phone     TEXT NOT NULL DEFAULT '',
    UNIQUE (name, email)
) STRICT;

CREATE TABLE committees (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE memberships (
    id               INTEGER PRIMARY KEY,
    committee_id     INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    person_id        INTEGER NOT NULL REFERENCES people (id),
    person_job_title TEXT NOT NULL DEFAULT '',
    person_phone     TEXT NOT NULL DEFAULT '',
    role             TEXT NOT NULL CHECK (role IN ('chair', 'deputy-chair', 'member', 'substitute', 'by-invitation')),
    from_date        TEXT NOT NULL,
    until_date       TEXT,
    CHECK (until_date IS NULL OR until_date >= from_date)
) STRICT;
CREATE INDEX memberships_committee ON memberships (committee_id, position);

CREATE TABLE meetings (
    id                        INTEGER PRIMARY KEY,
    committee_id              INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    starts_at                 TEXT NOT NULL,
    ends_at                   TEXT,
    venue_kind                TEXT NOT NULL CHECK (venue_kind IN ('virtual', 'place')),
    venue_name                TEXT,
    status                    TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'held')),
    contact_officer_id        INTEGER NOT NULL REFERENCES people (id),
    contact_officer_job_title TEXT NOT NULL DEFAULT '',
    contact_officer_phone     TEXT NOT NULL DEFAULT '',
    published_on              TEXT,
    -- JSON array of Markdown notices (webcasting, recording).
    notices                   TEXT NOT NULL DEFAULT '[]',
    supplement_reason         TEXT NOT NULL DEFAULT '',
    work_programme_title      TEXT,
    work_programme_note       TEXT NOT NULL DEFAULT '',
    -- The earlier meeting whose minutes this one confirms.
    confirms_minutes_of       INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    CHECK ((venue_kind = 'place') = (venue_name IS NOT NULL)),
    CHECK (work_programme_title IS NOT NULL OR work_programme_note = '')
) STRICT;
CREATE INDEX meetings_committee_starts ON meetings (committee_id, starts_at);

CREATE TABLE agenda_items (
    id                  INTEGER PRIMARY KEY,
    meeting_id          INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    number              INTEGER CHECK (number IS NULL OR number >= 0),
    title               TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('standard-text', 'report', 'minutes', 'work-programme',
                                                      'urgent-business', 'exclusion-resolution',
                                                      'private-business-heading')),
    description         TEXT NOT NULL DEFAULT '',
    access_kind         TEXT NOT NULL DEFAULT 'public' CHECK (access_kind IN ('public', 'exempt', 'confidential')),
    -- Comma-separated Schedule 12A paragraph numbers, in the order given.
    access_paragraphs   TEXT NOT NULL DEFAULT '',
    access_public_title TEXT,
    supplementary       INTEGER NOT NULL DEFAULT 0 CHECK (supplementary IN (0, 1)),
    UNIQUE (meeting_id, position),
    CHECK (access_kind = 'exempt' OR access_paragraphs = ''),
    CHECK (access_kind <> 'public' OR access_public_title IS NULL)
) STRICT;

CREATE TABLE reports (
    id                   INTEGER PRIMARY KEY,
    agenda_item_id       INTEGER NOT NULL UNIQUE REFERENCES agenda_items (id) ON DELETE CASCADE,
    addressed_to         TEXT,
    cover_date           TEXT,
    title                TEXT NOT NULL,
    report_of            TEXT NOT NULL,
    decision             TEXT NOT NULL CHECK (decision IN ('for-information', 'for-decision')),
    wards_affected       TEXT NOT NULL,
    key_decision         INTEGER NOT NULL CHECK (key_decision IN (0, 1)),
    accountable_director TEXT NOT NULL,
    summary              TEXT NOT NULL,
    recommendations      TEXT NOT NULL,
    reasons              TEXT NOT NULL DEFAULT '',
    body                 TEXT NOT NULL,
    background_papers    TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'cleared', 'published')),
    -- Set by the caller (the store never reads the clock in its queries).
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE report_authors (
    report_id        INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    person_id        INTEGER NOT NULL REFERENCES people (id),
    person_job_title TEXT NOT NULL DEFAULT '',
    person_phone     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, position)
) STRICT;

CREATE TABLE appendices (
    id                  INTEGER PRIMARY KEY,
    report_id           INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL,
    access_kind         TEXT NOT NULL DEFAULT 'public' CHECK (access_kind IN ('public', 'exempt', 'confidential')),
    access_paragraphs   TEXT NOT NULL DEFAULT '',
    access_public_title TEXT,
    kind                TEXT NOT NULL CHECK (kind IN ('markdown', 'pdf')),
    text                TEXT,
    file_name           TEXT,
    sha256              TEXT,
    bytes               BLOB,
    UNIQUE (report_id, position),
    CHECK (access_kind = 'exempt' OR access_paragraphs = ''),
    CHECK (access_kind <> 'public' OR access_public_title IS NULL),
    CHECK ((kind = 'markdown' AND text IS NOT NULL AND file_name IS NULL AND sha256 IS NULL AND bytes IS NULL)
        OR (kind = 'pdf' AND text IS NULL AND file_name IS NOT NULL AND length(sha256) = 64 AND bytes IS NOT NULL))
) STRICT;

CREATE TABLE minutes (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings (id) ON DELETE CASCADE,
    opened_at  TEXT NOT NULL,
    closed_at  TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'published-draft', 'confirmed', 'signed'))
) STRICT;

CREATE TABLE attendance (
    minutes_id       INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    person_id        INTEGER NOT NULL REFERENCES people (id),
    person_job_title TEXT NOT NULL DEFAULT '',
    person_phone     TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL CHECK (kind IN ('present', 'also-present', 'apologies', 'absent')),
    role             TEXT CHECK (role IS NULL OR role IN ('chair', 'deputy-chair', 'member', 'substitute', 'by-invitation')),
    PRIMARY KEY (minutes_id, position)
) STRICT;

CREATE TABLE minute_entries (
    minutes_id          INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    number              INTEGER NOT NULL CHECK (number >= 0),
    heading             TEXT NOT NULL,
    text                TEXT NOT NULL,
    access_kind         TEXT NOT NULL DEFAULT 'public' CHECK (access_kind IN ('public', 'exempt', 'confidential')),
    access_paragraphs   TEXT NOT NULL DEFAULT '',
    access_public_title TEXT,
    PRIMARY KEY (minutes_id, position),
    CHECK (access_kind = 'exempt' OR access_paragraphs = ''),
    CHECK (access_kind <> 'public' OR access_public_title IS NULL)
) STRICT;

-- A committee's plan of items for its future meetings.
CREATE TABLE work_programme_entries (
    id                    INTEGER PRIMARY KEY,
    committee_id          INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    meeting_date          TEXT NOT NULL,
    position              INTEGER NOT NULL,
    meeting_label         TEXT NOT NULL DEFAULT '',
    provisional           INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
    title                 TEXT NOT NULL,
    officers              TEXT NOT NULL DEFAULT '',
    presenter             TEXT NOT NULL DEFAULT '',
    clearance_deadline    TEXT NOT NULL DEFAULT '',
    final_report_deadline TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX work_programme_committee_date ON work_programme_entries (committee_id, meeting_date, position);
