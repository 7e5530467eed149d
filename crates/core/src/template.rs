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

use crate::error::{Entity, Error, Result};
use crate::lang::Lang;
use crate::meta::{Kind, Metadata, write_front_matter};
use crate::model::{Block, Document, inline_text};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::str::FromStr;
use std::sync::OnceLock;

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

// ---------------------------------------------------------------------------------------------
// Built-in gallery

macro_rules! data_files {
    ($($stem:literal),* $(,)?) => {
        &[$(($stem, include_str!(concat!("../templates/", $stem, ".toml")))),*]
    };
}

/// Every built-in data file as (file stem, text). A new file must be listed here; a unit test
/// checks that the list and the folder agree.
const DATA: &[(&str, &str)] = data_files![
    "annual-five-part",
    "annual-by-module",
    "annual-star",
    "growth-narrative",
    "product-manager-annual",
    "half-year",
    "quarterly",
    "monthly",
    "weekly",
    "probation",
    "duty-report",
    "sales-review",
    "project-retro-grai",
];

fn parse_data_file(stem: &str, text: &str) -> Result<Template> {
    let t: Template = toml::from_str(text)
        .map_err(|e| Error::TemplateData(format!("{stem}.toml: {}", e.message())))?;
    if t.id != stem {
        return Err(Error::TemplateData(format!(
            "{stem}.toml: the id '{}' must equal the file name",
            t.id
        )));
    }
    t.validate()?;
    Ok(t)
}

fn parse_all(files: &[(&str, &str)]) -> Result<Vec<Template>> {
    let mut out = Vec::with_capacity(files.len());
    let mut seen = HashSet::new();
    for (stem, text) in files {
        let t = parse_data_file(stem, text)?;
        if !seen.insert(t.id.clone()) {
            return Err(Error::TemplateData(format!(
                "template id '{}' is used twice",
                t.id
            )));
        }
        out.push(t);
    }
    out.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// The built-in templates in gallery order, parsed once.
pub fn builtin() -> Result<&'static [Template]> {
    static PARSED: OnceLock<std::result::Result<Vec<Template>, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse_all(DATA).map_err(|e| e.message(Lang::En))) {
        Ok(v) => Ok(v.as_slice()),
        Err(m) => Err(Error::TemplateData(m.clone())),
    }
}

/// The built-in template `id`.
pub fn find(id: &str) -> Result<Template> {
    builtin()?
        .iter()
        .find(|t| t.id == id)
        .cloned()
        .ok_or_else(|| Error::not_found(Entity::Template, id))
}

/// The whole built-in gallery in one language.
pub fn gallery(lang: Lang) -> Result<Vec<TemplateView>> {
    Ok(builtin()?.iter().map(|t| t.view(lang)).collect())
}

/// The editorial rules of the built-in gallery, stricter than [`Template::validate`]: all
/// three languages for every name, description and section (title and prompt), 2–4 tips and at
/// least 2 snippets per section, balanced `【】` in prompts and snippets, unique ids, at least
/// ten templates, and every common kind covered. Returns one line per problem.
pub fn gallery_problems(templates: &[Template]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for t in templates {
        let id = &t.id;
        if !seen.insert(id.as_str()) {
            problems.push(format!("{id}: id used twice"));
        }
        if let Err(e) = t.validate() {
            problems.push(e.message(Lang::En));
        }
        for l in Lang::ALL {
            if t.name.exact(l).trim().is_empty() {
                problems.push(format!("{id}: name lacks {l}"));
            }
            if t.description.exact(l).trim().is_empty() {
                problems.push(format!("{id}: description lacks {l}"));
            }
        }
        for (i, s) in t.sections.iter().enumerate() {
            let n = i + 1;
            for l in Lang::ALL {
                let x = s.text(l);
                let at = format!("{id}: section {n} [{l}]");
                if x.title.trim().is_empty() {
                    problems.push(format!("{at}: no title"));
                }
                if x.title
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
                    || ["一、", "二、", "三、", "（一）", "(一)"]
                        .iter()
                        .any(|p| x.title.starts_with(p))
                {
                    problems.push(format!("{at}: title '{}' carries numbering", x.title));
                }
                if x.prompt.trim().is_empty() {
                    problems.push(format!("{at}: no prompt"));
                }
                if !(2..=4).contains(&x.tips.len()) {
                    problems.push(format!("{at}: {} tips (want 2 to 4)", x.tips.len()));
                }
                if x.tips.iter().any(|s| s.trim().is_empty()) {
                    problems.push(format!("{at}: an empty tip"));
                }
                if x.snippets.len() < 2 {
                    problems.push(format!(
                        "{at}: {} snippets (want at least 2)",
                        x.snippets.len()
                    ));
                }
                for text in std::iter::once(&x.prompt).chain(&x.snippets) {
                    if text.trim().is_empty() {
                        problems.push(format!("{at}: an empty snippet"));
                    }
                    if !brackets_balanced(text) {
                        problems.push(format!("{at}: unbalanced 【】 in '{text}'"));
                    }
                }
            }
        }
    }
    if templates.len() < 10 {
        problems.push(format!(
            "only {} templates (want at least 10)",
            templates.len()
        ));
    }
    for k in [
        Kind::Annual,
        Kind::Quarterly,
        Kind::Monthly,
        Kind::Weekly,
        Kind::Probation,
        Kind::DutyReport,
        Kind::ProjectRetro,
    ] {
        if !templates.iter().any(|t| t.kind == k) {
            problems.push(format!("no template of kind {}", k.id()));
        }
    }
    problems
}

