//! The app, the gallery and the period picker.

use crate::Workspace;
use crate::dto::app::{
    AppInfo, FontRoleView, Named, PartOption, PeriodChoice, PeriodPicker, StartupMark, Vocabulary,
    YearOption,
};
use crate::dto::common::{KindView, Lang, PeriodUnit, PeriodView, Target};
use crate::dto::templates::{SectionView, Snippet, TemplateView};
use crate::error::{ApiError, ApiResult, OrApi};
use crate::host::Mark;
use chrono::{Datelike, NaiveDate};
use recap_core::period::{Period, PeriodUnit as CoreUnit, part_label};
use recap_core::style::{FontRole, StyleId};
use recap_core::template::Template;
use recap_core::{Kind, Lang as CoreLang};

impl Workspace {
    pub fn app_info(&self) -> ApiResult<AppInfo> {
        let lang = self.lang();
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.store().data_dir().display().to_string(),
            lang: lang.into(),
            store_notice: self
                .store()
                .open_report()
                .map(|e| ApiError::from_core(e, lang)),
            today: self.today().format("%Y-%m-%d").to_string(),
        })
    }

    pub fn app_vocabulary(&self, lang: Option<Lang>) -> ApiResult<Vocabulary> {
        let l: CoreLang = lang.map_or_else(|| self.lang(), Into::into);
        let gov = recap_core::style::style(StyleId::Gov);
        Ok(Vocabulary {
            kinds: Kind::ALL.iter().map(|k| KindView::of(*k, l)).collect(),
            styles: StyleId::ALL
                .iter()
                .map(|s| Named {
                    id: (*s).into(),
                    label: s.label(l).to_string(),
                })
                .collect(),
            units: CoreUnit::ALL
                .iter()
                .map(|u| Named {
                    id: PeriodUnit::from(*u),
                    label: u.label(l).to_string(),
                })
                .collect(),
            rules: recap_core::check::RULES
                .iter()
                .map(|r| Named {
                    id: (*r).to_string(),
                    label: recap_core::check::rule_label(r, l).to_string(),
                })
                .collect(),
            severities: [
                recap_core::check::Severity::Error,
                recap_core::check::Severity::Warning,
                recap_core::check::Severity::Info,
            ]
            .iter()
            .map(|s| Named {
                id: serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                label: s.label(l).to_string(),
            })
            .collect(),
            font_roles: FontRole::ALL
                .iter()
                .map(|r| FontRoleView {
                    id: r.id().to_string(),
                    label: r.label(l).to_string(),
                    default: gov.font(*r).families.clone(),
                })
                .collect(),
            families: recap_core::style::known_families()
                .into_iter()
                .map(String::from)
                .collect(),
        })
    }

    pub fn app_ui_ready(&self, marks: Vec<StartupMark>) -> ApiResult<()> {
        let marks: Vec<Mark> = marks
            .into_iter()
            .take(32)
            .map(|m| Mark {
                name: m
                    .name
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .take(24)
                    .collect(),
                at: m.at,
            })
            .collect();
        self.host().ui_ready(&marks);
        Ok(())
    }

    /// Only http(s) and mailto links open: a document cannot make the app open files or run
    /// programs.
    pub fn app_open_link(&self, url: String) -> ApiResult<()> {
        let lang = self.lang();
        let refused = || {
            ApiError::not_allowed(
                lang.pick(
                    "只能打开 http(s) 或邮件链接：",
                    "只能開啟 http(s) 或郵件連結：",
                    "Only http(s) and mail links can be opened: ",
                ),
                &url,
            )
        };
        let t = url.trim();
        let scheme = t.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let allowed = matches!(scheme.as_deref(), Some("http" | "https" | "mailto"))
            && !t.chars().any(|c| c.is_control() || c.is_whitespace());
        if !allowed {
            return Err(refused());
        }
        self.host()
            .open_url(t)
            .map_err(|e| open_failed(lang, &url, &e))
    }

    pub fn app_open_data_dir(&self) -> ApiResult<()> {
        let dir = self.store().data_dir().to_path_buf();
        self.host()
            .open_path(&dir)
            .map_err(|e| open_failed(self.lang(), &dir.display(), &e))
    }

    pub fn templates_list(&self, lang: Option<Lang>) -> ApiResult<Vec<TemplateView>> {
        let l: CoreLang = lang.map_or_else(|| self.lang(), Into::into);
        let user = self.user_templates()?;
        let builtin = recap_core::template::builtin().or_api(l)?;
        Ok(builtin
            .iter()
            .map(|t| template_view(t, l, false))
            .chain(user.iter().map(|t| template_view(t, l, true)))
            .collect())
    }

    pub fn period_picker(
        &self,
        template_id: String,
        choice: Option<PeriodChoice>,
        lang: Option<Lang>,
    ) -> ApiResult<PeriodPicker> {
        let l: CoreLang = lang.map_or_else(|| self.lang(), Into::into);
        let t = self.template(&template_id)?;
        let today = self.today();
        let choice = match choice {
            None => choice_of(&Period::default_for(t.kind, today)),
            Some(mut c) => {
                let unit: CoreUnit = c.unit.into();
                if c.part == 0 {
                    let (y, p) = Period::part_holding(unit, today);
                    (c.year, c.part) = (if c.year == 0 { y } else { c.year }, p);
                }
                if unit == CoreUnit::Custom && (c.start.is_empty() || c.end.is_empty()) {
                    let d = Period::default_for(Kind::Other, today);
                    c.start = day(d.start);
                    c.end = day(d.end);
                }
                c
            }
        };
        let unit: CoreUnit = choice.unit.into();
        let (period, problem) = match settle(&choice) {
            Ok(p) => (Some(p), None),
            Err(e) => (None, Some(e.message(l))),
        };
        let y = today.year();
        let mut years: Vec<i32> = (y - 3..=y + 1).collect();
        if !years.contains(&choice.year) && (1900..=2999).contains(&choice.year) {
            years.push(choice.year);
            years.sort_unstable();
        }
        let parts = match unit {
            CoreUnit::Year | CoreUnit::Custom => Vec::new(),
            _ => (1..=unit.parts_in(choice.year))
                .map(|n| PartOption {
                    n,
                    label: part_label(unit, choice.year, n, l),
                })
                .collect(),
        };
        let suggested_title = suggested_title(&t, period.as_ref(), l);
        let years = years
            .into_iter()
            .map(|y| YearOption {
                year: y,
                label: part_label(CoreUnit::Year, y, 1, l),
            })
            .collect();
        Ok(PeriodPicker {
            period: period.map(|p| PeriodView::of(&p, l)),
            problem,
            choice,
            years,
            parts,
            suggested_title,
        })
    }

    /// A template by id, built-in or the user's.
    pub(crate) fn template(&self, id: &str) -> ApiResult<Template> {
        let user = self.user_templates()?;
        user.iter()
            .find(|t| t.id == id)
            .cloned()
            .map_or_else(|| recap_core::template::find(id).or_api(self.lang()), Ok)
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn choice_of(p: &Period) -> PeriodChoice {
    let (unit, year, part) = p.shape();
    PeriodChoice {
        unit: unit.into(),
        year,
        part,
        start: day(p.start),
        end: day(p.end),
    }
}

fn settle(c: &PeriodChoice) -> recap_core::Result<Period> {
    let unit: CoreUnit = c.unit.into();
    if unit == CoreUnit::Custom {
        return Period::parse(&format!("{} 至 {}", c.start.trim(), c.end.trim()));
    }
    Period::of(unit, c.year, c.part).ok_or_else(|| {
        recap_core::Error::invalid(
            "period",
            format!("{} {} {}", unit_code(unit), c.year, c.part),
        )
    })
}

fn unit_code(u: CoreUnit) -> &'static str {
    match u {
        CoreUnit::Year => "year",
        CoreUnit::Half => "half",
        CoreUnit::Quarter => "quarter",
        CoreUnit::Month => "month",
        CoreUnit::Week => "week",
        CoreUnit::Custom => "custom",
    }
}

