//! Settings (key/value), user templates (raw JSON, the template module owns the format) and
//! snippets.

use super::{Snippet, Store, UserTemplate, ts};
use crate::error::{Entity, Error, Result};
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The setting that holds the folder of the last file picked in a dialog.
pub const LAST_FOLDER: &str = "files.last_folder";

impl Store {
    /// A setting's value, `None` when it was never set.
    pub fn get_setting(&self, key: &str) -> Result<Option<String>> {
        let conn = self.conn();
        Ok(conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets (or replaces) a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Removes a setting (a no-op when it is not set).
    pub fn remove_setting(&self, key: &str) -> Result<()> {
        self.conn()
            .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Where the next open or save dialog starts: the folder of the file last exported or
    /// imported, while it still exists; else the user's Documents folder; else home. `None`
    /// when none of them is there (the dialog then picks).
    pub fn dialog_folder(&self) -> Option<PathBuf> {
        let remembered = self
            .get_setting(LAST_FOLDER)
            .ok()
            .flatten()
            .map(PathBuf::from);
        let dirs = directories::UserDirs::new();
        let documents = dirs
            .as_ref()
            .and_then(|d| d.document_dir().map(Path::to_path_buf));
        let home = dirs.as_ref().map(|d| d.home_dir().to_path_buf());
        [remembered, documents, home]
            .into_iter()
            .flatten()
            .find(|p| p.is_absolute() && p.is_dir())
    }

    /// Remembers the folder of a file the user just picked in a dialog.
    pub fn remember_folder(&self, file: &Path) -> Result<()> {
        match file.parent().and_then(Path::to_str) {
            Some(folder) if !folder.is_empty() => self.set_setting(LAST_FOLDER, folder),
            _ => Ok(()),
        }
    }

    /// The user's settings, typed (see [`crate::settings`]).
    pub fn user_settings(&self) -> Result<crate::settings::Settings> {
        Ok(crate::settings::Settings::from_pairs(&self.settings()?))
    }

    /// Applies one change to the settings, in one transaction; refused as a whole when a value
    /// is not valid.
    pub fn change_settings(&self, change: &crate::settings::Change) -> Result<()> {
        let pairs = change.pairs()?;
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (key, value) in pairs {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, v],
                )?,
                None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
            };
        }
        tx.commit()?;
        Ok(())
    }

    /// All settings.
    pub fn settings(&self) -> Result<BTreeMap<String, String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
        Ok(map)
    }

    /// Stores a user template as JSON under `id`, replacing any with that id. The text must be
    /// valid JSON ([`Error::TemplateData`] otherwise); it is kept as given.
    pub fn put_user_template(&self, id: &str, json: &str) -> Result<()> {
        if id.trim().is_empty() {
            return Err(Error::invalid("template id", "empty"));
        }
        serde_json::from_str::<serde_json::Value>(json)
            .map_err(|e| Error::TemplateData(e.to_string()))?;
        let now = ts(self.now());
        self.conn().execute(
            "INSERT INTO user_templates (id, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            params![id, json, now],
        )?;
        Ok(())
    }

    /// A user template's JSON text, `None` when there is none with this id.
    pub fn user_template(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT data FROM user_templates WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// All user templates as stored (JSON), by id.
    pub fn user_template_rows(&self) -> Result<Vec<UserTemplate>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id, data, created_at, updated_at FROM user_templates ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, data, created_at, updated_at)| {
                let data = serde_json::from_str(&data)
                    .map_err(|e| Error::TemplateData(format!("user template {id}: {e}")))?;
                Ok(UserTemplate {
                    id,
                    data,
                    created_at,
                    updated_at,
                })
            })
            .collect()
    }

    /// Deletes a user template (its snippets stay).
    pub fn delete_user_template(&self, id: &str) -> Result<()> {
        let n = self
            .conn()
            .execute("DELETE FROM user_templates WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::not_found(Entity::Template, id));
        }
        Ok(())
    }

    /// Saves a snippet for a section of a template.
    pub fn add_snippet(
        &self,
        template_id: &str,
        section: &str,
        lang: &str,
        text: &str,
    ) -> Result<Snippet> {
        let now = ts(self.now());
        let conn = self.conn();
        conn.execute(
            "INSERT INTO user_snippets (template_id, section, lang, text, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![template_id, section, lang, text, now],
        )?;
        Ok(Snippet {
            id: conn.last_insert_rowid(),
            template_id: template_id.to_string(),
            section: section.to_string(),
            lang: lang.to_string(),
            text: text.to_string(),
            created_at: now,
        })
    }

    /// The snippets of a template's section, oldest first.
    pub fn snippets(&self, template_id: &str, section: &str) -> Result<Vec<Snippet>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, coalesce(template_id, ''), coalesce(section, ''), coalesce(lang, ''), text, created_at
             FROM user_snippets WHERE template_id = ?1 AND section = ?2 ORDER BY id",
        )?;
        let rows = stmt
            .query_map(params![template_id, section], |r| {
                Ok(Snippet {
                    id: r.get(0)?,
                    template_id: r.get(1)?,
                    section: r.get(2)?,
                    lang: r.get(3)?,
                    text: r.get(4)?,
                    created_at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Deletes a snippet.
    pub fn delete_snippet(&self, id: i64) -> Result<()> {
        let n = self
            .conn()
            .execute("DELETE FROM user_snippets WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::invalid(
                "snippet",
                format!("there is no snippet {id}"),
            ));
        }
        Ok(())
    }
}
