//! Document metadata (title, author, period…), kept as YAML front matter at the top of the
//! Markdown text.

use crate::kind::Kind;
use crate::lang::Lang;
use crate::period::Period;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Chinese official date form: Arabic digits, full year, no leading zeros (2026年11月2日).
pub fn format_date_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The title a summary of `kind` over `period` gets until its writer types one:
/// 2026年度工作总结, 2026年第三季度工作总结, 2026年第47周工作周报, 试用期工作总结; Q3 2026
/// Quarterly Review. Without a period (or for a kind whose title names none), `fallback`
/// (the template's name) where the kind has no fixed title.
pub fn default_title(kind: Kind, period: Option<&Period>, fallback: &str, lang: Lang) -> String {
    use crate::period::PeriodUnit;
    let fixed = |hans: &str, hant: &str, en: &str| lang.pick(hans, hant, en).to_string();
    match kind {
        Kind::Probation => return fixed("试用期工作总结", "試用期工作總結", "Probation Review"),
        Kind::ProjectRetro => {
            return fixed("项目复盘报告", "專案復盤報告", "Project Retrospective");
        }
        _ => {}
    }
    let Some(p) = period else {
        return fallback.to_string();
    };
    let when = match p.shape().0 {
        // A year reads "2026年度" in a title: 2026年度工作总结.
        PeriodUnit::Year if lang != Lang::En => format!("{}年度", p.start.year()),
        PeriodUnit::Custom if lang != Lang::En => {
            format!("{}—{}", format_date_cn(p.start), format_date_cn(p.end))
        }
        _ => p.label(lang),
    };
    let title = match (kind, lang) {
        (Kind::Weekly, Lang::En) => format!("Weekly Report, {when}"),
        (Kind::Weekly, Lang::ZhHant) => format!("{when}工作週報"),
        (Kind::Weekly, Lang::ZhHans) => format!("{when}工作周报"),
        (Kind::DutyReport, Lang::En) => format!("{when} Duty Report"),
        (Kind::DutyReport, Lang::ZhHant) => format!("{when}述職報告"),
        (Kind::DutyReport, Lang::ZhHans) => format!("{when}述职报告"),
        (Kind::Annual, Lang::En) => format!("{when} Annual Review"),
        (Kind::HalfYear, Lang::En) => format!("{when} Half-Year Review"),
        (Kind::Quarterly, Lang::En) => format!("{when} Quarterly Review"),
        (Kind::Monthly, Lang::En) => format!("{when} Monthly Review"),
        (_, Lang::En) => format!("{when} Review"),
        (_, Lang::ZhHant) => format!("{when}工作總結"),
        (_, Lang::ZhHans) => format!("{when}工作总结"),
    };
    title.trim().to_string()
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Keys Recap does not know, kept so that nothing the user wrote is lost.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_norway::Value>,
}

impl Metadata {
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }
}

/// What could not be read in a front matter block, and was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    /// 1-based line in the whole text.
    pub line: usize,
    /// The line as it was (control characters shown as `\u{…}`).
    pub text: String,
    /// The line was read, but only after control characters or tabs were taken out of it.
    pub cleaned: bool,
}

impl Dropped {
    /// What happened, for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (line, text) = (self.line, &self.text);
        if self.cleaned {
            match lang {
                Lang::ZhHans => {
                    format!("元数据第 {line} 行含有不可见的控制字符或制表符，已去掉后读取：{text}")
                }
                Lang::ZhHant => format!(
                    "中繼資料第 {line} 行含有不可見的控制字元或定位字元，已去掉後讀取：{text}"
                ),
                Lang::En => format!(
                    "Metadata line {line} held control characters or tabs; they were removed: {text}"
                ),
            }
        } else {
            match lang {
                Lang::ZhHans => format!("元数据第 {line} 行无法读取，已忽略：{text}"),
                Lang::ZhHant => format!("中繼資料第 {line} 行無法讀取，已略過：{text}"),
                Lang::En => {
                    format!("Metadata line {line} could not be read and was left out: {text}")
                }
            }
        }
    }
}

/// A document's front matter, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    pub meta: Metadata,
    /// Lines that could not be read as written (see [`read_front_matter`]).
    pub dropped: Vec<Dropped>,
}

/// The `---` block at the top of `text`, if it has one: the YAML between the fences, its
/// first line's number (1-based) and the body after the closing fence.
fn front_block(text: &str) -> Option<(&str, usize, &str)> {
    let after_open = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if matches!(line.trim_end_matches(['\r', '\n']), "---" | "...") {
            return Some((&after_open[..offset], 2, &after_open[offset + line.len()..]));
        }
        offset += line.len();
    }
    // An opening `---` with no closing one is a thematic break, not front matter.
    None
}

