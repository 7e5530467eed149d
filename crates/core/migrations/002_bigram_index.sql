-- Recap store, schema version 2: an index for search terms of one or two characters.
--
-- The trigram index (doc_fts) cannot match a term shorter than three characters, so 续约 used to
-- be found by scanning every text. doc_bigram indexes the same title and text (rowid =
-- documents.id) as single characters and pairs of adjacent characters, one token each,
-- "续约率" → "续 约 续约 率 约率": a term of one or two characters is one token. The tokens are
-- made by the application (store::search::short_tokens) from the same title and plain text as
-- doc_fts, in the same transaction; this migration's hook indexes the documents already stored.
--
-- Contentless (the texts are in doc_fts already), with deletes (rows are replaced at each save),
-- detail = none (a one-token query needs no positions).
CREATE VIRTUAL TABLE doc_bigram USING fts5 (
    title, text,
    content = '', contentless_delete = 1, detail = none,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER documents_bigram_delete AFTER DELETE ON documents BEGIN
    DELETE FROM doc_bigram WHERE rowid = old.id;
END;

-- No automerge: it merged index segments in bursts (64 pages per index level every 64 pages
-- written) inside whichever save crossed the mark, the slow tail of saving. Segments are merged
-- by the store's background thread when writes pause (store::maintenance), and, when they never
-- pause, by FTS5's crisis merge (a level reaching 16 segments) inside a write.
INSERT INTO doc_fts (doc_fts, rank) VALUES ('automerge', 0);
INSERT INTO doc_bigram (doc_bigram, rank) VALUES ('automerge', 0);
