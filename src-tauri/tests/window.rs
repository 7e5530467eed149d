//! End to end on the real app window: the built `recap-desktop` under Xvfb, driven through
//! tauri-driver and WebKitWebDriver (both installed by `make test`), on a temporary store.
//!
//! One test, one journey, because each launch of WebKit costs seconds: create a document from
//! a template, type Chinese text, insert a snippet, wait for "saved", quit, relaunch and find
//! the text; export a DOCX (through the test-only export folder instead of the native dialog)
//! and read it with LibreOffice; open the hostile fixture and check that nothing ran.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test: a failed step is a failed test

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Guard, display};

const APP: &str = env!("CARGO_BIN_EXE_recap-desktop");
const WAIT: Duration = Duration::from_secs(30);

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

struct Driver {
    url: String,
    _proc: Guard,
}

fn start_driver(display: &str, data: &Path, out: &Path) -> Driver {
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

async fn launch(driver: &Driver) -> Client {
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

async fn wait_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

async fn click(c: &Client, css: &str) {
    wait_css(c, css).await.click().await.unwrap();
}

/// Polls a script until it returns true.
async fn wait_true(c: &Client, what: &str, script: &str) {
    let start = Instant::now();
    loop {
        if c.execute(script, vec![]).await.unwrap() == Value::Bool(true) {
            return;
        }
        assert!(start.elapsed() < WAIT, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn editor_text(c: &Client) -> String {
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
async fn shot(c: &Client, name: &str) {
    let dir = std::env::var_os("RECAP_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("recap-window-shots"));
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

const SAVED: &str = "const s = document.querySelector('[data-testid=\"save-state\"]'); return !!s && s.dataset.state === 'saved';";

fn soffice_to_text(docx: &Path) -> String {
    let work = tempfile::tempdir().unwrap();
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
    let pdf = work
        .path()
        .join(docx.with_extension("pdf").file_name().unwrap());
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "current_thread")]
async fn the_real_window_keeps_exports_and_stays_safe() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (disp, _xvfb) = display();
    let driver = start_driver(&disp, data.path(), out.path());

    // ── 1. gallery → form → editor; type Chinese; insert a snippet; saved ────────────────
    let c = launch(&driver).await;
    click(&c, "[data-testid=\"nav-gallery\"]").await;
    wait_css(&c, "[data-template=\"annual-five-part\"]").await;
    shot(&c, "gallery").await;
    click(&c, "[data-template=\"annual-five-part\"]").await;
    wait_css(&c, "[data-testid=\"nd-author\"]")
        .await
        .send_keys("林晓舟")
        .await
        .unwrap();
    let title = wait_css(&c, "[data-testid=\"nd-title\"]").await;
    title.clear().await.unwrap();
    title.send_keys("端到端测试总结").await.unwrap();
    click(&c, "[data-testid=\"nd-submit\"]").await;
    wait_css(&c, "[data-testid=\"editor\"] .ProseMirror h2").await;

    // The paragraph under the first section heading holds its prompt; a click selects it,
    // so typing replaces it.
    let para = wait_css(&c, "[data-testid=\"editor\"] .ProseMirror > h2 + p").await;
    para.click().await.unwrap();
    let typed = "全年完成客户续约率百分之九十二";
    // Keys go to the focused editing host (a paragraph itself is not focusable).
    c.active_element()
        .await
        .unwrap()
        .send_keys(typed)
        .await
        .unwrap();
    wait_true(
        &c,
        "the typed text",
        &format!(
            "return document.querySelector('[data-testid=\"editor\"] .ProseMirror').innerText.includes('{typed}');"
        ),
    )
    .await;
    let before_snippet = editor_text(&c).await.chars().count();
    click(&c, "[data-testid=\"insert-snippet\"]").await;
    wait_true(
        &c,
        "the snippet",
        &format!(
            "return document.querySelector('[data-testid=\"editor\"] .ProseMirror').innerText.length > {before_snippet};"
        ),
    )
    .await;
    let written = editor_text(&c).await;
    wait_true(&c, "the saved indicator", SAVED).await;
    shot(&c, "editor").await;
    c.close().await.unwrap();

    // ── 2. relaunch: the text is there ────────────────────────────────────────────────────
    let c = launch(&driver).await;
    wait_css(&c, "[data-testid=\"doc-row\"]").await;
    shot(&c, "library").await;
    click(&c, "[data-testid=\"doc-row\"]").await;
    wait_css(&c, "[data-testid=\"editor\"] .ProseMirror h2").await;
    let reopened = editor_text(&c).await;
    assert!(reopened.contains(typed), "typed text lost: {reopened}");
    assert_eq!(
        reopened.trim(),
        written.trim(),
        "the document reopens exactly as written"
    );

    // The check (体检) runs the engine's rules: the template's other prompts are still 【…】.
    click(&c, "[data-testid=\"open-check\"]").await;
    wait_css(&c, "[data-testid=\"finding\"][data-rule=\"placeholder\"]").await;
    shot(&c, "check").await;

    // ── 3. export DOCX; LibreOffice reads it ──────────────────────────────────────────────
    click(&c, "[data-testid=\"open-export\"]").await;
    click(&c, "[data-testid=\"format-docx\"]").await;
    wait_true(
        &c,
        "the page preview",
        "return document.querySelectorAll('[data-testid=\"preview-page\"]').length > 0 \
         && [...document.querySelectorAll('[data-testid=\"preview-page\"]')].every(i => i.complete) \
         && !document.querySelector('.preview[aria-busy=\"true\"]');",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    shot(&c, "export").await;
    click(&c, "[data-testid=\"export-save\"]").await;
    wait_css(&c, "[data-testid=\"export-done\"]").await;
    let docx = out.path().join("端到端测试总结.docx");
    assert!(docx.exists(), "no DOCX in the export folder");
    let text = soffice_to_text(&docx);
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squashed.contains(typed),
        "LibreOffice text lacks the typed words"
    );
    assert!(
        squashed.contains("端到端测试总结"),
        "LibreOffice text lacks the title"
    );
    c.close().await.unwrap();

    // ── 4. the hostile fixture runs nothing and calls no command ─────────────────────────
    let hostile = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile.md"),
    )
    .unwrap();
    {
        let store = recap_core::store::Store::open(data.path()).unwrap();
        store.add(&hostile).unwrap();
    }
    let c = launch(&driver).await;
    // Every command the page invokes from now on is recorded.
    c.execute(
        "const i = window.__TAURI_INTERNALS__; window.__calls = []; const orig = i.invoke; \
         i.invoke = function (cmd, args, opts) { window.__calls.push(cmd); return orig.call(this, cmd, args, opts); }; \
         return true;",
        vec![],
    )
    .await
    .unwrap();
    click(&c, "[data-testid=\"doc-row\"]").await;
    wait_css(&c, "[data-testid=\"editor\"] .ProseMirror").await;
    wait_true(
        &c,
        "the hostile text",
        "return document.querySelector('[data-testid=\"editor\"] .ProseMirror').innerText.includes('__pwned');",
    )
    .await;
    // Click every link of the document, as a user might.
    c.execute(
        "document.querySelectorAll('[data-testid=\"editor\"] a').forEach(a => a.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true})));",
        vec![],
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pwned = c
        .execute("return typeof window.__pwned;", vec![])
        .await
        .unwrap();
    assert_eq!(pwned, json!("undefined"), "the hostile document ran script");
    let active = c
        .execute(
            "return document.querySelectorAll('[data-testid=\"editor\"] script, [data-testid=\"editor\"] iframe, [data-testid=\"editor\"] img[onerror]').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(active, json!(0), "active elements in the editor");
    let calls = c.execute("return window.__calls;", vec![]).await.unwrap();
    let allowed = [
        "doc_get",
        "doc_list",
        "doc_trash",
        "doc_analyze",
        "doc_save",
        "templates_list",
        "plugin:event|listen",
        "plugin:event|unlisten",
    ];
    for call in calls.as_array().unwrap() {
        let name = call.as_str().unwrap_or_default();
        assert!(
            allowed.contains(&name),
            "the hostile document led to the command {name}: {calls}"
        );
    }
    c.close().await.unwrap();
}
