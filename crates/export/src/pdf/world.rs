//! The sandbox typst compiles in: a `World` that knows two files, both made in memory — the
//! template (`/main.typ`, compiled into this crate) and the document as JSON (`/doc.json`).
//! Every other path, every package and every host file is refused.

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::FontLibrary;

/// The template that walks `/doc.json`. No user text is ever spliced into it.
pub(crate) const TEMPLATE: &str = include_str!("template.typ");

pub(crate) const MAIN_PATH: &str = "/main.typ";
pub(crate) const DATA_PATH: &str = "/doc.json";

fn library() -> &'static LazyHash<Library> {
    static LIB: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIB.get_or_init(|| LazyHash::new(Library::default()))
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

pub(crate) struct SandboxWorld {
    fonts: Arc<FontLibrary>,
    main: FileId,
    source: Source,
    data_id: Option<FileId>,
    data: Bytes,
    today: NaiveDate,
}

impl SandboxWorld {
    /// A world whose main file is `template` and whose only other file is `data` at
    /// [`DATA_PATH`].
    pub(crate) fn new(
        fonts: Arc<FontLibrary>,
        template: &str,
        data: Vec<u8>,
        today: NaiveDate,
    ) -> Option<Self> {
        let main = file_id(MAIN_PATH)?;
        Some(SandboxWorld {
            fonts,
            main,
            source: Source::new(main, template.to_string()),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
            today,
        })
    }
}

impl World for SandboxWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.fonts().book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if Some(id) == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main {
            Ok(Bytes::from_string(self.source.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            u8::try_from(self.today.month()).ok()?,
            u8::try_from(self.today.day()).ok()?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::syntax::package::PackageSpec;
    use typst_layout::PagedDocument;

    fn world(template: &str) -> SandboxWorld {
        let today = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        SandboxWorld::new(
            FontLibrary::shared().clone(),
            template,
            b"{\"a\": 1}".to_vec(),
            today,
        )
        .unwrap()
    }

    #[test]
    fn only_the_template_and_the_data_are_served() {
        let w = world("x");
        assert!(w.file(file_id(DATA_PATH).unwrap()).is_ok());
        assert!(w.source(w.main()).is_ok());
        for p in [
            "/etc/passwd",
            "/x.typ",
            "/doc.json/..",
            "/main.typ/../../etc/passwd",
        ] {
            if let Some(id) = file_id(p) {
                if id == w.main() || Some(id) == file_id(DATA_PATH) {
                    continue;
                }
                assert!(matches!(w.file(id), Err(FileError::AccessDenied)), "{p}");
                assert!(matches!(w.source(id), Err(FileError::AccessDenied)), "{p}");
            }
        }
        let spec: PackageSpec = "@preview/cetz:0.3.0".parse().unwrap();
        let pkg = RootedPath::new(
            VirtualRoot::Package(spec),
            VirtualPath::new("/lib.typ").unwrap(),
        )
        .intern();
        assert!(w.file(pkg).is_err() && w.source(pkg).is_err());
        assert!(w.source(file_id(DATA_PATH).unwrap()).is_err());
    }

    #[test]
    fn templates_cannot_reach_files_or_packages() {
        for src in [
            "#read(\"/etc/passwd\")",
            "#read(\"../../../../etc/passwd\")",
            "#image(\"/etc/hostname\")",
            "#import \"@preview/cetz:0.3.0\": *",
            "#include \"/etc/passwd\"",
        ] {
            let r = typst::compile::<PagedDocument>(&world(src)).output;
            assert!(r.is_err(), "{src} compiled");
        }
        // The data file is readable, and today's date is the one given.
        let ok = "#let d = json(\"/doc.json\")\n#assert(d.a == 1)\n#assert(datetime.today().year() == 2026)";
        assert!(typst::compile::<PagedDocument>(&world(ok)).output.is_ok());
    }
}
