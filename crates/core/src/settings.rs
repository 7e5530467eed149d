//! The user's settings, typed: the language, who is writing (filled into new documents), what
//! the export dialog last used, and the font chosen for each font role. The store keeps them
//! as key/value text; the keys, the defaults and what a valid value is are written here once.
//! Reading is lenient (a value this build cannot read is the default); writing validates.

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::style::{FontRole, Format, StyleId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The keys in the store.
pub mod keys {
    pub const LANG: &str = "lang";
    pub const AUTHOR: &str = "profile.author";
    pub const DEPARTMENT: &str = "profile.department";
    pub const POSITION: &str = "profile.position";
    /// The export dialog's last choices, as JSON.
    pub const EXPORT: &str = "export.last";
    /// `font.<role id>`: the family put first for that role.
    pub const FONT_PREFIX: &str = "font.";
    /// The writing assistant's choices, as JSON ([`super::AssistantPrefs`]).
    pub const ASSISTANT: &str = "assistant";
    /// `assistant.consent.<endpoint url>`: the user said "remember" when sending to it.
    pub const CONSENT_PREFIX: &str = "assistant.consent.";
}

/// The longest endpoint address or model name kept.
pub const MAX_ENDPOINT_CHARS: usize = 500;

/// The longest profile field or header text kept (a name, a department, a line of header).
pub const MAX_FIELD_CHARS: usize = 200;

/// Who is writing: put into the front matter of every new document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub author: String,
    pub department: String,
    pub position: String,
}

/// The export dialog's choices, remembered for the next export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportPrefs {
    pub format: Format,
    pub style: StyleId,
    pub cover: bool,
    pub toc: bool,
    pub page_numbers: bool,
    pub signature: bool,
    /// Whether the running header is on; its text is kept while it is off. (`headerOn`: as
    /// the first builds' dialog wrote it.)
    #[serde(alias = "headerOn")]
    pub header_on: bool,
    pub header: String,
}

impl Default for ExportPrefs {
    fn default() -> Self {
        ExportPrefs {
            format: Format::Docx,
            style: StyleId::Gov,
            cover: false,
            toc: false,
            page_numbers: true,
            signature: true,
            header_on: false,
            header: String::new(),
        }
    }
}

/// The writing assistant: off until the user turns it on. While off, nothing connects
/// anywhere (the API checks `enabled` before it makes a client).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssistantPrefs {
    pub enabled: bool,
    /// The preset picked: `ollama`, `lm-studio`, `llama-cpp` or `other`.
    pub preset: String,
    /// The endpoint's base URL (`…/v1`).
    pub url: String,
    /// The model picked from the server's list; empty: none picked yet.
    pub model: String,
}

impl Default for AssistantPrefs {
    fn default() -> Self {
        // Local first: Ollama is what most users of a local model run.
        AssistantPrefs {
            enabled: false,
            preset: "ollama".into(),
            url: "http://127.0.0.1:11434/v1".into(),
            model: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Settings {
    /// The language the user chose; `None`: the system's (see [`Lang::app_default`]).
    pub lang: Option<Lang>,
    pub profile: Profile,
    pub export: ExportPrefs,
    /// Role id -> the family put first for that role (see [`crate::style::resolve_fonts`]).
    pub fonts: BTreeMap<String, String>,
    pub assistant: AssistantPrefs,
    /// Endpoints the user agreed to send text to without asking again.
    pub consented: Vec<String>,
}

/// One change the user makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Change {
    Lang {
        lang: Lang,
    },
    Profile {
        profile: Profile,
    },
    Export {
        export: ExportPrefs,
    },
    /// An empty family removes the choice (the style's own list applies).
    Font {
        role: String,
        family: String,
    },
    Assistant {
        assistant: AssistantPrefs,
    },
    /// Remember (or forget) the consent to send text to `endpoint`.
    Consent {
        endpoint: String,
        remember: bool,
    },
}

impl Settings {
    /// The settings from the store's pairs. What cannot be read is the default: a value
    /// written by a newer build never stops the app.
    pub fn from_pairs(pairs: &BTreeMap<String, String>) -> Settings {
        let text = |k: &str| {
            pairs
                .get(k)
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        Settings {
            lang: pairs.get(keys::LANG).and_then(|v| v.parse().ok()),
            profile: Profile {
                author: text(keys::AUTHOR),
                department: text(keys::DEPARTMENT),
                position: text(keys::POSITION),
            },
            export: pairs
                .get(keys::EXPORT)
                .and_then(|v| serde_json::from_str(v).ok())
                .unwrap_or_default(),
            fonts: pairs
                .iter()
                .filter_map(|(k, v)| {
                    let role = FontRole::from_id(k.strip_prefix(keys::FONT_PREFIX)?)?;
                    let family = v.trim();
                    (!family.is_empty()).then(|| (role.id().to_string(), family.to_string()))
                })
                .collect(),
            assistant: pairs
                .get(keys::ASSISTANT)
                .and_then(|v| serde_json::from_str(v).ok())
                .unwrap_or_default(),
            consented: pairs
                .iter()
                .filter(|(_, v)| v.as_str() == "1")
                .filter_map(|(k, _)| k.strip_prefix(keys::CONSENT_PREFIX).map(str::to_string))
                .collect(),
        }
    }

    /// The language the app speaks: the user's choice, else the system's.
    pub fn app_lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::app_default)
    }
}

fn field(name: &'static str, value: &str) -> Result<String> {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.chars().count() > MAX_FIELD_CHARS {
        return Err(Error::invalid(
            name,
            format!("{} > {MAX_FIELD_CHARS}", v.chars().count()),
        ));
    }
    Ok(v)
}

