//! Carry forward: from this period's summary, the next period's document. It keeps the
//! template, moves the period on (and the title with it), and opens with a review table of
//! every item of the old plan section — 事项 / 目标 / 状态 / 说明 — to fill in.
//!
//! The status cell starts as a 【…】 placeholder, so the 体检 check keeps pointing at the
//! review until every item has been given a status.

use crate::blanks::without_prompts;
use crate::error::Result;
use crate::lang::Lang;
use crate::markdown;
use crate::meta::Metadata;
use crate::model::{Align, Block, Document, Inline, inline_text};
use crate::numbering::strip_number;
use crate::outline::sections;
use crate::period::Period;
use crate::script::document_lang;
use crate::template::{self, Template};
use crate::vocab::is_plan_title;
use serde::Serialize;

/// One item of the old plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    /// What was planned (the item's lead, or its whole text).
    pub item: String,
    /// Its target, when the item states one after a colon or in figures.
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carried {
    /// The new document's Markdown, front matter included.
    pub markdown: String,
    /// The old plan's items, as put into the review table.
    pub items: Vec<PlanItem>,
    /// The new period, when the old document had one.
    pub period: Option<Period>,
}

/// The items of the document's plan section: the last section whose title names a plan
/// (计划、打算、规划、展望、下一步、plan, next). List items are the items; a plan written
/// as paragraphs gives one item per paragraph.
pub fn plan_items(doc: &Document) -> Vec<PlanItem> {
    let secs = sections(doc);
    let Some(s) = secs.iter().rev().find(|s| is_plan_title(&s.title)) else {
        return Vec::new();
    };
    let body = &doc.blocks[s.block + 1..s.end];
    let mut texts: Vec<String> = Vec::new();
    for b in body {
        if let Block::List { items, .. } = b {
            for item in items {
                if let Some(Block::Paragraph { content }) = item.blocks.first() {
                    texts.push(inline_text(content));
                }
            }
        }
    }
    if texts.is_empty() {
        for b in body {
            if let Block::Paragraph { content } = b {
                texts.push(inline_text(content));
            }
        }
    }
    texts
        .into_iter()
        // A plan still holding only the template's 【…】 prompt has no item to review.
        .filter(|t| !without_prompts(t).trim().is_empty())
        .map(|t| split_item(t.trim()))
        .filter(|p| !p.item.is_empty())
        .collect()
}

/// "续约率提升到 94%：3 月底前完成…" -> item before the colon, target after it. Without a
/// colon, the target is the clauses that hold a figure.
fn split_item(text: &str) -> PlanItem {
    let text = strip_number(text);
    if let Some((a, b)) = text.split_once(['：', ':'])
        && !a.trim().is_empty()
        && a.chars().count() <= 40
    {
        return PlanItem {
            item: a.trim().to_string(),
            target: b.trim().to_string(),
        };
    }
    let figures: Vec<&str> = text
        .split(['，', '。', '；', ',', ';'])
        .map(str::trim)
        .filter(|c| c.chars().any(|ch| ch.is_ascii_digit()))
        .collect();
    PlanItem {
        item: text.trim().to_string(),
        target: figures.join("；"),
    }
}

fn labels(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::ZhHans => ["事项", "目标", "状态", "说明"],
        Lang::ZhHant => ["事項", "目標", "狀態", "說明"],
        Lang::En => ["Item", "Target", "Status", "Note"],
    }
}

/// The review table of `items`, with an empty status and note for each.
pub fn review_table(items: &[PlanItem], lang: Lang) -> Block {
    let status = lang.pick(
        "【完成 / 部分完成 / 未完成】",
        "【完成 / 部分完成 / 未完成】",
        "【done / partly done / not done】",
    );
    let cell = |s: &str| {
        if s.is_empty() {
            Vec::new()
        } else {
            vec![Inline::text(s)]
        }
    };
    let mut rows: Vec<Vec<Vec<Inline>>> = items
        .iter()
        .map(|i| vec![cell(&i.item), cell(&i.target), cell(status), Vec::new()])
        .collect();
    if rows.is_empty() {
        let item = lang.pick(
            "【上期计划事项】",
            "【上期計畫事項】",
            "【last period's plan item】",
        );
        rows.push(vec![cell(item), Vec::new(), cell(status), Vec::new()]);
    }
    Block::Table {
        align: vec![Align::None; 4],
        head: labels(lang).iter().map(|l| cell(l)).collect(),
        rows,
    }
}

