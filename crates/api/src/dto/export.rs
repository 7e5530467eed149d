//! The export dialog's choices and answers.

use super::common::{Lang, StyleId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportOptions {
    pub style: StyleId,
    pub cover: bool,
    pub toc: bool,
    pub header: Option<String>,
    pub page_numbers: bool,
    pub signature: bool,
    /// YYYY-MM-DD, or null for today.
    pub date: Option<String>,
    /// The language of the words export adds (目录, 第 1 页 共 3 页).
    pub lang: Lang,
    /// A draft's source markers listed as an appendix 依据 (else they are left out).
    pub sources_appendix: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportResult {
    pub path: String,
}
