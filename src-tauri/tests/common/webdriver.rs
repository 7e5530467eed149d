//! Driving the real app window: tauri-driver (WebKitWebDriver underneath) on a private display,

#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a failed step is a failed test
//! the app on a store of the test's choosing, and the few waits every journey needs.

use super::Guard;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const APP: &str = env!("CARGO_BIN_EXE_recap-desktop");
pub const WAIT: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// tauri-driver: `make test` installs it under the cache's tools folder.
fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let cache = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cache/recap/tools/bin/tauri-driver"))
        .filter(|p| p.exists());
    cache.unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

pub struct Driver {
    url: String,
    _proc: Guard,
}

pub fn start_driver(display: &str, data: &Path, out: &Path) -> Driver {
    let port = free_port();
    let native = free_port();
    let child = Command::new(tauri_driver())
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("DISPLAY", display)
        .env("RECAP_DATA_DIR", data)
        .env("RECAP_TEST_EXPORT_DIR", out)
        .env("LANG", "zh_CN.UTF-8")
        // No session bus here: the app runs without its single-instance guard.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver: run `make test` (it installs tauri-driver) or set TAURI_DRIVER");
    let guard = Guard(child, true);
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < WAIT, "tauri-driver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver {
        url: format!("http://127.0.0.1:{port}"),
        _proc: guard,
    }
}

pub async fn launch(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert("tauri:options".into(), json!({ "application": APP }));
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session on the app");
    // The library (or its empty state) is the first screen.
    wait_css(&client, "[data-testid=\"nav-gallery\"]").await;
    client
}

pub async fn wait_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

pub async fn click(c: &Client, css: &str) {
    wait_css(c, css).await.click().await.unwrap();
}

/// Polls a script until it returns true.
pub async fn wait_true(c: &Client, what: &str, script: &str) {
    let start = Instant::now();
    loop {
        if c.execute(script, vec![]).await.unwrap() == Value::Bool(true) {
            return;
        }
        assert!(start.elapsed() < WAIT, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

pub async fn editor_text(c: &Client) -> String {
    let v = c
        .execute(
            "const e = document.querySelector('[data-testid=\"editor\"] .ProseMirror'); \
             return e ? e.innerText : '';",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// Saves what the window shows, for people to look at (README screenshots come from here):
/// into `RECAP_SCREENSHOT_DIR`, else the system's temporary folder.
pub async fn shot(c: &Client, name: &str) {
    let dir = std::env::var_os("RECAP_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("recap-window-shots"));
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Pastes into the editor as the system clipboard would: a `paste` event whose clipboard holds
/// `text` (and `html`, when given), so the editor's own paste handling runs.
pub async fn paste(c: &Client, text: &str, html: Option<&str>) {
    c.execute(
        "const [text, html] = arguments; \
         const dt = new DataTransfer(); \
         dt.setData('text/plain', text); \
         if (html) dt.setData('text/html', html); \
         const pm = document.querySelector('[data-testid=\"editor\"] .ProseMirror'); \
         pm.focus(); \
         pm.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); \
         return true;",
        vec![json!(text), json!(html)],
    )
    .await
    .unwrap();
}

/// A script for [`wait_true`]: is the status line's save state `kind` (saved, dirty, saving,
/// failed, confirm-empty)?
pub fn save_state_is(kind: &str) -> String {
    format!(
        "const s = document.querySelector('[data-testid=\"save-state\"]'); \
         return !!s && s.dataset.state === '{kind}';"
    )
}
