//! The fonts of the machine, discovered once per process, and the choice of one family per
//! font role from the style's fallback list.
//!
//! typst knows a font by the family name of its `name` table (the English one: "SimSun",
//! "FangSong_GB2312", "LXGW WenKai"). The styles list official Chinese names first
//! (仿宋_GB2312, 方正小标宋简体), so a second index maps every localized family name of the
//! CJK faces (read straight from their `name` tables, a few KB per face) to typst's name. It
//! is built lazily, only when a name is not found as it is.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use typst::text::{Font, FontBook, FontInfo, FontWeight};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontPath, FontStore};

/// All fonts of the machine.
pub(crate) struct FontLib {
    store: FontStore,
    /// Per face (same order as the book): the file and index in the collection.
    files: Vec<(PathBuf, u32)>,
    /// Lowercased localized family name -> typst's family name (built on first need).
    localized: OnceLock<HashMap<String, String>>,
    /// How long the discovery took.
    pub(crate) scan_time: Duration,
}

static FONTS: OnceLock<FontLib> = OnceLock::new();

/// The fonts of the machine; the first call scans the system (typst-kit, fontdb with
/// fontconfig's directories), later calls are free.
pub(crate) fn fonts() -> &'static FontLib {
    FONTS.get_or_init(|| {
        let started = Instant::now();
        let faces: Vec<(FontPath, FontInfo)> = typst_kit::fonts::system().collect();
        FontLib::new(faces, started.elapsed())
    })
}

/// The fonts, if they have been discovered already.
pub(crate) fn scanned() -> Option<&'static FontLib> {
    FONTS.get()
}

impl FontLib {
    fn new(faces: Vec<(FontPath, FontInfo)>, scan_time: Duration) -> Self {
        let mut store = FontStore::new();
        let mut files = Vec::with_capacity(faces.len());
        for (path, info) in faces {
            files.push((path.path.clone(), path.index));
            store.push((path, info));
        }
        FontLib {
            store,
            files,
            localized: OnceLock::new(),
            scan_time,
        }
    }

    pub(crate) fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    fn infos(&self) -> impl Iterator<Item = &FontInfo> {
        (0..self.files.len()).filter_map(|i| self.book().info(i))
    }

    /// typst's name of an installed family called `name` (as typst knows it, or by any
    /// localized name of a CJK face), if there is one.
    pub(crate) fn find_family(&self, name: &str) -> Option<String> {
        let lower = name.trim().to_lowercase();
        if lower.is_empty() {
            return None;
        }
        if let Some(i) = self.book().select_family(&lower).next() {
            return self.book().info(i).map(|info| info.family.clone());
        }
        self.localized().get(&lower).cloned()
    }

    fn localized(&self) -> &HashMap<String, String> {
        self.localized.get_or_init(|| {
            let mut map = HashMap::new();
            let mut seen: HashMap<(&Path, u32), ()> = HashMap::new();
            for (i, (path, index)) in self.files.iter().enumerate() {
                let Some(info) = self.book().info(i) else {
                    continue;
                };
                // Only faces that can set Chinese text carry the names the styles use.
                if !info.coverage.contains(u32::from('中'))
                    || seen.insert((path, *index), ()).is_some()
                {
                    continue;
                }
                for name in family_names(path, *index).unwrap_or_default() {
                    map.entry(name.to_lowercase())
                        .or_insert_with(|| info.family.clone());
                }
            }
            map
        })
    }

