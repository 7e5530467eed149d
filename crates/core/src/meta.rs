//! Document metadata (title, author, period…), kept as YAML front matter at the top of the
//! Markdown text.

use crate::error::{Error, Result};
use crate::lang::Lang;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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
    #[default]
    Other,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Annual,
        Kind::HalfYear,
        Kind::Quarterly,
        Kind::Monthly,
        Kind::Weekly,
        Kind::Probation,
        Kind::DutyReport,
        Kind::ProjectRetro,
        Kind::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Annual => "annual",
            Kind::HalfYear => "half-year",
            Kind::Quarterly => "quarterly",
            Kind::Monthly => "monthly",
            Kind::Weekly => "weekly",
            Kind::Probation => "probation",
            Kind::DutyReport => "duty-report",
            Kind::ProjectRetro => "project-retro",
            Kind::Other => "other",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Annual => lang.pick("年度总结", "年度總結", "Annual review"),
            Kind::HalfYear => lang.pick("半年总结", "半年總結", "Half-year review"),
            Kind::Quarterly => lang.pick("季度总结", "季度總結", "Quarterly review"),
            Kind::Monthly => lang.pick("月度总结", "月度總結", "Monthly review"),
            Kind::Weekly => lang.pick("周报", "週報", "Weekly report"),
            Kind::Probation => lang.pick("试用期转正", "試用期轉正", "Probation review"),
            Kind::DutyReport => lang.pick("述职报告", "述職報告", "Duty report"),
            Kind::ProjectRetro => lang.pick("项目复盘", "專案復盤", "Project retrospective"),
            Kind::Other => lang.pick("其他", "其他", "Other"),
        }
    }
}

impl FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Kind::ALL
            .into_iter()
            .find(|k| k.id() == s.trim())
            .ok_or_else(|| Error::invalid("kind", format!("'{s}'")))
    }
}

/// A reporting period: first and last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self> {
        if end < start {
            return Err(Error::invalid("period", format!("{end} is before {start}")));
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

    /// Accepts `2026-01-01 至 2026-12-31` (also `~`, `到`, `..`, `/`), `2026`, `2026-H1`,
    /// `2026-Q3`, `2026-03` and `2026-W47` (ISO week).
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim();
        let bad = || {
            Error::invalid(
                "period",
                format!("'{t}' (e.g. 2026, 2026-Q3, 2026-03, 2026-W47, 2026-01-01 至 2026-12-31)"),
            )
        };
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
        let (year, rest) = upper.split_at(upper.len().min(4));
        let y: i32 = year.parse().map_err(|_| bad())?;
        let rest = rest.trim_start_matches('-');
        let n = |x: &str| x.parse::<u32>().map_err(|_| bad());
        let p = if rest.is_empty() {
            Period::year(y)
        } else if let Some(h) = rest.strip_prefix('H') {
            match n(h)? {
                h @ 1..=2 => Period::months(y, 1 + (h - 1) * 6, 6),
                _ => None,
            }
        } else if let Some(q) = rest.strip_prefix('Q') {
            match n(q)? {
                q @ 1..=4 => Period::months(y, 1 + (q - 1) * 3, 3),
                _ => None,
            }
        } else if let Some(w) = rest.strip_prefix('W') {
            NaiveDate::from_isoywd_opt(y, n(w)?, chrono::Weekday::Mon).and_then(|start| {
                Some(Period {
                    start,
                    end: start.checked_add_days(Days::new(6))?,
                })
            })
        } else {
            match n(rest)? {
                m @ 1..=12 => Period::months(y, m, 1),
                _ => None,
            }
        };
        p.ok_or_else(bad)
    }

    fn is_whole_months(&self) -> Option<u32> {
        if self.start.day() != 1 || self.end.succ_opt().is_none_or(|d| d.day() != 1) {
            return None;
        }
        let months = (self.end.year() - self.start.year()) * 12 + self.end.month() as i32
            - self.start.month() as i32
            + 1;
        u32::try_from(months).ok()
    }

    /// The period that follows this one, of the same shape: the next year, half, quarter,
    /// month or week; otherwise a period of the same number of days starting the day after.
    pub fn next(&self) -> Option<Period> {
        if let Some(m) = self.is_whole_months() {
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

/// Chinese official date form: Arabic digits, full year, no leading zeros (2026年11月2日).
pub fn format_date_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Keys Recap does not know, kept so that nothing the user wrote is lost.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_norway::Value>,
}

impl Metadata {
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }
}

