//! Templates: the built-in gallery, user templates ("save as template") and template packs.
//!
//! A built-in template is a TOML data file in `crates/core/templates/<id>.toml`, compiled into
//! the program. Each file holds the template in all three languages side by side:
//!
//! ```toml
//! id = "annual-five-part"      # kebab-case, equal to the file stem
//! kind = "annual"
//! order = 10                   # gallery order; most used first
//! [name]
//! zh-Hans = "…"
//! zh-Hant = "…"
//! en = "…"
//! [description]
//! zh-Hans = "…"
//! zh-Hant = "…"
//! en = "…"
//! [[sections]]
//! level = 2                    # Markdown heading level; 1 is the document title
//! target = { min = 300, max = 800 }   # optional
//! [sections.zh-Hans]
//! title = "…"                  # no numbering: export adds it
//! prompt = "【…】"
//! tips = ["…"]
//! snippets = ["…【数字】…"]
//! [sections.zh-Hant]
//! [sections.en]
//! ```
//!
//! Placeholders in prompts and snippets are written `【…】` in every language.
//! Output for a person or a script goes through [`Template::view`], which picks one language.

use crate::error::{Error, Result};
use crate::kind::Kind;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// The same text in the three languages. A missing language reads as empty, and a view falls
/// back to another language rather than show nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Localized {
    #[serde(rename = "zh-Hans", default)]
    pub zh_hans: String,
    #[serde(rename = "zh-Hant", default)]
    pub zh_hant: String,
    #[serde(default)]
    pub en: String,
}

impl Localized {
    /// One text for all three languages (a user's own headings).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Localized {
            zh_hans: text.clone(),
            zh_hant: text.clone(),
            en: text,
        }
    }

    /// Exactly the text stored for `lang`, possibly empty.
    pub fn exact(&self, lang: Lang) -> &str {
        lang.pick(&self.zh_hans, &self.zh_hant, &self.en)
    }

    /// The text for `lang`, or the first non-empty one of 简体, 繁體, English.
    pub fn get(&self, lang: Lang) -> &str {
        let own = self.exact(lang);
        if !own.trim().is_empty() {
            return own;
        }
        Lang::ALL
            .into_iter()
            .map(|l| self.exact(l))
            .find(|t| !t.trim().is_empty())
            .unwrap_or("")
    }

    fn is_blank(&self) -> bool {
        Lang::ALL
            .into_iter()
            .all(|l| self.exact(l).trim().is_empty())
    }
}

/// Suggested length of a section: Chinese characters, or for English text the same numbers
/// read as words / 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub min: u32,
    pub max: u32,
}

/// The words of one section in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SectionText {
    #[serde(default)]
    pub title: String,
    /// One line of guidance put in a new document under the heading, wrapped in `【】`.
    #[serde(default)]
    pub prompt: String,
    /// Writing tips (写作要点).
    #[serde(default)]
    pub tips: Vec<String>,
    /// Example snippets (范例片段), with placeholders in `【】`.
    #[serde(default)]
    pub snippets: Vec<String>,
}

impl SectionText {
    fn is_blank(&self) -> bool {
        self.title.trim().is_empty()
    }
}

/// One section of a template, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSection {
    /// Markdown heading level, 2..=6.
    pub level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    #[serde(rename = "zh-Hans", default)]
    pub zh_hans: SectionText,
    #[serde(rename = "zh-Hant", default)]
    pub zh_hant: SectionText,
    #[serde(default)]
    pub en: SectionText,
}

impl TemplateSection {
    /// Exactly the words stored for `lang`, possibly empty.
    pub fn text(&self, lang: Lang) -> &SectionText {
        match lang {
            Lang::ZhHans => &self.zh_hans,
            Lang::ZhHant => &self.zh_hant,
            Lang::En => &self.en,
        }
    }

    /// The words for `lang`, or those of the first language that has a title.
    pub fn text_or_fallback(&self, lang: Lang) -> &SectionText {
        let own = self.text(lang);
        if !own.is_blank() {
            return own;
        }
        Lang::ALL
            .into_iter()
            .map(|l| self.text(l))
            .find(|t| !t.is_blank())
            .unwrap_or(own)
    }
}

