//! What a note says besides its words: `#标签`, `@项目` and figures with units (42 家,
//! 92.9%, 1,860 万元, 3.2 小时, 提升 15 个百分点).
//!
//! Recognition only reads: the text the user wrote is stored as typed and never rewritten.
//! Offsets are in characters (not bytes), which is what an editor counts.

use crate::results::parse_figure;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Longest tag or project name, in characters. A longer run after `#` is text that happens to
/// follow the sign (Chinese has no spaces to end it), not a name.
pub const MAX_LABEL_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    /// `#标签`
    Tag,
    /// `@项目`
    Project,
}

impl LabelKind {
    pub fn id(self) -> &'static str {
        match self {
            LabelKind::Tag => "tag",
            LabelKind::Project => "project",
        }
    }

    /// The sign typed before the name.
    pub fn sign(self) -> char {
        match self {
            LabelKind::Tag => '#',
            LabelKind::Project => '@',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    Tag,
    Project,
    Figure,
}

/// A span of the text to show differently: `[start, end)` in characters, sign included for
/// labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub kind: MarkKind,
    pub start: usize,
    pub end: usize,
}

/// A figure as the user wrote it, with the value read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureToken {
    /// Exactly as written: "1,860 万元", "92.9%".
    pub text: String,
    /// The number, with 万/亿/千 applied (1,860 万元 → 18,600,000).
    pub value: f64,
    /// The unit after the number ("万元", "%", "个百分点", "家"), as written.
    pub unit: String,
    pub percent: bool,
    pub start: usize,
    pub end: usize,
}

impl FigureToken {
    /// What two figures share when they say the same thing ("1,860 万元" and "1860万元"):
    /// the value and the unit without spaces.
    pub fn key(&self) -> (String, String) {
        (
            format_value(self.value),
            self.unit.replace(char::is_whitespace, ""),
        )
    }
}

fn format_value(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Everything recognised in one text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Recognised {
    /// Tag names (without `#`), in order of first appearance, each once.
    pub tags: Vec<String>,
    /// Project names (without `@`), in order of first appearance, each once.
    pub projects: Vec<String>,
    pub figures: Vec<FigureToken>,
    /// Every tag, project and figure span, sorted by start.
    pub marks: Vec<Mark>,
}

impl Recognised {
    pub fn has_figure(&self) -> bool {
        !self.figures.is_empty()
    }
}

/// A name's key for matching and counting: ASCII letters folded, full-width letters and
/// digits made half-width (`＃ＡＩ` and `#ai` are the same tag).
pub fn fold_label(name: &str) -> String {
    name.trim()
        .trim_start_matches(['#', '＃', '@', '＠'])
        .chars()
        .map(half_width)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A character that can be part of a tag or project name: letters (Chinese included), digits
/// and `_`. Whitespace and every punctuation mark, Chinese or Latin, end the name.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '＿'
}

fn sign_kind(c: char) -> Option<LabelKind> {
    match c {
        '#' | '＃' => Some(LabelKind::Tag),
        '@' | '＠' => Some(LabelKind::Project),
        _ => None,
    }
}

/// The labels of a text: (kind, name as written, start, end) with char offsets, sign included.
fn labels(chars: &[char]) -> Vec<(LabelKind, String, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(kind) = sign_kind(chars[i]) else {
            i += 1;
            continue;
        };
        // "C#", "a@b.com", "&#12;": a sign glued to a Latin word or digit is not a label.
        let glued = i > 0 && (chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '_');
        let mut j = i + 1;
        while j < chars.len() && is_name_char(chars[j]) {
            j += 1;
        }
        let name: String = chars[i + 1..j].iter().collect();
        let len = j - i - 1;
        // "#12" is an issue or entry number, not a tag.
        let all_digits = name.chars().all(|c| c.is_ascii_digit() || c.is_numeric());
        if !glued && len > 0 && len <= MAX_LABEL_CHARS && !all_digits {
            out.push((kind, name, i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Units a figure may carry, longest first within a family (个百分点 before 个). Dates and
/// times (年, 月, 日, 号, 点) are not units: "11月2日" holds no figure.
const UNITS: &str = r"个百分点|百分点|个点|pp|%|％|‰|万元|亿元|千元|百万|万|亿|千|元|美元|块|家|个月|个|人次|人天|人|次|小时|分钟|秒|天|周|件|条|项|份|页|台|套|单位|单|笔|场|位|名|户|张|篇|轮|倍|分|款|版|批|门|课时|节|字|行|处|例|起|所|座|辆|吨|公里|平方米|米|(?i:clients?|customers?|accounts?|users?|people|persons?|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|tickets?|bugs?|issues?|deals?|calls?|meetings?|visits?|sessions?|releases?|pages?|points?|pts|percent|times|orders?|leads?|contracts?|projects?|cases?|reports?|features?|sites?|stores?|employees?|staff|members?|units?|items?|tasks?|dollars?|usd|rmb|cny|million|billion|thousand)|GB|MB|TB|KB|ms|[kKmMbBwWxhs]";

fn figure_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<cur>[$¥￥€£])?(?P<num>\d{{1,3}}(?:[,，]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<sp>[ \t\u{{3000}}]?)(?P<unit>{UNITS})?"
        ))
        .ok()
    })
    .as_ref()
}

