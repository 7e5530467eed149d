//! The persistent font index: what each font file of the machine holds (typst's description
//! of every face — family, variant, character coverage — and every localized family name),
//! so that a process learns the machine's fonts without opening them.
//!
//! One file in the cache folder, [`INDEX_FILE`]. An entry is keyed by the font file's path,
//! size and modification time: on every load the font folders are listed (names and
//! `stat`s only), entries whose file is unchanged are taken as they are, new or changed files
//! are read, entries of removed files are dropped, and the index is written again if
//! anything differed.
//!
//! Robust by construction:
//! - **Races.** The index is written to a temporary file in the same folder and renamed over
//!   the old one, so a reader sees a whole index, old or new. Two processes rebuilding at
//!   once both write a complete, correct index; the last rename wins.
//! - **Damage.** The first line carries a hash of the rest; a truncated, damaged or foreign
//!   file (or one of another format version) is ignored, rebuilt, and replaced.
//! - **Failure to write** (read-only or full disk) costs the next process a rescan, nothing
//!   else.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use typst::text::FontInfo;

use super::folders::{FoundFile, Stamp};
use super::mapped;

/// The index's file name inside the cache folder.
pub const INDEX_FILE: &str = "font-index.json";

/// Bumped whenever the shape of an entry changes. typst's version is part of the header
/// too: its `FontInfo` (coverage, family rules) may change between releases.
const FORMAT: u32 = 1;
const MAGIC: &str = "recap-font-index";
const TYPST: &str = "typst-0.15";

/// One face of a font file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FaceEntry {
    /// The face's index in its collection (0 for a single font).
    pub index: u32,
    pub info: FontInfo,
    /// Every family name of the face's `name` table (all languages: 仿宋, FangSong…),
    /// besides the one typst uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

/// A font file and its faces, as of one version of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FileEntry {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub faces: Vec<FaceEntry>,
}

#[derive(Serialize, Deserialize)]
struct IndexData {
    files: Vec<FileEntry>,
}

/// What loading the index did (for the bench and the tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexReport {
    /// The index file was there and sound.
    pub loaded: bool,
    /// Font files read because the index had no entry for their current version.
    pub files_read: usize,
    /// Entries dropped: their file was removed (or changed: then it is also read).
    pub entries_dropped: usize,
    /// The index was written again.
    pub written: bool,
}

/// The faces of every file in `found`: from the index in `cache_dir` when it knows the file's
/// current version, else read from the file. Writes the index back when anything changed.
pub(crate) fn load(found: &[FoundFile], cache_dir: Option<&Path>) -> (Vec<FileEntry>, IndexReport) {
    let mut report = IndexReport::default();
    let path = cache_dir.map(|d| d.join(INDEX_FILE));
    let cached = path.as_deref().and_then(read_index);
    report.loaded = cached.is_some();
    let mut known: HashMap<PathBuf, FileEntry> = cached
        .map(|d| d.files.into_iter().map(|f| (f.path.clone(), f)).collect())
        .unwrap_or_default();
    let mut files = Vec::with_capacity(found.len());
    for f in found {
        match known.remove(&f.path) {
            Some(entry) if entry.stamp == f.stamp => files.push(entry),
            stale => {
                report.entries_dropped += usize::from(stale.is_some());
                report.files_read += 1;
                files.push(read_file(f));
            }
        }
    }
    report.entries_dropped += known.len();
    let changed = !report.loaded || report.files_read > 0 || report.entries_dropped > 0;
    if changed && let (Some(dir), Some(path)) = (cache_dir, path.as_deref()) {
        report.written = write_index(dir, path, &files).is_ok();
    }
    (files, report)
}

/// The faces of one font file (none when it cannot be read or holds no usable face: the
/// entry is kept all the same, so the file is not read again until it changes).
pub(crate) fn read_file(f: &FoundFile) -> FileEntry {
    let faces = match mapped::map(&f.path) {
        Ok(data) => faces_of(data.as_ref()),
        Err(_) => Vec::new(),
    };
    FileEntry {
        path: f.path.clone(),
        stamp: f.stamp,
        faces,
    }
}

/// Every face typst can use in a font file's data, with its localized family names.
pub(crate) fn faces_of(data: &[u8]) -> Vec<FaceEntry> {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    (0..count)
        .filter_map(|index| {
            let info = FontInfo::new(data, index)?;
            let names = super::names::family_names(data, index)
                .into_iter()
                .filter(|n| !n.eq_ignore_ascii_case(&info.family))
                .collect();
            Some(FaceEntry { index, info, names })
        })
        .collect()
}

fn header(payload: &[u8]) -> String {
    format!(
        "{MAGIC} {FORMAT} {TYPST} {:032x}\n",
        typst::utils::hash128(payload)
    )
}

/// The index in `path`, if it is there, whole, of this format, and unchanged since written.
fn read_index(path: &Path) -> Option<IndexData> {
    let bytes = std::fs::read(path).ok()?;
    let split = bytes.iter().position(|&b| b == b'\n')? + 1;
    let (head, payload) = bytes.split_at(split);
    if head != header(payload).as_bytes() {
        return None;
    }
    serde_json::from_slice(payload).ok()
}

