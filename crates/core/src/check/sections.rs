//! Rules about sections: `empty-section`, `short-section` (under the template's target),
//! `missing-section` (a template section deleted), `results-without-numbers` and
//! `plan-without-dates`.

use super::{Ctx, Finding, Severity, Spot, Unit, UnitKind, has_digit, head};
use crate::count::{TargetStatus, count_against};
use crate::lang::Lang;
use crate::model::Block;
use crate::numbering::strip_number;
use crate::outline::{Section, first_numbered_level, sections};
use crate::vocab::{is_plan_title, is_results_title};
use regex::Regex;
use std::sync::OnceLock;

pub const EMPTY: &str = "empty-section";
pub const SHORT: &str = "short-section";
pub const MISSING: &str = "missing-section";
pub const RESULTS: &str = "results-without-numbers";
pub const PLAN: &str = "plan-without-dates";

/// A time or deadline: 3月, 三月底, 2027年, Q2, 第二季度, 上半年, 年底, 每周, by June …
fn date_pattern() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)[0-9０-９一二三四五六七八九十]+\s*(月|年|日|号|號|周|週|天|季度)|Q[1-4]|上半年|下半年|年底|年中|年末|年初|年内|年內|月底|月初|月中|季末|每(周|週|月|季|天|日)|本(周|週|月|季度|年)|下(周|週|月|季度)|明年|截止|之前|以前|\b(by|before|until|deadline|january|february|march|april|may|june|july|august|september|october|november|december|week|month|quarter)\b",
        )
        .ok()
    })
    .as_ref()
}

/// A typed item number ("2、") is no figure.
fn has_date_or_target(text: &str) -> bool {
    let text = strip_number(text);
    has_digit(text) || date_pattern().is_some_and(|r| r.is_match(text))
}

fn finding(
    rule: &'static str,
    severity: Severity,
    message: String,
    (line, spot): (usize, Option<Spot>),
    excerpt: String,
) -> Finding {
    Finding {
        rule,
        severity,
        message,
        line,
        excerpt,
        spot,
    }
}

pub(super) fn run(ctx: &Ctx, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let secs = sections(doc);
    let title_level = crate::outline::has_title_heading(doc).then_some(1u8);
    let counts = count_against(doc, ctx.template.as_ref());
    for (k, s) in secs.iter().enumerate() {
        if Some(s.level) == title_level && s.block == secs[0].block {
            continue;
        }
        let line = (ctx.block_line(s.block), Some(Spot::block(s.block)));
        let next_is_sub = doc
            .blocks
            .get(s.block + 1)
            .is_some_and(|b| matches!(b, Block::Heading { level, .. } if *level > s.level));
        let has_content = s.block + 1 < s.end;
        if !has_content {
            out.push(finding(
                EMPTY,
                Severity::Warning,
                ctx.lang
                    .pick(
                        "这一节还是空的。",
                        "這一節還是空的。",
                        "This section is empty.",
                    )
                    .to_string(),
                line,
                s.heading.clone(),
            ));
            continue;
        }
        if let Some(c) = counts.sections.get(k)
            && c.status == Some(TargetStatus::Under)
            && let Some(t) = c.target
            && !next_is_sub
        {
            let n = c.count.word_compatible;
            let msg = match ctx.lang {
                Lang::ZhHans => format!("这一节 {n} 字，模板建议至少 {} 字。", t.min),
                Lang::ZhHant => format!("這一節 {n} 字，範本建議至少 {} 字。", t.min),
                Lang::En => format!(
                    "This section has {n} characters/words; the template suggests at least {}.",
                    t.min
                ),
            };
            out.push(finding(
                SHORT,
                Severity::Info,
                msg,
                line.clone(),
                s.heading.clone(),
            ));
        }
        let units: Vec<&Unit> = ctx
            .units
            .iter()
            .filter(|u| u.block > s.block && u.block < s.end)
            .collect();
        if is_results_title(&s.title) && !units.iter().any(|u| has_digit(strip_number(&u.text))) {
            out.push(finding(
                RESULTS,
                Severity::Warning,
                ctx.lang
                    .pick(
                        "成果类章节里一个数字都没有：用数量、比例或前后对比说明成果。",
                        "成果類章節裡一個數字都沒有：用數量、比例或前後對比說明成果。",
                        "A results section without a single figure: show results with amounts, rates or before/after.",
                    )
                    .to_string(),
                line.clone(),
                s.heading.clone(),
            ));
        }
        if is_plan_title(&s.title) && !next_is_sub {
            plan_items(ctx, s, &units, out);
        }
    }
    missing(ctx, &secs, out);
}

