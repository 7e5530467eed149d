-- Recap store, schema version 3: each document's period, so that a list shows it and a period's
-- documents can be found without reading every text.
--
-- period_start and period_end are the first and last day (YYYY-MM-DD) of the `period:` in the
-- document's front matter, derived from the text at each save like title and kind; NULL when it
-- names none. This migration's hook derives them for the documents already stored.
ALTER TABLE documents ADD COLUMN period_start TEXT;
ALTER TABLE documents ADD COLUMN period_end TEXT;
CREATE INDEX documents_by_period ON documents (period_start, period_end);
