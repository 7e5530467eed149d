//! Counting (字数): Chinese characters, Latin words, a Word-compatible count, and the page
//! estimate on the 公文 grid. The UI, the CLI and the checks all show these numbers.

use crate::blanks::without_prompts;
use crate::model::{Block, Document, block_text};
use crate::outline::sections;
use crate::style::{GRID_CHARS, GRID_LINES};
use crate::template::{self, Target, Template};
use crate::text::{is_cjk_char, is_han};
use crate::vocab::is_results_title;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TextCount {
    /// Han characters, punctuation excluded.
    pub chinese_chars: u32,
    /// Runs of non-CJK, non-space characters holding a letter or digit ("KPI", "92.9%").
    pub words: u32,
    /// Word's 字数: each CJK character (punctuation included) counts one, each word one.
    pub word_compatible: u32,
}

impl TextCount {
    pub fn of(text: &str) -> TextCount {
        let mut c = TextCount::default();
        let mut in_word = false;
        let mut word_has_alnum = false;
        let end_word = |in_word: &mut bool, has: &mut bool, c: &mut TextCount| {
            if *in_word && *has {
                c.words += 1;
            }
            *in_word = false;
            *has = false;
        };
        for ch in text.chars() {
            if is_cjk_char(ch) {
                end_word(&mut in_word, &mut word_has_alnum, &mut c);
                c.word_compatible += 1;
                if is_han(ch) {
                    c.chinese_chars += 1;
                }
            } else if ch.is_whitespace() {
                end_word(&mut in_word, &mut word_has_alnum, &mut c);
            } else {
                in_word = true;
                word_has_alnum |= ch.is_alphanumeric();
            }
        }
        end_word(&mut in_word, &mut word_has_alnum, &mut c);
        c.word_compatible += c.words;
        c
    }

    fn add(&mut self, o: TextCount) {
        self.chinese_chars += o.chinese_chars;
        self.words += o.words;
        self.word_compatible += o.word_compatible;
    }
}

/// Grid lines a run of text takes on the 公文 page: a CJK character fills a cell, anything
/// else half of one.
fn grid_lines(text: &str, indent_cells: u32) -> u32 {
    text.split('\n')
        .map(|line| {
            let halves: u32 = line
                .chars()
                .map(|c| if is_cjk_char(c) { 2 } else { 1 })
                .sum();
            let cells = indent_cells + halves.div_ceil(2);
            cells.div_ceil(GRID_CHARS).max(1)
        })
        .sum()
}

