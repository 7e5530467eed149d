//! Typed errors of the engine. Each has a stable `code` (for scripts and the IPC layer) and a
//! message in the user's language that says what happened and what was kept.

use crate::lang::Lang;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a missing thing was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Document,
    Revision,
    Template,
    Backup,
    File,
    /// A note of the work log.
    Entry,
    /// One import of notes (undone as a whole).
    ImportBatch,
}

impl Entity {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Entity::Document => lang.pick("文档", "文件", "document"),
            Entity::Revision => lang.pick("历史版本", "歷史版本", "revision"),
            Entity::Template => lang.pick("模板", "範本", "template"),
            Entity::Backup => lang.pick("备份", "備份", "backup"),
            Entity::File => lang.pick("文件", "檔案", "file"),
            Entity::Entry => lang.pick("记录", "記錄", "entry"),
            Entity::ImportBatch => lang.pick("导入", "匯入", "import"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{op} {path}: {source}")]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("schema migration: {0}")]
    Migration(String),
    #[error("the store at {path} is damaged; kept aside as {kept_as}")]
    StoreDamaged {
        path: PathBuf,
        kept_as: PathBuf,
        restored_from: Option<PathBuf>,
    },
    #[error("{entity:?} {id} not found")]
    NotFound { entity: Entity, id: String },
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error("{what} is too large ({size} bytes, limit {limit})")]
    TooLarge {
        what: &'static str,
        size: u64,
        limit: u64,
    },
    #[error("template data: {0}")]
    TemplateData(String),
    #[error("{format} export: {reason}")]
    Export {
        format: &'static str,
        reason: String,
    },
    #[error("import: {reason}")]
    Import { reason: String },
    #[error("cannot import '{name}': not .docx, .md or .txt")]
    UnsupportedFormat { name: String },
    #[error("the .docx file cannot be read: {reason}")]
    DocxUnreadable { reason: String },
    #[error("the .docx package looks like a zip bomb: {reason}")]
    SuspiciousArchive { reason: String },
}

/// A field's name for a person (the code names it in English).
fn field_name(field: &str, l: Lang) -> &str {
    match field {
        "period" => l.pick("周期", "期間", "period"),
        "date" => l.pick("日期", "日期", "date"),
        "kind" => l.pick("文档类型", "文件類型", "kind"),
        "style" => l.pick("样式", "樣式", "style"),
        "format" => l.pick("格式", "格式", "format"),
        "font role" => l.pick("字体用途", "字型用途", "font role"),
        "font" => l.pick("字体", "字型", "font"),
        "input" => l.pick("输入", "輸入", "input"),
        "author" => l.pick("姓名", "姓名", "name"),
        "department" => l.pick("部门", "部門", "department"),
        "position" => l.pick("岗位", "職位", "position"),
        "header" => l.pick("页眉", "頁首", "header"),
        "table" => l.pick("表格", "表格", "table"),
        "text" => l.pick("内容", "內容", "text"),
        other => other,
    }
}

/// What a valid value of the field looks like, where an example helps.
fn field_hint(field: &str, l: Lang) -> &'static str {
    match field {
        "period" => l.pick(
            "（例如 2026、2026-Q3、2026-03、2026-W47、2026-01-01 至 2026-12-31）",
            "（例如 2026、2026-Q3、2026-03、2026-W47、2026-01-01 至 2026-12-31）",
            " (e.g. 2026, 2026-Q3, 2026-03, 2026-W47, 2026-01-01 to 2026-12-31)",
        ),
        "date" => l.pick(
            "（格式 YYYY-MM-DD）",
            "（格式 YYYY-MM-DD）",
            " (YYYY-MM-DD)",
        ),
        "style" => l.pick(
            "（可选 gov、business、plain）",
            "（可選 gov、business、plain）",
            " (gov, business or plain)",
        ),
        "format" => l.pick(
            "（可选 docx、pdf、html）",
            "（可選 docx、pdf、html）",
            " (docx, pdf or html)",
        ),
        _ => "",
    }
}

fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28)
}

