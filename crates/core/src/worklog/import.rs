//! Bringing notes in: a paste of many days, a text file of date-led lines, a folder of daily
//! notes named by date (as Obsidian and Logseq keep them), a CSV or an XLSX export of daily or
//! weekly logs.
//!
//! Every source first becomes an [`ImportPreview`] — the entries it would add, each with its
//! date (or the reason it has none), where it came from, and whether the log holds it already
//! (`Store::mark_import_status`) — for the confirm view. Nothing is stored until the caller
//! passes the confirmed entries to `Store::import_entries`, which stores them in one
//! transaction as one batch (undone as a whole by `Store::undo_import`). Every entry has a
//! stable key ([`source_keys`]), so importing the same source again adds nothing.

use super::NewEntry;
use super::dates::{PasteProblem, date_from_cell, date_from_file_name, split_lines};
use crate::error::{Error, Result};
use crate::lang::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A paste longer than this is refused (a year of heavy notes is about 1 MB).
pub const MAX_PASTE_BYTES: usize = 4 * 1024 * 1024;
/// One daily note.
pub const MAX_NOTE_BYTES: u64 = 4 * 1024 * 1024;
/// Files looked at in a folder, notes or not.
pub const MAX_FOLDER_FILES: usize = 20_000;
/// All notes of a folder together.
pub const MAX_FOLDER_BYTES: u64 = 64 * 1024 * 1024;
/// A CSV or XLSX file.
pub const MAX_TABLE_BYTES: u64 = 20 * 1024 * 1024;
/// Rows read from a table.
pub const MAX_TABLE_ROWS: usize = 200_000;
/// An XLSX package unpacked (its cells are XML, ten times the packed size is usual).
pub const MAX_XLSX_UNPACKED: u64 = 200 * 1024 * 1024;
/// Rows a table preview shows.
pub const PREVIEW_ROWS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Paste,
    Text,
    Folder,
    Csv,
    Xlsx,
}

impl SourceKind {
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::Paste => "paste",
            SourceKind::Text => "text",
            SourceKind::Folder => "folder",
            SourceKind::Csv => "csv",
            SourceKind::Xlsx => "xlsx",
        }
    }

    pub fn from_id(id: &str) -> Option<SourceKind> {
        [
            SourceKind::Paste,
            SourceKind::Text,
            SourceKind::Folder,
            SourceKind::Csv,
            SourceKind::Xlsx,
        ]
        .into_iter()
        .find(|k| k.id() == id)
    }
}

/// Where an item came from: a line of a paste or file, a file of a folder, a row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    /// For a folder: the note's path inside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based row of the table (as the spreadsheet numbers it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
}

impl Origin {
    /// "2026-11-02.md 第 3 行", "第 5 行", "line 5".
    pub fn label(&self, lang: Lang) -> String {
        let n = self.line.or(self.row);
        let at = n.map(|n| match lang {
            Lang::En => format!("line {n}"),
            _ => format!("第 {n} 行"),
        });
        match (&self.file, at) {
            (Some(f), Some(a)) => format!("{f} {a}"),
            (Some(f), None) => f.clone(),
            (None, Some(a)) => a,
            (None, None) => String::new(),
        }
    }
}

/// Whether the log holds an item already.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ItemStatus {
    /// Will be added.
    #[default]
    New,
    /// Imported before and still in the log: skipped.
    Duplicate { entry_id: i64 },
    /// Imported before, since deleted: taken back out of the trash.
    InTrash { entry_id: i64 },
}

/// One entry an import would add, for the confirm view (date editable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportItem {
    pub date: Option<NaiveDate>,
    pub text: String,
    pub origin: Origin,
    /// The date as written in the source, if it was written.
    pub lead: Option<String>,
    pub problem: Option<PasteProblem>,
    pub status: ItemStatus,
}

/// Why a part of the source is not an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SkipReason {
    /// A note in a folder whose name is not a date.
    NotNamedByDate,
    /// A Markdown heading line (not a date).
    Heading,
    /// A table row with a date but no text.
    NoText,
    /// A file that could not be read as text.
    Unreadable { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub origin: Origin,
    /// The line or cell concerned (shortened).
    pub text: String,
    pub reason: SkipReason,
}

