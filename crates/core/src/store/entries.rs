//! The work log in the store: entries, their history and trash, their search indexes, tag and
//! project counts, imports as batches, and the reads drafting needs (schema: migration 004).
//!
//! Every write is one `BEGIN IMMEDIATE` transaction (the connection's default) that writes the
//! entry, its labels and both full-text rows together. An edit moves the old text to
//! `entry_history` first; a delete sets `deleted_at`.

use super::search::{short_tokens, snippet};
use super::{Store, StoredDoc, to_u32, ts};
use crate::error::{Entity, Error, Result};
use crate::worklog::calendar::{DayCount, MonthGrid, grid_range, month_grid};
use crate::worklog::entry::{LabelKind, fold_label, recognise};
use crate::worklog::import::{
    ImportBatch, ImportOutcome, ImportPreview, ItemStatus, SourceKind, source_keys,
};
use crate::worklog::{
    DayEntries, Entry, EntryEdit, EntryHit, EntryQuery, EntryVersion, LabelUse, NewEntry,
};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

/// An entry's text may not be longer than this (a note, not a document).
pub const MAX_ENTRY_BYTES: usize = 64 * 1024;
/// Search hits returned when the query names no limit.
pub const DEFAULT_SEARCH_LIMIT: usize = 200;

const ENTRY_COLS: &str =
    "e.id, e.day, e.text, e.created_at, e.updated_at, e.rev, e.batch_id, e.deleted_at";

fn day(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn entry_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry::from_parts(
        r.get(0)?,
        day(&r.get::<_, String>(1)?)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        to_u32(r.get(5)?),
        r.get(6)?,
        r.get(7)?,
    ))
}

fn no_entry(id: i64) -> Error {
    Error::not_found(Entity::Entry, format!("#{id}"))
}

/// Refuses an empty or oversized text.
fn check_text(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid("text", "''"));
    }
    if text.len() > MAX_ENTRY_BYTES {
        return Err(Error::TooLarge {
            what: "entry",
            size: text.len() as u64,
            limit: MAX_ENTRY_BYTES as u64,
        });
    }
    Ok(())
}

/// Writes entry `id`'s labels and index rows from its text (`fresh`: a new entry).
fn index_entry(tx: &Transaction<'_>, id: i64, text: &str, fresh: bool) -> Result<usize> {
    let r = recognise(text);
    if !fresh {
        tx.prepare_cached("DELETE FROM entry_labels WHERE entry_id = ?1")?
            .execute([id])?;
    }
    let mut put = tx.prepare_cached(
        "INSERT OR IGNORE INTO entry_labels (entry_id, kind, name, folded) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (kind, names) in [(LabelKind::Tag, &r.tags), (LabelKind::Project, &r.projects)] {
        for n in names {
            put.execute(params![id, kind.id(), n, fold_label(n)])?;
        }
    }
    if fresh {
        tx.prepare_cached("INSERT INTO entry_fts (rowid, text) VALUES (?1, ?2)")?
            .execute(params![id, text])?;
    } else {
        tx.prepare_cached("UPDATE entry_fts SET text = ?2 WHERE rowid = ?1")?
            .execute(params![id, text])?;
    }
    tx.prepare_cached("REPLACE INTO entry_bigram (rowid, text) VALUES (?1, ?2)")?
        .execute(params![id, short_tokens(text)])?;
    Ok(r.figures.len())
}

fn insert_entry(
    tx: &Transaction<'_>,
    e: &NewEntry,
    now: &str,
    batch: Option<i64>,
    key: Option<&str>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO entries (day, text, created_at, updated_at, rev, batch_id, source_key)
         VALUES (?1, ?2, ?3, ?3, 1, ?4, ?5)",
    )?
    .execute(params![e.date.to_string(), e.text, now, batch, key])?;
    let id = tx.last_insert_rowid();
    let figures = index_entry(tx, id, &e.text, true)?;
    if figures > 0 {
        tx.prepare_cached("UPDATE entries SET figures = ?2 WHERE id = ?1")?
            .execute(params![id, figures as i64])?;
    }
    Ok(id)
}