fn open_failed(lang: CoreLang, what: &dyn std::fmt::Display, reason: &str) -> ApiError {
    ApiError::new(
        "open-failed",
        format!(
            "{}{what}（{reason}）",
            lang.pick("无法打开：", "無法開啟：", "Could not open: ")
        ),
    )
}

/// The title a new document of `t` for `period` is given until the user types one.
pub(crate) fn suggested_title(t: &Template, period: Option<&Period>, lang: CoreLang) -> String {
    recap_core::meta::default_title(t.kind, period, t.name.get(lang), lang)
}

/// A template in one language, with each section's number as a new document's heading gets
/// it in the 公文 style.
pub(crate) fn template_view(t: &Template, lang: CoreLang, user: bool) -> TemplateView {
    let v = t.view(lang);
    let skeleton = recap_core::template::new_document_markdown(t, lang, Default::default());
    let numbers: Vec<Option<String>> = recap_core::markdown::parse(&skeleton)
        .map(|doc| {
            let plan = recap_core::layout::plan(&doc, &recap_core::style::style(StyleId::Gov));
            doc.blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| matches!(b, recap_core::Block::Heading { .. }))
                .skip(1)
                .map(|(i, _)| plan.numbers.get(i).cloned().flatten())
                .collect()
        })
        .unwrap_or_default();
    let total = v
        .sections
        .iter()
        .filter_map(|s| s.target)
        .fold(None, |acc: Option<Target>, t| {
            let (min, max) = acc.map_or((0, 0), |a| (a.min, a.max));
            Some(Target {
                min: min + t.min,
                max: max + t.max,
            })
        });
    TemplateView {
        id: v.id,
        name: v.name,
        kind: KindView::of(v.kind, lang),
        description: v.description,
        target_total: total,
        user,
        sections: v
            .sections
            .into_iter()
            .enumerate()
            .map(|(i, s)| SectionView {
                title: s.title,
                level: s.level,
                number: numbers.get(i).cloned().flatten(),
                prompt: s.prompt,
                tips: s.tips,
                target: s.target.map(Into::into),
                snippets: s.snippets.into_iter().map(Snippet::of).collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoHost;
    use std::sync::Arc;

    fn ws(today: &str) -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let store = recap_core::store::Store::open(dir.path()).unwrap();
        let day = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        (
            dir,
            Workspace::new(Arc::new(store), Arc::new(NoHost)).with_today(day),
        )
    }

    #[test]
    fn the_picker_starts_at_the_period_being_closed_and_settles_choices() {
        let (_d, ws) = ws("2027-01-10");
        let p = ws
            .period_picker("annual-five-part".into(), None, Some(Lang::ZhHans))
            .unwrap();
        assert_eq!(p.period.as_ref().map(|x| x.code.as_str()), Some("2026"));
        assert_eq!(p.suggested_title, "2026年度工作总结");
        let w = ws
            .period_picker("weekly".into(), None, Some(Lang::ZhHans))
            .unwrap();
        assert_eq!(w.choice.unit, PeriodUnit::Week);
        assert_eq!(w.period.as_ref().map(|x| x.code.as_str()), Some("2027-W01"));
        assert_eq!(w.suggested_title, "2027年第1周工作周报");
        assert_eq!(w.parts.len(), 52);
        // Switching to quarters asks for the one that holds today.
        let q = ws
            .period_picker(
                "quarterly".into(),
                Some(PeriodChoice {
                    unit: PeriodUnit::Quarter,
                    year: 2027,
                    part: 0,
                    start: String::new(),
                    end: String::new(),
                }),
                Some(Lang::En),
            )
            .unwrap();
        assert_eq!(q.choice.part, 1);
        assert_eq!(q.period.as_ref().map(|x| x.label.as_str()), Some("Q1 2027"));
        assert_eq!(q.suggested_title, "Q1 2027 Quarterly Review");
        let bad = ws
            .period_picker(
                "quarterly".into(),
                Some(PeriodChoice {
                    unit: PeriodUnit::Custom,
                    year: 2027,
                    part: 1,
                    start: "2027-03-01".into(),
                    end: "2027-02-01".into(),
                }),
                Some(Lang::ZhHans),
            )
            .unwrap();
        assert!(bad.period.is_none());
        assert!(bad.problem.is_some());
    }

    #[test]
    fn gallery_sections_carry_the_numbers_export_gives_them() {
        let (_d, ws) = ws("2026-12-03");
        let all = ws.templates_list(Some(Lang::ZhHans)).unwrap();
        let five = all.iter().find(|t| t.id == "annual-five-part").unwrap();
        let nums: Vec<Option<&str>> = five.sections.iter().map(|s| s.number.as_deref()).collect();
        assert_eq!(
            nums,
            [
                Some("一、"),
                Some("二、"),
                Some("三、"),
                Some("四、"),
                Some("五、")
            ]
        );
        assert_eq!(five.kind.label, "年度总结");
        assert!(five.target_total.is_some());
        let snippet = &five.sections[1].snippets[0];
        assert!(!snippet.blanks.is_empty());
        let first = snippet.blanks[0];
        let units: Vec<u16> = snippet.text.encode_utf16().collect();
        let marked = String::from_utf16(&units[first.start..first.end]).unwrap();
        assert!(
            marked.starts_with('【') && marked.ends_with('】'),
            "{marked}"
        );
    }
}
