//! The template gallery.

use super::{IpcResult, app_lang, with};
use crate::AppState;
use crate::dto::{Lang, TemplateView};
use recap_core::template;
use tauri::State;

/// The built-in gallery followed by the user's templates, in `lang` — by default the app's
/// language, so that the UI can ask for them at start alongside the settings.
#[tauri::command]
pub fn templates_list(
    state: State<'_, AppState>,
    lang: Option<Lang>,
) -> IpcResult<Vec<TemplateView>> {
    let lang: recap_core::Lang = lang.map_or_else(|| app_lang(&state.store), Into::into);
    with(&state.store, |s| {
        Ok(template::all_templates(Some(s))?
            .iter()
            .map(|t| t.view(lang).into())
            .collect())
    })
}
