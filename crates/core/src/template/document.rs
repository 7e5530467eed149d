//! New documents from a template, and templates from a document ("save as template").

use super::{Localized, SectionText, Template, TemplateSection, brackets_balanced};
use crate::kind::Kind;
use crate::lang::Lang;
use crate::meta::{Metadata, write_front_matter};
use crate::model::{Block, Document, inline_text};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline;
    use crate::template::find;

    #[test]
    fn a_new_document_has_front_matter_title_headings_and_prompts() {
        let t = find("annual-by-module").unwrap();
        let md = new_document_markdown(&t, Lang::ZhHans, Metadata::default());
        let (meta, body) = crate::meta::split_front_matter(&md);
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
        let (meta, body) = crate::meta::split_front_matter(&md);
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
}