fn review_blocks(items: &[PlanItem], lang: Lang) -> Vec<Block> {
    vec![
        Block::Heading {
            level: 2,
            content: vec![Inline::text(lang.pick(
                "上期计划回顾",
                "上期計畫回顧",
                "Review of last period's plan",
            ))],
        },
        // Guidance, written as a prompt: highlighted, left out of the section's count and
        // flagged by the check until replaced.
        Block::Paragraph {
            content: vec![Inline::text(lang.pick(
                "【逐项对照上期计划，填写完成状态（完成 / 部分完成 / 未完成），未完成的写明原因和后续安排】",
                "【逐項對照上期計畫，填寫完成狀態（完成 / 部分完成 / 未完成），未完成的寫明原因和後續安排】",
                "【Go through last period's plan item by item: give each a status (done / partly done / not done) and, where not done, the reason and what happens next】",
            ))],
        },
        review_table(items, lang),
    ]
}

const CN_QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

/// The title for the next period: the old period's year, quarter, half, month or week in the
/// title moved on to the new one's. A title that names none of them is kept.
pub fn next_title(title: &str, old: Period, new: Period) -> String {
    use crate::period::PeriodUnit;
    let mut t = title.to_string();
    let (old_shape, new_shape) = (old.shape(), new.shape());
    let (oy, ny) = (old_shape.1, new_shape.1);
    match (old_shape, new_shape) {
        ((PeriodUnit::Quarter, _, oq), (PeriodUnit::Quarter, _, nq)) => {
            let (a, b) = (
                CN_QUARTERS[(oq as usize + 3) % 4],
                CN_QUARTERS[(nq as usize + 3) % 4],
            );
            t = t.replacen(&format!("第{a}季度"), &format!("第{b}季度"), 1);
            t = t.replacen(&format!("{a}季度"), &format!("{b}季度"), 1);
            t = t.replacen(&format!("Q{oq}"), &format!("Q{nq}"), 1);
        }
        ((PeriodUnit::Half, _, oh), (PeriodUnit::Half, _, _)) => {
            t = if oh == 1 {
                t.replacen("上半年", "下半年", 1).replacen("H1", "H2", 1)
            } else {
                t.replacen("下半年", "上半年", 1).replacen("H2", "H1", 1)
            };
        }
        ((PeriodUnit::Month, _, om), (PeriodUnit::Month, _, nm)) => {
            t = t.replacen(&format!("{om}月"), &format!("{nm}月"), 1);
        }
        ((PeriodUnit::Week, _, ow), (PeriodUnit::Week, _, nw)) => {
            // 第47周 / 第 47 週 / W47 / Week 47, the forms a week is named by.
            for (a, b) in [
                (format!("第{ow}周"), format!("第{nw}周")),
                (format!("第{ow}週"), format!("第{nw}週")),
                (format!("第 {ow} 周"), format!("第 {nw} 周")),
                (format!("第 {ow} 週"), format!("第 {nw} 週")),
                (format!("W{ow:02}"), format!("W{nw:02}")),
                (format!("W{ow}"), format!("W{nw}")),
                (format!("Week {ow}"), format!("Week {nw}")),
            ] {
                if t.contains(&a) {
                    t = t.replacen(&a, &b, 1);
                    break;
                }
            }
        }
        _ => {}
    }
    // Every year moves by the same step: "2027年工作计划" in a 2026 review names the plan
    // year, which is 2028 in the 2027 one. A week's year is its ISO year.
    let step = ny - oy;
    if step != 0 {
        t = shift_years(&t, step);
    }
    t
}

fn shift_years(text: &str, step: i32) -> String {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let Some(re) = RE
        .get_or_init(|| regex::Regex::new(r"(^|[^0-9])((?:19|20)[0-9]{2})([^0-9]|$)").ok())
        .as_ref()
    else {
        return text.to_string();
    };
    // Matches may touch ("2026-2027"), so replace one at a time from the left.
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = re.captures(rest) {
        let (Some(y), Some(all)) = (c.get(2), c.get(0)) else {
            break;
        };
        let shifted = y
            .as_str()
            .parse::<i32>()
            .map_or_else(|_| y.as_str().to_string(), |v| (v + step).to_string());
        out.push_str(&rest[..y.start()]);
        out.push_str(&shifted);
        let next = if all.end() > y.end() {
            y.end()
        } else {
            all.end()
        };
        rest = &rest[next..];
    }
    out.push_str(rest);
    out
}

