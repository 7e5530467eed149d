//! Small filesystems for the fault tests: a tmpfs mounted for one test, filled to the brim on
//! demand. Mounting needs root (CI runs the tests as root, see the README's "Reliability and
//! security"); elsewhere `Tmpfs::mount` says why it skips and the test returns early.
//! Permission bits cannot stand in: root writes through `chmod 0555`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted on a temporary folder, unmounted when dropped.
pub struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// A tmpfs of `size` (as `mount -o size=` takes it: "2m", "8m"). `None`, with the reason
    /// printed as a `SKIPPED:` line, when this process cannot mount one.
    pub fn mount(size: &str) -> Option<Tmpfs> {
        if !is_root() {
            println!("SKIPPED: mounting a small filesystem needs root (CI runs as root)");
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            println!("SKIPPED: `mount -t tmpfs` failed (a container without CAP_SYS_ADMIN?)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Remounts with `mode` ("ro", "rw").
    pub fn remount(&self, mode: &str) -> Result<(), String> {
        let st = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(self.path())
            .status()
            .map_err(|e| format!("mount: {e}"))?;
        if st.success() {
            Ok(())
        } else {
            Err(format!("remount {mode} failed: {st}"))
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // Lazy: a store a failed assertion left open must not keep the mount alive.
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Fills the filesystem holding `dir` with one file until the disk says no more; returns the
/// file, whose removal gives the space back.
pub fn fill(dir: &Path) -> std::io::Result<PathBuf> {
    let path = dir.join("filler.bin");
    let mut f = std::fs::File::create(&path)?;
    let block = vec![0x5Au8; 4096];
    while f.write_all(&block).and_then(|()| f.sync_all()).is_ok() {}
    // Whatever still fits in a smaller piece too.
    let small = [0x5Au8; 64];
    while f.write_all(&small).and_then(|()| f.sync_all()).is_ok() {}
    Ok(path)
}
