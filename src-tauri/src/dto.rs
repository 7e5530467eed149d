//! Transport types: what crosses IPC, separate from the engine's domain types so that a change
//! inside recap-core cannot silently change the UI's contract. Each is converted from (or into)
//! its domain type here, and the TypeScript declarations in `ui/src/lib/api/bindings.ts` are
//! generated from these definitions (`RECAP_BLESS=1 cargo test -p recap-desktop bindings`);
//! a test fails when the committed file and these types drift apart.

use recap_core::count::{self as core_count};
use recap_core::store as core_store;
use recap_core::{meta, style, template};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Every rejection of a command: a stable code, a message in the user's language, and whether
/// the same request may succeed later by itself (the UI retries a failed save only then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub transient: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Lang {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
}

impl From<recap_core::Lang> for Lang {
    fn from(l: recap_core::Lang) -> Self {
        match l {
            recap_core::Lang::ZhHans => Lang::ZhHans,
            recap_core::Lang::ZhHant => Lang::ZhHant,
            recap_core::Lang::En => Lang::En,
        }
    }
}

impl From<Lang> for recap_core::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::ZhHans => recap_core::Lang::ZhHans,
            Lang::ZhHant => recap_core::Lang::ZhHant,
            Lang::En => recap_core::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Annual,
    HalfYear,
    Quarterly,
    Monthly,
    Weekly,
    Probation,
    DutyReport,
    ProjectRetro,
    Other,
}

impl From<meta::Kind> for Kind {
    fn from(k: meta::Kind) -> Self {
        match k {
            meta::Kind::Annual => Kind::Annual,
            meta::Kind::HalfYear => Kind::HalfYear,
            meta::Kind::Quarterly => Kind::Quarterly,
            meta::Kind::Monthly => Kind::Monthly,
            meta::Kind::Weekly => Kind::Weekly,
            meta::Kind::Probation => Kind::Probation,
            meta::Kind::DutyReport => Kind::DutyReport,
            meta::Kind::ProjectRetro => Kind::ProjectRetro,
            meta::Kind::Other => Kind::Other,
        }
    }
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub lang: Lang,
    /// Something the store reported on open (recovered from damage…), or null.
    pub store_notice: Option<ApiError>,
}

/// A moment of the page's start (the startup log): `at` in milliseconds since the Unix epoch,
/// as the page's clock (`performance.timeOrigin + mark`) gives it.
#[derive(Debug, Deserialize, TS)]
pub struct StartupMark {
    pub name: String,
    pub at: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Target {
    pub min: u32,
    pub max: u32,
}

impl From<template::Target> for Target {
    fn from(t: template::Target) -> Self {
        Target {
            min: t.min,
            max: t.max,
        }
    }
}

#[derive(Debug, Serialize, TS)]
pub struct SectionView {
    pub title: String,
    pub level: u8,
    pub prompt: String,
    pub tips: Vec<String>,
    pub target: Option<Target>,
    pub snippets: Vec<String>,
}

#[derive(Debug, Serialize, TS)]
pub struct TemplateView {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub description: String,
    pub sections: Vec<SectionView>,
}

impl From<template::TemplateView> for TemplateView {
    fn from(t: template::TemplateView) -> Self {
        TemplateView {
            id: t.id,
            name: t.name,
            kind: t.kind.into(),
            description: t.description,
            sections: t
                .sections
                .into_iter()
                .map(|s| SectionView {
                    title: s.title,
                    level: s.level,
                    prompt: s.prompt,
                    tips: s.tips,
                    target: s.target.map(Into::into),
                    snippets: s.snippets,
                })
                .collect(),
        }
    }
}

/// The new-document form.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewDocument {
    pub template_id: String,
    pub title: String,
    pub author: String,
    pub department: String,
    pub position: String,
    /// 2026, 2026-H1, 2026-Q3, 2026-03, 2026-W47 or "2026-01-01 至 2026-12-31"; may be empty.
    pub period: String,
    pub lang: Lang,
}

#[derive(Debug, Serialize, TS)]
pub struct DocInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: Option<String>,
    pub template: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub chinese_chars: u32,
    pub rev: u32,
    pub deleted_at: Option<String>,
}

impl From<core_store::DocInfo> for DocInfo {
    fn from(d: core_store::DocInfo) -> Self {
        DocInfo {
            id: d.id,
            title: d.title,
            kind: d.kind,
            template: d.template,
            created_at: d.created_at,
            updated_at: d.updated_at,
            chinese_chars: d.chinese_chars,
            rev: d.rev,
            deleted_at: d.deleted_at,
        }
    }
}

