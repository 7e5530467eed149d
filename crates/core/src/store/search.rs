//! Full-text search over titles and plain text.
//!
//! The index is an FTS5 table with the trigram tokenizer, which finds any substring of three
//! or more characters (Chinese has no spaces to split words on). Shorter terms (续约) cannot go
//! through a trigram MATCH, so they are matched with `instr()` over the same columns.

use super::{SearchHit, Store};
use crate::error::Result;
use rusqlite::types::Value;

/// Characters of plain text shown around the first match.
const SNIPPET_CHARS: usize = 40;
/// Characters of context kept before the first match when the text is cut.
const SNIPPET_BEFORE: usize = 12;

/// A term as an FTS5 string: quoted, inner quotes doubled.
fn fts_string(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// Case folding that keeps one character for one (so offsets survive).
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// The SQL for `column` compared case-insensitively with `term` (ASCII folding, as SQLite's
/// `lower()` does): the column as is when the term has no ASCII letter, which spares copying
/// every text (Chinese terms).
fn folded(column: &str, term: &str) -> String {
    if term.bytes().any(|b| b.is_ascii_alphabetic()) {
        format!("lower({column})")
    } else {
        column.to_string()
    }
}

/// Every `[start, end)` char range where `needle` occurs in `hay`.
fn find_all(hay: &[char], needle: &[char]) -> Vec<[usize; 2]> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .map(|i| [i, i + needle.len()])
        .collect()
}

/// About [`SNIPPET_CHARS`] characters of `text` around the first match of any term, with the
/// matches' char offsets within the snippet.
pub(super) fn snippet(text: &str, terms: &[String]) -> (String, Vec<[usize; 2]>) {
    let chars: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let folded: Vec<char> = chars.iter().copied().map(fold).collect();
    let needles: Vec<Vec<char>> = terms
        .iter()
        .map(|t| t.chars().map(fold).collect())
        .collect();
    let mut matches: Vec<[usize; 2]> = needles.iter().flat_map(|n| find_all(&folded, n)).collect();
    matches.sort_unstable();
    let n = chars.len();
    let (start, end) = match matches.first() {
        Some(&[s, e]) => {
            let start = s.saturating_sub(SNIPPET_BEFORE);
            let end = (start + SNIPPET_CHARS).max(e).min(n);
            (end.saturating_sub(SNIPPET_CHARS).min(start), end)
        }
        None => (0, SNIPPET_CHARS.min(n)),
    };
    let mut out = String::new();
    let mut shift = 0;
    if start > 0 {
        out.push('…');
        shift = 1;
    }
    out.extend(&chars[start..end]);
    if end < n {
        out.push('…');
    }
    let mut highlights: Vec<[usize; 2]> = Vec::new();
    for [s, e] in matches.into_iter().filter(|&[s, e]| s >= start && e <= end) {
        let (s, e) = (s - start + shift, e - start + shift);
        match highlights.last_mut() {
            Some(last) if s <= last[1] => last[1] = last[1].max(e),
            _ => highlights.push([s, e]),
        }
    }
    (out, highlights)
}

impl Store {
    /// Finds documents (not in the trash) holding every whitespace-separated term of `query`
    /// in their title or text, case-insensitively. Documents whose title holds more of the
    /// terms come first, then the most recently updated. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let terms: Vec<String> = query.split_whitespace().map(String::from).collect();
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let (long, short): (Vec<&String>, Vec<&String>) =
            terms.iter().partition(|t| t.chars().count() >= 3);
        let mut params: Vec<Value> = Vec::new();
        let mut param = |v: Value| {
            params.push(v);
            format!("?{}", params.len())
        };
        // Title hits: how many terms the title holds (lower() folds ASCII only, as instr()
        // itself is case-sensitive; the trigram MATCH folds all of Unicode).
        let title_hits: Vec<String> = terms
            .iter()
            .map(|t| {
                format!(
                    "(instr({}, {}) > 0)",
                    folded("f.title", t),
                    param(Value::Text(t.to_ascii_lowercase()))
                )
            })
            .collect();
        let mut filters = vec!["d.deleted_at IS NULL".to_string()];
        if !long.is_empty() {
            let expr = long
                .iter()
                .map(|t| fts_string(t))
                .collect::<Vec<_>>()
                .join(" AND ");
            // The left of MATCH is the table's hidden column of its own name.
            filters.push(format!("f.doc_fts MATCH {}", param(Value::Text(expr))));
        }
        for t in &short {
            let p = param(Value::Text(t.to_ascii_lowercase()));
            filters.push(format!(
                "(instr({}, {p}) > 0 OR instr({}, {p}) > 0)",
                folded("f.title", t),
                folded("f.text", t)
            ));
        }
        let limit_p = param(Value::Integer(limit.min(10_000) as i64));
        // The sort holds only ids and titles; the texts are read for the hits kept.
        let sql = format!(
            "SELECT d.id, d.title, {} AS title_hits
             FROM doc_fts AS f JOIN documents d ON d.id = f.rowid
             WHERE {}
             ORDER BY title_hits DESC, d.updated_at DESC, d.id DESC
             LIMIT {limit_p}",
            title_hits.join(" + "),
            filters.join(" AND "),
        );
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut text_of = conn.prepare("SELECT text FROM doc_fts WHERE rowid = ?1")?;
        rows.into_iter()
            .map(|(id, title)| {
                let text: String = text_of.query_row([id], |r| r.get(0))?;
                let (snippet, highlights) = snippet(&text, &terms);
                Ok(SearchHit {
                    id,
                    title,
                    snippet,
                    highlights,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_snippet_marks_matches_by_char_offset() {
        let text = "第一段。\n\n今年我们完成了三个大客户的续约，客户健康度整体提升，续约率达到百分之九十。后面还有很多很多的文字用来把片段截断。";
        let (s, h) = snippet(text, &["续约".to_string()]);
        let chars: Vec<char> = s.chars().collect();
        assert!(!h.is_empty());
        for [a, b] in &h {
            assert_eq!(chars[*a..*b].iter().collect::<String>(), "续约");
        }
        assert!(s.chars().count() <= SNIPPET_CHARS + 2);
        assert!(s.ends_with('…'));
        let (s, h) = snippet("Alpha beta GAMMA", &["gamma".to_string()]);
        assert_eq!(s, "Alpha beta GAMMA");
        assert_eq!(h, vec![[11, 16]]);
        let (s, h) = snippet("没有匹配", &["续约".to_string()]);
        assert_eq!((s.as_str(), h.len()), ("没有匹配", 0));
    }

    #[test]
    fn store_fts_strings_are_quoted() {
        assert_eq!(fts_string("a\"b"), "\"a\"\"b\"");
    }
}
