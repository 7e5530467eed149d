//! From many to one: a period's summary drafted, in any template, from the period's log entries
//! and from the reports in the store whose period lies inside it.
//!
//! - Notes are sorted into the template's sections by [`super::route`]: results with figures,
//!   problems, plans, lessons, support; the rest is work done. Within a section, notes of the
//!   same `@project` (or, without one, the same topical `#tag`) become one item that quotes at
//!   most [`MAX_QUOTED`] of them (those with figures first) and cites them all.
//! - Reports (weekly reports in a quarterly draft…) give their items, each citing the report
//!   and its section; an item the notes already say is left out.
//! - The previous period's plan (its summary in the store, else the plans noted at its end)
//!   becomes a review table, each item matched to this period's notes with a suggested status.
//! - A section that nothing fills keeps the template's 【prompt】, so 体检 points at it.
//!
//! The draft is a structured [`Draft`] first; [`to_markdown`] writes it with every item's
//! sources as a source marker (`[依据：…](recap:sources/e12,e15)`, see [`crate::sources`]). Text in a draft
//! is only ever the sources' own words (labels and separators aside), so every figure in it is
//! one the user wrote.

use super::Entry;
use super::entry::{FigureToken, Recognised, fold_label, recognise, without_labels};
use super::route::{self, Kind as NoteKind, Role};
use crate::carry::PlanItem;
use crate::lang::Lang;
use crate::meta::Metadata;
use crate::model::{Align, Block, Document, Inline, ListItem, inline_text};
use crate::numbering::strip_number;
use crate::outline::{first_numbered_level, sections};
use crate::period::Period;
use crate::sources::SourceRef;
use crate::template::Template;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Notes quoted in one item; the others of its group are cited, not quoted.
pub const MAX_QUOTED: usize = 6;
/// Notes without project or tag listed one item each up to this many; beyond, by month.
pub const MAX_LOOSE: usize = 12;
/// Review rows list at most this many matching notes.
pub const MAX_MATCHES: usize = 5;
/// At most this many plan items are reviewed (a plan longer than this is a list, not a plan).
pub const MAX_REVIEW: usize = 20;

/// Where a drafted item's words come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Source {
    Entry {
        id: i64,
        date: NaiveDate,
    },
    Document {
        doc_id: i64,
        title: String,
        /// The section's heading in that document.
        section: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftItem {
    /// The item's text: the sources' words, labels removed, joined.
    pub text: String,
    /// The project or tag that groups the notes, written before the text.
    pub label: Option<String>,
    pub sources: Vec<Source>,
    /// Notes cited but not quoted in `text`.
    pub more: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftSection {
    /// Index into the template's sections.
    pub template_section: usize,
    pub title: String,
    pub level: u8,
    pub role: Role,
    pub items: Vec<DraftItem>,
    /// "本节依据 34 条记录（28 天）、2 份报告" — for the editor, not written into the text.
    pub stats_line: Option<String>,
    /// The template's 【prompt】 for the section.
    pub prompt: String,
    /// Nothing filled the section: the prompt stays in the text.
    pub prompt_kept: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    Done,
    Partly,
    NotDone,
}

impl ReviewStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReviewStatus::Done => lang.pick("完成", "完成", "done"),
            ReviewStatus::Partly => lang.pick("部分完成", "部分完成", "partly done"),
            ReviewStatus::NotDone => lang.pick("未完成", "未完成", "not done"),
        }
    }
}

/// A note, as a review row or the confirm view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRef {
    pub id: i64,
    pub date: NaiveDate,
    pub text: String,
}

