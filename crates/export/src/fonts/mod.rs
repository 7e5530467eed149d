//! The machine's fonts for the PDF writer and the preview: found once through a persistent
//! index, files mapped rather than read, and only the faces a document uses loaded.
//!
//! A [`FontLibrary`] is shared (`Arc`) by every export and preview of a process. Nothing is
//! read when it is made; the first use discovers the fonts (the index in the cache folder
//! when it is current, see [`index`]), and each face is loaded the first time a document
//! needs it, then kept. The app makes one library at start and warms it off the UI thread
//! when the export dialog opens ([`FontLibrary::warm_in_background`]); the command line
//! makes one per run, with the data folder as cache folder.
//!
//! What loading a face costs: typst identifies a font by a hash of all its data, computed on
//! first use, and a Chinese collection is 20–27 MB. So a face is loaded split ([`split`]):
//! typst lays out with the face's layout tables alone (≈1 MB to hash), and the pages are
//! drawn with a face holding only the glyphs they use. A face that cannot be split is
//! loaded whole, its file hashed once under the file's lock (faces of one collection share
//! one mapping and one hash), so that a thread loading fonts ahead of the typesetter and the
//! typesetter itself never hash one file twice.

mod choose;
mod folders;
pub mod index;
mod mapped;
mod names;
mod split;

pub use index::IndexReport;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The folder, inside the data folder, that holds the font index.
pub const CACHE_DIR: &str = "cache";

/// The fonts of the machine, discovered on first use and loaded face by face.
pub struct FontLibrary {
    /// Where the persistent index lives (None: none, every process discovers afresh).
    cache_dir: Option<PathBuf>,
    /// The folders to search; None for the system's.
    folders: Option<Vec<PathBuf>>,
    found: OnceLock<Fonts>,
}

/// What the discovery did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovery {
    pub files: usize,
    pub faces: usize,
    pub index: IndexReport,
    /// From the start of the discovery to a usable library.
    pub elapsed: Duration,
}

/// What [`FontLibrary::warm`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warmed {
    /// Faces the style's roles use, now loaded.
    pub faces: usize,
    pub elapsed: Duration,
}

/// The discovered fonts: typst's book, and where each face comes from.
pub(crate) struct Fonts {
    book: LazyHash<FontBook>,
    /// Per face of the book (same order): its file and index in the file.
    faces: Vec<Face>,
    files: Vec<FileSlot>,
    /// Lowercased family name in any language (仿宋, 霞鹜文楷) -> typst's name of the family.
    localized: HashMap<String, String>,
    discovery: Discovery,
}

struct Face {
    file: usize,
    index: u32,
    font: OnceLock<Option<Loaded>>,
}

/// A face as typst is given it.
#[derive(Clone)]
struct Loaded {
    font: Font,
    /// The face without its outlines (see [`split`]); else the whole face.
    split: bool,
}

struct FileSlot {
    path: PathBuf,
    map: OnceLock<Option<mapped::MappedFont>>,
    /// The whole file as typst data, hashed (for faces used whole).
    whole: OnceLock<Option<Bytes>>,
}

static SHARED: OnceLock<Arc<FontLibrary>> = OnceLock::new();

impl FontLibrary {
    /// A library of the machine's fonts, with its persistent index in the data folder
    /// `data_dir` (in [`CACHE_DIR`]; `None`: no index, each process discovers the fonts
    /// afresh). Reads nothing until first used.
    pub fn new(data_dir: Option<&Path>) -> Arc<FontLibrary> {
        Arc::new(FontLibrary {
            cache_dir: data_dir.map(|d| d.join(CACHE_DIR)),
            folders: None,
            found: OnceLock::new(),
        })
    }

    /// A library of the fonts under `folders` only (tests and benchmarks).
    pub fn of_folders(folders: Vec<PathBuf>, data_dir: Option<&Path>) -> Arc<FontLibrary> {
        Arc::new(FontLibrary {
            cache_dir: data_dir.map(|d| d.join(CACHE_DIR)),
            folders: Some(folders),
            found: OnceLock::new(),
        })
    }

