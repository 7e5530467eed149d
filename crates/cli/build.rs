//! Link `recap` as a position-dependent executable on Linux.
//!
//! Every `recap` run is a short process, so its start is part of every command's cost. A PIE
//! of this size (typst is linked in) carries ~100,000 relative relocations that the dynamic
//! loader applies on each start, copying every page of `.data.rel.ro` it touches: about 1.5 ms
//! of a 10 ms DOCX export (`make bench`). A non-PIE executable has those addresses fixed at link
//! time. What it gives up is address randomisation of the executable's own image (shared
//! libraries, stack and heap are still randomised); the desktop app keeps PIE.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