fn write_index(dir: &Path, path: &Path, files: &[FileEntry]) -> recap_core::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| recap_core::Error::io("create", dir, e))?;
    let payload = serde_json::to_vec(&IndexData {
        files: files.to_vec(),
    })
    .map_err(|e| recap_core::Error::invalid("font index", e.to_string()))?;
    let mut bytes = header(&payload).into_bytes();
    bytes.extend_from_slice(&payload);
    recap_core::fsio::write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::folders::font_files;

    /// A folder with copies of two real font files (a collection and a single font), so the
    /// tests can add, change and remove fonts.
    fn font_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let pick = |names: &[&str]| -> PathBuf {
            crate::fonts::folders::font_files(&crate::fonts::folders::system_folders())
                .into_iter()
                .map(|f| f.path)
                .find(|p| names.iter().any(|n| p.ends_with(n)))
                .unwrap_or_else(|| {
                    panic!("none of {names:?} is installed: `make deps` installs them")
                })
        };
        for (src, name) in [
            (pick(&["DejaVuSans.ttf"]), "DejaVuSans.ttf"),
            (pick(&["LXGWWenKai-Regular.ttf"]), "WenKai.ttf"),
        ] {
            std::fs::copy(src, dir.path().join(name)).unwrap();
        }
        dir
    }

    fn families(files: &[FileEntry]) -> Vec<String> {
        files
            .iter()
            .flat_map(|f| f.faces.iter().map(|x| x.info.family.clone()))
            .collect()
    }

    #[test]
    fn the_index_is_written_then_used_and_follows_added_changed_and_removed_fonts() {
        let fonts = font_folder();
        let cache = tempfile::tempdir().unwrap();
        let folders = [fonts.path().to_path_buf()];

        let (first, r) = load(&font_files(&folders), Some(cache.path()));
        assert_eq!((r.loaded, r.files_read, r.written), (false, 2, true));
        assert_eq!(families(&first), ["DejaVu Sans", "LXGW WenKai"]);
        let wenkai = &first[1].faces[0];
        assert!(
            wenkai.names.iter().any(|n| n == "霞鹜文楷"),
            "{:?}",
            wenkai.names
        );
        assert!(wenkai.info.coverage.contains(u32::from('楷')));

        // Nothing changed: nothing is read and nothing written; the same faces come back.
        let (again, r) = load(&font_files(&folders), Some(cache.path()));
        assert_eq!((r.loaded, r.files_read, r.written), (true, 0, false));
        assert_eq!(again, first);

        // A font replaced by another file under the same name is read again.
        std::fs::copy(
            fonts.path().join("DejaVuSans.ttf"),
            fonts.path().join("WenKai.ttf"),
        )
        .unwrap();
        let (changed, r) = load(&font_files(&folders), Some(cache.path()));
        assert_eq!((r.files_read, r.entries_dropped, r.written), (1, 1, true));
        assert_eq!(families(&changed), ["DejaVu Sans", "DejaVu Sans"]);

        // A font removed disappears; one added appears.
        std::fs::remove_file(fonts.path().join("WenKai.ttf")).unwrap();
        std::fs::write(fonts.path().join("broken.otf"), b"not a font at all").unwrap();
        let (now, r) = load(&font_files(&folders), Some(cache.path()));
        assert_eq!((r.files_read, r.entries_dropped), (1, 1));
        assert_eq!(families(&now), ["DejaVu Sans"]);
        // The unreadable file is remembered as having no face: not read again.
        let (_, r) = load(&font_files(&folders), Some(cache.path()));
        assert_eq!((r.loaded, r.files_read, r.written), (true, 0, false));
    }

    #[test]
    fn a_damaged_or_truncated_index_is_rebuilt_never_trusted() {
        let fonts = font_folder();
        let cache = tempfile::tempdir().unwrap();
        let folders = [fonts.path().to_path_buf()];
        let (good, _) = load(&font_files(&folders), Some(cache.path()));
        let path = cache.path().join(INDEX_FILE);
        let sound = std::fs::read(&path).unwrap();

        let mut flipped = sound.clone();
        let at = flipped.len() / 2;
        flipped[at] ^= 0x01;
        let damaged: Vec<Vec<u8>> = vec![
            Vec::new(),
            sound[..sound.len() / 3].to_vec(),
            flipped,
            b"recap-font-index 1 typst-0.15 00\n{}".to_vec(),
            vec![0xff; 4096],
            sound.iter().filter(|&&b| b != b'\n').copied().collect(),
        ];
        for (k, bytes) in damaged.into_iter().enumerate() {
            std::fs::write(&path, &bytes).unwrap();
            let (files, r) = load(&font_files(&folders), Some(cache.path()));
            assert!(!r.loaded, "case {k}: a damaged index was trusted");
            assert_eq!((r.files_read, r.written), (2, true), "case {k}");
            assert_eq!(files, good, "case {k}");
            assert_eq!(
                std::fs::read(&path).unwrap(),
                sound,
                "case {k}: not rewritten whole"
            );
        }
        // A folder in the way of the index: no cache, still the fonts.
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        let (files, r) = load(&font_files(&folders), Some(cache.path()));
        assert_eq!((r.loaded, r.written), (false, false));
        assert_eq!(files, good);
    }

    #[test]
    fn processes_rebuilding_at_once_leave_a_sound_index() {
        let fonts = font_folder();
        let cache = tempfile::tempdir().unwrap();
        let folders = vec![fonts.path().to_path_buf()];
        let (expected, _) = load(&font_files(&folders), None);
        for _round in 0..5 {
            let _ = std::fs::remove_file(cache.path().join(INDEX_FILE));
            std::thread::scope(|s| {
                for _ in 0..4 {
                    s.spawn(|| {
                        let (files, _) = load(&font_files(&folders), Some(cache.path()));
                        assert_eq!(files, expected);
                    });
                }
            });
            let (files, r) = load(&font_files(&folders), Some(cache.path()));
            assert!(r.loaded && r.files_read == 0, "{r:?}");
            assert_eq!(files, expected);
            let leftovers = std::fs::read_dir(cache.path()).unwrap().count();
            assert_eq!(leftovers, 1, "temporary files left behind");
        }
    }
}
