//! The template gallery as the UI shows it: in one language, with the numbers export will
//! give each section, the blanks of each snippet marked, and the length the whole asks for.

use super::common::{BlankSpan, KindView, Target, blank_spans};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateView {
    pub id: String,
    pub name: String,
    pub kind: KindView,
    pub description: String,
    pub sections: Vec<SectionView>,
    /// The sum of the sections' targets ("about N–M characters"), when any has one.
    pub target_total: Option<Target>,
    /// Saved by the user (not part of the built-in gallery).
    pub user: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SectionView {
    pub title: String,
    pub level: u8,
    /// The number the 公文 style gives this section's heading in a new document (一、（一）…),
    /// or null.
    pub number: Option<String>,
    pub prompt: String,
    pub tips: Vec<String>,
    pub target: Option<Target>,
    pub snippets: Vec<Snippet>,
}

/// An example snippet and the blanks in it (highlighted until filled; the first is selected
/// when the snippet is inserted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Snippet {
    pub text: String,
    pub blanks: Vec<BlankSpan>,
}

impl Snippet {
    pub fn of(text: String) -> Self {
        Snippet {
            blanks: blank_spans(&text),
            text,
        }
    }
}
