//! Settings and backups.

use crate::Workspace;
use crate::dto::docs::{BackupInfo, RestoreOutcome};
use crate::dto::settings::{Settings, SettingsChange};
use crate::error::{ApiResult, OrApi};
use recap_core::Error;
use recap_core::error::Entity;
use std::path::PathBuf;

impl Workspace {
    pub fn settings_get(&self) -> ApiResult<Settings> {
        let s = self.store().user_settings().or_api(self.lang())?;
        Ok(s.into())
    }

    pub fn settings_change(&self, change: SettingsChange) -> ApiResult<Settings> {
        let lang_change = match &change {
            SettingsChange::Lang { lang } => Some(recap_core::Lang::from(*lang)),
            _ => None,
        };
        self.store()
            .change_settings(&change.into())
            .or_api(self.lang())?;
        if let Some(l) = lang_change {
            self.host().lang_changed(l);
        }
        self.settings_get()
    }

    pub fn backup_list(&self) -> ApiResult<Vec<BackupInfo>> {
        let list = self.store().backups().or_api(self.lang())?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    pub fn backup_create(&self) -> ApiResult<BackupInfo> {
        self.store()
            .backup_now()
            .map(Into::into)
            .or_api(self.lang())
    }

    /// Only one of the store's own backups (a path [`Workspace::backup_list`] gave) is restored.
    pub fn backup_restore(&self, path: String) -> ApiResult<RestoreOutcome> {
        let lang = self.lang();
        let path = PathBuf::from(path);
        let known = self
            .store()
            .backups()
            .or_api(lang)?
            .iter()
            .any(|b| b.path == path);
        if !known {
            return Err(Error::not_found(Entity::Backup, path.display())).or_api(lang);
        }
        let r = self.store().restore(&path).or_api(lang)?;
        self.templates_changed();
        Ok(RestoreOutcome {
            kept_current_as: r.kept_current_as.display().to_string(),
        })
    }
}
