//! The three languages Recap speaks. Every user-facing string is chosen through [`Lang`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord,
)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// 繁體中文.
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// Picks one of three strings; the one place where a message chooses its language.
    pub fn pick<'a>(self, hans: &'a str, hant: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        }
    }

    /// The language of a POSIX locale string such as `zh_CN.UTF-8`, `zh_TW`, `en_US`.
    /// Chinese locales of Taiwan, Hong Kong and Macau are Traditional; other Chinese ones Simplified.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale.to_ascii_lowercase().replace('-', "_");
        if l.starts_with("zh") {
            let trad = ["_tw", "_hk", "_mo", "hant"].iter().any(|t| l.contains(t));
            Some(if trad { Lang::ZhHant } else { Lang::ZhHans })
        } else if l.starts_with("en") || l == "c" || l.starts_with("c.") || l == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language for messages of a command-line run: Chinese when the environment asks
    /// for it (LC_ALL, LC_MESSAGES, LANG, in POSIX order), English otherwise.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return Lang::from_locale(&v).unwrap_or(Lang::En);
            }
        }
        Lang::En
    }
}

impl Lang {
    /// The desktop app's language before the user picks one: the locale's when it names a
    /// language (Chinese, or any other, which gets English), and 简体中文 when it names none
    /// (`C`, `POSIX`, unset) — the app is Chinese-first.
    pub fn app_default() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                let base = v.split(['.', '@']).next().unwrap_or_default();
                if base == "C" || base == "POSIX" {
                    return Lang::ZhHans;
                }
                return Lang::from_locale(&v).unwrap_or(Lang::En);
            }
        }
        Lang::ZhHans
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh-hans" | "zh-cn" | "zh_cn" | "zh" | "zh-sg" | "hans" => Ok(Lang::ZhHans),
            "zh-hant" | "zh-tw" | "zh_tw" | "zh-hk" | "zh_hk" | "hant" => Ok(Lang::ZhHant),
            "en" | "en-us" | "en-gb" | "english" => Ok(Lang::En),
            other => Err(format!(
                "unknown language '{other}' (use zh-Hans, zh-Hant or en)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_scripts() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_locale("zh_TW.UTF-8"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("zh_HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("de_DE"), None);
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
        }
    }
}
