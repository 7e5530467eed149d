//! A generation running on its own thread, polled by the front. The front asks for "what is
//! new after character N", waiting a short while for something to arrive, so an IPC or HTTP
//! front streams without events. Cancel returns at once: the flag is set, the state says
//! cancelled, and the thread drops the response (closing the connection) at its next await.

use crate::client::{Client, Outcome, Usage};
use crate::error::AssistantError;
use crate::prompt::ChatRequest;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Running,
    Done,
    Cancelled,
    Failed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The answer's text after the `after` characters the caller already has.
    pub text: String,
    /// The answer's length so far, in characters: the next `after`.
    pub chars: usize,
    pub phase: Phase,
    pub error: Option<AssistantError>,
    pub usage: Option<Usage>,
    /// The answer was cut by the token budget (`finish_reason: length`).
    pub truncated: bool,
}

#[derive(Default)]
struct State {
    text: String,
    chars: usize,
    phase: Option<Phase>,
    error: Option<AssistantError>,
    outcome: Option<Outcome>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

fn lock(s: &Shared) -> MutexGuard<'_, State> {
    // A panic on the job's thread must not take the front down with it.
    s.0.lock().unwrap_or_else(|p| p.into_inner())
}

pub struct Job {
    shared: Shared,
    cancel: CancellationToken,
}

impl Job {
    /// Starts `req` on `client` on a new thread. With `check_model`, the model is first looked
    /// up in the server's list (see [`Client::check_model`]).
    pub fn start(client: Client, req: ChatRequest, check_model: bool) -> Job {
        let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
        let cancel = CancellationToken::new();
        let (s, c) = (shared.clone(), cancel.clone());
        let spawned = std::thread::Builder::new()
            .name("recap-assistant".into())
            .spawn(move || run(client, req, check_model, s, c));
        if let Err(e) = spawned {
            finish(
                &shared,
                Err(AssistantError::Internal {
                    detail: e.to_string(),
                }),
            );
        }
        Job { shared, cancel }
    }

    /// What is new after `after` characters, waiting up to `wait` for a change.
    pub fn poll(&self, after: usize, wait: Duration) -> Snapshot {
        let deadline = Instant::now() + wait;
        let mut st = lock(&self.shared);
        while st.phase.is_none() && st.chars <= after {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            st = match self.shared.1.wait_timeout(st, deadline - now) {
                Ok((g, _)) => g,
                Err(p) => p.into_inner().0,
            };
        }
        Snapshot {
            text: st.text.chars().skip(after).collect(),
            chars: st.chars,
            phase: st.phase.unwrap_or(Phase::Running),
            error: st.error.clone(),
            usage: st.outcome.as_ref().and_then(|o| o.usage),
            truncated: st
                .outcome
                .as_ref()
                .is_some_and(|o| o.finish_reason.as_deref() == Some("length")),
        }
    }

    /// Waits until the job ends (or `wait` passes).
    pub fn wait(&self, wait: Duration) -> Snapshot {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let s = self.poll(usize::MAX, left);
            if s.phase != Phase::Running || left.is_zero() {
                return self.poll(0, Duration::ZERO);
            }
        }
    }

    /// Stops the job now. The text received so far stays readable.
    pub fn cancel(&self) {
        self.cancel.cancel();
        let mut st = lock(&self.shared);
        if st.phase.is_none() {
            st.phase = Some(Phase::Cancelled);
        }
        self.shared.1.notify_all();
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        // A job nobody can poll any more must not keep a server busy.
        self.cancel.cancel();
    }
}

fn finish(shared: &Shared, result: Result<Outcome, AssistantError>) {
    let mut st = lock(shared);
    if st.phase.is_none() {
        match result {
            Ok(o) => {
                st.phase = Some(if o.cancelled {
                    Phase::Cancelled
                } else {
                    Phase::Done
                });
                st.outcome = Some(o);
            }
            Err(e) => {
                st.phase = Some(Phase::Failed);
                st.error = Some(e);
            }
        }
    }
    shared.1.notify_all();
}

fn run(
    client: Client,
    req: ChatRequest,
    check_model: bool,
    shared: Shared,
    cancel: CancellationToken,
) {
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            finish(
                &shared,
                Err(AssistantError::Internal {
                    detail: e.to_string(),
                }),
            );
            return;
        }
    };
    let result = rt.block_on(async {
        if check_model {
            tokio::select! {
                biased;
                () = cancel.cancelled() => return Ok(Outcome { cancelled: true, ..Outcome::default() }),
                r = client.check_model(&req.model) => r?,
            }
        }
        let s = shared.clone();
        let mut sink = move |t: &str| {
            let mut st = lock(&s);
            if st.phase.is_none() {
                st.text.push_str(t);
                st.chars += t.chars().count();
                s.1.notify_all();
            }
        };
        client.stream(&req, &cancel, &mut sink).await
    });
    finish(&shared, result);
}
