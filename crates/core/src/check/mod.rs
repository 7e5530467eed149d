//! The 体检 check: rules over a document that tell a finished summary from a draft.
//!
//! Each rule has a stable id (scripts and the UI match on it), a severity, a message in the
//! user's language, the 1-based line in the Markdown source (front matter lines counted, so
//! the editor can jump there) and an excerpt. Rules live one group per file; this file reads
//! the document into [`Unit`]s (one per paragraph, list item, heading or table row, each
//! with its line) that the rules scan.

mod dates;
mod duplicate;
mod metadata;
mod placeholder;
mod script;
mod sections;
mod vague;

use crate::error::Result;
use crate::lang::Lang;
use crate::model::{Block, Document, inline_text};
use crate::style::StyleId;
use crate::template::{self, Template};
use crate::text::is_cjk_char;
use serde::Serialize;

/// Every rule id, in the order a report lists them for the same line.
pub const RULES: [&str; 11] = [
    metadata::ID,
    placeholder::ID,
    vague::ID,
    sections::EMPTY,
    sections::SHORT,
    sections::MISSING,
    sections::RESULTS,
    sections::PLAN,
    script::ID,
    dates::ID,
    duplicate::ID,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One problem found. Serialised with exactly these five fields (the CLI's `--json`
/// contract); `spot` is for an editor, which shows the document, not its source lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// 1-based line in the Markdown source.
    pub line: usize,
    pub excerpt: String,
    #[serde(skip)]
    pub spot: Option<Spot>,
}

/// Where a finding is in the document model: the top-level block, the exact text it is about
/// (empty: the block as a whole) and which occurrence of that text in the block's visible
/// text (0 = the first). An editor finds it there without reading Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spot {
    pub block: usize,
    pub text: String,
    pub nth: usize,
}

impl Spot {
    /// The block as a whole (a heading, a section's place).
    pub fn block(block: usize) -> Self {
        Spot {
            block,
            text: String::new(),
            nth: 0,
        }
    }
}

impl Severity {
    /// The severity's name in `lang`, as the check panel and the CLI show it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("错误", "錯誤", "error"),
            Severity::Warning => lang.pick("警告", "警告", "warning"),
            Severity::Info => lang.pick("提示", "提示", "info"),
        }
    }
}

/// A rule's name in `lang`, for lists and filters (the message says what is wrong).
pub fn rule_label(rule: &str, lang: Lang) -> &'static str {
    match rule {
        metadata::ID => lang.pick("元数据", "中繼資料", "Metadata"),
        placeholder::ID => lang.pick("未填写的占位", "未填寫的預留位置", "Unfilled blank"),
        vague::ID => lang.pick("笼统的说法", "籠統的說法", "Vague claim"),
        sections::EMPTY => lang.pick("空章节", "空章節", "Empty section"),
        sections::SHORT => lang.pick("篇幅不足", "篇幅不足", "Short section"),
        sections::MISSING => lang.pick("缺少的章节", "缺少的章節", "Missing section"),
        sections::RESULTS => lang.pick("成果没有数字", "成果沒有數字", "Results without figures"),
        sections::PLAN => lang.pick("计划没有时间", "計畫沒有時間", "Plan without dates"),
        script::ID => lang.pick("简繁混用", "簡繁混用", "Mixed scripts"),
        dates::ID => lang.pick("日期写法", "日期寫法", "Date form"),
        duplicate::ID => lang.pick("重复的段落", "重複的段落", "Repeated paragraph"),
        _ => lang.pick("其他", "其他", "Other"),
    }
}

/// What a check run returns; `{"findings": [...]}` as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Language of the messages.
    pub lang: Lang,
    /// The export style the document is headed for; `date-format` applies to 公文 only.
    /// `None`: no style chosen, date forms are not checked.
    pub style: Option<StyleId>,
    /// User templates, for documents made from one (`template:` in the front matter).
    pub user_templates: Vec<Template>,
}

/// Checks a Markdown document (front matter included).
pub fn check(markdown: &str, opts: &CheckOptions) -> Result<Report> {
    let (doc, block_lines) = crate::markdown::parse_with_lines(markdown)?;
    let ctx = Ctx::new(&doc, markdown, block_lines, opts);
    let mut findings = Vec::new();
    placeholder::run(&ctx, &mut findings);
    vague::run(&ctx, &mut findings);
    sections::run(&ctx, &mut findings);
    script::run(&ctx, &mut findings);
    dates::run(&ctx, &mut findings);
    duplicate::run(&ctx, &mut findings);
    metadata::run(&ctx, markdown, &mut findings);
    let order = |id: &str| RULES.iter().position(|r| *r == id).unwrap_or(RULES.len());
    // Stable: findings of one rule on one line stay in the order of the text.
    findings.sort_by_key(|f| (f.line, order(f.rule)));
    Ok(Report { findings })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Heading(u8),
    Paragraph,
    /// The first paragraph of a list item, or a paragraph inside one.
    Item,
    TableRow,
}

/// A piece of visible text the rules scan, with where it is.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub text: String,
    pub kind: UnitKind,
    /// Index of the top-level block it belongs to.
    pub block: usize,
    /// 1-based source line where it starts.
    pub line: usize,
}

pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub opts: &'a CheckOptions,
    pub lang: Lang,
    source: Vec<&'a str>,
    block_lines: Vec<usize>,
    pub units: Vec<Unit>,
    /// The document's template, when its front matter names one that exists.
    pub template: Option<Template>,
}

