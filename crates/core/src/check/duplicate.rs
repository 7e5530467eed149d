//! `duplicate-paragraph`: the same paragraph twice (a paste that went in twice, a section
//! copied from another). Short lines ("无", a date) repeat legitimately and are ignored.

use super::{Ctx, Finding, Severity, UnitKind, head};
use crate::lang::Lang;
use std::collections::HashMap;

pub const ID: &str = "duplicate-paragraph";

/// Shortest paragraph (characters, spaces removed) compared.
const MIN_CHARS: usize = 15;

pub(super) fn run(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for u in &ctx.units {
        if !matches!(u.kind, UnitKind::Paragraph | UnitKind::Item) {
            continue;
        }
        let key: String = u.text.chars().filter(|c| !c.is_whitespace()).collect();
        if key.chars().count() < MIN_CHARS {
            continue;
        }
        match first_seen.get(&key) {
            None => {
                first_seen.insert(key, u.line);
            }
            Some(first) => {
                let message = match ctx.lang {
                    Lang::ZhHans => format!("这段和第 {first} 行的段落完全相同。"),
                    Lang::ZhHant => format!("這段和第 {first} 行的段落完全相同。"),
                    Lang::En => format!("This paragraph repeats the one on line {first}."),
                };
                out.push(Finding {
                    rule: ID,
                    severity: Severity::Warning,
                    message,
                    line: u.line,
                    excerpt: head(&u.text, 40),
                    spot: ctx.spot_of(u),
                });
            }
        }
    }
}
