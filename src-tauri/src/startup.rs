//! The startup log: when `RECAP_STARTUP_LOG` is set, the app prints `recap-ready <ms>` once the
//! library answers input (the startup benchmark reads it), then `recap-marks` with where the
//! time went, the shell's moments and the page's on one clock. When the variable's value is
//! the launcher's wall clock at the spawn (milliseconds since the Unix epoch), the app also
//! prints `recap-spawn-to-ready <ms>`: the start as the user lives it, including the ≈65 ms
//! the dynamic loader spends before `main` can note anything.

use recap_api::Mark;
use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub const STARTUP_LOG: &str = "RECAP_STARTUP_LOG";

/// Set by `main` before anything else, so the figure covers the whole start.
pub static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// The shell's own moments of the start, in milliseconds after `PROCESS_START`.
static SHELL_MARKS: Mutex<Vec<(&'static str, u128)>> = Mutex::new(Vec::new());

fn on() -> bool {
    std::env::var_os(STARTUP_LOG).is_some()
}

/// Notes a moment of the start (store opened, window set up, page loading…) for the log.
pub fn mark(name: &'static str) {
    if let (true, Some(start)) = (on(), PROCESS_START.get())
        && let Ok(mut marks) = SHELL_MARKS.lock()
    {
        marks.push((name, start.elapsed().as_millis()));
    }
}

/// The page's first screen answers input: print the log.
pub fn ready(page_marks: &[Mark]) {
    let Some(start) = PROCESS_START.get().filter(|_| on()) else {
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
    for m in page_marks {
        line.push_str(&format!(" {}={:.0}", m.name, m.at - start_epoch_ms));
    }
    println!("{line}");
}
