-- The council's deadline settings (issue 15): how it counts the clear days the law leaves to
-- it. England's and Wales' periods are working days by the Court of Appeal and have no column.
-- The defaults are the product's reading of the law, so existing councils keep working.
ALTER TABLE council ADD COLUMN scotland_publication_days TEXT NOT NULL DEFAULT 'working'
    CHECK (scotland_publication_days IN ('working', 'calendar'));
ALTER TABLE council ADD COLUMN northern_ireland_clear_days INTEGER NOT NULL DEFAULT 3
    CHECK (northern_ireland_clear_days BETWEEN 3 AND 28);
ALTER TABLE council ADD COLUMN northern_ireland_publication_days TEXT NOT NULL DEFAULT 'working'
    CHECK (northern_ireland_publication_days IN ('working', 'calendar'));
ALTER TABLE council ADD COLUMN key_decision_days TEXT NOT NULL DEFAULT 'calendar'
    CHECK (key_decision_days IN ('working', 'calendar'));
