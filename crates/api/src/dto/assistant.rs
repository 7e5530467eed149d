//! The writing assistant's view models: its settings with what the UI shows beside them (the
//! presets, 本机/远程, where the key is kept), the request preview for the consent view, and a
//! job's progress.

use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Locality {
    /// 本机: the text stays on this computer.
    Local,
    /// 远程: the text leaves it.
    Remote,
}

impl From<recap_assistant::Locality> for Locality {
    fn from(l: recap_assistant::Locality) -> Self {
        match l {
            recap_assistant::Locality::Local => Locality::Local,
            recap_assistant::Locality::Remote => Locality::Remote,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum KeyPlace {
    /// In the operating system's keychain.
    Keychain,
    /// In memory until Recap quits: there is no keychain here.
    Session,
}

impl From<recap_assistant::KeyPlace> for KeyPlace {
    fn from(k: recap_assistant::KeyPlace) -> Self {
        match k {
            recap_assistant::KeyPlace::Keychain => KeyPlace::Keychain,
            recap_assistant::KeyPlace::Session => KeyPlace::Session,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PresetView {
    /// `ollama`, `lm-studio`, `llama-cpp`, `other`.
    pub id: String,
    pub label: String,
    /// The usual address; null for `other` (the user types it).
    pub url: Option<String>,
}

/// What the user chooses in Settings → 写作助手.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssistantPrefs {
    pub enabled: bool,
    pub preset: String,
    pub url: String,
    pub model: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AssistantView {
    pub prefs: AssistantPrefs,
    pub presets: Vec<PresetView>,
    /// Of `prefs.url`.
    pub locality: Locality,
    /// Where the key of `prefs.url` is kept; null: no key, or the assistant is off (the
    /// keychain is not even asked then).
    pub key: Option<KeyPlace>,
    /// The user agreed to send text to `prefs.url` without being asked again.
    pub consented: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AssistantTask {
    /// 润色.
    Polish,
    /// 写具体.
    Concrete,
}

impl From<AssistantTask> for recap_assistant::Task {
    fn from(t: AssistantTask) -> Self {
        match t {
            AssistantTask::Polish => recap_assistant::Task::Polish,
            AssistantTask::Concrete => recap_assistant::Task::Concrete,
        }
    }
}

/// Exactly what a request would send, for the consent view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AssistantPreview {
    pub url: String,
    pub locality: Locality,
    /// The JSON body, byte for byte as it would go out.
    pub body: String,
    /// A remote endpoint the user has not agreed to be remembered: ask first.
    pub needs_consent: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum JobPhase {
    Running,
    Done,
    Cancelled,
    Failed,
}

impl From<recap_assistant::Phase> for JobPhase {
    fn from(p: recap_assistant::Phase) -> Self {
        match p {
            recap_assistant::Phase::Running => JobPhase::Running,
            recap_assistant::Phase::Done => JobPhase::Done,
            recap_assistant::Phase::Cancelled => JobPhase::Cancelled,
            recap_assistant::Phase::Failed => JobPhase::Failed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Flagged {
    /// `figure`, `date` or `name`.
    pub kind: String,
    pub text: String,
}

/// A job's progress: the text after the `after` characters the UI has, and at the end the
/// answer checked against the user's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JobView {
    pub text: String,
    /// The answer's length so far in characters: the next poll's `after`.
    pub chars: u32,
    pub phase: JobPhase,
    pub error: Option<ApiError>,
    /// When done: the whole answer with every figure, date or name not in the user's text
    /// wrapped as 【待核实：…】. This, not the raw stream, is what Accept puts in the document.
    pub grounded: Option<String>,
    /// The grounded answer's paragraphs, as Accept inserts them.
    pub paragraphs: Vec<String>,
    pub flagged: Vec<Flagged>,
    /// The answer was cut by the model's token budget.
    pub truncated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// 简体.
    Hans,
    /// 繁體.
    Hant,
}

impl From<Script> for recap_core::script::Script {
    fn from(s: Script) -> Self {
        match s {
            Script::Hans => recap_core::script::Script::Hans,
            Script::Hant => recap_core::script::Script::Hant,
        }
    }
}