    /// The characters of `chars` that no installed font can show (they print as a box).
    /// The families in `first` are tried before all others, which settles nearly every
    /// character of a Chinese text at once.
    pub(crate) fn uncovered(&self, chars: &BTreeSet<char>, first: &[&str]) -> Vec<char> {
        let book = self.book();
        let preferred: Vec<&FontInfo> = first
            .iter()
            .flat_map(|f| book.select_family(&f.to_lowercase()).collect::<Vec<_>>())
            .filter_map(|i| book.info(i))
            .collect();
        let all: Vec<&FontInfo> = self.infos().collect();
        let covered =
            |infos: &[&FontInfo], c: char| infos.iter().any(|i| i.coverage.contains(u32::from(c)));
        chars
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(*c))
            .filter(|c| !covered(&preferred, *c) && !covered(&all, *c))
            .collect()
    }

    /// The first family with every one of `chars`: of `first`, else of all installed ones
    /// (in name order, for the same result on every run).
    pub(crate) fn family_covering(&self, chars: &[char], first: &[&str]) -> Option<String> {
        let has_all = |info: &FontInfo| chars.iter().all(|c| info.coverage.contains(u32::from(*c)));
        let book = self.book();
        for f in first {
            let lower = f.to_lowercase();
            if book
                .select_family(&lower)
                .filter_map(|i| book.info(i))
                .any(has_all)
            {
                return Some((*f).to_string());
            }
        }
        let mut all: Vec<&str> = self
            .infos()
            .filter(|i| has_all(i))
            .map(|i| i.family.as_str())
            .collect();
        all.sort_unstable();
        all.first().map(|f| (*f).to_string())
    }

    /// Whether `family` has a face heavy enough to show bold text (weight ≥ 600).
    pub(crate) fn has_bold(&self, family: &str) -> bool {
        let lower = family.to_lowercase();
        self.book()
            .select_family(&lower)
            .filter_map(|i| self.book().info(i))
            .any(|info| info.variant.weight >= FontWeight::SEMIBOLD)
    }

    /// A family that can set Chinese text, for a role none of whose fonts is installed:
    /// the well-known free faces first (serif or sans as the role asks), then any installed
    /// family covering the common ideographs, then any family at all.
    pub(crate) fn fallback_family(&self, sans: bool) -> Option<String> {
        const SERIF: &[&str] = &[
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "AR PL UMing CN",
            "LXGW WenKai",
        ];
        const SANS: &[&str] = &[
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei",
            "Droid Sans Fallback",
        ];
        let (first, second) = if sans { (SANS, SERIF) } else { (SERIF, SANS) };
        if let Some(f) = first.iter().chain(second).find_map(|n| self.find_family(n)) {
            return Some(f);
        }
        let probe = ['中', '文', '的', '年'];
        let mut cjk: Vec<&str> = self
            .infos()
            .filter(|info| probe.iter().all(|c| info.coverage.contains(u32::from(*c))))
            .map(|info| info.family.as_str())
            .collect();
        cjk.sort_unstable();
        if let Some(f) = cjk.first() {
            return Some((*f).to_string());
        }
        let mut any: Vec<&str> = self.infos().map(|info| info.family.as_str()).collect();
        any.sort_unstable();
        any.first().map(|f| (*f).to_string())
    }
}

/// Format characters that have no glyph by design (zero-width spaces and joiners, bidi
/// controls, BOM, variation selectors, tags).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

/// Which family a role uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    /// typst's name of the family.
    pub family: String,
    /// True when none of the role's families is installed and a fallback was taken.
    pub fallback: bool,
}

/// The first installed family of `candidates`, else a fallback. `None` only when the machine
/// has no font at all.
pub(crate) fn choose(lib: &FontLib, candidates: &[String], sans: bool) -> Option<Choice> {
    if let Some(family) = candidates.iter().find_map(|c| lib.find_family(c)) {
        return Some(Choice {
            family,
            fallback: false,
        });
    }
    lib.fallback_family(sans).map(|family| Choice {
        family,
        fallback: true,
    })
}

/// Every family name (name IDs 1 and 16, all languages) of face `index` of the font file at
/// `path`, read from the `name` table without loading the rest of the file.
pub(crate) fn family_names(path: &Path, index: u32) -> std::io::Result<Vec<String>> {
    let mut f = File::open(path)?;
    let mut head = [0u8; 12];
    f.read_exact(&mut head)?;
    let mut face_offset = 0u64;
    if &head[0..4] == b"ttcf" {
        let count = be32(&head, 8);
        if index >= count {
            return Ok(Vec::new());
        }
        f.seek(SeekFrom::Start(12 + 4 * u64::from(index)))?;
        let mut off = [0u8; 4];
        f.read_exact(&mut off)?;
        face_offset = u64::from(be32(&off, 0));
        f.seek(SeekFrom::Start(face_offset))?;
        f.read_exact(&mut head)?;
    }
    let tables = usize::from(be16(&head, 4));
    let mut dir = vec![0u8; tables * 16];
    f.seek(SeekFrom::Start(face_offset + 12))?;
    f.read_exact(&mut dir)?;
    let Some(rec) = dir.chunks_exact(16).find(|r| &r[0..4] == b"name") else {
        return Ok(Vec::new());
    };
    let (offset, length) = (u64::from(be32(rec, 8)), be32(rec, 12));
    // A name table is a few KB; refuse absurd sizes rather than allocate them.
    if length > 4 << 20 {
        return Ok(Vec::new());
    }
    let mut table = vec![0u8; length as usize];
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(&mut table)?;
    Ok(parse_name_table(&table))
}

