//! Import: a .docx, a Markdown file, or plain text (opened or pasted) -> Recap Markdown.
//!
//! Every reader produces the one [`Document`] model and the result is written by
//! [`crate::markdown::write`], so an imported file is escaped exactly as a saved one.
//! Markdown is taken as it is. What a reader leaves out (web clutter, images) is reported
//! as [`Note`]s, never dropped silently.

pub mod docx;

pub mod text;

use crate::error::{Error, Result};
use crate::lang::Lang;
use serde::Serialize;
use std::path::Path;

/// What import made: the Markdown text (front matter included) and notes for the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub markdown: String,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A line of web-page clutter (breadcrumb, copyright, share links) was dropped.
    ClutterDropped,
    ImagesSkipped,
    TextBoxesSkipped,
    /// The text was not UTF-8 and was decoded as another encoding.
    Decoded,
    /// A line of the front matter could not be read as written (see
    /// [`crate::meta::read_front_matter`]).
    Metadata,
}

/// Something import did that the user should know about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub kind: NoteKind,
    /// 1-based line in the source text, where there is one.
    pub line: Option<usize>,
    /// The text concerned (the dropped line, a count, an encoding name).
    pub text: String,
    /// A sentence for the user, in their language.
    pub message: String,
}

impl Note {
    pub fn new(kind: NoteKind, line: Option<usize>, text: &str, lang: Lang) -> Note {
        let l = lang;
        let at = line.map_or(String::new(), |n| match l {
            Lang::En => format!("Line {n}: "),
            _ => format!("第 {n} 行："),
        });
        let message = match kind {
            NoteKind::ClutterDropped => format!(
                "{at}{}{text}",
                l.pick(
                    "像是网页上的杂项，已删除：",
                    "像是網頁上的雜項，已刪除：",
                    "looked like web-page clutter and was dropped: "
                )
            ),
            NoteKind::ImagesSkipped => match l {
                Lang::ZhHans => format!("跳过了 {text} 张图片：只导入文字。"),
                Lang::ZhHant => format!("略過了 {text} 張圖片：只匯入文字。"),
                Lang::En => format!("Skipped {text} image(s): only the text is imported."),
            },
            NoteKind::TextBoxesSkipped => match l {
                Lang::ZhHans => format!("跳过了 {text} 个文本框，其中的文字没有导入，请手动补上。"),
                Lang::ZhHant => {
                    format!("略過了 {text} 個文字方塊，其中的文字沒有匯入，請手動補上。")
                }
                Lang::En => format!(
                    "Skipped {text} text box(es); their text was not imported, so copy it in by hand."
                ),
            },
            NoteKind::Decoded => match l {
                Lang::ZhHans => format!("文件不是 UTF-8 编码，已按 {text} 读取。"),
                Lang::ZhHant => format!("檔案不是 UTF-8 編碼，已按 {text} 讀取。"),
                Lang::En => format!("The file is not UTF-8; it was read as {text}."),
            },
            NoteKind::Metadata => format!(
                "{at}{}{text}",
                l.pick(
                    "元数据无法读取，已忽略：",
                    "中繼資料無法讀取，已略過：",
                    "metadata that could not be read was left out: "
                )
            ),
        };
        Note {
            kind,
            line,
            text: text.to_string(),
            message,
        }
    }
}

/// The formats import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
    Docx,
}

impl Format {
    /// The format of a file name or bare extension (`report.docx`, `docx`, `.txt`). Pasted
    /// text has no name: pass `""` and the bytes decide.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name
            .rsplit_once('.')
            .map_or(name, |(_, e)| e)
            .trim()
            .to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Imports a file's bytes. `name` is its file name or extension; with an unknown or empty
/// name, a zip package is read as .docx and anything else as text.
pub fn import_bytes(name: &str, bytes: &[u8], lang: Lang) -> Result<Imported> {
    let format = match Format::from_name(name) {
        Some(f) => f,
        None if bytes.starts_with(b"PK\x03\x04") => Format::Docx,
        // Pasted text, or a file with no extension.
        None if !name.contains('.') => Format::Text,
        None => {
            return Err(Error::UnsupportedFormat {
                name: name.to_string(),
            });
        }
    };
    let (doc, notes) = match format {
        Format::Docx => docx::docx_to_document(bytes, lang)?,
        Format::Markdown | Format::Text => {
            if bytes.len() as u64 > crate::fsio::MAX_TEXT_BYTES {
                return Err(Error::TooLarge {
                    what: "text",
                    size: bytes.len() as u64,
                    limit: crate::fsio::MAX_TEXT_BYTES,
                });
            }
            let (text, mut notes) = decode(bytes, lang)?;
            let mut imported = if format == Format::Markdown {
                import_markdown(&text, lang)?
            } else {
                import_text(&text, lang)?
            };
            notes.append(&mut imported.notes);
            imported.notes = notes;
            return Ok(imported);
        }
    };
    Ok(Imported {
        markdown: crate::markdown::write(&doc),
        notes,
    })
}

/// Imports a file from disk (format from its extension, else from its bytes).
pub fn import_path(path: &Path, lang: Lang) -> Result<Imported> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let limit = match Format::from_name(&name) {
        Some(Format::Docx) | None => docx::MAX_DOCX_BYTES,
        Some(_) => crate::fsio::MAX_TEXT_BYTES,
    };
    let bytes = crate::fsio::read_bytes(path, limit)?;
    import_bytes(&name, &bytes, lang)
}

/// Pasted or opened text: Markdown when it looks like Markdown, else plain text read for
/// typed heading numbers.
pub fn import_text(text: &str, lang: Lang) -> Result<Imported> {
    // Text that only looks like Markdown (a stray `---` first line) is read as plain text.
    if text::looks_like_markdown(text)
        && let Ok(imported) = import_markdown(text, lang)
    {
        return Ok(imported);
    }
    let (doc, notes) = text::text_to_document(text, lang);
    Ok(Imported {
        markdown: crate::markdown::write(&doc),
        notes,
    })
}

/// Markdown is taken as it is. Front matter lines that cannot be read as written are noted
/// (the text keeps them; every reader reads the block the same lenient way).
pub fn import_markdown(text: &str, lang: Lang) -> Result<Imported> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fm, _) = crate::meta::read_front_matter(text);
    let notes = fm
        .dropped
        .iter()
        .map(|d| Note {
            kind: NoteKind::Metadata,
            line: Some(d.line),
            text: d.text.clone(),
            message: d.message(lang),
        })
        .collect();
    Ok(Imported {
        markdown: text.to_string(),
        notes,
    })
}

/// Text bytes -> text: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (which covers GBK
/// and GB2312, the encodings Chinese Windows saves text in).
fn decode(bytes: &[u8], lang: Lang) -> Result<(String, Vec<Note>)> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if !had_errors {
            return Ok((text.into_owned(), Vec::new()));
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Vec::new()));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if !text.contains('\0') => Ok((
            text.into_owned(),
            vec![Note::new(NoteKind::Decoded, None, "GB18030", lang)],
        )),
        _ => Err(Error::invalid(
            "encoding",
            "not UTF-8, UTF-16 or GB18030 text",
        )),
    }
}

#[cfg(test)]
mod tests;