/// Splits `---\n<yaml>\n---\n<body>` into the metadata and the body. Text without a front
/// matter block is all body. Never fails: what YAML cannot read is read line by line where
/// the intent is clear (see [`read_front_matter`]) and the rest left out.
pub fn split_front_matter(text: &str) -> (Metadata, &str) {
    let (fm, body) = read_front_matter(text);
    (fm.meta, body)
}

/// [`split_front_matter`], with what had to be cleaned or left out. A block YAML reads as it
/// is gives no notes. One that it cannot read (a control character, a stray quote, a tab
/// before a key, a period written wrong) is read one `key: value` line at a time: a line that
/// reads after its control characters and tabs are taken out is kept (and noted), a quoted
/// value missing its closing quote is read as the text it holds, a known key whose value
/// means nothing (`period: soon`) and any other unreadable line are left out (and noted).
/// Nothing the user wrote below the block is touched.
pub fn read_front_matter(text: &str) -> (FrontMatter, &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((yaml, first_line, body)) = front_block(text) else {
        return (FrontMatter::default(), text);
    };
    if yaml.trim().is_empty() {
        return (FrontMatter::default(), body);
    }
    if let Ok(meta) = serde_norway::from_str::<Metadata>(yaml) {
        return (
            FrontMatter {
                meta,
                dropped: Vec::new(),
            },
            body,
        );
    }
    (lenient(yaml, first_line), body)
}

/// Reads a YAML block key by key (a top-level key with the indented lines under it).
fn lenient(yaml: &str, first_line: usize) -> FrontMatter {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut map = serde_norway::Mapping::new();
    let mut dropped = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line_no = first_line + i;
        let raw = lines[i];
        // The entry: this line and the space-indented (or blank) lines that continue it. A
        // line led by a tab is a key of its own that a tab spoils (YAML indents with spaces).
        let mut end = i + 1;
        while end < lines.len() && (lines[end].starts_with(' ') || lines[end].trim().is_empty()) {
            end += 1;
        }
        let entry = lines[i..end].join("\n").trim_end().to_string();
        i = end;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let show = |s: &str| s.chars().flat_map(char::escape_debug).collect::<String>();
        let cleaned: String = entry
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        let cleaned = cleaned.trim_start().to_string();
        match read_entry(&cleaned) {
            Some((k, v, altered)) => {
                if altered || cleaned != entry {
                    dropped.push(Dropped {
                        line: line_no,
                        text: show(raw),
                        cleaned: true,
                    });
                }
                map.insert(k, v);
            }
            None => dropped.push(Dropped {
                line: line_no,
                text: show(raw),
                cleaned: false,
            }),
        }
    }
    // Every value was read on its own, so the map reads as a whole; should it not, the
    // keys are taken one at a time.
    let meta = serde_norway::from_value::<Metadata>(serde_norway::Value::Mapping(map.clone()))
        .unwrap_or_else(|_| {
            let mut meta = Metadata::default();
            for (k, v) in map {
                let mut one = serde_norway::Mapping::new();
                one.insert(k, v);
                if let Ok(m) =
                    serde_norway::from_value::<Metadata>(serde_norway::Value::Mapping(one))
                {
                    meta.merge(m);
                }
            }
            meta
        });
    FrontMatter { meta, dropped }
}

/// One `key: value` entry read on its own: as YAML, else (for a value that only a stray
/// quote spoils) as the text between the quotes, which alters it (the third value). Known keys
/// must give a value that means something for that key.
fn read_entry(entry: &str) -> Option<(serde_norway::Value, serde_norway::Value, bool)> {
    let (key, rest) = entry.split_once(':')?;
    let key = key.trim();
    let key_ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if !key_ok {
        return None;
    }
    let as_yaml = serde_norway::from_str::<serde_norway::Mapping>(entry)
        .ok()
        .and_then(|m| m.into_iter().next())
        .map(|(k, v)| (k, v, false));
    let (k, v, altered) = as_yaml.or_else(|| {
        let v = rest.trim();
        let unquoted = v.trim_matches(['"', '\'']).trim();
        (!unquoted.is_empty() && !rest.contains('\n')).then(|| {
            (
                serde_norway::Value::String(key.to_string()),
                serde_norway::Value::String(unquoted.to_string()),
                unquoted != v,
            )
        })
    })?;
    let mut one = serde_norway::Mapping::new();
    one.insert(k.clone(), v.clone());
    // A known key's value must mean something (a period that parses, a kind that exists).
    serde_norway::from_value::<Metadata>(serde_norway::Value::Mapping(one)).ok()?;
    Some((k, v, altered))
}