impl Skipped {
    pub fn message(&self, lang: Lang) -> String {
        let what = match &self.reason {
            SkipReason::NotNamedByDate => lang
                .pick(
                    "文件名不是日期，未导入",
                    "檔名不是日期，未匯入",
                    "the file name is not a date; not imported",
                )
                .to_string(),
            SkipReason::Heading => lang
                .pick(
                    "是标题，未作为记录导入",
                    "是標題，未作為記錄匯入",
                    "a heading; not imported as an entry",
                )
                .to_string(),
            SkipReason::NoText => lang
                .pick(
                    "只有日期没有内容，未导入",
                    "只有日期沒有內容，未匯入",
                    "a date with no text; not imported",
                )
                .to_string(),
            SkipReason::Unreadable { reason } => format!(
                "{}{reason}",
                lang.pick("无法读取：", "無法讀取：", "cannot be read: ")
            ),
        };
        let at = self.origin.label(lang);
        if self.text.is_empty() {
            format!("{at}：{what}")
        } else {
            format!("{at}「{}」：{what}", self.text)
        }
    }
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub kind: SourceKind,
    /// The file or folder as given, or "paste".
    pub source: String,
    pub items: Vec<ImportItem>,
    pub skipped: Vec<Skipped>,
    /// Sentences for the user about the whole source (an encoding guessed, columns chosen).
    pub notes: Vec<String>,
}

/// Counts of a preview, for its summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PreviewCounts {
    pub new: usize,
    pub duplicates: usize,
    pub in_trash: usize,
    pub undated: usize,
    pub skipped: usize,
}

impl ImportPreview {
    pub fn counts(&self) -> PreviewCounts {
        let mut c = PreviewCounts {
            skipped: self.skipped.len(),
            ..PreviewCounts::default()
        };
        for i in &self.items {
            match i.status {
                ItemStatus::New => c.new += 1,
                ItemStatus::Duplicate { .. } => c.duplicates += 1,
                ItemStatus::InTrash { .. } => c.in_trash += 1,
            }
            if i.date.is_none() {
                c.undated += 1;
            }
        }
        c
    }

    /// The entries to store: every item, an undated one taking `fallback`. Fails, naming the
    /// items, when some still have no date: nothing is stored half.
    pub fn to_entries(&self, fallback: Option<NaiveDate>, lang: Lang) -> Result<Vec<NewEntry>> {
        let undated: Vec<&ImportItem> = self
            .items
            .iter()
            .filter(|i| i.date.is_none() && fallback.is_none())
            .collect();
        if !undated.is_empty() {
            let places: Vec<String> = undated
                .iter()
                .take(5)
                .map(|i| i.origin.label(lang))
                .collect();
            let more = if undated.len() > 5 {
                lang.pick(" 等", " 等", " and more")
            } else {
                ""
            };
            let n = undated.len();
            let reason = match lang {
                Lang::ZhHans => format!(
                    "{n} 条记录没有日期（{}{more}），一条也没有导入。请先为它们选定日期。",
                    places.join("、")
                ),
                Lang::ZhHant => format!(
                    "{n} 條記錄沒有日期（{}{more}），一條也沒有匯入。請先為它們選定日期。",
                    places.join("、")
                ),
                Lang::En => format!(
                    "{n} entries have no date ({}{more}); nothing was imported. Give them a date first.",
                    places.join(", ")
                ),
            };
            return Err(Error::Import { reason });
        }
        Ok(self
            .items
            .iter()
            .filter_map(|i| {
                Some(NewEntry {
                    date: i.date.or(fallback)?,
                    text: i.text.clone(),
                })
            })
            .collect())
    }
}

/// One import, for the list of imports and its undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportBatch {
    pub id: i64,
    pub kind: SourceKind,
    pub source: String,
    pub created_at: String,
    pub added: u32,
    pub restored: u32,
    pub skipped: u32,
    pub undone_at: Option<String>,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// `None` when nothing was new: no batch is recorded for an import that changed nothing.
    pub batch_id: Option<i64>,
    pub added: u32,
    /// Imported before, deleted since, and taken back out of the trash.
    pub restored: u32,
    /// Already in the log.
    pub skipped: u32,
}

/// The stable key of each entry of one source: a hash of its date, its text (whitespace runs
/// folded) and its rank among equal (date, text) pairs before it, so that two identical notes
/// of one day stay two, and a second import of the same source finds every key taken.
pub fn source_keys(entries: &[NewEntry]) -> Vec<String> {
    let mut seen: HashMap<(NaiveDate, String), u32> = HashMap::new();
    entries
        .iter()
        .map(|e| {
            let text = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let rank = seen.entry((e.date, text.clone())).or_insert(0);
            let mut h = Sha256::new();
            h.update(b"recap-entry-v1\0");
            h.update(e.date.to_string().as_bytes());
            h.update(b"\0");
            h.update(text.as_bytes());
            h.update(b"\0");
            h.update(rank.to_le_bytes());
            *rank += 1;
            h.finalize()
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect()
        })
        .collect()
}

