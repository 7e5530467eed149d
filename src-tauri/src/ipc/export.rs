//! Export: the preview pages, writing a file (through the native save dialog), and opening
//! a file the app has just written.

use super::{IpcError, IpcResult, app_lang, blocking, parse_body, with};
use crate::AppState;
use crate::dto::{ExportFormat, ExportOptions, ExportResult};
use recap_core::Lang;
use recap_export::Format;
use std::path::{Path, PathBuf};
use std::sync::PoisonError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// When set, `export_save` writes into this folder without asking (tests only).
pub const TEST_EXPORT_DIR: &str = "RECAP_TEST_EXPORT_DIR";

/// One SVG per page of the PDF the options would give.
#[tauri::command]
pub async fn export_preview(
    state: State<'_, AppState>,
    body: String,
    options: ExportOptions,
) -> IpcResult<Vec<String>> {
    blocking(state.store.clone(), move |_| {
        recap_export::pdf::preview_svgs(&parse_body(&body)?, &options.into_export()?)
    })
    .await
}

/// Writes the document where the user chooses; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    body: String,
    options: ExportOptions,
    format: ExportFormat,
) -> IpcResult<Option<ExportResult>> {
    let store = state.store.clone();
    let format = Format::from(format);
    let (doc, options) = with(&store, |_| Ok((parse_body(&body)?, options.into_export()?)))?;
    let lang = app_lang(&store);
    let name = format!("{}.{}", file_stem(&doc.display_title()), format.extension());
    let (path, picked) = match &state.test_export_dir {
        Some(dir) => (dir.join(name), false),
        None => match ask_path(app, name, store.dialog_folder(), format, lang).await? {
            Some(p) => (p, true),
            None => return Ok(None),
        },
    };
    let target = path.clone();
    blocking(store, move |s| {
        recap_export::export_to_file(&doc, format, &options, &target)?;
        if picked {
            // Only a folder that really took the file is offered next time. The file is
            // written: a store that cannot note the folder must not report a failed export.
            let _ = s.remember_folder(&target);
        }
        Ok(())
    })
    .await?;
    state
        .exported
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(path.clone());
    Ok(Some(ExportResult {
        path: path.display().to_string(),
    }))
}

/// The native save dialog, off the UI thread.
async fn ask_path<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    start: Option<PathBuf>,
    format: Format,
    lang: Lang,
) -> IpcResult<Option<PathBuf>> {
    let ext = format.extension();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app
            .dialog()
            .file()
            .set_file_name(name)
            .add_filter(ext.to_uppercase(), &[ext]);
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.blocking_save_file()
    })
    .await
    .map_err(|e| IpcError::internal(lang, e))?;
    picked
        .map(|p| p.into_path().map_err(|e| IpcError::internal(lang, e)))
        .transpose()
}

/// A file name from a title: characters no file system accepts become `_`.
fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim().trim_matches('.').trim();
    if stem.is_empty() {
        "recap".to_string()
    } else {
        stem.to_string()
    }
}

/// Opens a file this run of the app exported (`open`), or shows it in its folder. Any other
/// path is refused: the UI cannot make the app open arbitrary files.
#[tauri::command]
pub fn reveal_path(state: State<'_, AppState>, path: String, open: bool) -> IpcResult<()> {
    let lang = app_lang(&state.store);
    let path = PathBuf::from(path);
    let known = state
        .exported
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .any(|p| p == &path);
    if !known {
        return Err(IpcError::new(
            "not-allowed",
            format!(
                "{} {}",
                lang.pick(
                    "只能打开本次导出的文件：",
                    "只能開啟本次匯出的檔案：",
                    "Only files exported in this session can be opened:"
                ),
                path.display()
            ),
        ));
    }
    let done = if open {
        tauri_plugin_opener::open_path(&path, None::<&str>)
    } else {
        tauri_plugin_opener::reveal_item_in_dir(&path)
    };
    done.map_err(|e| open_failed(lang, &path, e))
}

fn open_failed(lang: Lang, path: &Path, e: impl std::fmt::Display) -> IpcError {
    IpcError::new(
        "open-failed",
        format!(
            "{} {}: {e}",
            lang.pick("无法打开", "無法開啟", "Could not open"),
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_from_titles_are_safe() {
        assert_eq!(file_stem("2026 年度/工作:总结"), "2026 年度_工作_总结");
        assert_eq!(file_stem("  ..  "), "recap");
    }
}