impl Error {
    pub fn io(op: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            op,
            path: path.into(),
            source,
        }
    }

    pub fn not_found(entity: Entity, id: impl ToString) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            reason: reason.into(),
        }
    }

    /// A stable, machine-readable code. Never change an existing code: scripts and the UI
    /// match on it.
    pub fn code(&self) -> &'static str {
        use rusqlite::ErrorCode as C;
        match self {
            Error::Io { source, .. } if is_disk_full(source) => "disk-full",
            Error::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    "permission-denied"
                }
                std::io::ErrorKind::NotFound => "file-not-found",
                _ => "io",
            },
            Error::Db(e) => match e.sqlite_error_code() {
                Some(C::DiskFull) => "disk-full",
                Some(C::DatabaseBusy | C::DatabaseLocked) => "store-busy",
                Some(C::ReadOnly | C::CannotOpen | C::PermissionDenied) => "store-read-only",
                Some(C::DatabaseCorrupt | C::NotADatabase) => "store-damaged",
                _ => "database",
            },
            Error::Migration(_) => "migration",
            Error::StoreDamaged { .. } => "store-damaged",
            Error::NotFound { .. } => "not-found",
            Error::Invalid { .. } => "invalid-input",
            Error::TooLarge { .. } => "too-large",
            Error::TemplateData(_) => "template-data",
            Error::Export { .. } => "export-failed",
            Error::Import { .. } => "import-failed",
            Error::UnsupportedFormat { .. } => "unsupported-format",
            Error::DocxUnreadable { .. } => "docx-unreadable",
            Error::SuspiciousArchive { .. } => "suspicious-archive",
        }
    }

    /// Whether the same request may succeed later without the user changing anything: the
    /// disk fills up and empties, a busy or unreachable store comes back. The app retries such a
    /// failed save by itself; a refused input (too large, invalid, not found) waits for the user.
    pub fn transient(&self) -> bool {
        matches!(
            self.code(),
            "disk-full" | "io" | "store-busy" | "store-read-only" | "database"
        )
    }

    /// A message for a person, in their language: what happened, what was kept, what to do.
    pub fn message(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Error::Io { path, source, .. } if is_disk_full(source) => format!(
                "{} {}",
                l.pick("磁盘已满，无法写入", "磁碟已滿，無法寫入", "The disk is full; could not write"),
                path.display()
            ) + l.pick(
                "。原有内容未改动；请腾出空间后重试。",
                "。原有內容未改動；請騰出空間後重試。",
                ". Nothing already saved was changed; free some space and try again.",
            ),
            Error::Io { op, path, source } => format!(
                "{} {}（{}）：{}",
                l.pick("无法", "無法", "Could not"),
                op_name(op, l),
                path.display(),
                io_reason(source, l)
            ),
            Error::Db(_) if self.code() == "disk-full" => l
                .pick(
                    "磁盘已满，保存失败。上一次保存的内容完好；请腾出空间后重试。",
                    "磁碟已滿，儲存失敗。上一次儲存的內容完好；請騰出空間後重試。",
                    "The disk is full, so the save failed. The last saved version is intact; free some space and try again.",
                )
                .to_string(),
            Error::Db(_) if self.code() == "store-busy" => l
                .pick(
                    "数据库正被另一个程序占用，请稍后重试。",
                    "資料庫正被另一個程式佔用，請稍後再試。",
                    "The store is busy in another program; try again in a moment.",
                )
                .to_string(),
            Error::Db(_) if self.code() == "store-read-only" => l
                .pick(
                    "数据文件夹不可写，只能查看，无法保存。请检查文件夹权限。",
                    "資料夾不可寫入，只能檢視，無法儲存。請檢查資料夾權限。",
                    "The data folder is not writable: documents can be read but not saved. Check the folder's permissions.",
                )
                .to_string(),
            Error::Db(e) => format!(
                "{}{e}",
                l.pick("数据库出错：", "資料庫出錯：", "Database error: ")
            ),
            Error::Migration(m) => format!(
                "{}{m}",
                l.pick(
                    "无法升级数据库结构，数据未改动：",
                    "無法升級資料庫結構，資料未改動：",
                    "Could not upgrade the store's schema; nothing was changed: "
                )
            ),
            Error::StoreDamaged {
                path,
                kept_as,
                restored_from,
            } => {
                let what = match restored_from {
                    Some(b) => format!(
                        "{}{}",
                        l.pick("已从备份恢复：", "已從備份還原：", "restored from the backup "),
                        b.display()
                    ),
                    None => l
                        .pick("没有可用的备份，已新建空白数据库", "沒有可用的備份，已新建空白資料庫", "no backup was found, so a new empty store was made")
                        .to_string(),
                };
                format!(
                    "{} {}；{} {}；{}",
                    l.pick("数据库文件已损坏：", "資料庫檔案已損毀：", "The store file is damaged:"),
                    path.display(),
                    l.pick("原文件已原样保留为", "原檔案已原樣保留為", "it was kept untouched as"),
                    kept_as.display(),
                    what
                )
            }
            Error::NotFound { entity, id } => format!(
                "{}{}「{id}」",
                l.pick("找不到", "找不到", "No such "),
                entity.name(l)
            ),
            Error::Invalid { field, reason } => format!(
                "{}{}：{reason}{}",
                l.pick("输入无效 · ", "輸入無效 · ", "Invalid "),
                field_name(field, l),
                field_hint(field, l)
            ),
            Error::TooLarge { what, size, limit } => format!(
                "{what} {}（{size} / {limit} {}）",
                l.pick("超出大小上限", "超出大小上限", "is too large"),
                l.pick("字节", "位元組", "bytes")
            ),
            Error::TemplateData(m) => format!(
                "{}{m}",
                l.pick("模板数据有误：", "範本資料有誤：", "Template data is malformed: ")
            ),
            Error::Export { format, reason } => format!(
                "{} {format}{}{reason}",
                l.pick("导出", "匯出", "Export to"),
                l.pick(" 失败：", " 失敗：", " failed: ")
            ),
            Error::Import { reason } => format!(
                "{}{reason}",
                l.pick("导入失败：", "匯入失敗：", "Import failed: ")
            ),
            Error::UnsupportedFormat { name } => format!(
                "{}「{name}」{}",
                l.pick("无法导入", "無法匯入", "Cannot import "),
                l.pick(
                    "：只支持 .docx、.md 和 .txt。旧版 .doc 或 WPS 文件请先另存为 .docx。",
                    "：只支援 .docx、.md 和 .txt。舊版 .doc 或 WPS 檔案請先另存為 .docx。",
                    ": only .docx, .md and .txt are supported. Save an old .doc or WPS file as .docx first.",
                )
            ),
            Error::DocxUnreadable { reason } => format!(
                "{}{reason}",
                l.pick(
                    "无法读取这个 Word 文件（可能已损坏，或不是真正的 .docx）：",
                    "無法讀取這個 Word 檔案（可能已損毀，或不是真正的 .docx）：",
                    "This Word file cannot be read (it may be damaged, or not a real .docx): "
                )
            ),
            Error::SuspiciousArchive { reason } => format!(
                "{}{reason}",
                l.pick(
                    "这个 .docx 解压后大得异常，为安全起见拒绝打开：",
                    "這個 .docx 解壓後大得異常，為安全起見拒絕開啟：",
                    "This .docx unpacks to an absurd size, so it was refused for safety: "
                )
            ),
        }
    }
}

