//! Full-text search over titles and plain text.
//!
//! Two FTS5 indexes hold the same title and plain text of every document:
//!
//! - `doc_fts`, with the trigram tokenizer, finds any substring of three or more characters
//!   (Chinese has no spaces to split words on). It also keeps the texts, for the snippets.
//! - `doc_bigram` finds terms of one or two characters (续约), which a trigram MATCH cannot:
//!   every character and every pair of adjacent characters is one token ([`short_tokens`]).
//!   It is contentless.
//!
//! Every write of a document's text goes through [`write_index`], in the transaction that
//! stores the text; deleting a document removes its index rows by triggers.

use super::{SearchHit, Store};
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, Transaction, params};
use std::collections::HashSet;
use std::fmt::Write as _;

/// Characters of plain text shown around the first match.
const SNIPPET_CHARS: usize = 40;
/// Characters of context kept before the first match when the text is cut.
const SNIPPET_BEFORE: usize = 12;

/// Does the `unicode61` tokenizer certainly read `c` (folded) as a letter or digit and leave it
/// as it is? Such characters, alone or in pairs, are indexed as they are ("续约"); others are
/// spelled out in hexadecimal ([`token`]), so that every term of one or two characters,
/// punctuation and rare characters included, is exactly one token.
fn plain_token_char(c: char) -> bool {
    matches!(c,
        '0'..='9' | 'a'..='z'
        | '\u{3041}'..='\u{3096}' // hiragana
        | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' // katakana, prolonged sound mark
        | '\u{3400}'..='\u{4DBF}' // CJK unified ideographs extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7A3}' // hangul syllables
    )
}

/// Appends the token of one or two folded characters: the characters themselves, or, when one
/// is not a [`plain_token_char`], each as `x` and at least two hexadecimal digits. A spelled
/// out token is at least three characters long, so never equal to a plain one, and holds one
/// `x` per character, so a single never equals a pair.
fn token(chars: &[char], out: &mut String) {
    if chars.iter().all(|&c| plain_token_char(c)) {
        out.extend(chars);
    } else {
        for &c in chars {
            let _ = write!(out, "x{:02x}", u32::from(c));
        }
    }
}

/// What `doc_bigram` indexes for a title or a plain text: the token of every character and of
/// every pair of adjacent characters, white space excepted (a search term never holds any),
/// ASCII letters folded to lower case as the search folds short terms; each distinct token
/// once, separated by spaces. "续约率 Q3" → "续 约 续约 率 约率 q 3 q3".
pub(super) fn short_tokens(text: &str) -> String {
    let mut seen: HashSet<(char, Option<char>)> = HashSet::new();
    let mut out = String::new();
    let mut push = |chars: &[char], out: &mut String| {
        if seen.insert((chars[0], chars.get(1).copied())) {
            if !out.is_empty() {
                out.push(' ');
            }
            token(chars, out);
        }
    };
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c.is_whitespace() {
            prev = None;
            continue;
        }
        let c = c.to_ascii_lowercase();
        push(&[c], &mut out);
        if let Some(p) = prev {
            push(&[p, c], &mut out);
        }
        prev = Some(c);
    }
    out
}

/// The `doc_bigram` token to look up for a term of one or two characters.
fn short_term_token(term: &str) -> Option<String> {
    let chars: Vec<char> = term.chars().map(|c| c.to_ascii_lowercase()).collect();
    if chars.is_empty() || chars.len() > 2 {
        return None;
    }
    let mut out = String::new();
    token(&chars, &mut out);
    Some(out)
}