/// Whether every `【` is closed by a `】` before the next `【`, and no `】` stands alone.
pub fn brackets_balanced(text: &str) -> bool {
    let mut open = false;
    for c in text.chars() {
        match c {
            '【' if open => return false,
            '【' => open = true,
            '】' if !open => return false,
            '】' => open = false,
            _ => {}
        }
    }
    !open
}

// ---------------------------------------------------------------------------------------------
// New documents and user templates

/// The Markdown text of a new document made from `t`: front matter (with the template's id,
/// kind and `lang`), the title as a level-1 heading (`meta.title`, else the template's name),
/// then every section heading at its level followed by its prompt.
pub fn new_document_markdown(t: &Template, lang: Lang, meta: Metadata) -> String {
    let mut meta = meta;
    meta.template = Some(t.id.clone());
    meta.kind = Some(t.kind);
    meta.lang = Some(lang);
    let title = meta
        .title
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| t.name.get(lang))
        .to_string();
    let mut out = write_front_matter(&meta);
    out.push_str("# ");
    out.push_str(&one_line(&title));
    out.push('\n');
    for s in &t.sections {
        let x = s.text_or_fallback(lang);
        out.push('\n');
        out.push_str(&"#".repeat(usize::from(s.level.clamp(2, 6))));
        out.push(' ');
        out.push_str(&one_line(&x.title));
        out.push('\n');
        let prompt = one_line(&x.prompt);
        if !prompt.is_empty() {
            out.push('\n');
            out.push_str(&prompt);
            out.push('\n');
        }
    }
    out
}

/// Text made safe to stand on one Markdown line: line breaks become spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A user template from a document ("save as template"): every heading of level 2 or more
/// becomes a section with the same text in all three languages. A paragraph right under a
/// heading that is wholly a `【…】` placeholder is kept as that section's prompt; the rest of
/// the body (the user's own content) is not. Tips and snippets are empty. An empty `name`
/// falls back to the document's title, then to "My template" in `lang`.
pub fn template_from_markdown(
    id: &str,
    name: &str,
    kind: Kind,
    lang: Lang,
    markdown_doc: &Document,
) -> Template {
    let mut sections: Vec<TemplateSection> = Vec::new();
    let mut prompt_open = false;
    for b in &markdown_doc.blocks {
        match b {
            Block::Heading { level, content } if *level >= 2 => {
                let text = SectionText {
                    title: one_line(&inline_text(content)),
                    ..SectionText::default()
                };
                sections.push(TemplateSection {
                    level: (*level).min(6),
                    target: None,
                    zh_hans: text.clone(),
                    zh_hant: text.clone(),
                    en: text,
                });
                prompt_open = true;
            }
            Block::Paragraph { content } if prompt_open => {
                let p = one_line(&inline_text(content));
                if p.starts_with('【') && p.ends_with('】') && brackets_balanced(&p) {
                    if let Some(s) = sections.last_mut() {
                        s.zh_hans.prompt = p.clone();
                        s.zh_hant.prompt = p.clone();
                        s.en.prompt = p;
                    }
                }
                prompt_open = false;
            }
            _ => prompt_open = false,
        }
    }
    let name = Some(name.trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| Some(markdown_doc.display_title()).filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| lang.pick("我的模板", "我的範本", "My template").to_string());
    let source = markdown_doc.display_title();
    let description = if source.trim().is_empty() {
        Localized {
            zh_hans: "由文档另存的模板".into(),
            zh_hant: "由文件另存的範本".into(),
            en: "Saved from a document".into(),
        }
    } else {
        Localized {
            zh_hans: format!("由「{source}」另存的模板"),
            zh_hant: format!("由「{source}」另存的範本"),
            en: format!("Saved from “{source}”"),
        }
    };
    Template {
        id: id.to_string(),
        kind,
        order: 1000,
        name: Localized::same(name),
        description,
        sections,
    }
}

