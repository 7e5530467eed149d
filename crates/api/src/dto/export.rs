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

/// Some pages of the PDF the options would give, as SVG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewPages {
    /// How many pages the whole document has.
    pub total: u32,
    /// The pages asked for that exist, in order.
    pub pages: Vec<PreviewPage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewPage {
    /// From 0.
    pub index: u32,
    pub svg: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportResult {
    pub path: String,
}
