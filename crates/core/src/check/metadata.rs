//! `metadata`: front matter lines that could not be read as written. The document still opens,
//! counts and exports (see [`crate::meta::read_front_matter`]); the check says what was
//! cleaned or left out, so the writer can put it right.

use super::{Ctx, Finding, Severity};

pub const ID: &str = "metadata";

pub(super) fn run(ctx: &Ctx, source: &str, out: &mut Vec<Finding>) {
    let (fm, _) = crate::meta::read_front_matter(source);
    for d in fm.dropped {
        out.push(Finding {
            rule: ID,
            severity: if d.cleaned {
                Severity::Info
            } else {
                Severity::Warning
            },
            message: d.message(ctx.lang),
            line: d.line,
            excerpt: d.text,
            spot: None,
        });
    }
}
