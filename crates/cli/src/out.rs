//! Printing results: JSON for scripts, aligned text for people.

use recap_core::Result;
use serde::Serialize;

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value)
        .map_err(|e| recap_core::Error::invalid("output", e.to_string()))?;
    println!("{s}");
    Ok(())
}

/// Pads `s` to `width` display columns (a CJK character takes two).
pub fn pad(s: &str, width: usize) -> String {
    let w: usize = s
        .chars()
        .map(|c| {
            if recap_core::text::is_cjk_char(c) {
                2
            } else {
                1
            }
        })
        .sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// The last line of a human check report: how many findings of each severity.
pub fn check_summary(report: &recap_core::check::Report, lang: recap_core::Lang) -> String {
    use recap_core::Lang;
    use recap_core::check::Severity::{Error, Info, Warning};
    let (e, w, i) = (
        report.count(Error),
        report.count(Warning),
        report.count(Info),
    );
    if report.findings.is_empty() {
        return lang
            .pick(
                "体检通过：没有发现问题。",
                "體檢通過：沒有發現問題。",
                "Check passed: nothing found.",
            )
            .to_string();
    }
    let n = report.findings.len();
    match lang {
        Lang::ZhHans => format!("共 {n} 个问题：错误 {e}，警告 {w}，提示 {i}。"),
        Lang::ZhHant => format!("共 {n} 個問題：錯誤 {e}，警告 {w}，提示 {i}。"),
        Lang::En => format!("{n} finding(s): {e} error(s), {w} warning(s), {i} note(s)."),
    }
}
