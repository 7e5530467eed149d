//! The OpenAI-compatible client: `GET /models` and a streamed `POST /chat/completions`.
//! A [`Client`] is made only when the user asks for something (a test of the connection, a
//! task): no socket exists before, and none outlives the request.

use crate::endpoint::normalise;
use crate::error::{AssistantError, classify, scrub};
use crate::prompt::ChatRequest;
use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

/// How long to wait and how much to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// To open the connection: a local server answers in milliseconds, a cloud in one or two
    /// seconds; longer means nobody is there.
    pub connect: Duration,
    /// The longest silence: before the first token (a CPU model reads a long prompt first) and
    /// between two chunks.
    pub idle: Duration,
    /// The longest answer kept, in characters: a model that loops stops here.
    pub max_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(5),
            idle: Duration::from_secs(90),
            max_chars: 20_000,
        }
    }
}

/// Token counts, when the server sends them (OpenAI does on request; llama.cpp's Python
/// server does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// How a stream ended when it did not fail.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    pub cancelled: bool,
    /// The server's `[DONE]` was seen (some servers just close).
    pub done_marker: bool,
    /// `length`: the answer was cut by the token budget.
    pub finish_reason: Option<String>,
    pub usage: Option<Usage>,
    pub chars: usize,
}

/// The largest error body read (a server may answer an error with a page of HTML).
const ERROR_BODY_BYTES: usize = 16 * 1024;

pub struct Client {
    http: reqwest::Client,
    base: String,
    key: Option<String>,
    limits: Limits,
}

impl std::fmt::Debug for Client {
    // The key is never printed, not even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("key", &self.key.as_ref().map(|_| "***"))
            .finish()
    }
}

