//! The work log (记录) and drafting from it (从记录生成).
//!
//! - [`entry`]: what a note says besides its words — `#标签`, `@项目`, figures with units.
//! - [`dates`]: a paste of many days split into dated entries; dates from file names and cells.
//! - [`import`]: previews of a paste, a text file, a folder of daily notes, a CSV or an XLSX,
//!   for the confirm view, then stored in one transaction as one import batch.
//! - [`route`]: which template section a note or a report's item belongs to.
//! - [`draft`]: a period's summary drafted from the notes and the stored reports, every item
//!   with its sources, and written as Markdown with a source marker after each item.
//! - [`calendar`]: a month as the calendar shows it.
//!
//! The entries themselves live in the store (`store::entries`).

pub mod calendar;
pub mod dates;
pub mod draft;
pub mod entry;
pub mod import;
pub mod route;

use crate::kind::Kind;
use crate::lang::Lang;
use crate::period::Period;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use dates::{PasteProblem, PastedEntry, split_paste};
pub use entry::{FigureToken, LabelKind, Mark, MarkKind, Recognised, recognise};

/// A logged note, as every view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    /// The day the work was done (the user's local date).
    pub date: NaiveDate,
    /// Exactly as the user wrote it.
    pub text: String,
    pub created_at: String,
    pub updated_at: String,
    /// 1 for an entry never edited; each edit adds one (older texts are in its history).
    pub rev: u32,
    pub tags: Vec<String>,
    pub projects: Vec<String>,
    pub figures: Vec<FigureToken>,
    /// Spans to show as tag, project or figure.
    pub marks: Vec<Mark>,
    /// The import that brought it in, if any.
    pub batch_id: Option<i64>,
    /// When it went to the trash; `None` when it is not in the trash.
    pub deleted_at: Option<String>,
}

impl Entry {
    /// An entry from its stored columns, with what its text says recognised.
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        id: i64,
        date: NaiveDate,
        text: String,
        created_at: String,
        updated_at: String,
        rev: u32,
        batch_id: Option<i64>,
        deleted_at: Option<String>,
    ) -> Entry {
        let r = recognise(&text);
        Entry {
            id,
            date,
            text,
            created_at,
            updated_at,
            rev,
            tags: r.tags,
            projects: r.projects,
            figures: r.figures,
            marks: r.marks,
            batch_id,
            deleted_at,
        }
    }
}

/// A new entry: the day of the work and the text as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    pub date: NaiveDate,
    pub text: String,
}

/// A change to an entry: a new date, a new text, or both. The old ones go to its history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryEdit {
    pub date: Option<NaiveDate>,
    pub text: Option<String>,
}

/// One version of an entry, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryVersion {
    pub rev: u32,
    pub date: NaiveDate,
    pub text: String,
    /// When this version was written.
    pub saved_at: String,
    pub current: bool,
}

/// The entries of one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayEntries {
    pub date: NaiveDate,
    pub entries: Vec<Entry>,
}

/// A search of the log: every text term AND every tag AND every project, within the dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EntryQuery {
    /// Whitespace-separated terms, each a substring of the text (Chinese pairs too).
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub projects: Vec<String>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// At most this many hits (newest first); 0 means the default, 200.
    #[serde(default)]
    pub limit: usize,
}

impl EntryQuery {
    /// A query from what the user typed in one box: `续约 #客户 @AI` — words with `#` are
    /// tags, with `@` projects, the rest text terms.
    pub fn parse(input: &str) -> EntryQuery {
        let mut q = EntryQuery::default();
        let mut words = Vec::new();
        for w in input.split_whitespace() {
            let r = recognise(w);
            let whole_label = r.marks.len() == 1
                && r.marks[0].start == 0
                && r.marks[0].end == w.chars().count()
                && r.marks[0].kind != MarkKind::Figure;
            if whole_label {
                q.tags.extend(r.tags);
                q.projects.extend(r.projects);
            } else {
                words.push(w);
            }
        }
        q.text = words.join(" ");
        q
    }
}

/// A search result: the entry, and about 40 characters around the first match with the
/// matches' char offsets (as for documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryHit {
    pub entry: Entry,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
}

