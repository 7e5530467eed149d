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
            if recap_core::count::is_cjk_char(c) {
                2
            } else {
                1
            }
        })
        .sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
