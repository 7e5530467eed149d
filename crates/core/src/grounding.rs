//! Grounding: what a model wrote, checked against what the user wrote. Every figure,
//! percentage, date and (where one can tell) proper name of an answer that the source text
//! does not hold is wrapped as 【待核实：…】, so the placeholder rule of 体检 flags it and the
//! editor highlights it until the user has checked it; entry numbers a model cites that were
//! not sent are dropped. Deterministic: no model is asked whether a model invented something.
//!
//! Figures are read by the work log's recogniser ([`crate::worklog::entry::recognise`]), so
//! "1,860 万元" and "1860万元" are the same figure and "1860元" is another.

use crate::blanks;
use crate::lang::Lang;
use crate::worklog::entry::recognise;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Figure,
    Date,
    Name,
}

/// A claim of the answer the source does not support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsupported {
    pub kind: ClaimKind,
    /// As the answer wrote it.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grounded {
    /// The answer with every unsupported claim wrapped.
    pub text: String,
    pub flagged: Vec<Unsupported>,
}

/// The words of the wrapper: 【待核实：1,900 万元】.
pub fn marker(lang: Lang) -> &'static str {
    lang.pick("待核实", "待核實", "to check")
}

fn wrap(lang: Lang, claim: &str) -> String {
    match lang {
        Lang::En => format!("【{}: {claim}】", marker(lang)),
        _ => format!("【{}：{claim}】", marker(lang)),
    }
}

fn date_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<y1>\d{4})\s*[-/.]\s*(?P<m1>\d{1,2})\s*[-/.]\s*(?P<d1>\d{1,2})
            | (?P<y2>\d{4})\s*年\s*(?:(?P<m2>\d{1,2})\s*月\s*(?:(?P<d2>\d{1,2})\s*[日号號])?)?
            | (?P<m3>\d{1,2})\s*月\s*(?:(?P<d3>\d{1,2})\s*[日号號])?
            | (?P<m4>\d{1,2})/(?P<d4>\d{1,2})",
        )
        .ok()
    })
    .as_ref()
}

type Date = (Option<u32>, Option<u32>, Option<u32>);

/// The dates of a text as (year, month, day), each part when written, with their char spans.
fn dates(text: &str) -> Vec<(Date, usize, usize)> {
    let Some(re) = date_regex() else {
        return Vec::new();
    };
    let norm = half_width_digits(text);
    let num = |c: &regex::Captures, n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    re.captures_iter(&norm)
        .filter_map(|c| {
            let all = c.get(0)?;
            let d = (1..=4).find_map(|i| {
                let (y, m, d) = (
                    num(&c, &format!("y{i}")),
                    num(&c, &format!("m{i}")),
                    num(&c, &format!("d{i}")),
                );
                (y.is_some() || m.is_some()).then_some((y, m, d))
            })?;
            Some((
                d,
                char_index(&norm, all.start()),
                char_index(&norm, all.end()),
            ))
        })
        .collect()
}

fn char_index(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn half_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// Does a source date say what the answer's date says? Every part the answer gives must be
/// the source's; a year the source does not give is not an invention when the month and day
/// are the source's (the user wrote "11月2日" in a 2026 summary).
fn date_supported(a: Date, sources: &[Date]) -> bool {
    sources.iter().any(|s| {
        let part = |x: Option<u32>, y: Option<u32>| x.is_none() || x == y;
        part(a.1, s.1) && part(a.2, s.2) && (a.0.is_none() || a.0 == s.0 || (s.0.is_none() && a.1.is_some()))
            // A bare year is supported only by the same year.
            && (a.1.is_some() || a.0 == s.0)
    })
}

fn names_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"《[^》\n]{1,40}》|\b[A-Za-z][A-Za-z0-9&+\-]*[A-Za-z0-9]\b").ok())
        .as_ref()
}

/// Is a Latin word a name: an acronym or an inner capital (CRM, SaaS, iPhone), or a capital
/// not opening a sentence.
fn looks_like_name(word: &str, before: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_ascii_uppercase()).count();
    let inner_upper = word.chars().skip(1).any(|c| c.is_ascii_uppercase());
    if upper >= 2 || inner_upper {
        return true;
    }
    let starts_upper = word.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let sentence_start = before.trim_end().chars().last().is_none_or(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '。' | '！' | '？' | '\n' | ':' | '：' | '#' | '-' | '*' | '>'
        )
    }) || before.trim_end().is_empty();
    starts_upper && !sentence_start
}