/// An address or a model name: one line, no spaces, bounded.
fn endpoint_field(name: &'static str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.chars().count() > MAX_ENDPOINT_CHARS || v.chars().any(char::is_whitespace) {
        return Err(Error::invalid(
            name,
            format!("'{}'", v.chars().take(40).collect::<String>()),
        ));
    }
    Ok(v.to_string())
}

impl Change {
    /// The store's pairs this change writes: `(key, Some(value))` to set, `(key, None)` to
    /// remove. Refused when a value is not valid (an unknown font role, a field too long).
    pub fn pairs(&self) -> Result<Vec<(String, Option<String>)>> {
        Ok(match self {
            Change::Lang { lang } => vec![(keys::LANG.into(), Some(lang.code().into()))],
            Change::Profile { profile } => vec![
                (keys::AUTHOR.into(), Some(field("author", &profile.author)?)),
                (
                    keys::DEPARTMENT.into(),
                    Some(field("department", &profile.department)?),
                ),
                (
                    keys::POSITION.into(),
                    Some(field("position", &profile.position)?),
                ),
            ],
            Change::Export { export } => {
                let mut e = export.clone();
                e.header = field("header", &e.header)?;
                let json = serde_json::to_string(&e)
                    .map_err(|err| Error::invalid("export", err.to_string()))?;
                vec![(keys::EXPORT.into(), Some(json))]
            }
            Change::Font { role, family } => {
                let Some(r) = FontRole::from_id(role) else {
                    return Err(Error::invalid("font role", format!("'{role}'")));
                };
                let key = format!("{}{}", keys::FONT_PREFIX, r.id());
                let family = field("font", family)?;
                vec![(key, (!family.is_empty()).then_some(family))]
            }
            Change::Assistant { assistant } => {
                let mut a = assistant.clone();
                a.url = endpoint_field("url", &a.url)?;
                a.model = endpoint_field("model", &a.model)?;
                if !["ollama", "lm-studio", "llama-cpp", "other"].contains(&a.preset.as_str()) {
                    return Err(Error::invalid("preset", format!("'{}'", a.preset)));
                }
                let json = serde_json::to_string(&a)
                    .map_err(|err| Error::invalid("assistant", err.to_string()))?;
                vec![(keys::ASSISTANT.into(), Some(json))]
            }
            Change::Consent { endpoint, remember } => {
                let endpoint = endpoint_field("endpoint", endpoint)?;
                if endpoint.is_empty() {
                    return Err(Error::invalid("endpoint", "''"));
                }
                vec![(
                    format!("{}{endpoint}", keys::CONSENT_PREFIX),
                    remember.then(|| "1".to_string()),
                )]
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_stores_pairs() {
        let mut pairs = BTreeMap::new();
        for change in [
            Change::Lang { lang: Lang::ZhHant },
            Change::Profile {
                profile: Profile {
                    author: " 林晓舟 ".into(),
                    department: "华东区\n客户成功部".into(),
                    position: "高级客户经理".into(),
                },
            },
            Change::Export {
                export: ExportPrefs {
                    format: Format::Pdf,
                    style: StyleId::Business,
                    header_on: true,
                    header: "内部资料".into(),
                    ..ExportPrefs::default()
                },
            },
            Change::Font {
                role: "page_number".into(),
                family: "SimSun".into(),
            },
        ] {
            for (k, v) in change.pairs().unwrap() {
                match v {
                    Some(v) => pairs.insert(k, v),
                    None => pairs.remove(&k),
                };
            }
        }
        let s = Settings::from_pairs(&pairs);
        assert_eq!(s.lang, Some(Lang::ZhHant));
        assert_eq!(s.app_lang(), Lang::ZhHant);
        assert_eq!(s.profile.author, "林晓舟");
        assert_eq!(s.profile.department, "华东区 客户成功部");
        assert_eq!(s.export.format, Format::Pdf);
        assert_eq!(s.export.header, "内部资料");
        assert_eq!(
            s.fonts.get("page-number").map(String::as_str),
            Some("SimSun")
        );
        let cleared = Change::Font {
            role: "page-number".into(),
            family: " ".into(),
        };
        assert_eq!(
            cleared.pairs().unwrap(),
            [("font.page-number".to_string(), None)]
        );
    }

    #[test]
    fn what_cannot_be_read_is_the_default_and_bad_changes_are_refused() {
        let pairs = BTreeMap::from([
            ("lang".to_string(), "klingon".to_string()),
            ("export.last".to_string(), "{not json".to_string()),
            ("font.nonsense".to_string(), "SimSun".to_string()),
        ]);
        let s = Settings::from_pairs(&pairs);
        assert_eq!(s, Settings::default());
        let bad_role = Change::Font {
            role: "nonsense".into(),
            family: "SimSun".into(),
        };
        assert_eq!(bad_role.pairs().unwrap_err().code(), "invalid-input");
        let long = Change::Profile {
            profile: Profile {
                author: "长".repeat(MAX_FIELD_CHARS + 1),
                ..Profile::default()
            },
        };
        assert!(long.pairs().is_err());
        // An older build's remembered choices (header text without header_on) still read.
        let old = BTreeMap::from([(
            "export.last".to_string(),
            r#"{"style":"plain","cover":true,"headerOn":true}"#.to_string(),
        )]);
        let s = Settings::from_pairs(&old);
        assert_eq!(s.export.style, StyleId::Plain);
        assert!(s.export.cover && s.export.page_numbers && s.export.header_on);
    }

    #[test]
    fn the_assistant_is_off_until_turned_on_and_consent_is_per_endpoint() {
        let mut pairs = BTreeMap::new();
        let s = Settings::from_pairs(&pairs);
        assert!(!s.assistant.enabled);
        assert!(s.consented.is_empty());
        let on = Change::Assistant {
            assistant: AssistantPrefs {
                enabled: true,
                preset: "other".into(),
                url: " https://api.example.com/v1 ".into(),
                model: "qwen3".into(),
            },
        };
        let consent = Change::Consent {
            endpoint: "https://api.example.com/v1".into(),
            remember: true,
        };
        for c in [on, consent] {
            for (k, v) in c.pairs().unwrap() {
                match v {
                    Some(v) => pairs.insert(k, v),
                    None => pairs.remove(&k),
                };
            }
        }
        let s = Settings::from_pairs(&pairs);
        assert!(s.assistant.enabled);
        assert_eq!(s.assistant.url, "https://api.example.com/v1");
        assert_eq!(s.consented, vec!["https://api.example.com/v1".to_string()]);
        let forget = Change::Consent {
            endpoint: "https://api.example.com/v1".into(),
            remember: false,
        };
        assert_eq!(forget.pairs().unwrap()[0].1, None);
        let bad = Change::Assistant {
            assistant: AssistantPrefs {
                preset: "skynet".into(),
                ..AssistantPrefs::default()
            },
        };
        assert!(bad.pairs().is_err());
        let spaced = Change::Assistant {
            assistant: AssistantPrefs {
                model: "a b".into(),
                ..AssistantPrefs::default()
            },
        };
        assert!(spaced.pairs().is_err());
    }
}
