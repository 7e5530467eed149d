//! `recap log …` (the work log) and `recap draft …` (a period's summary from it): argument
//! grammar and printing; every rule is in recap_core::worklog.

use crate::out;
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use recap_core::store::Store;
use recap_core::worklog::draft::{self, DraftRequest};
use recap_core::worklog::entry::LabelKind;
use recap_core::worklog::import::{self, ImportPreview, ItemStatus, TableChoice};
use recap_core::worklog::{Entry, EntryEdit, EntryQuery, NewEntry};
use recap_core::{Error, Lang, Metadata, Period, Result, fsio};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum LogCmd {
    /// Note what was done, dated today (or --date). #标签 and @项目 are recognised.
    Add {
        text: String,
        /// The day of the work (YYYY-MM-DD), to back-fill.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Entries by day: a date range, tags, projects and text, all combined.
    List(ListArgs),
    /// Change an entry's text or date; the old version is kept in its history.
    Edit {
        id: i64,
        text: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// Move an entry to the trash.
    Delete { id: i64 },
    /// Take an entry out of the trash.
    Restore { id: i64 },
    /// An entry's versions, the current one first.
    History {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Tags in use, the most used first (optionally those starting with PREFIX).
    Tags {
        prefix: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Projects in use, the most used first.
    Projects {
        prefix: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A month as the calendar shows it (YYYY-MM), with each day's count.
    Month {
        month: String,
        #[arg(long)]
        json: bool,
    },
    /// Bring notes in: a text file of date-led lines, a CSV or XLSX, or a folder of daily
    /// notes named by date. Prints what it stores; the same source twice adds nothing.
    Import(ImportArgs),
    /// The imports, newest first.
    Imports {
        #[arg(long)]
        json: bool,
    },
    /// Undo an import as a whole (its entries go to the trash).
    Undo { batch: i64 },
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub tag: Vec<String>,
    #[arg(long)]
    pub project: Vec<String>,
    /// Text to find (Chinese pairs too); `#tag` and `@project` words filter as the options do.
    #[arg(long)]
    pub search: Option<String>,
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    pub path: PathBuf,
    /// Show what would be stored, store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The date for entries that carry none.
    #[arg(long)]
    pub date: Option<String>,
    /// CSV/XLSX: the date column (1-based number or its name).
    #[arg(long)]
    pub date_column: Option<String>,
    /// CSV/XLSX: a text column (1-based number or its name); repeat for several.
    #[arg(long)]
    pub text_column: Vec<String>,
    /// XLSX: the sheet (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// The date taken as today (for 昨天, 周一 and years left out; default: today).
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DraftArgs {
    /// The template id (`recap templates list`).
    #[arg(long)]
    pub template: String,
    /// 2026, 2026-Q4, 2026-11, 2026-W45… (default: the template kind's usual period).
    #[arg(long)]
    pub period: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub position: Option<String>,
    /// Write the Markdown to FILE instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Do not add the draft to the store.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the structured draft (sections, items, sources, review) as JSON.
    #[arg(long)]
    pub json: bool,
    /// The date taken as today (for the default period).
    #[arg(long)]
    pub today: Option<String>,
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("date", format!("'{s}' (YYYY-MM-DD)")))
}

fn today(arg: Option<&str>) -> Result<NaiveDate> {
    match arg {
        Some(s) => parse_date(s),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::ZhHans => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::ZhHant => ["週一", "週二", "週三", "週四", "週五", "週六", "週日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn print_entry(e: &Entry) {
    println!("  #{:<5} {}", e.id, one_line(&e.text));
}

fn print_days(entries: &[Entry], lang: Lang) {
    let mut day: Option<NaiveDate> = None;
    for e in entries {
        if day != Some(e.date) {
            println!("{} {}", e.date, weekday(e.date, lang));
            day = Some(e.date);
        }
        print_entry(e);
    }
}

pub fn log(cmd: LogCmd, lang: Lang, store: &Store) -> Result<()> {
    match cmd {
        LogCmd::Add { text, date, json } => {
            let date = today(date.as_deref())?;
            let e = store.add_entry(&NewEntry { date, text })?;
            if json {
                return out::json(&e);
            }
            println!("#{}  {} {}", e.id, e.date, weekday(e.date, lang));
            let mut labels: Vec<String> = e.tags.iter().map(|t| format!("#{t}")).collect();
            labels.extend(e.projects.iter().map(|p| format!("@{p}")));
            labels.extend(e.figures.iter().map(|f| f.text.clone()));
            if !labels.is_empty() {
                println!("    {}", labels.join("  "));
            }
        }
        LogCmd::List(a) => list(a, lang, store)?,
        LogCmd::Edit { id, text, date } => {
            let edit = EntryEdit {
                date: date.as_deref().map(parse_date).transpose()?,
                text,
            };
            let e = store.update_entry(id, &edit)?;
            println!("#{}  {}  rev {}", e.id, e.date, e.rev);
        }
        LogCmd::Delete { id } => {
            store.delete_entry(id)?;
        }
        LogCmd::Restore { id } => {
            store.restore_entry(id)?;
        }
        LogCmd::History { id, json } => {
            let h = store.entry_history(id)?;
            if json {
                return out::json(&h);
            }
            for v in h {
                println!(
                    "{:>3}  {}  {}  {}",
                    v.rev,
                    v.saved_at,
                    v.date,
                    one_line(&v.text)
                );
            }
        }
        LogCmd::Tags { prefix, json } => labels(store, LabelKind::Tag, prefix, json)?,
        LogCmd::Projects { prefix, json } => labels(store, LabelKind::Project, prefix, json)?,
        LogCmd::Month { month, json } => {
            let bad = || Error::invalid("month", format!("'{month}' (YYYY-MM)"));
            let (y, m) = month.split_once('-').ok_or_else(bad)?;
            let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            let grid = store.entry_calendar(y, m, today(None)?)?;
            if json {
                return out::json(&grid);
            }
            // A day with notes shows its count after a dot: " 2·5" is the 2nd, five notes.
            let labels = match lang {
                Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
                _ => ["一", "二", "三", "四", "五", "六", "日"],
            };
            let head: Vec<String> = labels
                .iter()
                .map(|l| out::pad(&format!(" {l}"), 6))
                .collect();
            println!("{y}-{m:02}\n{}", head.join(" ").trim_end());
            for w in &grid.weeks {
                let cells: Vec<String> = w
                    .iter()
                    .map(|d| match (d.in_month, d.count) {
                        (false, _) => "      ".to_string(),
                        (true, 0) => format!("{:>3}   ", d.date.day()),
                        (true, n) => format!("{:>3}·{:<2}", d.date.day(), n),
                    })
                    .collect();
                println!("{}", cells.join(" ").trim_end());
            }
            println!(
                "{}",
                match lang {
                    Lang::ZhHans => format!(
                        "本月 {} 条记录，{} 天有记录。",
                        grid.total, grid.days_with_entries
                    ),
                    Lang::ZhHant => format!(
                        "本月 {} 條記錄，{} 天有記錄。",
                        grid.total, grid.days_with_entries
                    ),
                    Lang::En => format!(
                        "{} entries on {} days this month.",
                        grid.total, grid.days_with_entries
                    ),
                }
            );
        }
        LogCmd::Import(a) => import_cmd(a, lang, store)?,
        LogCmd::Imports { json } => {
            let b = store.import_batches()?;
            if json {
                return out::json(&b);
            }
            for x in b {
                println!(
                    "{:>4}  {}  {:<6}  +{} ={} ↺{}{}  {}",
                    x.id,
                    x.created_at,
                    x.kind.id(),
                    x.added,
                    x.skipped,
                    x.restored,
                    if x.undone_at.is_some() {
                        lang.pick("  已撤销", "  已撤銷", "  undone")
                    } else {
                        ""
                    },
                    x.source
                );
            }
        }
        LogCmd::Undo { batch } => {
            let n = store.undo_import(batch)?;
            println!(
                "{}",
                match lang {
                    Lang::ZhHans => format!("已撤销导入 #{batch}：{n} 条记录移入回收站。"),
                    Lang::ZhHant => format!("已撤銷匯入 #{batch}：{n} 條記錄移入資源回收筒。"),
                    Lang::En => format!("Import #{batch} undone: {n} entries moved to the trash."),
                }
            );
        }
    }
    Ok(())
}

fn labels(store: &Store, kind: LabelKind, prefix: Option<String>, json: bool) -> Result<()> {
    let uses = store.entry_labels(kind, prefix.as_deref().unwrap_or(""), 100)?;
    if json {
        return out::json(&uses);
    }
    for u in uses {
        println!("{:>5}  {}{}  {}", u.count, kind.sign(), u.name, u.last_date);
    }
    Ok(())
}

fn list(a: ListArgs, lang: Lang, store: &Store) -> Result<()> {
    let from = a.from.as_deref().map(parse_date).transpose()?;
    let to = a.to.as_deref().map(parse_date).transpose()?;
    let mut q = EntryQuery::parse(a.search.as_deref().unwrap_or(""));
    q.tags.extend(a.tag);
    q.projects.extend(a.project);
    q.from = from;
    q.to = to;
    q.limit = a.limit;
    let filtered = !q.text.is_empty() || !q.tags.is_empty() || !q.projects.is_empty();
    let mut entries: Vec<Entry> = if filtered {
        store
            .search_entries(&q)?
            .into_iter()
            .map(|h| h.entry)
            .collect()
    } else {
        // Without a filter: the dates given, else the last seven days.
        let to = to.unwrap_or(today(None)?);
        let from = from.unwrap_or_else(|| to - chrono::Duration::days(6));
        store.entries_between(from, to)?
    };
    entries.sort_by_key(|e| (e.date, e.id));
    if a.json {
        return out::json(&entries);
    }
    print_days(&entries, lang);
    Ok(())
}

/// A column given as a 1-based number or a header name.
fn column(arg: &str, names: &[String]) -> Result<usize> {
    if let Ok(n) = arg.trim().parse::<usize>() {
        if n >= 1 {
            return Ok(n - 1);
        }
    }
    names
        .iter()
        .position(|n| n.trim() == arg.trim())
        .ok_or_else(|| Error::invalid("column", format!("'{arg}' ({})", names.join(", "))))
}

fn import_cmd(a: ImportArgs, lang: Lang, store: &Store) -> Result<()> {
    let today = today(a.today.as_deref())?;
    let fallback = a.date.as_deref().map(parse_date).transpose()?;
    let table = matches!(
        a.path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref(),
        Some("csv" | "tsv" | "xlsx" | "xlsm")
    );
    let mut preview: ImportPreview =
        if table && (a.date_column.is_some() || !a.text_column.is_empty() || a.sheet.is_some()) {
            let t = import::table_preview(&a.path, a.sheet.as_deref(), today, lang)?;
            let names: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
            let choice = TableChoice {
                sheet: t.sheet.clone(),
                header: t.guess.header,
                date_column: match &a.date_column {
                    Some(c) => column(c, &names)?,
                    None => t.guess.date_column,
                },
                text_columns: if a.text_column.is_empty() {
                    t.guess.text_columns.clone()
                } else {
                    a.text_column
                        .iter()
                        .map(|c| column(c, &names))
                        .collect::<Result<_>>()?
                },
            };
            import::preview_table(&a.path, &choice, today, lang)?
        } else {
            import::preview_path(&a.path, today, lang)?
        };
    store.mark_import_status(&mut preview)?;
    for n in &preview.notes {
        eprintln!("{n}");
    }
    for s in &preview.skipped {
        eprintln!("{}", s.message(lang));
    }
    let entries = preview.to_entries(fallback, lang)?;
    if a.json && a.dry_run {
        return out::json(&preview);
    }
    for (i, e) in preview.items.iter().zip(&entries) {
        let mark = match i.status {
            ItemStatus::New => "+",
            ItemStatus::Duplicate { .. } => "=",
            ItemStatus::InTrash { .. } => "↺",
        };
        println!("{mark} {}  {}", e.date, one_line(&e.text));
    }
    let c = preview.counts();
    if a.dry_run {
        println!(
            "{}",
            match lang {
                Lang::ZhHans => format!(
                    "试运行：将新增 {} 条，已有 {} 条，从回收站恢复 {} 条；什么都没有保存。",
                    c.new, c.duplicates, c.in_trash
                ),
                Lang::ZhHant => format!(
                    "試執行：將新增 {} 條，已有 {} 條，從資源回收筒還原 {} 條；什麼都沒有儲存。",
                    c.new, c.duplicates, c.in_trash
                ),
                Lang::En => format!(
                    "Dry run: would add {}, {} already in the log, {} back from the trash; nothing was stored.",
                    c.new, c.duplicates, c.in_trash
                ),
            }
        );
        return Ok(());
    }
    let outcome = store.import_entries(preview.kind, &preview.source, &entries)?;
    if a.json {
        return out::json(&outcome);
    }
    let batch = outcome.batch_id.map_or(String::new(), |b| match lang {
        Lang::ZhHans => format!("导入 #{b}（撤销：recap log undo {b}）"),
        Lang::ZhHant => format!("匯入 #{b}（撤銷：recap log undo {b}）"),
        Lang::En => format!("Import #{b} (undo: recap log undo {b})"),
    });
    println!(
        "{}",
        match lang {
            Lang::ZhHans => format!(
                "新增 {} 条，已有 {} 条跳过，从回收站恢复 {} 条。{batch}",
                outcome.added, outcome.skipped, outcome.restored
            ),
            Lang::ZhHant => format!(
                "新增 {} 條，已有 {} 條略過，從資源回收筒還原 {} 條。{batch}",
                outcome.added, outcome.skipped, outcome.restored
            ),
            Lang::En => format!(
                "Added {}, skipped {} already in the log, restored {} from the trash. {batch}",
                outcome.added, outcome.skipped, outcome.restored
            ),
        }
    );
    Ok(())
}

pub fn draft_cmd(a: DraftArgs, lang: Lang, store: &Store) -> Result<()> {
    let t = store.template(&a.template)?;
    let period = match a.period.as_deref() {
        Some(p) => Period::parse(p)?,
        None => Period::default_for(t.kind, today(a.today.as_deref())?),
    };
    let req = DraftRequest {
        template: t,
        period,
        lang,
        meta: Metadata {
            title: a.title,
            author: a.author,
            department: a.department,
            position: a.position,
            ..Metadata::default()
        },
    };
    let d = store.draft(&req)?;
    let markdown = draft::to_markdown(&d);
    if !a.dry_run {
        eprintln!("{}", store.add(&markdown)?.id);
    }
    if a.json {
        return out::json(&d);
    }
    match a.output {
        Some(path) => fsio::write_atomic(&path, markdown.as_bytes()),
        None => {
            print!("{markdown}");
            Ok(())
        }
    }
}