// ---------------------------------------------------------------------------------------------
// Template packs

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
    use crate::model::Inline;

    #[test]
    fn every_builtin_template_parses_and_follows_the_gallery_rules() {
        let all = builtin().unwrap();
        let problems = gallery_problems(all);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_data_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let p = e.unwrap().path();
                (p.extension()? == "toml")
                    .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = DATA.iter().map(|(s, _)| (*s).to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn gallery_is_sorted_by_order() {
        let all = builtin().unwrap();
        assert!(all.windows(2).all(|w| w[0].order <= w[1].order));
        assert_eq!(all[0].id, "annual-five-part");
    }

    #[test]
    fn find_gives_a_template_or_not_found() {
        assert_eq!(find("weekly").unwrap().kind, Kind::Weekly);
        let err = find("no-such-template").unwrap_err();
        assert_eq!(err.code(), "not-found");
        assert!(err.message(Lang::ZhHant).contains("範本"));
    }

    #[test]
    fn a_malformed_file_is_an_error_not_a_panic() {
        let err = parse_all(&[("x", "id = \"x\"\nkind = \"annual\"\n[name\n")]).unwrap_err();
        assert_eq!(err.code(), "template-data");
        let err = parse_all(&[(
            "x",
            "id = \"y\"\nkind = \"annual\"\nname = { en = \"Y\" }\nsections = []\n",
        )])
        .unwrap_err();
        assert!(err.to_string().contains("file name"), "{err}");
        let err = parse_all(&[(
            "x",
            "id = \"x\"\nkind = \"yearly\"\nname = { en = \"X\" }\nsections = []\n",
        )])
        .unwrap_err();
        assert_eq!(err.code(), "template-data");
    }

    #[test]
    fn the_five_part_annual_has_the_known_structure() {
        let v = find("annual-five-part").unwrap().view(Lang::ZhHans);
        let titles: Vec<&str> = v.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "工作完成情况概述",
                "主要业绩与亮点",
                "存在的问题与不足",
                "经验与教训",
                "未来工作计划"
            ]
        );
        let hant = find("annual-five-part").unwrap().view(Lang::ZhHant);
        assert_ne!(hant.sections[0].title, v.sections[0].title);
    }

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

    #[test]
    fn a_new_document_has_front_matter_title_headings_and_prompts() {
        let t = find("annual-by-module").unwrap();
        let md = new_document_markdown(&t, Lang::ZhHans, Metadata::default());
        let (meta, body) = crate::meta::split_front_matter(&md).unwrap();
        assert_eq!(meta.template.as_deref(), Some("annual-by-module"));
        assert_eq!(meta.kind, Some(Kind::Annual));
        assert_eq!(meta.lang, Some(Lang::ZhHans));
        assert!(
            body.trim_start()
                .starts_with(&format!("# {}\n", t.name.zh_hans)),
            "{body}"
        );
        for s in &t.sections {
            let heading = format!(
                "\n{} {}\n\n{}\n",
                "#".repeat(s.level.into()),
                s.zh_hans.title,
                s.zh_hans.prompt
            );
            assert!(body.contains(&heading), "missing {heading}");
        }
        assert!(body.contains("\n### "));

        let meta = Metadata {
            title: Some("2026 年度工作总结".into()),
            author: Some("张三".into()),
            ..Metadata::default()
        };
        let md = new_document_markdown(&t, Lang::En, meta);
        let (meta, body) = crate::meta::split_front_matter(&md).unwrap();
        assert_eq!(meta.author.as_deref(), Some("张三"));
        assert_eq!(meta.lang, Some(Lang::En));
        assert!(body.trim_start().starts_with("# 2026 年度工作总结\n"));
        assert!(body.contains(&t.sections[0].en.title));
    }

    fn heading(level: u8, s: &str) -> Block {
        Block::Heading {
            level,
            content: vec![Inline::text(s)],
        }
    }

    fn para(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::text(s)],
        }
    }

    #[test]
    fn save_as_template_takes_headings_and_placeholder_prompts() {
        let doc = Document {
            meta: Metadata::default(),
            blocks: vec![
                heading(1, "2026 年终总结"),
                para("前言不进模板"),
                heading(2, "业绩"),
                para("【写数字】"),
                heading(3, "客户"),
                para("今年签下了三家客户。"),
                heading(2, "计划"),
            ],
        };
        let t = template_from_markdown("my-annual", "", Kind::Annual, Lang::ZhHans, &doc);
        t.validate().unwrap();
        assert_eq!(t.name.zh_hant, "2026 年终总结");
        let v = t.view(Lang::ZhHant);
        let got: Vec<(u8, &str, &str)> = v
            .sections
            .iter()
            .map(|s| (s.level, s.title.as_str(), s.prompt.as_str()))
            .collect();
        assert_eq!(
            got,
            [(2, "业绩", "【写数字】"), (3, "客户", ""), (2, "计划", "")]
        );
        assert!(
            v.sections
                .iter()
                .all(|s| s.tips.is_empty() && s.snippets.is_empty())
        );

        let empty = template_from_markdown("x", " ", Kind::Other, Lang::En, &Document::default());
        assert_eq!(empty.name.en, "My template");
    }

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

    #[test]
    fn brackets_are_checked() {
        assert!(brackets_balanced("提升【数字】%，客户【名称】"));
        assert!(!brackets_balanced("提升【数字%"));
        assert!(!brackets_balanced("提升】数字"));
        assert!(!brackets_balanced("【a【b】】"));
    }
}