fn get_entry(conn: &Connection, id: i64) -> Result<Entry> {
    conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLS} FROM entries e WHERE e.id = ?1"
    ))?
    .query_row([id], entry_row)
    .optional()?
    .ok_or_else(|| no_entry(id))
}

/// A term as an FTS5 string: quoted, inner quotes doubled.
fn fts_string(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The `entry_bigram` token of a term of one or two characters: the last token
/// [`short_tokens`] makes of it (a pair comes after its single characters).
fn short_term_token(term: &str) -> Option<String> {
    let n = term.chars().count();
    if n == 0 || n > 2 {
        return None;
    }
    short_tokens(term).rsplit(' ').next().map(String::from)
}

impl Store {
    /// Stores a new entry.
    pub fn add_entry(&self, e: &NewEntry) -> Result<Entry> {
        check_text(&e.text)?;
        let now = ts(self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id = insert_entry(&tx, e, &now, None, None)?;
        let entry = get_entry(&tx, id)?;
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(entry)
    }

    /// One entry, also one in the trash.
    pub fn entry(&self, id: i64) -> Result<Entry> {
        get_entry(&self.conn(), id)
    }

    /// Changes an entry's date or text; the version it replaces goes to its history. An edit
    /// that changes nothing writes nothing.
    pub fn update_entry(&self, id: i64, edit: &EntryEdit) -> Result<Entry> {
        if let Some(t) = &edit.text {
            check_text(t)?;
        }
        let now = ts(self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let old = get_entry(&tx, id)?;
        let date = edit.date.unwrap_or(old.date);
        let text = edit.text.clone().unwrap_or_else(|| old.text.clone());
        if date == old.date && text == old.text {
            return Ok(old);
        }
        tx.prepare_cached(
            "INSERT INTO entry_history (entry_id, rev, day, text, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, old.rev, old.date.to_string(), old.text, old.updated_at])?;
        let figures = if text != old.text {
            index_entry(&tx, id, &text, false)?
        } else {
            old.figures.len()
        };
        tx.prepare_cached(
            "UPDATE entries SET day = ?2, text = ?3, updated_at = ?4, rev = rev + 1, figures = ?5
             WHERE id = ?1",
        )?
        .execute(params![id, date.to_string(), text, now, figures as i64])?;
        let entry = get_entry(&tx, id)?;
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(entry)
    }

    /// Every version of an entry, the current one first.
    pub fn entry_history(&self, id: i64) -> Result<Vec<EntryVersion>> {
        let conn = self.conn();
        let cur = get_entry(&conn, id)?;
        let mut out = vec![EntryVersion {
            rev: cur.rev,
            date: cur.date,
            text: cur.text,
            saved_at: cur.updated_at,
            current: true,
        }];
        let mut stmt = conn.prepare_cached(
            "SELECT rev, day, text, saved_at FROM entry_history WHERE entry_id = ?1 ORDER BY rev DESC",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(EntryVersion {
                rev: to_u32(r.get(0)?),
                date: day(&r.get::<_, String>(1)?)?,
                text: r.get(2)?,
                saved_at: r.get(3)?,
                current: false,
            })
        })?;
        for v in rows {
            out.push(v?);
        }
        Ok(out)
    }

    fn set_deleted(&self, id: i64, deleted: bool) -> Result<Entry> {
        let now = ts(self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = if deleted {
            tx.prepare_cached(
                "UPDATE entries SET deleted_at = coalesce(deleted_at, ?2) WHERE id = ?1",
            )?
            .execute(params![id, now])?
        } else {
            tx.prepare_cached("UPDATE entries SET deleted_at = NULL WHERE id = ?1")?
                .execute([id])?
        };
        if n == 0 {
            return Err(no_entry(id));
        }
        let entry = get_entry(&tx, id)?;
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(entry)
    }

    /// Moves an entry to the trash (undo with [`Store::restore_entry`]).
    pub fn delete_entry(&self, id: i64) -> Result<Entry> {
        self.set_deleted(id, true)
    }

    /// Takes an entry out of the trash.
    pub fn restore_entry(&self, id: i64) -> Result<Entry> {
        self.set_deleted(id, false)
    }

    /// Entries in the trash, the most recently deleted first.
    pub fn entry_trash(&self) -> Result<Vec<Entry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLS} FROM entries e WHERE e.deleted_at IS NOT NULL
             ORDER BY e.deleted_at DESC, e.id DESC"
        ))?;
        let rows = stmt
            .query_map([], entry_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Deletes for good the entries trashed before `cutoff` (RFC 3339), with their history and
    /// index rows; returns how many.
    pub fn purge_entry_trash(&self, cutoff: &str) -> Result<usize> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let n = tx.execute(
            "DELETE FROM entries WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
            [cutoff],
        )?;
        tx.commit()?;
        drop(conn);
        if n > 0 {
            self.wrote();
        }
        Ok(n)
    }

    /// The live entries of one day, the newest first (the capture view's list).
    pub fn entries_of_day(&self, date: NaiveDate) -> Result<Vec<Entry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLS} FROM entries e WHERE e.day = ?1 AND e.deleted_at IS NULL
             ORDER BY e.created_at DESC, e.id DESC"
        ))?;
        let rows = stmt
            .query_map([date.to_string()], entry_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The live entries from `from` to `to` (both included), oldest first.
    pub fn entries_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Entry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLS} FROM entries e
             WHERE e.day BETWEEN ?1 AND ?2 AND e.deleted_at IS NULL ORDER BY e.day, e.id"
        ))?;
        let rows = stmt
            .query_map([from.to_string(), to.to_string()], entry_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The live entries of a date range grouped by day (days without entries left out), in
    /// one query: the week view and a day's jump target.
    pub fn entries_by_day(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayEntries>> {
        let mut out: Vec<DayEntries> = Vec::new();
        for e in self.entries_between(from, to)? {
            match out.last_mut() {
                Some(d) if d.date == e.date => d.entries.push(e),
                _ => out.push(DayEntries {
                    date: e.date,
                    entries: vec![e],
                }),
            }
        }
        Ok(out)
    }

    /// How many live entries each day from `from` to `to` holds (days without any left out).
    pub fn entry_day_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayCount>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT day, count(*) FROM entries
             WHERE day BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY day ORDER BY day",
        )?;
        let rows = stmt
            .query_map([from.to_string(), to.to_string()], |r| {
                Ok(DayCount {
                    date: day(&r.get::<_, String>(0)?)?,
                    count: to_u32(r.get(1)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// A month of the calendar, Monday first, with each day's count.
    pub fn entry_calendar(&self, year: i32, month: u32, today: NaiveDate) -> Result<MonthGrid> {
        let (start, end) = grid_range(year, month)?;
        let counts = self.entry_day_counts(start, end)?;
        month_grid(year, month, &counts, today)
    }

    /// Live entries matching every text term, every tag and every project of `q`, within its
    /// dates; the newest first.
    pub fn search_entries(&self, q: &EntryQuery) -> Result<Vec<EntryHit>> {
        let terms: Vec<String> = q.text.split_whitespace().map(String::from).collect();
        let mut params: Vec<Value> = Vec::new();
        let mut param = |v: Value| {
            params.push(v);
            format!("?{}", params.len())
        };
        let mut filters = vec!["e.deleted_at IS NULL".to_string()];
        let mut long = Vec::new();
        let mut short = Vec::new();
        for t in &terms {
            match short_term_token(t) {
                Some(token) => short.push(fts_string(&token)),
                None => long.push(fts_string(t)),
            }
        }
        if !long.is_empty() {
            filters.push(format!(
                "e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH {})",
                param(Value::Text(long.join(" AND ")))
            ));
        }
        if !short.is_empty() {
            filters.push(format!(
                "e.id IN (SELECT rowid FROM entry_bigram WHERE entry_bigram MATCH {})",
                param(Value::Text(short.join(" AND ")))
            ));
        }
        for (kind, names) in [(LabelKind::Tag, &q.tags), (LabelKind::Project, &q.projects)] {
            for n in names {
                let folded = fold_label(n);
                if folded.is_empty() {
                    continue;
                }
                filters.push(format!(
                    "e.id IN (SELECT entry_id FROM entry_labels WHERE kind = '{}' AND folded = {})",
                    kind.id(),
                    param(Value::Text(folded))
                ));
            }
        }
        if let Some(f) = q.from {
            filters.push(format!("e.day >= {}", param(Value::Text(f.to_string()))));
        }
        if let Some(t) = q.to {
            filters.push(format!("e.day <= {}", param(Value::Text(t.to_string()))));
        }
        if filters.len() == 1 {
            // Nothing asked: nothing found (as for documents).
            return Ok(Vec::new());
        }
        let limit = if q.limit == 0 {
            DEFAULT_SEARCH_LIMIT
        } else {
            q.limit.min(10_000)
        };
        let limit_p = param(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT {ENTRY_COLS} FROM entries e WHERE {} ORDER BY e.day DESC, e.id DESC LIMIT {limit_p}",
            filters.join(" AND ")
        );
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), entry_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|entry| {
                let (snippet, highlights) = snippet(&entry.text, &terms);
                EntryHit {
                    entry,
                    snippet,
                    highlights,
                }
            })
            .collect())
    }

    /// Tag or project names of live entries starting with `prefix` (any case, `#`/`@` optional),
    /// the most used first, then the most recently used.
    pub fn entry_labels(
        &self,
        kind: LabelKind,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<LabelUse>> {
        let p = fold_label(prefix);
        let upper = format!("{p}\u{10FFFF}");
        let conn = self.conn();
        // With one max() aggregate, SQLite takes the bare `name` from the row that holds the
        // max: the spelling of the most recent use.
        let mut stmt = conn.prepare_cached(
            "SELECT l.name, count(*) AS n, max(e.day || printf('%012d', e.id)) AS last
             FROM entry_labels l JOIN entries e ON e.id = l.entry_id
             WHERE l.kind = ?1 AND l.folded >= ?2 AND l.folded < ?3 AND e.deleted_at IS NULL
             GROUP BY l.folded ORDER BY n DESC, last DESC LIMIT ?4",
        )?;
        let rows = stmt
            .query_map(
                params![kind.id(), p, upper, limit.min(10_000) as i64],
                |r| {
                    let last: String = r.get(2)?;
                    Ok(LabelUse {
                        kind,
                        name: r.get(0)?,
                        count: to_u32(r.get(1)?),
                        last_date: day(last.get(..10).unwrap_or(""))?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Marks each item of a preview new, already in the log, or in the trash.
    pub fn mark_import_status(&self, preview: &mut ImportPreview) -> Result<()> {
        let dated: Vec<(usize, NewEntry)> = preview
            .items
            .iter()
            .enumerate()
            .filter_map(|(k, i)| {
                Some((
                    k,
                    NewEntry {
                        date: i.date?,
                        text: i.text.clone(),
                    },
                ))
            })
            .collect();
        let entries: Vec<NewEntry> = dated.iter().map(|(_, e)| e.clone()).collect();
        let keys = source_keys(&entries);
        let conn = self.conn();
        let mut find = conn.prepare_cached(
            "SELECT id, deleted_at IS NOT NULL FROM entries WHERE source_key = ?1",
        )?;
        for ((k, _), key) in dated.iter().zip(&keys) {
            let found: Option<(i64, bool)> = find
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            preview.items[*k].status = match found {
                None => ItemStatus::New,
                Some((id, false)) => ItemStatus::Duplicate { entry_id: id },
                Some((id, true)) => ItemStatus::InTrash { entry_id: id },
            };
        }
        Ok(())
    }

    /// Stores the confirmed entries of one import in one transaction: new ones added, ones
    /// imported before skipped (or taken back out of the trash), all under one batch.
    pub fn import_entries(
        &self,
        kind: SourceKind,
        source: &str,
        entries: &[NewEntry],
    ) -> Result<ImportOutcome> {
        for e in entries {
            check_text(&e.text)?;
        }
        let keys = source_keys(entries);
        let now = ts(self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.prepare_cached(
            "INSERT INTO entry_batches (source, kind, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![source, kind.id(), now])?;
        let batch = tx.last_insert_rowid();
        let (mut added, mut restored, mut skipped) = (0u32, 0u32, 0u32);
        for (e, key) in entries.iter().zip(&keys) {
            let found: Option<(i64, bool)> = tx
                .prepare_cached(
                    "SELECT id, deleted_at IS NOT NULL FROM entries WHERE source_key = ?1",
                )?
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                None => {
                    insert_entry(&tx, e, &now, Some(batch), Some(key))?;
                    added += 1;
                }
                Some((_, false)) => skipped += 1,
                Some((id, true)) => {
                    tx.prepare_cached(
                        "UPDATE entries SET deleted_at = NULL, batch_id = ?2 WHERE id = ?1",
                    )?
                    .execute(params![id, batch])?;
                    restored += 1;
                }
            }
        }
        let batch_id = if added + restored == 0 {
            tx.execute("DELETE FROM entry_batches WHERE id = ?1", [batch])?;
            None
        } else {
            tx.execute(
                "UPDATE entry_batches SET added = ?2, restored = ?3, skipped = ?4 WHERE id = ?1",
                params![batch, added, restored, skipped],
            )?;
            Some(batch)
        };
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(ImportOutcome {
            batch_id,
            added,
            restored,
            skipped,
        })
    }

    /// Undoes an import as a whole: its entries still live go to the trash (restorable); returns
    /// how many. Undoing an import twice changes nothing.
    pub fn undo_import(&self, batch_id: i64) -> Result<usize> {
        let now = ts(self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let exists: Option<Option<String>> = tx
            .query_row(
                "SELECT undone_at FROM entry_batches WHERE id = ?1",
                [batch_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(undone) = exists else {
            return Err(Error::not_found(
                Entity::ImportBatch,
                format!("#{batch_id}"),
            ));
        };
        if undone.is_some() {
            return Ok(0);
        }
        let n = tx.execute(
            "UPDATE entries SET deleted_at = ?2 WHERE batch_id = ?1 AND deleted_at IS NULL",
            params![batch_id, now],
        )?;
        tx.execute(
            "UPDATE entry_batches SET undone_at = ?2 WHERE id = ?1",
            params![batch_id, now],
        )?;
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(n)
    }

    /// The imports, the newest first.
    pub fn import_batches(&self) -> Result<Vec<ImportBatch>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, kind, source, created_at, added, restored, skipped, undone_at
             FROM entry_batches ORDER BY id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ImportBatch {
                    id: r.get(0)?,
                    kind: SourceKind::from_id(&r.get::<_, String>(1)?).unwrap_or(SourceKind::Paste),
                    source: r.get(2)?,
                    created_at: r.get(3)?,
                    added: to_u32(r.get(4)?),
                    restored: to_u32(r.get(5)?),
                    skipped: to_u32(r.get(6)?),
                    undone_at: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The current text of every live document of the given kinds (`weekly`, `monthly`…):
    /// the reports drafting reads.
    pub fn documents_of_kinds(&self, kinds: &[&str]) -> Result<Vec<StoredDoc>> {
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=kinds.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "SELECT {}, r.body FROM documents d
             JOIN revisions r ON r.doc_id = d.id AND r.rev = d.rev
             WHERE d.deleted_at IS NULL AND d.kind IN ({}) ORDER BY d.id",
            super::documents::DOC_COLS,
            marks.join(", ")
        );
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(kinds.iter()), |r| {
                Ok(StoredDoc {
                    info: super::documents::doc_info(r)?,
                    body: r.get(super::documents::DOC_COLS_COUNT)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// How many live entries the log holds.
    pub fn entry_count(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as u64)
    }
}
