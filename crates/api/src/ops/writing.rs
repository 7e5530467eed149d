//! Writing aids over the editor's text: the analysis that follows every change, the 体检,
//! import of files and pasted text, and the results table.

use super::docs::check_size;
use crate::Workspace;
use crate::dto::analysis::{Analysis, Finding, HeadingView, TableView};
use crate::dto::common::{Lang, StyleId, blank_spans};
use crate::dto::docs::{DocText, ImportNote, Imported, Pasted};
use crate::error::{ApiResult, OrApi};
use crate::host::FileFilter;
use recap_core::check::{self, CheckOptions};
use recap_core::model::{Block, Document};
use recap_core::style::{self, StyleId as CoreStyle};
use recap_core::{count, import, layout, markdown, outline, results, template};

impl Workspace {
    pub fn doc_analyze(&self, text: DocText, lines: Vec<String>) -> ApiResult<Analysis> {
        let lang = self.lang();
        let body = text.compose();
        check_size(&body).or_api(lang)?;
        check_size(&lines.concat()).or_api(lang)?;
        let doc = markdown::parse(&body).or_api(lang)?;
        let user = self.user_templates()?;
        let t = template::for_document(&doc.meta, &user);
        let counts = count::count_against(&doc, t.as_ref());
        let plan = layout::plan(&doc, &style::style(CoreStyle::Gov));
        let typed: Vec<String> = outline::sections(&doc)
            .into_iter()
            .map(|s| s.heading)
            .collect();
        let heads: Vec<(u8, &str)> = counts
            .sections
            .iter()
            .map(|s| (s.level, s.title.as_str()))
            .collect();
        let aligned = match &t {
            Some(t) => template::align(&heads, t),
            None => vec![None; heads.len()],
        };
        let guides = template::guides(&heads, &aligned);
        let headings = counts
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| HeadingView {
                block: s.block,
                level: s.level,
                number: plan.numbers.get(s.block).cloned().flatten(),
                text: typed.get(i).cloned().unwrap_or_else(|| s.title.clone()),
                section: aligned.get(i).copied().flatten(),
                guide: guides.get(i).copied().flatten(),
                count: s.count.into(),
                target: s.target.map(Into::into),
                status: s.status.map(Into::into),
                results: s.results,
            })
            .collect();
        Ok(Analysis {
            total: counts.total.into(),
            pages: counts.pages,
            headings,
            tables: tables(&doc),
            blanks: lines.iter().map(|l| blank_spans(l)).collect(),
            sources: recap_core::sources::has_markers(&doc),
        })
    }

    pub fn doc_check(&self, text: DocText, style: Option<StyleId>) -> ApiResult<Vec<Finding>> {
        let lang = self.lang();
        let body = text.compose();
        check_size(&body).or_api(lang)?;
        let opts = CheckOptions {
            lang,
            style: style.map(Into::into),
            user_templates: self.user_templates()?.to_vec(),
        };
        let report = check::check(&body, &opts).or_api(lang)?;
        Ok(report.findings.into_iter().map(Into::into).collect())
    }

    pub fn import_file(&self) -> ApiResult<Option<Imported>> {
        let lang = self.lang();
        let filter = FileFilter {
            label: lang.pick("文档", "文件", "Documents").to_string(),
            extensions: ["docx", "md", "markdown", "txt"].map(String::from).to_vec(),
        };
        let start = self.store().dialog_folder();
        let Some(path) = self.host().pick_open_path(start.as_deref(), &filter) else {
            return Ok(None);
        };
        let imported = import::import_path(&path, lang).or_api(lang)?;
        // Best effort: the import worked whether or not the folder could be noted.
        let _ = self.store().remember_folder(&path);
        Ok(Some(imported.into()))
    }

    pub fn import_data(&self, name: String, bytes: Vec<u8>) -> ApiResult<Imported> {
        let lang = self.lang();
        import::import_bytes(&name, &bytes, lang)
            .map(Into::into)
            .or_api(lang)
    }

    pub fn import_paste(&self, text: String, titled: bool) -> ApiResult<Pasted> {
        let lang = self.lang();
        check_size(&text).or_api(lang)?;
        if !import::text::looks_numbered(&text) {
            return Ok(Pasted {
                structured: false,
                content: String::new(),
                notes: Vec::new(),
            });
        }
        let imported = import::import_text(&text, lang).or_api(lang)?;
        let mut doc = markdown::parse(&imported.markdown).or_api(lang)?;
        if titled {
            title_as_text(&mut doc);
        }
        // In a document, the editor and export number the headings: the numbers typed in the
        // pasted text (一、（一）) would be out of step with the document's own, so they go.
        for b in &mut doc.blocks {
            if let Block::Heading { content, .. } = b
                && let [recap_core::Inline::Text { text }, ..] = content.as_mut_slice()
            {
                let stripped = recap_core::numbering::strip_number(text);
                if stripped.len() < text.len() && !stripped.is_empty() {
                    *text = stripped.to_string();
                }
            }
        }
        Ok(Pasted {
            structured: true,
            content: markdown::write_blocks(&doc.blocks),
            notes: imported
                .notes
                .into_iter()
                .map(|n| ImportNote {
                    line: n.line,
                    message: n.message,
                })
                .collect(),
        })
    }

    pub fn results_table(&self, lang: Lang, rows: u8) -> ApiResult<String> {
        Ok(results::empty_table(
            lang.into(),
            usize::from(rows.clamp(1, 20)),
        ))
    }

    pub fn results_fill(&self, table: String) -> ApiResult<String> {
        let lang = self.lang();
        check_size(&table).or_api(lang)?;
        results::fill_table(&table).or_api(lang)
    }
}

