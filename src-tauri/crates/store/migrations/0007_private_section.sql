-- Issue 14, points 1 and 2: the private section is one truth, and standing texts can be a
-- committee's own.

-- A committee's own wording of standing texts, as the JSON of the model's
-- StandingTextOverrides: '{}' uses the council's text throughout.
ALTER TABLE committees ADD COLUMN standing_texts TEXT NOT NULL DEFAULT '{}';

-- Items this migration found open to the public below the Private Business heading (the
-- public pack printed their papers in full). They are made "exempt, paragraph not chosen"
-- below, withheld from public packs and warned about on every build until a paragraph is
-- chosen; this table lists them so the CLI (once, on its next command) and the app's
-- Meetings screen (once) can say which. Titles and dates are copied so the list still reads
-- after the item is edited or deleted.
CREATE TABLE private_section_review (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    meeting_id     INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    committee      TEXT NOT NULL,
    meeting_start  TEXT NOT NULL,
    number         INTEGER,
    title          TEXT NOT NULL,
    told_cli       INTEGER NOT NULL DEFAULT 0 CHECK (told_cli IN (0, 1)),
    told_app       INTEGER NOT NULL DEFAULT 0 CHECK (told_app IN (0, 1))
) STRICT;

-- The rule of agendapack_model::access::open_in_private_section, in SQL: below the heading,
-- everything but the fixed-wording lines (urgent business, the exclusion resolution) must
-- be restricted.
INSERT INTO private_section_review (agenda_item_id, meeting_id, committee, meeting_start, number, title)
SELECT i.id, i.meeting_id, c.name, m.starts_at, i.number, i.title
FROM agenda_items i
JOIN meetings m ON m.id = i.meeting_id
JOIN committees c ON c.id = m.committee_id
WHERE i.access_kind = 'public'
  AND i.kind NOT IN ('urgent-business', 'exclusion-resolution', 'private-business-heading')
  AND EXISTS (SELECT 1 FROM agenda_items h
              WHERE h.meeting_id = i.meeting_id AND h.kind = 'private-business-heading' AND h.position < i.position)
ORDER BY m.starts_at, i.position;

UPDATE agenda_items SET access_kind = 'exempt', access_paragraphs = '', access_public_title = NULL
WHERE id IN (SELECT agenda_item_id FROM private_section_review);
