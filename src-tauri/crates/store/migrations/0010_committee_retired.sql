-- Committees can be retired (issue 14): a committee that has met is never deleted, since its
-- packs, minutes and programme are records; retiring it keeps them all and takes it off the
-- lists new meetings are planned from. A committee without meetings may still be deleted.
ALTER TABLE committees ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
