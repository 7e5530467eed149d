//! Which installed family sets each font role: the first of the style's list that is
//! installed (by typst's name or any localized name), else a fallback of the right kind.

use std::collections::BTreeSet;

use typst::text::{FontInfo, FontWeight};

use super::Fonts;

/// Which family a role uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    /// typst's name of the family.
    pub family: String,
    /// True when none of the role's families is installed and a fallback was taken.
    pub fallback: bool,
}

impl Fonts {
    /// typst's name of an installed family called `name` (as typst knows it, or by any
    /// localized name), if there is one.
    pub(crate) fn find_family(&self, name: &str) -> Option<String> {
        let lower = name.trim().to_lowercase();
        if lower.is_empty() {
            return None;
        }
        if let Some(i) = self.book().select_family(&lower).next() {
            return self.book().info(i).map(|info| info.family.clone());
        }
        self.localized.get(&lower).cloned()
    }

    /// The first installed family of `candidates`, else a fallback. `None` only when the
    /// machine has no font at all.
    pub(crate) fn choose(&self, candidates: &[String], sans: bool) -> Option<Choice> {
        if let Some(family) = candidates.iter().find_map(|c| self.find_family(c)) {
            return Some(Choice {
                family,
                fallback: false,
            });
        }
        self.fallback_family(sans).map(|family| Choice {
            family,
            fallback: true,
        })
    }

    /// The characters of `chars` that no installed font can show (they print as a box).
    /// The families in `first` are tried before all others, which settles nearly every
    /// character of a Chinese text at once.
    pub(crate) fn uncovered(&self, chars: &BTreeSet<char>, first: &[&str]) -> Vec<char> {
        let book = self.book();
        let preferred: Vec<&FontInfo> = first
            .iter()
            .flat_map(|f| book.select_family(&f.to_lowercase()).collect::<Vec<_>>())
            .filter_map(|i| book.info(i))
            .collect();
        let all: Vec<&FontInfo> = self.infos().collect();
        let covered =
            |infos: &[&FontInfo], c: char| infos.iter().any(|i| i.coverage.contains(u32::from(c)));
        chars
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(*c))
            .filter(|c| !covered(&preferred, *c) && !covered(&all, *c))
            .collect()
    }

    /// The first family with every one of `chars`: of `first`, else of all installed ones
    /// (in name order, for the same result on every run).
    pub(crate) fn family_covering(&self, chars: &[char], first: &[&str]) -> Option<String> {
        let has_all = |info: &FontInfo| chars.iter().all(|c| info.coverage.contains(u32::from(*c)));
        let book = self.book();
        for f in first {
            let lower = f.to_lowercase();
            if book
                .select_family(&lower)
                .filter_map(|i| book.info(i))
                .any(has_all)
            {
                return Some((*f).to_string());
            }
        }
        let mut all: Vec<&str> = self
            .infos()
            .filter(|i| has_all(i))
            .map(|i| i.family.as_str())
            .collect();
        all.sort_unstable();
        all.first().map(|f| (*f).to_string())
    }

    /// Whether `family` has a face heavy enough to show bold text (weight ≥ 600).
    pub(crate) fn has_bold(&self, family: &str) -> bool {
        let lower = family.to_lowercase();
        self.book()
            .select_family(&lower)
            .filter_map(|i| self.book().info(i))
            .any(|info| info.variant.weight >= FontWeight::SEMIBOLD)
    }

    /// A family that can set Chinese text, for a role none of whose fonts is installed:
    /// the well-known free faces first (serif or sans as the role asks), then any installed
    /// family covering the common ideographs, then any family at all.
    pub(crate) fn fallback_family(&self, sans: bool) -> Option<String> {
        const SERIF: &[&str] = &[
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "AR PL UMing CN",
            "LXGW WenKai",
        ];
        const SANS: &[&str] = &[
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei",
            "Droid Sans Fallback",
        ];
        let (first, second) = if sans { (SANS, SERIF) } else { (SERIF, SANS) };
        if let Some(f) = first.iter().chain(second).find_map(|n| self.find_family(n)) {
            return Some(f);
        }
        let probe = ['中', '文', '的', '年'];
        let mut cjk: Vec<&str> = self
            .infos()
            .filter(|info| probe.iter().all(|c| info.coverage.contains(u32::from(*c))))
            .map(|info| info.family.as_str())
            .collect();
        cjk.sort_unstable();
        if let Some(f) = cjk.first() {
            return Some((*f).to_string());
        }
        let mut any: Vec<&str> = self.infos().map(|info| info.family.as_str()).collect();
        any.sort_unstable();
        any.first().map(|f| (*f).to_string())
    }
}

/// Format characters that have no glyph by design (zero-width spaces and joiners, bidi
/// controls, BOM, variation selectors, tags).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

#[cfg(test)]
mod tests {
    use crate::fonts::FontLibrary;

    #[test]
    fn a_role_without_any_installed_font_falls_back_and_says_so() {
        let lib = FontLibrary::shared().fonts();
        assert!(
            !lib.is_empty(),
            "no font installed: `make deps` installs them"
        );
        let missing = vec![
            "不存在的字体".to_string(),
            "No Such Font Family".to_string(),
        ];
        let c = lib.choose(&missing, false).unwrap();
        assert!(c.fallback);
        assert!(!c.family.is_empty());
        let some = lib.book().info(0).unwrap().family.clone();
        let c = lib
            .choose(&["No Such Font".to_string(), some.to_uppercase()], false)
            .unwrap();
        assert_eq!((c.family, c.fallback), (some, false));
    }

    #[test]
    fn localized_family_names_are_found() {
        // fonts-lxgw-wenkai names itself 霞鹜文楷 in Chinese.
        let lib = FontLibrary::shared().fonts();
        assert!(
            lib.find_family("LXGW WenKai").is_some(),
            "fonts-lxgw-wenkai is missing: `make test` installs it"
        );
        assert_eq!(lib.find_family("霞鹜文楷").as_deref(), Some("LXGW WenKai"));
    }
}