/// The next period's document made from `markdown`. The template is the old document's
/// (`template:`; built-in or among `user_templates`); without one, the old document's own
/// section headings are reused, emptied.
pub fn carry_forward(markdown_text: &str, user_templates: &[Template]) -> Result<Carried> {
    let old = markdown::parse(markdown_text)?;
    let lang = document_lang(&old);
    let items = plan_items(&old);
    let old_title = old.display_title();
    // A document that names no period in its front matter often names it in its title
    // (2026年度工作总结): that is the period being carried on.
    let old_period = old
        .meta
        .period
        .or_else(|| crate::import::text::period_from_title(&old_title));
    let period = old_period.and_then(|p| p.next());
    let title = match (old_period, period) {
        (Some(o), Some(n)) => next_title(&old_title, o, n),
        _ => old_title,
    };
    let meta = Metadata {
        title: (!title.is_empty()).then(|| title.clone()),
        period,
        ..old.meta.clone()
    };
    let t = template::for_document(&old.meta, user_templates);
    let review = markdown::write_blocks(&review_blocks(&items, lang));
    let markdown = match t {
        Some(t) => {
            let fresh = template::new_document_markdown(&t, lang, meta);
            splice_after_title(&fresh, &review)
        }
        None => {
            let mut blocks = vec![Block::Heading {
                level: 1,
                content: vec![Inline::text(title.clone())],
            }];
            blocks.extend(review_blocks(&items, lang));
            let renumber = |h: &str| match (old_period, period) {
                (Some(o), Some(n)) => next_title(h, o, n),
                _ => h.to_string(),
            };
            // The top-level sections only: subsections were this period's own topics.
            let first = crate::outline::first_numbered_level(&old);
            for s in sections(&old) {
                if s.level != first {
                    continue;
                }
                blocks.push(Block::Heading {
                    level: 2,
                    content: vec![Inline::text(renumber(&s.title))],
                });
            }
            markdown::write(&Document { meta, blocks })
        }
    };
    Ok(Carried {
        markdown,
        items,
        period,
    })
}

