//! The app itself: what the UI needs at start, its first interactive moment, external links.

use super::{IpcError, IpcResult, app_lang};
use crate::AppState;
use crate::dto::AppInfo;
use std::sync::OnceLock;
use std::time::Instant;
use tauri::State;

/// Set by `main` before anything else, so the startup figure covers the whole start.
pub static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// When set, the app prints `recap-ready <ms>` on stdout once the UI is interactive (the
/// startup benchmark reads it).
pub const STARTUP_LOG: &str = "RECAP_STARTUP_LOG";

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    let store = &state.store;
    let lang = app_lang(store);
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: store.data_dir().display().to_string(),
        lang: lang.into(),
        store_notice: store
            .open_report()
            .map(|e| IpcError::from_core(e, lang).into()),
    })
}

/// The UI calls this once, when the library first answers input.
#[tauri::command]
pub fn ui_ready() {
    if std::env::var_os(STARTUP_LOG).is_some()
        && let Some(start) = PROCESS_START.get()
    {
        println!("recap-ready {}", start.elapsed().as_millis());
    }
}

/// Opens a link of a document in the system browser, after the user clicked it. Only http(s)
/// and mailto links: a document cannot make the app open files or run programs.
#[tauri::command]
pub fn open_link(state: State<'_, AppState>, url: String) -> IpcResult<()> {
    let lang = app_lang(&state.store);
    let refused = || IpcError {
        code: "not-allowed",
        message: format!(
            "{} {url}",
            lang.pick(
                "只能打开 http(s) 或邮件链接：",
                "只能開啟 http(s) 或郵件連結：",
                "Only http(s) and mail links can be opened:"
            )
        ),
    };
    let parsed = tauri::Url::parse(url.trim()).map_err(|_| refused())?;
    if !matches!(parsed.scheme(), "http" | "https" | "mailto") {
        return Err(refused());
    }
    tauri_plugin_opener::open_url(parsed.as_str(), None::<&str>).map_err(|e| IpcError {
        code: "open-failed",
        message: format!(
            "{} {url}: {e}",
            lang.pick("无法打开", "無法開啟", "Could not open")
        ),
    })
}