/// Each item of a plan (a list item, else a paragraph) needs a date or a measurable target.
fn plan_items(ctx: &Ctx, _s: &Section, units: &[&Unit], out: &mut Vec<Finding>) {
    let items: Vec<&&Unit> = units.iter().filter(|u| u.kind == UnitKind::Item).collect();
    let chosen: Vec<&&Unit> = if items.is_empty() {
        units
            .iter()
            .filter(|u| u.kind == UnitKind::Paragraph)
            .collect()
    } else {
        items
    };
    for u in chosen {
        if has_date_or_target(&u.text) {
            continue;
        }
        out.push(finding(
            PLAN,
            Severity::Warning,
            ctx.lang
                .pick(
                    "这项计划没有时间也没有可衡量的目标：写上完成时间和目标值。",
                    "這項計畫沒有時間也沒有可衡量的目標：寫上完成時間和目標值。",
                    "This plan item has no date and no measurable target: add a deadline and a target value.",
                )
                .to_string(),
            (u.line, ctx.spot_of(u)),
            head(&u.text, 40),
        ));
    }
}

/// Titles compared loosely: without typed numbers, spaces and punctuation, lower-cased.
fn norm(title: &str) -> String {
    strip_number(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Equal, or one holds the other ("2027年工作计划" holds "工作计划") when the shorter is long
/// enough to mean something on its own.
fn titles_match(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && (short == long || (short.chars().count() >= 4 && long.contains(short)))
}

/// Template sections whose heading is nowhere in the document. Sections whose title is itself
/// a placeholder (模块一：【模块名称】) are meant to be renamed and are not looked for.
fn missing(ctx: &Ctx, secs: &[Section], out: &mut Vec<Finding>) {
    let Some(t) = &ctx.template else { return };
    let first = first_numbered_level(ctx.doc);
    let have: Vec<(String, usize)> = secs
        .iter()
        .filter(|s| s.level >= first)
        .map(|s| (norm(&s.heading), s.block))
        .collect();
    let mut pending: Vec<String> = Vec::new();
    let flush =
        |pending: &mut Vec<String>, (line, block): (usize, usize), out: &mut Vec<Finding>| {
            for title in pending.drain(..) {
                let msg = match ctx.lang {
                    Lang::ZhHans => format!("模板里的“{title}”一节不见了。"),
                    Lang::ZhHant => format!("範本裡的「{title}」一節不見了。"),
                    Lang::En => format!("The template's section “{title}” is missing."),
                };
                out.push(finding(
                    MISSING,
                    Severity::Warning,
                    msg,
                    (line, Some(Spot::block(block))),
                    title,
                ));
            }
        };
    for ts in &t.sections {
        if Lang::ALL.iter().any(|l| ts.text(*l).title.contains('【')) {
            continue;
        }
        let found = have.iter().find(|(h, _)| {
            Lang::ALL
                .iter()
                .any(|l| titles_match(h, &norm(&ts.text(*l).title)))
        });
        match found {
            Some((_, block)) => {
                // A missing section is reported where it should have been: before the next
                // template section that is there.
                flush(&mut pending, (ctx.block_line(*block), *block), out);
            }
            None => pending.push(ts.text_or_fallback(ctx.lang).title.clone()),
        }
    }
    flush(&mut pending, (ctx.last_line(), ctx.last_block()), out);
}