fn import_error(lang: Lang, hans: String, hant: String, en: String) -> Error {
    Error::Import {
        reason: match lang {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        },
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
}

fn shorten(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}

/// Text bytes -> text: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (GBK and GB2312
/// included: what Chinese Windows and Excel save). Returns the text and the encoding's name
/// when it was not UTF-8.
pub fn decode_text(bytes: &[u8], name: &str, lang: Lang) -> Result<(String, Option<&'static str>)> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if !had_errors {
            let label = (enc != encoding_rs::UTF_8).then(|| enc.name());
            return Ok((text.into_owned(), label));
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), None));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if !text.contains('\0') => Ok((text.into_owned(), Some("GBK"))),
        _ => Err(import_error(
            lang,
            format!("「{name}」不是文本文件（不是 UTF-8、UTF-16 或 GBK 编码），什么都没有导入。"),
            format!("「{name}」不是文字檔（不是 UTF-8、UTF-16 或 GBK 編碼），什麼都沒有匯入。"),
            format!(
                "“{name}” is not a text file (not UTF-8, UTF-16 or GBK); nothing was imported."
            ),
        )),
    }
}

fn decoded_note(enc: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhHans => format!("文件不是 UTF-8 编码，已按 {enc} 读取。"),
        Lang::ZhHant => format!("檔案不是 UTF-8 編碼，已按 {enc} 讀取。"),
        Lang::En => format!("The file is not UTF-8; it was read as {enc}."),
    }
}

/// The items of a text (a paste, a text file, one daily note).
fn items_of_text(
    text: &str,
    today: NaiveDate,
    default: Option<NaiveDate>,
    file: Option<&str>,
    first_line: usize,
    skipped: &mut Vec<Skipped>,
) -> Vec<ImportItem> {
    let (entries, headings) = split_lines(text, today, default);
    for (line, h) in headings {
        skipped.push(Skipped {
            origin: Origin {
                file: file.map(String::from),
                line: Some(line + first_line - 1),
                row: None,
            },
            text: shorten(&h, 40),
            reason: SkipReason::Heading,
        });
    }
    entries
        .into_iter()
        .map(|e| ImportItem {
            date: e.date,
            text: e.text,
            origin: Origin {
                file: file.map(String::from),
                line: Some(e.line + first_line - 1),
                row: None,
            },
            lead: e.lead,
            problem: e.problem,
            status: ItemStatus::New,
        })
        .collect()
}

/// A paste of many days (see [`super::dates`]).
pub fn preview_paste(text: &str, today: NaiveDate, lang: Lang) -> Result<ImportPreview> {
    if text.len() > MAX_PASTE_BYTES {
        let (size, limit) = (mb(text.len() as u64), mb(MAX_PASTE_BYTES as u64));
        return Err(import_error(
            lang,
            format!(
                "粘贴的文字有 {size}，超过了 {limit} 的上限，什么都没有保存。请分几次粘贴，或存成文件按文件夹导入。"
            ),
            format!(
                "貼上的文字有 {size}，超過了 {limit} 的上限，什麼都沒有儲存。請分幾次貼上，或存成檔案按資料夾匯入。"
            ),
            format!(
                "The pasted text is {size}, over the {limit} limit; nothing was saved. Paste it in parts, or save it as files and import the folder."
            ),
        ));
    }
    let mut skipped = Vec::new();
    let items = items_of_text(text, today, None, None, 1, &mut skipped);
    Ok(ImportPreview {
        kind: SourceKind::Paste,
        source: "paste".into(),
        items,
        skipped,
        notes: Vec::new(),
    })
}

/// The text after a front matter block, and the 1-based line it starts on.
fn after_front_matter(text: &str) -> (&str, usize) {
    let Some(after) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (text, 1);
    };
    let mut offset = 0;
    for (n, line) in after.split_inclusive('\n').enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            return (&after[offset + line.len()..], n + 3);
        }
        offset += line.len();
    }
    (text, 1)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_note_extension(ext: &str) -> bool {
    matches!(ext, "md" | "markdown" | "txt" | "text")
}

