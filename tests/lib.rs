//! Shared helpers for the acceptance tests (see the files under `tests/tests/`) and for the
//! helper programs under `tests/src/bin/`.

use std::path::PathBuf;

#[path = "src/disk.rs"]
pub mod disk;

/// A fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A small deterministic generator (SplitMix64): the crash harness and the program it kills
/// must derive the very same text from a seed, and tests must be repeatable from a printed
/// seed, so no system randomness is used past the seed itself.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A seed for this run: `RECAP_TEST_SEED` when set (to replay a failure), else the clock.
    pub fn seed_from_env() -> u64 {
        std::env::var("RECAP_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(0x5EED)
            })
    }
}

/// The first line of every crash-test version: `版本 N` (a heading, so it is also the title).
const VERSION_MARK: &str = "# 版本 ";

/// The text of version `n` of the crash-test document for `seed`. Sizes spread from a few
/// bytes to about 3 MB (most small, some large, as an editor's saves are), and every version
/// differs from every other, so each save adds exactly one revision.
pub fn crash_body(seed: u64, n: u64) -> String {
    let mut rng = Rng::new(seed ^ n.wrapping_mul(0xA24B_AED4_963E_E407));
    let target = match rng.below(100) {
        0..=59 => rng.below(2_000),
        60..=89 => 2_000 + rng.below(200_000),
        _ => 500_000 + rng.below(2_500_000),
    } as usize;
    let mut body = format!("{VERSION_MARK}{n}\n\n");
    // Whole lines drawn from a few CJK and ASCII pieces: cheap to make, and a mix of one- and
    // three-byte characters, so a torn write would also show as a broken character.
    const PIECES: [&str; 8] = [
        "今年完成续约",
        "客户成功",
        " Q3 revenue ",
        "复盘：",
        "问题与改进",
        "下一步计划。",
        "42%",
        "——",
    ];
    while body.len() < target {
        let words = 1 + rng.below(12);
        for _ in 0..words {
            body.push_str(PIECES[rng.below(PIECES.len() as u64) as usize]);
        }
        body.push_str(if rng.below(4) == 0 { "\n\n" } else { "\n" });
    }
    body.push_str(&format!("\n结束 {n}\n"));
    body
}

/// The version number written by [`crash_body`], read back from a text.
pub fn crash_version(body: &str) -> Option<u64> {
    body.strip_prefix(VERSION_MARK)?
        .split('\n')
        .next()?
        .parse()
        .ok()
}

/// The `recap` command-line program, for the process-level tests.
///
/// It belongs to another package (recap-cli), so Cargo does not build it for this one's
/// tests: `RECAP_BIN` names it when set; otherwise it is built here with the same Cargo and
/// target folder as the running test (a no-op when it is up to date, and it keeps a stale
/// binary from being tested after a change to the engine).
pub fn recap_bin() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("RECAP_BIN").filter(|b| !b.is_empty()) {
        return Ok(PathBuf::from(bin));
    }
    // The test runs as <target>/debug/deps/<test>-<hash>; the binary is <target>/debug/recap.
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .ok_or("the test binary is not in a Cargo target folder")?
        .to_path_buf();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = std::process::Command::new(cargo);
    build.args(["build", "--quiet", "-p", "recap-cli", "--bin", "recap"]);
    if profile_dir.ends_with("release") {
        build.arg("--release");
    }
    let status = build
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .map_err(|e| format!("cargo build -p recap-cli: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build -p recap-cli failed: {status}"));
    }
    let bin = profile_dir.join(format!("recap{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!("{} was not built", bin.display()))
    }
}
