//! The work log (记录): capture, the calendar, search, a paste of many days, drafting a period's
//! summary from the notes, and the sources behind a drafted item. Every fact the screens show
//! (recognised marks, dates, day labels, counts) comes from core or is worded here.

use crate::Workspace;
use crate::dto::common::Lang as LangDto;
use crate::dto::docs::DocInfo;
use crate::dto::log::{
    CalendarCell, ColumnView, DayView, EntryView, FilePreview, ImportPreview, ImportResult,
    ImportRow, ImportRowView, ImportTable, LabelKind, LabelUse, LogHit, MarkKind, MarkSpan,
    MonthView, Recognised, RowStatus, SourceView, TableChoice, WeekView,
};
use crate::error::{ApiResult, OrApi};
use crate::host::FileFilter;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use recap_core::sources::{SourceRef, parse_url};
use recap_core::text::chars_to_utf16;
use recap_core::worklog::draft::{DraftRequest, to_markdown};
use recap_core::worklog::import::{self as wimport, ImportItem, ItemStatus, Origin, SourceKind};
use recap_core::worklog::{Entry, EntryEdit, EntryQuery, NewEntry, recognise};
use recap_core::{Error, Lang, Metadata, Period};

/// Completion offers at most this many names.
const LABEL_LIMIT: usize = 8;
/// A calendar cell shows at most this many first lines.
const CELL_LINES: usize = 2;
/// A first line in a calendar cell is cut after this many characters.
const CELL_LINE_CHARS: usize = 24;

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A date typed or sent by the page; a wrong one is the user's to fix, in their language.
fn parse_date(s: &str, lang: Lang) -> ApiResult<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("date", s.to_string()))
        .or_api(lang)
}

