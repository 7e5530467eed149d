//! Documents, their revisions and the trash.

use super::search;
use super::{
    COALESCE_SECS, DocInfo, MAX_BODY_BYTES, RevisionInfo, SaveMode, SaveOutcome, Store, StoredDoc,
    UNTITLED, parse_ts, to_u32, ts,
};
use crate::error::{Entity, Error, Result};
use crate::kind::Kind;
use crate::period::Period;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// What the store keeps beside the text, derived from it at each save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Derived {
    pub title: String,
    pub kind: Option<Kind>,
    pub template: Option<String>,
    pub period: Option<Period>,
    pub chinese_chars: u32,
    /// `Document::plain_text()`, for the full-text index.
    pub plain: String,
}

/// Derives title, kind, template, period, count and plain text from a document's Markdown.
/// Front matter YAML cannot read is read leniently (see [`crate::meta::read_front_matter`]):
/// a document is always stored.
pub(super) fn derive(markdown: &str) -> Derived {
    let doc = crate::markdown::parse(markdown).unwrap_or_default();
    let title = doc.display_title().trim().to_string();
    Derived {
        title: if title.is_empty() {
            UNTITLED.to_string()
        } else {
            title
        },
        kind: doc.meta.kind,
        template: doc
            .meta
            .template
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from),
        period: doc.meta.period,
        chinese_chars: crate::count::count(&doc).total.chinese_chars,
        plain: doc.plain_text(),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn period_days(p: Option<Period>) -> (Option<String>, Option<String>) {
    (p.map(|p| day(p.start)), p.map(|p| day(p.end)))
}

fn read_period(start: Option<String>, end: Option<String>) -> Option<Period> {
    let parse = |s: Option<String>| NaiveDate::parse_from_str(&s?, "%Y-%m-%d").ok();
    Period::new(parse(start)?, parse(end)?).ok()
}

/// Schema 3's hook: the period of every document already stored, from its current text.
pub(super) fn fill_periods(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare(
            "SELECT d.id, r.body FROM documents d JOIN revisions r
             ON r.doc_id = d.id AND r.rev = d.rev",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        tx.prepare("UPDATE documents SET period_start = ?2, period_end = ?3 WHERE id = ?1")?;
    for (id, body) in rows {
        let (start, end) = period_days(crate::meta::split_front_matter(&body).0.period);
        if start.is_some() {
            update.execute(params![id, start, end])?;
        }
    }
    Ok(())
}

fn check_size(markdown: &str) -> Result<()> {
    let size = markdown.len() as u64;
    if size > MAX_BODY_BYTES {
        return Err(Error::TooLarge {
            what: "document",
            size,
            limit: MAX_BODY_BYTES,
        });
    }
    Ok(())
}

/// How many columns [`DOC_COLS`] names: a query selecting more reads them from this index on.
pub(super) const DOC_COLS_COUNT: usize = 11;

pub(super) const DOC_COLS: &str = "d.id, d.title, d.kind, d.template, d.created_at, d.updated_at, d.chinese_chars, d.rev, d.deleted_at, d.period_start, d.period_end";

pub(super) fn doc_info(r: &Row<'_>) -> rusqlite::Result<DocInfo> {
    Ok(DocInfo {
        id: r.get(0)?,
        title: r.get(1)?,
        // A kind this build does not know (written by a newer one) reads as none.
        kind: r
            .get::<_, Option<String>>(2)?
            .and_then(|k| k.parse::<Kind>().ok()),
        template: r.get(3)?,
        period: read_period(r.get(9)?, r.get(10)?),
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        chinese_chars: to_u32(r.get(6)?),
        rev: to_u32(r.get(7)?),
        deleted_at: r.get(8)?,
    })
}

fn insert_doc(tx: &Transaction<'_>, markdown: &str, d: &Derived, now: &str) -> Result<DocInfo> {
    let (start, end) = period_days(d.period);
    tx.prepare_cached(
        "INSERT INTO documents (title, kind, template, created_at, updated_at, chinese_chars, rev,
         period_start, period_end)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, 1, ?6, ?7)",
    )?
    .execute(params![
        d.title,
        d.kind.map(Kind::id),
        d.template,
        now,
        d.chinese_chars,
        start,
        end
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO revisions (doc_id, rev, body, created_at, saved_at, chinese_chars, auto)
         VALUES (?1, 1, ?2, ?3, ?3, ?4, 0)",
    )?
    .execute(params![id, markdown, now, d.chinese_chars])?;
    search::write_index(tx, id, &d.title, &d.plain, true)?;
    Ok(DocInfo {
        id,
        title: d.title.clone(),
        kind: d.kind,
        template: d.template.clone(),
        period: d.period,
        created_at: now.to_string(),
        updated_at: now.to_string(),
        chinese_chars: d.chinese_chars,
        rev: 1,
        deleted_at: None,
    })
}

/// May an automatic save at `now` update the current revision in place?
fn coalesces(
    mode: SaveMode,
    current_auto: bool,
    current_created: &str,
    now: DateTime<Utc>,
) -> bool {
    mode == SaveMode::Auto
        && current_auto
        && parse_ts(current_created)
            .is_some_and(|c| now >= c && now - c < Duration::seconds(COALESCE_SECS))
}

impl Store {
    /// Stores a new document (revision 1).
    pub fn add(&self, markdown: &str) -> Result<DocInfo> {
        self.add_many(&[markdown])?
            .pop()
            .ok_or_else(|| Error::invalid("document", "nothing was added"))
    }

    /// Stores several new documents in one transaction: all of them or none (an import).
    pub fn add_many<S: AsRef<str>>(&self, markdowns: &[S]) -> Result<Vec<DocInfo>> {
        let mut prepared = Vec::with_capacity(markdowns.len());
        for m in markdowns {
            let m = m.as_ref();
            check_size(m)?;
            prepared.push((m, derive(m)));
        }
        let now = ts(self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut out = Vec::with_capacity(prepared.len());
        for (m, d) in &prepared {
            out.push(insert_doc(&tx, m, d, &now)?);
        }
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(out)
    }

    /// A document and its current text; also a document in the trash.
    pub fn get(&self, id: i64) -> Result<StoredDoc> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {DOC_COLS}, r.body FROM documents d
             JOIN revisions r ON r.doc_id = d.id AND r.rev = d.rev WHERE d.id = ?1"
        );
        conn.query_row(&sql, [id], |r| {
            Ok(StoredDoc {
                info: doc_info(r)?,
                body: r.get(DOC_COLS_COUNT)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Document, id))
    }

    /// Saves a new text for a document, in one transaction. Identical text writes nothing
    /// (`changed: false`). [`SaveMode::Auto`] within [`COALESCE_SECS`] of the creation of the
    /// current automatic revision updates it; anything else adds a revision. A document in the
    /// trash can be saved (it stays in the trash): the newest text is never refused.
    pub fn save(&self, id: i64, markdown: &str, mode: SaveMode) -> Result<SaveOutcome> {
        check_size(markdown)?;
        let d = derive(markdown);
        let now_t = self.now();
        let now = ts(now_t);
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let current = tx
            .prepare_cached(
                "SELECT d.rev, d.updated_at, r.body, r.auto, r.created_at FROM documents d
                 JOIN revisions r ON r.doc_id = d.id AND r.rev = d.rev WHERE d.id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .optional()?;
        let Some((rev, updated_at, body, auto, created)) = current else {
            return Err(Error::not_found(Entity::Document, id));
        };
        if body == markdown {
            return Ok(SaveOutcome {
                id,
                rev: to_u32(rev),
                changed: false,
                saved_at: updated_at,
                title: d.title,
            });
        }
        let new_rev = if coalesces(mode, auto, &created, now_t) {
            tx.prepare_cached(
                "UPDATE revisions SET body = ?3, saved_at = ?4, chinese_chars = ?5
                 WHERE doc_id = ?1 AND rev = ?2",
            )?
            .execute(params![id, rev, markdown, now, d.chinese_chars])?;
            rev
        } else {
            tx.prepare_cached(
                "INSERT INTO revisions (doc_id, rev, body, created_at, saved_at, chinese_chars, auto)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
            )?
            .execute(params![id, rev + 1, markdown, now, d.chinese_chars, mode == SaveMode::Auto])?;
            rev + 1
        };
        let (start, end) = period_days(d.period);
        tx.prepare_cached(
            "UPDATE documents SET title = ?2, kind = ?3, template = ?4, updated_at = ?5,
             chinese_chars = ?6, rev = ?7, period_start = ?8, period_end = ?9 WHERE id = ?1",
        )?
        .execute(params![
            id,
            d.title,
            d.kind.map(Kind::id),
            d.template,
            now,
            d.chinese_chars,
            new_rev,
            start,
            end
        ])?;
        search::write_index(&tx, id, &d.title, &d.plain, false)?;
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(SaveOutcome {
            id,
            rev: to_u32(new_rev),
            changed: true,
            saved_at: now,
            title: d.title,
        })
    }

    /// Documents not in the trash, the most recently updated first.
    pub fn list(&self) -> Result<Vec<DocInfo>> {
        self.query_docs("d.deleted_at IS NULL ORDER BY d.updated_at DESC, d.id DESC")
    }

    /// Documents in the trash, the most recently deleted first.
    pub fn trash(&self) -> Result<Vec<DocInfo>> {
        self.query_docs("d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.id DESC")
    }

    fn query_docs(&self, filter: &str) -> Result<Vec<DocInfo>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {DOC_COLS} FROM documents d WHERE {filter}"
        ))?;
        let rows = stmt
            .query_map([], doc_info)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn exists(conn: &rusqlite::Connection, id: i64) -> Result<()> {
        conn.query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .ok_or_else(|| Error::not_found(Entity::Document, id))
    }

    /// A document's revisions, the newest first.
    pub fn history(&self, id: i64) -> Result<Vec<RevisionInfo>> {
        let conn = self.conn();
        Self::exists(&conn, id)?;
        let mut stmt = conn.prepare(
            "SELECT rev, saved_at, chinese_chars, auto FROM revisions WHERE doc_id = ?1 ORDER BY rev DESC",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(RevisionInfo {
                    rev: to_u32(r.get(0)?),
                    saved_at: r.get(1)?,
                    chinese_chars: to_u32(r.get(2)?),
                    auto: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The text of one revision.
    pub fn revision(&self, id: i64, rev: u32) -> Result<String> {
        let conn = self.conn();
        let body = conn
            .query_row(
                "SELECT body FROM revisions WHERE doc_id = ?1 AND rev = ?2",
                params![id, rev],
                |r| r.get::<_, String>(0),
            )
            .optional()?;
        match body {
            Some(b) => Ok(b),
            None => {
                Self::exists(&conn, id)?;
                Err(Error::not_found(Entity::Revision, format!("{id}@{rev}")))
            }
        }
    }

    /// Makes an old revision's text current again, as a new revision: history is never
    /// rewritten. Reverting to the current text changes nothing.
    pub fn revert(&self, id: i64, rev: u32) -> Result<SaveOutcome> {
        let body = self.revision(id, rev)?;
        self.save(id, &body, SaveMode::Manual)
    }

    /// Moves a document to the trash. Deleting a trashed document keeps its first deletion time.
    pub fn delete(&self, id: i64) -> Result<()> {
        let now = ts(self.now());
        let conn = self.conn();
        let n = conn.execute(
            "UPDATE documents SET deleted_at = coalesce(deleted_at, ?2) WHERE id = ?1",
            params![id, now],
        )?;
        if n == 0 {
            return Err(Error::not_found(Entity::Document, id));
        }
        drop(conn);
        self.wrote();
        Ok(())
    }

    /// Takes a document out of the trash (a no-op for a document not in it).
    pub fn undelete(&self, id: i64) -> Result<()> {
        let conn = self.conn();
        let n = conn.execute("UPDATE documents SET deleted_at = NULL WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::not_found(Entity::Document, id));
        }
        drop(conn);
        self.wrote();
        Ok(())
    }

    /// Deletes a trashed document for good, with all its revisions. Refused for a document
    /// that is not in the trash.
    pub fn purge(&self, id: i64) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let deleted_at: Option<Option<String>> = tx
            .query_row(
                "SELECT deleted_at FROM documents WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        match deleted_at {
            None => return Err(Error::not_found(Entity::Document, id)),
            Some(None) => {
                return Err(Error::invalid(
                    "purge",
                    format!("document {id} is not in the trash; delete it first"),
                ));
            }
            Some(Some(_)) => {}
        }
        // Revisions go by the foreign key's cascade, the index rows by triggers.
        tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        tx.commit()?;
        drop(conn);
        self.wrote();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_doc_cols_count_names_every_column() {
        assert_eq!(DOC_COLS.split(',').count(), DOC_COLS_COUNT);
    }

    #[test]
    fn store_lists_each_documents_period_and_schema_3_derives_it_for_old_documents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::super::DB_FILE);
        {
            // A store written by schema 2, before periods were kept.
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            let two = super::super::file::migration_list()
                .into_iter()
                .take(2)
                .collect();
            rusqlite_migration::Migrations::new(two)
                .to_latest(&mut conn)
                .unwrap();
            conn.execute(
                "INSERT INTO documents (id, title, kind, created_at, updated_at, rev)
                 VALUES (1, '周报', 'weekly', '2026-11-20T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 1)",
                [],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO revisions (doc_id, rev, body, created_at, saved_at)
                 VALUES (1, 1, '---\nkind: weekly\nperiod: 2026-W47\n---\n# 周报\n', 'x', 'x')",
                [],
            )
            .unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        let listed = store.list().unwrap();
        assert_eq!(listed[0].period, Some(Period::parse("2026-W47").unwrap()));
        assert_eq!(listed[0].kind, Some(Kind::Weekly));
        let new = store
            .add("---\nperiod: 2026-Q3\nkind: quarterly\n---\n# 三季度\n")
            .unwrap();
        assert_eq!(new.period.map(|p| p.code()), Some("2026-Q3".into()));
        store
            .save(
                new.id,
                "---\nperiod: 2026-Q4\n---\n# 四季度\n",
                SaveMode::Manual,
            )
            .unwrap();
        let again = store.get(new.id).unwrap();
        assert_eq!(again.info.period.map(|p| p.code()), Some("2026-Q4".into()));
        assert_eq!(again.info.kind, None);
        assert!(again.body.contains("四季度"));
    }

    #[test]
    fn store_derives_metadata_even_from_a_malformed_front_matter() {
        let d = derive(
            "---\ntitle: 年度总结\nkind: annual\ntemplate: t1\n---\n\n# 标题\n\n今年完成了续约。\n",
        );
        assert_eq!(d.title, "年度总结");
        assert_eq!(d.kind, Some(Kind::Annual));
        assert_eq!(d.template.as_deref(), Some("t1"));
        assert!(d.plain.contains("今年完成了续约"));
        // What YAML cannot read is read leniently: the title as the text written, a kind
        // that means nothing left out.
        let bad =
            derive("---\ntitle: [unclosed\nkind: yearly\n---\n# 季度复盘\n\n正文八个汉字在此。\n");
        assert_eq!(bad.title, "[unclosed");
        assert_eq!(bad.kind, None);
        assert!(bad.chinese_chars >= 8);
        assert_eq!(derive("只有正文").title, UNTITLED);
        assert_eq!(derive("").title, UNTITLED);
    }
}