/// The answer with every claim the sources do not hold wrapped as 【待核实：…】.
pub fn ground(answer: &str, sources: &[&str], lang: Lang) -> Grounded {
    let source = sources.join("\n");
    let source_low = source.to_lowercase();
    let src_figures: BTreeSet<(String, String)> =
        recognise(&source).figures.iter().map(|f| f.key()).collect();
    let src_dates: Vec<Date> = dates(&source).into_iter().map(|d| d.0).collect();
    let src_numbers = numbers(&source);

    let chars: Vec<char> = answer.chars().collect();
    // Spans already a placeholder are the model doing as asked.
    let placeholders: Vec<(usize, usize)> = blanks::spans(answer)
        .into_iter()
        .filter(|b| b.kind == blanks::BlankKind::Bracket)
        .map(|b| (char_index(answer, b.start), char_index(answer, b.end)))
        .collect();
    let mut spans: Vec<(usize, usize, ClaimKind)> = Vec::new();
    let taken = |spans: &[(usize, usize, ClaimKind)], s: usize, e: usize| {
        spans.iter().any(|&(a, b, _)| s < b && a < e)
            || placeholders.iter().any(|&(a, b)| s < b && a < e)
    };

    for (d, s, e) in dates(answer) {
        if !date_supported(d, &src_dates) && !taken(&spans, s, e) {
            spans.push((s, e, ClaimKind::Date));
        }
    }
    let found = recognise(answer);
    for f in &found.figures {
        if !src_figures.contains(&f.key()) && !taken(&spans, f.start, f.end) {
            spans.push((f.start, f.end, ClaimKind::Figure));
        }
    }
    // Numbers the recogniser does not call figures (no unit: "增长了 20"): a number the source
    // never wrote is invented, whatever it counts.
    let norm: Vec<char> = half_width_digits(answer).chars().collect();
    let mut i = 0;
    while i < norm.len() {
        if norm[i].is_ascii_digit() {
            let s = i;
            while i < norm.len()
                && (norm[i].is_ascii_digit()
                    || (matches!(norm[i], '.' | ',')
                        && norm.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
            {
                i += 1;
            }
            let prev = s.checked_sub(1).map(|k| norm[k]);
            let label = prev.is_some_and(|c| c.is_ascii_alphabetic() || c == '#' || c == '第');
            let n: String = norm[s..i].iter().filter(|c| **c != ',').collect();
            if !label && !src_numbers.contains(&n) && !taken(&spans, s, i) {
                spans.push((s, i, ClaimKind::Figure));
            }
        } else {
            i += 1;
        }
    }
    if let Some(re) = names_regex() {
        for m in re.find_iter(answer) {
            let word = m.as_str();
            let (s, e) = (char_index(answer, m.start()), char_index(answer, m.end()));
            let is_title = word.starts_with('《');
            if !(is_title || looks_like_name(word, &answer[..m.start()])) {
                continue;
            }
            if !source_low.contains(&word.to_lowercase()) && !taken(&spans, s, e) {
                spans.push((s, e, ClaimKind::Name));
            }
        }
    }
    spans.sort_by_key(|&(s, _, _)| s);

    let mut text = String::with_capacity(answer.len() + spans.len() * 12);
    let mut flagged = Vec::new();
    let mut at = 0;
    for (s, e, kind) in spans {
        text.extend(&chars[at..s]);
        let claim: String = chars[s..e].iter().collect();
        text.push_str(&wrap(lang, &claim));
        flagged.push(Unsupported { kind, text: claim });
        at = e;
    }
    text.extend(&chars[at..]);
    Grounded { text, flagged }
}

/// Every digit run of a text, thousands separators dropped ("1,860" → "1860").
fn numbers(text: &str) -> BTreeSet<String> {
    let norm: Vec<char> = half_width_digits(text).chars().collect();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < norm.len() {
        if norm[i].is_ascii_digit() {
            let s = i;
            while i < norm.len()
                && (norm[i].is_ascii_digit()
                    || (matches!(norm[i], '.' | ',')
                        && norm.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
            {
                i += 1;
            }
            out.insert(norm[s..i].iter().filter(|c| **c != ',').collect());
        } else {
            i += 1;
        }
    }
    out
}

fn citation_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[#?(\d+(?:\s*[,，、]\s*#?\d+)*)\]").ok())
        .as_ref()
}

/// Entry citations of an answer, `[3]`, `[#3]` or `[2, 5]`, checked against the entry numbers
/// that were sent: invented numbers are dropped from the text (a citation left with none is
/// removed) and returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citations {
    pub text: String,
    /// Every valid number cited, in order of first citation.
    pub cited: Vec<u32>,
    pub invented: Vec<u32>,
}

pub fn check_citations(answer: &str, sent: &[u32]) -> Citations {
    let mut cited = Vec::new();
    let mut invented = Vec::new();
    let Some(re) = citation_regex() else {
        return Citations {
            text: answer.to_string(),
            cited,
            invented,
        };
    };
    let text = re
        .replace_all(answer, |c: &regex::Captures| {
            let inner = c.get(1).map_or("", |m| m.as_str());
            let keep: Vec<u32> = inner
                .split([',', '，', '、'])
                .filter_map(|n| n.trim().trim_start_matches('#').parse::<u32>().ok())
                .filter(|n| {
                    let ok = sent.contains(n);
                    if ok {
                        if !cited.contains(n) {
                            cited.push(*n);
                        }
                    } else if !invented.contains(n) {
                        invented.push(*n);
                    }
                    ok
                })
                .collect();
            if keep.is_empty() {
                String::new()
            } else {
                format!(
                    "[{}]",
                    keep.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        })
        .into_owned();
    Citations {
        text,
        cited,
        invented,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "2026年第三季度，华东区签约 1,860 万元，续约率 92.9%，新增客户 12 家；\
        11月2日上线 CRM 看板。";

    fn flagged(answer: &str) -> Vec<String> {
        ground(answer, &[SOURCE], Lang::ZhHans)
            .flagged
            .into_iter()
            .map(|u| u.text)
            .collect()
    }

    #[test]
    fn a_correct_paraphrase_is_not_flagged() {
        let a =
            "第三季度华东区共签约1860万元，续约率为92.9%，新增12家客户，并于11月2日上线了CRM看板。";
        let g = ground(a, &[SOURCE], Lang::ZhHans);
        assert!(g.flagged.is_empty(), "{:?}", g.flagged);
        assert_eq!(g.text, a);
    }

    #[test]
    fn an_invented_figure_is_wrapped_for_the_check() {
        let g = ground("签约 1,860 万元，利润增长 35%。", &[SOURCE], Lang::ZhHans);
        assert_eq!(g.text, "签约 1,860 万元，利润增长 【待核实：35%】。");
        assert_eq!(
            g.flagged,
            vec![Unsupported {
                kind: ClaimKind::Figure,
                text: "35%".into()
            }]
        );
        // The existing placeholder rule sees it.
        assert!(
            blanks::spans(&g.text)
                .iter()
                .any(|b| b.kind == blanks::BlankKind::Bracket)
        );
    }

    #[test]
    fn a_changed_unit_is_another_figure() {
        assert_eq!(flagged("签约 1860 元。"), vec!["1860 元"]);
        assert_eq!(flagged("续约率提升 92.9 个百分点。"), vec!["92.9 个百分点"]);
    }

    #[test]
    fn a_wrong_date_is_flagged_and_a_right_one_is_not() {
        assert_eq!(flagged("11月3日上线 CRM 看板。"), vec!["11月3日"]);
        assert!(flagged("2026年11月2日上线 CRM 看板。").is_empty());
        assert_eq!(flagged("2025年完成签约。"), vec!["2025年"]);
    }

    #[test]
    fn a_bare_number_and_a_new_name_are_flagged() {
        assert_eq!(flagged("客户增加了 30。"), vec!["30"]);
        assert_eq!(flagged("上线了 Salesforce 看板。"), vec!["Salesforce"]);
        assert_eq!(
            flagged("通过《客户成功手册》培训。"),
            vec!["《客户成功手册》"]
        );
        assert!(flagged("上线了 crm 看板。").is_empty());
    }

    #[test]
    fn placeholders_the_model_was_asked_for_stay_as_they_are() {
        let a = "客户满意度提升【待补充：提升幅度】，新增客户 12 家。";
        assert_eq!(ground(a, &[SOURCE], Lang::ZhHans).text, a);
    }

    #[test]
    fn the_wrapper_speaks_the_documents_language() {
        assert_eq!(ground("35%", &[""], Lang::ZhHant).text, "【待核實：35%】");
        assert_eq!(ground("35%", &[""], Lang::En).text, "【to check: 35%】");
    }

    #[test]
    fn invented_entry_numbers_are_dropped() {
        let c = check_citations("签约完成 [1, 7]；上线看板 [#9]；培训 [2]。", &[1, 2, 3]);
        assert_eq!(c.text, "签约完成 [1]；上线看板 ；培训 [2]。");
        assert_eq!(c.cited, vec![1, 2]);
        assert_eq!(c.invented, vec![7, 9]);
    }
}
