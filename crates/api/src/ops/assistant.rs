//! The writing assistant's operations. Every one that would connect first checks that the
//! assistant is on (read from the store each time: the CLI or another window may have turned
//! it off), so with it off no client and no socket is ever made. Generation runs as a job on
//! its own thread; the UI polls it (a short long-poll), cancels it, and on Done receives the
//! answer checked by `recap_core::grounding`.

use crate::Workspace;
use crate::dto::assistant::{
    AssistantPrefs, AssistantPreview, AssistantTask, AssistantView, Flagged, JobView, KeyPlace,
    PresetView, Script,
};
use crate::error::{ApiError, ApiResult, OrApi};
use recap_assistant::{AssistantError, Client, Job, Keys, Limits, Locality, Preset};
use recap_core::Lang;
use recap_core::settings::{self as core, Change};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long a poll waits for new text: short enough that a cancel or a new request is never
/// held up, long enough that the UI does not spin.
const POLL_WAIT: Duration = Duration::from_millis(400);
/// Jobs kept for polling; the oldest finished ones go first.
const MAX_JOBS: usize = 8;

struct Running {
    /// Shared with a poll in progress; the last holder's drop cancels (see `Job`'s Drop).
    job: Arc<Job>,
    /// The user's text, for the grounding check of the answer.
    source: String,
    lang: Lang,
}

pub(crate) struct AssistantState {
    keys: Keys,
    jobs: Mutex<BTreeMap<u64, Running>>,
    next: AtomicU64,
}

impl AssistantState {
    pub(crate) fn new(keys: Keys) -> Self {
        AssistantState {
            keys,
            jobs: Mutex::new(BTreeMap::new()),
            next: AtomicU64::new(1),
        }
    }
}

fn api(e: &AssistantError, lang: Lang) -> ApiError {
    ApiError {
        code: e.code().to_string(),
        message: e.message(lang),
        transient: matches!(
            e,
            AssistantError::NotRunning { .. }
                | AssistantError::Timeout
                | AssistantError::RateLimited
        ),
    }
}

fn consent_needed(lang: Lang) -> ApiError {
    ApiError::new(
        "consent-needed",
        lang.pick(
            "这是远程服务：发送前请先确认要发送的文字。",
            "這是遠端服務：傳送前請先確認要傳送的文字。",
            "This is a remote service: confirm the text to be sent first.",
        ),
    )
}

impl Workspace {
    fn assistant_prefs(&self) -> ApiResult<(core::AssistantPrefs, Vec<String>)> {
        let s = self.store().user_settings().or_api(self.lang())?;
        Ok((s.assistant, s.consented))
    }

    /// The settings, refused with "assistant is off" when it is.
    fn assistant_on(&self) -> ApiResult<core::AssistantPrefs> {
        let (p, _) = self.assistant_prefs()?;
        if !p.enabled {
            return Err(api(&AssistantError::Off, self.lang()));
        }
        Ok(p)
    }

