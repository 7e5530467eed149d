//! The app itself: what the UI needs at start, the words it shows for the engine's concepts,
//! and the period picker of the new-document form.

use super::common::{KindView, Lang, PeriodUnit, PeriodView, StyleId};
use crate::ApiError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// The language the app speaks (the setting, else the system's).
    pub lang: Lang,
    /// Something the store reported on open (recovered from damage…), or null.
    pub store_notice: Option<ApiError>,
    /// Today, YYYY-MM-DD, as the engine dates things.
    pub today: String,
}

/// A moment of the page's start: `at` in milliseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct StartupMark {
    pub name: String,
    pub at: f64,
}

/// An id with its name in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Named<T: TS> {
    pub id: T,
    pub label: String,
}

/// A font role of the export styles, what the 公文 style uses for it, and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FontRoleView {
    pub id: String,
    pub label: String,
    /// The families tried in order when the user chose none.
    pub default: Vec<String>,
}

/// The engine's concepts in the user's language, for lists, filters and pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Vocabulary {
    pub kinds: Vec<KindView>,
    pub styles: Vec<Named<StyleId>>,
    pub units: Vec<Named<PeriodUnit>>,
    /// The 体检 rules.
    pub rules: Vec<Named<String>>,
    pub severities: Vec<Named<String>>,
    pub font_roles: Vec<FontRoleView>,
    /// Families a font picker offers (the ones the styles name, official names first).
    pub families: Vec<String>,
}

/// What the period picker shows: a unit, a year and a part (or a range of days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeriodChoice {
    pub unit: PeriodUnit,
    pub year: i32,
    /// The half (1–2), quarter (1–4), month (1–12) or ISO week; 0 asks for the one that holds
    /// today.
    pub part: u32,
    /// YYYY-MM-DD, for a custom range.
    pub start: String,
    pub end: String,
}

/// A year the picker offers, and its name (2026 年).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearOption {
    pub year: i32,
    pub label: String,
}

/// A part the picker offers: 第 3 季度, 第 47 周（11-16 至 11-22）.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PartOption {
    pub n: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PeriodPicker {
    /// The choice as the engine settled it (defaults filled in).
    pub choice: PeriodChoice,
    /// The years offered.
    pub years: Vec<YearOption>,
    /// The parts of the chosen unit in the chosen year.
    pub parts: Vec<PartOption>,
    /// The period chosen, or null with `problem` saying why.
    pub period: Option<PeriodView>,
    pub problem: Option<String>,
    /// A title for the new document, from the template's kind and the period.
    pub suggested_title: String,
}