/// Is a unit made of Latin letters, so that it must end at a word boundary ("3 hours", not
/// "3 hoursago"; "5k", not "5kg")?
fn latin_unit(unit: &str) -> bool {
    unit.chars().all(|c| c.is_ascii_alphabetic())
}

/// The figures in a text (char offsets into `chars`).
fn figures(chars: &[char]) -> Vec<FigureToken> {
    let Some(re) = figure_regex() else {
        return Vec::new();
    };
    // Full-width digits and points read as ASCII, one char for one so offsets carry over.
    let norm: String = chars
        .iter()
        .map(|&c| match c {
            '０'..='９' | '．' => half_width(c),
            _ => c,
        })
        .collect();
    // Byte offset in `norm` -> char offset.
    let mut char_at = vec![0usize; norm.len() + 1];
    for (n, (b, c)) in norm.char_indices().enumerate() {
        for k in 0..c.len_utf8() {
            char_at[b + k] = n;
        }
    }
    char_at[norm.len()] = chars.len();
    let nchars: Vec<char> = norm.chars().collect();
    let mut out = Vec::new();
    for c in re.captures_iter(&norm) {
        let (Some(all), Some(num)) = (c.get(0), c.get(2)) else {
            continue;
        };
        let start = char_at[all.start()];
        let num_start = char_at[num.start()];
        let num_end = char_at[num.end()];
        let before = num_start.checked_sub(1).map(|k| nchars[k]);
        let before2 = num_start.checked_sub(2).map(|k| nchars[k]);
        let after = nchars.get(num_end).copied();
        let after2 = nchars.get(num_end + 1).copied();
        // Q4, v2.3, W47, #12, 第3期: labels, versions and ordinals are not figures.
        if before.is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, '#' | '＃' | '第' | '_'))
        {
            continue;
        }
        // "第 3 期" is spaced the same way as "3 期".
        if matches!(before, Some(' ' | '\u{3000}')) && before2 == Some('第') {
            continue;
        }
        // 11-02, 11/2, 14:30, 2026.11.02: dates and times.
        let joins = |c: Option<char>| matches!(c, Some('-' | '/' | ':' | '：' | '.' | '~'));
        if (joins(before) && before2.is_some_and(|b| b.is_ascii_digit()))
            || (joins(after) && after2.is_some_and(|a| a.is_ascii_digit()))
        {
            continue;
        }
        let unit_m = c.name("unit");
        let mut unit = unit_m.map_or("", |m| m.as_str()).to_string();
        let mut end = char_at[all.end()];
        if let Some(m) = unit_m {
            let next = nchars.get(char_at[m.end()]).copied();
            if latin_unit(&unit) && next.is_some_and(|n| n.is_ascii_alphanumeric()) {
                // "5kg" is no k; "3 hoursago" no hours: the unit does not hold.
                unit.clear();
                end = num_end;
            }
            // 2026年, 11月, 3日: a date, whatever the regex took as unit.
        }
        if unit.is_empty() {
            end = num_end;
            let date_unit = matches!(after, Some('年' | '月' | '日' | '号' | '號' | '点' | '點'))
                || matches!(
                    nchars.get(num_end + usize::from(after == Some(' '))),
                    Some('年' | '月' | '日' | '号' | '號')
                );
            let currency = c.name("cur").is_some();
            if date_unit || !currency {
                continue;
            }
        }
        let start = if c.name("cur").is_some() {
            start
        } else {
            num_start
        };
        let text: String = chars[start..end].iter().collect();
        let written: String = nchars[num_start..end].iter().collect();
        let Some(fig) = parse_figure(&written) else {
            continue;
        };
        let percent = fig.percent || matches!(unit.as_str(), "个百分点" | "百分点" | "个点" | "pp");
        out.push(FigureToken {
            text,
            value: fig.value,
            unit,
            percent,
            start,
            end,
        });
    }
    out
}

