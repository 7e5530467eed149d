//! The desktop shell: a Tauri window over the web UI. Commands map one-to-one onto
//! recap-core calls; no product rule lives here.

mod ipc;

use recap_core::store::Store;

/// The open store, shared by every command (it serialises its own access).
pub struct AppState {
    pub store: Store,
}

pub fn run() -> Result<(), String> {
    let lang = recap_core::Lang::from_env();
    let store = Store::open_default().map_err(|e| e.message(lang))?;
    tauri::Builder::default()
        .manage(AppState { store })
        .invoke_handler(tauri::generate_handler![ipc::library_summary])
        .run(tauri::generate_context!())
        .map_err(|e| e.to_string())
}
