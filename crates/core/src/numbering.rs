//! Heading numbers: the ones a writer types by hand, recognised once for every reader (the
//! import of plain text and Word, the outline, the export that must never number a heading
//! twice), and the official ones export and the editor give (一、（一）1.（1）).
//!
//! A leaf module apart from the character classes in [`crate::text`].

use crate::text::{is_cn_numeral as is_plain_cn_numeral, is_han};

/// A numbering style a writer types by hand. Two lines share a level when they share a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Numbering {
    /// 第一章 · 第二节 · 第三篇 · 第一部分 · 第一条: the unit tells the styles apart.
    Ordinal(char),
    /// 篇一
    Pian,
    /// 模块一 · 模組一 · 板块一
    Module,
    /// 一、
    CnComma,
    /// （一） (一)
    CnParen,
    /// 1、 1. 1．
    Arabic,
    /// 1.1 (1 dot), 1.1.1 (2 dots) …
    Dotted(u8),
    /// （1） (1)
    ArabicParen,
    /// 1） 1)
    ArabicHalfParen,
    /// ① ②
    Circled,
}

/// Numerals a typed ordinal may use: the plain ones and the financial forms (壹贰叁…).
fn is_cn_numeral(c: char) -> bool {
    "零〇一二三四五六七八九十百两壹贰貳叁參肆伍陆陸柒捌玖拾".contains(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\t' | '\u{a0}')
}

/// Characters that, right after `1.5`, make it a quantity (1.5亿元) and not a heading number.
fn is_quantity_unit(c: char) -> bool {
    "万萬亿億千百元%％倍个個件次年月日天时時分秒吨噸米公里人家".contains(c)
}

/// The numbering style a line starts with and the byte length of the number, including the
/// separator and spaces after it. `None` when the line does not start with a typed number,
/// or when nothing follows the number.
pub fn leading_number(line: &str) -> Option<(Numbering, usize)> {
    typed_number(line).filter(|(_, len)| *len < line.len())
}

/// [`leading_number`], also when nothing follows the number (a heading typed as just "一、").
pub fn typed_number(line: &str) -> Option<(Numbering, usize)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let byte = |k: usize| chars.get(k).map_or(line.len(), |(i, _)| *i);
    let run = |from: usize, pred: &dyn Fn(char) -> bool| {
        let mut k = from;
        while at(k).is_some_and(pred) {
            k += 1;
        }
        k
    };
    // Spaces, and for word-led styles a colon or 、, between the number and the text.
    let finish = |style: Numbering, k: usize, colon: bool| {
        let mut k = k;
        if colon && at(k).is_some_and(|c| matches!(c, '：' | ':' | '、' | '．' | '.')) {
            k += 1;
        }
        let k = run(k, &is_space);
        Some((style, byte(k)))
    };
    // After 篇一 or 模块一 a separator must follow: "模块一的成果" is a phrase, not a number.
    let word_led = |next: Option<char>| match next {
        None => Some(()),
        Some(c) if matches!(c, '：' | ':' | '、' | '．' | '.') || is_space(c) => Some(()),
        Some(_) => None,
    };
    let first = at(0)?;
    match first {
        '第' => {
            let k = run(1, &|c| is_cn_numeral(c) || is_digit(c));
            let unit = at(k)?;
            if k == 1 || !"章节節篇部条條编編".contains(unit) {
                return None;
            }
            let k = if unit == '部' {
                if at(k + 1) != Some('分') {
                    return None;
                }
                k + 2
            } else {
                k + 1
            };
            finish(Numbering::Ordinal(unit), k, true)
        }
        '篇' => {
            let k = run(1, &is_cn_numeral);
            (k > 1).then_some(())?;
            word_led(at(k))?;
            finish(Numbering::Pian, k, true)
        }
        '模' | '板' => {
            let second = at(1)?;
            let word = matches!(
                (first, second),
                ('模', '块' | '塊' | '組' | '组') | ('板', '块' | '塊')
            );
            if !word {
                return None;
            }
            let k = run(2, &|c| is_cn_numeral(c) || is_digit(c));
            (k > 2).then_some(())?;
            word_led(at(k))?;
            finish(Numbering::Module, k, true)
        }
        '（' | '(' => {
            let cn = run(1, &is_cn_numeral);
            let ar = run(1, &is_digit);
            let (style, k) = if cn > 1 {
                (Numbering::CnParen, cn)
            } else if ar > 1 {
                (Numbering::ArabicParen, ar)
            } else {
                return None;
            };
            if !matches!(at(k)?, '）' | ')') {
                return None;
            }
            finish(style, k + 1, false)
        }
        '①'..='⑳' => finish(Numbering::Circled, 1, true),
        c if is_cn_numeral(c) => {
            let k = run(0, &is_cn_numeral);
            match at(k)? {
                '、' | '．' => {}
                // "一.概述", a common way of typing 一、; "一.5" is no heading.
                '.' if !at(k + 1).is_some_and(is_digit) => {}
                _ => return None,
            }
            finish(Numbering::CnComma, k + 1, false)
        }
        c if is_digit(c) => {
            let k = run(0, &is_digit);
            // Years and amounts (2026、 1000.) are not heading numbers.
            if k > 3 {
                return None;
            }
            match at(k)? {
                '、' => finish(Numbering::Arabic, k + 1, false),
                '）' | ')' => finish(Numbering::ArabicHalfParen, k + 1, false),
                '.' | '．' => {
                    let mut k = k;
                    let mut dots = 0u8;
                    while matches!(at(k), Some('.' | '．')) && at(k + 1).is_some_and(is_digit) {
                        let end = run(k + 1, &is_digit);
                        if end - (k + 1) > 3 {
                            return None;
                        }
                        k = end;
                        dots = dots.saturating_add(1);
                    }
                    if dots == 0 {
                        // "1." must not be "1.5": handled above; here the next char is no digit.
                        return finish(Numbering::Arabic, k + 1, false);
                    }
                    // A trailing dot is allowed: "1.1. 背景".
                    if matches!(at(k), Some('.' | '．')) {
                        k += 1;
                    }
                    if at(k).is_some_and(is_quantity_unit) {
                        return None;
                    }
                    finish(Numbering::Dotted(dots), k, false)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Marks that end a sentence; a numbered line ending in one is a list item, not a heading.
const SENTENCE_END: &[char] = &['。', '！', '？', '；', '!', '?', ';', '…', '.'];

/// Longest text (in characters, after the number) still read as a heading.
pub const MAX_HEADING_CHARS: usize = 40;

/// Whether the text after a typed number reads as a heading: short, not a full sentence, no
/// clause break inside.
pub fn reads_as_heading(rest: &str) -> bool {
    let rest = rest.trim();
    let n = rest.chars().count();
    if n == 0 || n > MAX_HEADING_CHARS {
        return false;
    }
    if rest.ends_with(SENTENCE_END) {
        return false;
    }
    // A clause inside ("完成 3 项，覆盖 2 城") is prose, whatever its length.
    !rest.contains(['。', '，', '；', '！', '？'])
}

/// A line that is a typed-number heading: its style and the text after the number.
pub fn numbered_heading(line: &str) -> Option<(Numbering, &str)> {
    let line = line.trim();
    let (style, len) = leading_number(line)?;
    let rest = &line[len..];
    reads_as_heading(rest).then_some((style, rest))
}

/// Levels as a reader assigns them. A numbering style met for the first time goes one level
/// below the heading it follows; a style met again returns to the level it had, so 一、 under
/// 第一章 and 一、 under 第二章 are the same level, and 1.1 first met under 第三章 sits
/// right below it.
#[derive(Debug, Default)]
pub struct Levels {
    /// The styles of the headings enclosing the current line, outermost first.
    path: Vec<Numbering>,
    known: Vec<(Numbering, usize)>,
}

impl Levels {
    /// 0-based depth of a heading numbered in `style`.
    pub fn depth(&mut self, style: Numbering) -> usize {
        let known = self
            .known
            .iter()
            .find(|(s, _)| *s == style)
            .map(|(_, d)| *d);
        let depth = match self.path.iter().position(|s| *s == style) {
            Some(p) => p,
            None => match known {
                Some(d) if d <= self.path.len() => d,
                _ => self.path.len(),
            },
        };
        self.path.truncate(depth);
        self.path.push(style);
        match self.known.iter_mut().find(|(s, _)| *s == style) {
            Some(k) => k.1 = depth,
            None => self.known.push((style, depth)),
        }
        depth
    }
}

/// The heading text without a typed number.
pub fn strip_number(text: &str) -> &str {
    let t = text.trim_start();
    match typed_number(t) {
        Some((_, len)) => t[len..].trim(),
        None => text.trim(),
    }
}

/// Whether a heading already carries its number: a typed one ([`typed_number`]) or a label
/// with its own ordinal ([`has_numbered_label`]). Export puts no second number before it.
pub fn is_numbered_heading(text: &str) -> bool {
    typed_number(text.trim_start()).is_some() || has_numbered_label(text)
}

/// Whether a heading starts with a label that carries its own ordinal and a colon:
/// 模块一：, 亮点二：, 阶段3：, Module 1:, Highlight 2: (as the gallery's templates write
/// them). Such a heading is numbered already, so export adds no 一、 before it; its text is
/// kept whole (the label is part of the title, not a number to strip).
pub fn has_numbered_label(text: &str) -> bool {
    let t = text.trim_start();
    // The label: 1–4 Chinese characters (not numerals), or one Latin word and a space.
    let label_end = {
        let han = t
            .char_indices()
            .take_while(|(_, c)| is_han(*c) && !is_plain_cn_numeral(*c))
            .take(5)
            .collect::<Vec<_>>();
        if (1..=4).contains(&han.len()) {
            han.last().map_or(0, |(i, c)| i + c.len_utf8())
        } else {
            let word = t.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(0);
            if (1..=12).contains(&word) && t[word..].starts_with(' ') {
                word + 1
            } else {
                return false;
            }
        }
    };
    let rest = &t[label_end..];
    // The ordinal: up to three Chinese numerals or two digits, then the colon.
    let num = rest
        .find(|c: char| !(is_plain_cn_numeral(c) || c.is_ascii_digit()))
        .unwrap_or(rest.len());
    let digits = &rest[..num];
    let short = digits.chars().count() <= 3
        && (digits.chars().all(is_plain_cn_numeral) || digits.len() <= 2);
    num > 0 && short && rest[num..].starts_with(['：', ':'])
}

const CN_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五.
pub fn chinese_number(n: u32) -> String {
    if n == 0 {
        return CN_DIGITS[0].into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (k, d) in digits.iter().enumerate() {
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(CN_DIGITS[0]);
            zero = false;
        }
        // 十二, not 一十二, when ten is the leading unit.
        if !(k == 2 && *d == 1 && out.is_empty()) {
            out.push_str(CN_DIGITS[*d as usize]);
        }
        out.push_str(units[k]);
    }
    out
}

/// The number shown before a heading at `depth` (0 = first numbered level) with ordinal `n`
/// (1-based): 一、 · （一） · 1. · （1）; deeper levels are not numbered.
pub fn heading_number(depth: usize, n: u32) -> Option<String> {
    match depth {
        0 => Some(format!("{}、", chinese_number(n))),
        1 => Some(format!("（{}）", chinese_number(n))),
        2 => Some(format!("{n}.")),
        3 => Some(format!("（{n}）")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(s: &str) -> Option<Numbering> {
        leading_number(s).map(|(n, _)| n)
    }

    #[test]
    fn every_style_is_recognised() {
        use Numbering::*;
        for (line, want) in [
            ("一、工作回顾", CnComma),
            ("十二、總結", CnComma),
            ("（一）项目交付", CnParen),
            ("(二) 團隊建設", CnParen),
            ("1、完成上线", Arabic),
            ("2. Done", Arabic),
            ("3．第三", Arabic),
            ("（1）学习清单", ArabicParen),
            ("(2) 導師", ArabicParen),
            ("1）细项", ArabicHalfParen),
            ("1.1 背景", Dotted(1)),
            ("1.2.3背景", Dotted(2)),
            ("第一章 开篇", Ordinal('章')),
            ("第二節 經歷", Ordinal('節')),
            ("第三部分：展望", Ordinal('部')),
            ("篇一 合作", Pian),
            ("模块一：客户交付", Module),
            ("模組二 通路管理", Module),
            ("①需求评审", Circled),
        ] {
            assert_eq!(style(line), Some(want), "{line}");
        }
    }

    #[test]
    fn numbers_in_prose_are_not_headings() {
        for line in [
            "2026年工作计划",
            "一季度回顾",
            "1.5亿元的合同",
            "2026. 回顾",
            "第一次尝试",
            "模型评估",
            "3D 打印",
            "1,860 万元",
            "一、",
            "（一）",
        ] {
            assert_eq!(style(line), None, "{line}");
        }
    }

    #[test]
    fn sentences_stay_prose() {
        assert!(numbered_heading("（一）项目交付").is_some());
        assert!(numbered_heading("二、存在的问题：").is_some());
        assert!(numbered_heading("1、完成仓储系统二期上线，覆盖 3 个城市仓。").is_none());
        assert!(numbered_heading("2、建立需求变更评审制度。").is_none());
        assert!(numbered_heading("1、新入職工程師 2 名，完成入職培訓").is_none());
        let long = format!("一、{}", "很长的标题".repeat(10));
        assert!(numbered_heading(&long).is_none());
    }

    #[test]
    fn levels_follow_first_appearance() {
        let mut l = Levels::default();
        assert_eq!(l.depth(Numbering::CnComma), 0);
        assert_eq!(l.depth(Numbering::CnParen), 1);
        assert_eq!(l.depth(Numbering::Arabic), 2);
        assert_eq!(l.depth(Numbering::CnComma), 0);
        // Met first right under 一、, (1) is the level below it.
        assert_eq!(l.depth(Numbering::ArabicParen), 1);
        let mut l = Levels::default();
        let seq = [
            Numbering::Ordinal('章'),
            Numbering::CnComma,
            Numbering::CnParen,
            Numbering::Ordinal('章'),
            Numbering::CnComma,
            Numbering::Ordinal('章'),
            Numbering::Dotted(1),
        ];
        let depths: Vec<usize> = seq.iter().map(|s| l.depth(*s)).collect();
        assert_eq!(depths, [0, 1, 2, 0, 1, 0, 1]);
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(105), "一百零五");
        assert_eq!(chinese_number(110), "一百一十");
    }

    #[test]
    fn typed_numbers_are_stripped() {
        for (s, rest) in [
            ("一、工作概述", "工作概述"),
            ("一.工作概述", "工作概述"),
            ("（二）团队建设", "团队建设"),
            ("(3) 细项", "细项"),
            ("1. 续约", "续约"),
            ("2、推进", "推进"),
            ("3．第三", "第三"),
            ("1.1 背景", "背景"),
            ("第一章 开篇", "开篇"),
            ("第一節 概述", "概述"),
            ("第二编 总则", "总则"),
            ("十二、总结", "总结"),
            ("一、", ""),
        ] {
            assert_eq!(strip_number(s), rest, "{s}");
            assert!(is_numbered_heading(s), "{s}");
        }
        for s in [
            "2026年工作计划",
            "一季度回顾",
            "3D 打印",
            "第一次尝试",
            "1,860 万元",
            "一.5倍",
        ] {
            assert_eq!(strip_number(s), s, "{s}");
            assert!(!is_numbered_heading(s), "{s}");
        }
    }

    #[test]
    fn labels_with_their_own_ordinal_count_as_numbered() {
        for s in [
            "模块一：【模块名称】",
            "亮点二：【亮点名称】",
            "模組十二：客戶",
            "阶段3：试点",
            "Module 1: 【module name】",
            "Highlight 2: name",
        ] {
            assert!(has_numbered_label(s), "{s}");
            assert!(is_numbered_heading(s), "{s}");
        }
        for s in [
            "下一年计划",
            "模块一的成果",
            "2026年：回顾",
            "一、概述",
            "重点客户100：名单",
            "目标一二三四：过长",
            "中华人民共和国一：过长",
            "Top 100: clients",
            "Q3: results",
            "",
            "：",
        ] {
            assert!(!has_numbered_label(s), "{s}");
        }
    }
}
