//! The quantified-results table: 指标 / 基线 / 目标 / 实际 / 完成率, with 完成率 computed
//! from the figures the user typed.
//!
//! How 完成率 is computed:
//! - with a baseline (基线) that differs from the target, it is progress along the way from
//!   baseline to target: (实际 − 基线) / (目标 − 基线). This also reads right for metrics
//!   where lower is better (response time 9.5 h → target 4 h, actual 3.2 h: 115%), which a
//!   plain ratio gets backwards;
//! - otherwise it is 实际 / 目标 (the usual "完成年度目标的 116%").
//!
//! Figures are read with their units: 1,860 · 92.9% · 1.2万 · 3亿元 · 4.5分 · 2k. Both
//! figures of a row must be in the same kind of unit (a percentage against a percentage);
//! 万 and 亿 scale, so 1.5亿 against 16000万 works. A row whose figures cannot be read keeps
//! its 完成率 cell as it was.

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::markdown;
use crate::model::{Align, Block, Document, Inline, inline_text};
use regex::Regex;
use std::sync::OnceLock;

/// A figure read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub percent: bool,
}

/// The first figure in `text`: "1,860 万元" -> 18,600,000; "92.9%" -> 92.9 (percent).
pub fn parse_figure(text: &str) -> Option<Figure> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(r"([-+−]?)(\d[\d,，]*(?:\.\d+)?)\s*(万|萬|亿|億|千|[kK]|[mM](?:[^a-zA-Z]|$))?\s*(%|％)?")
                .ok()
        })
        .as_ref()?;
    // Full-width digits are typed too.
    let text: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect();
    let c = re.captures(&text)?;
    let digits: String = c
        .get(2)?
        .as_str()
        .chars()
        .filter(|d| *d != ',' && *d != '，')
        .collect();
    let mut value: f64 = digits.parse().ok()?;
    if c.get(1).is_some_and(|m| !m.as_str().is_empty()) && c.get(1)?.as_str() != "+" {
        value = -value;
    }
    value *= match c.get(3).map(|m| m.as_str().chars().next()) {
        Some(Some('万' | '萬')) => 1e4,
        Some(Some('亿' | '億')) => 1e8,
        Some(Some('千' | 'k' | 'K')) => 1e3,
        Some(Some('m' | 'M')) => 1e6,
        _ => 1.0,
    };
    Some(Figure {
        value,
        percent: c.get(4).is_some(),
    })
}

/// 完成率 as a fraction (1.0 = 100%), by the rule in the module notes; `None` when the
/// figures do not allow it (no target, a zero span, percent against plain number).
pub fn completion(baseline: Option<Figure>, target: Figure, actual: Figure) -> Option<f64> {
    if target.percent != actual.percent {
        return None;
    }
    if let Some(b) = baseline
        && b.percent == target.percent
        && (target.value - b.value).abs() > f64::EPSILON
    {
        return Some((actual.value - b.value) / (target.value - b.value));
    }
    (target.value.abs() > f64::EPSILON).then(|| actual.value / target.value)
}

/// A fraction as the cell shows it: whole percent ("116%").
pub fn format_rate(r: f64) -> String {
    format!("{:.0}%", r * 100.0)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Columns {
    baseline: Option<usize>,
    target: Option<usize>,
    actual: Option<usize>,
    rate: Option<usize>,
}

/// Which column is which, from the header words in any of the three languages.
fn columns(head: &[Vec<Inline>]) -> Columns {
    let mut c = Columns::default();
    for (i, cell) in head.iter().enumerate() {
        let h = inline_text(cell).to_lowercase();
        let has = |ws: &[&str]| ws.iter().any(|w| h.contains(w));
        if has(&[
            "完成率",
            "达成率",
            "達成率",
            "完成度",
            "completion",
            "achieved",
        ]) {
            c.rate.get_or_insert(i);
        } else if has(&["实际", "實際", "actual", "实际完成", "完成值"]) {
            c.actual.get_or_insert(i);
        } else if has(&[
            "基线", "基線", "baseline", "上年", "去年", "上期", "起点", "起點",
        ]) {
            c.baseline.get_or_insert(i);
        } else if has(&["目标", "目標", "target", "计划", "計劃", "計畫"]) {
            c.target.get_or_insert(i);
        }
    }
    c
}

/// Whether `block` is a results table: a table with target, actual and 完成率 columns (in any
/// of the three languages: 目标 / 实际 / 完成率, 达成率, 完成度, completion…), which
/// [`fill_block`] can compute. The editor offers 计算完成率 exactly then.
pub fn is_results_table(block: &Block) -> bool {
    let Block::Table { head, .. } = block else {
        return false;
    };
    let c = columns(head);
    c.target.is_some() && c.actual.is_some() && c.rate.is_some()
}

/// Fills the 完成率 column of a results table in place; returns how many cells were set.
/// A table without target, actual and 完成率 columns is left alone.
pub fn fill_block(block: &mut Block) -> usize {
    let Block::Table { head, rows, .. } = block else {
        return 0;
    };
    let c = columns(head);
    let (Some(t), Some(a), Some(r)) = (c.target, c.actual, c.rate) else {
        return 0;
    };
    let mut filled = 0;
    for row in rows.iter_mut() {
        let fig = |i: usize| row.get(i).and_then(|cell| parse_figure(&inline_text(cell)));
        let baseline = c.baseline.and_then(fig);
        let (Some(target), Some(actual)) = (fig(t), fig(a)) else {
            continue;
        };
        let Some(rate) = completion(baseline, target, actual) else {
            continue;
        };
        if row.len() <= r {
            row.resize(r + 1, Vec::new());
        }
        row[r] = vec![Inline::text(format_rate(rate))];
        filled += 1;
    }
    filled
}

/// A Markdown table (the table alone) with its 完成率 column filled.
pub fn fill_table(table_markdown: &str) -> Result<String> {
    let mut blocks = markdown::parse_blocks(table_markdown);
    match blocks.as_mut_slice() {
        [b @ Block::Table { .. }] => {
            fill_block(b);
            Ok(markdown::write_blocks(&blocks))
        }
        _ => Err(Error::invalid("table", "expected one Markdown table")),
    }
}

/// Every results table of a document filled. The document is rewritten through the
/// Markdown writer (the same text, possibly spaced differently); returns it and the number
/// of cells set.
pub fn fill_document(markdown_text: &str) -> Result<(String, usize)> {
    let mut doc: Document = markdown::parse(markdown_text)?;
    let mut n = 0;
    fill_all(&mut doc.blocks, &mut n);
    if n == 0 {
        return Ok((markdown_text.to_string(), 0));
    }
    Ok((markdown::write(&doc), n))
}

fn fill_all(blocks: &mut [Block], n: &mut usize) {
    for b in blocks {
        match b {
            Block::Table { .. } => *n += fill_block(b),
            Block::Quote { blocks } => fill_all(blocks, n),
            Block::List { items, .. } => {
                for i in items {
                    fill_all(&mut i.blocks, n);
                }
            }
            _ => {}
        }
    }
}

/// The column labels in `lang`.
pub fn labels(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::ZhHans => ["指标", "基线", "目标", "实际", "完成率"],
        Lang::ZhHant => ["指標", "基線", "目標", "實際", "完成率"],
        Lang::En => ["Metric", "Baseline", "Target", "Actual", "Completion"],
    }
}