fn op_name(op: &str, l: Lang) -> &str {
    match op {
        "read" => l.pick("读取", "讀取", "read"),
        "write" => l.pick("写入", "寫入", "write"),
        "create" => l.pick("创建", "建立", "create"),
        "rename" => l.pick("重命名", "重新命名", "rename"),
        "open" => l.pick("打开", "開啟", "open"),
        "remove" => l.pick("删除", "刪除", "remove"),
        other => other,
    }
}

fn io_reason(e: &std::io::Error, l: Lang) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => l
            .pick(
                "文件或文件夹不存在",
                "檔案或資料夾不存在",
                "it does not exist",
            )
            .into(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            l.pick("没有权限", "沒有權限", "permission denied").into()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disk_full_is_recognised_from_the_os_error() {
        let e = Error::io("write", "/x", std::io::Error::from_raw_os_error(28));
        assert_eq!(e.code(), "disk-full");
        assert!(e.message(Lang::ZhHans).contains("磁盘已满"));
        assert!(e.message(Lang::En).contains("disk is full"));
    }

    #[test]
    fn only_failures_that_can_pass_by_themselves_are_transient() {
        assert!(Error::io("write", "/x", std::io::Error::from_raw_os_error(28)).transient());
        assert!(!Error::not_found(Entity::Document, 7).transient());
        assert!(!Error::invalid("body", "empty").transient());
    }

    #[test]
    fn every_message_is_in_the_asked_language() {
        let e = Error::not_found(Entity::Document, 7);
        assert!(e.message(Lang::ZhHans).contains("找不到文档"));
        assert!(e.message(Lang::ZhHant).contains("找不到文件"));
        assert!(e.message(Lang::En).starts_with("No such document"));
    }
}