    /// The process's own library, without a persistent index: what [`crate::export`] and
    /// the other functions that take no library use.
    pub fn shared() -> &'static Arc<FontLibrary> {
        SHARED.get_or_init(|| FontLibrary::new(None))
    }

    /// Discovers the fonts if that has not been done (blocking; a second caller waits for
    /// the first), and says how it went.
    pub fn discover(&self) -> &Discovery {
        &self.fonts().discovery
    }

    /// Whether the fonts have been discovered already (nothing blocks on a true answer).
    pub fn is_discovered(&self) -> bool {
        self.found.get().is_some()
    }

    pub(crate) fn fonts(&self) -> &Fonts {
        self.found.get_or_init(|| {
            let started = Instant::now();
            let folders = self.folders.clone().unwrap_or_else(folders::system_folders);
            let found = folders::font_files(&folders);
            let (files, report) = index::load(&found, self.cache_dir.as_deref());
            Fonts::new(files, report, started)
        })
    }

    /// Discovers the fonts and loads every face the export `opts` asks for (each role's
    /// family, regular and bold), so that the next preview or export starts typesetting
    /// at once. Blocking: call it off the UI thread (see [`Self::warm_in_background`]).
    pub fn warm(&self, opts: &crate::ExportOptions) -> Warmed {
        let started = Instant::now();
        let fonts = self.fonts();
        let faces = fonts.faces_for(&crate::pdf::role_families(fonts, opts), true);
        for &i in &faces {
            let _ = fonts.font(i);
        }
        Warmed {
            faces: faces.len(),
            elapsed: started.elapsed(),
        }
    }

    /// [`Self::warm`] on a thread of its own; the handle tells when it is done (dropping it
    /// lets the thread finish on its own). An error only when no thread can be started.
    pub fn warm_in_background(
        self: &Arc<Self>,
        opts: crate::ExportOptions,
    ) -> std::io::Result<std::thread::JoinHandle<Warmed>> {
        let lib = Arc::clone(self);
        std::thread::Builder::new()
            .name("recap-fonts".into())
            .spawn(move || lib.warm(&opts))
    }

    /// Loads faces on threads of their own, one per file, in the order given (the order
    /// the typesetter will need them), while the caller goes on.
    pub(crate) fn prefetch(self: &Arc<Self>, faces: Vec<usize>) {
        let fonts = self.fonts();
        let mut by_file: Vec<(usize, Vec<usize>)> = Vec::new();
        for i in faces {
            let Some(face) = fonts.faces.get(i) else {
                continue;
            };
            if face.font.get().is_some() {
                continue;
            }
            match by_file.iter_mut().find(|(f, _)| *f == face.file) {
                Some((_, v)) => v.push(i),
                None => by_file.push((face.file, vec![i])),
            }
        }
        for (_, group) in by_file {
            let lib = Arc::clone(self);
            // A thread that cannot start leaves the face to be loaded when it is needed.
            let _ = std::thread::Builder::new()
                .name("recap-font-load".into())
                .spawn(move || {
                    for i in group {
                        let _ = lib.fonts().font(i);
                    }
                });
        }
    }
}

impl Fonts {
    fn new(entries: Vec<index::FileEntry>, report: IndexReport, started: Instant) -> Fonts {
        let mut book = FontBook::new();
        let mut faces = Vec::new();
        let mut files = Vec::with_capacity(entries.len());
        let mut localized = HashMap::new();
        for (file, entry) in entries.into_iter().enumerate() {
            for face in entry.faces {
                for name in &face.names {
                    localized
                        .entry(name.to_lowercase())
                        .or_insert_with(|| face.info.family.clone());
                }
                book.push(face.info);
                faces.push(Face {
                    file,
                    index: face.index,
                    font: OnceLock::new(),
                });
            }
            files.push(FileSlot {
                path: entry.path,
                map: OnceLock::new(),
                whole: OnceLock::new(),
            });
        }
        let discovery = Discovery {
            files: files.len(),
            faces: faces.len(),
            index: report,
            elapsed: started.elapsed(),
        };
        Fonts {
            book: LazyHash::new(book),
            faces,
            files,
            localized,
            discovery,
        }
    }

