//! The workspace: everything an operation needs besides its arguments.

use crate::error::{ApiError, ApiResult, OrApi};
use crate::host::Host;
use chrono::NaiveDate;
use recap_core::Lang;
use recap_core::store::Store;
use recap_core::template::Template;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// Where "today" comes from: the system's local date, or a fixed day (tests, the bridge's
/// `--today`) so that what depends on it (the default period of a new document) is the same
/// on every run.
pub type Today = Arc<dyn Fn() -> NaiveDate + Send + Sync>;

pub struct Workspace {
    store: Arc<Store>,
    host: Arc<dyn Host>,
    today: Today,
    /// The files this run exported: the only ones a front may ask to open or show.
    exported: Mutex<Vec<PathBuf>>,
    /// The file or folder the user last picked to import into the log: the only one a
    /// preview with other columns, or the import, may read (no path comes from the page).
    log_source: Mutex<Option<(PathBuf, recap_core::worklog::import::SourceKind)>>,
    /// The user's templates, read once and again after a change (every analysis needs them).
    user_templates: Mutex<Option<Arc<Vec<Template>>>>,
    /// The machine's fonts, found once (through the index in the data folder) and shared by
    /// every preview and export of this process.
    fonts: Arc<recap_export::fonts::FontLibrary>,
    /// The writing assistant's keys and running jobs. Holds no client: one is made per
    /// request, and only while the assistant is on.
    pub(crate) assistant: crate::ops::AssistantState,
}

impl Workspace {
    pub fn new(store: Arc<Store>, host: Arc<dyn Host>) -> Self {
        let fonts = recap_export::fonts::FontLibrary::new(Some(store.data_dir()));
        Workspace {
            fonts,
            store,
            host,
            today: Arc::new(|| chrono::Local::now().date_naive()),
            exported: Mutex::new(Vec::new()),
            log_source: Mutex::new(None),
            user_templates: Mutex::new(None),
            assistant: crate::ops::AssistantState::new(recap_assistant::Keys::new()),
        }
    }

    /// The same workspace keeping assistant keys in memory only, never in the system's
    /// keychain (the development bridge, tests).
    pub fn with_session_keys(mut self) -> Self {
        self.assistant = crate::ops::AssistantState::new(recap_assistant::Keys::session_only());
        self
    }

    /// The same workspace with a fixed "today".
    pub fn with_today(mut self, day: NaiveDate) -> Self {
        self.today = Arc::new(move || day);
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn fonts(&self) -> &Arc<recap_export::fonts::FontLibrary> {
        &self.fonts
    }

    pub(crate) fn host(&self) -> &dyn Host {
        self.host.as_ref()
    }

    pub fn today(&self) -> NaiveDate {
        (self.today)()
    }

    /// The language the app speaks: the user's setting, else the system's. Read from the store
    /// each time (another process may have changed it); a store that cannot be read speaks the
    /// system's language.
    pub fn lang(&self) -> Lang {
        self.store
            .user_settings()
            .map_or_else(|_| Lang::app_default(), |s| s.app_lang())
    }

    /// The user's templates (cached until one is saved or removed).
    pub fn user_templates(&self) -> ApiResult<Arc<Vec<Template>>> {
        let mut cache = self
            .user_templates
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = cache.as_ref() {
            return Ok(t.clone());
        }
        let fresh = Arc::new(self.store.user_templates().or_api(self.lang())?);
        *cache = Some(fresh.clone());
        Ok(fresh)
    }

    /// Forgets the cached user templates (after the store's changed them).
    pub fn templates_changed(&self) {
        *self
            .user_templates
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    pub(crate) fn remember_export(&self, path: PathBuf) {
        self.exported
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path);
    }

    pub(crate) fn set_log_source(
        &self,
        path: PathBuf,
        kind: recap_core::worklog::import::SourceKind,
    ) {
        *self
            .log_source
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some((path, kind));
    }

    pub(crate) fn log_source(&self) -> Option<(PathBuf, recap_core::worklog::import::SourceKind)> {
        self.log_source
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn was_exported(&self, path: &std::path::Path) -> bool {
        self.exported
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .any(|p| p == path)
    }

    /// An engine error in the user's language.
    pub fn fail(&self, e: &recap_core::Error) -> ApiError {
        ApiError::from_core(e, self.lang())
    }
}
