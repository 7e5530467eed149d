//! Blanks left to fill: 【…】 prompts and placeholders, XX, x~x, 某某, ……, ___.
//!
//! One rule, two readers: the 体检 check reports every blank [`spans`] finds, and the editor
//! highlights exactly the same spans (it asks the engine for them), so what the page marks is
//! what the check reports. A leaf module.

use regex::Regex;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// What kind of blank a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlankKind {
    /// A template's prompt, or any blank in 【】: 【用两三句话概括…】, 【数字】.
    Bracket,
    /// XX, xx, ××, a lone X before a unit (X月, X%, X个).
    Letters,
    /// x~x月, X-X 月, x至x: a range still to be filled.
    Range,
    /// 某某, 某年某月.
    Someone,
    /// ……, ......, 。。。
    Ellipsis,
    /// ___, ＿＿
    Line,
}

/// One blank: its kind and `[start, end)` byte offsets in the text it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blank {
    pub kind: BlankKind,
    pub start: usize,
    pub end: usize,
}

const BRACKET: &str = r"【[^】\n]*】";

fn bracket() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(BRACKET).ok()).as_ref()
}

/// The patterns in the order they claim a spot; a later one never takes a spot an earlier
/// one has ("XX" inside "【XX】" is the bracket's). A pattern with a capture group reports the
/// group (the surrounding characters only anchor it).
fn patterns() -> &'static [(BlankKind, Regex)] {
    static RE: OnceLock<Vec<(BlankKind, Regex)>> = OnceLock::new();
    RE.get_or_init(|| {
        [
            (BlankKind::Bracket, BRACKET),
            (
                BlankKind::Range,
                r"(?:^|[^A-Za-z])([xX×ｘＸ]\s*[~～\-—–至到]\s*[xX×ｘＸ])(?:[^A-Za-z]|$)",
            ),
            (
                BlankKind::Letters,
                r"(?:^|[^A-Za-z])([xX×ｘＸ]{2,}|[xX×ｘＸ]\s*[月日年号號%％个個家项項人万萬元次天周週])(?:[^A-Za-z]|$)",
            ),
            (BlankKind::Someone, r"某某|某年某月|某月某日"),
            (BlankKind::Ellipsis, r"……|\.{6,}|。。。"),
            (BlankKind::Line, r"_{3,}|＿{2,}"),
        ]
        .into_iter()
        .filter_map(|(b, p)| Regex::new(p).ok().map(|r| (b, r)))
        .collect()
    })
}

/// Every blank of `text`, in text order, none overlapping another.
pub fn spans(text: &str) -> Vec<Blank> {
    let mut out: Vec<Blank> = Vec::new();
    for (kind, re) in patterns() {
        for caps in re.captures_iter(text) {
            let Some(m) = caps.get(1).or_else(|| caps.get(0)) else {
                continue;
            };
            if out.iter().any(|b| m.start() < b.end && b.start < m.end()) {
                continue;
            }
            out.push(Blank {
                kind: *kind,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    out.sort_by_key(|b| b.start);
    out
}

/// `text` without its 【…】 prompts: what the writer has put in so far. A section's length
/// against its target is measured on this, so a fresh document starts at zero.
pub fn without_prompts(text: &str) -> Cow<'_, str> {
    match bracket() {
        Some(re) => re.replace_all(text, ""),
        None => Cow::Borrowed(text),
    }
}

/// Whether `text` is nothing but one 【…】 prompt (a template's writing prompt on its own).
pub fn is_whole_prompt(text: &str) -> bool {
    let t = text.trim();
    bracket().is_some_and(|re| {
        re.find(t)
            .is_some_and(|m| m.start() == 0 && m.end() == t.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(BlankKind, &str)> {
        spans(text)
            .into_iter()
            .map(|b| (b.kind, &text[b.start..b.end]))
            .collect()
    }

    #[test]
    fn every_kind_once_per_spot() {
        use BlankKind::*;
        assert_eq!(
            found("完成【数字】家，XX 万元"),
            [(Bracket, "【数字】"), (Letters, "XX")]
        );
        assert_eq!(found("【XX】"), [(Bracket, "【XX】")]);
        assert_eq!(found("x~x月完成"), [(Range, "x~x")]);
        assert_eq!(found("X月上线"), [(Letters, "X月")]);
        assert_eq!(found("某某部门……"), [(Someone, "某某"), (Ellipsis, "……")]);
        assert_eq!(found("签字：____"), [(Line, "____")]);
        assert!(found("Excel 与 XML").is_empty());
        assert!(found("第三季度完成 12 家").is_empty());
    }

    #[test]
    fn prompts_removed_and_recognised() {
        assert_eq!(
            without_prompts("续约率提升到【数字】个百分点"),
            "续约率提升到个百分点"
        );
        assert!(is_whole_prompt(" 【用两三句话概括】 "));
        assert!(!is_whole_prompt("完成【数字】家"));
    }
}