/// A document with its Markdown text (front matter included), exactly as saved.
#[derive(Debug, Serialize, TS)]
pub struct StoredDoc {
    #[serde(flatten)]
    pub info: DocInfo,
    pub body: String,
}

impl From<core_store::StoredDoc> for StoredDoc {
    fn from(d: core_store::StoredDoc) -> Self {
        StoredDoc {
            info: d.info.into(),
            body: d.body,
        }
    }
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

#[derive(Debug, Serialize, TS)]
pub struct SaveOutcome {
    #[ts(type = "number")]
    pub id: i64,
    pub rev: u32,
    /// false when the text was identical to the saved one (nothing written).
    pub changed: bool,
    pub saved_at: String,
}

impl From<core_store::SaveOutcome> for SaveOutcome {
    fn from(o: core_store::SaveOutcome) -> Self {
        SaveOutcome {
            id: o.id,
            rev: o.rev,
            changed: o.changed,
            saved_at: o.saved_at,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TargetStatus {
    Under,
    Within,
    Over,
}

impl From<core_count::TargetStatus> for TargetStatus {
    fn from(s: core_count::TargetStatus) -> Self {
        match s {
            core_count::TargetStatus::Under => TargetStatus::Under,
            core_count::TargetStatus::Within => TargetStatus::Within,
            core_count::TargetStatus::Over => TargetStatus::Over,
        }
    }
}

#[derive(Debug, Serialize, TS)]
pub struct SectionCount {
    pub title: String,
    pub level: u8,
    /// Index of the heading among the document's top-level blocks.
    #[ts(type = "number")]
    pub block: usize,
    pub chinese_chars: u32,
    pub words: u32,
    pub word_compatible: u32,
    pub target: Option<Target>,
    pub status: Option<TargetStatus>,
    /// The heading announces results or highlights: the editor offers the results table.
    pub results: bool,
}

#[derive(Debug, Serialize, TS)]
pub struct Counts {
    pub chinese_chars: u32,
    pub words: u32,
    pub word_compatible: u32,
    /// Estimated pages on the 公文 grid (22 lines × 28 characters).
    pub pages: u32,
    pub sections: Vec<SectionCount>,
}

impl From<core_count::Counts> for Counts {
    fn from(c: core_count::Counts) -> Self {
        Counts {
            chinese_chars: c.total.chinese_chars,
            words: c.total.words,
            word_compatible: c.total.word_compatible,
            pages: c.pages,
            sections: c
                .sections
                .into_iter()
                .map(|s| SectionCount {
                    title: s.title,
                    level: s.level,
                    block: s.block,
                    chinese_chars: s.count.chinese_chars,
                    words: s.count.words,
                    word_compatible: s.count.word_compatible,
                    target: s.target.map(Into::into),
                    status: s.status.map(Into::into),
                    results: s.results,
                })
                .collect(),
        }
    }
}

/// The number the 公文 style puts before a top-level heading.
#[derive(Debug, Serialize, TS)]
pub struct HeadingNumber {
    /// Index among the document's top-level blocks.
    #[ts(type = "number")]
    pub block: usize,
    pub level: u8,
    /// 一、 （一） 1. （1）, or null (the title, deeper levels, a number the user typed).
    pub number: Option<String>,
    pub title: String,
}

#[derive(Debug, Serialize, TS)]
pub struct Analysis {
    pub counts: Counts,
    pub headings: Vec<HeadingNumber>,
}

#[derive(Debug, Serialize, TS)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub snippet: String,
    /// [start, end) character offsets into `snippet`.
    #[ts(type = "Array<[number, number]>")]
    pub highlights: Vec<[usize; 2]>,
}

impl From<core_store::SearchHit> for SearchHit {
    fn from(h: core_store::SearchHit) -> Self {
        SearchHit {
            id: h.id,
            title: h.title,
            snippet: h.snippet,
            highlights: h.highlights,
        }
    }
}

#[derive(Debug, Serialize, TS)]
pub struct RevisionInfo {
    pub rev: u32,
    pub saved_at: String,
    pub chinese_chars: u32,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StyleId {
    Gov,
    Business,
    Plain,
}

impl From<StyleId> for style::StyleId {
    fn from(s: StyleId) -> Self {
        match s {
            StyleId::Gov => style::StyleId::Gov,
            StyleId::Business => style::StyleId::Business,
            StyleId::Plain => style::StyleId::Plain,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Docx,
    Pdf,
    Html,
}

impl From<ExportFormat> for recap_export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Docx => recap_export::Format::Docx,
            ExportFormat::Pdf => recap_export::Format::Pdf,
            ExportFormat::Html => recap_export::Format::Html,
        }
    }
}

#[derive(Debug, Deserialize, TS)]
pub struct ExportOptions {
    pub style: StyleId,
    pub cover: bool,
    pub toc: bool,
    pub header: Option<String>,
    pub page_numbers: bool,
    pub signature: bool,
    /// YYYY-MM-DD, or null for today.
    pub date: Option<String>,
    pub lang: Lang,
    /// Font role id (title, heading1, body…) -> family name.
    pub fonts: BTreeMap<String, String>,
}

impl ExportOptions {
    /// The writers' options; a date that is not YYYY-MM-DD is refused.
    pub fn into_export(self) -> recap_core::Result<recap_export::ExportOptions> {
        let date = self
            .date
            .filter(|d| !d.trim().is_empty())
            .map(|d| {
                chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|e| {
                    recap_core::Error::Invalid {
                        field: "date",
                        reason: format!("{d}: {e}"),
                    }
                })
            })
            .transpose()?;
        Ok(recap_export::ExportOptions {
            style: self.style.into(),
            cover: self.cover,
            toc: self.toc,
            header: self.header.filter(|h| !h.trim().is_empty()),
            page_numbers: self.page_numbers,
            signature: self.signature,
            date,
            lang: self.lang.into(),
            fonts: self.fonts,
        })
    }
}

#[derive(Debug, Serialize, TS)]
pub struct ExportResult {
    pub path: String,
}

#[derive(Debug, Serialize, TS)]
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

#[derive(Debug, Serialize, TS)]
pub struct RestoreOutcome {
    /// Where the store as it was before the restore was kept.
    pub kept_current_as: String,
}

impl From<core_store::RestoreOutcome> for RestoreOutcome {
    fn from(r: core_store::RestoreOutcome) -> Self {
        RestoreOutcome {
            kept_current_as: r.kept_current_as.display().to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One finding of the check (体检).
#[derive(Debug, Serialize, TS)]
pub struct Finding {
    /// The rule's stable id: placeholder, vague, empty-section…
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// 1-based line in the Markdown text, front matter included.
    #[ts(type = "number")]
    pub line: usize,
    pub excerpt: String,
}

impl From<recap_core::check::Finding> for Finding {
    fn from(f: recap_core::check::Finding) -> Self {
        Finding {
            rule: f.rule.to_string(),
            severity: match f.severity {
                recap_core::check::Severity::Error => Severity::Error,
                recap_core::check::Severity::Warning => Severity::Warning,
                recap_core::check::Severity::Info => Severity::Info,
            },
            message: f.message,
            line: f.line,
            excerpt: f.excerpt,
        }
    }
}

/// Something import did that the user should know (a dropped line, skipped images…).
#[derive(Debug, Serialize, TS)]
pub struct ImportNote {
    #[ts(type = "number | null")]
    pub line: Option<usize>,
    pub message: String,
}

/// A file or a pasted text turned into Markdown.
#[derive(Debug, Serialize, TS)]
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

/// The declarations of every transport type, in one TypeScript module.
#[cfg(test)]
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::default();
    let decls = [
        ApiError::decl(&cfg),
        Lang::decl(&cfg),
        Kind::decl(&cfg),
        AppInfo::decl(&cfg),
        StartupMark::decl(&cfg),
        Target::decl(&cfg),
        SectionView::decl(&cfg),
        TemplateView::decl(&cfg),
        NewDocument::decl(&cfg),
        DocInfo::decl(&cfg),
        StoredDoc::decl(&cfg),
        SaveMode::decl(&cfg),
        SaveOutcome::decl(&cfg),
        TargetStatus::decl(&cfg),
        SectionCount::decl(&cfg),
        Counts::decl(&cfg),
        HeadingNumber::decl(&cfg),
        Analysis::decl(&cfg),
        SearchHit::decl(&cfg),
        RevisionInfo::decl(&cfg),
        StyleId::decl(&cfg),
        ExportFormat::decl(&cfg),
        ExportOptions::decl(&cfg),
        ExportResult::decl(&cfg),
        BackupInfo::decl(&cfg),
        RestoreOutcome::decl(&cfg),
        Severity::decl(&cfg),
        Finding::decl(&cfg),
        ImportNote::decl(&cfg),
        Imported::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from src-tauri/src/dto.rs by ts-rs; do not edit by hand.\n\
         // Regenerate: RECAP_BLESS=1 cargo test -p recap-desktop bindings\n",
    );
    for d in decls {
        out.push_str("\nexport ");
        out.push_str(&d);
        out.push('\n');
    }
    out
}
