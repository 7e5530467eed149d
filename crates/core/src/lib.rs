//! recap-core: the Recap engine. No window, no Tauri: every product rule lives here, and the
//! desktop shell and the `recap` command line are thin fronts over it.
//!
//! Start reading at [`model`] (the document), then [`markdown`] (text <-> model),
//! [`outline`] (sections and heading numbering), [`count`], [`template`] and [`store`]. Import,
//! the 体检 check, carry-forward and the results table live in [`import`], [`check`],
//! [`carry`] and [`results`].
//!
//! The modules form layers, and none imports one that imports it back (a test reads the
//! sources and checks): the leaves ([`text`], [`vocab`], [`blanks`], [`numbering`], [`lang`],
//! [`error`], [`fsio`]) depend on nothing of the crate; [`kind`], [`period`], [`meta`] and
//! [`model`] describe a document; [`markdown`], [`outline`], [`template`], [`style`] and
//! [`layout`] read and shape it; [`count`], [`check`], [`carry`], [`results`], [`import`] and
//! [`settings`] are the product's rules over it; [`store`] keeps it.

pub mod blanks;
pub mod carry;
pub mod check;
pub mod count;
pub mod error;
pub mod fsio;
pub mod grounding;
pub mod import;
pub mod kind;
pub mod lang;
pub mod layout;
pub mod markdown;
pub mod meta;
pub mod model;
pub mod numbering;
pub mod outline;
pub mod period;
pub mod results;
pub mod script;
pub mod settings;
pub mod sources;
pub mod store;
pub mod style;
pub mod template;
pub mod title;
pub mod typography;

pub mod text;
pub mod vocab;
pub mod worklog;

pub use error::{Error, Result};
pub use kind::Kind;
pub use lang::Lang;
pub use meta::Metadata;
pub use model::{Block, Document, Inline};
pub use period::Period;