fn weekday_name(w: Weekday, lang: Lang) -> &'static str {
    const HANS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const HANT: [&str; 7] = ["週一", "週二", "週三", "週四", "週五", "週六", "週日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = w.num_days_from_monday() as usize;
    match lang {
        Lang::ZhHans => HANS[i],
        Lang::ZhHant => HANT[i],
        Lang::En => EN[i],
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_en(m: u32) -> &'static str {
    MONTHS_EN
        .get(m.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// "12月3日 周四", "Thu 3 Dec".
pub(crate) fn day_label(d: NaiveDate, lang: Lang) -> String {
    let w = weekday_name(d.weekday(), lang);
    match lang {
        Lang::En => format!("{w} {} {}", d.day(), &month_en(d.month())[..3]),
        _ => format!("{}月{}日 {w}", d.month(), d.day()),
    }
}

fn month_label(year: i32, month: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {year}", month_en(month)),
        _ => format!("{year}年{month}月"),
    }
}

fn count_label(n: usize, lang: Lang) -> String {
    match lang {
        Lang::ZhHans => format!("{n} 条记录"),
        Lang::ZhHant => format!("{n} 條記錄"),
        Lang::En if n == 1 => "1 entry".to_string(),
        Lang::En => format!("{n} entries"),
    }
}

fn recognised_of(text: &str, r: recap_core::worklog::Recognised) -> Recognised {
    use recap_core::worklog::MarkKind as M;
    Recognised {
        tags: r.tags,
        projects: r.projects,
        figures: r.figures.into_iter().map(|f| f.text).collect(),
        marks: r
            .marks
            .into_iter()
            .map(|m| {
                let [start, end] = chars_to_utf16(text, m.start, m.end);
                MarkSpan {
                    kind: match m.kind {
                        M::Tag => MarkKind::Tag,
                        M::Project => MarkKind::Project,
                        M::Figure => MarkKind::Figure,
                    },
                    start: u32_of(start),
                    end: u32_of(end),
                }
            })
            .collect(),
    }
}

fn entry_view(e: Entry) -> EntryView {
    let r = recap_core::worklog::Recognised {
        tags: e.tags,
        projects: e.projects,
        figures: e.figures,
        marks: e.marks,
    };
    EntryView {
        id: e.id,
        date: iso(e.date),
        recognised: recognised_of(&e.text, r),
        text: e.text,
        created_at: e.created_at,
        updated_at: e.updated_at,
        rev: e.rev,
        batch_id: e.batch_id,
    }
}

/// Newest first: the order the day's list and the calendar's glance show.
fn newest_first(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    entries
}

fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = line.trim();
    if line.chars().count() > CELL_LINE_CHARS {
        let cut: String = line.chars().take(CELL_LINE_CHARS).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

fn row_view(item: ImportItem, lang: Lang) -> ImportRowView {
    ImportRowView {
        date: item.date.map(iso),
        origin: item.origin.label(lang),
        lead: item.lead,
        needs_date: item.date.is_none() || item.problem.as_ref().is_some_and(|p| p.needs_date()),
        problem: item.problem.map(|p| p.message(lang)),
        status: match item.status {
            ItemStatus::New => RowStatus::New,
            ItemStatus::Duplicate { .. } => RowStatus::Duplicate,
            ItemStatus::InTrash { .. } => RowStatus::InTrash,
        },
        text: item.text,
    }
}

fn preview_view(p: wimport::ImportPreview, lang: Lang) -> ImportPreview {
    let c = p.counts();
    let summary = match lang {
        Lang::ZhHans => format!(
            "{} 条新记录，{} 条已在记录中，{} 条没有日期",
            c.new, c.duplicates, c.undated
        ),
        Lang::ZhHant => format!(
            "{} 條新記錄，{} 條已在記錄中，{} 條沒有日期",
            c.new, c.duplicates, c.undated
        ),
        Lang::En => format!(
            "{} new, {} already in the log, {} without a date",
            c.new, c.duplicates, c.undated
        ),
    };
    ImportPreview {
        kind: p.kind.id().to_string(),
        source: p.source,
        skipped: p.skipped.iter().map(|s| s.message(lang)).collect(),
        notes: p.notes,
        rows: p.items.into_iter().map(|i| row_view(i, lang)).collect(),
        summary,
    }
}

fn table_view(t: wimport::TablePreview, chosen: Option<TableChoice>) -> ImportTable {
    let guess = TableChoice {
        sheet: t.guess.sheet.clone(),
        header: t.guess.header,
        date_column: u32_of(t.guess.date_column),
        text_columns: t.guess.text_columns.iter().map(|c| u32_of(*c)).collect(),
    };
    ImportTable {
        sheets: t.sheets,
        columns: t
            .columns
            .into_iter()
            .map(|c| ColumnView {
                index: u32_of(c.index),
                name: c.name,
                dates: u32_of(c.dates),
            })
            .collect(),
        rows: t.rows,
        total_rows: u32_of(t.total_rows),
        choice: chosen.unwrap_or(guess),
    }
}

fn import_message(added: u32, skipped: u32, restored: u32, lang: Lang) -> String {
    // Only what happened: "导入 2 条。" rather than a list of zeros.
    let mut parts = vec![match lang {
        Lang::ZhHans => format!("导入 {added} 条"),
        Lang::ZhHant => format!("匯入 {added} 條"),
        Lang::En => format!("Imported {added}"),
    }];
    if skipped > 0 {
        parts.push(match lang {
            Lang::ZhHans => format!("跳过 {skipped} 条已在记录中的"),
            Lang::ZhHant => format!("略過 {skipped} 條已在記錄中的"),
            Lang::En => format!("skipped {skipped} already in the log"),
        });
    }
    if restored > 0 {
        parts.push(match lang {
            Lang::ZhHans => format!("从回收站恢复 {restored} 条"),
            Lang::ZhHant => format!("從回收筒還原 {restored} 條"),
            Lang::En => format!("restored {restored} from the trash"),
        });
    }
    let (sep, end) = if lang == Lang::En {
        (", ", ".")
    } else {
        ("，", "。")
    };
    format!("{}{end}", parts.join(sep))
}

impl Workspace {
    fn day_view(&self, date: NaiveDate, lang: Lang) -> ApiResult<DayView> {
        let entries = self.store().entries_of_day(date).or_api(lang)?;
        Ok(DayView {
            date: iso(date),
            label: day_label(date, lang),
            today: date == self.today(),
            entries: newest_first(entries).into_iter().map(entry_view).collect(),
        })
    }

    fn optional_day(&self, date: Option<String>, lang: Lang) -> ApiResult<NaiveDate> {
        match date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => parse_date(d, lang),
            None => Ok(self.today()),
        }
    }

    pub fn log_add(&self, text: String, date: Option<String>) -> ApiResult<EntryView> {
        let lang = self.lang();
        let date = self.optional_day(date, lang)?;
        self.store()
            .add_entry(&NewEntry { date, text })
            .map(entry_view)
            .or_api(lang)
    }

    pub fn log_edit(&self, id: i64, text: String, date: Option<String>) -> ApiResult<EntryView> {
        let lang = self.lang();
        let date = date.as_deref().map(|d| parse_date(d, lang)).transpose()?;
        let edit = EntryEdit {
            date,
            text: Some(text),
        };
        self.store()
            .update_entry(id, &edit)
            .map(entry_view)
            .or_api(lang)
    }

    pub fn log_delete(&self, id: i64) -> ApiResult<()> {
        let lang = self.lang();
        self.store().delete_entry(id).map(drop).or_api(lang)
    }

    pub fn log_restore(&self, id: i64) -> ApiResult<EntryView> {
        let lang = self.lang();
        self.store().restore_entry(id).map(entry_view).or_api(lang)
    }

    pub fn log_day(&self, date: Option<String>) -> ApiResult<DayView> {
        let lang = self.lang();
        let date = self.optional_day(date, lang)?;
        self.day_view(date, lang)
    }

    pub fn log_month(&self, year: i32, month: u32) -> ApiResult<MonthView> {
        let lang = self.lang();
        let grid = self
            .store()
            .entry_calendar(year, month, self.today())
            .or_api(lang)?;
        let (start, end) = recap_core::worklog::calendar::grid_range(year, month).or_api(lang)?;
        let by_day = self.store().entries_by_day(start, end).or_api(lang)?;
        let lines = |d: NaiveDate| -> Vec<String> {
            by_day
                .iter()
                .find(|de| de.date == d)
                .map(|de| {
                    newest_first(de.entries.clone())
                        .iter()
                        .take(CELL_LINES)
                        .map(|e| first_line(&e.text))
                        .collect()
                })
                .unwrap_or_default()
        };
        let weeks = grid
            .weeks
            .iter()
            .map(|w| {
                w.iter()
                    .map(|c| CalendarCell {
                        date: iso(c.date),
                        day: c.date.day(),
                        in_month: c.in_month,
                        today: c.today,
                        count: c.count,
                        first_lines: lines(c.date),
                        label: format!(
                            "{}{}{}",
                            day_label(c.date, lang),
                            lang.pick("，", "，", ", "),
                            count_label(c.count as usize, lang)
                        ),
                    })
                    .collect()
            })
            .collect();
        let summary = match lang {
            Lang::ZhHans => format!(
                "本月 {} 条记录，分布在 {} 天",
                grid.total, grid.days_with_entries
            ),
            Lang::ZhHant => format!(
                "本月 {} 條記錄，分佈在 {} 天",
                grid.total, grid.days_with_entries
            ),
            Lang::En => format!(
                "{} this month, on {} days",
                count_label(grid.total as usize, lang),
                grid.days_with_entries
            ),
        };
        let monday = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let weekdays = (0..7)
            .filter_map(|i| monday.checked_add_days(Days::new(i)))
            .map(|d| weekday_name(d.weekday(), lang).to_string())
            .collect();
        Ok(MonthView {
            year: grid.year,
            month: grid.month,
            label: month_label(grid.year, grid.month, lang),
            weekdays,
            weeks,
            summary,
        })
    }

    pub fn log_week(&self, date: Option<String>) -> ApiResult<WeekView> {
        let lang = self.lang();
        let date = self.optional_day(date, lang)?;
        let start = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
        let end = start + Days::new(6);
        let by_day = self.store().entries_by_day(start, end).or_api(lang)?;
        let days = start
            .iter_days()
            .take(7)
            .map(|d| DayView {
                date: iso(d),
                label: day_label(d, lang),
                today: d == self.today(),
                entries: by_day
                    .iter()
                    .find(|de| de.date == d)
                    .map(|de| {
                        newest_first(de.entries.clone())
                            .into_iter()
                            .map(entry_view)
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect();
        let week = start.iso_week();
        let label = match lang {
            Lang::En => format!(
                "Week {} of {} ({} – {})",
                week.week(),
                week.year(),
                day_label(start, lang),
                day_label(end, lang)
            ),
            _ => format!(
                "{}年第{}{}（{}月{}日—{}月{}日）",
                week.year(),
                week.week(),
                lang.pick("周", "週", ""),
                start.month(),
                start.day(),
                end.month(),
                end.day()
            ),
        };
        Ok(WeekView {
            start: iso(start),
            end: iso(end),
            label,
            days,
        })
    }

    pub fn log_search(&self, query: String) -> ApiResult<Vec<LogHit>> {
        let lang = self.lang();
        let q = EntryQuery::parse(&query);
        let hits = self.store().search_entries(&q).or_api(lang)?;
        Ok(hits
            .into_iter()
            .map(|h| {
                let highlights = h
                    .highlights
                    .iter()
                    .map(|[s, e]| chars_to_utf16(&h.snippet, *s, *e).map(u32_of))
                    .collect();
                LogHit {
                    day_label: day_label(h.entry.date, lang),
                    entry: entry_view(h.entry),
                    snippet: h.snippet,
                    highlights,
                }
            })
            .collect())
    }

    pub fn log_labels(&self, kind: LabelKind, prefix: String) -> ApiResult<Vec<LabelUse>> {
        let lang = self.lang();
        let uses = self
            .store()
            .entry_labels(kind.into(), &prefix, LABEL_LIMIT)
            .or_api(lang)?;
        Ok(uses
            .into_iter()
            .map(|u| LabelUse {
                kind,
                name: u.name,
                count: u.count,
            })
            .collect())
    }

    pub fn log_recognise(&self, text: String) -> ApiResult<Recognised> {
        Ok(recognised_of(&text, recognise(&text)))
    }

    pub fn log_paste_preview(&self, text: String) -> ApiResult<ImportPreview> {
        let lang = self.lang();
        let mut p = wimport::preview_paste(&text, self.today(), lang).or_api(lang)?;
        self.store().mark_import_status(&mut p).or_api(lang)?;
        Ok(preview_view(p, lang))
    }

    pub fn log_import(&self, rows: Vec<ImportRow>, from_file: bool) -> ApiResult<ImportResult> {
        let lang = self.lang();
        // The batch is named after the file the user picked, never a path from the page.
        let (kind, source) = match self.log_source().filter(|_| from_file) {
            Some((path, kind)) => (kind, path.display().to_string()),
            None => (SourceKind::Paste, "paste".to_string()),
        };
        let mut items = Vec::with_capacity(rows.len());
        for r in rows {
            let date = match r.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(d) => Some(parse_date(d, lang)?),
                None => None,
            };
            items.push(ImportItem {
                date,
                text: r.text,
                origin: Origin {
                    file: r.origin,
                    ..Origin::default()
                },
                lead: None,
                problem: None,
                status: ItemStatus::New,
            });
        }
        let preview = wimport::ImportPreview {
            kind,
            source,
            items,
            skipped: Vec::new(),
            notes: Vec::new(),
        };
        // Every row must have its date before anything is stored: no half import.
        let entries = preview.to_entries(None, lang).or_api(lang)?;
        let out = self
            .store()
            .import_entries(preview.kind, &preview.source, &entries)
            .or_api(lang)?;
        Ok(ImportResult {
            batch_id: out.batch_id,
            added: out.added,
            restored: out.restored,
            skipped: out.skipped,
            message: import_message(out.added, out.skipped, out.restored, lang),
        })
    }

    /// Asks for a file (or a folder of daily notes) with the native dialog and previews it; null
    /// when cancelled. A CSV or XLSX comes with its columns and the engine's guess of them.
    pub fn log_import_file_preview(&self, folder: bool) -> ApiResult<Option<FilePreview>> {
        let lang = self.lang();
        let picked = if folder {
            self.host().pick_folder(None)
        } else {
            let filter = FileFilter {
                label: lang
                    .pick(
                        "记录（文本、CSV、Excel）",
                        "記錄（文字、CSV、Excel）",
                        "Notes (text, CSV, Excel)",
                    )
                    .to_string(),
                extensions: ["txt", "md", "markdown", "csv", "tsv", "xlsx", "xlsm"]
                    .map(String::from)
                    .to_vec(),
            };
            self.host().pick_open_path(None, &filter)
        };
        let Some(path) = picked else {
            return Ok(None);
        };
        let today = self.today();
        let mut p = wimport::preview_path(&path, today, lang).or_api(lang)?;
        self.set_log_source(path.clone(), p.kind);
        let table = if matches!(p.kind, SourceKind::Csv | SourceKind::Xlsx) {
            let t = wimport::table_preview(&path, None, today, lang).or_api(lang)?;
            Some(table_view(t, None))
        } else {
            None
        };
        self.store().mark_import_status(&mut p).or_api(lang)?;
        Ok(Some(FilePreview {
            preview: preview_view(p, lang),
            table,
        }))
    }

    /// The picked CSV or XLSX previewed again with the columns the user chose.
    pub fn log_import_table(&self, choice: TableChoice) -> ApiResult<FilePreview> {
        let lang = self.lang();
        let (path, _) = self
            .log_source()
            .ok_or_else(|| Error::invalid("file", "-"))
            .or_api(lang)?;
        let today = self.today();
        let core_choice = wimport::TableChoice {
            sheet: choice.sheet.clone(),
            header: choice.header,
            date_column: choice.date_column as usize,
            text_columns: choice.text_columns.iter().map(|c| *c as usize).collect(),
        };
        let t = wimport::table_preview(&path, choice.sheet.as_deref(), today, lang).or_api(lang)?;
        let mut p = wimport::preview_table(&path, &core_choice, today, lang).or_api(lang)?;
        self.store().mark_import_status(&mut p).or_api(lang)?;
        Ok(FilePreview {
            preview: preview_view(p, lang),
            table: Some(table_view(t, Some(choice))),
        })
    }

    /// Returns how many entries went back to the trash.
    pub fn log_import_undo(&self, batch: i64) -> ApiResult<u32> {
        let lang = self.lang();
        self.store().undo_import(batch).map(u32_of).or_api(lang)
    }

    pub fn draft_create(
        &self,
        template_id: String,
        period: String,
        lang: Option<LangDto>,
    ) -> ApiResult<DocInfo> {
        let app_lang = self.lang();
        let template = self.template(&template_id)?;
        let period = Period::parse(period.trim()).or_api(app_lang)?;
        let req = DraftRequest {
            template,
            period,
            lang: lang.map_or(app_lang, Into::into),
            meta: Metadata::default(),
        };
        let draft = self.store().draft(&req).or_api(app_lang)?;
        self.store()
            .add(&to_markdown(&draft))
            .map(|d| DocInfo::of(d, app_lang))
            .or_api(app_lang)
    }

    pub fn sources_of(&self, url: String) -> ApiResult<Vec<SourceView>> {
        let lang = self.lang();
        Ok(parse_url(&url)
            .into_iter()
            .map(|r| match r {
                SourceRef::Entry { id } => match self.store().entry(id) {
                    Ok(e) => SourceView::Entry {
                        id,
                        date: iso(e.date),
                        day_label: day_label(e.date, lang),
                        deleted: e.deleted_at.is_some(),
                        text: e.text,
                    },
                    Err(_) => SourceView::Missing {
                        what: format!("{} #{id}", lang.pick("记录", "記錄", "Entry")),
                    },
                },
                SourceRef::Document { id } => match self.store().get(id) {
                    Ok(d) => SourceView::Document {
                        id,
                        title: d.info.title,
                        period: d.info.period.map(|p| p.label(lang)),
                    },
                    Err(_) => SourceView::Missing {
                        what: format!("{} #{id}", lang.pick("文档", "文件", "Document")),
                    },
                },
            })
            .collect())
    }
}
