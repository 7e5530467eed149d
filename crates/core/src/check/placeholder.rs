//! `placeholder`: blanks left unfilled (【…】, XX, x~x, 某某, ……, ___; found by
//! [`crate::blanks`], which the editor's highlighting uses too) and template example text left
//! exactly as the template wrote it.

use super::{Ctx, Finding, Severity, Unit, UnitKind, excerpt, head};
use crate::blanks::{self, BlankKind};
use crate::lang::Lang;
use crate::template::Template;
use std::collections::HashMap;

pub const ID: &str = "placeholder";
/// Reported under the `placeholder` rule id; named apart only to order findings.
pub const TEMPLATE_TEXT: &str = "placeholder";

fn message(b: BlankKind, lang: Lang) -> &'static str {
    match b {
        BlankKind::Bracket => lang.pick(
            "还有【…】占位符没有填写。",
            "還有【…】預留位置沒有填寫。",
            "A 【…】 placeholder is still unfilled.",
        ),
        BlankKind::Letters | BlankKind::Range => lang.pick(
            "像是还没填的占位符（XX、x~x），请换成实际的数字或日期。",
            "像是還沒填的預留位置（XX、x~x），請換成實際的數字或日期。",
            "Looks like an unfilled placeholder (XX, x~x); put in the real number or date.",
        ),
        BlankKind::Someone => lang.pick(
            "“某某”是占位写法，请写出具体的人、部门或事项。",
            "「某某」是預留寫法，請寫出具體的人、部門或事項。",
            "“某某” is a stand-in; name the actual person, team or item.",
        ),
        BlankKind::Ellipsis => lang.pick(
            "省略号处像是还没写完。",
            "刪節號處像是還沒寫完。",
            "The ellipsis looks like text still to be written.",
        ),
        BlankKind::Line => lang.pick(
            "下划线空白还没有填写。",
            "底線空白還沒有填寫。",
            "A fill-in blank (___) is still empty.",
        ),
    }
}

fn severity(b: BlankKind) -> Severity {
    match b {
        // An ellipsis can be a writer's own; the rest are certainly unfinished.
        BlankKind::Ellipsis => Severity::Warning,
        _ => Severity::Error,
    }
}

/// What a paragraph left as the template wrote it was.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    /// The section's writing prompt, put in every new document to be replaced.
    Prompt,
    /// A tip or example snippet the writer inserted and has not rewritten.
    Example,
}

/// Prompts, tips and snippets of the templates a document may have copied from, with their
/// whitespace removed, in every language.
fn template_texts(templates: &[Template]) -> HashMap<String, Copied> {
    let mut map = HashMap::new();
    for t in templates {
        for s in &t.sections {
            for l in Lang::ALL {
                let x = s.text(l);
                let examples = x.tips.iter().chain(x.snippets.iter());
                for (text, what) in std::iter::once((&x.prompt, Copied::Prompt))
                    .chain(examples.map(|e| (e, Copied::Example)))
                {
                    let k = squash(text);
                    if k.chars().count() >= 8 {
                        map.entry(k).or_insert(what);
                    }
                }
            }
        }
    }
    map
}

fn copied_message(what: Copied, lang: Lang) -> &'static str {
    match what {
        Copied::Prompt => lang.pick(
            "这段还是模板的写作提示，换成你自己的内容。",
            "這段還是範本的寫作提示，換成你自己的內容。",
            "This is still the template's writing prompt; replace it with your own text.",
        ),
        Copied::Example => lang.pick(
            "这段是模板里的范例原文，还没有改写成你自己的内容。",
            "這段是範本裡的範例原文，還沒有改寫成你自己的內容。",
            "This is the template's example text, not yet rewritten as your own.",
        ),
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(super) fn run(ctx: &Ctx, out: &mut Vec<Finding>) {
    let templates: Vec<Template> = match &ctx.template {
        Some(t) => vec![t.clone()],
        None => crate::template::builtin()
            .map(<[_]>::to_vec)
            .unwrap_or_default(),
    };
    let examples = template_texts(&templates);
    for u in &ctx.units {
        let copied = match u.kind {
            UnitKind::Heading(_) => None,
            _ => examples.get(&squash(&u.text)).copied(),
        };
        if let Some(what) = copied {
            out.push(Finding {
                rule: TEMPLATE_TEXT,
                severity: Severity::Error,
                message: copied_message(what, ctx.lang).to_string(),
                line: u.line,
                excerpt: head(&u.text, 40),
                spot: ctx.spot_of(u),
            });
            continue;
        }
        blanks(ctx, u, out);
    }
}

fn blanks(ctx: &Ctx, u: &Unit, out: &mut Vec<Finding>) {
    for b in blanks::spans(&u.text) {
        let m = &u.text[b.start..b.end];
        out.push(Finding {
            rule: ID,
            severity: severity(b.kind),
            message: message(b.kind, ctx.lang).to_string(),
            line: ctx.line_in(u, m),
            excerpt: excerpt(&u.text, b.start, b.end, 10),
            spot: ctx.spot_in(u, b.start, b.end),
        });
    }
}
