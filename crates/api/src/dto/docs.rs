//! Documents as the UI sees them: list rows, an open document, its history, a save.

use super::common::{KindView, Lang, PeriodView};
use super::templates::TemplateView;
use recap_core::store as core_store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A row of the library (or of the trash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: Option<KindView>,
    pub template: Option<String>,
    pub period: Option<PeriodView>,
    pub created_at: String,
    pub updated_at: String,
    pub chinese_chars: u32,
    pub rev: u32,
    /// When it went to the trash; null when it is not there.
    pub deleted_at: Option<String>,
}

impl DocInfo {
    pub fn of(d: core_store::DocInfo, lang: recap_core::Lang) -> Self {
        DocInfo {
            id: d.id,
            title: d.title,
            kind: d.kind.map(|k| KindView::of(k, lang)),
            template: d.template,
            period: d.period.map(|p| PeriodView::of(&p, lang)),
            created_at: d.created_at,
            updated_at: d.updated_at,
            chinese_chars: d.chinese_chars,
            rev: d.rev,
            deleted_at: d.deleted_at,
        }
    }
}

/// A document's text as the editor holds it: the front matter block exactly as stored (the
/// editor never reads or writes it; empty when there is none) and the Markdown after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocText {
    pub front: String,
    pub content: String,
    /// A new title to write into the front matter (the user renamed the level-1 heading);
    /// null to keep the front matter as it is.
    #[serde(default)]
    pub title: Option<String>,
}

impl DocText {
    /// The whole text, as the store and every reader take it.
    pub fn compose(&self) -> String {
        match self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(t) => recap_core::meta::join_source(
                &recap_core::meta::with_title(&self.front, t),
                &self.content,
            ),
            None => recap_core::meta::join_source(&self.front, &self.content),
        }
    }

    pub fn split(text: &str) -> Self {
        let (front, content) = recap_core::meta::split_source(text);
        DocText {
            front: front.to_string(),
            content: content.to_string(),
            title: None,
        }
    }
}

/// What the front matter says, read by the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub department: Option<String>,
    pub position: Option<String>,
    pub period: Option<PeriodView>,
    pub kind: Option<KindView>,
    pub template: Option<String>,
    /// The document's own language: its `lang:`, else the app's.
    pub lang: Lang,
}

/// An open document: its row, its text, what its front matter says, and its template (in the
/// document's language) when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocView {
    pub info: DocInfo,
    pub text: DocText,
    pub meta: DocMeta,
    pub template: Option<TemplateView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SaveMode {
    Auto,
    Manual,
}

impl From<SaveMode> for core_store::SaveMode {
    fn from(m: SaveMode) -> Self {
        match m {
            SaveMode::Auto => core_store::SaveMode::Auto,
            SaveMode::Manual => core_store::SaveMode::Manual,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SaveOutcome {
    #[ts(type = "number")]
    pub id: i64,
    pub rev: u32,
    /// false when the text was identical to the saved one (nothing written).
    pub changed: bool,
    pub saved_at: String,
    /// The document's title after the save (what the library and the window show).
    pub title: String,
}

/// The new-document form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewDocument {
    pub template_id: String,
    pub title: String,
    pub author: String,
    pub department: String,
    pub position: String,
    /// A period code (2026, 2026-Q3, 2026-W47, a range); may be empty.
    pub period: String,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub snippet: String,
    /// `[start, end)` UTF-16 offsets into `snippet` of each match.
    #[ts(type = "Array<[number, number]>")]
    pub highlights: Vec<[usize; 2]>,
}

impl From<core_store::SearchHit> for SearchHit {
    fn from(h: core_store::SearchHit) -> Self {
        let highlights = h
            .highlights
            .iter()
            .map(|[s, e]| recap_core::text::chars_to_utf16(&h.snippet, *s, *e))
            .collect();
        SearchHit {
            id: h.id,
            title: h.title,
            snippet: h.snippet,
            highlights,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RevisionInfo {
    pub rev: u32,
    pub saved_at: String,
    pub chinese_chars: u32,
    /// Saved by the editor on its own (not by the user's Ctrl+S).
    pub auto: bool,
}

impl From<core_store::RevisionInfo> for RevisionInfo {
    fn from(r: core_store::RevisionInfo) -> Self {
        RevisionInfo {
            rev: r.rev,
            saved_at: r.saved_at,
            chinese_chars: r.chinese_chars,
            auto: r.auto,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub created_at: String,
    #[ts(type = "number")]
    pub size: u64,
}

impl From<core_store::BackupInfo> for BackupInfo {
    fn from(b: core_store::BackupInfo) -> Self {
        BackupInfo {
            path: b.path.display().to_string(),
            created_at: b.created_at,
            size: b.size,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreOutcome {
    /// Where the store as it was before the restore was kept.
    pub kept_current_as: String,
}

/// Something import did that the user should know (a dropped line, skipped images…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportNote {
    #[ts(type = "number | null")]
    pub line: Option<usize>,
    pub message: String,
}

/// A file turned into a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Imported {
    /// Markdown with front matter (the title when the source had one).
    pub markdown: String,
    pub notes: Vec<ImportNote>,
}

impl From<recap_core::import::Imported> for Imported {
    fn from(i: recap_core::import::Imported) -> Self {
        Imported {
            markdown: i.markdown,
            notes: i
                .notes
                .into_iter()
                .map(|n| ImportNote {
                    line: n.line,
                    message: n.message,
                })
                .collect(),
        }
    }
}

/// Pasted plain text, as the editor should insert it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Pasted {
    /// The text reads as a numbered document (一、（一）… lines): insert `content` as
    /// structure. false: paste the text as it is.
    pub structured: bool,
    /// The Markdown to insert (no front matter). When the document already has a title, the
    /// pasted text's own title line comes as a paragraph: a second title would push every
    /// section one level down.
    pub content: String,
    pub notes: Vec<ImportNote>,
}
