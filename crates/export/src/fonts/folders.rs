//! Where the machine's fonts are: the folders to look in, and the font files under them with
//! what identifies a version of each (size and modification time).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// What identifies one version of a font file: a file replaced, rewritten or touched since
/// has another size or modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    pub size: u64,
    /// Modification time: seconds since the epoch (negative before it) and nanoseconds.
    pub secs: i64,
    pub nanos: u32,
}

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Stamp {
        let (secs, nanos) = match meta.modified() {
            Ok(t) => match t.duration_since(UNIX_EPOCH) {
                Ok(d) => (
                    i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                    d.subsec_nanos(),
                ),
                Err(before) => (
                    -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
                    before.duration().subsec_nanos(),
                ),
            },
            // A file system without modification times: the size alone must do.
            Err(_) => (0, 0),
        };
        Stamp {
            size: meta.len(),
            secs,
            nanos,
        }
    }
}

/// A font file found on the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundFile {
    pub path: PathBuf,
    pub stamp: Stamp,
}

/// The folders that hold the machine's fonts, in the order a font search visits them.
pub(crate) fn system_folders() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    platform_folders(home.as_deref())
}

#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
fn platform_folders(home: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = fontconfig_folders(home);
    if dirs.is_empty() {
        // No readable fontconfig configuration: the folders every distribution uses.
        dirs.push(PathBuf::from("/usr/share/fonts"));
        dirs.push(PathBuf::from("/usr/local/share/fonts"));
        if let Some(h) = home {
            dirs.push(h.join(".local/share/fonts"));
            dirs.push(h.join(".fonts"));
        }
    }
    dirs
}

/// The `<dir>` entries of fontconfig's configuration (the file `FONTCONFIG_FILE` names, else
/// the user's and the system's), `~` expanded.
#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
fn fontconfig_folders(home: Option<&Path>) -> Vec<PathBuf> {
    let mut config = fontconfig_parser::FontConfig::default();
    match std::env::var_os("FONTCONFIG_FILE").filter(|f| !f.is_empty()) {
        Some(file) => {
            let _ = config.merge_config(Path::new(&file));
        }
        None => {
            let user = std::env::var_os("XDG_CONFIG_HOME")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
                .or_else(|| home.map(|h| h.join(".config")));
            if let Some(user) = user {
                let _ = config.merge_config(&user.join("fontconfig/fonts.conf"));
            }
            let _ = config.merge_config(Path::new("/etc/fonts/fonts.conf"));
        }
    }
    let mut seen = HashSet::new();
    config
        .dirs
        .into_iter()
        .filter_map(|d| match d.path.strip_prefix("~") {
            Ok(rest) => home.map(|h| h.join(rest)),
            Err(_) => Some(d.path),
        })
        .filter(|p| seen.insert(p.clone()))
        .collect()
}

#[cfg(target_os = "windows")]
fn platform_folders(home: Option<&Path>) -> Vec<PathBuf> {
    let root = std::env::var_os("SYSTEMROOT")
        .or_else(|| std::env::var_os("WINDIR"))
        .map_or_else(|| PathBuf::from("C:\\Windows"), PathBuf::from);
    let mut dirs = vec![root.join("Fonts")];
    // Fonts installed for one user only.
    if let Some(h) = home {
        dirs.push(h.join("AppData\\Local\\Microsoft\\Windows\\Fonts"));
        dirs.push(h.join("AppData\\Roaming\\Microsoft\\Windows\\Fonts"));
    }
    dirs
}

#[cfg(target_os = "macos")]
fn platform_folders(home: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts"),
        PathBuf::from("/Network/Library/Fonts"),
    ];
    // Fonts macOS downloads on demand (the Chinese faces among them: Songti, Kaiti…).
    if let Ok(entries) = std::fs::read_dir("/System/Library/AssetsV2") {
        let mut assets: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("com_apple_MobileAsset_Font")
            })
            .map(|e| e.path())
            .collect();
        assets.sort();
        dirs.extend(assets);
    }
    if let Some(h) = home {
        dirs.push(h.join("Library/Fonts"));
    }
    dirs
}

#[cfg(not(any(unix, target_os = "windows")))]
fn platform_folders(_home: Option<&Path>) -> Vec<PathBuf> {
    Vec::new()
}

/// Whether typst can read a file of this name (TrueType and OpenType fonts and collections).
fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["ttf", "ttc", "otf", "otc"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Every font file under `folders` (recursively, links followed, each file once), sorted by
/// path so that the faces come in the same order on every run.
pub(crate) fn font_files(folders: &[PathBuf]) -> Vec<FoundFile> {
    let mut out = Vec::new();
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    let mut stack: Vec<PathBuf> = folders.iter().rev().cloned().collect();
    while let Some(dir) = stack.pop() {
        // A folder reached twice (two configured folders overlap, or a link loops) is read once.
        let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !seen_dirs.insert(key) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut subdirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            // A link: what it points to (a dangling one is skipped).
            let meta = if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(_) => continue,
                }
            } else if kind.is_dir() {
                subdirs.push(path);
                continue;
            } else {
                match entry.metadata() {
                    Ok(m) => m,
                    Err(_) => continue,
                }
            };
            if meta.is_dir() {
                subdirs.push(path);
            } else if meta.is_file() && is_font_file(&path) {
                let real = if kind.is_symlink() {
                    std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone())
                } else {
                    path
                };
                if seen_files.insert(real.clone()) {
                    out.push(FoundFile {
                        path: real,
                        stamp: Stamp::of(&meta),
                    });
                }
            }
        }
        subdirs.sort();
        stack.extend(subdirs.into_iter().rev());
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_files_are_found_once_through_links_and_loops() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/one.ttf"), b"x").unwrap();
        std::fs::write(root.join("a/b/two.OTC"), b"xy").unwrap();
        std::fs::write(root.join("a/readme.txt"), b"not a font").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a"), root.join("a/b/loop")).unwrap();
            std::os::unix::fs::symlink(root.join("a/one.ttf"), root.join("link.ttf")).unwrap();
            std::os::unix::fs::symlink(root.join("gone.ttf"), root.join("dangling.ttf")).unwrap();
        }
        let found = font_files(&[root.to_path_buf(), root.join("a")]);
        let names: Vec<String> = found
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["two.OTC", "one.ttf"], "{found:?}");
        assert_eq!(found[0].stamp.size, 2);
        assert!(font_files(&[root.join("missing")]).is_empty());
    }

    #[test]
    fn a_changed_file_has_another_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.ttf");
        std::fs::write(&p, b"abc").unwrap();
        let before = Stamp::of(&std::fs::metadata(&p).unwrap());
        std::fs::write(&p, b"abcd").unwrap();
        let after = Stamp::of(&std::fs::metadata(&p).unwrap());
        assert_ne!(before, after);
        assert_eq!(after.size, 4);
    }
}
