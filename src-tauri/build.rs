//! Tauri's build step, and on Linux which library the dynamic loader searches first.
//!
//! Debian's WebKitGTK links Flite for speech synthesis, and one of Flite's voices,
//! libflite_cmu_time_awb, exports ≈31,000 symbols that its own tables refer to. WebKitGTK is
//! bound eagerly (`-z now`), so the loader looks every one of them up when the app starts,
//! walking its search list from the front — where that voice sat 81st of ≈170 libraries. Those
//! walks were two thirds of the loader's work: ≈30 ms of each start before `main`
//! (`LD_DEBUG=bindings`, counted per library and weighted by position; `perf`: `do_lookup_x`).
//! Named as one of the app's own libraries, the voice comes 17th and each lookup stops early
//! (`perf stat` on a start that exits at `main`: 92 → 68 ms). WebKit's own
//! web and network processes start the same way, so the path is also handed to the app
//! (`RECAP_SEARCH_FIRST`), which preloads it for them (see `prepare_webview_env`). None of the
//! voice's symbols is defined by any other library WebKitGTK loads, so searching it first
//! changes what each lookup costs, never what it finds. It is only named when the WebKitGTK
//! being linked really depends on it (asked of `ldd` here); cross builds are left as they are.
use std::path::Path;
use std::process::Command;

/// Libraries whose own symbols the loader looks up by the thousand at every start.
const LOOKED_UP_MOST: &[&str] = &["libflite_cmu_time_awb.so.1"];

fn main() {
    search_looked_up_libraries_first();
    tauri_build::build();
}

fn search_looked_up_libraries_first() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    if target != host || !target.ends_with("linux-gnu") {
        return;
    }
    let Some(webkit) = webkit_library() else {
        return;
    };
    let Ok(out) = Command::new("ldd").arg(&webkit).output() else {
        return;
    };
    let mut first = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // "\tlibflite_cmu_time_awb.so.1 => /lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.1 (0x…)"
        let mut words = line.split_whitespace();
        let (Some(name), Some("=>"), Some(path)) = (words.next(), words.next(), words.next())
        else {
            continue;
        };
        if !LOOKED_UP_MOST.contains(&name) {
            continue;
        }
        // Kept although no code of ours calls into it (hence --no-as-needed): its place in the
        // list is the point. Linker arguments come after the app's other libraries, so it is
        // searched right after the ≈16 the app names itself, before the ≈150 they pull in.
        println!("cargo:rustc-link-arg-bins=-Wl,--push-state,--no-as-needed,{path},--pop-state");
        first.push(path.to_string());
    }
    if !first.is_empty() {
        println!("cargo:rustc-env=RECAP_SEARCH_FIRST={}", first.join(":"));
    }
}

fn webkit_library() -> Option<std::path::PathBuf> {
    let out = Command::new("pkg-config")
        .args(["--variable=libdir", "webkit2gtk-4.1"])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?;
    let lib = Path::new(dir.trim()).join("libwebkit2gtk-4.1.so.0");
    lib.exists().then_some(lib)
}
