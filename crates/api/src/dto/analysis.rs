//! What the engine says about the text in the editor: counts against the template, the
//! number and template section of every heading, the blanks of every line, which tables are
//! results tables; and the 体检 findings, each with its place in the document.

use super::common::{BlankSpan, Target};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TargetStatus {
    Under,
    Within,
    Over,
}

impl From<recap_core::count::TargetStatus> for TargetStatus {
    fn from(s: recap_core::count::TargetStatus) -> Self {
        use recap_core::count::TargetStatus as S;
        match s {
            S::Under => TargetStatus::Under,
            S::Within => TargetStatus::Within,
            S::Over => TargetStatus::Over,
        }
    }
}

/// 字数 as Word counts it, and its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub struct TextCount {
    pub chinese_chars: u32,
    pub words: u32,
    pub word_compatible: u32,
}

impl From<recap_core::count::TextCount> for TextCount {
    fn from(c: recap_core::count::TextCount) -> Self {
        TextCount {
            chinese_chars: c.chinese_chars,
            words: c.words,
            word_compatible: c.word_compatible,
        }
    }
}

/// A heading of the document and its section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HeadingView {
    /// Index of the heading among the document's top-level blocks.
    #[ts(type = "number")]
    pub block: usize,
    pub level: u8,
    /// The number export puts before it (一、（一）1.（1）), or null (the title, a number
    /// the user typed, deeper levels).
    pub number: Option<String>,
    /// The heading as typed.
    pub text: String,
    /// Its template section's index, when it is one.
    #[ts(type = "number | null")]
    pub section: Option<usize>,
    /// The template section whose tips apply under this heading (its own, else the nearest
    /// enclosing one's): `[heading index in this list, section index]`.
    #[ts(type = "[number, number] | null")]
    pub guide: Option<(usize, usize)>,
    /// What the writer wrote under it (subsections included, the template's prompts not).
    pub count: TextCount,
    pub target: Option<Target>,
    pub status: Option<TargetStatus>,
    /// The heading announces results: the editor offers the results table under it.
    pub results: bool,
}

/// A top-level table, and whether 完成率 can be computed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct TableView {
    #[ts(type = "number")]
    pub block: usize,
    pub results: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Analysis {
    pub total: TextCount,
    /// Estimated pages on the 公文 grid (22 lines × 28 characters).
    pub pages: u32,
    pub headings: Vec<HeadingView>,
    pub tables: Vec<TableView>,
    /// For each text the editor sent (one per paragraph, heading or cell), its blanks.
    pub blanks: Vec<Vec<BlankSpan>>,
    /// The text holds source markers (a draft from the work log): the export may list them.
    pub sources: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl From<recap_core::check::Severity> for Severity {
    fn from(s: recap_core::check::Severity) -> Self {
        use recap_core::check::Severity as S;
        match s {
            S::Error => Severity::Error,
            S::Warning => Severity::Warning,
            S::Info => Severity::Info,
        }
    }
}

/// Where a finding is: the top-level block, the exact text it is about (empty: the block as
/// a whole) and which occurrence of that text in the block (0 = the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Spot {
    #[ts(type = "number")]
    pub block: usize,
    pub text: String,
    #[ts(type = "number")]
    pub nth: usize,
}

/// One finding of the check (体检).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    /// The rule's stable id: placeholder, vague, empty-section…
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// 1-based line in the Markdown text, front matter included.
    #[ts(type = "number")]
    pub line: usize,
    pub excerpt: String,
    /// Null for what is not in the document's body (its front matter).
    pub spot: Option<Spot>,
}

impl From<recap_core::check::Finding> for Finding {
    fn from(f: recap_core::check::Finding) -> Self {
        Finding {
            rule: f.rule.to_string(),
            severity: f.severity.into(),
            message: f.message,
            line: f.line,
            excerpt: f.excerpt,
            spot: f.spot.map(|s| Spot {
                block: s.block,
                text: s.text,
                nth: s.nth,
            }),
        }
    }
}