/// A tag or project name with how often it is used, for completion (most used first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelUse {
    pub kind: LabelKind,
    /// As written most recently.
    pub name: String,
    /// Live entries that carry it.
    pub count: u32,
    pub last_date: NaiveDate,
}

/// The period before `p`, of the same shape: the year, half, quarter, month or week before;
/// otherwise as many days ending the day before.
pub fn previous_period(p: Period) -> Option<Period> {
    let months = whole_months(p);
    if let Some(m) = months {
        let start = p.start.checked_sub_months(Months::new(m))?;
        let end = p.start.pred_opt()?;
        return Period::new(start, end).ok();
    }
    let days = (p.end - p.start).num_days().unsigned_abs();
    let end = p.start.pred_opt()?;
    let start = end.checked_sub_days(Days::new(days))?;
    Period::new(start, end).ok()
}

fn whole_months(p: Period) -> Option<u32> {
    if p.start.day() != 1 || p.end.succ_opt().is_none_or(|d| d.day() != 1) {
        return None;
    }
    let m =
        (p.end.year() - p.start.year()) * 12 + p.end.month() as i32 - p.start.month() as i32 + 1;
    u32::try_from(m).ok()
}

fn month_period(y: i32, m: u32, count: u32) -> Option<Period> {
    let start = NaiveDate::from_ymd_opt(y, m, 1)?;
    let end = start.checked_add_months(Months::new(count))?.pred_opt()?;
    Some(Period { start, end })
}

/// The period a new summary of `kind` is most likely about on `today`: the current week,
/// month, quarter, half or year once most of it has passed, else the one before (a weekly
/// report on Monday is last week's; on Thursday, this week's). Probation, duty reports, project
/// retrospectives and others: the last three months up to today.
pub fn default_period(kind: Kind, today: NaiveDate) -> Period {
    let y = today.year();
    let m = today.month();
    let fallback = Period {
        start: today,
        end: today,
    };
    let p = match kind {
        Kind::Weekly => {
            let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
            let start = if today.weekday().num_days_from_monday() >= 3 {
                Some(monday)
            } else {
                monday.checked_sub_days(Days::new(7))
            };
            start.and_then(|s| {
                Some(Period {
                    start: s,
                    end: s.checked_add_days(Days::new(6))?,
                })
            })
        }
        Kind::Monthly => {
            let this = month_period(y, m, 1);
            if today.day() >= 20 {
                this
            } else {
                this.and_then(previous_period)
            }
        }
        Kind::Quarterly => {
            let q0 = (m - 1) / 3 * 3 + 1;
            let this = month_period(y, q0, 3);
            if m - q0 == 2 {
                this
            } else {
                this.and_then(previous_period)
            }
        }
        Kind::HalfYear => {
            let h0 = if m <= 6 { 1 } else { 7 };
            let this = month_period(y, h0, 6);
            if m - h0 >= 4 {
                this
            } else {
                this.and_then(previous_period)
            }
        }
        Kind::Annual => {
            let this = month_period(y, 1, 12);
            if m >= 11 {
                this
            } else {
                this.and_then(previous_period)
            }
        }
        Kind::Probation | Kind::DutyReport | Kind::ProjectRetro | Kind::Other => today
            .checked_sub_months(Months::new(3))
            .and_then(|s| s.succ_opt())
            .map(|start| Period { start, end: today }),
    };
    p.unwrap_or(fallback)
}

const CN_QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

