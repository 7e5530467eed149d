//! What the user chose in the export dialog (or on the command line).

use chrono::NaiveDate;
use recap_core::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file formats (defined with the styles, so that settings can remember one).
pub use recap_core::style::Format;

/// Options of one export. The style itself (page, fonts, sizes) comes from
/// `recap_core::style`; these are the user's switches on top of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// `gov` (公文, GB/T 9704), `business` (商务) or `plain` (简洁).
    pub style: recap_core::style::StyleId,
    pub cover: bool,
    pub toc: bool,
    pub header: Option<String>,
    pub page_numbers: bool,
    /// Add the author and date block at the end (skipped when the text already ends with one).
    pub signature: bool,
    /// The date of the signature block and the cover; today when not given.
    pub date: Option<NaiveDate>,
    /// Language of the generated words (目录, 第 X 页 共 Y 页, cover labels).
    pub lang: Lang,
    /// Per-role font family overrides from Settings (role id -> family name).
    pub fonts: BTreeMap<String, String>,
    /// The source markers of a draft: left out (the default), or listed as an appendix 依据.
    pub sources: recap_core::sources::Handling,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            style: recap_core::style::StyleId::Gov,
            cover: false,
            toc: false,
            header: None,
            page_numbers: true,
            signature: true,
            date: None,
            lang: Lang::ZhHans,
            fonts: BTreeMap::new(),
            sources: recap_core::sources::Handling::Omit,
        }
    }
}