impl<'a> Ctx<'a> {
    fn new(
        doc: &'a Document,
        markdown: &'a str,
        block_lines: Vec<usize>,
        opts: &'a CheckOptions,
    ) -> Self {
        let template = template::for_document(&doc.meta, &opts.user_templates);
        let mut ctx = Ctx {
            doc,
            opts,
            lang: opts.lang,
            source: markdown.lines().collect(),
            block_lines,
            units: Vec::new(),
            template,
        };
        let mut units = Vec::new();
        for (i, b) in doc.blocks.iter().enumerate() {
            ctx.collect(i, b, false, &mut units);
        }
        ctx.units = units;
        ctx
    }

    fn collect(&self, block: usize, b: &Block, in_item: bool, out: &mut Vec<Unit>) {
        let push = |text: String, kind: UnitKind, out: &mut Vec<Unit>| {
            if text.trim().is_empty() {
                return;
            }
            let from = out
                .iter()
                .rev()
                .find(|u| u.block == block)
                .map_or_else(|| self.block_line(block), |u| u.line);
            let line = self.locate_from(block, from, &text);
            out.push(Unit {
                text,
                kind,
                block,
                line,
            });
        };
        match b {
            Block::Heading { level, content } => {
                push(inline_text(content), UnitKind::Heading(*level), out)
            }
            Block::Paragraph { content } => {
                let kind = if in_item {
                    UnitKind::Item
                } else {
                    UnitKind::Paragraph
                };
                push(inline_text(content), kind, out)
            }
            Block::List { items, .. } => {
                for item in items {
                    for inner in &item.blocks {
                        self.collect(block, inner, true, out);
                    }
                }
            }
            Block::Quote { blocks } => {
                for inner in blocks {
                    self.collect(block, inner, in_item, out);
                }
            }
            Block::Table { head, rows, .. } => {
                for row in std::iter::once(head).chain(rows) {
                    let cells: Vec<String> = row.iter().map(|c| inline_text(c)).collect();
                    push(cells.join("  "), UnitKind::TableRow, out);
                }
            }
            Block::Code { .. } | Block::Html { .. } | Block::Rule => {}
        }
    }

    /// The source line where top-level block `block` starts.
    pub fn block_line(&self, block: usize) -> usize {
        self.block_lines.get(block).copied().unwrap_or(1)
    }

    /// The last source line of top-level block `block`.
    fn block_end(&self, block: usize) -> usize {
        self.block_lines
            .get(block + 1)
            .map_or(self.source.len(), |next| next.saturating_sub(1))
            .max(self.block_line(block))
    }

    /// The first line from `from` to the end of the block that holds `needle` (or its first
    /// few characters, in case the source escapes something); `from` when none does.
    pub fn locate_from(&self, block: usize, from: usize, needle: &str) -> usize {
        let end = self.block_end(block);
        let needle = needle.trim();
        let short: String = needle
            .chars()
            .skip_while(|c| !c.is_alphanumeric())
            .take_while(|c| c.is_alphanumeric() || is_cjk_char(*c))
            .take(6)
            .collect();
        for probe in [needle, short.as_str()] {
            if probe.is_empty() {
                continue;
            }
            for n in from..=end {
                if self
                    .source
                    .get(n.saturating_sub(1))
                    .is_some_and(|l| l.contains(probe))
                {
                    return n;
                }
            }
        }
        from
    }

    /// The line of a match inside a unit: the unit's first line holding `needle`.
    pub fn line_in(&self, unit: &Unit, needle: &str) -> usize {
        self.locate_from(unit.block, unit.line, needle)
    }

    /// Where `unit.text[start..end]` is, as a [`Spot`]: its block, the text, and how many times
    /// the same text came earlier in that block.
    pub fn spot_in(&self, unit: &Unit, start: usize, end: usize) -> Option<Spot> {
        let needle = unit.text.get(start..end)?;
        if needle.is_empty() {
            return Some(Spot::block(unit.block));
        }
        let before: usize = self
            .units
            .iter()
            .take_while(|u| !std::ptr::eq(*u, unit))
            .filter(|u| u.block == unit.block)
            .map(|u| u.text.matches(needle).count())
            .sum();
        let here = unit
            .text
            .get(..start)
            .map_or(0, |t| t.matches(needle).count());
        Some(Spot {
            block: unit.block,
            text: needle.to_string(),
            nth: before + here,
        })
    }

    /// The whole unit as a spot.
    pub fn spot_of(&self, unit: &Unit) -> Option<Spot> {
        self.spot_in(unit, 0, unit.text.len())
    }

    /// The last top-level block (where a missing section would go at the end).
    pub fn last_block(&self) -> usize {
        self.doc.blocks.len().saturating_sub(1)
    }

    /// The last line of the source (where a missing section would go at the end).
    pub fn last_line(&self) -> usize {
        self.source.len().max(1)
    }
}

/// Up to `n` characters either side of `text[start..end]`, on one line: what a finding shows.
pub(crate) fn excerpt(text: &str, start: usize, end: usize, n: usize) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..start].chars().rev().take(n).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[end..].chars().take(n).collect();
    let lead = if before.len() < start { "…" } else { "" };
    let tail = if after.len() < text.len() - end {
        "…"
    } else {
        ""
    };
    format!("{lead}{before}{}{after}{tail}", &text[start..end])
        .replace(['\n', '\t'], " ")
        .trim()
        .to_string()
}

/// The first `n` characters of a text, on one line.
pub(crate) fn head(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > n {
        format!("{}…", one.chars().take(n).collect::<String>())
    } else {
        one
    }
}

pub(crate) use crate::text::has_digit;

#[cfg(test)]
mod tests;
