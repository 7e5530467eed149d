//! The built-in gallery: the template data files compiled in, read once, and the editorial
//! rules every built-in template follows.

use super::{Template, TemplateView};
use crate::error::{Entity, Error, Result};
use crate::kind::Kind;
use crate::lang::Lang;
use std::collections::HashSet;
use std::sync::OnceLock;

macro_rules! data_files {
    ($($stem:literal),* $(,)?) => {
        &[$(($stem, include_str!(concat!("../../templates/", $stem, ".toml")))),*]
    };
}

/// Every built-in data file as (file stem, text). A new file must be listed here; a unit test
/// checks that the list and the folder agree.
const DATA: &[(&str, &str)] = data_files![
    "annual-five-part",
    "annual-by-module",
    "annual-star",
    "growth-narrative",
    "product-manager-annual",
    "half-year",
    "quarterly",
    "monthly",
    "weekly",
    "probation",
    "duty-report",
    "sales-review",
    "project-retro-grai",
];

fn parse_data_file(stem: &str, text: &str) -> Result<Template> {
    let t: Template = toml::from_str(text)
        .map_err(|e| Error::TemplateData(format!("{stem}.toml: {}", e.message())))?;
    if t.id != stem {
        return Err(Error::TemplateData(format!(
            "{stem}.toml: the id '{}' must equal the file name",
            t.id
        )));
    }
    t.validate()?;
    Ok(t)
}

fn parse_all(files: &[(&str, &str)]) -> Result<Vec<Template>> {
    let mut out = Vec::with_capacity(files.len());
    let mut seen = HashSet::new();
    for (stem, text) in files {
        let t = parse_data_file(stem, text)?;
        if !seen.insert(t.id.clone()) {
            return Err(Error::TemplateData(format!(
                "template id '{}' is used twice",
                t.id
            )));
        }
        out.push(t);
    }
    out.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// The built-in templates in gallery order, parsed once.
pub fn builtin() -> Result<&'static [Template]> {
    static PARSED: OnceLock<std::result::Result<Vec<Template>, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse_all(DATA).map_err(|e| e.message(Lang::En))) {
        Ok(v) => Ok(v.as_slice()),
        Err(m) => Err(Error::TemplateData(m.clone())),
    }
}

/// The built-in template `id`.
pub fn find(id: &str) -> Result<Template> {
    builtin()?
        .iter()
        .find(|t| t.id == id)
        .cloned()
        .ok_or_else(|| Error::not_found(Entity::Template, id))
}

/// The whole built-in gallery in one language.
pub fn gallery(lang: Lang) -> Result<Vec<TemplateView>> {
    Ok(builtin()?.iter().map(|t| t.view(lang)).collect())
}

/// The editorial rules of the built-in gallery, stricter than [`Template::validate`]: all
/// three languages for every name, description and section (title and prompt), 2–4 tips and at
/// least 2 snippets per section, balanced `【】` in prompts and snippets, unique ids, at least
/// ten templates, and every common kind covered. Returns one line per problem.
pub fn gallery_problems(templates: &[Template]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for t in templates {
        let id = &t.id;
        if !seen.insert(id.as_str()) {
            problems.push(format!("{id}: id used twice"));
        }
        if let Err(e) = t.validate() {
            problems.push(e.message(Lang::En));
        }
        for l in Lang::ALL {
            if t.name.exact(l).trim().is_empty() {
                problems.push(format!("{id}: name lacks {l}"));
            }
            if t.description.exact(l).trim().is_empty() {
                problems.push(format!("{id}: description lacks {l}"));
            }
        }
        for (i, s) in t.sections.iter().enumerate() {
            let n = i + 1;
            for l in Lang::ALL {
                let x = s.text(l);
                let at = format!("{id}: section {n} [{l}]");
                if x.title.trim().is_empty() {
                    problems.push(format!("{at}: no title"));
                }
                if x.title
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
                    || ["一、", "二、", "三、", "（一）", "(一)"]
                        .iter()
                        .any(|p| x.title.starts_with(p))
                {
                    problems.push(format!("{at}: title '{}' carries numbering", x.title));
                }
                if x.prompt.trim().is_empty() {
                    problems.push(format!("{at}: no prompt"));
                }
                if !(2..=4).contains(&x.tips.len()) {
                    problems.push(format!("{at}: {} tips (want 2 to 4)", x.tips.len()));
                }
                if x.tips.iter().any(|s| s.trim().is_empty()) {
                    problems.push(format!("{at}: an empty tip"));
                }
                if x.snippets.len() < 2 {
                    problems.push(format!(
                        "{at}: {} snippets (want at least 2)",
                        x.snippets.len()
                    ));
                }
                for text in std::iter::once(&x.prompt).chain(&x.snippets) {
                    if text.trim().is_empty() {
                        problems.push(format!("{at}: an empty snippet"));
                    }
                    if !brackets_balanced(text) {
                        problems.push(format!("{at}: unbalanced 【】 in '{text}'"));
                    }
                }
            }
        }
    }
    if templates.len() < 10 {
        problems.push(format!(
            "only {} templates (want at least 10)",
            templates.len()
        ));
    }
    for k in [
        Kind::Annual,
        Kind::Quarterly,
        Kind::Monthly,
        Kind::Weekly,
        Kind::Probation,
        Kind::DutyReport,
        Kind::ProjectRetro,
    ] {
        if !templates.iter().any(|t| t.kind == k) {
            problems.push(format!("no template of kind {}", k.id()));
        }
    }
    problems
}