    fn jobs(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Running>> {
        self.assistant
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub fn assistant_settings(&self) -> ApiResult<AssistantView> {
        let (p, consented) = self.assistant_prefs()?;
        // Off: the keychain is not asked either (it is a connection too, to the session bus).
        let key = if p.enabled {
            recap_assistant::normalise(&p.url)
                .ok()
                .and_then(|u| self.assistant.keys.place(&u))
                .map(KeyPlace::from)
        } else {
            None
        };
        Ok(AssistantView {
            locality: recap_assistant::locality(&p.url).into(),
            consented: consented.contains(&p.url),
            key,
            presets: Preset::ALL
                .into_iter()
                .map(|p| PresetView {
                    id: p.id().into(),
                    label: p.label().into(),
                    url: p.url().map(Into::into),
                })
                .collect(),
            prefs: AssistantPrefs {
                enabled: p.enabled,
                preset: p.preset,
                url: p.url,
                model: p.model,
            },
        })
    }

    /// Saves the assistant's settings (turning it off cancels every job). Connects nowhere.
    pub fn assistant_configure(&self, prefs: AssistantPrefs) -> ApiResult<AssistantView> {
        let lang = self.lang();
        let url = if prefs.url.trim().is_empty() {
            String::new()
        } else {
            recap_assistant::normalise(&prefs.url).map_err(|e| api(&e, lang))?
        };
        if Preset::from_id(&prefs.preset).is_none() {
            return Err(ApiError::bad_request(
                lang,
                format!("preset '{}'", prefs.preset),
            ));
        }
        let change = Change::Assistant {
            assistant: core::AssistantPrefs {
                enabled: prefs.enabled,
                preset: prefs.preset,
                url,
                model: prefs.model,
            },
        };
        self.store().change_settings(&change).or_api(lang)?;
        if !prefs.enabled {
            for r in self.jobs().values() {
                r.job.cancel();
            }
        }
        self.assistant_settings()
    }

    /// "Test connection": the models of the server at `url` (the key kept for it, if any).
    pub fn assistant_test(&self, url: String) -> ApiResult<Vec<String>> {
        self.assistant_on()?;
        let lang = self.lang();
        let url = recap_assistant::normalise(&url).map_err(|e| api(&e, lang))?;
        recap_assistant::list_models(&url, self.assistant.keys.get(&url)).map_err(|e| api(&e, lang))
    }

    /// Keeps the key for `url` in the keychain (or for this session where there is none).
    pub fn assistant_set_key(&self, url: String, key: String) -> ApiResult<KeyPlace> {
        self.assistant_on()?;
        let lang = self.lang();
        let url = recap_assistant::normalise(&url).map_err(|e| api(&e, lang))?;
        if key.trim().is_empty() {
            return Err(ApiError::bad_request(lang, "key: ''"));
        }
        Ok(self.assistant.keys.set(&url, &key).into())
    }

    pub fn assistant_forget_key(&self, url: String) -> ApiResult<()> {
        let lang = self.lang();
        let url = recap_assistant::normalise(&url).map_err(|e| api(&e, lang))?;
        self.assistant.keys.forget(&url);
        Ok(())
    }

    /// Remembers (or forgets) the user's consent to send text to `url`.
    pub fn assistant_consent(&self, url: String, remember: bool) -> ApiResult<AssistantView> {
        let lang = self.lang();
        let url = recap_assistant::normalise(&url).map_err(|e| api(&e, lang))?;
        self.store()
            .change_settings(&Change::Consent {
                endpoint: url,
                remember,
            })
            .or_api(lang)?;
        self.assistant_settings()
    }

    /// Exactly the request `assistant_start` would send, for the consent view. Sends nothing.
    pub fn assistant_preview(
        &self,
        task: AssistantTask,
        text: String,
    ) -> ApiResult<AssistantPreview> {
        let p = self.assistant_on()?;
        let (_, consented) = self.assistant_prefs()?;
        let locality = recap_assistant::locality(&p.url);
        let req = recap_assistant::request(task.into(), &text, &p.model, self.lang());
        Ok(AssistantPreview {
            needs_consent: locality == Locality::Remote && !consented.contains(&p.url),
            locality: locality.into(),
            url: p.url,
            body: req.body(),
        })
    }

    /// Starts `task` on `text`; the job's id. A remote endpoint needs `consent` (the user saw
    /// the preview) unless it was remembered; `remember` stores it for the endpoint.
    pub fn assistant_start(
        &self,
        task: AssistantTask,
        text: String,
        consent: bool,
        remember: bool,
    ) -> ApiResult<u64> {
        let p = self.assistant_on()?;
        let (_, consented) = self.assistant_prefs()?;
        let lang = self.lang();
        if p.model.is_empty() {
            return Err(api(
                &AssistantError::ModelNotFound {
                    model: String::new(),
                },
                lang,
            ));
        }
        if recap_assistant::locality(&p.url) == Locality::Remote && !consented.contains(&p.url) {
            if !consent {
                return Err(consent_needed(lang));
            }
            if remember {
                self.store()
                    .change_settings(&Change::Consent {
                        endpoint: p.url.clone(),
                        remember: true,
                    })
                    .or_api(lang)?;
            }
        }
        let key = self.assistant.keys.get(&p.url);
        let client = Client::new(&p.url, key, Limits::default()).map_err(|e| api(&e, lang))?;
        let req = recap_assistant::request(task.into(), &text, &p.model, lang);
        let job = Job::start(client, req, true);
        let id = self.assistant.next.fetch_add(1, Ordering::Relaxed);
        let mut jobs = self.jobs();
        while jobs.len() >= MAX_JOBS {
            let Some(&oldest) = jobs.keys().next() else {
                break;
            };
            jobs.remove(&oldest);
        }
        jobs.insert(
            id,
            Running {
                job: Arc::new(job),
                source: text,
                lang,
            },
        );
        Ok(id)
    }

    /// The job's text after `after` characters, waiting a moment for more.
    pub fn assistant_poll(&self, job: u64, after: u32) -> ApiResult<JobView> {
        let lang = self.lang();
        // The map's lock is held only to find the job: a cancel must not wait for a poll.
        let (handle, source, job_lang) = {
            let jobs = self.jobs();
            let r = jobs.get(&job).ok_or_else(|| {
                ApiError::new(
                    "not-found",
                    lang.pick(
                        "这个请求已结束或不存在。",
                        "這個請求已結束或不存在。",
                        "This request has ended or does not exist.",
                    ),
                )
            })?;
            (r.job.clone(), r.source.clone(), r.lang)
        };
        let snap = handle.poll(after as usize, POLL_WAIT);
        let mut view = JobView {
            text: snap.text,
            chars: u32::try_from(snap.chars).unwrap_or(u32::MAX),
            phase: snap.phase.into(),
            error: snap.error.as_ref().map(|e| api(e, lang)),
            grounded: None,
            paragraphs: Vec::new(),
            flagged: Vec::new(),
            truncated: snap.truncated,
        };
        if snap.phase == recap_assistant::Phase::Done {
            let whole = handle.poll(0, Duration::ZERO).text;
            let g = recap_core::grounding::ground(&whole, &[&source], job_lang);
            view.paragraphs = recap_core::text::paragraphs(&g.text);
            view.grounded = Some(g.text);
            view.flagged = g
                .flagged
                .into_iter()
                .map(|u| Flagged {
                    kind: match u.kind {
                        recap_core::grounding::ClaimKind::Figure => "figure",
                        recap_core::grounding::ClaimKind::Date => "date",
                        recap_core::grounding::ClaimKind::Name => "name",
                    }
                    .into(),
                    text: u.text,
                })
                .collect();
        }
        Ok(view)
    }

    fn with_job<T>(&self, id: u64, f: impl FnOnce(&Job) -> T) -> Option<T> {
        self.jobs().get(&id).map(|r| f(r.job.as_ref()))
    }

    /// Stops the job now; its text so far stays readable.
    pub fn assistant_cancel(&self, job: u64) -> ApiResult<()> {
        self.with_job(job, Job::cancel);
        Ok(())
    }

    /// The whole document in 简体 or 繁體 (OpenCC tables, no model: works with the assistant
    /// off).
    pub fn convert_script(&self, text: String, to: Script) -> ApiResult<String> {
        recap_core::script::convert(&text, to.into()).or_api(self.lang())
    }
}