/// `review` put right after the level-1 title line of `doc` (or at the top of its body).
fn splice_after_title(doc: &str, review: &str) -> String {
    let mut out = String::with_capacity(doc.len() + review.len() + 2);
    let mut done = false;
    let mut in_front = doc.starts_with("---\n");
    for (n, line) in doc.split_inclusive('\n').enumerate() {
        out.push_str(line);
        if n > 0 && in_front && line.trim_end() == "---" {
            in_front = false;
            continue;
        }
        if !done && !in_front && line.starts_with("# ") {
            out.push('\n');
            out.push_str(review);
            done = true;
        }
    }
    if !done {
        out.push('\n');
        out.push_str(review);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn a_weekly_report_moves_on_one_week() {
        let p = |s: &str| Period::parse(s).unwrap();
        assert_eq!(
            next_title("2026年第47周工作周报", p("2026-W47"), p("2026-W48")),
            "2026年第48周工作周报"
        );
        assert_eq!(
            next_title("2026年第53週工作週報", p("2026-W53"), p("2027-W01")),
            "2027年第1週工作週報"
        );
        assert_eq!(
            next_title("Weekly Report, Week 47, 2026", p("2026-W47"), p("2026-W48")),
            "Weekly Report, Week 48, 2026"
        );
        assert_eq!(
            next_title("周报 2026-W09", p("2026-W09"), p("2026-W10")),
            "周报 2026-W10"
        );
        let md = "---\ntitle: 2026年第47周工作周报\nkind: weekly\ntemplate: weekly\nperiod: 2026-W47\n---\n\n# 2026年第47周工作周报\n\n## 下周计划\n\n- 完成华东区 3 家客户的续约：11 月 27 日前\n";
        let c = carry_forward(md, &[]).unwrap();
        assert_eq!(c.period, Some(p("2026-W48")));
        let doc = crate::markdown::parse(&c.markdown).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("2026年第48周工作周报"));
        assert_eq!(doc.meta.period.map(|x| x.code()), Some("2026-W48".into()));
        assert_eq!(doc.display_title(), "2026年第48周工作周报");
        assert_eq!(c.items.len(), 1);
    }

    #[test]
    fn a_period_named_only_in_the_title_is_carried_on() {
        let c = carry_forward(
            "# 2026年度工作总结\n\n## 下一步计划\n\n- 3 月底前上线新版看板\n",
            &[],
        )
        .unwrap();
        assert_eq!(c.period, Some(Period::parse("2027").unwrap()));
        let doc = crate::markdown::parse(&c.markdown).unwrap();
        assert_eq!(doc.display_title(), "2027年度工作总结");
    }

    #[test]
    fn titles_move_with_the_period() {
        let p = |s: &str| Period::parse(s).unwrap();
        assert_eq!(
            next_title("2026年度个人工作总结", p("2026"), p("2027")),
            "2027年度个人工作总结"
        );
        assert_eq!(
            next_title("2026年第四季度工作总结", p("2026-Q4"), p("2027-Q1")),
            "2027年第一季度工作总结"
        );
        assert_eq!(
            next_title("2026年上半年总结", p("2026-H1"), p("2026-H2")),
            "2026年下半年总结"
        );
        assert_eq!(
            next_title("3月工作总结", p("2026-03"), p("2026-04")),
            "4月工作总结"
        );
    }

    #[test]
    fn items_split_at_the_colon() {
        let i = split_item("续约率提升到 94%：3 月底前完成规划会。");
        assert_eq!(i.item, "续约率提升到 94%");
        assert_eq!(i.target, "3 月底前完成规划会。");
        let j = split_item("2、建立需求变更评审制度，6 月上线，覆盖 3 个团队。");
        assert_eq!(j.item, "建立需求变更评审制度，6 月上线，覆盖 3 个团队。");
        assert_eq!(j.target, "6 月上线；覆盖 3 个团队");
    }

    #[test]
    fn the_annual_fixture_carries_its_plan_into_2027() {
        let annual = include_str!("../../../tests/fixtures/annual-summary.md");
        let c = carry_forward(annual, &[]).unwrap();
        assert_eq!(c.period, Period::parse("2027").ok());
        let items: Vec<&str> = c.items.iter().map(|i| i.item.as_str()).collect();
        assert_eq!(items, ["续约率提升到 94%", "健康度模型升级", "个人能力"]);
        assert!(c.items[1].target.starts_with("6 月底前"));
        let doc = markdown::parse(&c.markdown).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("2027年度个人工作总结"));
        assert_eq!(doc.meta.author.as_deref(), Some("林晓舟"));
        // Title, then the review with its table, then last year's sections, emptied.
        assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, .. }));
        assert_eq!(crate::model::block_text(&doc.blocks[1]), "上期计划回顾");
        let Block::Table { head, rows, .. } = &doc.blocks[3] else {
            panic!("{:?}", doc.blocks[3]);
        };
        assert_eq!(inline_text(&head[2]), "状态");
        assert_eq!(rows.len(), 3);
        let titles: Vec<String> = sections(&doc).into_iter().map(|s| s.title).collect();
        assert_eq!(
            titles,
            [
                "2027年度个人工作总结",
                "上期计划回顾",
                "工作完成情况概述",
                "主要业绩与亮点",
                "存在的问题与不足",
                "经验与教训",
                "2028年工作计划"
            ],
        );
        // The review is unfinished until its guidance is replaced and every status filled:
        // the check says so.
        let report =
            crate::check::check(&c.markdown, &crate::check::CheckOptions::default()).unwrap();
        assert_eq!(
            report
                .findings
                .iter()
                .filter(|f| f.rule == "placeholder")
                .count(),
            1 + 3
        );
    }

    #[test]
    fn a_plan_still_holding_its_prompt_has_no_items_to_review() {
        let t = template::find("annual-five-part").unwrap();
        let meta = Metadata {
            title: Some("2026年度工作总结".into()),
            period: Period::parse("2026").ok(),
            ..Metadata::default()
        };
        let text = template::new_document_markdown(&t, Lang::ZhHans, meta);
        let c = carry_forward(&text, &[]).unwrap();
        assert!(c.items.is_empty(), "{:?}", c.items);
        assert!(
            c.markdown.contains("| 【上期计划事项】 |"),
            "{}",
            c.markdown
        );
        // Next to a prompt, what the writer added is an item.
        let partly = text.replace("【列出下一年度", "续约率提升到 94%\n\n【列出下一年度");
        let items = carry_forward(&partly, &[]).unwrap().items;
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].item, "续约率提升到 94%");
    }

    #[test]
    fn a_template_document_keeps_its_template_and_labels_follow_its_script() {
        let t = template::find("quarterly").unwrap();
        let meta = Metadata {
            title: Some("2026年第四季度工作總結".into()),
            period: Period::parse("2026-Q4").ok(),
            ..Metadata::default()
        };
        let mut text = template::new_document_markdown(&t, Lang::ZhHant, meta);
        text.push_str("\n## 下季度計畫\n\n- 完成系統遷移：3 月底前\n");
        let c = carry_forward(&text, &[]).unwrap();
        let doc = markdown::parse(&c.markdown).unwrap();
        assert_eq!(doc.meta.template.as_deref(), Some("quarterly"));
        assert_eq!(doc.meta.title.as_deref(), Some("2027年第一季度工作總結"));
        assert!(
            c.markdown.contains("| 事項 | 目標 | 狀態 | 說明 |"),
            "{}",
            c.markdown
        );
        assert!(
            c.markdown.contains("| 完成系統遷移 | 3 月底前 |"),
            "{}",
            c.markdown
        );
        let first_section = &t.sections[0].zh_hant.title;
        assert!(c.markdown.contains(&format!("## {first_section}")));
        // The review comes right after the title, before the template's sections.
        let review = c.markdown.find("上期計畫回顧").unwrap();
        assert!(review < c.markdown.find(first_section.as_str()).unwrap());
    }
}
