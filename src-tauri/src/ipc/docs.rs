//! Documents: create, list, read, save, analyse, search, trash, history.

use super::{IpcResult, check_size, parse_body, with};
use crate::AppState;
use crate::dto::{
    Analysis, DocInfo, HeadingNumber, NewDocument, RevisionInfo, SaveMode, SaveOutcome, SearchHit,
    StoredDoc,
};
use recap_core::count;
use recap_core::model::{Block, inline_text};
use recap_core::style::{self, StyleId};
use recap_core::{Metadata, Period, template};
use tauri::State;

/// The most hits a search returns.
const SEARCH_LIMIT: usize = 50;

fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A new document from a template: front matter from the form, then the template's sections.
#[tauri::command]
pub fn doc_create(state: State<'_, AppState>, doc: NewDocument) -> IpcResult<DocInfo> {
    with(&state.store, |s| {
        let period = non_empty(doc.period)
            .map(|p| Period::parse(&p))
            .transpose()?;
        let meta = Metadata {
            title: non_empty(doc.title),
            author: non_empty(doc.author),
            department: non_empty(doc.department),
            position: non_empty(doc.position),
            period,
            ..Metadata::default()
        };
        let t = template::find_in(Some(s), &doc.template_id)?;
        s.add(&template::new_document_markdown(&t, doc.lang.into(), meta))
            .map(Into::into)
    })
}

#[tauri::command]
pub fn doc_list(state: State<'_, AppState>) -> IpcResult<Vec<DocInfo>> {
    with(&state.store, |s| {
        Ok(s.list()?.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub fn doc_get(state: State<'_, AppState>, id: i64) -> IpcResult<StoredDoc> {
    with(&state.store, |s| s.get(id).map(Into::into))
}

#[tauri::command]
pub fn doc_save(
    state: State<'_, AppState>,
    id: i64,
    body: String,
    mode: SaveMode,
) -> IpcResult<SaveOutcome> {
    with(&state.store, |s| {
        check_size(&body)?;
        s.save(id, &body, mode.into()).map(Into::into)
    })
}

/// Counts (against the document's template) and the numbers of its top-level headings, as the
/// 公文 style numbers them (the title heading gets none).
#[tauri::command]
pub fn doc_analyze(state: State<'_, AppState>, body: String) -> IpcResult<Analysis> {
    with(&state.store, |s| {
        let doc = parse_body(&body)?;
        let counts = count::count_with_template(&doc, &template::user_templates(s)?);
        let plan = style::plan(&doc, &style::style(StyleId::Gov));
        let headings = doc
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(block, b)| match b {
                Block::Heading { level, content } => Some(HeadingNumber {
                    block,
                    level: *level,
                    number: plan.numbers.get(block).cloned().flatten(),
                    title: inline_text(content),
                }),
                _ => None,
            })
            .collect();
        Ok(Analysis {
            counts: counts.into(),
            headings,
        })
    })
}

#[tauri::command]
pub fn doc_search(state: State<'_, AppState>, query: String) -> IpcResult<Vec<SearchHit>> {
    with(&state.store, |s| {
        check_size(&query)?;
        Ok(s.search(&query, SEARCH_LIMIT)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn doc_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    with(&state.store, |s| s.delete(id))
}

#[tauri::command]
pub fn doc_undelete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    with(&state.store, |s| s.undelete(id))
}

#[tauri::command]
pub fn doc_purge(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    with(&state.store, |s| s.purge(id))
}

#[tauri::command]
pub fn doc_trash(state: State<'_, AppState>) -> IpcResult<Vec<DocInfo>> {
    with(&state.store, |s| {
        Ok(s.trash()?.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub fn doc_history(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<RevisionInfo>> {
    with(&state.store, |s| {
        Ok(s.history(id)?.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub fn doc_revision(state: State<'_, AppState>, id: i64, rev: u32) -> IpcResult<String> {
    with(&state.store, |s| s.revision(id, rev))
}

#[tauri::command]
pub fn doc_revert(state: State<'_, AppState>, id: i64, rev: u32) -> IpcResult<SaveOutcome> {
    with(&state.store, |s| s.revert(id, rev).map(Into::into))
}
