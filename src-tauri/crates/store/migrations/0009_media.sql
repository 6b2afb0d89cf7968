-- Pictures in papers (issue 16): each distinct picture's bytes are stored once, keyed by
-- their SHA-256; paper_media names a picture for a report (its body, cover boxes and
-- Markdown appendices refer to it as media:NAME) or for one appendix. A trigger frees the
-- bytes when the last paper using them lets go, including when a report or appendix row is
-- deleted (foreign-key cascades fire triggers).

CREATE TABLE media (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    bytes  BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE paper_media (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER REFERENCES reports (id) ON DELETE CASCADE,
    appendix_id INTEGER REFERENCES appendices (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES media (sha256),
    alt         TEXT NOT NULL DEFAULT '',
    CHECK ((report_id IS NULL) <> (appendix_id IS NULL)),
    UNIQUE (report_id, name),
    UNIQUE (appendix_id, name)
);

CREATE INDEX paper_media_sha256 ON paper_media (sha256);

CREATE TRIGGER paper_media_free_bytes AFTER DELETE ON paper_media
BEGIN
    DELETE FROM media
    WHERE sha256 = OLD.sha256
      AND NOT EXISTS (SELECT 1 FROM paper_media WHERE sha256 = OLD.sha256);
END;
