//! Documents: create, list, open, save, search, trash, history, carry forward.

use super::app::template_view;
use crate::Workspace;
use crate::dto::common::{KindView, PeriodView};
use crate::dto::docs::{
    DocInfo, DocMeta, DocText, DocView, NewDocument, RevisionInfo, SaveMode, SaveOutcome, SearchHit,
};
use crate::error::{ApiResult, OrApi};
use recap_core::{Error, Lang, Metadata, Period, carry, fsio, template};

/// The most hits a search returns.
const SEARCH_LIMIT: usize = 50;

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Refuses a text over the size every reader of the app accepts.
pub(crate) fn check_size(text: &str) -> recap_core::Result<()> {
    let size = text.len() as u64;
    if size > fsio::MAX_TEXT_BYTES {
        return Err(Error::TooLarge {
            what: "document",
            size,
            limit: fsio::MAX_TEXT_BYTES,
        });
    }
    Ok(())
}

impl Workspace {
    pub fn doc_create(&self, doc: NewDocument) -> ApiResult<DocInfo> {
        let lang = self.lang();
        let period = non_empty(&doc.period)
            .map(|p| Period::parse(&p))
            .transpose()
            .or_api(lang)?;
        let meta = Metadata {
            title: non_empty(&doc.title),
            author: non_empty(&doc.author),
            department: non_empty(&doc.department),
            position: non_empty(&doc.position),
            period,
            ..Metadata::default()
        };
        let t = self.template(&doc.template_id)?;
        let md = template::new_document_markdown(&t, doc.lang.into(), meta);
        self.store()
            .add(&md)
            .map(|d| DocInfo::of(d, lang))
            .or_api(lang)
    }

    pub fn doc_add(&self, markdown: String) -> ApiResult<DocInfo> {
        let lang = self.lang();
        check_size(&markdown).or_api(lang)?;
        self.store()
            .add(&markdown)
            .map(|d| DocInfo::of(d, lang))
            .or_api(lang)
    }

    pub fn doc_list(&self) -> ApiResult<Vec<DocInfo>> {
        let lang = self.lang();
        let list = self.store().list().or_api(lang)?;
        Ok(list.into_iter().map(|d| DocInfo::of(d, lang)).collect())
    }

    pub fn doc_list_trash(&self) -> ApiResult<Vec<DocInfo>> {
        let lang = self.lang();
        let list = self.store().trash().or_api(lang)?;
        Ok(list.into_iter().map(|d| DocInfo::of(d, lang)).collect())
    }

    pub fn doc_open(&self, id: i64) -> ApiResult<DocView> {
        let lang = self.lang();
        let stored = self.store().get(id).or_api(lang)?;
        let (meta, _) = recap_core::meta::split_front_matter(&stored.body);
        let doc_lang: Lang = meta.lang.unwrap_or(lang);
        let template = match meta.template.as_deref() {
            Some(_) => template::for_document(&meta, &self.user_templates()?)
                .map(|t| template_view(&t, doc_lang, false)),
            None => None,
        };
        Ok(DocView {
            info: DocInfo::of(stored.info, lang),
            text: DocText::split(&stored.body),
            meta: DocMeta {
                title: meta.title,
                author: meta.author,
                department: meta.department,
                position: meta.position,
                period: meta.period.map(|p| PeriodView::of(&p, lang)),
                kind: meta.kind.map(|k| KindView::of(k, lang)),
                template: meta.template,
                lang: doc_lang.into(),
            },
            template,
        })
    }

    pub fn doc_save(&self, id: i64, text: DocText, mode: SaveMode) -> ApiResult<SaveOutcome> {
        let lang = self.lang();
        let body = text.compose();
        check_size(&body).or_api(lang)?;
        let o = self.store().save(id, &body, mode.into()).or_api(lang)?;
        Ok(SaveOutcome {
            id: o.id,
            rev: o.rev,
            changed: o.changed,
            saved_at: o.saved_at,
            title: o.title,
        })
    }

    pub fn doc_search(&self, query: String) -> ApiResult<Vec<SearchHit>> {
        let lang = self.lang();
        check_size(&query).or_api(lang)?;
        let hits = self.store().search(&query, SEARCH_LIMIT).or_api(lang)?;
        Ok(hits.into_iter().map(Into::into).collect())
    }

    pub fn doc_delete(&self, id: i64) -> ApiResult<()> {
        self.store().delete(id).or_api(self.lang())
    }

