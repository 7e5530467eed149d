//! The app itself: what the UI needs at start, its first interactive moment, external links.

use super::{IpcError, IpcResult, app_lang};
use crate::AppState;
use crate::dto::{AppInfo, StartupMark};
use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tauri::State;

/// Set by `main` before anything else, so the startup figure covers the whole start.
pub static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// When set, the app prints `recap-ready <ms>` on stdout once the UI is interactive (the
/// startup benchmark reads it), then `recap-marks` with where the time went. When its value is
/// the launcher's wall clock at the spawn (milliseconds since the Unix epoch, with decimals if
/// it likes), the app also prints `recap-spawn-to-ready <ms>`: the start as the user lives it,
/// including the ≈65 ms the dynamic loader spends before `main` can note anything.
pub const STARTUP_LOG: &str = "RECAP_STARTUP_LOG";

/// The shell's own moments of the start, in milliseconds after `PROCESS_START`.
static SHELL_MARKS: Mutex<Vec<(&'static str, u128)>> = Mutex::new(Vec::new());

fn startup_log_on() -> bool {
    std::env::var_os(STARTUP_LOG).is_some()
}

/// Notes a moment of the start (store opened, window set up, page loading…) for the log.
pub fn startup_mark(name: &'static str) {
    if let (true, Some(start)) = (startup_log_on(), PROCESS_START.get())
        && let Ok(mut marks) = SHELL_MARKS.lock()
    {
        marks.push((name, start.elapsed().as_millis()));
    }
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    let store = &state.store;
    let lang = app_lang(store);
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: store.data_dir().display().to_string(),
        lang: lang.into(),
        store_notice: store
            .open_report()
            .map(|e| IpcError::from_core(e, lang).into()),
    })
}

/// The UI calls this once, when the library first answers input, with its own marks (script
/// running, api loaded, data fetched…) so the log shows the whole start on one clock.
#[tauri::command]
pub fn ui_ready(marks: Option<Vec<StartupMark>>) {
    let Some(start) = PROCESS_START.get().filter(|_| startup_log_on()) else {
        return;
    };
    let elapsed = start.elapsed();
    println!("recap-ready {}", elapsed.as_millis());
    let now_epoch_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    let start_epoch_ms = now_epoch_ms - elapsed.as_secs_f64() * 1000.0;
    let spawned_at = std::env::var(STARTUP_LOG)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|t| *t > 1.0e12 && *t <= now_epoch_ms);
    if let Some(t) = spawned_at {
        println!("recap-spawn-to-ready {:.0}", now_epoch_ms - t);
    }
    let mut line = String::from("recap-marks");
    if let Ok(shell) = SHELL_MARKS.lock() {
        for (name, ms) in shell.iter() {
            line.push_str(&format!(" {name}={ms}"));
        }
    }
    for m in marks.unwrap_or_default().iter().take(32) {
        let name: String = m
            .name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(24)
            .collect();
        line.push_str(&format!(" {name}={:.0}", m.at - start_epoch_ms));
    }
    println!("{line}");
}

/// Opens a link of a document in the system browser, after the user clicked it. Only http(s)
/// and mailto links: a document cannot make the app open files or run programs.
#[tauri::command]
pub fn open_link(state: State<'_, AppState>, url: String) -> IpcResult<()> {
    let lang = app_lang(&state.store);
    let refused = || {
        IpcError::new(
            "not-allowed",
            format!(
                "{} {url}",
                lang.pick(
                    "只能打开 http(s) 或邮件链接：",
                    "只能開啟 http(s) 或郵件連結：",
                    "Only http(s) and mail links can be opened:"
                )
            ),
        )
    };
    let parsed = tauri::Url::parse(url.trim()).map_err(|_| refused())?;
    if !matches!(parsed.scheme(), "http" | "https" | "mailto") {
        return Err(refused());
    }
    tauri_plugin_opener::open_url(parsed.as_str(), None::<&str>).map_err(|e| {
        IpcError::new(
            "open-failed",
            format!(
                "{} {url}: {e}",
                lang.pick("无法打开", "無法開啟", "Could not open")
            ),
        )
    })
}
