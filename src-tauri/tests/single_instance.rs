//! One app at a time, on the real binary: with a session bus (a private dbus-daemon, as every
//! desktop session has), a second launch hands over to the running app and exits, and the
//! first keeps running — two windows on one store would fight over the same documents. And a
//! session bus address the guard cannot use never stops the app from starting.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test: a failed step is a failed test

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Guard, WAIT, display, start_until_ready};

const APP: &str = env!("CARGO_BIN_EXE_recap-desktop");

/// A private session bus; its address is the first line the daemon prints.
fn session_bus() -> (String, Guard) {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (make test installs dbus)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line.trim().to_string();
    assert!(!address.is_empty(), "dbus-daemon printed no address");
    (address, Guard(child, true))
}

#[test]
fn an_unusable_session_bus_address_does_not_stop_the_app() {
    let (display, _x) = display();
    let data = tempfile::tempdir().unwrap();
    // `disabled:` is how a session says "no bus" (GLib's own spelling); the other is a
    // transport nobody implements. Before lib.rs checked, the first made the app panic at start.
    for address in ["disabled:", "no-such-transport:path=/nowhere"] {
        let mut cmd = Command::new(APP);
        cmd.env("DISPLAY", &display)
            .env("DBUS_SESSION_BUS_ADDRESS", address)
            .env("RECAP_DATA_DIR", data.path())
            .env("LANG", "zh_CN.UTF-8")
            .stderr(Stdio::null());
        if let Err(why) = start_until_ready(cmd) {
            panic!("with DBUS_SESSION_BUS_ADDRESS={address}: {why}");
        }
    }
}

#[test]
fn a_second_launch_hands_over_to_the_first_and_exits() {
    let (display, _x) = display();
    let (bus, _bus) = session_bus();
    let data = tempfile::tempdir().unwrap();
    let app = || {
        let mut cmd = Command::new(APP);
        cmd.env("DISPLAY", &display)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .env("RECAP_DATA_DIR", data.path())
            .env("LANG", "zh_CN.UTF-8")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    };

    // The first app: running once its library is interactive.
    let mut first = start_until_ready(app()).unwrap_or_else(|why| panic!("the first app: {why}"));

    // The second: it finds the first on the bus, hands over and exits on its own.
    let mut second = app().spawn().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = second.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > WAIT {
            let _ = second.kill();
            panic!("the second launch kept running beside the first");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "the second launch failed: {status}");

    assert!(
        first.0.try_wait().unwrap().is_none(),
        "the first app stopped when the second was launched"
    );
}
