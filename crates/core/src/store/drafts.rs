//! Drafting from the store: what a period's draft reads (the period's notes, the reports
//! inside it, the last period's plan), handed to the pure drafting of [`crate::worklog::draft`].

use super::{Store, StoredDoc};
use crate::carry::{PlanItem, plan_items};
use crate::error::Result;
use crate::kind::Kind;
use crate::meta::split_front_matter;
use crate::outline::sections;
use crate::period::Period;
use crate::worklog::draft::{
    Draft, DraftInputs, DraftRequest, MAX_REVIEW, Report, Source, clean, draft, recognised,
};
use crate::worklog::route::{self, Kind as NoteKind};

/// Length in days a report of `kind` covers at most.
fn kind_days(kind: Kind) -> Option<i64> {
    match kind {
        Kind::Weekly => Some(7),
        Kind::Monthly => Some(31),
        Kind::Quarterly => Some(92),
        Kind::HalfYear => Some(184),
        Kind::Annual => Some(366),
        _ => None,
    }
}

/// The stored documents of `kind` with their parsed front matter period.
fn documents_with_period(store: &Store, kinds: &[Kind]) -> Result<Vec<(StoredDoc, Period)>> {
    let ids: Vec<&str> = kinds.iter().map(|k| k.id()).collect();
    Ok(store
        .documents_of_kinds(&ids)?
        .into_iter()
        .filter_map(|d| {
            let period = split_front_matter(&d.body).0.period?;
            Some((d, period))
        })
        .collect())
}

impl Store {
    /// Reads what a draft needs from the store: the period's notes, the reports inside it, and the
    /// previous period's plan (from its summary of the same kind, the same template preferred;
    /// else the plans noted at the end of that period).
    pub fn draft_inputs(&self, req: &DraftRequest) -> Result<DraftInputs> {
        let store = self;
        let p = req.period;
        let entries = store.entries_between(p.start, p.end)?;
        let days = (p.end - p.start).num_days() + 1;
        let shorter: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| kind_days(*k).is_some_and(|d| d < days))
            .collect();
        let mut reports = Vec::new();
        for (d, period) in documents_with_period(store, &shorter)? {
            if period.start < p.start || period.end > p.end || period == p {
                continue;
            }
            let Ok(doc) = crate::markdown::parse(&d.body) else {
                continue;
            };
            reports.push(Report {
                doc_id: d.info.id,
                title: d.info.title,
                period,
                doc,
            });
        }
        let mut previous_plan = Vec::new();
        if let Some(prev) = p.previous() {
            let mut docs: Vec<(StoredDoc, Period)> =
                documents_with_period(store, &[req.template.kind])?
                    .into_iter()
                    .filter(|(_, period)| *period == prev)
                    .collect();
            docs.sort_by(|a, b| {
                let same =
                    |d: &StoredDoc| d.info.template.as_deref() == Some(req.template.id.as_str());
                same(&b.0)
                    .cmp(&same(&a.0))
                    .then(b.0.info.updated_at.cmp(&a.0.info.updated_at))
            });
            for (d, _) in docs {
                let Ok(doc) = crate::markdown::parse(&d.body) else {
                    continue;
                };
                let items = plan_items(&doc);
                if items.is_empty() {
                    continue;
                }
                let section = sections(&doc)
                    .into_iter()
                    .rev()
                    .find(|s| crate::vocab::is_plan_title(&s.title))
                    .map(|s| s.title)
                    .unwrap_or_default();
                let source = Source::Document {
                    doc_id: d.info.id,
                    title: d.info.title.clone(),
                    section,
                };
                previous_plan = items.into_iter().map(|i| (i, source.clone())).collect();
                break;
            }
            if previous_plan.is_empty() {
                let pdays = (prev.end - prev.start).num_days() + 1;
                let from = prev.end - chrono::Duration::days((pdays / 5).max(7) - 1);
                for e in store.entries_between(from.max(prev.start), prev.end)? {
                    if route::classify(&e.text, &recognised(&e)) != NoteKind::Plan {
                        continue;
                    }
                    let item = clean(&e.text, None);
                    if previous_plan
                        .iter()
                        .any(|(p, _): &(PlanItem, Source)| p.item == item)
                    {
                        continue;
                    }
                    let target = e
                        .figures
                        .iter()
                        .map(|f| f.text.clone())
                        .collect::<Vec<_>>()
                        .join("；");
                    previous_plan.push((
                        PlanItem { item, target },
                        Source::Entry {
                            id: e.id,
                            date: e.date,
                        },
                    ));
                }
                // The latest plans, as many as a review holds, in date order.
                let keep = previous_plan.len().saturating_sub(MAX_REVIEW);
                previous_plan.drain(..keep);
            }
        }
        Ok(DraftInputs {
            entries,
            reports,
            previous_plan,
        })
    }

    /// Drafts from the store's notes and reports.
    pub fn draft(&self, req: &DraftRequest) -> Result<Draft> {
        Ok(draft(req, &self.draft_inputs(req)?))
    }
}
