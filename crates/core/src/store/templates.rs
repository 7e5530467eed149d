//! The user's own templates (saved from documents or read from packs), kept in the store
//! beside the built-in gallery, which they never shadow.

use super::Store;
use crate::error::{Entity, Error, Result};
use crate::template::{self, Template};

impl Store {
    /// The user's templates, by id.
    pub fn user_templates(&self) -> Result<Vec<Template>> {
        self.user_template_rows()?
            .into_iter()
            .map(|u| {
                serde_json::from_value(u.data)
                    .map_err(|e| Error::TemplateData(format!("user template {}: {e}", u.id)))
            })
            .collect()
    }

    /// Saves (or replaces) a user template. Built-in ids are refused: a built-in is never
    /// shadowed.
    pub fn save_user_template(&self, t: &Template) -> Result<()> {
        t.validate()?;
        if template::builtin()?.iter().any(|b| b.id == t.id) {
            return Err(Error::TemplateData(format!(
                "'{}' is the id of a built-in template",
                t.id
            )));
        }
        let json = serde_json::to_string(t).map_err(|e| Error::TemplateData(e.to_string()))?;
        self.put_user_template(&t.id, &json)
    }

    /// The built-in gallery followed by the user's templates.
    pub fn all_templates(&self) -> Result<Vec<Template>> {
        let mut all = template::builtin()?.to_vec();
        all.extend(self.user_templates()?);
        Ok(all)
    }

    /// A template by id, built-in or the user's.
    pub fn template(&self, id: &str) -> Result<Template> {
        self.all_templates()?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| Error::not_found(Entity::Template, id))
    }
}

#[cfg(test)]
mod tests {
    use crate::kind::Kind;
    use crate::lang::Lang;
    use crate::store::Store;
    use crate::template::{builtin, template_from_markdown};

    #[test]
    fn user_templates_live_in_the_store_and_never_shadow_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let doc = crate::markdown::parse("# 我的周报\n\n## 本周亮点\n\n## 风险\n").unwrap();
        let t = template_from_markdown("team-weekly", "团队周报", Kind::Weekly, Lang::ZhHans, &doc);
        store.save_user_template(&t).unwrap();
        let found = store.template("team-weekly").unwrap();
        assert_eq!(found.sections.len(), 2);
        assert!(store.all_templates().unwrap().len() > builtin().unwrap().len());

        let mut clash = t.clone();
        clash.id = "weekly".into();
        assert_eq!(
            store.save_user_template(&clash).unwrap_err().code(),
            "template-data"
        );
    }
}
