//! Template packs: a set of templates in one TOML file, for a team to share.

use super::Template;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::str::FromStr;

/// A set of templates in one TOML file, for a team to share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pack {
    /// Always [`Pack::FORMAT`].
    pub format: String,
    /// Always [`Pack::VERSION`] for packs this program writes.
    pub version: u32,
    #[serde(default)]
    pub templates: Vec<Template>,
}

impl Pack {
    pub const FORMAT: &'static str = "recap-template-pack";
    pub const VERSION: u32 = 1;
    /// Packs larger than this are refused before parsing.
    pub const MAX_BYTES: usize = 4 * 1024 * 1024;

    pub fn new(templates: Vec<Template>) -> Self {
        Pack {
            format: Self::FORMAT.to_string(),
            version: Self::VERSION,
            templates,
        }
    }

    /// Ids unique, every template valid, the right format and version.
    pub fn validate(&self) -> Result<()> {
        if self.format != Self::FORMAT {
            return Err(Error::TemplateData(format!(
                "not a Recap template pack (format is '{}', expected '{}')",
                self.format,
                Self::FORMAT
            )));
        }
        if self.version != Self::VERSION {
            return Err(Error::TemplateData(format!(
                "template pack version {} is not supported (this program reads version {})",
                self.version,
                Self::VERSION
            )));
        }
        let mut seen = HashSet::new();
        for t in &self.templates {
            if !seen.insert(t.id.as_str()) {
                return Err(Error::TemplateData(format!(
                    "template id '{}' appears twice in the pack",
                    t.id
                )));
            }
            t.validate()?;
        }
        Ok(())
    }

    /// The pack as TOML text (validated first, so a written pack can always be read back).
    pub fn to_toml_string(&self) -> Result<String> {
        self.validate()?;
        toml::to_string(self)
            .map_err(|e| Error::TemplateData(format!("cannot write the pack: {e}")))
    }
}

impl FromStr for Pack {
    type Err = Error;

    /// Reads and validates a pack.
    fn from_str(s: &str) -> Result<Self> {
        if s.len() > Self::MAX_BYTES {
            return Err(Error::TooLarge {
                what: "template pack",
                size: s.len() as u64,
                limit: Self::MAX_BYTES as u64,
            });
        }
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        let pack: Pack = toml::from_str(s)
            .map_err(|e| Error::TemplateData(format!("template pack: {}", e.message())))?;
        pack.validate()?;
        Ok(pack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::template::{Localized, Target, builtin};

    #[test]
    fn packs_round_trip_and_are_validated() {
        let all = builtin().unwrap().to_vec();
        let pack = Pack::new(all.clone());
        let text = pack.to_toml_string().unwrap();
        assert!(
            text.starts_with("format = \"recap-template-pack\"\nversion = 1\n"),
            "{}",
            &text[..80]
        );
        let back: Pack = text.parse().unwrap();
        assert_eq!(back.templates, all);

        let dup = Pack::new(vec![all[0].clone(), all[0].clone()]);
        assert!(
            dup.to_toml_string()
                .unwrap_err()
                .to_string()
                .contains("twice")
        );

        let mut bad = all[0].clone();
        bad.sections[0].level = 7;
        let err = Pack::new(vec![bad]).validate().unwrap_err();
        assert!(err.to_string().contains("level 7"), "{err}");

        let mut bad = all[0].clone();
        bad.sections[0].target = Some(Target { min: 9, max: 1 });
        assert!(Pack::new(vec![bad]).validate().is_err());

        let mut bad = all[0].clone();
        bad.name = Localized::default();
        assert!(
            Pack::new(vec![bad])
                .validate()
                .unwrap_err()
                .to_string()
                .contains("name")
        );

        let err = Pack::from_str("format = \"something-else\"\nversion = 1\n").unwrap_err();
        assert_eq!(err.code(), "template-data");
        let err = Pack::from_str("format = \"recap-template-pack\"\nversion = 2\n").unwrap_err();
        assert!(err.to_string().contains("version 2"));
        assert!(Pack::from_str("not toml at all [").is_err());
    }

    #[test]
    fn a_hand_written_pack_with_one_language_reads() {
        let text = r#"
format = "recap-template-pack"
version = 1

[[templates]]
id = "team-weekly"
kind = "weekly"
name = { zh-Hans = "团队周报" }

[[templates.sections]]
level = 2
zh-Hans = { title = "本周完成", prompt = "【列出完成事项】" }
"#;
        let pack: Pack = text.parse().unwrap();
        let v = pack.templates[0].view(Lang::En);
        assert_eq!(v.name, "团队周报");
        assert_eq!(v.sections[0].title, "本周完成");
        assert_eq!(v.sections[0].target, None);
    }
}
