//! Reading and writing the user's files: bounded reads, and writes that never leave a
//! half-written file (a temporary file in the same folder, flushed, then renamed over).

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::Path;

/// Largest document file we read: far beyond any real summary, small enough to stay safe.
pub const MAX_TEXT_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a whole file, refusing one over `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
    let size = file
        .metadata()
        .map_err(|e| Error::io("read", path, e))?
        .len();
    if size > limit {
        return Err(Error::TooLarge {
            what: "file",
            size,
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` also bounds a file that grows while we read it.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            what: "file",
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a UTF-8 text file (a leading BOM is dropped).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = read_bytes(path, MAX_TEXT_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::invalid(
            "encoding",
            format!(
                "{} is not UTF-8 text (first bad byte at {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Writes `bytes` to `path` so that the file is either the old one or the whole new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".recap-").suffix(".part");
    // A temporary file is private (0600); the document it becomes is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io("create", dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io("write", path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::io("rename", path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable: without this a power cut can bring back the old name (the
/// file is still whole either way, so a failure here is not an error of the write).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    // Windows cannot open a folder as a file; NTFS journals the rename itself.
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        write_atomic(&p, "旧".as_bytes()).unwrap();
        write_atomic(&p, "新内容".as_bytes()).unwrap();
        assert_eq!(read_text(&p).unwrap(), "新内容");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                mode, 0o644,
                "an exported file is readable like any other document"
            );
        }
    }

    #[test]
    fn unwritable_target_is_a_clear_error() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.md"), b"x").unwrap_err();
        assert_eq!(err.code(), "file-not-found");
    }

    #[test]
    fn limits_and_encoding_are_enforced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 100]).unwrap();
        assert_eq!(read_bytes(&p, 10).unwrap_err().code(), "too-large");
        std::fs::write(&p, [0xff, 0xfe, 0x41]).unwrap();
        assert_eq!(read_text(&p).unwrap_err().code(), "invalid-input");
        std::fs::write(&p, "\u{feff}正文").unwrap();
        assert_eq!(read_text(&p).unwrap(), "正文");
    }
}
