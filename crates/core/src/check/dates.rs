//! `date-format`: in the 公文 style a date is written 2026年11月22日 — Arabic digits, the full
//! year, no leading zeros, no spaces (GB/T 9704-2012). Other forms are reported with the
//! right one where it can be worked out.

use super::{Ctx, Finding, Severity, excerpt};
use crate::lang::Lang;
use crate::meta::format_date_cn;
use crate::style::StyleId;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

pub const ID: &str = "date-format";

struct Patterns {
    /// 2026-11-22, 2026/11/22, 2026.11.22
    numeric: Regex,
    /// 2026年11月22日 and its variants (2026 年 3 月 5 日, 2026年03月05日, 26年3月5日, 5号)
    chinese: Regex,
    /// 二〇二六年
    hanzi_year: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static RE: OnceLock<Option<Patterns>> = OnceLock::new();
    RE.get_or_init(|| {
        Some(Patterns {
            numeric: Regex::new(r"(?:^|[^0-9])((\d{4})[-/.](\d{1,2})[-/.](\d{1,2}))(?:[^0-9]|$)")
                .ok()?,
            chinese: Regex::new(
                r"(?:^|[^0-9])((\d{2,4})(\s*)年(\s*)(\d{1,2})(\s*)月(\s*)(\d{1,2})(\s*)([日号號]))",
            )
            .ok()?,
            hanzi_year: Regex::new(r"[〇○零一二三四五六七八九]{4}\s*年").ok()?,
        })
    })
    .as_ref()
}

fn suggestion(y: &str, m: &str, d: &str) -> Option<String> {
    let y: i32 = y.parse().ok()?;
    let y = if y < 100 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?).map(format_date_cn)
}

fn message(lang: Lang, fix: Option<&str>) -> String {
    let base = lang.pick(
        "公文日期应写作“2026年11月22日”：阿拉伯数字、年份写全、不补零、不加空格。",
        "公文日期應寫作「2026年11月22日」：阿拉伯數字、年份寫全、不補零、不加空格。",
        "Official (公文) dates are written 2026年11月22日: Arabic digits, full year, no leading zeros, no spaces.",
    );
    match fix {
        Some(f) => match lang {
            Lang::En => format!("{base} Here: {f}"),
            _ => format!("{base}这里应为：{f}"),
        },
        None => base.to_string(),
    }
}

pub(super) fn run(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.opts.style != Some(StyleId::Gov) {
        return;
    }
    let Some(p) = patterns() else { return };
    for u in &ctx.units {
        let t = &u.text;
        let mut push = |start: usize, end: usize, fix: Option<String>| {
            let m = &t[start..end];
            out.push(Finding {
                rule: ID,
                severity: Severity::Warning,
                message: message(ctx.lang, fix.as_deref()),
                line: ctx.line_in(u, m),
                excerpt: excerpt(t, start, end, 6),
                spot: ctx.spot_in(u, start, end),
            });
        };
        for c in p.numeric.captures_iter(t) {
            let (Some(all), Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3), c.get(4))
            else {
                continue;
            };
            push(
                all.start(),
                all.end(),
                suggestion(y.as_str(), m.as_str(), d.as_str()),
            );
        }
        for c in p.chinese.captures_iter(t) {
            let g = |i: usize| c.get(i).map_or("", |m| m.as_str());
            let Some(all) = c.get(1) else { continue };
            let spaced = [3, 4, 6, 7, 9].iter().any(|i| !g(*i).is_empty());
            let wrong = g(2).len() != 4
                || g(5).starts_with('0')
                || g(8).starts_with('0')
                || spaced
                || g(10) != "日";
            if wrong {
                push(all.start(), all.end(), suggestion(g(2), g(5), g(8)));
            }
        }
        for m in p.hanzi_year.find_iter(t) {
            push(m.start(), m.end(), None);
        }
    }
}