    pub fn doc_undelete(&self, id: i64) -> ApiResult<()> {
        self.store().undelete(id).or_api(self.lang())
    }

    pub fn doc_purge(&self, id: i64) -> ApiResult<()> {
        self.store().purge(id).or_api(self.lang())
    }

    pub fn doc_history(&self, id: i64) -> ApiResult<Vec<RevisionInfo>> {
        let list = self.store().history(id).or_api(self.lang())?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    pub fn doc_revision(&self, id: i64, rev: u32) -> ApiResult<DocText> {
        let body = self.store().revision(id, rev).or_api(self.lang())?;
        Ok(DocText::split(&body))
    }

    pub fn doc_revert(&self, id: i64, rev: u32) -> ApiResult<DocView> {
        self.store().revert(id, rev).or_api(self.lang())?;
        self.doc_open(id)
    }

    pub fn doc_carry(&self, id: i64) -> ApiResult<DocInfo> {
        let lang = self.lang();
        let old = self.store().get(id).or_api(lang)?;
        let carried = carry::carry_forward(&old.body, &self.user_templates()?).or_api(lang)?;
        self.store()
            .add(&carried.markdown)
            .map(|d| DocInfo::of(d, lang))
            .or_api(lang)
    }
}

#[cfg(test)]
mod tests {
    use crate::dto::common::Lang;
    use crate::dto::docs::{DocText, NewDocument, SaveMode};
    use crate::{NoHost, Workspace};
    use std::sync::Arc;

    fn ws() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let store = recap_core::store::Store::open(dir.path()).unwrap();
        (dir, Workspace::new(Arc::new(store), Arc::new(NoHost)))
    }

    fn weekly(ws: &Workspace) -> i64 {
        ws.doc_create(NewDocument {
            template_id: "weekly".into(),
            title: "2026年第47周工作周报".into(),
            author: "林晓舟".into(),
            department: String::new(),
            position: String::new(),
            period: "2026-W47".into(),
            lang: Lang::ZhHans,
        })
        .unwrap()
        .id
    }

    #[test]
    fn the_library_lists_each_documents_period_and_kind_in_one_call() {
        let (_d, ws) = ws();
        weekly(&ws);
        let list = ws.doc_list().unwrap();
        assert_eq!(list.len(), 1);
        let p = list[0].period.as_ref().unwrap();
        assert_eq!(
            (p.code.as_str(), p.label.as_str()),
            ("2026-W47", "2026年第47周")
        );
        assert_eq!(list[0].kind.as_ref().unwrap().label, "周报");
    }

    #[test]
    fn the_editor_keeps_the_front_matter_and_renames_through_it() {
        let (_d, ws) = ws();
        let id = weekly(&ws);
        let open = ws.doc_open(id).unwrap();
        assert!(open.text.front.starts_with("---\n") && open.text.front.contains("period:"));
        assert!(open.text.content.starts_with("# 2026年第47周工作周报"));
        assert_eq!(open.meta.period.as_ref().unwrap().code, "2026-W47");
        assert_eq!(open.template.as_ref().unwrap().id, "weekly");
        // Saving what was opened changes nothing; a renamed title goes into the front matter.
        let same = ws.doc_save(id, open.text.clone(), SaveMode::Auto).unwrap();
        assert!(!same.changed);
        let renamed = DocText {
            content: open.text.content.replacen("第47周", "第47周（修订）", 1),
            title: Some("2026年第47周（修订）工作周报".into()),
            ..open.text
        };
        let saved = ws.doc_save(id, renamed, SaveMode::Manual).unwrap();
        assert!(saved.changed);
        assert_eq!(saved.title, "2026年第47周（修订）工作周报");
        let again = ws.doc_open(id).unwrap();
        assert_eq!(
            again.meta.title.as_deref(),
            Some("2026年第47周（修订）工作周报")
        );
        assert_eq!(again.meta.period.as_ref().unwrap().code, "2026-W47");
    }

    #[test]
    fn a_weekly_report_carried_forward_is_titled_and_dated_for_the_next_week() {
        let (_d, ws) = ws();
        let id = weekly(&ws);
        let next = ws.doc_carry(id).unwrap();
        assert_eq!(next.title, "2026年第48周工作周报");
        let p = next.period.unwrap();
        assert_eq!(
            (p.code.as_str(), p.start.as_str(), p.end.as_str()),
            ("2026-W48", "2026-11-23", "2026-11-29")
        );
    }
}
