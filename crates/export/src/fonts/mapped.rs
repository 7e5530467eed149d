//! Font files mapped into memory instead of read.
//!
//! A Chinese font collection is 15–27 MB, of which one document uses a few hundred glyphs:
//! mapped, a file costs no copy, its pages are read from the page cache only when touched,
//! and they stay shared with every other process using the same font (and are given back
//! to the system under memory pressure without swapping).

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

/// A font file mapped read-only (cloning shares the mapping).
#[derive(Clone)]
pub(crate) struct MappedFont(Arc<memmap2::Mmap>);

impl AsRef<[u8]> for MappedFont {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Maps the font file at `path`.
pub(crate) fn map(path: &Path) -> std::io::Result<MappedFont> {
    let file = File::open(path)?;
    // The one place this crate maps memory (the workspace denies unsafe code elsewhere).
    #[allow(unsafe_code)]
    // SAFETY: `Mmap::map` is unsafe because the mapped bytes can change, or vanish (a
    // truncated file makes reading past its new end a SIGBUS), if another process writes the
    // file while it is mapped. The map is read-only and private to this process, and font
    // files are not written in place: packages and font managers install a new file and
    // rename it over the old one, which leaves the mapped inode as it was. A font file
    // truncated in place by hand while Recap has it mapped is the remaining case; every
    // program that maps fonts (fontconfig's caches, typst, browsers) shares it.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok(MappedFont(Arc::new(map)))
}