/// One item of the previous plan, checked against this period's notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRow {
    pub plan_item: String,
    pub target: String,
    /// For the user to confirm.
    pub suggested: ReviewStatus,
    /// The notes that seem to be about it, best first.
    pub matches: Vec<EntryRef>,
    /// Where the plan item was written.
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DraftStats {
    pub entries: usize,
    pub days: usize,
    pub projects: usize,
    /// The most used topical tags, most used first (at most three).
    pub top_tags: Vec<String>,
    /// Reports whose items were read.
    pub documents: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnusedReason {
    /// A plan noted early in the period (most were done within it).
    EarlyPlan,
    /// The template has no section for this kind of note.
    NoSection,
    /// Nothing but tags.
    NoText,
}

/// A note of the period the draft does not cite, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unused {
    pub id: i64,
    pub date: NaiveDate,
    pub reason: UnusedReason,
}

/// A drafted summary, before it is written as Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub meta: Metadata,
    pub lang: Lang,
    pub period: Period,
    pub sections: Vec<DraftSection>,
    pub review: Vec<ReviewRow>,
    /// The section the review table goes into (a goals section); `None`: its own section
    /// right after the title, as carry-forward does.
    pub review_in: Option<usize>,
    pub stats: DraftStats,
    /// The period in one sentence: written into the overview section (or under the title).
    pub stats_line: String,
    pub unused: Vec<Unused>,
}

/// A report whose items a draft may take.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub doc_id: i64,
    pub title: String,
    pub period: Period,
    pub doc: Document,
}

/// What a draft is made from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftInputs {
    /// The period's live notes.
    pub entries: Vec<Entry>,
    /// Reports whose period lies inside the draft's.
    pub reports: Vec<Report>,
    /// The previous period's plan items and where each was written.
    pub previous_plan: Vec<(PlanItem, Source)>,
}

/// What to draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRequest {
    pub template: Template,
    pub period: Period,
    pub lang: Lang,
    /// Title, author, department, position (the rest is set by the draft). No title: one
    /// made from the kind and period.
    pub meta: Metadata,
}

pub(crate) fn recognised(e: &Entry) -> Recognised {
    Recognised {
        tags: e.tags.clone(),
        projects: e.projects.clone(),
        figures: e.figures.clone(),
        marks: e.marks.clone(),
    }
}