impl Client {
    pub fn new(base: &str, key: Option<String>, limits: Limits) -> Result<Client, AssistantError> {
        let base = normalise(base)?;
        // reqwest is built without a default crypto provider (see Cargo.toml); installing one
        // twice is refused harmlessly.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(limits.connect)
            .read_timeout(limits.idle)
            // A redirect could carry the text (and the key) to a host the user did not pick.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Recap/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| AssistantError::Internal {
                detail: e.to_string(),
            })?;
        Ok(Client {
            http,
            base,
            key: key.filter(|k| !k.trim().is_empty()),
            limits,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn transport(&self, e: &reqwest::Error) -> AssistantError {
        if e.is_connect() {
            AssistantError::NotRunning {
                url: self.base.clone(),
            }
        } else if e.is_timeout() {
            AssistantError::Timeout
        } else {
            AssistantError::Protocol {
                detail: scrub(&e.to_string(), self.key.as_deref()),
            }
        }
    }

    fn authorise(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.key {
            Some(k) => rb.bearer_auth(k),
            None => rb,
        }
    }

    async fn error_of(&self, resp: reqwest::Response, model: &str) -> AssistantError {
        let status = resp.status().as_u16();
        let mut body = Vec::new();
        let mut chunks = resp.bytes_stream();
        while body.len() < ERROR_BODY_BYTES {
            match timeout(self.limits.idle, chunks.next()).await {
                Ok(Some(Ok(b))) => body.extend_from_slice(&b),
                _ => break,
            }
        }
        body.truncate(ERROR_BODY_BYTES);
        let text = String::from_utf8_lossy(&body);
        classify(status, &error_message(&text), model, self.key.as_deref())
    }

    /// The models the server offers (`GET /models`), sorted.
    pub async fn models(&self) -> Result<Vec<String>, AssistantError> {
        let rb = self.authorise(self.http.get(format!("{}/models", self.base)));
        let resp = timeout(self.limits.connect + self.limits.idle, rb.send())
            .await
            .map_err(|_| AssistantError::Timeout)?
            .map_err(|e| self.transport(&e))?;
        if !resp.status().is_success() {
            return Err(self.error_of(resp, "").await);
        }
        let bytes = timeout(self.limits.idle, resp.bytes())
            .await
            .map_err(|_| AssistantError::Timeout)?
            .map_err(|e| self.transport(&e))?;
        #[derive(Deserialize)]
        struct Model {
            id: String,
        }
        #[derive(Deserialize)]
        struct List {
            data: Vec<Model>,
        }
        let list: List = serde_json::from_slice(&bytes).map_err(|e| AssistantError::Protocol {
            detail: format!("/models: {e}"),
        })?;
        let mut ids: Vec<String> = list.data.into_iter().map(|m| m.id).collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// Refuses a model the server does not list. Servers that serve whatever name they are
    /// sent (llama.cpp's) would otherwise answer with another model than the user picked; a
    /// server without `/models` is given the benefit of the doubt.
    pub async fn check_model(&self, model: &str) -> Result<(), AssistantError> {
        match self.models().await {
            Ok(ids) if !ids.is_empty() && !ids.iter().any(|m| m == model) => {
                Err(AssistantError::ModelNotFound {
                    model: model.to_string(),
                })
            }
            Ok(_) => Ok(()),
            Err(
                e @ (AssistantError::NotRunning { .. }
                | AssistantError::KeyRefused
                | AssistantError::Timeout
                | AssistantError::RateLimited),
            ) => Err(e),
            Err(_) => Ok(()),
        }
    }

    /// Streams the answer to `req` into `sink`, chunk by chunk. Returns at once when `cancel`
    /// fires: the response is dropped, which closes the connection, which is how an
    /// OpenAI-compatible server learns to stop generating.
    pub async fn stream(
        &self,
        req: &ChatRequest,
        cancel: &CancellationToken,
        sink: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Outcome, AssistantError> {
        let rb = self
            .authorise(self.http.post(format!("{}/chat/completions", self.base)))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .body(req.body());
        let mut out = Outcome::default();
        let resp = tokio::select! {
            biased;
            () = cancel.cancelled() => { out.cancelled = true; return Ok(out); }
            r = timeout(self.limits.connect + self.limits.idle, rb.send()) => r
                .map_err(|_| AssistantError::Timeout)?
                .map_err(|e| self.transport(&e))?,
        };
        if !resp.status().is_success() {
            return Err(self.error_of(resp, &req.model).await);
        }
        let mut events = resp.bytes_stream().eventsource();
        loop {
            let next = tokio::select! {
                biased;
                () = cancel.cancelled() => { out.cancelled = true; return Ok(out); }
                n = timeout(self.limits.idle, events.next()) => n,
            };
            let event = match next {
                Err(_) => return Err(AssistantError::Timeout),
                Ok(None) => break,
                Ok(Some(Err(e))) => {
                    return Err(match e {
                        eventsource_stream::EventStreamError::Transport(t) => self.transport(&t),
                        other => AssistantError::Protocol {
                            detail: other.to_string(),
                        },
                    });
                }
                Ok(Some(Ok(ev))) => ev,
            };
            let data = event.data.trim();
            if data == "[DONE]" {
                out.done_marker = true;
                break;
            }
            if data.is_empty() {
                continue;
            }
            let chunk: Chunk =
                serde_json::from_str(data).map_err(|e| AssistantError::Protocol {
                    detail: format!("{e}: {}", scrub(data, self.key.as_deref())),
                })?;
            if let Some(err) = chunk.error {
                let status = err.code.as_ref().and_then(|c| c.as_u64()).unwrap_or(500);
                let status = u16::try_from(status).unwrap_or(500);
                return Err(classify(
                    status,
                    &err.message,
                    &req.model,
                    self.key.as_deref(),
                ));
            }
            if let Some(u) = chunk.usage {
                out.usage = Some(u);
            }
            for choice in chunk.choices {
                if let Some(text) = choice.delta.and_then(|d| d.content) {
                    let n = text.chars().count();
                    if out.chars + n > self.limits.max_chars {
                        let room = self.limits.max_chars - out.chars;
                        let part: String = text.chars().take(room).collect();
                        sink(&part);
                        return Err(AssistantError::CapReached {
                            chars: self.limits.max_chars,
                        });
                    }
                    out.chars += n;
                    sink(&text);
                }
                if let Some(r) = choice.finish_reason {
                    out.finish_reason = Some(r);
                }
            }
        }
        if out.chars == 0 {
            return Err(AssistantError::Empty);
        }
        Ok(out)
    }
}

#[derive(Deserialize)]
struct Chunk {
    #[serde(default)]
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<Usage>,
    #[serde(default)]
    error: Option<ErrorBody>,
}

#[derive(Deserialize)]
struct Choice {
    #[serde(default)]
    delta: Option<Delta>,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Delta {
    #[serde(default)]
    content: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    code: Option<serde_json::Value>,
}

/// The message of an error body: OpenAI's `{"error":{"message"}}`, Ollama's `{"error":"…"}`,
/// FastAPI's `{"detail":…}`, or the text itself.
fn error_message(body: &str) -> String {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        return body.to_string();
    };
    let pick = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    v.get("error")
        .and_then(|e| e.get("message").and_then(pick).or_else(|| pick(e)))
        .or_else(|| v.get("detail").and_then(pick))
        .or_else(|| v.get("message").and_then(pick))
        .unwrap_or_else(|| body.to_string())
}
