-- Recap store, schema version 1. Times are RFC 3339 UTC strings with milliseconds
-- ("2026-03-01T08:00:00.000Z"), so that text order is time order.

-- One row per document. The text itself lives in `revisions` (the row whose rev = documents.rev);
-- title, kind, template and chinese_chars are derived from it at each save.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    title         TEXT    NOT NULL,
    kind          TEXT,
    template      TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    chinese_chars INTEGER NOT NULL DEFAULT 0,
    rev           INTEGER NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX documents_by_update ON documents (deleted_at, updated_at);

-- Every saved version. An automatic save within 120 s of the creation of the current automatic
-- revision updates it in place (saved_at moves on); any other change adds rev + 1.
CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,
    doc_id        INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    rev           INTEGER NOT NULL,
    body          TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    saved_at      TEXT    NOT NULL,
    chinese_chars INTEGER NOT NULL DEFAULT 0,
    auto          INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1)),
    UNIQUE (doc_id, rev)
);

-- Full-text index: rowid = documents.id; text = Document::plain_text(). Trigram finds any
-- substring of 3+ characters; shorter terms are matched with instr() over the same columns.
CREATE VIRTUAL TABLE doc_fts USING fts5 (title, text, tokenize = 'trigram');

CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    DELETE FROM doc_fts WHERE rowid = old.id;
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE user_templates (
    id         TEXT PRIMARY KEY,
    data       TEXT NOT NULL, -- JSON
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE user_snippets (
    id          INTEGER PRIMARY KEY,
    template_id TEXT,
    section     TEXT,
    lang        TEXT,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX user_snippets_by_section ON user_snippets (template_id, section);
