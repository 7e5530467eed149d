//! Which template section each heading of a document is. One rule for the counts against the
//! section targets, the check's missing sections and the editor's side panel.
//!
//! A heading matches a section of the same title in any of the template's languages, typed
//! numbering, spaces and case ignored. Templates that repeat a structure (周期目标, 核心举措…
//! once per module) line up in order: the k-th heading of a title is the k-th section of that
//! title.

use super::Template;
use crate::lang::Lang;
use crate::numbering::strip_number;
use std::collections::HashMap;

fn norm(title: &str) -> String {
    strip_number(title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each heading `(level, title)`, the index of its template section, or `None` (the title,
/// level 1, is never a section).
pub fn align(headings: &[(u8, &str)], template: &Template) -> Vec<Option<usize>> {
    let keys: Vec<Vec<String>> = template
        .sections
        .iter()
        .map(|s| Lang::ALL.iter().map(|l| norm(&s.text(*l).title)).collect())
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    headings
        .iter()
        .map(|(level, title)| {
            if *level < 2 {
                return None;
            }
            let key = norm(title);
            if key.is_empty() {
                return None;
            }
            let k = seen.entry(key.clone()).or_insert(0);
            let nth = *k;
            *k += 1;
            let matches: Vec<usize> = keys
                .iter()
                .enumerate()
                .filter(|(_, ks)| ks.contains(&key))
                .map(|(i, _)| i)
                .collect();
            matches
                .get(nth.min(matches.len().saturating_sub(1)))
                .copied()
        })
        .collect()
}

/// For each heading, the template section whose guidance applies under it: its own, else the
/// nearest enclosing heading's (a heading the writer added inside a template section is still
/// that section). `(heading index, section index)`.
pub fn guides(headings: &[(u8, &str)], aligned: &[Option<usize>]) -> Vec<Option<(usize, usize)>> {
    (0..headings.len())
        .map(|i| {
            let mut level = u8::MAX;
            for j in (0..=i).rev() {
                let (l, _) = headings[j];
                if l >= level {
                    continue;
                }
                if let Some(Some(s)) = aligned.get(j) {
                    return Some((j, *s));
                }
                level = l;
            }
            None
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::find;

    #[test]
    fn headings_match_sections_in_any_language_and_repeats_line_up() {
        let t = find("annual-by-module").unwrap();
        let titles: Vec<String> = t.sections.iter().map(|s| s.zh_hans.title.clone()).collect();
        // The structure repeated per module: the second 周期目标 is the second such section.
        let repeated = titles
            .iter()
            .find(|x| titles.iter().filter(|y| y == x).count() > 1)
            .cloned()
            .unwrap();
        let firsts: Vec<usize> = titles
            .iter()
            .enumerate()
            .filter(|(_, x)| **x == repeated)
            .map(|(i, _)| i)
            .collect();
        let heads = vec![
            (1, "总结"),
            (3, repeated.as_str()),
            (3, repeated.as_str()),
            (2, "我自己加的"),
        ];
        let a = align(&heads, &t);
        assert_eq!(a, vec![None, Some(firsts[0]), Some(firsts[1]), None]);

        let five = find("annual-five-part").unwrap();
        let en = five.sections[0].en.title.to_uppercase();
        let spaced = format!(
            "一、 {}",
            five.sections[1]
                .zh_hans
                .title
                .chars()
                .map(|c| format!("{c} "))
                .collect::<String>()
        );
        let a = align(&[(2, en.as_str()), (2, spaced.as_str())], &five);
        assert_eq!(a, vec![Some(0), Some(1)]);
    }

    #[test]
    fn a_heading_of_the_writers_own_takes_its_parents_guidance() {
        let heads = [(1, "T"), (2, "A"), (3, "mine"), (4, "deeper"), (2, "B")];
        let aligned = [None, Some(0), None, None, None];
        assert_eq!(
            guides(&heads, &aligned),
            vec![None, Some((1, 0)), Some((1, 0)), Some((1, 0)), None]
        );
    }
}