/// A note's words for a summary: labels off, lines joined, trailing punctuation off.
pub(crate) fn clean(text: &str, drop_project: Option<&str>) -> String {
    let joined = text
        .lines()
        .enumerate()
        .map(|(n, l)| {
            let l = l.trim().trim_start_matches(['-', '*', '•', '·']).trim();
            // The project labels the item only where it opens the note.
            without_labels(l, drop_project.filter(|_| n == 0))
        })
        .map(|l| {
            l.trim_end_matches(['。', '；', ';', '，', ',', '.', '、', ' '])
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("；");
    joined
        .trim_end_matches(['。', '；', ';', '，', ',', '.', '、', ' '])
        .to_string()
}

/// Text for comparing two items: letters and digits only.
fn norm(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn join(parts: &[String], lang: Lang) -> String {
    let sep = lang.pick("；", "；", "; ");
    let end = lang.pick("。", "。", ".");
    let mut s = parts.join(sep);
    if !s.ends_with(['。', '.', '！', '!', '？', '?']) {
        s.push_str(end);
    }
    s
}

/// The group a note belongs to in its section: its first project, else its first topical
/// tag; the key folded, with the name as first written.
fn group_of(e: &Entry) -> Option<(String, String)> {
    if let Some(p) = e.projects.first() {
        return Some((format!("@{}", fold_label(p)), p.clone()));
    }
    e.tags
        .iter()
        .find(|t| !route::is_routing_tag(&fold_label(t)))
        .map(|t| (format!("#{}", fold_label(t)), t.clone()))
}

/// One item from a group of notes (`label` written before the text).
fn item_of(
    group: &[&Entry],
    label: Option<&str>,
    drop: Option<&str>,
    lang: Lang,
) -> Option<DraftItem> {
    // Notes with figures first, then the others; the same words noted on several days are
    // quoted once (every day is cited).
    let with = group.iter().copied().filter(|e| !e.figures.is_empty());
    let without = group.iter().copied().filter(|e| e.figures.is_empty());
    let mut seen: HashSet<String> = HashSet::new();
    let mut chosen: Vec<(&Entry, String)> = Vec::new();
    for e in with.chain(without) {
        if chosen.len() >= MAX_QUOTED {
            break;
        }
        let t = clean(&e.text, drop);
        if !t.is_empty() && seen.insert(t.clone()) {
            chosen.push((e, t));
        }
    }
    chosen.sort_by_key(|(e, _)| (e.date, e.id));
    let parts: Vec<String> = chosen.iter().map(|(_, t)| t.clone()).collect();
    if parts.is_empty() {
        return None;
    }
    let body = join(&parts, lang);
    let text = match label {
        Some(l) => format!("{l}{}{body}", lang.pick("：", "：", ": ")),
        None => body,
    };
    Some(DraftItem {
        text,
        label: label.map(String::from),
        sources: group
            .iter()
            .map(|e| Source::Entry {
                id: e.id,
                date: e.date,
            })
            .collect(),
        more: group.len().saturating_sub(chosen.len()),
    })
}

fn month_label(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%B").to_string(),
        _ => format!("{}月", d.month()),
    }
}

/// The items of one section from its notes (in date order).
fn items_of(notes: &[&Entry], lang: Lang) -> Vec<DraftItem> {
    let mut groups: Vec<(String, String, Vec<&Entry>)> = Vec::new();
    let mut loose: Vec<&Entry> = Vec::new();
    for e in notes {
        match group_of(e) {
            Some((key, name)) => match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.2.push(e),
                None => groups.push((key, name, vec![e])),
            },
            None => loose.push(e),
        }
    }
    // Bigger groups first; equal ones in the order they began.
    groups.sort_by_key(|g| std::cmp::Reverse(g.2.len()));
    let mut items: Vec<DraftItem> = groups
        .iter()
        .filter_map(|(key, name, g)| {
            let drop = key.strip_prefix('@');
            item_of(g, Some(name), drop, lang)
        })
        .collect();
    if loose.len() <= MAX_LOOSE {
        items.extend(loose.iter().filter_map(|e| item_of(&[e], None, None, lang)));
    } else {
        let mut months: Vec<(NaiveDate, Vec<&Entry>)> = Vec::new();
        for e in loose {
            let m = e.date.with_day(1).unwrap_or(e.date);
            match months.last_mut() {
                Some(x) if x.0 == m => x.1.push(e),
                _ => months.push((m, vec![e])),
            }
        }
        for (m, g) in &months {
            items.extend(item_of(g, Some(&month_label(*m, lang)), None, lang));
        }
    }
    items
}

/// The items of a report: its list items, else its paragraphs, each section's on its own,
/// with the section's title; prompts left in it are not items.
fn report_items(doc: &Document) -> Vec<(String, String)> {
    let first = first_numbered_level(doc);
    let mut out = Vec::new();
    for s in sections(doc).iter().filter(|s| s.level == first) {
        let body = &doc.blocks[s.block + 1..s.end];
        let mut texts: Vec<String> = Vec::new();
        for b in body {
            if let Block::List { items, .. } = b {
                for i in items {
                    if let Some(Block::Paragraph { content }) = i.blocks.first() {
                        texts.push(inline_text(content));
                    }
                }
            }
        }
        if texts.is_empty() {
            texts = body
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph { content } => Some(inline_text(content)),
                    _ => None,
                })
                .collect();
        }
        for t in texts {
            let t = crate::blanks::without_prompts(&t);
            let t = strip_number(t.trim()).trim().to_string();
            if !t.is_empty() {
                out.push((s.title.clone(), t));
            }
        }
    }
    out
}

/// CJK character pairs and Latin words of a text: what two texts share when about one thing.
fn terms(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(2) {
        if crate::text::is_han(w[0]) && crate::text::is_han(w[1]) {
            out.insert(w.iter().collect());
        }
    }
    for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if word.len() >= 3 {
            out.insert(word.to_ascii_lowercase());
        }
    }
    out
}