/// A file or a folder: a folder of daily notes, a CSV or XLSX (with the columns guessed, see
/// [`table_preview`]), or a text file of date-led lines. A daily note named by its date gives
/// its date to the lines that carry none.
pub fn preview_path(path: &Path, today: NaiveDate, lang: Lang) -> Result<ImportPreview> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("open", path, e))?;
    if meta.is_dir() {
        return preview_folder(path, today, lang);
    }
    match extension(path).as_str() {
        "csv" | "tsv" | "xlsx" | "xlsm" => {
            let t = table_preview(path, None, today, lang)?;
            preview_table(path, &t.guess, today, lang)
        }
        "xls" | "et" | "numbers" | "ods" => Err(import_error(
            lang,
            format!(
                "无法导入「{}」：只支持 .xlsx 和 .csv 表格。请在 Excel 或 WPS 中另存为 .xlsx。",
                file_name(path)
            ),
            format!(
                "無法匯入「{}」：只支援 .xlsx 和 .csv 表格。請在 Excel 或 WPS 中另存為 .xlsx。",
                file_name(path)
            ),
            format!(
                "Cannot import “{}”: only .xlsx and .csv tables are read. Save it as .xlsx first.",
                file_name(path)
            ),
        )),
        _ => preview_text_file(path, today, lang),
    }
}

fn preview_text_file(path: &Path, today: NaiveDate, lang: Lang) -> Result<ImportPreview> {
    let bytes = crate::fsio::read_bytes(path, crate::fsio::MAX_TEXT_BYTES)?;
    let name = file_name(path);
    let (text, enc) = decode_text(&bytes, &name, lang)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let default = stem.as_deref().and_then(date_from_file_name);
    let (body, first) = after_front_matter(text);
    let mut skipped = Vec::new();
    let items = items_of_text(body, today, default, None, first, &mut skipped);
    Ok(ImportPreview {
        kind: SourceKind::Text,
        source: path.display().to_string(),
        items,
        skipped,
        notes: enc.map(|e| decoded_note(e, lang)).into_iter().collect(),
    })
}

/// Every file under `dir` (hidden folders such as .obsidian, .git and .trash left out), sorted.
fn walk(dir: &Path, lang: Lang) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| Error::io("read", &d, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| Error::io("read", &d, e))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let ft = entry
                .file_type()
                .map_err(|e| Error::io("read", entry.path(), e))?;
            if ft.is_dir() {
                stack.push(entry.path());
            } else if ft.is_file() {
                out.push(entry.path());
                if out.len() > MAX_FOLDER_FILES {
                    let n = MAX_FOLDER_FILES;
                    return Err(import_error(
                        lang,
                        format!(
                            "文件夹里的文件超过 {n} 个，什么都没有导入。请选择只放日记的子文件夹。"
                        ),
                        format!(
                            "資料夾裡的檔案超過 {n} 個，什麼都沒有匯入。請選擇只放日記的子資料夾。"
                        ),
                        format!(
                            "The folder holds more than {n} files; nothing was imported. Choose the subfolder that holds the daily notes."
                        ),
                    ));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

fn preview_folder(dir: &Path, today: NaiveDate, lang: Lang) -> Result<ImportPreview> {
    let files = walk(dir, lang)?;
    let mut notes: Vec<(NaiveDate, PathBuf, String)> = Vec::new();
    let mut skipped = Vec::new();
    let mut total: u64 = 0;
    let mut decoded = false;
    for path in files {
        if !is_note_extension(&extension(&path)) {
            continue;
        }
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let Some(date) = stem.as_deref().and_then(date_from_file_name) else {
            skipped.push(Skipped {
                origin: Origin {
                    file: Some(rel),
                    ..Origin::default()
                },
                text: String::new(),
                reason: SkipReason::NotNamedByDate,
            });
            continue;
        };
        let bytes = match crate::fsio::read_bytes(&path, MAX_NOTE_BYTES) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(Skipped {
                    origin: Origin {
                        file: Some(rel),
                        ..Origin::default()
                    },
                    text: String::new(),
                    reason: SkipReason::Unreadable {
                        reason: e.message(lang),
                    },
                });
                continue;
            }
        };
        total += bytes.len() as u64;
        if total > MAX_FOLDER_BYTES {
            let limit = mb(MAX_FOLDER_BYTES);
            return Err(import_error(
                lang,
                format!("文件夹里的笔记合计超过 {limit}，什么都没有导入。请分几个文件夹导入。"),
                format!("資料夾裡的筆記合計超過 {limit}，什麼都沒有匯入。請分幾個資料夾匯入。"),
                format!(
                    "The notes in the folder add up to more than {limit}; nothing was imported. Import it in parts."
                ),
            ));
        }
        match decode_text(&bytes, &rel, lang) {
            Ok((text, enc)) => {
                decoded |= enc.is_some();
                notes.push((date, path, text));
            }
            Err(e) => skipped.push(Skipped {
                origin: Origin {
                    file: Some(rel),
                    ..Origin::default()
                },
                text: String::new(),
                reason: SkipReason::Unreadable {
                    reason: e.message(lang),
                },
            }),
        }
    }
    notes.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut items = Vec::new();
    for (date, path, text) in &notes {
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (body, first) = after_front_matter(text);
        items.extend(items_of_text(
            body,
            today,
            Some(*date),
            Some(&rel),
            first,
            &mut skipped,
        ));
    }
    let mut out_notes = Vec::new();
    if decoded {
        out_notes.push(decoded_note("GBK", lang));
    }
    Ok(ImportPreview {
        kind: SourceKind::Folder,
        source: dir.display().to_string(),
        items,
        skipped,
        notes: out_notes,
    })
}

