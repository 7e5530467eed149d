//! The desktop shell: a Tauri window over the web UI. The page reaches the engine through one
//! command (`api`, see command.rs) that hands the contract's operations to recap-api; what
//! only a desktop can do (dialogs, opening files, the menu) is its `Host` (host.rs). No
//! product rule lives here.

mod command;
mod host;
mod menu;
mod menu_font;
mod startup;

pub use command::{AppState, api};
pub use host::{TEST_EXPORT_DIR, TauriHost};

use recap_api::Workspace;
use recap_core::store::Store;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::Manager;

/// Remembers when the process started (for the startup figure); call first thing in `main`.
pub fn mark_start() {
    let _ = startup::PROCESS_START.set(std::time::Instant::now());
}

/// Chooses how GTK and WebKitGTK draw and how WebKit's own processes load, before anything
/// starts them. Call first thing in `main`, while the process has one thread.
///
/// GPU compositing buys a writing app nothing: the page is text, and a frame that changes is
/// a few lines. Without it the web process needs about 100 MB less (release build under Xvfb:
/// 251 → 144 MB PSS) and the blank-window failures of some GPU drivers cannot happen; and GTK
/// itself, which the app never asks for OpenGL, skips probing GLX (≈50 ms of the start).
/// Measured with scripts/bench-startup.sh. A value the user set wins
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns compositing back on). Programs the app opens
/// (the exported file's viewer, the browser) inherit both; they only switch off the same GPU
/// paths in other GTK 3 / WebKitGTK programs, which draw correctly without them.
///
/// WebKit's web and network processes also get the library the build put early in this
/// process's search list (build.rs, `RECAP_SEARCH_FIRST`) preloaded: their dynamic loader then
/// skips the same ≈31,000 long lookups (≈25 ms of each process's start; the web process's is
/// on the way to the first page). Only when the user preloads nothing and the file is still
/// where the build found it. Programs the app opens inherit it too and load a library they
/// would not use: nothing in it runs, and none of its symbols exists anywhere else.
#[allow(unsafe_code)]
pub fn prepare_webview_env() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let mut vars = vec![
        ("WEBKIT_DISABLE_COMPOSITING_MODE", "1".to_string()),
        ("GDK_GL", "disable".to_string()),
    ];
    let first: Vec<&str> = option_env!("RECAP_SEARCH_FIRST")
        .unwrap_or("")
        .split(':')
        .filter(|p| !p.is_empty() && std::path::Path::new(p).is_file())
        .collect();
    if !first.is_empty() {
        vars.push(("LD_PRELOAD", first.join(":")));
    }
    for (var, value) in vars {
        if std::env::var_os(var).is_none() {
            // SAFETY: called at the start of `main`, before any other thread exists, so
            // nothing can read the environment while it changes.
            unsafe { std::env::set_var(var, value) };
        }
    }
}

/// Can the single-instance plugin reach the session bus it needs on Linux? Without one (a bare
/// X server, some containers) the plugin cannot work, and with an address it cannot parse
/// (`DBUS_SESSION_BUS_ADDRESS=disabled:`, a transport zbus lacks) it panics while the app
/// builds; the app then runs without the single-instance guard rather than not at all.
#[cfg(target_os = "linux")]
fn single_instance_possible() -> bool {
    let bus_named = match std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
        Some(addr) => !addr.to_string_lossy().trim().is_empty(),
        None => std::env::var_os("XDG_RUNTIME_DIR")
            .map(|d| PathBuf::from(d).join("bus").exists())
            .unwrap_or(false),
    };
    // The same call the plugin makes (and unwraps): whatever it refuses, we refuse first.
    bus_named && zbus::blocking::connection::Builder::session().is_ok()
}

#[cfg(not(target_os = "linux"))]
fn single_instance_possible() -> bool {
    true
}

pub fn run() -> Result<(), String> {
    let lang = recap_core::Lang::app_default();
    if cfg!(target_os = "linux")
        && ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .all(|v| std::env::var_os(v).is_none_or(|d| d.is_empty()))
    {
        // GTK would stop the process with a panic; say it plainly instead.
        return Err(lang
            .pick(
                "找不到图形界面（没有设置 DISPLAY 或 WAYLAND_DISPLAY）。请在桌面环境中打开 Recap；命令行请用 recap。",
                "找不到圖形介面（沒有設定 DISPLAY 或 WAYLAND_DISPLAY）。請在桌面環境中開啟 Recap；命令列請用 recap。",
                "No graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set). Open Recap from a desktop session; on the command line, use recap.",
            )
            .to_string());
    }
    let store = Arc::new(Store::open_default().map_err(|e| e.message(lang))?);
    startup::mark("store");
    for w in store.open_warnings() {
        eprintln!("recap: {}", w.message(lang));
    }
    let mut builder = tauri::Builder::default();
    if single_instance_possible() {
        // Registered first, so that a second launch exits before it builds anything.
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }));
    } else {
        eprintln!(
            "recap: {}",
            lang.pick(
                "找不到会话总线（D-Bus），本次不防止重复打开。",
                "找不到工作階段匯流排（D-Bus），本次不防止重複開啟。",
                "No session bus (D-Bus): running without the single-instance guard."
            )
        );
    }
    builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let host = TauriHost::new(app.handle().clone());
            let ws = Arc::new(Workspace::new(store.clone(), Arc::new(host)));
            let lang = ws.lang();
            app.manage(AppState { ws });
            menu_font::prefer_chinese_sans();
            app.set_menu(menu::build(app.handle(), lang)?)?;
            startup::mark("setup");
            Ok(())
        })
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Started {
                startup::mark("page");
            }
        })
        .on_menu_event(menu::on_event)
        .invoke_handler(tauri::generate_handler![api])
        .run(tauri::generate_context!())
        .map_err(|e| e.to_string())
}
