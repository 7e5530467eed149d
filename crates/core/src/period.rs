//! Reporting periods: a year, a half, a quarter, a month, an ISO week, or any range of days.
//!
//! Everything the product knows about a period lives here: how it is written in a document
//! (`2026-Q3`, `2026-01-01 至 2026-12-31`…), its name for people in three languages
//! (2026年第三季度, Q3 2026), the period a new document of a kind is about on a given day (an
//! annual review written in January is about last year), the one that follows it, and the
//! choices a period picker offers.

use crate::error::{Error, Result};
use crate::kind::Kind;
use crate::lang::Lang;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A reporting period: first and last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The shape of a period, as a picker offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodUnit {
    Year,
    Half,
    Quarter,
    Month,
    Week,
    Custom,
}

impl PeriodUnit {
    pub const ALL: [PeriodUnit; 6] = [
        PeriodUnit::Year,
        PeriodUnit::Half,
        PeriodUnit::Quarter,
        PeriodUnit::Month,
        PeriodUnit::Week,
        PeriodUnit::Custom,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PeriodUnit::Year => lang.pick("年度", "年度", "Year"),
            PeriodUnit::Half => lang.pick("半年", "半年", "Half"),
            PeriodUnit::Quarter => lang.pick("季度", "季度", "Quarter"),
            PeriodUnit::Month => lang.pick("月度", "月度", "Month"),
            PeriodUnit::Week => lang.pick("周", "週", "Week"),
            PeriodUnit::Custom => lang.pick("自定义", "自訂", "Custom"),
        }
    }

    /// How many parts (halves, quarters, months, ISO weeks) a year has; 1 for a year or a
    /// custom range.
    pub fn parts_in(self, year: i32) -> u32 {
        match self {
            PeriodUnit::Half => 2,
            PeriodUnit::Quarter => 4,
            PeriodUnit::Month => 12,
            PeriodUnit::Week => iso_weeks_in(year),
            PeriodUnit::Year | PeriodUnit::Custom => 1,
        }
    }
}

/// The number of ISO weeks of `year` (52 or 53).
pub fn iso_weeks_in(year: i32) -> u32 {
    NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week())
}

