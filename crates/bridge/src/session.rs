//! One session of the bridge: a workspace on a store (in a temporary folder unless one was
//! named), the host that plays the desktop's part, and what a test asked of it or wants to
//! know. `reset` starts a fresh one, so that each browser journey begins on an empty store.

use crate::host::BridgeHost;
use chrono::NaiveDate;
use recap_api::{ApiError, Workspace};
use recap_core::store::Store;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use tempfile::TempDir;

#[derive(Debug, Default, Clone)]
pub struct Options {
    /// A store to use as it is; otherwise each session makes a temporary one.
    pub data_dir: Option<PathBuf>,
    /// "Today" for the engine (a test's dates do not move with the calendar).
    pub today: Option<NaiveDate>,
}

struct Session {
    ws: Arc<Workspace>,
    host: Arc<BridgeHost>,
    data_dir: PathBuf,
    /// Kept for the session's life: dropping them removes the temporary folders.
    _dirs: Vec<TempDir>,
    calls: Mutex<BTreeMap<String, u64>>,
    /// The next `n` saves fail with this engine error code.
    fail_saves: Mutex<(u32, String)>,
}

pub struct Bridge {
    opts: Options,
    token: String,
    session: RwLock<Arc<Session>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Session {
    fn new(opts: &Options) -> Result<Session, String> {
        let mut dirs = Vec::new();
        let mut temp = || -> Result<PathBuf, String> {
            let d = tempfile::Builder::new()
                .prefix("recap-bridge-")
                .tempdir()
                .map_err(|e| e.to_string())?;
            let p = d.path().to_path_buf();
            dirs.push(d);
            Ok(p)
        };
        let data_dir = match &opts.data_dir {
            Some(d) => d.clone(),
            None => temp()?,
        };
        let exports = temp()?;
        let store = Store::open(&data_dir).map_err(|e| e.message(recap_core::Lang::En))?;
        let host = Arc::new(BridgeHost::new(exports));
        // A developer's keychain is no place for a test's keys.
        let mut ws = Workspace::new(Arc::new(store), host.clone()).with_session_keys();
        if let Some(day) = opts.today {
            ws = ws.with_today(day);
        }
        Ok(Session {
            ws: Arc::new(ws),
            host,
            data_dir,
            _dirs: dirs,
            calls: Mutex::new(BTreeMap::new()),
            fail_saves: Mutex::new((0, String::new())),
        })
    }

    /// The engine's own error for a failure a test injects (a full disk).
    fn injected(&self, code: &str) -> ApiError {
        let kind = match code {
            "disk-full" => std::io::ErrorKind::StorageFull,
            "permission-denied" => std::io::ErrorKind::PermissionDenied,
            _ => std::io::ErrorKind::Other,
        };
        let e = recap_core::Error::io(
            "write",
            self.data_dir.join(recap_core::store::DB_FILE),
            std::io::Error::from(kind),
        );
        self.ws.fail(&e)
    }
}

impl Bridge {
    pub fn new(opts: Options, token: String) -> Result<Bridge, String> {
        let session = Session::new(&opts)?;
        Ok(Bridge {
            opts,
            token,
            session: RwLock::new(Arc::new(session)),
        })
    }

    fn current(&self) -> Arc<Session> {
        self.session
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    pub fn token_matches(&self, t: &str) -> bool {
        // Length first, then every byte, so the time taken tells nothing of a wrong token.
        t.len() == self.token.len()
            && t.bytes()
                .zip(self.token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    pub fn data_dir(&self) -> String {
        self.current().data_dir.display().to_string()
    }

    /// Runs an operation, exactly as the desktop's IPC command does; a save may fail on
    /// purpose (see `fail-saves`).
    pub fn call(&self, op: &str, args: Value) -> Result<Value, ApiError> {
        let s = self.current();
        *lock(&s.calls).entry(op.to_string()).or_insert(0) += 1;
        if op == "doc_save" {
            let mut fail = lock(&s.fail_saves);
            if fail.0 > 0 {
                fail.0 -= 1;
                return Err(s.injected(&fail.1));
            }
        }
        // A panic below the engine is a failed request, as in the app, not a dead bridge.
        let ws = s.ws.clone();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            recap_api::dispatch(&ws, op, args)
        }))
        .unwrap_or_else(|_| Err(ApiError::internal(ws.lang(), "panic")))
    }

    pub fn control(&self, what: &str, args: &Value) -> Result<Value, String> {
        match what {
            "reset" => {
                if self.opts.data_dir.is_some() {
                    return Err("reset: the bridge runs on a named --data-dir".into());
                }
                let fresh = Session::new(&self.opts)?;
                let dir = fresh.data_dir.display().to_string();
                *self.session.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(fresh);
                Ok(json!({ "data_dir": dir }))
            }
            "forget-calls" => {
                lock(&self.current().calls).clear();
                Ok(Value::Null)
            }
            "fail-saves" => {
                let n = args["n"].as_u64().unwrap_or(1);
                let code = args["code"].as_str().unwrap_or("disk-full").to_string();
                *lock(&self.current().fail_saves) = (u32::try_from(n).unwrap_or(u32::MAX), code);
                Ok(Value::Null)
            }
            "next-open-file" => {
                let name = args["name"].as_str().ok_or("next-open-file: name")?;
                let text = args["text"].as_str().ok_or("next-open-file: text")?;
                let s = self.current();
                let safe: String = name
                    .chars()
                    .map(|c| if "/\\".contains(c) { '_' } else { c })
                    .collect();
                let path = s.host.exports.join("picked").join(safe);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                std::fs::write(&path, text).map_err(|e| e.to_string())?;
                s.host.queue_pick(path);
                Ok(Value::Null)
            }
            "next-open-folder" => {
                // `files`: {name: text}, the folder's notes (names without a path).
                let name = args["name"].as_str().ok_or("next-open-folder: name")?;
                let files = args["files"].as_object().ok_or("next-open-folder: files")?;
                let safe = |n: &str| -> String {
                    n.chars()
                        .map(|c| if "/\\".contains(c) { '_' } else { c })
                        .collect()
                };
                let s = self.current();
                let dir = s.host.exports.join("picked").join(safe(name));
                std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                for (file, text) in files {
                    let text = text.as_str().ok_or("next-open-folder: text")?;
                    std::fs::write(dir.join(safe(file)), text).map_err(|e| e.to_string())?;
                }
                s.host.queue_pick(dir);
                Ok(Value::Null)
            }
            other => Err(format!("unknown control {other}")),
        }
    }

    pub fn read(&self, what: &str) -> Result<Value, String> {
        let s = self.current();
        match what {
            "calls" => Ok(json!(*lock(&s.calls))),
            "opened" => Ok(json!(s.host.opened())),
            "exports" => {
                let mut files: Vec<String> = std::fs::read_dir(&s.host.exports)
                    .map_err(|e| e.to_string())?
                    .flatten()
                    .filter(|e| e.path().is_file())
                    .map(|e| e.path().display().to_string())
                    .collect();
                files.sort();
                Ok(json!(files))
            }
            other => Err(format!("unknown reading {other}")),
        }
    }
}