impl Metadata {
    /// Takes the fields `other` has.
    fn merge(&mut self, other: Metadata) {
        let Metadata {
            title,
            author,
            department,
            position,
            period,
            kind,
            template,
            lang,
            extra,
        } = other;
        self.title = title.or(self.title.take());
        self.author = author.or(self.author.take());
        self.department = department.or(self.department.take());
        self.position = position.or(self.position.take());
        self.period = period.or(self.period.take());
        self.kind = kind.or(self.kind.take());
        self.template = template.or(self.template.take());
        self.lang = lang.or(self.lang.take());
        self.extra.extend(extra);
    }
}

/// A document's text cut where an editor wants it: the front matter block exactly as written
/// (fences included, `""` when there is none) and the Markdown after it, leading blank lines
/// dropped. [`join_source`] puts them back together.
pub fn split_source(text: &str) -> (&str, &str) {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trim_lead = |s: &'_ str| -> usize {
        let mut at = 0;
        for line in s.split_inclusive('\n') {
            if line.trim().is_empty() && line.ends_with('\n') {
                at += line.len();
            } else {
                break;
            }
        }
        at
    };
    match front_block(t) {
        Some((_, _, body)) => {
            let front = &t[..t.len() - body.len()];
            let skip = trim_lead(body);
            (front, &body[skip..])
        }
        None => ("", &t[trim_lead(t)..]),
    }
}

/// The text of a document from its front matter block (as [`split_source`] gave it, or
/// rewritten by [`with_title`]) and its Markdown: one blank line between them, one newline
/// at the end.
pub fn join_source(front: &str, content: &str) -> String {
    let body = content.trim_end();
    let mut out = String::with_capacity(front.len() + body.len() + 3);
    if front.is_empty() {
        if !body.is_empty() {
            out.push_str(body);
            out.push('\n');
        }
        return out;
    }
    out.push_str(front);
    if !front.ends_with('\n') {
        out.push('\n');
    }
    if !body.is_empty() {
        out.push('\n');
        out.push_str(body);
        out.push('\n');
    }
    out
}

/// The front matter block with `title` set (a new block when there is none), every other
/// line kept as it was.
pub fn with_title(front: &str, title: &str) -> String {
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    // A JSON string is a valid double-quoted YAML scalar.
    let quoted = serde_json::to_string(&one_line).unwrap_or_else(|_| format!("\"{one_line}\""));
    let line = format!("title: {quoted}");
    if front.is_empty() {
        return format!("---\n{line}\n---\n");
    }
    let mut lines: Vec<&str> = front.split('\n').collect();
    match lines.iter().skip(1).position(|l| l.starts_with("title:")) {
        Some(p) => {
            let i = p + 1;
            // Continuation lines of a multi-line scalar go with it.
            let mut j = i + 1;
            while j < lines.len()
                && lines[j].starts_with([' ', '\t'])
                && !lines[j].trim().is_empty()
            {
                j += 1;
            }
            lines.splice(i..j, [line.as_str()]);
            lines.join("\n")
        }
        None => {
            lines.insert(1, &line);
            lines.join("\n")
        }
    }
}

