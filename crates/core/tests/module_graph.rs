//! The crate's modules form layers: no module imports another that imports it back, directly
//! or through others (ARCHITECTURE.md's invariant). This test reads the sources, collects
//! every `crate::…` path each top-level module names outside its tests, and fails on the first
//! circle it finds, printing it. Files of one folder module are held to the same rule among
//! themselves (`super::sibling`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its test module (by convention the last item of a file) and
/// without comments (a doc comment naming another module is no import of it).
fn without_tests(text: &str) -> String {
    let code = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    code.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of every `crate::` path: `crate::a::b` gives `a`, and
/// `crate::{a::x, b}` gives `a` and `b`.
fn crate_roots(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        // `recap_crate::` or `some_crate::` is not this crate.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        at_start = true;
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 && at_start {
                    if c.is_alphanumeric() || c == '_' {
                        item.push(c);
                        continue;
                    }
                    if !item.is_empty() {
                        out.insert(std::mem::take(&mut item));
                        at_start = false;
                    }
                }
            }
            if !item.is_empty() {
                out.insert(item);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Names of `super::x` paths (siblings, from a file of a folder module).
fn super_names(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("super::") {
        let name: String = code[i + "super::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(n.to_string(), Mark::Open);
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            match marks.get(m).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = path.iter().position(|p| p == m).unwrap_or(0);
                    let mut c = path[from..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                Mark::New if graph.contains_key(m) => {
                    if let Some(c) = visit(m, graph, marks, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        marks.insert(n.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for n in graph.keys() {
        if marks.get(n).copied().unwrap_or(Mark::New) == Mark::New {
            let mut path = Vec::new();
            if let Some(c) = visit(n, graph, &mut marks, &mut path) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 20, "read the sources of {}", src.display());

    let top_modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(&src).ok()?;
            let first = rel
                .components()
                .next()?
                .as_os_str()
                .to_string_lossy()
                .into_owned();
            Some(first.trim_end_matches(".rs").to_string())
        })
        .filter(|m| m != "lib")
        .collect();

    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut folders: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap_or(f);
        let parts: Vec<String> = rel
            .components()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .collect();
        if parts[0] == "lib" || parts.last().is_some_and(|p| p == "tests") {
            continue;
        }
        let text = fs::read_to_string(f).unwrap_or_default();
        let code = without_tests(&text);
        let code = code.as_str();
        let module = parts[0].clone();
        let uses: BTreeSet<String> = crate_roots(code)
            .into_iter()
            .filter(|m| *m != module && top_modules.contains(m))
            .collect();
        top.entry(module.clone()).or_default().extend(uses);
        if parts.len() == 2 && parts[1] != "mod" {
            let siblings = folders.entry(module.clone()).or_default();
            let own = parts[1].clone();
            let names: BTreeSet<String> = super_names(code)
                .into_iter()
                .chain(crate_roots(
                    &code.replace(&format!("crate::{module}::"), "crate::"),
                ))
                .filter(|n| *n != own)
                .collect();
            siblings.entry(own).or_default().extend(names);
        }
    }

    if let Some(c) = find_cycle(&top) {
        panic!(
            "crates/core modules import each other in a circle: {}",
            c.join(" -> ")
        );
    }
    for (folder, graph) in &folders {
        let files: BTreeSet<&String> = graph.keys().collect();
        let graph: BTreeMap<String, BTreeSet<String>> = graph
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.iter().filter(|n| files.contains(n)).cloned().collect(),
                )
            })
            .collect();
        if let Some(c) = find_cycle(&graph) {
            panic!(
                "the files of crates/core/src/{folder}/ import each other in a circle: {}",
                c.join(" -> ")
            );
        }
    }
}

#[test]
fn the_reader_of_paths_sees_groups_and_skips_other_crates() {
    let code = "use crate::{error::{Error, Result}, lang::Lang};\nuse recap_crate::x;\nlet a = crate::text::is_han(c);";
    let roots: Vec<String> = crate_roots(code).into_iter().collect();
    assert_eq!(roots, ["error", "lang", "text"]);
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    g.insert("c".to_string(), BTreeSet::new());
    assert!(find_cycle(&g).is_none());
}
