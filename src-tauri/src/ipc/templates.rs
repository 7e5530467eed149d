//! The template gallery.

use super::{IpcResult, with};
use crate::AppState;
use crate::dto::{Lang, TemplateView};
use recap_core::template;
use tauri::State;

/// The built-in gallery followed by the user's templates, in `lang`.
#[tauri::command]
pub fn templates_list(state: State<'_, AppState>, lang: Lang) -> IpcResult<Vec<TemplateView>> {
    with(&state.store, |s| {
        Ok(template::all_templates(Some(s))?
            .iter()
            .map(|t| t.view(lang.into()).into())
            .collect())
    })
}
