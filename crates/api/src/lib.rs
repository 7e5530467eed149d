//! recap-api: Recap's application layer. One function per use case over a [`Workspace`] (the
//! store, the user's settings and language, the templates, the front's [`Host`]), each
//! returning a complete view model, so that a front shows what the engine computed and decides
//! nothing itself.
//!
//! Every front reaches it the same way: by the name of an operation and its arguments as JSON
//! ([`ops::dispatch`]). The desktop shell forwards its one IPC command there (off the window's
//! thread), the development bridge its HTTP requests, and the TypeScript contract the UI is
//! written against is generated from the same table ([`contract`]), so the three cannot drift.

pub mod contract;
pub mod dto;
mod error;
mod host;
pub mod ops;
mod workspace;

pub use error::{ApiError, ApiResult};
pub use host::{FileFilter, Host, Mark, NoHost};
pub use ops::dispatch;
pub use workspace::Workspace;