const CN_NUMBERS: [&str; 5] = ["零", "一", "二", "三", "四"];
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Period {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self> {
        if end < start {
            return Err(Error::invalid("period", format!("{end} < {start}")));
        }
        Ok(Period { start, end })
    }

    fn year(y: i32) -> Option<Period> {
        Some(Period {
            start: NaiveDate::from_ymd_opt(y, 1, 1)?,
            end: NaiveDate::from_ymd_opt(y, 12, 31)?,
        })
    }

    fn months(y: i32, first_month: u32, count: u32) -> Option<Period> {
        let start = NaiveDate::from_ymd_opt(y, first_month, 1)?;
        let end = start.checked_add_months(Months::new(count))?.pred_opt()?;
        Some(Period { start, end })
    }

    fn week(y: i32, w: u32) -> Option<Period> {
        let start = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
        Some(Period {
            start,
            end: start.checked_add_days(Days::new(6))?,
        })
    }

    /// The period of a unit: `part` is the half (1–2), quarter (1–4), month (1–12) or ISO
    /// week of `year`; ignored for a year. `None` for a part out of range or a custom unit.
    pub fn of(unit: PeriodUnit, year: i32, part: u32) -> Option<Period> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        match unit {
            PeriodUnit::Year => Period::year(year),
            PeriodUnit::Half if (1..=2).contains(&part) => {
                Period::months(year, 1 + (part - 1) * 6, 6)
            }
            PeriodUnit::Quarter if (1..=4).contains(&part) => {
                Period::months(year, 1 + (part - 1) * 3, 3)
            }
            PeriodUnit::Month if (1..=12).contains(&part) => Period::months(year, part, 1),
            PeriodUnit::Week if (1..=iso_weeks_in(year)).contains(&part) => {
                Period::week(year, part)
            }
            _ => None,
        }
    }

    /// Accepts `2026-01-01 至 2026-12-31` (also `~`, `到`, `..`, `/`, `-`, `–`, `—` between
    /// the dates), `2026`, `2026-H1`, `2026-Q3`, `2026-03` and `2026-W47` (ISO week).
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim();
        let bad = || Error::invalid("period", format!("'{t}'"));
        for sep in [
            " 至 ", "至", " 到 ", "到", "..", " ~ ", "~", "～", " / ", " - ", " – ", " — ",
        ] {
            if let Some((a, b)) = t.split_once(sep) {
                let d =
                    |x: &str| NaiveDate::parse_from_str(x.trim(), "%Y-%m-%d").map_err(|_| bad());
                return Period::new(d(a)?, d(b)?);
            }
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(Period { start: d, end: d });
        }
        let upper = t.to_ascii_uppercase();
        if !upper.is_char_boundary(upper.len().min(4)) {
            return Err(bad());
        }
        let (year, rest) = upper.split_at(upper.len().min(4));
        let y: i32 = year.parse().map_err(|_| bad())?;
        let rest = rest.trim_start_matches('-');
        let n = |x: &str| x.parse::<u32>().map_err(|_| bad());
        let p = if rest.is_empty() {
            Period::year(y)
        } else if let Some(h) = rest.strip_prefix('H') {
            Period::of(PeriodUnit::Half, y, n(h)?)
        } else if let Some(q) = rest.strip_prefix('Q') {
            Period::of(PeriodUnit::Quarter, y, n(q)?)
        } else if let Some(w) = rest.strip_prefix('W') {
            Period::week(y, n(w)?)
        } else {
            Period::of(PeriodUnit::Month, y, n(rest)?)
        };
        p.ok_or_else(bad)
    }

    fn whole_months(&self) -> Option<u32> {
        if self.start.day() != 1 || self.end.succ_opt().is_none_or(|d| d.day() != 1) {
            return None;
        }
        let months = (self.end.year() - self.start.year()) * 12 + self.end.month() as i32
            - self.start.month() as i32
            + 1;
        u32::try_from(months).ok()
    }

    /// Which unit the period is, with its year and part: `(Quarter, 2026, 3)` for 2026-Q3,
    /// `(Week, 2026, 47)` for an ISO week (its ISO year), `(Custom, start year, 0)` for any
    /// other range.
    pub fn shape(&self) -> (PeriodUnit, i32, u32) {
        let y = self.start.year();
        let m = self.start.month();
        match self.whole_months() {
            Some(12) if m == 1 => return (PeriodUnit::Year, y, 1),
            Some(6) if m == 1 || m == 7 => return (PeriodUnit::Half, y, m.div_ceil(6)),
            Some(3) if m % 3 == 1 => return (PeriodUnit::Quarter, y, m.div_ceil(3)),
            Some(1) => return (PeriodUnit::Month, y, m),
            _ => {}
        }
        if (self.end - self.start).num_days() == 6 && self.start.weekday() == Weekday::Mon {
            let w = self.start.iso_week();
            return (PeriodUnit::Week, w.year(), w.week());
        }
        (PeriodUnit::Custom, y, 0)
    }

    /// The short form a person types: `2026`, `2026-H1`, `2026-Q3`, `2026-03`, `2026-W47`, or
    /// `2026-01-05 至 2026-03-20`.
    pub fn code(&self) -> String {
        match self.shape() {
            (PeriodUnit::Year, y, _) => format!("{y}"),
            (PeriodUnit::Half, y, h) => format!("{y}-H{h}"),
            (PeriodUnit::Quarter, y, q) => format!("{y}-Q{q}"),
            (PeriodUnit::Month, y, m) => format!("{y}-{m:02}"),
            (PeriodUnit::Week, y, w) => format!("{y}-W{w:02}"),
            (PeriodUnit::Custom, _, _) => self.to_string(),
        }
    }

    /// The period's name for people: 2026年, 2026年上半年, 2026年第三季度, 2026年3月,
    /// 2026年第47周; Q3 2026, Mar 2026, Week 47, 2026; a range of days otherwise.
    pub fn label(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self.shape() {
            (PeriodUnit::Year, y, _) => {
                if en {
                    format!("{y}")
                } else {
                    format!("{y}年")
                }
            }
            (PeriodUnit::Half, y, h) => match (en, h) {
                (true, _) => format!("H{h} {y}"),
                (false, 1) => format!("{y}年上半年"),
                (false, _) => format!("{y}年下半年"),
            },
            (PeriodUnit::Quarter, y, q) => {
                if en {
                    format!("Q{q} {y}")
                } else {
                    format!("{y}年第{}季度", CN_NUMBERS[q as usize % 5])
                }
            }
            (PeriodUnit::Month, y, m) => {
                if en {
                    format!("{} {y}", EN_MONTHS[(m as usize + 11) % 12])
                } else {
                    format!("{y}年{m}月")
                }
            }
            (PeriodUnit::Week, y, w) => match lang {
                Lang::ZhHans => format!("{y}年第{w}周"),
                Lang::ZhHant => format!("{y}年第{w}週"),
                Lang::En => format!("Week {w}, {y}"),
            },
            (PeriodUnit::Custom, _, _) => {
                let (a, b) = (self.start.format("%Y-%m-%d"), self.end.format("%Y-%m-%d"));
                if self.start == self.end {
                    a.to_string()
                } else if en {
                    format!("{a} – {b}")
                } else {
                    format!("{a} 至 {b}")
                }
            }
        }
    }

    /// The period that follows this one, of the same shape: the next year, half, quarter,
    /// month or week; otherwise a period of the same number of days starting the day after.
    pub fn next(&self) -> Option<Period> {
        if let Some(m) = self.whole_months() {
            let start = self.end.succ_opt()?;
            let end = start.checked_add_months(Months::new(m))?.pred_opt()?;
            return Some(Period { start, end });
        }
        let days = (self.end - self.start).num_days() as u64;
        let start = self.end.succ_opt()?;
        Some(Period {
            start,
            end: start.checked_add_days(Days::new(days))?,
        })
    }

    /// The period before this one, of the same shape.
    pub fn previous(&self) -> Option<Period> {
        if let Some(m) = self.whole_months() {
            let end = self.start.pred_opt()?;
            let start = self.start.checked_sub_months(Months::new(m))?;
            return Some(Period { start, end });
        }
        let days = (self.end - self.start).num_days() as u64;
        let end = self.start.pred_opt()?;
        Some(Period {
            start: end.checked_sub_days(Days::new(days))?,
            end,
        })
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Whether `other` lies wholly inside this period.
    pub fn covers(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Days in the period.
    pub fn days(&self) -> u32 {
        u32::try_from((self.end - self.start).num_days() + 1).unwrap_or(u32::MAX)
    }

    /// The period a summary of `kind` written on `today` is most likely about: the current
    /// week, month, quarter, half or year once most of it has passed, else the one before. A
    /// weekly report on Monday to Wednesday is last week's, from Thursday this week's; a monthly
    /// one before the 20th last month's; a quarterly one in the quarter's last month this
    /// quarter's; a half-year one from its fifth month on this half's; an annual review or a
    /// duty report from November this year's. Probation reviews, project retrospectives and
    /// other kinds are about the three months up to today.
    pub fn default_for(kind: Kind, today: NaiveDate) -> Period {
        let (y, m, d) = (today.year(), today.month(), today.day());
        let this_or_last = |unit: PeriodUnit, part: u32, passed_enough: bool| {
            let this = Period::of(unit, y, part)?;
            if passed_enough {
                Some(this)
            } else {
                this.previous()
            }
        };
        let p = match kind {
            Kind::Weekly => {
                let w = today.iso_week();
                let this = Period::of(PeriodUnit::Week, w.year(), w.week());
                if today.weekday().num_days_from_monday() >= 3 {
                    this
                } else {
                    this.and_then(|p| p.previous())
                }
            }
            Kind::Monthly => this_or_last(PeriodUnit::Month, m, d >= 20),
            Kind::Quarterly => this_or_last(PeriodUnit::Quarter, m.div_ceil(3), m % 3 == 0),
            Kind::HalfYear => this_or_last(PeriodUnit::Half, m.div_ceil(6), (m - 1) % 6 >= 4),
            Kind::Annual | Kind::DutyReport => this_or_last(PeriodUnit::Year, 1, m >= 11),
            Kind::Probation | Kind::ProjectRetro | Kind::Other => today
                .checked_sub_months(Months::new(3))
                .and_then(|s| s.succ_opt())
                .map(|start| Period { start, end: today }),
        };
        p.unwrap_or(Period {
            start: today,
            end: today,
        })
    }

    /// The part of `unit` that holds `day` in `day`'s year (the ISO week and ISO year for
    /// weeks): what a picker shows when the user switches to that unit.
    pub fn part_holding(unit: PeriodUnit, day: NaiveDate) -> (i32, u32) {
        let (y, m) = (day.year(), day.month());
        match unit {
            PeriodUnit::Year | PeriodUnit::Custom => (y, 1),
            PeriodUnit::Half => (y, m.div_ceil(6)),
            PeriodUnit::Quarter => (y, m.div_ceil(3)),
            PeriodUnit::Month => (y, m),
            PeriodUnit::Week => (day.iso_week().year(), day.iso_week().week()),
        }
    }
}

/// The name of part `n` of `unit` in a picker: 上半年, 第 3 季度, 5 月, 第 47 周（11-16 至
/// 11-22）.
pub fn part_label(unit: PeriodUnit, year: i32, n: u32, lang: Lang) -> String {
    match unit {
        PeriodUnit::Half => match (lang, n) {
            (Lang::En, 1) => "First half (H1)".into(),
            (Lang::En, _) => "Second half (H2)".into(),
            (_, 1) => "上半年".into(),
            _ => "下半年".into(),
        },
        PeriodUnit::Quarter => match lang {
            Lang::ZhHans => format!("第 {n} 季度"),
            Lang::ZhHant => format!("第 {n} 季"),
            Lang::En => format!("Q{n}"),
        },
        PeriodUnit::Month => match lang {
            Lang::En => EN_MONTHS[(n as usize + 11) % 12].to_string(),
            _ => format!("{n} 月"),
        },
        PeriodUnit::Week => {
            let Some(p) = Period::week(year, n) else {
                return n.to_string();
            };
            let (a, b) = (p.start.format("%m-%d"), p.end.format("%m-%d"));
            match lang {
                Lang::ZhHans => format!("第 {n} 周（{a} 至 {b}）"),
                Lang::ZhHant => format!("第 {n} 週（{a} 至 {b}）"),
                Lang::En => format!("Week {n} ({a} to {b})"),
            }
        }
        PeriodUnit::Year | PeriodUnit::Custom => match lang {
            Lang::En => year.to_string(),
            _ => format!("{year} 年"),
        },
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} 至 {}",
            self.start.format("%Y-%m-%d"),
            self.end.format("%Y-%m-%d")
        )
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // YAML reads a bare `2026` as a number; accept both.
        let v = serde_norway::Value::deserialize(d)?;
        let s = match v {
            serde_norway::Value::String(s) => s,
            serde_norway::Value::Number(n) => n.to_string(),
            other => return Err(serde::de::Error::custom(format!("not a period: {other:?}"))),
        };
        Period::parse(&s).map_err(|e| serde::de::Error::custom(e.message(Lang::En)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    #[test]
    fn periods_parse_in_every_form() {
        assert_eq!(
            p("2026"),
            Period {
                start: d("2026-01-01"),
                end: d("2026-12-31")
            }
        );
        assert_eq!(p("2026-Q3").end, d("2026-09-30"));
        assert_eq!(p("2026-h2").start, d("2026-07-01"));
        assert_eq!(p("2026-02").end, d("2026-02-28"));
        assert_eq!(p("2026-W1").start, d("2025-12-29"));
        assert_eq!(p("2026-01-01 至 2026-12-31"), p("2026-01-01..2026-12-31"));
        for sep in [" / ", " - ", " – ", " — ", "~", "到"] {
            assert_eq!(p(&format!("2026-01-01{sep}2026-12-31")), p("2026"), "{sep}");
        }
        assert!(Period::parse("2026-12-31 至 2026-01-01").is_err());
        assert!(Period::parse("2026-Q5").is_err());
        assert!(Period::parse("2026-W54").is_err());
        assert!(Period::parse("soon").is_err());
        assert!(Period::parse("二〇二六").is_err());
    }

    #[test]
    fn next_and_previous_keep_the_shape() {
        let next = |s: &str| p(s).next().unwrap();
        assert_eq!(next("2026"), p("2027"));
        assert_eq!(next("2026-Q4"), p("2027-Q1"));
        assert_eq!(next("2026-01"), p("2026-02"));
        assert_eq!(next("2026-W47"), p("2026-W48"));
        assert_eq!(next("2026-W53"), p("2027-W01"));
        assert_eq!(
            next("2026-03-05 至 2026-03-06"),
            p("2026-03-07 至 2026-03-08")
        );
        assert_eq!(p("2027-Q1").previous().unwrap(), p("2026-Q4"));
        assert_eq!(p("2026-W48").previous().unwrap(), p("2026-W47"));
    }

    #[test]
    fn shape_code_and_label_name_every_unit() {
        for (s, code, hans, hant, en) in [
            ("2026", "2026", "2026年", "2026年", "2026"),
            (
                "2026-H2",
                "2026-H2",
                "2026年下半年",
                "2026年下半年",
                "H2 2026",
            ),
            (
                "2026-Q3",
                "2026-Q3",
                "2026年第三季度",
                "2026年第三季度",
                "Q3 2026",
            ),
            ("2026-03", "2026-03", "2026年3月", "2026年3月", "Mar 2026"),
            (
                "2026-W47",
                "2026-W47",
                "2026年第47周",
                "2026年第47週",
                "Week 47, 2026",
            ),
            (
                "2027-W01",
                "2027-W01",
                "2027年第1周",
                "2027年第1週",
                "Week 1, 2027",
            ),
            (
                "2026-01-05 至 2026-03-20",
                "2026-01-05 至 2026-03-20",
                "2026-01-05 至 2026-03-20",
                "2026-01-05 至 2026-03-20",
                "2026-01-05 – 2026-03-20",
            ),
        ] {
            let x = p(s);
            assert_eq!(x.code(), code);
            assert_eq!(p(&x.code()), x);
            assert_eq!(x.label(Lang::ZhHans), hans);
            assert_eq!(x.label(Lang::ZhHant), hant);
            assert_eq!(x.label(Lang::En), en);
        }
        // A range that is exactly a quarter is that quarter.
        assert_eq!(p("2026-07-01 至 2026-09-30").code(), "2026-Q3");
    }

    #[test]
    fn a_new_summary_is_about_the_period_mostly_passed_else_the_one_before() {
        let def = |k, day: &str| Period::default_for(k, d(day)).code();
        assert_eq!(def(Kind::Annual, "2027-01-10"), "2026");
        assert_eq!(def(Kind::Annual, "2026-12-03"), "2026");
        assert_eq!(def(Kind::Annual, "2026-06-03"), "2025");
        assert_eq!(def(Kind::DutyReport, "2027-02-28"), "2026");
        assert_eq!(def(Kind::HalfYear, "2027-01-20"), "2026-H2");
        assert_eq!(def(Kind::HalfYear, "2026-05-31"), "2026-H1");
        assert_eq!(def(Kind::HalfYear, "2026-04-30"), "2025-H2");
        assert_eq!(def(Kind::Quarterly, "2026-12-03"), "2026-Q4");
        assert_eq!(def(Kind::Quarterly, "2026-11-20"), "2026-Q3");
        assert_eq!(def(Kind::Quarterly, "2027-01-02"), "2026-Q4");
        assert_eq!(def(Kind::Monthly, "2027-01-05"), "2026-12");
        assert_eq!(def(Kind::Monthly, "2026-12-03"), "2026-11");
        assert_eq!(def(Kind::Monthly, "2026-12-21"), "2026-12");
        // 2026-11-18 is a Wednesday: last week; the Thursday after: this week.
        assert_eq!(def(Kind::Weekly, "2026-11-18"), "2026-W46");
        assert_eq!(def(Kind::Weekly, "2026-11-19"), "2026-W47");
        assert_eq!(def(Kind::Weekly, "2027-01-01"), "2026-W53");
        assert_eq!(
            def(Kind::Probation, "2026-12-03"),
            "2026-09-04 至 2026-12-03"
        );
    }

    #[test]
    fn pickers_name_their_parts() {
        assert_eq!(iso_weeks_in(2026), 53);
        assert_eq!(iso_weeks_in(2027), 52);
        assert_eq!(PeriodUnit::Week.parts_in(2026), 53);
        assert_eq!(
            part_label(PeriodUnit::Week, 2026, 47, Lang::ZhHans),
            "第 47 周（11-16 至 11-22）"
        );
        assert_eq!(part_label(PeriodUnit::Quarter, 2026, 3, Lang::En), "Q3");
        assert_eq!(part_label(PeriodUnit::Month, 2026, 3, Lang::En), "Mar");
        assert_eq!(
            Period::part_holding(PeriodUnit::Week, d("2027-01-01")),
            (2026, 53)
        );
        assert_eq!(Period::of(PeriodUnit::Week, 2027, 53), None);
    }
}