/// A title for a summary of `kind` over `p`: 2026年第四季度工作总结, 2026年11月工作总结,
/// 2026年第45周周报, Q4 2026 review…
pub fn default_title(kind: Kind, p: Period, lang: Lang) -> String {
    let y = p.start.year();
    let span = whole_months(p);
    let q = ((p.start.month() - 1) / 3) as usize;
    let name = kind.label(lang);
    let summary = lang.pick("工作总结", "工作總結", "review");
    match (kind, span, lang) {
        (_, Some(12), Lang::En) if p.start.month() == 1 => format!("{y} annual review"),
        (_, Some(12), _) if p.start.month() == 1 => {
            format!("{y}{}", lang.pick("年度工作总结", "年度工作總結", ""))
        }
        (_, Some(6), Lang::En) => {
            format!(
                "{} {y} review",
                if p.start.month() == 1 { "H1" } else { "H2" }
            )
        }
        (_, Some(6), _) => format!(
            "{y}年{}{summary}",
            if p.start.month() == 1 {
                "上半年"
            } else {
                "下半年"
            }
        ),
        (_, Some(3), Lang::En) if p.start.month() % 3 == 1 => format!("Q{} {y} review", q + 1),
        (_, Some(3), _) if p.start.month() % 3 == 1 => {
            format!("{y}年第{}季度{summary}", CN_QUARTERS[q])
        }
        (_, Some(1), Lang::En) => format!("{} {y} review", p.start.format("%B")),
        (_, Some(1), _) => format!("{y}年{}月{summary}", p.start.month()),
        (Kind::Weekly, _, Lang::En) => format!(
            "Weekly report, week {} of {}",
            p.start.iso_week().week(),
            p.start.iso_week().year()
        ),
        (Kind::Weekly, _, _) => format!(
            "{}年第{}{}",
            p.start.iso_week().year(),
            p.start.iso_week().week(),
            lang.pick("周周报", "週週報", "")
        ),
        (_, _, Lang::En) => format!("{name}, {} to {}", p.start, p.end),
        _ => format!(
            "{}（{}—{}）",
            name,
            crate::meta::format_date_cn(p.start),
            crate::meta::format_date_cn(p.end)
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    #[test]
    fn previous_periods_keep_their_shape() {
        assert_eq!(previous_period(p("2027-Q1")), Some(p("2026-Q4")));
        assert_eq!(previous_period(p("2026")), Some(p("2025")));
        assert_eq!(previous_period(p("2026-03")), Some(p("2026-02")));
        assert_eq!(previous_period(p("2026-W01")), Some(p("2025-W52")));
        assert_eq!(previous_period(p("2026-H2")), Some(p("2026-H1")));
        // previous then next is the identity on every shape.
        for s in ["2026", "2026-H1", "2026-Q3", "2026-02", "2026-W10"] {
            assert_eq!(previous_period(p(s)).unwrap().next(), Some(p(s)), "{s}");
        }
    }

    #[test]
    fn default_periods_follow_how_far_the_period_has_gone() {
        // Monday: last week. Thursday: this week.
        assert_eq!(default_period(Kind::Weekly, d("2026-11-09")), p("2026-W45"));
        assert_eq!(default_period(Kind::Weekly, d("2026-11-12")), p("2026-W46"));
        assert_eq!(default_period(Kind::Monthly, d("2026-11-03")), p("2026-10"));
        assert_eq!(default_period(Kind::Monthly, d("2026-11-25")), p("2026-11"));
        assert_eq!(
            default_period(Kind::Quarterly, d("2026-12-20")),
            p("2026-Q4")
        );
        assert_eq!(
            default_period(Kind::Quarterly, d("2027-01-05")),
            p("2026-Q4")
        );
        assert_eq!(default_period(Kind::Annual, d("2026-12-01")), p("2026"));
        assert_eq!(default_period(Kind::Annual, d("2027-01-10")), p("2026"));
        assert_eq!(
            default_period(Kind::HalfYear, d("2026-06-15")),
            p("2026-H1")
        );
        let probation = default_period(Kind::Probation, d("2026-11-30"));
        assert_eq!(
            (probation.start, probation.end),
            (d("2026-08-31"), d("2026-11-30"))
        );
    }

    #[test]
    fn default_titles_in_three_languages() {
        assert_eq!(
            default_title(Kind::Quarterly, p("2026-Q4"), Lang::ZhHans),
            "2026年第四季度工作总结"
        );
        assert_eq!(
            default_title(Kind::Quarterly, p("2026-Q4"), Lang::ZhHant),
            "2026年第四季度工作總結"
        );
        assert_eq!(
            default_title(Kind::Quarterly, p("2026-Q4"), Lang::En),
            "Q4 2026 review"
        );
        assert_eq!(
            default_title(Kind::Annual, p("2026"), Lang::ZhHans),
            "2026年度工作总结"
        );
        assert_eq!(
            default_title(Kind::Monthly, p("2026-11"), Lang::ZhHans),
            "2026年11月工作总结"
        );
        assert_eq!(
            default_title(Kind::Weekly, p("2026-W45"), Lang::ZhHant),
            "2026年第45週週報"
        );
    }
}
