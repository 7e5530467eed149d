//! recap-core: the Recap engine. No window, no Tauri: every product rule lives here, and the
//! desktop shell and the `recap` command line are thin fronts over it.
//!
//! Start reading at [`model`] (the document), then [`markdown`] (text <-> model),
//! [`outline`] (sections and heading numbering), [`count`], [`template`] and [`store`]. Import, the 体检 check, carry-forward
//! and the results table live in [`import`], [`check`], [`carry`] and [`results`].

pub mod carry;
pub mod check;
pub mod count;
pub mod error;
pub mod fsio;
pub mod import;
pub mod lang;
pub mod markdown;
pub mod meta;
pub mod model;
pub mod outline;
pub mod results;
pub mod script;
pub mod store;
pub mod style;
pub mod template;
pub mod title;
pub mod typography;

pub use error::{Error, Result};
pub use lang::Lang;
pub use meta::{Kind, Metadata, Period};
pub use model::{Block, Document, Inline};
