//! Recap's optional writing assistant: a client for any OpenAI-compatible server (a local
//! Ollama, LM Studio or llama.cpp server by default; a cloud if the user picks one), the
//! prompts of its tasks, and the keys in the OS keychain.
//!
//! Nothing here runs unless called: the API layer builds a [`Client`] only when the user has
//! turned the assistant on and asked for something. What the model answers is checked by
//! `recap_core::grounding` before it is offered to the user.

pub mod client;
pub mod endpoint;
pub mod error;
pub mod job;
pub mod keys;
pub mod prompt;

pub use client::{Client, Limits, Outcome, Usage};
pub use endpoint::{Locality, Preset, locality, normalise};
pub use error::AssistantError;
pub use job::{Job, Phase, Snapshot};
pub use keys::{KeyPlace, Keys};
pub use prompt::{ChatRequest, Task, request};

/// Runs `f` to its end on a runtime of the calling thread (the API's operations are
/// synchronous; each runs on a worker thread of its front).
pub fn block_on<T>(
    f: impl std::future::Future<Output = Result<T, AssistantError>>,
) -> Result<T, AssistantError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| AssistantError::Internal {
            detail: e.to_string(),
        })?
        .block_on(f)
}

/// The server's models, for the settings' "test connection".
pub fn list_models(base: &str, key: Option<String>) -> Result<Vec<String>, AssistantError> {
    let client = Client::new(
        base,
        key,
        Limits {
            idle: std::time::Duration::from_secs(15),
            ..Limits::default()
        },
    )?;
    block_on(client.models())
}
