//! `recap-save-loop DATA_DIR DOC_ID SEED FIRST_VERSION`: saves versions FIRST_VERSION,
//! FIRST_VERSION+1, … of the crash-test document (`recap_tests::crash_body`) through the
//! store API, forever, printing `ack N` on standard output after each save returned Ok.
//!
//! The crash harness (`tests/tests/crash.rs`) kills it with SIGKILL at random moments and
//! checks that the store holds the last acknowledged version or the one in flight.

use recap_core::store::{SaveMode, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, id, seed, first] = args.as_slice() else {
        eprintln!("usage: recap-save-loop DATA_DIR DOC_ID SEED FIRST_VERSION");
        return ExitCode::from(2);
    };
    let (Ok(id), Ok(seed), Ok(first)) = (id.parse::<i64>(), seed.parse::<u64>(), first.parse())
    else {
        eprintln!("recap-save-loop: DOC_ID, SEED and FIRST_VERSION are numbers");
        return ExitCode::from(2);
    };
    let store = match Store::open(&PathBuf::from(dir)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("recap-save-loop: open: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Tell the harness the store is open, so its random kill lands among the saves more often
    // than during the open.
    println!("open");
    let mut out = std::io::stdout().lock();
    let mut n: u64 = first;
    loop {
        let body = recap_tests::crash_body(seed, n);
        if let Err(e) = store.save(id, &body, SaveMode::Manual) {
            eprintln!("recap-save-loop: save {n}: {e}");
            return ExitCode::FAILURE;
        }
        // The acknowledgement goes out only after save returned: the harness may then
        // require this version (or a later one) to survive any kill.
        if writeln!(out, "ack {n}").and_then(|()| out.flush()).is_err() {
            return ExitCode::FAILURE;
        }
        n += 1;
    }
}