/// Tags, projects and figures of a text. The text itself is not changed.
pub fn recognise(text: &str) -> Recognised {
    let chars: Vec<char> = text.chars().collect();
    let mut r = Recognised::default();
    let found = labels(&chars);
    for (kind, name, start, end) in &found {
        let list = match kind {
            LabelKind::Tag => &mut r.tags,
            LabelKind::Project => &mut r.projects,
        };
        if !list.iter().any(|n| fold_label(n) == fold_label(name)) {
            list.push(name.clone());
        }
        r.marks.push(Mark {
            kind: match kind {
                LabelKind::Tag => MarkKind::Tag,
                LabelKind::Project => MarkKind::Project,
            },
            start: *start,
            end: *end,
        });
    }
    // A figure inside a label (#Q4目标 holds no figure of its own) is the label's.
    let inside = |s: usize| found.iter().any(|(_, _, a, b)| s >= *a && s < *b);
    for f in figures(&chars) {
        if inside(f.start) {
            continue;
        }
        r.marks.push(Mark {
            kind: MarkKind::Figure,
            start: f.start,
            end: f.end,
        });
        r.figures.push(f);
    }
    r.marks.sort_by_key(|m| (m.start, m.end));
    r
}

/// The text without its `#tags` (and, when `drop_project` names one that opens the text,
/// without that `@project`: the item's label says it); other `@projects` keep their name and
/// lose the sign, as does the dropped one inside a sentence ("给 @星河 培训" must keep its
/// object). Whitespace runs fold to one space. For drafting: a summary does not show the
/// log's markup.
pub fn without_labels(text: &str, drop_project: Option<&str>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let found = labels(&chars);
    let drop = drop_project.map(fold_label);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    for (kind, name, start, end) in found {
        out.extend(&chars[i..start]);
        let leading = out
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '：' | ':' | '，' | ','));
        // "@星河 的需求…": the name is the sentence's subject, not a label before it.
        let owned = chars[end..]
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| matches!(c, '的' | '之' | '\''));
        let keep = match kind {
            LabelKind::Tag => false,
            LabelKind::Project => {
                !leading || owned || drop.as_deref() != Some(fold_label(&name).as_str())
            }
        };
        if keep {
            out.push_str(&name);
        }
        i = end;
    }
    out.extend(&chars[i..]);
    let folded = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // A label removed before punctuation leaves "：编写需求" or " ，": trim what it left.
    folded
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '：' | ':' | '，' | ',' | '、' | '；' | ';')
        })
        .replace(" ，", "，")
        .replace(" 。", "。")
        .replace(" ：", "：")
        .replace("： ", "：")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn figs(s: &str) -> Vec<String> {
        recognise(s).figures.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn names_end_at_whitespace_and_any_punctuation() {
        let r = recognise("@AI：编写需求 #需求 评审。#客户成功，@华东-续约 ＃周报");
        assert_eq!(r.projects, ["AI", "华东"]);
        assert_eq!(r.tags, ["需求", "客户成功", "周报"]);
        let r = recognise("#会议(上午) @Recap_v2.阶段 #a.b");
        assert_eq!(r.tags, ["会议", "a"]);
        assert_eq!(r.projects, ["Recap_v2"]);
    }

    #[test]
    fn signs_that_are_not_labels() {
        let r = recognise("邮件 lin@example.com，C# 代码，第 #12 号工单，## 标题，# 空格，&#65;");
        assert!(r.tags.is_empty(), "{:?}", r.tags);
        assert!(r.projects.is_empty(), "{:?}", r.projects);
    }

    #[test]
    fn labels_repeat_once_and_fold_case_and_width() {
        let r = recognise("#AI 和 #ai 和 ＃ＡＩ，@客户A @客户a");
        assert_eq!(r.tags, ["AI"]);
        assert_eq!(r.projects, ["客户A"]);
        assert_eq!(fold_label("＃ＡＩ"), "ai");
        assert_eq!(r.marks.len(), 5);
    }

    #[test]
    fn figures_with_units_are_found_as_written() {
        assert_eq!(
            figs(
                "覆盖 42 家客户，续约率 92.9%，增购 1,860 万元，响应 3.2 小时，满意度提升 15 个百分点"
            ),
            ["42 家", "92.9%", "1,860 万元", "3.2 小时", "15 个百分点"]
        );
        assert_eq!(figs("完成 3 场培训，共１２０人"), ["3 场", "１２０人"]);
        assert_eq!(
            figs("Closed 12 tickets in 3.5 hours, churn down 2pp, $1.2M pipeline"),
            ["12 tickets", "3.5 hours", "2pp", "$1.2M"]
        );
        let f = &recognise("增购 1,860 万元").figures[0];
        assert_eq!(f.value, 18_600_000.0);
        assert_eq!(f.unit, "万元");
        assert!(recognise("提升 15 个百分点").figures[0].percent);
    }

    #[test]
    fn dates_times_versions_and_ordinals_are_not_figures() {
        for s in [
            "11月2日开会",
            "2026年11月2日",
            "2026-11-02 复盘",
            "11/2 拜访",
            "14:30 例会",
            "第3期",
            "第 3 期",
            "Q4 目标",
            "v2.3 发布",
            "#12 号记录",
            "W47",
            "3点开会",
            "5kg",
            "共 12",
        ] {
            assert!(figs(s).is_empty(), "{s}: {:?}", figs(s));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any text is read without a panic; marks are in order inside the text, and a figure's
        /// text is exactly the characters its span covers.
        #[test]
        fn any_text_is_recognised_within_its_bounds(
            text in "([0-9０-９,，.．%％万亿元家个人小时天#＃@＠_ 年月日第QvW$¥a-zA-Z：:，。\\-/]|\\PC){0,120}",
        ) {
            let r = recognise(&text);
            let chars: Vec<char> = text.chars().collect();
            let mut last = 0;
            for m in &r.marks {
                proptest::prop_assert!(m.start < m.end && m.end <= chars.len() && m.start >= last);
                last = m.start;
            }
            for f in &r.figures {
                proptest::prop_assert_eq!(&f.text, &chars[f.start..f.end].iter().collect::<String>());
            }
            let _ = without_labels(&text, r.projects.first().map(String::as_str));
        }
    }

    #[test]
    fn marks_are_char_offsets() {
        let text = "上线 @看板，覆盖 42 家 #交付";
        let r = recognise(text);
        let chars: Vec<char> = text.chars().collect();
        let spans: Vec<String> = r
            .marks
            .iter()
            .map(|m| chars[m.start..m.end].iter().collect())
            .collect();
        assert_eq!(spans, ["@看板", "42 家", "#交付"]);
    }

    #[test]
    fn labels_come_off_for_drafting() {
        assert_eq!(
            without_labels("@AI：编写需求文档 #需求 #周报", Some("ai")),
            "编写需求文档"
        );
        assert_eq!(
            without_labels("与 @华东 团队对齐 #会议，确认 3 项", None),
            "与 华东 团队对齐，确认 3 项"
        );
        assert_eq!(
            without_labels("给 @星河 新人培训 #培训", Some("星河")),
            "给 星河 新人培训"
        );
        assert_eq!(
            without_labels("补记：@星河 回访", Some("星河")),
            "补记：星河 回访"
        );
        assert_eq!(
            without_labels("@星河 的需求排期延期", Some("星河")),
            "星河 的需求排期延期"
        );
    }
}