/// Splits `---\n<yaml>\n---\n<body>` into the parsed metadata and the body. Text without a
/// front matter block is all body.
pub fn split_front_matter(text: &str) -> Result<(Metadata, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok((Metadata::default(), text));
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if matches!(line.trim_end_matches(['\r', '\n']), "---" | "...") {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let meta = if yaml.trim().is_empty() {
                Metadata::default()
            } else {
                serde_norway::from_str(yaml).map_err(|e| Error::FrontMatter {
                    line: e.location().map_or(1, |l| l.line() + 1),
                    reason: e.to_string(),
                })?
            };
            return Ok((meta, body));
        }
        offset += line.len();
    }
    // An opening `---` with no closing one is a thematic break, not front matter.
    Ok((Metadata::default(), text))
}

/// The front matter block for `meta`, or nothing when it is empty.
pub fn write_front_matter(meta: &Metadata) -> String {
    if meta.is_empty() {
        return String::new();
    }
    match serde_norway::to_string(meta) {
        Ok(yaml) => format!("---\n{yaml}---\n\n"),
        // Serialising plain strings and maps cannot fail; keep the body rather than panic.
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_parse_in_every_form() {
        assert_eq!(
            Period::parse("2026").unwrap(),
            Period {
                start: d("2026-01-01"),
                end: d("2026-12-31")
            }
        );
        assert_eq!(Period::parse("2026-Q3").unwrap().end, d("2026-09-30"));
        assert_eq!(Period::parse("2026-h2").unwrap().start, d("2026-07-01"));
        assert_eq!(Period::parse("2026-02").unwrap().end, d("2026-02-28"));
        assert_eq!(Period::parse("2026-W1").unwrap().start, d("2025-12-29"));
        assert_eq!(
            Period::parse("2026-01-01 至 2026-12-31").unwrap(),
            Period::parse("2026-01-01..2026-12-31").unwrap()
        );
        assert!(Period::parse("2026-12-31 至 2026-01-01").is_err());
        assert!(Period::parse("2026-Q5").is_err());
        assert!(Period::parse("soon").is_err());
    }

    #[test]
    fn next_period_keeps_its_shape() {
        let next = |s: &str| Period::parse(s).unwrap().next().unwrap();
        assert_eq!(next("2026"), Period::parse("2027").unwrap());
        assert_eq!(next("2026-Q4"), Period::parse("2027-Q1").unwrap());
        assert_eq!(next("2026-01"), Period::parse("2026-02").unwrap());
        assert_eq!(next("2026-W52"), Period::parse("2026-W53").unwrap());
        assert_eq!(
            next("2026-03-05 至 2026-03-06"),
            Period::parse("2026-03-07 至 2026-03-08").unwrap()
        );
    }

    #[test]
    fn front_matter_round_trips_and_keeps_unknown_keys() {
        let text = "---\ntitle: 年度总结\nperiod: 2026-01-01 至 2026-12-31\nkind: annual\nreviewer: 王五\n---\n\n# 正文\n";
        let (meta, body) = split_front_matter(text).unwrap();
        assert_eq!(meta.title.as_deref(), Some("年度总结"));
        assert_eq!(meta.kind, Some(Kind::Annual));
        assert!(meta.extra.contains_key("reviewer"));
        assert_eq!(body, "\n# 正文\n");
        let again = write_front_matter(&meta);
        let (meta2, _) = split_front_matter(&again).unwrap();
        assert_eq!(meta, meta2);
    }

    #[test]
    fn malformed_front_matter_is_an_error_with_a_line() {
        let err = split_front_matter("---\ntitle: [unclosed\n---\nbody").unwrap_err();
        assert_eq!(err.code(), "front-matter");
    }

    #[test]
    fn a_lone_rule_is_not_front_matter() {
        let (meta, body) = split_front_matter("---\nno closing").unwrap();
        assert!(meta.is_empty());
        assert_eq!(body, "---\nno closing");
    }

    #[test]
    fn official_dates_have_no_leading_zeros() {
        assert_eq!(format_date_cn(d("2026-11-02")), "2026年11月2日");
    }
}