// ---------------------------------------------------------------------------------------------
// Tables: CSV and XLSX

/// A cell as read.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Date(NaiveDate),
    Number(f64),
}

impl Cell {
    fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A table as read: its rows (with their 1-based number in the file), and the sheets.
struct Table {
    kind: SourceKind,
    sheets: Vec<String>,
    sheet: Option<String>,
    rows: Vec<(usize, Vec<Cell>)>,
    notes: Vec<String>,
}

/// Which columns hold what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableChoice {
    /// XLSX: the sheet (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Whether the first row holds column names.
    pub header: bool,
    /// 0-based.
    pub date_column: usize,
    /// 0-based; several are joined, each after the first headed by its column name.
    pub text_columns: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub index: usize,
    /// The column's name when the first row is a header, else "A", "B"…
    pub name: String,
    /// How many of the first rows read as a date.
    pub dates: usize,
}

/// The first rows of a table and a guess of its columns, for the column choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePreview {
    pub kind: SourceKind,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub columns: Vec<ColumnInfo>,
    /// The first [`PREVIEW_ROWS`] rows as shown (the header row included when there is one).
    pub rows: Vec<Vec<String>>,
    pub total_rows: usize,
    pub guess: TableChoice,
    pub notes: Vec<String>,
}

fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut best = (b',', 0usize);
    for d in [b',', b'\t', b';', b'|'] {
        let mut quoted = false;
        let n = first
            .bytes()
            .filter(|b| {
                if *b == b'"' {
                    quoted = !quoted;
                }
                !quoted && *b == d
            })
            .count();
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

fn read_csv(path: &Path, lang: Lang) -> Result<Table> {
    let bytes = crate::fsio::read_bytes(path, MAX_TABLE_BYTES)?;
    let name = file_name(path);
    let (text, enc) = decode_text(&bytes, &name, lang)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delimiter = if extension(path) == "tsv" {
        b'\t'
    } else {
        sniff_delimiter(text)
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            import_error(
                lang,
                format!("「{name}」第 {line} 行不是有效的 CSV（{e}），什么都没有导入。"),
                format!("「{name}」第 {line} 行不是有效的 CSV（{e}），什麼都沒有匯入。"),
                format!("“{name}” line {line} is not valid CSV ({e}); nothing was imported."),
            )
        })?;
        if rows.len() >= MAX_TABLE_ROWS {
            break;
        }
        // The row as a spreadsheet numbers it: one per record, whatever line breaks its
        // quoted cells hold.
        rows.push((
            i + 1,
            rec.iter()
                .map(|c| {
                    if c.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.to_string())
                    }
                })
                .collect(),
        ));
    }
    Ok(Table {
        kind: SourceKind::Csv,
        sheets: Vec::new(),
        sheet: None,
        rows,
        notes: enc.map(|e| decoded_note(e, lang)).into_iter().collect(),
    })
}

