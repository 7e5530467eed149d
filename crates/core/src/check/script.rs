//! `mixed-script`: 简体 and 繁體 characters mixed in one document. The script most of the
//! document is written in is the norm; each paragraph holding the other one is reported.

use super::{Ctx, Finding, Severity};
use crate::lang::Lang;
use crate::script::script_counts;

pub const ID: &str = "mixed-script";

/// Paragraphs reported at most; past that the document is simply in the other script.
const MAX_FINDINGS: usize = 20;

pub(super) fn run(ctx: &Ctx, out: &mut Vec<Finding>) {
    let all: String = ctx
        .units
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let (hans, hant) = script_counts(&all);
    if hans == 0 || hant == 0 {
        return;
    }
    // The minority script is the stray one; a tie reads as 简体 with 繁體 mixed in.
    let stray_is_hant = hant <= hans;
    let mut n = 0;
    for u in &ctx.units {
        let stray: Vec<char> = u
            .text
            .chars()
            .filter(|c| {
                let (s, t) = script_counts(c.encode_utf8(&mut [0; 4]));
                if stray_is_hant { t > 0 } else { s > 0 }
            })
            .collect();
        let Some(first) = stray.first() else { continue };
        let mut shown: Vec<char> = Vec::new();
        for c in &stray {
            if !shown.contains(c) && shown.len() < 8 {
                shown.push(*c);
            }
        }
        let list: String = shown
            .iter()
            .map(char::to_string)
            .collect::<Vec<_>>()
            .join("、");
        let message = match (ctx.lang, stray_is_hant) {
            (Lang::ZhHans, true) => format!("以简体为主的文档里混入了繁体字：{list}。"),
            (Lang::ZhHans, false) => format!("以繁体为主的文档里混入了简体字：{list}。"),
            (Lang::ZhHant, true) => format!("以簡體為主的文件裡混入了繁體字：{list}。"),
            (Lang::ZhHant, false) => format!("以繁體為主的文件裡混入了簡體字：{list}。"),
            (Lang::En, true) => format!("Traditional characters in a Simplified document: {list}."),
            (Lang::En, false) => {
                format!("Simplified characters in a Traditional document: {list}.")
            }
        };
        let at = u.text.find(*first).unwrap_or(0);
        out.push(Finding {
            rule: ID,
            severity: Severity::Warning,
            message,
            line: ctx.line_in(u, &first.to_string()),
            excerpt: super::excerpt(&u.text, at, at + first.len_utf8(), 10),
            spot: ctx.spot_in(u, at, at + first.len_utf8()),
        });
        n += 1;
        if n >= MAX_FINDINGS {
            break;
        }
    }
}
