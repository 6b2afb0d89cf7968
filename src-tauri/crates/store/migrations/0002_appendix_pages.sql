-- AgendaPack schema, version 2: the page count of an attached PDF appendix, measured when the
-- file is attached (so the app can show it without parsing the PDF again). NULL for PDFs
-- imported before this version or from an interchange document, which does not carry it.
ALTER TABLE appendices ADD COLUMN pages INTEGER CHECK (pages IS NULL OR (pages > 0 AND kind = 'pdf'));
