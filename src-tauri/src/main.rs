// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    recap_desktop::mark_start();
    recap_desktop::prepare_webview_env();
    if let Err(e) = recap_desktop::run() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