/// Whether every `【` is closed by a `】` before the next `【`, and no `】` stands alone.
pub fn brackets_balanced(text: &str) -> bool {
    let mut open = false;
    for c in text.chars() {
        match c {
            '【' if open => return false,
            '【' => open = true,
            '】' if !open => return false,
            '】' => open = false,
            _ => {}
        }
    }
    !open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_parses_and_follows_the_gallery_rules() {
        let all = builtin().unwrap();
        let problems = gallery_problems(all);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_data_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let p = e.unwrap().path();
                (p.extension()? == "toml")
                    .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = DATA.iter().map(|(s, _)| (*s).to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn gallery_is_sorted_by_order() {
        let all = builtin().unwrap();
        assert!(all.windows(2).all(|w| w[0].order <= w[1].order));
        assert_eq!(all[0].id, "annual-five-part");
    }

    #[test]
    fn find_gives_a_template_or_not_found() {
        assert_eq!(find("weekly").unwrap().kind, Kind::Weekly);
        let err = find("no-such-template").unwrap_err();
        assert_eq!(err.code(), "not-found");
        assert!(err.message(Lang::ZhHant).contains("範本"));
    }

    #[test]
    fn a_malformed_file_is_an_error_not_a_panic() {
        let err = parse_all(&[("x", "id = \"x\"\nkind = \"annual\"\n[name\n")]).unwrap_err();
        assert_eq!(err.code(), "template-data");
        let err = parse_all(&[(
            "x",
            "id = \"y\"\nkind = \"annual\"\nname = { en = \"Y\" }\nsections = []\n",
        )])
        .unwrap_err();
        assert!(err.to_string().contains("file name"), "{err}");
        let err = parse_all(&[(
            "x",
            "id = \"x\"\nkind = \"yearly\"\nname = { en = \"X\" }\nsections = []\n",
        )])
        .unwrap_err();
        assert_eq!(err.code(), "template-data");
    }

    #[test]
    fn the_five_part_annual_has_the_known_structure() {
        let v = find("annual-five-part").unwrap().view(Lang::ZhHans);
        let titles: Vec<&str> = v.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "工作完成情况概述",
                "主要业绩与亮点",
                "存在的问题与不足",
                "经验与教训",
                "未来工作计划"
            ]
        );
        let hant = find("annual-five-part").unwrap().view(Lang::ZhHant);
        assert_ne!(hant.sections[0].title, v.sections[0].title);
    }

    #[test]
    fn brackets_are_checked() {
        assert!(brackets_balanced("提升【数字】%，客户【名称】"));
        assert!(!brackets_balanced("提升【数字%"));
        assert!(!brackets_balanced("提升】数字"));
        assert!(!brackets_balanced("【a【b】】"));
    }
}
