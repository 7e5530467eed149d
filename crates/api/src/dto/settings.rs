//! The user's settings, as typed by the engine (recap_core::settings).

use super::common::{Format, Lang, StyleId};
use recap_core::settings as core;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Profile {
    pub author: String,
    pub department: String,
    pub position: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportPrefs {
    pub format: Format,
    pub style: StyleId,
    pub cover: bool,
    pub toc: bool,
    pub page_numbers: bool,
    pub signature: bool,
    pub header_on: bool,
    pub header: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Settings {
    /// The language chosen in Settings; null: the system's.
    pub lang: Option<Lang>,
    pub profile: Profile,
    pub export: ExportPrefs,
    /// Font role id -> the family put first for that role.
    pub fonts: BTreeMap<String, String>,
}

/// One change to the settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum SettingsChange {
    Lang {
        lang: Lang,
    },
    Profile {
        profile: Profile,
    },
    Export {
        export: ExportPrefs,
    },
    /// An empty family removes the choice.
    Font {
        role: String,
        family: String,
    },
}

impl From<core::Settings> for Settings {
    fn from(s: core::Settings) -> Self {
        Settings {
            lang: s.lang.map(Into::into),
            profile: Profile {
                author: s.profile.author,
                department: s.profile.department,
                position: s.profile.position,
            },
            export: ExportPrefs {
                format: s.export.format.into(),
                style: s.export.style.into(),
                cover: s.export.cover,
                toc: s.export.toc,
                page_numbers: s.export.page_numbers,
                signature: s.export.signature,
                header_on: s.export.header_on,
                header: s.export.header,
            },
            fonts: s.fonts,
        }
    }
}

impl From<SettingsChange> for core::Change {
    fn from(c: SettingsChange) -> Self {
        match c {
            SettingsChange::Lang { lang } => core::Change::Lang { lang: lang.into() },
            SettingsChange::Profile { profile } => core::Change::Profile {
                profile: core::Profile {
                    author: profile.author,
                    department: profile.department,
                    position: profile.position,
                },
            },
            SettingsChange::Export { export: e } => core::Change::Export {
                export: core::ExportPrefs {
                    format: e.format.into(),
                    style: e.style.into(),
                    cover: e.cover,
                    toc: e.toc,
                    page_numbers: e.page_numbers,
                    signature: e.signature,
                    header_on: e.header_on,
                    header: e.header,
                },
            },
            SettingsChange::Font { role, family } => core::Change::Font { role, family },
        }
    }
}
