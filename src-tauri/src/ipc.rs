//! Commands callable from the web UI. Errors cross as `{code, message}`.

use crate::AppState;
use recap_core::Lang;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct IpcError {
    code: &'static str,
    message: String,
}

impl IpcError {
    fn from_core(e: &recap_core::Error, lang: Lang) -> Self {
        IpcError {
            code: e.code(),
            message: e.message(lang),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct LibrarySummary {
    data_dir: String,
    documents: usize,
    templates: usize,
}

#[tauri::command]
pub fn library_summary(state: tauri::State<'_, AppState>) -> Result<LibrarySummary, IpcError> {
    let lang = Lang::from_env();
    let store = &state.store;
    let documents = store
        .list()
        .map_err(|e| IpcError::from_core(&e, lang))?
        .len();
    let templates = recap_core::template::builtin()
        .map_err(|e| IpcError::from_core(&e, lang))?
        .len();
    Ok(LibrarySummary {
        data_dir: store.data_dir().display().to_string(),
        documents,
        templates,
    })
}