/// Lower is better for this target ("响应时间缩短到 4 小时以内")?
fn lower_is_better(target: &str) -> bool {
    let t = target.to_lowercase();
    [
        "缩短",
        "縮短",
        "降低",
        "降到",
        "减少",
        "減少",
        "以内",
        "以內",
        "以下",
        "不超过",
        "不超過",
        "≤",
        "<",
        "lower",
        "reduce",
        "under",
        "within",
        "less than",
        "below",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Did a note's figures reach the target's? `None` when no figure of the same unit compares.
fn reached(target: &[FigureToken], notes: &[&Entry], lower: bool) -> Option<bool> {
    let t = target.first()?;
    let unit = t.key().1;
    let mut best: Option<f64> = None;
    for e in notes {
        for f in &e.figures {
            if f.key().1 == unit && f.percent == t.percent {
                best = Some(match best {
                    None => f.value,
                    Some(b) if lower => b.min(f.value),
                    Some(b) => b.max(f.value),
                });
            }
        }
    }
    best.map(|b| if lower { b <= t.value } else { b >= t.value })
}

/// Each plan item with the notes that seem about it (shared word pairs weighed by how rare
/// they are in the period, a shared project counting extra) and a suggested status.
fn review(plan: &[(PlanItem, Source)], notes: &[Entry]) -> Vec<ReviewRow> {
    // Which notes hold each term, and each project: a plan item then looks only at the notes
    // sharing something with it (the cost follows the matches, not notes × items).
    let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, e) in notes.iter().enumerate() {
        for t in terms(&e.text) {
            postings.entry(t).or_default().push(k);
        }
    }
    let mut by_project: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, e) in notes.iter().enumerate() {
        for pr in &e.projects {
            let f = fold_label(pr);
            let list = by_project.entry(f).or_default();
            if list.last() != Some(&k) {
                list.push(k);
            }
        }
    }
    let n = notes.len() as f64;
    let weight = |t: &str| {
        let df = postings.get(t).map_or(0, Vec::len);
        ((n + 1.0) / (df as f64 + 1.0)).ln() + 1.0
    };
    plan.iter()
        .take(MAX_REVIEW)
        .map(|(p, source)| {
            let whole = format!("{} {}", p.item, p.target);
            let want = terms(&whole);
            let total: f64 = want.iter().map(|t| weight(t)).sum();
            let folded_plan = fold_label(&whole);
            // note -> (weight shared, terms shared, same project)
            let mut acc: HashMap<usize, (f64, usize, bool)> = HashMap::new();
            for t in &want {
                let w = weight(t);
                for &k in postings.get(t).map_or(&[][..], Vec::as_slice) {
                    let a = acc.entry(k).or_default();
                    a.0 += w;
                    a.1 += 1;
                }
            }
            for (project, ks) in &by_project {
                if !project.is_empty() && folded_plan.contains(project.as_str()) {
                    for &k in ks {
                        acc.entry(k).or_default().2 = true;
                    }
                }
            }
            let mut scored: Vec<(f64, &Entry)> = acc
                .into_iter()
                .filter_map(|(k, (w, shared, project))| {
                    let score = w / total.max(1.0) + if project { 0.3 } else { 0.0 };
                    let enough = (score >= 0.3 && shared >= 2) || (project && shared > 0);
                    enough.then_some((score, &notes[k]))
                })
                .collect();
            scored.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then(b.1.date.cmp(&a.1.date))
                    .then(b.1.id.cmp(&a.1.id))
            });
            scored.truncate(MAX_MATCHES);
            let matched: Vec<&Entry> = scored.iter().map(|(_, e)| *e).collect();
            // The item names the measure ("续约率提升到 94%"); the target often adds scope.
            let item_figures = recognise(&p.item).figures;
            let figures = if item_figures.is_empty() {
                recognise(&p.target).figures
            } else {
                item_figures
            };
            let suggested = if matched.is_empty() {
                ReviewStatus::NotDone
            } else {
                match reached(&figures, &matched, lower_is_better(&whole)) {
                    Some(true) => ReviewStatus::Done,
                    Some(false) => ReviewStatus::Partly,
                    None if matched.iter().any(|e| route::says_done(&e.text)) => ReviewStatus::Done,
                    None => ReviewStatus::Partly,
                }
            };
            ReviewRow {
                plan_item: p.item.clone(),
                target: p.target.clone(),
                suggested,
                matches: matched
                    .iter()
                    .map(|e| EntryRef {
                        id: e.id,
                        date: e.date,
                        text: e.text.clone(),
                    })
                    .collect(),
                source: source.clone(),
            }
        })
        .collect()
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn stats_sentence(s: &DraftStats, lang: Lang) -> String {
    let tags: Vec<String> = s.top_tags.iter().map(|t| format!("#{t}")).collect();
    let (e, d, p, n) = (s.entries, s.days, s.projects, s.documents);
    match lang {
        Lang::ZhHans => {
            let mut out = format!("本期共记录 {e} 条（覆盖 {d} 天），涉及 {p} 个项目");
            if !tags.is_empty() {
                out.push_str(&format!("；常用标签：{}", tags.join("、")));
            }
            if n > 0 {
                out.push_str(&format!("；另参考报告 {n} 份"));
            }
            out + "。"
        }
        Lang::ZhHant => {
            let mut out = format!("本期共記錄 {e} 條（涵蓋 {d} 天），涉及 {p} 個專案");
            if !tags.is_empty() {
                out.push_str(&format!("；常用標籤：{}", tags.join("、")));
            }
            if n > 0 {
                out.push_str(&format!("；另參考報告 {n} 份"));
            }
            out + "。"
        }
        Lang::En => {
            let mut out = format!(
                "This period: {e} {} over {d} {}, {p} {}",
                plural(e, "entry", "entries"),
                plural(d, "day", "days"),
                plural(p, "project", "projects")
            );
            if !tags.is_empty() {
                out.push_str(&format!("; frequent tags: {}", tags.join(", ")));
            }
            if n > 0 {
                out.push_str(&format!(
                    "; {n} {} consulted",
                    plural(n, "report", "reports")
                ));
            }
            out + "."
        }
    }
}

