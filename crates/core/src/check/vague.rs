//! `vague`: a claim with no figure behind it — "大幅提升", "若干", "具体数据见…" — in a
//! sentence that holds no number.

use super::{Ctx, Finding, Severity, UnitKind, excerpt, has_digit};
use regex::Regex;
use std::sync::OnceLock;

pub const ID: &str = "vague";

/// Words that promise a quantity without giving one (简体, 繁體 and English).
const WORDS: &[&str] = &[
    "具体数据见",
    "具體數據見",
    "具体数据详见",
    "详见附件",
    "詳見附件",
    "若干",
    "大幅提升",
    "大幅提高",
    "大幅度",
    "大幅增长",
    "大幅增長",
    "大大提高",
    "大大提升",
    "显著",
    "顯著",
    "明显提升",
    "明顯提升",
    "明显提高",
    "明顯提高",
    "明显改善",
    "明顯改善",
    "有所提升",
    "有所提高",
    "有所改善",
    "有所增长",
    "有所增長",
    "较大提升",
    "較大提升",
    "很大提升",
    "稳步提升",
    "穩步提升",
    "不断提高",
    "不斷提高",
    "取得一定",
    "一定成效",
    "大量",
    "许多",
    "許多",
    "诸多",
    "諸多",
    "significantly",
    "greatly improved",
    "a lot of",
    "numerous",
];

/// A number written in Chinese numerals with a unit still counts: 三成, 两倍, 一半.
fn cn_quantity() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[一二两兩三四五六七八九十百千万萬]+\s*(成|倍|个百分点|個百分點)|一半").ok()
    })
    .as_ref()
}

/// The clause around byte `at`: between sentence ends.
fn sentence(text: &str, at: usize) -> &str {
    let ends = ['。', '！', '？', '；', '!', '?', ';', '\n'];
    let start = text[..at].rfind(ends).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[at..].find(ends).map_or(text.len(), |i| at + i);
    &text[start..end]
}

pub(super) fn run(ctx: &Ctx, out: &mut Vec<Finding>) {
    for u in &ctx.units {
        if matches!(u.kind, UnitKind::Heading(_)) {
            continue;
        }
        let lower = u.text.to_lowercase();
        for w in WORDS {
            let Some(at) = lower.find(w) else { continue };
            // Lower-casing keeps byte offsets for the CJK and ASCII words listed here.
            let Some(s) = u.text.get(at..at + w.len()) else {
                continue;
            };
            let around = sentence(&u.text, at);
            let quantified = has_digit(around) || cn_quantity().is_some_and(|r| r.is_match(around));
            // "具体数据见…" points elsewhere even when a number is near.
            let pointer = w.contains('见') || w.contains('見');
            if quantified && !pointer {
                continue;
            }
            out.push(Finding {
                rule: ID,
                severity: Severity::Warning,
                message: if pointer {
                    ctx.lang.pick(
                        "把数据直接写进来，而不是让读者去别处找。",
                        "把數據直接寫進來，而不是讓讀者去別處找。",
                        "Put the figures here instead of sending the reader elsewhere.",
                    )
                } else {
                    ctx.lang.pick(
                        "说法笼统，附近没有数字：写出具体的数量、比例或前后对比。",
                        "說法籠統，附近沒有數字：寫出具體的數量、比例或前後對比。",
                        "A vague claim with no number nearby: give the amount, rate or before/after.",
                    )
                }
                .to_string(),
                line: ctx.line_in(u, s),
                excerpt: excerpt(&u.text, at, at + w.len(), 12),
                spot: ctx.spot_in(u, at, at + w.len()),
            });
        }
    }
}