fn be16(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .map_or(0, |s| u16::from_be_bytes([s[0], s[1]]))
}

fn be32(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// The family names (IDs 1 and 16) of a `name` table, Unicode and Windows records decoded
/// from UTF-16BE, Macintosh Roman records taken when they are ASCII.
pub(crate) fn parse_name_table(t: &[u8]) -> Vec<String> {
    let count = usize::from(be16(t, 2));
    let strings = usize::from(be16(t, 4));
    let mut out: Vec<String> = Vec::new();
    for k in 0..count {
        let r = 6 + 12 * k;
        let (platform, encoding, name_id) = (be16(t, r), be16(t, r + 2), be16(t, r + 6));
        let (len, off) = (usize::from(be16(t, r + 8)), usize::from(be16(t, r + 10)));
        if name_id != 1 && name_id != 16 {
            continue;
        }
        let Some(raw) = t.get(strings + off..strings + off + len) else {
            continue;
        };
        let name = match (platform, encoding) {
            (0, _) | (3, 0 | 1 | 10) => {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            (1, 0) if raw.is_ascii() => String::from_utf8_lossy(raw).into_owned(),
            _ => continue,
        };
        let name = name.trim().to_string();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn a_role_without_any_installed_font_falls_back_and_says_so() {
        let lib = fonts();
        if lib.is_empty() {
            return;
        }
        let missing = vec![
            "不存在的字体".to_string(),
            "No Such Font Family".to_string(),
        ];
        let c = choose(lib, &missing, false).unwrap();
        assert!(c.fallback);
        assert!(!c.family.is_empty());
        let some = lib.book().info(0).unwrap().family.clone();
        let c = choose(
            lib,
            &["No Such Font".to_string(), some.to_uppercase()],
            false,
        )
        .unwrap();
        assert_eq!((c.family, c.fallback), (some, false));
    }

    #[test]
    fn localized_family_names_are_found() {
        // fonts-lxgw-wenkai names itself 霞鹜文楷 in Chinese.
        let lib = fonts();
        assert!(
            lib.find_family("LXGW WenKai").is_some(),
            "fonts-lxgw-wenkai is missing: `make test` installs it"
        );
        assert_eq!(lib.find_family("霞鹜文楷").as_deref(), Some("LXGW WenKai"));
    }

    #[test]
    fn name_tables_give_every_family_name() {
        // Three records: Windows en-US family, Windows zh-CN family, a full name (ID 4).
        let names = [
            (3u16, 1u16, 0x409u16, 1u16, utf16("FangSong")),
            (3, 1, 0x804, 1, utf16("仿宋")),
            (3, 1, 0x409, 4, utf16("FangSong Regular")),
        ];
        let mut strings: Vec<u8> = Vec::new();
        let mut t = vec![0, 0, 0, names.len() as u8, 0, (6 + 12 * names.len()) as u8];
        for (p, e, l, id, s) in &names {
            for v in [*p, *e, *l, *id, s.len() as u16, strings.len() as u16] {
                t.extend(v.to_be_bytes());
            }
            strings.extend(s);
        }
        t.extend(strings);
        assert_eq!(
            parse_name_table(&t),
            vec!["FangSong".to_string(), "仿宋".to_string()]
        );
        // Truncated tables give what they can, never panic.
        for n in 0..t.len() {
            let _ = parse_name_table(&t[..n]);
        }
    }
}
