-- Recap store: the work log (记录). Entries are short dated notes; each keeps the text exactly as
-- the user wrote it, its older texts (history is never rewritten: an edit adds a version), and a
-- trash time (delete is soft). Times are RFC 3339 UTC strings as in 001; `day` is the user's
-- local date of the work, YYYY-MM-DD, so that text order is date order.

-- One row per import (a paste, a text file, a folder of daily notes, a CSV or XLSX): undoing an
-- import moves its entries to the trash as a whole.
CREATE TABLE entry_batches (
    id         INTEGER PRIMARY KEY,
    source     TEXT    NOT NULL, -- the file or folder as given, or "paste"
    kind       TEXT    NOT NULL, -- paste | text | folder | csv | xlsx
    created_at TEXT    NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    restored   INTEGER NOT NULL DEFAULT 0, -- taken back out of the trash by this import
    skipped    INTEGER NOT NULL DEFAULT 0, -- already in the log
    undone_at  TEXT
);

CREATE TABLE entries (
    id          INTEGER PRIMARY KEY,
    day         TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    rev         INTEGER NOT NULL DEFAULT 1,
    -- How many figures (42 家, 92.9%) the text holds, so that results can be found by SQL.
    figures     INTEGER NOT NULL DEFAULT 0,
    deleted_at  TEXT,
    batch_id    INTEGER REFERENCES entry_batches (id),
    -- An imported entry's stable key (hash of its date, text and rank among equal ones in its
    -- source): a second import of the same source finds it and adds nothing. NULL when typed.
    source_key  TEXT UNIQUE
);
-- The calendar, the day lists and drafting read live entries by date range.
CREATE INDEX entries_by_day ON entries (day, id) WHERE deleted_at IS NULL;
CREATE INDEX entries_by_batch ON entries (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX entries_in_trash ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

-- The texts an entry had before each edit: version `rev` was current from its saved_at until the
-- next version. The current text is in entries.
CREATE TABLE entry_history (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    rev      INTEGER NOT NULL,
    day      TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    saved_at TEXT    NOT NULL,
    PRIMARY KEY (entry_id, rev)
) WITHOUT ROWID;

-- #tags and @projects of the current texts, for filtering and completion. `name` as written,
-- `folded` the key they are matched and counted by (worklog::entry::fold_label).
CREATE TABLE entry_labels (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL CHECK (kind IN ('tag', 'project')),
    name     TEXT    NOT NULL,
    folded   TEXT    NOT NULL,
    PRIMARY KEY (kind, folded, entry_id)
) WITHOUT ROWID;
CREATE INDEX entry_labels_by_entry ON entry_labels (entry_id);

-- Full-text search of entries, as for documents (002): trigrams for terms of three characters
-- or more (rowid = entries.id; keeps the text for snippets), and a contentless index of single
-- characters and pairs (store::search::short_tokens) for terms of one or two.
CREATE VIRTUAL TABLE entry_fts USING fts5 (text, tokenize = 'trigram');
CREATE VIRTUAL TABLE entry_bigram USING fts5 (
    text,
    content = '', contentless_delete = 1, detail = none,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER entries_index_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entry_fts WHERE rowid = old.id;
    DELETE FROM entry_bigram WHERE rowid = old.id;
END;
