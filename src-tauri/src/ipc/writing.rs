//! Writing aids over the engine: the check (体检), import of files and pasted text,
//! carry-forward to the next period, and the results table.

use super::{IpcError, IpcResult, app_lang, blocking, check_size, with};
use crate::AppState;
use crate::dto::{DocInfo, Finding, Imported, Lang, StyleId};
use recap_core::check::{self, CheckOptions};
use recap_core::{carry, import, results, template};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// The check of a document's text; `style` is the export style it is headed for (公文 also
/// checks the date form), null when none is chosen.
#[tauri::command]
pub fn doc_check(
    state: State<'_, AppState>,
    body: String,
    style: Option<StyleId>,
) -> IpcResult<Vec<Finding>> {
    with(&state.store, |s| {
        check_size(&body)?;
        let opts = CheckOptions {
            lang: super::app_lang(s),
            style: style.map(Into::into),
            user_templates: template::user_templates(s)?,
        };
        Ok(check::check(&body, &opts)?
            .findings
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

/// Asks for a .docx, .md or .txt with the native open dialog and imports it; null when the
/// user cancelled. The page never names a path.
#[tauri::command]
pub async fn import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<Option<Imported>> {
    let store = state.store.clone();
    let lang = app_lang(&store);
    let start = store.dialog_folder();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app.dialog().file().add_filter(
            lang.pick("文档", "文件", "Documents"),
            &["docx", "md", "markdown", "txt"],
        );
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.blocking_pick_file()
    })
    .await
    .map_err(|e| IpcError::internal(lang, e))?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = picked
        .into_path()
        .map_err(|e| IpcError::internal(lang, e))?;
    blocking(store, move |s| {
        let imported = import::import_path(&path, app_lang(s))?;
        // Best effort: the import worked whether or not the folder could be noted.
        let _ = s.remember_folder(&path);
        Ok(Some(imported.into()))
    })
    .await
}

/// Imports a file the user dropped on the window: its name (for the format) and its bytes,
/// read by the page from the drop itself, so no path crosses.
#[tauri::command]
pub async fn import_data(
    state: State<'_, AppState>,
    name: String,
    bytes: Vec<u8>,
) -> IpcResult<Imported> {
    blocking(state.store.clone(), move |s| {
        import::import_bytes(&name, &bytes, app_lang(s)).map(Into::into)
    })
    .await
}

/// Pasted plain text: headings recognised from 一、（一）1、 numbering, clutter dropped.
#[tauri::command]
pub fn import_text(state: State<'_, AppState>, text: String) -> IpcResult<Imported> {
    with(&state.store, |s| {
        check_size(&text)?;
        import::import_text(&text, app_lang(s)).map(Into::into)
    })
}

/// Stores a Markdown text (an import) as a new document.
#[tauri::command]
pub fn doc_add(state: State<'_, AppState>, body: String) -> IpcResult<DocInfo> {
    with(&state.store, |s| {
        check_size(&body)?;
        s.add(&body).map(Into::into)
    })
}

/// "New summary from this one": the next period's document, opening with a review of the
/// old plan, stored as a new document.
#[tauri::command]
pub fn doc_carry(state: State<'_, AppState>, id: i64) -> IpcResult<DocInfo> {
    with(&state.store, |s| {
        let old = s.get(id)?;
        let carried = carry::carry_forward(&old.body, &template::user_templates(s)?)?;
        s.add(&carried.markdown).map(Into::into)
    })
}

/// A results table (指标 / 基线 / 目标 / 实际 / 完成率) with `rows` empty rows.
#[tauri::command]
pub fn results_table(lang: Lang, rows: u8) -> String {
    results::empty_table(lang.into(), usize::from(rows.clamp(1, 20)))
}

/// The same table with 完成率 computed from the figures typed in it.
#[tauri::command]
pub fn results_fill(state: State<'_, AppState>, table: String) -> IpcResult<String> {
    with(&state.store, |_| {
        check_size(&table)?;
        results::fill_table(&table)
    })
}
