//! The page's one way into the engine: `api(op, args)`, the contract's operation by name.
//! Every operation runs on a worker thread, never on the window's: a save that waits for a
//! busy store, a PDF preview or an import of a large file cannot stop the window from
//! answering. A panic below the engine comes back as an error, never across IPC.

use recap_api::{ApiError, Workspace};
use serde_json::Value;
use std::sync::Arc;
use tauri::State;

/// What every call shares.
pub struct AppState {
    pub ws: Arc<Workspace>,
}

#[tauri::command]
pub async fn api(state: State<'_, AppState>, op: String, args: Value) -> Result<Value, ApiError> {
    let ws = state.ws.clone();
    let lang = ws.clone();
    match tauri::async_runtime::spawn_blocking(move || recap_api::dispatch(&ws, &op, args)).await {
        Ok(answer) => answer,
        Err(e) => Err(ApiError::internal(lang.lang(), e)),
    }
}