fn section_stats(items: &[DraftItem], lang: Lang) -> Option<String> {
    let mut entries = 0;
    let mut days = BTreeSet::new();
    let mut docs = BTreeSet::new();
    for s in items.iter().flat_map(|i| &i.sources) {
        match s {
            Source::Entry { date, .. } => {
                entries += 1;
                days.insert(*date);
            }
            Source::Document { doc_id, .. } => {
                docs.insert(*doc_id);
            }
        }
    }
    if entries == 0 && docs.is_empty() {
        return None;
    }
    let (d, n) = (days.len(), docs.len());
    Some(match lang {
        Lang::ZhHans => format!("本节依据 {entries} 条记录（{d} 天）、{n} 份报告"),
        Lang::ZhHant => format!("本節依據 {entries} 條記錄（{d} 天）、{n} 份報告"),
        Lang::En => format!(
            "From {entries} {} ({d} {}) and {n} {}",
            plural(entries, "entry", "entries"),
            plural(d, "day", "days"),
            plural(n, "report", "reports")
        ),
    })
}

/// Drafts a summary from its inputs (see the [module notes](self)).
pub fn draft(req: &DraftRequest, inputs: &DraftInputs) -> Draft {
    let lang = req.lang;
    let p = req.period;
    let t = &req.template;
    let roles: Vec<Role> = t
        .sections
        .iter()
        .map(|s| route::section_role(&s.text_or_fallback(lang).title))
        .collect();
    let target = |k: NoteKind| {
        k.roles()
            .iter()
            .find_map(|r| roles.iter().position(|x| x == r))
    };
    let mut notes: Vec<&Entry> = inputs
        .entries
        .iter()
        .filter(|e| e.date >= p.start && e.date <= p.end && e.deleted_at.is_none())
        .collect();
    notes.sort_by_key(|e| (e.date, e.id));
    // Plans noted in the last fifth of the period (a week at least) look past its end.
    let days = (p.end - p.start).num_days() + 1;
    let plan_from = p.end - chrono::Duration::days((days / 5).max(7) - 1);

    let mut buckets: Vec<Vec<&Entry>> = vec![Vec::new(); t.sections.len()];
    let mut unused = Vec::new();
    let mut used_texts: HashSet<String> = HashSet::new();
    for e in &notes {
        let kind = route::classify(&e.text, &recognised(e));
        let reason = if clean(&e.text, None).is_empty() {
            Some(UnusedReason::NoText)
        } else if kind == NoteKind::Plan && e.date < plan_from {
            Some(UnusedReason::EarlyPlan)
        } else {
            match target(kind) {
                Some(k) => {
                    buckets[k].push(e);
                    used_texts.insert(norm(&clean(&e.text, None)));
                    None
                }
                None => Some(UnusedReason::NoSection),
            }
        };
        if let Some(reason) = reason {
            unused.push(Unused {
                id: e.id,
                date: e.date,
                reason,
            });
        }
    }
    let mut items: Vec<Vec<DraftItem>> = buckets.iter().map(|b| items_of(b, lang)).collect();

    // Reports, oldest first. Their plans only from the last one reaching the period's end.
    let mut reports: Vec<&Report> = inputs
        .reports
        .iter()
        .filter(|r| r.period.start >= p.start && r.period.end <= p.end && r.period != p)
        .collect();
    reports.sort_by_key(|r| (r.period.start, r.doc_id));
    let last_report = reports
        .iter()
        .filter(|r| r.period.end >= plan_from)
        .map(|r| r.doc_id)
        .next_back();
    let mut documents = 0;
    for r in &reports {
        let mut used = false;
        for (section, text) in report_items(&r.doc) {
            let kind = match route::section_role(&section) {
                Role::Problems => NoteKind::Problem,
                Role::Plan if Some(r.doc_id) == last_report => NoteKind::Plan,
                Role::Lessons => NoteKind::Lesson,
                Role::Support => NoteKind::Support,
                Role::InProgress => NoteKind::InProgress,
                Role::Results | Role::Work => {
                    if recognise(&text).has_figure() {
                        NoteKind::Result
                    } else {
                        NoteKind::Work
                    }
                }
                _ => continue,
            };
            let Some(k) = target(kind) else { continue };
            if !used_texts.insert(norm(&text)) {
                continue;
            }
            used = true;
            let body = join(&[clean(&text, None)], lang);
            items[k].push(DraftItem {
                text: body,
                label: None,
                sources: vec![Source::Document {
                    doc_id: r.doc_id,
                    title: r.title.clone(),
                    section: section.clone(),
                }],
                more: 0,
            });
        }
        documents += usize::from(used);
    }

    // Statistics of the period.
    let mut tag_counts: HashMap<String, (usize, String, usize)> = HashMap::new();
    let mut projects = HashSet::new();
    for (n, e) in notes.iter().enumerate() {
        for pr in &e.projects {
            projects.insert(fold_label(pr));
        }
        for tg in &e.tags {
            let f = fold_label(tg);
            if !route::is_routing_tag(&f) {
                let c = tag_counts.entry(f).or_insert((0, tg.clone(), n));
                c.0 += 1;
            }
        }
    }
    let mut tags: Vec<(usize, String, usize)> = tag_counts.into_values().collect();
    tags.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let stats = DraftStats {
        entries: notes.len(),
        days: notes.iter().map(|e| e.date).collect::<BTreeSet<_>>().len(),
        projects: projects.len(),
        top_tags: tags.into_iter().take(3).map(|t| t.1).collect(),
        documents,
    };

    let sections: Vec<DraftSection> = t
        .sections
        .iter()
        .zip(items)
        .enumerate()
        .map(|(k, (s, items))| {
            let words = s.text_or_fallback(lang);
            DraftSection {
                template_section: k,
                title: words.title.clone(),
                level: s.level,
                role: roles[k],
                stats_line: section_stats(&items, lang),
                prompt: words.prompt.clone(),
                prompt_kept: items.is_empty(),
                items,
            }
        })
        .collect();
    let title = req
        .meta
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| crate::meta::default_title(t.kind, Some(&p), t.name.get(lang), lang));
    let meta = Metadata {
        title: Some(title.clone()),
        period: Some(p),
        kind: Some(t.kind),
        template: Some(t.id.clone()),
        lang: Some(lang),
        ..req.meta.clone()
    };
    Draft {
        title,
        meta,
        lang,
        period: p,
        review: review(&inputs.previous_plan, &inputs.entries),
        review_in: roles.iter().position(|r| *r == Role::Goals),
        stats_line: stats_sentence(&stats, lang),
        stats,
        sections,
        unused,
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// "11-02" within one year, "2026-11-02" when the dates span years.
fn date_list(dates: &BTreeSet<NaiveDate>, lang: Lang) -> String {
    let years: BTreeSet<i32> = dates.iter().map(|d| d.year()).collect();
    let fmt = if years.len() > 1 { "%Y-%m-%d" } else { "%m-%d" };
    let shown: Vec<String> = dates
        .iter()
        .take(6)
        .map(|d| d.format(fmt).to_string())
        .collect();
    let sep = lang.pick("、", "、", ", ");
    let mut s = shown.join(sep);
    if dates.len() > 6 {
        let n = dates.len();
        s.push_str(&match lang {
            Lang::ZhHans | Lang::ZhHant => format!(" 等 {n} 天"),
            Lang::En => format!(" and more ({n} days)"),
        });
    }
    s
}

/// What a source marker says of a set of sources: "依据：11-02、11-03 共 2 条记录（#12、#15）；《第47周周报》·本周完成".
pub fn source_line(sources: &[Source], lang: Lang) -> String {
    let mut dates = BTreeSet::new();
    let mut ids = Vec::new();
    let mut docs: Vec<String> = Vec::new();
    for s in sources {
        match s {
            Source::Entry { id, date } => {
                dates.insert(*date);
                ids.push(*id);
            }
            Source::Document { title, section, .. } => {
                let d = match lang {
                    Lang::En => format!("“{title}” · {section}"),
                    _ => format!("《{title}》·{section}"),
                };
                if !docs.contains(&d) {
                    docs.push(d);
                }
            }
        }
    }
    let mut parts = Vec::new();
    if !ids.is_empty() {
        let n = ids.len();
        let shown: Vec<String> = ids.iter().take(6).map(|i| format!("#{i}")).collect();
        let more = if n > 6 {
            lang.pick("等", "等", ", …")
        } else {
            ""
        };
        let dl = date_list(&dates, lang);
        parts.push(match lang {
            Lang::ZhHans => format!("{dl} 共 {n} 条记录（{}{more}）", shown.join("、")),
            Lang::ZhHant => format!("{dl} 共 {n} 條記錄（{}{more}）", shown.join("、")),
            Lang::En => format!(
                "{dl} — {n} {} ({}{more})",
                plural(n, "entry", "entries"),
                shown.join(", ")
            ),
        });
    }
    parts.extend(docs);
    format!(
        "{}{}",
        lang.pick("依据：", "依據：", "Sources: "),
        parts.join(lang.pick("；", "；", "; "))
    )
}

/// The source marker of an item: a link to its sources saying them for people (see
/// [`crate::sources`]).
fn cite(sources: &[Source], lang: Lang) -> Inline {
    let refs: Vec<SourceRef> = sources
        .iter()
        .map(|s| match s {
            Source::Entry { id, .. } => SourceRef::Entry { id: *id },
            Source::Document { doc_id, .. } => SourceRef::Document { id: *doc_id },
        })
        .collect();
    Inline::Link {
        url: crate::sources::url(&refs),
        title: String::new(),
        content: vec![Inline::text(source_line(sources, lang))],
    }
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline::text(text)],
    }
}