/// A template as stored (data file, user template, or one entry of a pack).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub kind: Kind,
    /// Gallery order, lowest first.
    #[serde(default)]
    pub order: i32,
    pub name: Localized,
    #[serde(default)]
    pub description: Localized,
    pub sections: Vec<TemplateSection>,
}

/// A template in one language, for output. Its JSON is a stable contract of the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateView {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub description: String,
    pub sections: Vec<SectionView>,
}

/// A template section in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionView {
    pub title: String,
    pub level: u8,
    pub prompt: String,
    pub tips: Vec<String>,
    pub target: Option<Target>,
    pub snippets: Vec<String>,
}

impl Template {
    /// The template in `lang` (falling back to another language where a text is missing).
    pub fn view(&self, lang: Lang) -> TemplateView {
        TemplateView {
            id: self.id.clone(),
            name: self.name.get(lang).to_string(),
            kind: self.kind,
            description: self.description.get(lang).to_string(),
            sections: self
                .sections
                .iter()
                .map(|s| {
                    let t = s.text_or_fallback(lang);
                    SectionView {
                        title: t.title.clone(),
                        level: s.level,
                        prompt: t.prompt.clone(),
                        tips: t.tips.clone(),
                        target: s.target,
                        snippets: t.snippets.clone(),
                    }
                })
                .collect(),
        }
    }

    /// Structural checks every template must pass (built-in, user or from a pack): a
    /// kebab-case id, a name, at least one section, heading levels 2..=6, each section titled,
    /// and `min <= max`.
    pub fn validate(&self) -> Result<()> {
        let bad = |reason: String| {
            Err(Error::TemplateData(format!(
                "template '{}': {reason}",
                self.id
            )))
        };
        if !is_kebab_id(&self.id) {
            return bad(
                "the id must be lowercase letters, digits and single hyphens (e.g. my-weekly)"
                    .into(),
            );
        }
        if self.name.is_blank() {
            return bad("the name is empty".into());
        }
        if self.sections.is_empty() {
            return bad("it has no sections".into());
        }
        for (i, s) in self.sections.iter().enumerate() {
            let n = i + 1;
            if !(2..=6).contains(&s.level) {
                return bad(format!(
                    "section {n}: heading level {} is not between 2 and 6",
                    s.level
                ));
            }
            if Lang::ALL.into_iter().all(|l| s.text(l).is_blank()) {
                return bad(format!("section {n} has no title"));
            }
            if let Some(t) = s.target
                && t.min > t.max
            {
                return bad(format!(
                    "section {n}: target min {} is above max {}",
                    t.min, t.max
                ));
            }
        }
        Ok(())
    }
}

fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

mod align;
mod document;
mod gallery;
mod pack;

pub use align::{align, guides};
pub use document::{new_document_markdown, template_from_markdown};
pub use gallery::{brackets_balanced, builtin, find, gallery, gallery_problems};
pub use pack::Pack;

/// The template a document was made from: the one its front matter names (`template:`),
/// among the user's templates first, then the built-in gallery. The one place that answers
/// "which template does this document use" for counting, checking and carrying forward.
pub fn for_document(meta: &crate::meta::Metadata, user_templates: &[Template]) -> Option<Template> {
    let id = meta.template.as_deref()?;
    user_templates
        .iter()
        .find(|t| t.id == id)
        .cloned()
        .or_else(|| find(id).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_json_is_the_cli_contract() {
        let v = find("weekly").unwrap().view(Lang::En);
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["id"], "weekly");
        assert_eq!(json["kind"], "weekly");
        for key in ["name", "description", "sections"] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        let s = &json["sections"][0];
        for key in ["title", "level", "prompt", "tips", "target", "snippets"] {
            assert!(s.get(key).is_some(), "missing section.{key}");
        }
        assert!(s["target"]["min"].is_u64() && s["target"]["max"].is_u64());
    }

    #[test]
    fn view_falls_back_to_another_language() {
        let mut t = find("weekly").unwrap();
        t.name.en.clear();
        t.sections[0].en = SectionText::default();
        let v = t.view(Lang::En);
        assert_eq!(v.name, t.name.zh_hans);
        assert_eq!(v.sections[0].title, t.sections[0].zh_hans.title);
    }
}
