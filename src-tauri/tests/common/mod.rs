//! What the tests on the real binary share: an X display and children that are stopped when
//! the test ends, however it ends.

#![allow(dead_code)] // each test file uses its own part of this module

pub mod webdriver;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a step of a test on the real app may take before it counts as failed.
pub const WAIT: Duration = Duration::from_secs(60);

/// Kills a child on drop: the X server, and tauri-driver (with SIGTERM, so that it stops its
/// WebKitWebDriver too and frees the port).
pub struct Guard(pub Child, pub bool);

impl Drop for Guard {
    fn drop(&mut self) {
        if self.1 {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(self.0.id().to_string())
                .status();
            for _ in 0..50 {
                if matches!(self.0.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An X display: the one we run under, else a private Xvfb. Xvfb picks a free display number
/// itself (`-displayfd`), so tests running side by side never share, or kill, one server.
pub fn display() -> (String, Option<Guard>) {
    if let Some(d) = std::env::var_os("DISPLAY").filter(|d| !d.is_empty()) {
        return (d.to_string_lossy().into_owned(), None);
    }
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1440x960x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (make test installs it)");
    // Xvfb writes the number once it accepts connections.
    let mut line = String::new();
    let out = child.stdout.take().expect("Xvfb's stdout");
    BufReader::new(out)
        .read_line(&mut line)
        .expect("Xvfb printed no display number");
    let n: u32 = line.trim().parse().expect("Xvfb's display number");
    (format!(":{n}"), Some(Guard(child, false)))
}

/// Starts the app and waits for its library to be interactive; returns the running app, or
/// how it ended if it stopped first.
pub fn start_until_ready(mut cmd: Command) -> Result<Guard, String> {
    let mut child = cmd
        .env("RECAP_STARTUP_LOG", "1")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("the app did not start: {e}"))?;
    let out = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.starts_with("recap-ready") {
                let _ = tx.send(());
            }
        }
    });
    let mut app = Guard(child, true);
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if rx.recv_timeout(Duration::from_millis(200)).is_ok() {
            return Ok(app);
        }
        if let Ok(Some(status)) = app.0.try_wait() {
            return Err(format!(
                "the app stopped before its library was shown: {status}"
            ));
        }
    }
    Err("the app never reported its library interactive".into())
}

/// The text LibreOffice reads from a DOCX: converted to PDF by `soffice`, read by `pdftotext`.
pub fn soffice_to_text(docx: &Path) -> String {
    let work = tempfile::tempdir().expect("a temporary folder");
    let profile = work.path().join("profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(work.path())
        .arg(docx)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("LibreOffice (make test installs it)");
    assert!(status.success(), "LibreOffice could not convert {docx:?}");
    let name = docx.with_extension("pdf");
    let pdf = work.path().join(name.file_name().expect("a file name"));
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (make test installs poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
