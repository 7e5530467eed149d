//! Commands callable from the web UI, by area. Each is a thin call into recap-core or
//! recap-export. Errors cross as `{code, message}`, the message in the app's language; no
//! panic crosses (blocking work runs in tasks whose panics come back as errors).

pub mod app;
pub mod docs;
pub mod export;
pub mod settings;
pub mod templates;
pub mod writing;

#[cfg(test)]
mod tests;

use recap_core::store::Store;
use recap_core::{Error, Lang};
use serde::Serialize;

/// A command's failure; crosses IPC as [`crate::dto::ApiError`]'s shape.
#[derive(Debug, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
    /// The same request may succeed later by itself (see `recap_core::Error::transient`).
    pub transient: bool,
}

pub type IpcResult<T> = Result<T, IpcError>;

impl From<IpcError> for crate::dto::ApiError {
    fn from(e: IpcError) -> Self {
        crate::dto::ApiError {
            code: e.code.to_string(),
            message: e.message,
            transient: e.transient,
        }
    }
}

impl IpcError {
    /// A refusal or failure of the shell's own (a link it will not open, a file it cannot).
    pub fn new(code: &'static str, message: String) -> Self {
        IpcError {
            code,
            message,
            transient: false,
        }
    }

    pub fn from_core(e: &Error, lang: Lang) -> Self {
        IpcError {
            code: e.code(),
            message: e.message(lang),
            transient: e.transient(),
        }
    }

    /// A failure of the shell itself (a background task that died).
    pub fn internal(lang: Lang, detail: impl std::fmt::Display) -> Self {
        IpcError::new(
            "internal",
            format!(
                "{}: {detail}",
                lang.pick("程序内部错误", "程式內部錯誤", "Internal error")
            ),
        )
    }
}

/// The app's language: the `lang` setting, else the locale's, else 简体中文.
pub fn app_lang(store: &Store) -> Lang {
    store
        .get_setting("lang")
        .ok()
        .flatten()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(Lang::app_default)
}

/// Runs a core call, translating its error for the UI.
pub fn with<T>(store: &Store, f: impl FnOnce(&Store) -> recap_core::Result<T>) -> IpcResult<T> {
    f(store).map_err(|e| IpcError::from_core(&e, app_lang(store)))
}

/// Runs a core call off the UI thread.
pub async fn blocking<T: Send + 'static>(
    store: std::sync::Arc<Store>,
    f: impl FnOnce(&Store) -> recap_core::Result<T> + Send + 'static,
) -> IpcResult<T> {
    let s = store.clone();
    match tauri::async_runtime::spawn_blocking(move || f(s.as_ref())).await {
        Ok(r) => r.map_err(|e| IpcError::from_core(&e, app_lang(&store))),
        Err(e) => Err(IpcError::internal(app_lang(&store), e)),
    }
}

/// Refuses a text over the size every reader of the app accepts.
pub fn check_size(text: &str) -> recap_core::Result<()> {
    let size = text.len() as u64;
    if size > recap_core::fsio::MAX_TEXT_BYTES {
        return Err(Error::TooLarge {
            what: "document",
            size,
            limit: recap_core::fsio::MAX_TEXT_BYTES,
        });
    }
    Ok(())
}

/// Parses a document body sent by the UI (size checked first).
pub fn parse_body(body: &str) -> recap_core::Result<recap_core::Document> {
    check_size(body)?;
    recap_core::markdown::parse(body)
}