fn tables(doc: &Document) -> Vec<TableView> {
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Table { .. }))
        .map(|(block, b)| TableView {
            block,
            results: results::is_results_table(b),
        })
        .collect()
}

/// Pasted into a document that has its title already, the pasted text's own title (the
/// level-1 heading the import made of its title line) becomes a paragraph: a second title
/// would push every section of the document one level down (一、 would export as （一））.
/// Its text is kept as it was. Sections the import put at level 1 (text with no title line)
/// go one level down, under the document's title.
fn title_as_text(doc: &mut Document) {
    let title = doc.meta.title.clone();
    if let Some(t) = title
        && let Some(b) = doc
            .blocks
            .iter_mut()
            .find(|b| matches!(b, Block::Heading { .. }))
        && let Block::Heading { level: 1, content } = b
        && recap_core::model::inline_text(content).trim() == t.trim()
    {
        let content = std::mem::take(content);
        *b = Block::Paragraph { content };
    }
    if doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }))
    {
        for b in &mut doc.blocks {
            if let Block::Heading { level, .. } = b {
                *level = (*level + 1).min(6);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::dto::common::BlankKind;
    use crate::dto::docs::DocText;
    use crate::{NoHost, Workspace};
    use std::sync::Arc;

    fn ws() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let store = recap_core::store::Store::open(dir.path()).unwrap();
        (dir, Workspace::new(Arc::new(store), Arc::new(NoHost)))
    }

    fn text(content: &str) -> DocText {
        DocText {
            front: "---\ntemplate: annual-five-part\nkind: annual\n---\n".into(),
            content: content.into(),
            title: None,
        }
    }

    #[test]
    fn analysis_numbers_headings_matches_sections_and_finds_results_tables() {
        let (_d, ws) = ws();
        let md = "# 2026年度工作总结\n\n## 工作完成情况概述\n\n全年续约 42 家。\n\n## 第一節 概述\n\n文字。\n\n## 主要业绩与亮点\n\n| 指标 | 目标 | 实际 | 达成率 |\n|---|---|---|---|\n| 续约率 | 90% | 93% | |\n\n| 事项 | 说明 |\n|---|---|\n| a | b |\n";
        let a = ws
            .doc_analyze(
                text(md),
                vec!["完成【数字】家，XX 万元".into(), "无".into()],
            )
            .unwrap();
        let nums: Vec<Option<&str>> = a.headings.iter().map(|h| h.number.as_deref()).collect();
        // 第一節 is numbered by its writer: no second number, and it keeps its place (二).
        assert_eq!(nums, [None, Some("一、"), None, Some("三、")]);
        assert_eq!(a.headings[1].section, Some(0));
        assert_eq!(a.headings[3].section, Some(1));
        assert!(a.headings[3].results);
        assert_eq!(a.headings[2].guide, None);
        let tables: Vec<(usize, bool)> = a.tables.iter().map(|t| (t.block, t.results)).collect();
        assert_eq!(tables, [(6, true), (7, false)]);
        assert_eq!(a.blanks.len(), 2);
        let kinds: Vec<BlankKind> = a.blanks[0].iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlankKind::Bracket, BlankKind::Letters]);
        assert!(a.blanks[1].is_empty());
    }

    #[test]
    fn findings_say_where_they_are_in_the_document() {
        let (_d, ws) = ws();
        let md = "# 总结\n\n## 工作完成情况概述\n\n完成【数字】家。又完成【数字】家。\n\n## 主要业绩与亮点\n";
        let f = ws.doc_check(text(md), None).unwrap();
        let ph: Vec<(usize, &str, usize)> = f
            .iter()
            .filter(|f| f.rule == "placeholder")
            .filter_map(|f| f.spot.as_ref().map(|s| (s.block, s.text.as_str(), s.nth)))
            .collect();
        assert_eq!(ph, [(2, "【数字】", 0), (2, "【数字】", 1)]);
        let empty = f.iter().find(|f| f.rule == "empty-section").unwrap();
        assert_eq!(
            empty.spot.as_ref().map(|s| (s.block, s.text.as_str())),
            Some((3, ""))
        );
    }

    #[test]
    fn numbered_paste_becomes_structure_and_prose_does_not() {
        let (_d, ws) = ws();
        let p = ws
            .import_paste(
                "一、工作亮点\n（一）客户拓展\n新签客户 12 家。\n二、存在不足\n交付周期偏长。"
                    .into(),
                true,
            )
            .unwrap();
        assert!(p.structured);
        // Under the document's title: the sections one level down, the typed numbers gone
        // (the document numbers its headings itself).
        assert!(p.content.contains("## 工作亮点\n"), "{}", p.content);
        assert!(p.content.contains("### 客户拓展\n"), "{}", p.content);
        assert!(p.content.contains("## 存在不足\n"), "{}", p.content);
        let plain = ws.import_paste("今天完成了 3 件事。".into(), true).unwrap();
        assert!(!plain.structured);
        // A pasted title under a document that has one is text.
        let titled = ws
            .import_paste(
                "2026年述职报告\n一、履职情况\n（一）团队建设\n带领 8 人。".into(),
                true,
            )
            .unwrap();
        assert!(
            !titled.content.lines().any(|l| l.starts_with("# ")),
            "{}",
            titled.content
        );
        let untitled = ws
            .import_paste(
                "2026年述职报告\n一、履职情况\n（一）团队建设\n带领 8 人。".into(),
                false,
            )
            .unwrap();
        assert!(
            untitled.content.lines().any(|l| l.starts_with("# ")),
            "{}",
            untitled.content
        );
    }
}