    pub(crate) fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.faces.is_empty()
    }

    /// Face `index` of the book as typst lays text out with it, loaded on first use.
    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        self.loaded(index).map(|l| l.font)
    }

    fn loaded(&self, index: usize) -> Option<Loaded> {
        let face = self.faces.get(index)?;
        face.font.get_or_init(|| self.load(face)).clone()
    }

    fn load(&self, face: &Face) -> Option<Loaded> {
        let map = self.file_map(face.file)?;
        if let Some(part) = split::shaping_face(map.as_ref(), face.index) {
            let font = Font::new(Bytes::new(part), 0)?;
            // typst hashes a font on first use; here, under the face's lock, the hash is
            // computed once whoever asks first.
            let _ = typst::utils::hash128(&font);
            return Some(Loaded { font, split: true });
        }
        let font = Font::new(self.whole_file(face.file)?, face.index)?;
        Some(Loaded { font, split: false })
    }

    fn file_map(&self, file: usize) -> Option<mapped::MappedFont> {
        let slot = self.files.get(file)?;
        slot.map
            .get_or_init(|| mapped::map(&slot.path).ok())
            .clone()
    }

    /// A file's whole data, hashed on first use (once per file, under its lock).
    fn whole_file(&self, file: usize) -> Option<Bytes> {
        let slot = self.files.get(file)?;
        slot.whole
            .get_or_init(|| {
                let bytes = Bytes::new(self.file_map(file)?);
                let _ = typst::utils::hash128(&bytes);
                Some(bytes)
            })
            .clone()
    }

    /// For a face typst laid text out with (a split one), a font holding the outlines of
    /// `glyphs` and the map from its glyph ids to the new font's. `None` for a font that is
    /// not a split face of this library (it has its outlines already).
    pub(crate) fn outlines(
        &self,
        font: &Font,
        glyphs: impl IntoIterator<Item = u16>,
    ) -> Option<(Font, subsetter::GlyphRemapper)> {
        let face = self.faces.iter().find(|f| {
            f.font
                .get()
                .and_then(Option::as_ref)
                .is_some_and(|l| l.split && l.font == *font)
        })?;
        let map = self.file_map(face.file)?;
        split::outlines_for(map.as_ref(), face.index, glyphs)
    }

    /// The whole face for a split face typst laid text out with (when its outlines cannot
    /// be cut out: a font the subsetter does not handle).
    pub(crate) fn whole_face(&self, font: &Font) -> Option<Font> {
        let face = self.faces.iter().find(|f| {
            f.font
                .get()
                .and_then(Option::as_ref)
                .is_some_and(|l| l.split && l.font == *font)
        })?;
        Font::new(self.whole_file(face.file)?, face.index)
    }

    /// The file and index in it of face `index` of the book.
    #[cfg(test)]
    pub(crate) fn source_of(&self, index: usize) -> Option<(&Path, u32)> {
        let face = self.faces.get(index)?;
        Some((self.files.get(face.file)?.path.as_path(), face.index))
    }

    fn infos(&self) -> impl Iterator<Item = &FontInfo> {
        (0..self.faces.len()).filter_map(|i| self.book.info(i))
    }

    /// The faces typst would take for `families` set in regular weight, and in bold too when
    /// `bold` (for families that have a bold face), in the order given, each once.
    pub(crate) fn faces_for(&self, families: &[String], bold: bool) -> Vec<usize> {
        use typst::text::{FontStretch, FontStyle, FontVariant, FontWeight};
        let regular = FontVariant::new(FontStyle::Normal, FontWeight::REGULAR, FontStretch::NORMAL);
        let heavy = FontVariant::new(FontStyle::Normal, FontWeight::BOLD, FontStretch::NORMAL);
        let mut out: Vec<usize> = Vec::new();
        let mut add = |i: Option<usize>| {
            if let Some(i) = i
                && !out.contains(&i)
            {
                out.push(i);
            }
        };
        for f in families {
            add(self.book.select(&f.to_lowercase(), regular));
        }
        if bold {
            for f in families {
                if self.has_bold(f) {
                    add(self.book.select(&f.to_lowercase(), heavy));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_of_one_collection_share_one_mapping() {
        let lib = FontLibrary::shared().fonts();
        let book = lib.book();
        // Noto Serif CJK: one file, one face per region.
        let sc = book.select_family("noto serif cjk sc").next().unwrap();
        let file = lib.faces[sc].file;
        let tc = (0..lib.faces.len())
            .find(|&i| {
                lib.faces[i].file == file
                    && book
                        .info(i)
                        .is_some_and(|x| x.family == "Noto Serif CJK TC")
            })
            .unwrap();
        let (a, b) = (lib.font(sc).unwrap(), lib.font(tc).unwrap());
        assert_ne!(a, b);
        let (ma, mb) = (lib.file_map(file).unwrap(), lib.file_map(file).unwrap());
        assert_eq!(ma.as_ref().as_ptr(), mb.as_ref().as_ptr());
        // Split: typst lays out with a small face, not the 26 MB file.
        assert!(a.data().len() < 4 << 20, "{}", a.data().len());
    }

    #[test]
    fn a_library_reads_nothing_until_used_and_warms_the_styles_faces() {
        let cache = tempfile::tempdir().unwrap();
        let lib = FontLibrary::new(Some(cache.path()));
        assert!(!lib.is_discovered());
        assert!(std::fs::read_dir(cache.path()).unwrap().next().is_none());
        let warmed = lib
            .warm_in_background(crate::ExportOptions::default())
            .unwrap()
            .join()
            .unwrap();
        assert!(lib.is_discovered());
        // 公文 on this machine: the Serif, Sans and Kai faces, regular and bold.
        assert!(warmed.faces >= 3, "{warmed:?}");
        assert!(
            cache
                .path()
                .join(CACHE_DIR)
                .join(index::INDEX_FILE)
                .is_file()
        );
        let again = FontLibrary::new(Some(cache.path()));
        let d = again.discover();
        assert!(d.index.loaded && d.index.files_read == 0, "{d:?}");
        assert_eq!(d.faces, lib.discover().faces);
    }
}