// ---------------------------------------------------------------------------------------
// The user's own templates, kept in the store beside the built-in gallery.
// ---------------------------------------------------------------------------------------

/// The user's templates (saved from documents or imported from packs).
pub fn user_templates(store: &crate::store::Store) -> Result<Vec<Template>> {
    store
        .user_templates()?
        .into_iter()
        .map(|u| {
            serde_json::from_value(u.data)
                .map_err(|e| Error::TemplateData(format!("user template {}: {e}", u.id)))
        })
        .collect()
}

/// Saves (or replaces) a user template. Built-in ids are refused: a built-in is never shadowed.
pub fn save_user_template(store: &crate::store::Store, t: &Template) -> Result<()> {
    t.validate()?;
    if builtin()?.iter().any(|b| b.id == t.id) {
        return Err(Error::TemplateData(format!(
            "'{}' is the id of a built-in template",
            t.id
        )));
    }
    let json = serde_json::to_string(t).map_err(|e| Error::TemplateData(e.to_string()))?;
    store.put_user_template(&t.id, &json)
}

/// The built-in gallery followed by the user's templates.
pub fn all_templates(store: Option<&crate::store::Store>) -> Result<Vec<Template>> {
    let mut all = builtin()?.to_vec();
    if let Some(store) = store {
        all.extend(user_templates(store)?);
    }
    Ok(all)
}

/// A template by id, built-in or the user's.
pub fn find_in(store: Option<&crate::store::Store>, id: &str) -> Result<Template> {
    all_templates(store)?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| Error::not_found(Entity::Template, id))
}

#[cfg(test)]
mod user_template_tests {
    use super::*;

    #[test]
    fn user_templates_live_in_the_store_and_never_shadow_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path()).unwrap();
        let doc = crate::markdown::parse("# 我的周报\n\n## 本周亮点\n\n## 风险\n").unwrap();
        let t = template_from_markdown("team-weekly", "团队周报", Kind::Weekly, Lang::ZhHans, &doc);
        save_user_template(&store, &t).unwrap();
        let found = find_in(Some(&store), "team-weekly").unwrap();
        assert_eq!(found.sections.len(), 2);
        assert!(all_templates(Some(&store)).unwrap().len() > builtin().unwrap().len());

        let mut clash = t.clone();
        clash.id = "weekly".into();
        assert_eq!(
            save_user_template(&store, &clash).unwrap_err().code(),
            "template-data"
        );
    }
}