/// Writes document `id`'s rows in both full-text indexes from its title and plain text
/// (`fresh`: a new document, else its rows are replaced). Every path that stores a text calls
/// this in its transaction.
pub(super) fn write_index(
    tx: &Transaction<'_>,
    id: i64,
    title: &str,
    plain: &str,
    fresh: bool,
) -> rusqlite::Result<()> {
    if fresh {
        tx.prepare_cached("INSERT INTO doc_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
            .execute(params![id, title, plain])?;
    } else {
        tx.prepare_cached("UPDATE doc_fts SET title = ?2, text = ?3 WHERE rowid = ?1")?
            .execute(params![id, title, plain])?;
    }
    write_short_tokens(tx, id, title, plain)
}

/// Writes (or replaces) document `id`'s row in `doc_bigram`.
fn write_short_tokens(
    conn: &Connection,
    id: i64,
    title: &str,
    plain: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached("REPLACE INTO doc_bigram (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![id, short_tokens(title), short_tokens(plain)])?;
    Ok(())
}

/// Fills `doc_bigram` from `doc_fts` (migration 002, for the documents stored before it), then
/// merges it into one segment.
pub(super) fn fill_bigram_index(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT rowid, title, text FROM doc_fts")?;
    let mut rows = read.query([])?;
    let mut any = false;
    while let Some(r) = rows.next()? {
        write_short_tokens(
            tx,
            r.get(0)?,
            &r.get::<_, String>(1)?,
            &r.get::<_, String>(2)?,
        )?;
        any = true;
    }
    if any {
        tx.execute(
            "INSERT INTO doc_bigram (doc_bigram) VALUES ('optimize')",
            [],
        )?;
    }
    Ok(())
}

/// A term as an FTS5 string: quoted, inner quotes doubled.
fn fts_string(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// An FTS5 query for rows holding every one of `terms`.
fn fts_all<'a>(terms: impl Iterator<Item = &'a str>) -> String {
    terms.map(fts_string).collect::<Vec<_>>().join(" AND ")
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
        let mut long: Vec<&str> = Vec::new();
        let mut short: Vec<String> = Vec::new();
        for t in &terms {
            match short_term_token(t) {
                Some(token) => short.push(token),
                None => long.push(t),
            }
        }
        let mut params: Vec<Value> = Vec::new();
        let mut param = |v: Value| {
            params.push(v);
            format!("?{}", params.len())
        };
        // Title hits: how many terms the title holds (lower() folds ASCII only, as instr()
        // itself is case-sensitive; the trigram MATCH folds all of Unicode). documents.title
        // is the title the indexes hold, read without their rows.
        let title_hits: Vec<String> = terms
            .iter()
            .map(|t| {
                format!(
                    "(instr({}, {}) > 0)",
                    folded("d.title", t),
                    param(Value::Text(t.to_ascii_lowercase()))
                )
            })
            .collect();
        // The unary + keeps the planner off the documents_by_update index (it would walk every
        // document, testing each against the matches): the matching rowids drive the lookups.
        let mut filters = vec!["+d.deleted_at IS NULL".to_string()];
        if !long.is_empty() {
            filters.push(format!(
                "d.id IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH {})",
                param(Value::Text(fts_all(long.into_iter())))
            ));
        }
        if !short.is_empty() {
            filters.push(format!(
                "d.id IN (SELECT rowid FROM doc_bigram WHERE doc_bigram MATCH {})",
                param(Value::Text(fts_all(short.iter().map(String::as_str))))
            ));
        }
        let limit_p = param(Value::Integer(limit.min(10_000) as i64));
        // With a LIMIT, SQLite's sorter keeps only the best `limit` rows as it goes (a bounded
        // top-N, not a sort of every match). It holds ids and titles; the texts are read for
        // the hits kept.
        let sql = format!(
            "SELECT d.id, d.title, {} AS title_hits
             FROM documents d
             WHERE {}
             ORDER BY title_hits DESC, d.updated_at DESC, d.id DESC
             LIMIT {limit_p}",
            title_hits.join(" + "),
            filters.join(" AND "),
        );
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut text_of = conn.prepare_cached("SELECT text FROM doc_fts WHERE rowid = ?1")?;
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
    fn store_short_tokens_are_characters_and_adjacent_pairs() {
        assert_eq!(short_tokens("续约率 Q3"), "续 约 续约 率 约率 q 3 q3");
        assert_eq!(short_tokens("续约续约"), "续 约 续约 约续");
        assert_eq!(short_tokens("续\n约"), "续 约");
        // Tokens with punctuation (or other characters) are spelled out.
        assert_eq!(short_tokens("约，"), "约 xff0c x7ea6xff0c");
        assert_eq!(short_tokens("a\0b"), "a x00 x61x00 b x00x62");
        assert_eq!(short_term_token("AI").as_deref(), Some("ai"));
        assert_eq!(short_term_token("，客").as_deref(), Some("xff0cx5ba2"));
        assert_eq!(short_term_token("续").as_deref(), Some("续"));
        assert_eq!(short_term_token("，").as_deref(), Some("xff0c"));
        assert_eq!(short_term_token("续约率"), None);
        assert_eq!(short_term_token(""), None);
    }

    /// Every token must reach the index as one token, unchanged, or a short search would miss
    /// or mismatch: checked against the tokenizer itself, for every plain character.
    #[test]
    fn store_short_tokens_pass_the_tokenizer_unchanged() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(super::super::file::migrate(&mut conn).is_ok());
        let ranges = [
            ('0', '9'),
            ('a', 'z'),
            ('\u{3041}', '\u{3096}'),
            ('\u{30A1}', '\u{30FA}'),
            ('\u{30FC}', '\u{30FC}'),
            ('\u{3400}', '\u{4DBF}'),
            ('\u{4E00}', '\u{9FFF}'),
            ('\u{AC00}', '\u{D7A3}'),
        ];
        let plain: Vec<char> = ranges.iter().flat_map(|&(a, b)| a..=b).collect();
        assert!(plain.iter().all(|&c| plain_token_char(c)));
        let mut expected: HashSet<String> = HashSet::new();
        for (i, &c) in plain.iter().enumerate() {
            for chars in [&[c][..], &[c, plain[(i * 7919) % plain.len()]]] {
                let mut t = String::new();
                token(chars, &mut t);
                expected.insert(t);
            }
        }
        let odd: [&[char]; 6] = [
            &['约', '，'],
            &['A', '。'],
            &['\0', 'x'],
            &['𠀀', '𪚥'],
            &['é'],
            &['\0'],
        ];
        for chars in odd {
            let mut t = String::new();
            token(chars, &mut t);
            expected.insert(t);
        }
        let text = expected.iter().cloned().collect::<Vec<_>>().join(" ");
        conn.execute(
            "INSERT INTO doc_bigram (rowid, title, text) VALUES (1, '', ?1)",
            [&text],
        )
        .unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, doc_bigram, row);")
            .unwrap();
        let mut stmt = conn.prepare("SELECT term FROM temp.v").unwrap();
        let got: HashSet<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(got.len(), expected.len());
        assert!(got == expected, "tokens changed by the tokenizer");
    }

    #[test]
    fn store_fts_strings_are_quoted() {
        assert_eq!(fts_string("a\"b"), "\"a\"\"b\"");
    }
}
