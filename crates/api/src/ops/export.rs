//! Export: the preview pages, writing a file where the user chooses, opening what was written.

use crate::Workspace;
use crate::dto::common::Format;
use crate::dto::docs::DocText;
use crate::dto::export::{ExportOptions, ExportResult, PreviewPage, PreviewPages};
use crate::error::{ApiError, ApiResult, OrApi};
use crate::host::FileFilter;
use chrono::NaiveDate;
use recap_core::{Document, Error, markdown};
use std::path::PathBuf;

impl Workspace {
    /// The writers' options: the dialog's choices, the user's fonts from Settings.
    fn export_options(&self, o: ExportOptions) -> recap_core::Result<recap_export::ExportOptions> {
        let date = o
            .date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| Error::invalid("date", format!("'{d}'")))
            })
            .transpose()?;
        Ok(recap_export::ExportOptions {
            style: o.style.into(),
            cover: o.cover,
            toc: o.toc,
            header: o.header.filter(|h| !h.trim().is_empty()),
            page_numbers: o.page_numbers,
            signature: o.signature,
            date,
            lang: o.lang.into(),
            fonts: self.store().user_settings()?.fonts,
            sources: if o.sources_appendix {
                recap_core::sources::Handling::Appendix
            } else {
                recap_core::sources::Handling::Omit
            },
        })
    }

    fn export_input(
        &self,
        text: &DocText,
        options: ExportOptions,
    ) -> recap_core::Result<(Document, recap_export::ExportOptions)> {
        let body = text.compose();
        super::docs::check_size(&body)?;
        Ok((markdown::parse(&body)?, self.export_options(options)?))
    }

    pub fn export_preview(
        &self,
        text: DocText,
        options: ExportOptions,
        from: u32,
        to: Option<u32>,
    ) -> ApiResult<PreviewPages> {
        let lang = self.lang();
        let (doc, opts) = self.export_input(&text, options).or_api(lang)?;
        let which = from as usize..to.map_or(usize::MAX, |t| t as usize);
        let preview =
            recap_export::pdf::preview_pages(&doc, &opts, self.fonts(), which).or_api(lang)?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(PreviewPages {
            total: count(preview.total),
            pages: preview
                .pages
                .into_iter()
                .map(|(index, svg)| PreviewPage {
                    index: count(index),
                    svg,
                })
                .collect(),
        })
    }

    /// Finds the fonts and loads the faces `options` use, so that the first preview starts
    /// typesetting at once (the export dialog asks when it opens; it runs on a worker thread).
    pub fn export_warm(&self, options: ExportOptions) -> ApiResult<()> {
        let opts = self.export_options(options).or_api(self.lang())?;
        self.fonts().warm(&opts);
        Ok(())
    }

    pub fn export_save(
        &self,
        text: DocText,
        options: ExportOptions,
        format: Format,
    ) -> ApiResult<Option<ExportResult>> {
        let lang = self.lang();
        let (doc, opts) = self.export_input(&text, options).or_api(lang)?;
        let format: recap_core::style::Format = format.into();
        let ext = format.extension();
        let name = format!("{}.{ext}", file_stem(&doc.display_title()));
        let filter = FileFilter {
            label: ext.to_uppercase(),
            extensions: vec![ext.to_string()],
        };
        let start = self.store().dialog_folder();
        let Some(path) = self.host().pick_save_path(&name, start.as_deref(), &filter) else {
            return Ok(None);
        };
        recap_export::export_to_file_with(
            &doc,
            format,
            &opts,
            recap_export::PdfFonts::Library(self.fonts()),
            &path,
        )
        .or_api(lang)?;
        // Only a folder that really took the file is offered next time. The file is written:
        // a store that cannot note the folder must not report a failed export.
        let _ = self.store().remember_folder(&path);
        self.remember_export(path.clone());
        Ok(Some(ExportResult {
            path: path.display().to_string(),
        }))
    }

    /// Only a file this run exported opens: the page cannot make the app open arbitrary files.
    pub fn export_reveal(&self, path: String, open: bool) -> ApiResult<()> {
        let lang = self.lang();
        let p = PathBuf::from(&path);
        if !self.was_exported(&p) {
            return Err(ApiError::not_allowed(
                lang.pick(
                    "只能打开本次导出的文件：",
                    "只能開啟本次匯出的檔案：",
                    "Only files exported in this session can be opened: ",
                ),
                &path,
            ));
        }
        let done = if open {
            self.host().open_path(&p)
        } else {
            self.host().reveal_path(&p)
        };
        done.map_err(|e| {
            ApiError::new(
                "open-failed",
                format!(
                    "{}{path}（{e}）",
                    lang.pick("无法打开：", "無法開啟：", "Could not open: ")
                ),
            )
        })
    }
}

/// A file name from a title: characters no file system accepts become `_`.
fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim().trim_matches('.').trim();
    if stem.is_empty() {
        "recap".to_string()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_from_titles_are_safe() {
        assert_eq!(file_stem("2026 年度/工作:总结"), "2026 年度_工作_总结");
        assert_eq!(file_stem("  ..  "), "recap");
    }
}
