//! The contract's words for the engine's small types: languages, kinds, styles, formats,
//! period units, each with a label in the user's language where a person reads it. They
//! mirror the engine's types one to one (the conversions below are the only place that
//! knows both), so a change inside recap-core cannot silently change what the UI receives.

use recap_core::period::{Period, PeriodUnit as CoreUnit};
use recap_core::style::{Format as CoreFormat, StyleId as CoreStyle};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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

impl From<recap_core::Kind> for Kind {
    fn from(k: recap_core::Kind) -> Self {
        use recap_core::Kind as K;
        match k {
            K::Annual => Kind::Annual,
            K::HalfYear => Kind::HalfYear,
            K::Quarterly => Kind::Quarterly,
            K::Monthly => Kind::Monthly,
            K::Weekly => Kind::Weekly,
            K::Probation => Kind::Probation,
            K::DutyReport => Kind::DutyReport,
            K::ProjectRetro => Kind::ProjectRetro,
            K::Other => Kind::Other,
        }
    }
}

/// A kind with its name in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KindView {
    pub id: Kind,
    pub label: String,
}

impl KindView {
    pub fn of(k: recap_core::Kind, lang: recap_core::Lang) -> Self {
        KindView {
            id: k.into(),
            label: k.label(lang).to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StyleId {
    Gov,
    Business,
    Plain,
}

impl From<StyleId> for CoreStyle {
    fn from(s: StyleId) -> Self {
        match s {
            StyleId::Gov => CoreStyle::Gov,
            StyleId::Business => CoreStyle::Business,
            StyleId::Plain => CoreStyle::Plain,
        }
    }
}

impl From<CoreStyle> for StyleId {
    fn from(s: CoreStyle) -> Self {
        match s {
            CoreStyle::Gov => StyleId::Gov,
            CoreStyle::Business => StyleId::Business,
            CoreStyle::Plain => StyleId::Plain,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Pdf,
    Html,
}

impl From<Format> for CoreFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Docx => CoreFormat::Docx,
            Format::Pdf => CoreFormat::Pdf,
            Format::Html => CoreFormat::Html,
        }
    }
}

impl From<CoreFormat> for Format {
    fn from(f: CoreFormat) -> Self {
        match f {
            CoreFormat::Docx => Format::Docx,
            CoreFormat::Pdf => Format::Pdf,
            CoreFormat::Html => Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodUnit {
    Year,
    Half,
    Quarter,
    Month,
    Week,
    Custom,
}

impl From<PeriodUnit> for CoreUnit {
    fn from(u: PeriodUnit) -> Self {
        match u {
            PeriodUnit::Year => CoreUnit::Year,
            PeriodUnit::Half => CoreUnit::Half,
            PeriodUnit::Quarter => CoreUnit::Quarter,
            PeriodUnit::Month => CoreUnit::Month,
            PeriodUnit::Week => CoreUnit::Week,
            PeriodUnit::Custom => CoreUnit::Custom,
        }
    }
}

impl From<CoreUnit> for PeriodUnit {
    fn from(u: CoreUnit) -> Self {
        match u {
            CoreUnit::Year => PeriodUnit::Year,
            CoreUnit::Half => PeriodUnit::Half,
            CoreUnit::Quarter => PeriodUnit::Quarter,
            CoreUnit::Month => PeriodUnit::Month,
            CoreUnit::Week => PeriodUnit::Week,
            CoreUnit::Custom => PeriodUnit::Custom,
        }
    }
}

/// A period as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PeriodView {
    /// What a document's front matter and the CLI take: 2026, 2026-Q3, 2026-W47, or a range.
    pub code: String,
    pub unit: PeriodUnit,
    /// First and last day, YYYY-MM-DD.
    pub start: String,
    pub end: String,
    /// Its name for people: 2026年第三季度, Q3 2026.
    pub label: String,
}

impl PeriodView {
    pub fn of(p: &Period, lang: recap_core::Lang) -> Self {
        PeriodView {
            code: p.code(),
            unit: p.shape().0.into(),
            start: p.start.format("%Y-%m-%d").to_string(),
            end: p.end.format("%Y-%m-%d").to_string(),
            label: p.label(lang),
        }
    }
}

/// A length target: 字数 from `min` to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Target {
    pub min: u32,
    pub max: u32,
}

impl From<recap_core::template::Target> for Target {
    fn from(t: recap_core::template::Target) -> Self {
        Target {
            min: t.min,
            max: t.max,
        }
    }
}

/// A blank to fill (see recap_core::blanks): `[start, end)` in UTF-16 code units of the text
/// it was found in, as a JavaScript string counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct BlankSpan {
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
    pub kind: BlankKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum BlankKind {
    Bracket,
    Letters,
    Range,
    Someone,
    Ellipsis,
    Line,
}

impl From<recap_core::blanks::BlankKind> for BlankKind {
    fn from(k: recap_core::blanks::BlankKind) -> Self {
        use recap_core::blanks::BlankKind as B;
        match k {
            B::Bracket => BlankKind::Bracket,
            B::Letters => BlankKind::Letters,
            B::Range => BlankKind::Range,
            B::Someone => BlankKind::Someone,
            B::Ellipsis => BlankKind::Ellipsis,
            B::Line => BlankKind::Line,
        }
    }
}

/// The blanks of `text`, in UTF-16 offsets.
pub fn blank_spans(text: &str) -> Vec<BlankSpan> {
    recap_core::blanks::spans(text)
        .into_iter()
        .map(|b| {
            let [start, end] = recap_core::text::utf16_range(text, b.start, b.end);
            BlankSpan {
                start,
                end,
                kind: b.kind.into(),
            }
        })
        .collect()
}