/// The front matter block for `meta`, or nothing when it is empty.
pub fn write_front_matter(meta: &Metadata) -> String {
    if meta.is_empty() {
        return String::new();
    }
    match serde_norway::to_string(meta) {
        Ok(yaml) => format!("---\n{yaml}---\n\n"),
        // Serialising plain strings and maps cannot fail; keep the body rather than panic.
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn front_matter_round_trips_and_keeps_unknown_keys() {
        let text = "---\ntitle: 年度总结\nperiod: 2026-01-01 至 2026-12-31\nkind: annual\nreviewer: 王五\n---\n\n# 正文\n";
        let (meta, body) = split_front_matter(text);
        assert_eq!(meta.title.as_deref(), Some("年度总结"));
        assert_eq!(meta.kind, Some(Kind::Annual));
        assert!(meta.extra.contains_key("reviewer"));
        assert_eq!(body, "\n# 正文\n");
        let again = write_front_matter(&meta);
        let (meta2, _) = split_front_matter(&again);
        assert_eq!(meta, meta2);
        assert!(read_front_matter(text).0.dropped.is_empty());
    }

    #[test]
    fn what_yaml_cannot_read_is_read_line_by_line_and_noted() {
        // A control character, a stray quote, a tab before a key, a period written wrong.
        let text = "---\ntitle: \"2026年度\u{7}总结\nauthor: 林晓舟\n\tdepartment: 客户成功部\nperiod: 2026-Q5\nkind: annual\n---\n# 正文\n";
        let (fm, body) = read_front_matter(text);
        assert_eq!(body, "# 正文\n");
        assert_eq!(fm.meta.title.as_deref(), Some("2026年度总结"));
        assert_eq!(fm.meta.author.as_deref(), Some("林晓舟"));
        assert_eq!(fm.meta.kind, Some(Kind::Annual));
        assert_eq!(fm.meta.period, None);
        assert_eq!(fm.meta.department.as_deref(), Some("客户成功部"));
        let lines: Vec<(usize, bool)> = fm.dropped.iter().map(|x| (x.line, x.cleaned)).collect();
        assert_eq!(lines, [(2, true), (4, true), (5, false)]);
        let msg = fm
            .dropped
            .iter()
            .find(|x| x.line == 5)
            .unwrap()
            .message(Lang::ZhHans);
        assert_eq!(msg, "元数据第 5 行无法读取，已忽略：period: 2026-Q5");
        assert!(!msg.is_ascii());
        // The title line read as text with its quote and bell removed.
        let bad = "---\ntitle: [unclosed\n---\nbody";
        let (fm, body) = read_front_matter(bad);
        assert_eq!(body, "body");
        assert_eq!(fm.meta.title.as_deref(), Some("[unclosed"));
    }

    #[test]
    fn a_lone_rule_is_not_front_matter() {
        let (meta, body) = split_front_matter("---\nno closing");
        assert!(meta.is_empty());
        assert_eq!(body, "---\nno closing");
    }

    #[test]
    fn source_splits_and_joins_as_the_editor_needs() {
        let text = "---\ntitle: \"周报\"\nkind: weekly\n---\n\n# 周报\n\n正文\n";
        let (front, content) = split_source(text);
        assert_eq!(front, "---\ntitle: \"周报\"\nkind: weekly\n---\n");
        assert_eq!(content, "# 周报\n\n正文\n");
        assert_eq!(join_source(front, content), text);
        assert_eq!(join_source("", "# 无元数据\n\n"), "# 无元数据\n");
        assert_eq!(split_source("\n\n# 标题\n"), ("", "# 标题\n"));
        let renamed = with_title(front, "第48周 周报");
        assert_eq!(renamed, "---\ntitle: \"第48周 周报\"\nkind: weekly\n---\n");
        assert_eq!(
            split_front_matter(&join_source(&renamed, content))
                .0
                .title
                .as_deref(),
            Some("第48周 周报")
        );
        assert_eq!(with_title("", "标题"), "---\ntitle: \"标题\"\n---\n");
        let multi = "---\ntitle: >\n  很长的\n  标题\nkind: annual\n---\n";
        assert_eq!(
            with_title(multi, "短标题"),
            "---\ntitle: \"短标题\"\nkind: annual\n---\n"
        );
    }

    #[test]
    fn titles_name_the_kind_and_the_period() {
        let p = |s: &str| Period::parse(s).unwrap();
        let t = |k, s: &str, l| default_title(k, Some(&p(s)), "模板", l);
        assert_eq!(t(Kind::Annual, "2026", Lang::ZhHans), "2026年度工作总结");
        assert_eq!(
            t(Kind::Quarterly, "2026-Q4", Lang::ZhHans),
            "2026年第四季度工作总结"
        );
        assert_eq!(
            t(Kind::Weekly, "2026-W47", Lang::ZhHant),
            "2026年第47週工作週報"
        );
        assert_eq!(
            t(Kind::Quarterly, "2026-Q4", Lang::En),
            "Q4 2026 Quarterly Review"
        );
        assert_eq!(
            t(Kind::Probation, "2026-Q4", Lang::ZhHans),
            "试用期工作总结"
        );
        assert_eq!(
            t(Kind::Other, "2026-01-05 至 2026-03-20", Lang::ZhHans),
            "2026年1月5日—2026年3月20日工作总结"
        );
        assert_eq!(
            default_title(Kind::Monthly, None, "月度总结模板", Lang::ZhHans),
            "月度总结模板"
        );
    }

    #[test]
    fn official_dates_have_no_leading_zeros() {
        assert_eq!(format_date_cn(d("2026-11-02")), "2026年11月2日");
    }
}
