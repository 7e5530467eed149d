//! Settings and backups.

use super::{IpcResult, blocking, with};
use crate::AppState;
use crate::dto::{BackupInfo, RestoreOutcome};
use recap_core::{Error, error::Entity};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub fn settings_get(state: State<'_, AppState>) -> IpcResult<BTreeMap<String, String>> {
    with(&state.store, |s| s.settings())
}

/// Stores one setting; a new language also relabels the menu.
#[tauri::command]
pub fn settings_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: String,
    value: String,
) -> IpcResult<()> {
    with(&state.store, |s| {
        super::check_size(&value)?;
        s.set_setting(&key, &value)
    })?;
    if key == "lang" {
        let lang = super::app_lang(&state.store);
        // The menu is a convenience: failing to relabel it must not fail the setting.
        if let Ok(menu) = crate::menu::build(&app, lang) {
            let _ = app.set_menu(menu);
        }
    }
    Ok(())
}

#[tauri::command]
pub fn backup_list(state: State<'_, AppState>) -> IpcResult<Vec<BackupInfo>> {
    with(&state.store, |s| {
        Ok(s.backups()?.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub async fn backup_create(state: State<'_, AppState>) -> IpcResult<BackupInfo> {
    blocking(state.store.clone(), |s| s.backup_now().map(Into::into)).await
}

/// Restores one of the store's own backups (a path `backup_list` gave); any other file is
/// refused.
#[tauri::command]
pub async fn backup_restore(state: State<'_, AppState>, path: String) -> IpcResult<RestoreOutcome> {
    let path = PathBuf::from(path);
    blocking(state.store.clone(), move |s| {
        if !s.backups()?.iter().any(|b| b.path == path) {
            return Err(Error::not_found(Entity::Backup, path.display()));
        }
        s.restore(&path).map(Into::into)
    })
    .await
}