fn review_blocks(d: &Draft) -> Vec<Block> {
    let lang = d.lang;
    let head: Vec<Vec<Inline>> = match lang {
        Lang::ZhHans => ["事项", "目标", "状态", "说明"],
        Lang::ZhHant => ["事項", "目標", "狀態", "說明"],
        Lang::En => ["Item", "Target", "Status", "Note"],
    }
    .iter()
    .map(|h| vec![Inline::text(*h)])
    .collect();
    let rows = d
        .review
        .iter()
        .map(|r| {
            let status = match lang {
                Lang::ZhHans => format!("【建议：{}】", r.suggested.label(lang)),
                Lang::ZhHant => format!("【建議：{}】", r.suggested.label(lang)),
                Lang::En => format!("【suggested: {}】", r.suggested.label(lang)),
            };
            let mut sources = vec![r.source.clone()];
            sources.extend(r.matches.iter().map(|m| Source::Entry {
                id: m.id,
                date: m.date,
            }));
            let cell = |s: &str| {
                if s.is_empty() {
                    Vec::new()
                } else {
                    vec![Inline::text(s)]
                }
            };
            vec![
                cell(&r.plan_item),
                cell(&r.target),
                vec![Inline::text(status)],
                vec![cite(&sources, lang)],
            ]
        })
        .collect();
    vec![
        para(lang.pick(
            "【逐项核对建议的状态（依据为本期的记录），确认后改为完成 / 部分完成 / 未完成，未完成的写明原因和后续安排】",
            "【逐項核對建議的狀態（依據為本期的記錄），確認後改為完成 / 部分完成 / 未完成，未完成的寫明原因和後續安排】",
            "【Check each suggested status against this period's entries, then set done / partly done / not done; for what is not done, give the reason and what happens next】",
        )),
        Block::Table {
            align: vec![Align::None; 4],
            head,
            rows,
        },
    ]
}

