//! How the app and WebKit's processes are loaded (src-tauri/build.rs, `prepare_webview_env`).
//! Where the WebKitGTK we link depends on the Flite voice whose ≈31,000 symbols dominate the
//! dynamic loader's start, the app names it among its first libraries, and WebKit's web
//! process, started by the real app, has it preloaded. Where WebKitGTK does not depend on it,
//! the app does not name it either. (What this is worth is a figure for scripts/bench-startup.sh,
//! not for a test.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test: a failed step is a failed test

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{WAIT, display, start_until_ready};

const APP: &str = env!("CARGO_BIN_EXE_recap-desktop");
const VOICE: &str = "libflite_cmu_time_awb.so.1";

/// Where the WebKitGTK library finds the voice, if it depends on it at all.
fn webkit_voice() -> Option<String> {
    let libdir = Command::new("pkg-config")
        .args(["--variable=libdir", "webkit2gtk-4.1"])
        .output()
        .expect("pkg-config (make test installs it)");
    let webkit =
        Path::new(String::from_utf8_lossy(&libdir.stdout).trim()).join("libwebkit2gtk-4.1.so.0");
    let ldd = Command::new("ldd").arg(&webkit).output().expect("ldd");
    String::from_utf8_lossy(&ldd.stdout).lines().find_map(|l| {
        let w: Vec<&str> = l.split_whitespace().collect();
        (w.len() >= 3 && w[0] == VOICE && w[1] == "=>").then(|| w[2].to_string())
    })
}

/// The libraries the app names itself, in the order the loader searches them.
fn needed(binary: &str) -> Vec<String> {
    let out = Command::new("readelf")
        .args(["-d", binary])
        .output()
        .expect("readelf (binutils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| Some(l.split('[').nth(1)?.trim_end_matches(']').to_string()))
        .collect()
}

/// The pids whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": the name may hold spaces and parentheses.
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        if after.split_whitespace().nth(1) == Some(pid.to_string().as_str()) {
            out.push(child);
        }
    }
    out
}

fn environ(pid: u32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/environ"))
        .unwrap_or_default()
        .split(|b| *b == 0)
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect()
}

#[test]
fn the_voice_webkit_loads_is_searched_first_by_the_app_and_its_web_process() {
    let needed = needed(APP);
    assert!(
        needed.iter().any(|n| n.starts_with("libwebkit2gtk")),
        "readelf found no libraries in {APP}: {needed:?}"
    );
    let Some(voice) = webkit_voice() else {
        assert!(
            !needed.iter().any(|n| n == VOICE),
            "the app names {VOICE} though WebKitGTK does not use it"
        );
        return;
    };
    // Among the app's own libraries, which the loader searches before any they pull in.
    assert!(
        needed.iter().any(|n| n == VOICE),
        "WebKitGTK depends on {voice}, but the app does not name it: {needed:?}"
    );

    let (display, _x) = display();
    let data = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(APP);
    cmd.env("DISPLAY", &display)
        .env("RECAP_DATA_DIR", data.path())
        .env_remove("LD_PRELOAD")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stderr(Stdio::null());
    let app = start_until_ready(cmd).unwrap_or_else(|why| panic!("{why}"));

    let start = Instant::now();
    let web = loop {
        let found = children(app.0.id()).into_iter().find(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|c| c.trim().starts_with("WebKitWebProces"))
        });
        if let Some(pid) = found {
            break pid;
        }
        assert!(start.elapsed() < WAIT, "no WebKitWebProcess under the app");
        std::thread::sleep(Duration::from_millis(100));
    };
    let preload = environ(web)
        .into_iter()
        .find_map(|v| v.strip_prefix("LD_PRELOAD=").map(str::to_string));
    assert_eq!(
        preload.as_deref(),
        Some(voice.as_str()),
        "the web process was not started with the voice preloaded"
    );
}