fn block_lines(b: &Block) -> u32 {
    match b {
        Block::Heading { .. } => grid_lines(&block_text(b), 0),
        Block::Paragraph { .. } => grid_lines(&block_text(b), 2),
        Block::List { items, .. } => items
            .iter()
            .flat_map(|i| i.blocks.iter())
            .map(block_lines)
            .sum(),
        Block::Quote { blocks } => blocks.iter().map(block_lines).sum(),
        Block::Table { .. } | Block::Code { .. } | Block::Html { .. } => {
            grid_lines(&block_text(b), 0)
        }
        Block::Rule => 1,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionCount {
    pub title: String,
    pub level: u8,
    /// Index of the heading block.
    pub block: usize,
    #[serde(flatten)]
    pub count: TextCount,
    /// The template's length range for this section, when the document has a template
    /// with a section of this title.
    pub target: Option<Target>,
    pub status: Option<TargetStatus>,
    /// The heading announces results or highlights (成果, 业绩, 亮点…).
    pub results: bool,
}

/// Where a section's length stands against its target. Length is Word's 字数
/// (`word_compatible`), the number an organisation's "不少于 N 字" is checked with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetStatus {
    Under,
    Within,
    Over,
}

impl TargetStatus {
    pub fn of(n: u32, t: Target) -> TargetStatus {
        if n < t.min {
            TargetStatus::Under
        } else if n > t.max {
            TargetStatus::Over
        } else {
            TargetStatus::Within
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counts {
    #[serde(flatten)]
    pub total: TextCount,
    /// Estimated pages on the 公文 grid (22 lines × 28 characters).
    pub pages: u32,
    pub sections: Vec<SectionCount>,
}

/// Counts the whole document and each section (a section includes its subsections).
pub fn count(doc: &Document) -> Counts {
    let per_block: Vec<TextCount> = doc
        .blocks
        .iter()
        .map(|b| TextCount::of(&block_text(b)))
        .collect();
    let mut total = TextCount::default();
    per_block.iter().for_each(|c| total.add(*c));
    let lines: u32 = doc.blocks.iter().map(block_lines).sum();
    let pages = if lines == 0 {
        0
    } else {
        lines.div_ceil(GRID_LINES)
    };
    // A section's progress is what the writer wrote: the template's 【…】 prompts are on
    // the page (and in the total, as Word would count them) but not the writer's words.
    let written: Vec<TextCount> = doc
        .blocks
        .iter()
        .map(|b| TextCount::of(&without_prompts(&block_text(b))))
        .collect();
    let sections = sections(doc)
        .into_iter()
        .map(|s| {
            let mut c = TextCount::default();
            // The heading's own words belong to the page, not to the section's content.
            written[s.block + 1..s.end].iter().for_each(|b| c.add(*b));
            SectionCount {
                results: is_results_title(&s.title),
                title: s.title,
                level: s.level,
                block: s.block,
                count: c,
                target: None,
                status: None,
            }
        })
        .collect();
    Counts {
        total,
        pages,
        sections,
    }
}

/// [`count`], with each section compared against its template section (see
/// [`template::align`]) and that section's length target.
pub fn count_against(doc: &Document, template: Option<&Template>) -> Counts {
    let mut counts = count(doc);
    let Some(t) = template else {
        return counts;
    };
    let heads: Vec<(u8, &str)> = counts
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    let aligned = template::align(&heads, t);
    for (s, a) in counts.sections.iter_mut().zip(aligned) {
        if let Some(target) = a.and_then(|i| t.sections.get(i)).and_then(|ts| ts.target) {
            s.target = Some(target);
            s.status = Some(TargetStatus::of(s.count.word_compatible, target));
        }
    }
    counts
}

/// [`count_against`] the document's own template ([`template::for_document`]).
pub fn count_with_template(doc: &Document, user_templates: &[Template]) -> Counts {
    count_against(
        doc,
        template::for_document(&doc.meta, user_templates).as_ref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn counts_chinese_words_and_word_compatible() {
        let c = TextCount::of("续约率 92.9%，比上年提高 4.1 个百分点。KPI done");
        assert_eq!(c.chinese_chars, 12);
        assert_eq!(c.words, 4); // 92.9% 4.1 KPI done
        assert_eq!(c.word_compatible, 12 + 2 + 4); // two full-width marks
    }

    #[test]
    fn punctuation_alone_is_no_word() {
        assert_eq!(TextCount::of("- — ...").words, 0);
        assert_eq!(TextCount::of("𠀀𪚥").chinese_chars, 2);
    }

    #[test]
    fn sections_exclude_their_heading_and_include_children() {
        let d = parse("# 总结\n\n## 概述\n\n十个字十个字十个字十\n\n### 细节\n\n五个字五个\n\n## 计划\n\n三个字\n").unwrap();
        let c = count(&d);
        let by: Vec<(&str, u32)> = c
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.count.chinese_chars))
            .collect();
        assert_eq!(
            by,
            vec![("总结", 24), ("概述", 17), ("细节", 5), ("计划", 3)]
        );
        assert_eq!(c.total.chinese_chars, 2 + 2 + 10 + 2 + 5 + 2 + 3);
    }

    #[test]
    fn sections_are_compared_with_the_template_targets() {
        let t = crate::template::find("annual-five-part").unwrap();
        let first = &t.sections[0];
        let target = first.target.unwrap();
        let md = format!(
            "---\ntemplate: annual-five-part\n---\n# 总结\n\n## 一、{}\n\n{}\n\n## 不在模板里\n\n字\n",
            first.zh_hans.title,
            "字".repeat(target.min as usize + 1)
        );
        let c = count_with_template(&parse(&md).unwrap(), &[]);
        let s = &c.sections[1];
        assert_eq!(s.target, Some(target));
        assert_eq!(s.status, Some(TargetStatus::Within));
        assert_eq!(c.sections[2].target, None);
        assert_eq!(
            TargetStatus::of(target.min - 1, target),
            TargetStatus::Under
        );
    }

    #[test]
    fn prompts_are_on_the_page_but_not_the_writers_words() {
        use crate::lang::Lang;
        use crate::template::{find, new_document_markdown};
        for id in ["annual-five-part", "weekly"] {
            let t = find(id).unwrap();
            let md = new_document_markdown(&t, Lang::ZhHans, Default::default());
            let fresh = count_with_template(&parse(&md).unwrap(), &[]);
            assert!(fresh.total.chinese_chars > 0, "{id}: the prompts are text");
            for s in fresh.sections.iter().filter(|s| s.level > 1) {
                assert_eq!(
                    s.count.word_compatible, 0,
                    "{id}: {} starts at zero",
                    s.title
                );
                assert_eq!(s.status, s.target.map(|_| TargetStatus::Under));
            }
        }
        // Written around a blank, the words count and the blank does not.
        let d = parse("# 总结\n\n## 概述\n\n续约率提升到【数字】个百分点\n").unwrap();
        assert_eq!(count(&d).sections[1].count.chinese_chars, 10);
    }

    #[test]
    fn pages_follow_the_grid() {
        // 22 paragraphs that each fill one line (26 characters + 2 cells of indent) make one page.
        let para = "字".repeat(26);
        let one_page = vec![para.as_str(); 22].join("\n\n");
        assert_eq!(count(&parse(&one_page).unwrap()).pages, 1);
        let two = format!("{one_page}\n\n{para}");
        assert_eq!(count(&parse(&two).unwrap()).pages, 2);
        assert_eq!(count(&parse("").unwrap()).pages, 0);
    }
}