/// Refuses an XLSX that is not a zip package, holds absurdly many parts, or unpacks to more
/// than [`MAX_XLSX_UNPACKED`] (a zip bomb), before the reader inflates anything.
fn xlsx_guard(bytes: &[u8], name: &str, lang: Lang) -> Result<()> {
    use std::io::Read;
    let unreadable = |why: String| {
        import_error(
            lang,
            format!("无法读取「{name}」（可能已损坏，或不是真正的 .xlsx）：{why}"),
            format!("無法讀取「{name}」（可能已損毀，或不是真正的 .xlsx）：{why}"),
            format!("“{name}” cannot be read (it may be damaged, or not a real .xlsx): {why}"),
        )
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    if zip.len() > 10_000 {
        return Err(unreadable(format!("{} parts", zip.len())));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| unreadable(e.to_string()))?;
        let budget = MAX_XLSX_UNPACKED.saturating_sub(total);
        total += std::io::copy(&mut (&mut part).take(budget + 1), &mut std::io::sink())
            .map_err(|e| unreadable(e.to_string()))?;
        if total > MAX_XLSX_UNPACKED {
            return Err(Error::TooLarge {
                what: ".xlsx (unpacked)",
                size: total,
                limit: MAX_XLSX_UNPACKED,
            });
        }
    }
    Ok(())
}

fn read_xlsx(path: &Path, sheet: Option<&str>, lang: Lang) -> Result<Table> {
    use calamine::{Data, Reader, Xlsx};
    let bytes = crate::fsio::read_bytes(path, MAX_TABLE_BYTES)?;
    let name = file_name(path);
    xlsx_guard(&bytes, &name, lang)?;
    let fail = |why: String| {
        import_error(
            lang,
            format!("无法读取「{name}」：{why}。什么都没有导入。"),
            format!("無法讀取「{name}」：{why}。什麼都沒有匯入。"),
            format!("“{name}” cannot be read: {why}. Nothing was imported."),
        )
    };
    // A reader panic on a malformed package is an error for the user, not a crash.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e: calamine::XlsxError| e.to_string())?;
        let sheets = wb.sheet_names();
        let chosen = match sheet {
            Some(s) => s.to_string(),
            None => sheets
                .first()
                .cloned()
                .ok_or_else(|| "no sheet".to_string())?,
        };
        let range = wb.worksheet_range(&chosen).map_err(|e| e.to_string())?;
        Ok::<_, String>((sheets, chosen, range))
    }));
    let (sheets, chosen, range) = match read {
        Ok(Ok(x)) => x,
        Ok(Err(why)) => return Err(fail(why)),
        Err(_) => return Err(fail("the reader failed on this file".into())),
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate().take(MAX_TABLE_ROWS) {
        let mut cells = vec![Cell::Empty; first_col];
        cells.extend(r.iter().map(|c| match c {
            Data::Empty | Data::Error(_) => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            Data::Int(n) => Cell::Number(*n as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Text(b.to_string()),
            Data::DateTime(dt) => match dt.as_datetime() {
                Some(t) => Cell::Date(t.date()),
                None => Cell::Number(dt.as_f64()),
            },
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        }));
        rows.push((first_row + i + 1, cells));
    }
    Ok(Table {
        kind: SourceKind::Xlsx,
        sheets,
        sheet: Some(chosen),
        rows,
        notes: Vec::new(),
    })
}

fn read_table(path: &Path, sheet: Option<&str>, lang: Lang) -> Result<Table> {
    match extension(path).as_str() {
        "xlsx" | "xlsm" => read_xlsx(path, sheet, lang),
        _ => read_csv(path, lang),
    }
}

/// A cell's date: a date cell, a date written as text, or an Excel serial number left
/// unformatted. `Err(written)` for a written date that does not exist.
fn cell_date(c: &Cell, today: NaiveDate) -> std::result::Result<Option<NaiveDate>, String> {
    match c {
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Text(t) => date_from_cell(t, today),
        // 20000–80000 is 1954–2119 as an Excel serial day.
        Cell::Number(n) if (20_000.0..80_000.0).contains(n) && n.fract() == 0.0 => {
            Ok(NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|e| e.checked_add_days(chrono::Days::new(*n as u64))))
        }
        _ => Ok(None),
    }
}

/// Words of a column name that say it holds the work done.
const TEXT_COLUMN_WORDS: &[&str] = &[
    "内容",
    "內容",
    "工作",
    "事项",
    "事項",
    "完成",
    "记录",
    "記錄",
    "日志",
    "日誌",
    "总结",
    "總結",
    "计划",
    "計畫",
    "計劃",
    "问题",
    "問題",
    "备注",
    "備註",
    "note",
    "text",
    "content",
    "work",
    "done",
    "summary",
    "task",
    "log",
    "description",
];