/// The draft as Markdown (front matter included): the template's sections with their items,
/// each item ending in its source marker (`[依据：…](recap:sources/e12,e15)`).
pub fn to_markdown(d: &Draft) -> String {
    let lang = d.lang;
    let mut blocks = vec![Block::Heading {
        level: 1,
        content: vec![Inline::text(d.title.clone())],
    }];
    let overview = d.sections.iter().position(|s| s.role == Role::Overview);
    if overview.is_none() {
        blocks.push(para(&d.stats_line));
    }
    if !d.review.is_empty() && d.review_in.is_none() {
        blocks.push(Block::Heading {
            level: 2,
            content: vec![Inline::text(lang.pick(
                "上期计划回顾",
                "上期計畫回顧",
                "Review of last period's plan",
            ))],
        });
        blocks.extend(review_blocks(d));
    }
    for (k, s) in d.sections.iter().enumerate() {
        blocks.push(Block::Heading {
            level: s.level.clamp(2, 6),
            content: vec![Inline::text(s.title.clone())],
        });
        if Some(k) == overview {
            blocks.push(para(&d.stats_line));
        }
        if Some(k) == d.review_in && !d.review.is_empty() {
            blocks.extend(review_blocks(d));
        }
        if !s.items.is_empty() {
            let items = s
                .items
                .iter()
                .map(|i| ListItem {
                    task: None,
                    blocks: vec![Block::Paragraph {
                        content: vec![Inline::text(i.text.clone()), cite(&i.sources, lang)],
                    }],
                })
                .collect();
            blocks.push(Block::List {
                start: None,
                tight: true,
                items,
            });
        }
        if s.prompt_kept && !s.prompt.trim().is_empty() {
            blocks.push(para(s.prompt.trim()));
        }
    }
    crate::markdown::write(&Document {
        meta: d.meta.clone(),
        blocks,
    })
}