/// An empty results table of `rows` rows, as Markdown, the metric cells marked 【…】 to fill.
pub fn empty_table(lang: Lang, rows: usize) -> String {
    let metric = lang.pick("【指标名称】", "【指標名稱】", "【metric】");
    let head: Vec<Vec<Inline>> = labels(lang)
        .iter()
        .map(|l| vec![Inline::text(*l)])
        .collect();
    let rows = (0..rows.max(1))
        .map(|_| {
            let mut r = vec![Vec::new(); 5];
            r[0] = vec![Inline::text(metric)];
            r
        })
        .collect();
    markdown::write_blocks(&[Block::Table {
        align: vec![
            Align::None,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        head,
        rows,
    }])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn f(s: &str) -> f64 {
        parse_figure(s).unwrap().value
    }

    #[test]
    fn figures_are_read_with_their_units() {
        assert_eq!(f("1,860"), 1860.0);
        assert_eq!(f("1.2万"), 12_000.0);
        assert_eq!(f("3亿元"), 3e8);
        assert_eq!(f("4.5 分"), 4.5);
        assert_eq!(f("１２０"), 120.0);
        assert_eq!(f("-3%"), -3.0);
        assert!(parse_figure("92.9%").unwrap().percent);
        assert!(parse_figure("—").is_none());
    }

    #[test]
    fn completion_is_ratio_or_progress() {
        let p = |s: &str| parse_figure(s).unwrap();
        assert_eq!(
            format_rate(completion(None, p("1,600"), p("1,860")).unwrap()),
            "116%"
        );
        // Lower is better: 9.5 h -> target 4 h, reached 3.2 h.
        let r = completion(Some(p("9.5")), p("4"), p("3.2")).unwrap();
        assert_eq!(format_rate(r), "115%");
        assert_eq!(completion(None, p("90%"), p("12")), None);
        assert_eq!(completion(None, p("0"), p("12")), None);
        assert_eq!(
            format_rate(completion(None, p("1.5亿"), p("16000万")).unwrap()),
            "107%"
        );
    }

    #[test]
    fn the_annual_fixture_table_computes_what_it_says() {
        let table = "| 指标 | 年度目标 | 实际完成 | 完成率 |\n| --- | ---: | ---: | ---: |\n| 续约率 | 90% | 92.9% | |\n| 增购合同额（万元） | 1,600 | 1,860 | |\n| 客户满意度（分） | 4.5 | 4.7 | |\n";
        let filled = fill_table(table).unwrap();
        for want in ["103%", "116%", "104%"] {
            assert!(filled.contains(want), "{want} in\n{filled}");
        }
    }

    #[test]
    fn results_tables_are_known_by_their_columns_in_any_language() {
        let table = |head: &str| {
            markdown::parse_blocks(&format!("{head}\n|---|---|---|---|\n| a | 1 | 2 | |\n"))
                .remove(0)
        };
        assert!(is_results_table(&table("| 指标 | 目标 | 实际 | 达成率 |")));
        assert!(is_results_table(&table("| 指標 | 目標 | 實際 | 達成率 |")));
        assert!(is_results_table(&table(
            "| Metric | Target | Actual | Achieved |"
        )));
        assert!(is_results_table(&table("| 指标 | 计划 | 实际 | 完成度 |")));
        assert!(!is_results_table(&table(
            "| 指标 | 说明 | 负责人 | 完成率 |"
        )));
        assert!(!is_results_table(&table("| 事项 | 目标 | 状态 | 说明 |")));
        let mut t = table("| 指标 | 目标 | 实际 | 达成率 |");
        assert_eq!(fill_block(&mut t), 1);
    }

    #[test]
    fn the_empty_table_round_trips_through_fill() {
        for lang in Lang::ALL {
            let t = empty_table(lang, 3);
            assert!(t.contains(labels(lang)[4]));
            assert_eq!(fill_table(&t).unwrap(), t);
        }
        assert!(fill_table("not a table").is_err());
    }
}