fn guess(table: &Table, today: NaiveDate) -> (Vec<ColumnInfo>, TableChoice) {
    let width = table.rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let sample: Vec<&Vec<Cell>> = table.rows.iter().take(200).map(|(_, r)| r).collect();
    let is_date = |c: &Cell| matches!(cell_date(c, today), Ok(Some(_)) | Err(_));
    let header = sample.len() > 1
        && sample[0].iter().all(|c| !is_date(c))
        && sample[1..].iter().any(|r| r.iter().any(is_date));
    let body = if header { &sample[1..] } else { &sample[..] };
    let mut dates = vec![0usize; width];
    let mut lengths = vec![0usize; width];
    for r in body {
        for (i, c) in r.iter().enumerate() {
            if is_date(c) {
                dates[i] += 1;
            } else if let Cell::Text(t) = c {
                lengths[i] += t.trim().chars().count();
            }
        }
    }
    let names: Vec<String> = (0..width)
        .map(|i| match (header, sample.first().and_then(|r| r.get(i))) {
            (true, Some(c)) if !c.is_empty() => c.display(),
            _ => column_letter(i),
        })
        .collect();
    let date_column = (0..width)
        .max_by_key(|&i| (dates[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    let longest = (0..width)
        .filter(|&i| i != date_column)
        .max_by_key(|&i| (lengths[i], std::cmp::Reverse(i)));
    let mut text_columns: Vec<usize> = longest.into_iter().collect();
    if header {
        for i in 0..width {
            let n = names[i].to_lowercase();
            if i != date_column
                && !text_columns.contains(&i)
                && lengths[i] > 0
                && TEXT_COLUMN_WORDS.iter().any(|w| n.contains(w))
            {
                text_columns.push(i);
            }
        }
        text_columns.sort_unstable();
    }
    let columns = (0..width)
        .map(|i| ColumnInfo {
            index: i,
            name: names[i].clone(),
            dates: dates[i],
        })
        .collect();
    (
        columns,
        TableChoice {
            sheet: table.sheet.clone(),
            header,
            date_column,
            text_columns,
        },
    )
}

/// The sheets, the first rows and a guess of the date and text columns of a CSV or XLSX (of
/// `sheet`, default the first).
pub fn table_preview(
    path: &Path,
    sheet: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> Result<TablePreview> {
    let table = read_table(path, sheet, lang)?;
    let (columns, guess) = guess(&table, today);
    Ok(TablePreview {
        kind: table.kind,
        sheets: table.sheets.clone(),
        sheet: table.sheet.clone(),
        columns,
        rows: table
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(_, r)| r.iter().map(Cell::display).collect())
            .collect(),
        total_rows: table.rows.len(),
        guess,
        notes: table.notes,
    })
}

/// The entries of a table with the columns chosen. A row whose date cell is empty takes the
/// date above it (a date merged down over a day's rows, or left blank for "same day").
pub fn preview_table(
    path: &Path,
    choice: &TableChoice,
    today: NaiveDate,
    lang: Lang,
) -> Result<ImportPreview> {
    let table = read_table(path, choice.sheet.as_deref(), lang)?;
    let width = table.rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let bad_column = choice.date_column >= width.max(1)
        || choice.text_columns.is_empty()
        || choice
            .text_columns
            .iter()
            .any(|c| *c >= width.max(1) || *c == choice.date_column);
    if bad_column {
        return Err(import_error(
            lang,
            format!("表格只有 {width} 列：请选择一个日期列和至少一个不同的内容列。"),
            format!("表格只有 {width} 欄：請選擇一個日期欄和至少一個不同的內容欄。"),
            format!(
                "The table has {width} columns: choose one date column and at least one other column for the text."
            ),
        ));
    }
    let header: Option<&Vec<Cell>> = choice
        .header
        .then(|| table.rows.first().map(|(_, r)| r))
        .flatten();
    let name_of = |i: usize| {
        header
            .and_then(|h| h.get(i))
            .map(Cell::display)
            .filter(|s| !s.is_empty())
    };
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut above: Option<NaiveDate> = None;
    let empty = Cell::Empty;
    for (row_no, cells) in table.rows.iter().skip(usize::from(choice.header)) {
        let cell = |i: usize| cells.get(i).unwrap_or(&empty);
        let parts: Vec<String> = choice
            .text_columns
            .iter()
            .filter(|&&i| !cell(i).is_empty())
            .map(|&i| match name_of(i) {
                // The first chosen column is the note; the others say what they are.
                Some(n) if i != choice.text_columns[0] => format!("{n}：{}", cell(i).display()),
                _ => cell(i).display(),
            })
            .collect();
        let text = parts.join("\n");
        let date_cell = cell(choice.date_column);
        let origin = Origin {
            file: None,
            line: None,
            row: Some(*row_no),
        };
        let (date, problem, lead) = match cell_date(date_cell, today) {
            Ok(Some(d)) => {
                above = Some(d);
                (Some(d), None, Some(date_cell.display()))
            }
            Ok(None) if date_cell.is_empty() => (
                above,
                above.is_none().then_some(PasteProblem::Undated),
                None,
            ),
            Ok(None) => (None, Some(PasteProblem::Undated), Some(date_cell.display())),
            Err(written) => (
                None,
                Some(PasteProblem::NoSuchDate {
                    written: written.clone(),
                }),
                Some(written),
            ),
        };
        if text.trim().is_empty() {
            if !date_cell.is_empty() {
                skipped.push(Skipped {
                    origin,
                    text: date_cell.display(),
                    reason: SkipReason::NoText,
                });
            }
            continue;
        }
        items.push(ImportItem {
            date,
            text,
            origin,
            lead,
            problem,
            status: ItemStatus::New,
        });
    }
    let mut notes = table.notes;
    let col = |i: usize| name_of(i).unwrap_or_else(|| column_letter(i));
    let texts: Vec<String> = choice.text_columns.iter().map(|&i| col(i)).collect();
    notes.push(match lang {
        Lang::ZhHans => format!(
            "日期取自“{}”列，内容取自“{}”列。",
            col(choice.date_column),
            texts.join("”“")
        ),
        Lang::ZhHant => format!(
            "日期取自「{}」欄，內容取自「{}」欄。",
            col(choice.date_column),
            texts.join("」「")
        ),
        Lang::En => format!(
            "Dates from column “{}”, text from “{}”.",
            col(choice.date_column),
            texts.join("”, “")
        ),
    });
    Ok(ImportPreview {
        kind: table.kind,
        source: path.display().to_string(),
        items,
        skipped,
        notes,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn keys_are_stable_and_count_equal_notes() {
        let e = |date: &str, text: &str| NewEntry {
            date: d(date),
            text: text.into(),
        };
        let a = source_keys(&[
            e("2026-11-02", "开会"),
            e("2026-11-02", "开会"),
            e("2026-11-03", "开会"),
        ]);
        assert_eq!(a.len(), 3);
        assert_ne!(a[0], a[1], "two equal notes of one day are two entries");
        assert_ne!(a[0], a[2]);
        let b = source_keys(&[e("2026-11-02", " 开会\n"), e("2026-11-02", "开会")]);
        assert_eq!(
            a[..2],
            b[..],
            "same source, same keys; whitespace does not matter"
        );
        assert_eq!(a[0].len(), 32);
    }

    #[test]
    fn a_huge_paste_is_refused_in_the_users_language() {
        let text = "11月2日 开会\n".repeat(MAX_PASTE_BYTES / 10);
        let err = preview_paste(&text, d("2026-11-06"), Lang::ZhHans).unwrap_err();
        assert_eq!(err.code(), "import-failed");
        assert!(
            err.message(Lang::ZhHans).contains("什么都没有保存"),
            "{}",
            err.message(Lang::ZhHans)
        );
        let err = preview_paste(&text, d("2026-11-06"), Lang::En).unwrap_err();
        assert!(err.message(Lang::En).contains("nothing was saved"));
    }

    #[test]
    fn undated_items_block_the_import_unless_given_a_date() {
        let p = preview_paste(
            "没日期的一条\n11月2日 有日期",
            d("2026-11-06"),
            Lang::ZhHans,
        )
        .unwrap();
        assert_eq!(p.counts().undated, 1);
        let err = p.to_entries(None, Lang::ZhHant).unwrap_err();
        assert!(
            err.message(Lang::ZhHant).contains("第 1 行"),
            "{}",
            err.message(Lang::ZhHant)
        );
        let all = p.to_entries(Some(d("2026-11-01")), Lang::ZhHans).unwrap();
        assert_eq!(all[0].date, d("2026-11-01"));
        assert_eq!(all[1].date, d("2026-11-02"));
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
