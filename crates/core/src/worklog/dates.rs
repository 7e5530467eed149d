//! Splitting a paste of many days into dated entries, deterministically and without a model.
//!
//! A line may open with a date: `2026-11-02`, `2026/11/2`, `2026年11月2日`, `11月2日`, `11/2`,
//! `周一`…`周日` (also 星期/礼拜/週), `上周五`, `昨天`/`前天`/`今天`, and in English `Mon`,
//! `Monday`, `Nov 2`, `2 November`, `yesterday`. The rules:
//!
//! - a line led by a date opens an entry of that date (its text is the rest of the line); a
//!   line that is only a date (a heading such as `## 11月2日（周一）`) sets the date of the
//!   lines under it;
//! - a bulleted line (`-`, `*`, `•`, `1.`, `1、`) opens a new entry of the current date;
//! - a blank line closes the entry; any other line continues the open entry, or opens one;
//! - lines before any date make entries without a date, marked for the user to date.
//!
//! A month and day without a year take the year that puts them nearest the last full date
//! above (or today), and never after today when another year would not. A weekday names that
//! day in the week of the last full date above it; with none, in the paste's week: the current
//! week when every weekday of the paste has come already, else the week before. A date that
//! does not exist (2026-02-30, 2月29日 of a common year) is reported, never moved to a nearby
//! day, and its line is kept whole.

use crate::lang::Lang;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// One entry cut from a paste, for the confirm view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedEntry {
    /// `None`: undated (before any date, or a date that does not exist); the user gives one.
    pub date: Option<NaiveDate>,
    pub text: String,
    /// 1-based line of the paste where the entry starts.
    pub line: usize,
    /// The date as written at the head of the entry or of its day (`11月2日`, `周一`).
    pub lead: Option<String>,
    pub problem: Option<PasteProblem>,
}

/// What the confirm view should point out about an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PasteProblem {
    /// No date above the entry.
    Undated,
    /// The written date does not exist; the entry is undated and its line kept whole.
    NoSuchDate { written: String },
    /// The date and the weekday written beside it disagree; the date was kept.
    WeekdayMismatch { written: String },
}

impl PasteProblem {
    /// Blocks storing until the user gives a date.
    pub fn needs_date(&self) -> bool {
        !matches!(self, PasteProblem::WeekdayMismatch { .. })
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            PasteProblem::Undated => lang
                .pick(
                    "这条没有日期，请选择日期。",
                    "這條沒有日期，請選擇日期。",
                    "This entry has no date; pick one.",
                )
                .to_string(),
            PasteProblem::NoSuchDate { written } => match lang {
                Lang::ZhHans => format!("日期“{written}”不存在，请重新选择日期。"),
                Lang::ZhHant => format!("日期「{written}」不存在，請重新選擇日期。"),
                Lang::En => format!("There is no such date as “{written}”; pick the right one."),
            },
            PasteProblem::WeekdayMismatch { written } => match lang {
                Lang::ZhHans => format!("“{written}”里的星期与日期不符，已按日期记录。"),
                Lang::ZhHant => format!("「{written}」裡的星期與日期不符，已按日期記錄。"),
                Lang::En => format!(
                    "The weekday in “{written}” does not match the date; the date was kept."
                ),
            },
        }
    }
}

/// A date as written at the head of a line, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Full {
        y: i32,
        m: u32,
        d: u32,
    },
    MonthDay {
        m: u32,
        d: u32,
    },
    /// A weekday, `weeks` weeks from the anchor week (上周五: -1).
    Weekday {
        wd: Weekday,
        weeks: i64,
    },
    /// Days from today (昨天: -1).
    Relative {
        days: i64,
    },
}

/// A line's date lead: what was written, its text, where the rest of the line starts (bytes),
/// and a weekday written beside a full date.
#[derive(Debug, Clone)]
struct Lead {
    when: Written,
    text: String,
    rest: usize,
    beside: Option<Weekday>,
}

const CN_WEEKDAYS: [(char, Weekday); 8] = [
    ('一', Weekday::Mon),
    ('二', Weekday::Tue),
    ('三', Weekday::Wed),
    ('四', Weekday::Thu),
    ('五', Weekday::Fri),
    ('六', Weekday::Sat),
    ('日', Weekday::Sun),
    ('天', Weekday::Sun),
];

const EN_WEEKDAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

const EN_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A small cursor over a line, with full-width digits read as ASCII.
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, options: &[char]) -> Option<char> {
        match self.peek() {
            Some(c) if options.contains(&c) => self.bump(),
            _ => None,
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        if self.s[self.i..].starts_with(s) {
            self.i += s.len();
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) {
        while self.eat(&[' ', '\t', '\u{3000}']).is_some() {}
    }

    fn digit(c: char) -> Option<u32> {
        match c {
            '0'..='9' => c.to_digit(10),
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => None,
        }
    }

    /// 1 to `max` digits.
    fn number(&mut self, max: usize) -> Option<u32> {
        let start = self.i;
        let mut n = 0u32;
        let mut k = 0;
        while let Some(d) = self.peek().and_then(Self::digit) {
            if k == max {
                self.i = start;
                return None;
            }
            n = n * 10 + d;
            k += 1;
            self.bump();
        }
        if k == 0 { None } else { Some(n) }
    }
}

fn en_month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    EN_MONTHS
        .iter()
        .position(|m| w.starts_with(m) && (w.len() == 3 || full_month(&w)))
        .map(|p| p as u32 + 1)
}

fn full_month(w: &str) -> bool {
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "sept",
        "october",
        "november",
        "december",
    ]
    .contains(&w)
}

fn en_weekday(word: &str) -> Option<Weekday> {
    let w = word.to_ascii_lowercase();
    let full = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "tues",
        "thur",
        "thurs",
    ];
    EN_WEEKDAYS
        .iter()
        .find(|(p, _)| w.starts_with(p) && (w.len() == 3 || full.contains(&w.as_str())))
        .map(|(_, wd)| *wd)
}

/// A Latin word at the cursor (letters only), consumed.
fn word<'a>(c: &mut Cur<'a>) -> &'a str {
    let start = c.i;
    while c.peek().is_some_and(|ch| ch.is_ascii_alphabetic()) {
        c.bump();
    }
    &c.s[start..c.i]
}

/// `周一` `星期三` `礼拜天` `週五` at the cursor, with 上/下/本/这 before it.
fn cn_weekday(c: &mut Cur<'_>) -> Option<(Weekday, i64)> {
    let save = c.i;
    let weeks = if c.eat_str("上") {
        -1
    } else if c.eat_str("下") {
        1
    } else {
        let _ = c.eat_str("本") || c.eat_str("这") || c.eat_str("這");
        0
    };
    let named = ["星期", "礼拜", "禮拜", "周", "週"]
        .iter()
        .any(|p| c.eat_str(p));
    if named
        && let Some(ch) = c.peek()
        && let Some((_, wd)) = CN_WEEKDAYS.iter().find(|(k, _)| *k == ch)
    {
        c.bump();
        return Some((*wd, weeks));
    }
    c.i = save;
    None
}

/// A weekday in brackets or after a space, right after a full date: `（周一）`, `(Mon)`, ` 周一`.
fn beside_weekday(c: &mut Cur<'_>) -> Option<Weekday> {
    let save = c.i;
    c.spaces();
    let open = c.eat(&['（', '(', '[', '【']).is_some();
    c.spaces();
    let wd = if let Some((wd, 0)) = cn_weekday(c) {
        Some(wd)
    } else {
        en_weekday(word(c))
    };
    c.spaces();
    let closed = !open || c.eat(&['）', ')', ']', '】']).is_some();
    match wd {
        Some(wd) if closed => Some(wd),
        _ => {
            c.i = save;
            None
        }
    }
}

/// Is the cursor at the end of a date lead: end of line, whitespace or punctuation?
fn at_separator(c: &Cur<'_>) -> bool {
    match c.peek() {
        None => true,
        Some(ch) => {
            ch.is_whitespace()
                || matches!(
                    ch,
                    '：' | ':'
                        | '、'
                        | '，'
                        | ','
                        | '-'
                        | '—'
                        | '–'
                        | '）'
                        | ')'
                        | ']'
                        | '】'
                        | '。'
                        | '.'
                        | '；'
                        | ';'
                        | '|'
                        | '*'
                        | '_'
                )
        }
    }
}

/// Skips the separator after a lead (one run of spaces and punctuation).
fn skip_separator(c: &mut Cur<'_>) {
    while let Some(ch) = c.peek() {
        if ch.is_whitespace()
            || matches!(
                ch,
                '：' | ':'
                    | '、'
                    | '，'
                    | ','
                    | '-'
                    | '—'
                    | '–'
                    | '）'
                    | ')'
                    | ']'
                    | '】'
                    | '。'
                    | '.'
                    | '；'
                    | ';'
                    | '|'
                    | '*'
                    | '_'
            )
        {
            c.bump();
        } else {
            break;
        }
    }
}

/// The date at the head of `line` (after bullets, `#` heading marks and an opening bracket).
fn lead(line: &str) -> Option<Lead> {
    let body_start = line.len() - strip_decoration(line).len();
    let mut c = Cur {
        s: line,
        i: body_start,
    };
    let start = c.i;
    let when = full_or_month_day(&mut c)
        .or_else(|| {
            c.i = start;
            relative_or_weekday(&mut c)
        })
        .or_else(|| {
            c.i = start;
            english(&mut c)
        })?;
    let mut beside = None;
    if matches!(when, Written::Full { .. } | Written::MonthDay { .. }) {
        beside = beside_weekday(&mut c);
    }
    let text = line[start..c.i].trim().to_string();
    // A date must stand apart from the text after it, except the Chinese forms ending in 日/号
    // (`11月2日拜访客户`), where nothing else can be meant.
    let cn_day_end = text.ends_with(['日', '号', '號', '）', ')']);
    if !at_separator(&c) && !cn_day_end {
        return None;
    }
    skip_separator(&mut c);
    Some(Lead {
        when,
        text,
        rest: c.i,
        beside,
    })
}

/// `2026-11-02`, `2026/11/2`, `2026.11.02`, `2026年11月2日`, `11月2日`, `11/2`.
fn full_or_month_day(c: &mut Cur<'_>) -> Option<Written> {
    let start = c.i;
    let first = c.number(4)?;
    let width = c.s[start..c.i].chars().count();
    if width == 4 {
        c.spaces();
        let sep = c.eat(&['-', '/', '.', '年', '－', '／'])?;
        c.spaces();
        let m = c.number(2)?;
        c.spaces();
        let sep2 = c.eat(&['-', '/', '.', '月', '－', '／'])?;
        let cn = sep == '年';
        if cn != (sep2 == '月') {
            return None;
        }
        c.spaces();
        let d = c.number(2)?;
        if cn {
            let _ = c.eat(&['日', '号', '號']);
        } else if c.peek().and_then(Cur::digit).is_some() {
            return None;
        }
        return Some(Written::Full {
            y: i32::try_from(first).ok()?,
            m,
            d,
        });
    }
    if width > 2 {
        return None;
    }
    c.spaces();
    if c.eat(&['月']).is_some() {
        c.spaces();
        let d = c.number(2)?;
        c.spaces();
        c.eat(&['日', '号', '號'])?;
        return Some(Written::MonthDay { m: first, d });
    }
    if c.eat(&['/', '／']).is_some() {
        let d = c.number(2)?;
        // 11/2/2026 or 11/2/26 is not read (day and month order differ by country).
        if c.peek()
            .is_some_and(|ch| ch == '/' || Cur::digit(ch).is_some())
        {
            return None;
        }
        return Some(Written::MonthDay { m: first, d });
    }
    None
}

/// `昨天` `前天` `今天` `周一` `上周五` `星期天`.
fn relative_or_weekday(c: &mut Cur<'_>) -> Option<Written> {
    for (w, days) in [
        ("前天", -2),
        ("昨天", -1),
        ("昨日", -1),
        ("今天", 0),
        ("今日", 0),
    ] {
        if c.eat_str(w) {
            return Some(Written::Relative { days });
        }
    }
    let (wd, weeks) = cn_weekday(c)?;
    Some(Written::Weekday { wd, weeks })
}

/// `Mon`, `Monday`, `Nov 2`, `November 2, 2026`, `2 Nov`, `yesterday`, `today`.
fn english(c: &mut Cur<'_>) -> Option<Written> {
    let start = c.i;
    if c.peek().and_then(Cur::digit).is_some() {
        let d = c.number(2)?;
        c.spaces();
        let m = en_month(word(c))?;
        c.spaces();
        let save = c.i;
        return match c.number(4) {
            Some(y) if c.s[save..c.i].len() == 4 => Some(Written::Full {
                y: i32::try_from(y).ok()?,
                m,
                d,
            }),
            _ => {
                c.i = save;
                Some(Written::MonthDay { m, d })
            }
        };
    }
    let w = word(c);
    match w.to_ascii_lowercase().as_str() {
        "yesterday" => return Some(Written::Relative { days: -1 }),
        "today" => return Some(Written::Relative { days: 0 }),
        _ => {}
    }
    if let Some(m) = en_month(w) {
        let _ = c.eat(&['.']);
        c.spaces();
        let d = c.number(2)?;
        let _ = c.eat_str("st") || c.eat_str("nd") || c.eat_str("rd") || c.eat_str("th");
        let save = c.i;
        let _ = c.eat(&[',']);
        c.spaces();
        let ys = c.i;
        return match c.number(4) {
            Some(y) if c.s[ys..c.i].len() == 4 => Some(Written::Full {
                y: i32::try_from(y).ok()?,
                m,
                d,
            }),
            _ => {
                c.i = save;
                Some(Written::MonthDay { m, d })
            }
        };
    }
    if let Some(wd) = en_weekday(w) {
        let _ = c.eat(&['.']);
        return Some(Written::Weekday { wd, weeks: 0 });
    }
    c.i = start;
    None
}

/// The line without leading whitespace, heading marks, quote marks, bullets and an opening
/// bracket: where a date lead may start.
fn strip_decoration(line: &str) -> &str {
    let mut t = line.trim_start();
    t = t.trim_start_matches(['#', '>']).trim_start();
    if let Some(n) = bullet_len(t) {
        t = t[n..].trim_start();
    }
    t.trim_start_matches(['【', '[', '（', '(', '*', '_'])
        .trim_start()
}

/// Bytes of a list bullet at the start of `t` (with the space after it): `- ` `* ` `• ` `· `
/// `1. ` `1、` `(1)` `- [ ] `.
fn bullet_len(t: &str) -> Option<usize> {
    for b in [
        "- [ ] ", "- [x] ", "* [ ] ", "- ", "* ", "+ ", "• ", "· ", "・", "•", "·", "▪ ", "◦ ",
    ] {
        if t.starts_with(b) {
            return Some(b.len());
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        for sep in [". ", "、", ") ", "）"] {
            if rest.starts_with(sep) {
                return Some(digits + sep.len());
            }
        }
    }
    None
}

fn is_bulleted(line: &str) -> bool {
    bullet_len(line.trim_start()).is_some()
}

/// Monday of `d`'s week.
fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The year for a month and day without one: the year (of the anchor's, the one before or
/// after) that puts the month nearest the anchor, moved back a year if that lands after today.
fn year_for(m: u32, anchor: NaiveDate, today: NaiveDate) -> i32 {
    let am = anchor.month() as i32;
    let mut y = anchor.year();
    let diff = m as i32 - am;
    if diff > 6 {
        y -= 1;
    } else if diff < -6 {
        y += 1;
    }
    // "12月28日" pasted on 2027-01-05 with no full date above: last December, not next.
    if (y, m) > (today.year(), today.month()) {
        y -= 1;
    }
    y
}

/// Resolved head of a line.
enum Resolved {
    Date(NaiveDate),
    NoSuchDate,
}

/// Splits a paste into entries (see the [module notes](self)). `today` is the user's local
/// date.
pub fn split_paste(text: &str, today: NaiveDate) -> Vec<PastedEntry> {
    split_with_default(text, today, None)
}

/// [`split_paste`] with a date for the lines before any date (a daily note named by its date).
pub fn split_with_default(
    text: &str,
    today: NaiveDate,
    default: Option<NaiveDate>,
) -> Vec<PastedEntry> {
    split_lines(text, today, default).0
}

/// A Markdown heading (`## 会议`) that is not a date: it closes the entry above and is no
/// entry itself.
fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t'])
}

/// [`split_with_default`], also giving the heading lines that were left out (1-based line,
/// text), so that a preview can show them.
pub fn split_lines(
    text: &str,
    today: NaiveDate,
    default: Option<NaiveDate>,
) -> (Vec<PastedEntry>, Vec<(usize, String)>) {
    let mut headings = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let leads: Vec<Option<Lead>> = lines.iter().map(|l| lead(l)).collect();
    let default_week = paste_week(&leads, today, default);

    let mut out: Vec<PastedEntry> = Vec::new();
    let mut open = false;
    let mut current: Option<NaiveDate> = default;
    let mut current_lead: Option<String> = None;
    let mut anchor: Option<NaiveDate> = default;
    for (n, (line, lead)) in lines.iter().zip(&leads).enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        if let Some(l) = lead {
            let resolved = resolve(l.when, anchor, default_week, today);
            let rest = line[l.rest..].trim();
            match resolved {
                Resolved::Date(d) => {
                    if matches!(
                        l.when,
                        Written::Full { .. } | Written::MonthDay { .. } | Written::Relative { .. }
                    ) {
                        anchor = Some(d);
                    }
                    current = Some(d);
                    current_lead = Some(l.text.clone());
                    let problem = l.beside.filter(|wd| *wd != d.weekday()).map(|_| {
                        PasteProblem::WeekdayMismatch {
                            written: l.text.clone(),
                        }
                    });
                    if rest.is_empty() {
                        // A date alone on its line heads the lines under it.
                        open = false;
                        if let Some(p) = problem {
                            out.push(PastedEntry {
                                date: Some(d),
                                text: String::new(),
                                line: line_no,
                                lead: Some(l.text.clone()),
                                problem: Some(p),
                            });
                        }
                        continue;
                    }
                    out.push(PastedEntry {
                        date: Some(d),
                        text: rest.to_string(),
                        line: line_no,
                        lead: Some(l.text.clone()),
                        problem,
                    });
                    open = true;
                }
                Resolved::NoSuchDate => {
                    // The line is kept whole; the lines under it wait for the user's date too.
                    current = None;
                    current_lead = None;
                    out.push(PastedEntry {
                        date: None,
                        text: strip_decoration(line).trim().to_string(),
                        line: line_no,
                        lead: Some(l.text.clone()),
                        problem: Some(PasteProblem::NoSuchDate {
                            written: l.text.clone(),
                        }),
                    });
                    open = true;
                }
            }
            continue;
        }
        if is_heading(line) {
            headings.push((line_no, line.trim().to_string()));
            open = false;
            continue;
        }
        let content = entry_text(line);
        if content.is_empty() {
            continue;
        }
        if open
            && !is_bulleted(line)
            && let Some(last) = out.last_mut()
        {
            last.text.push('\n');
            last.text.push_str(content);
            continue;
        }
        out.push(PastedEntry {
            date: current,
            text: content.to_string(),
            line: line_no,
            lead: current_lead.clone(),
            problem: current.is_none().then_some(PasteProblem::Undated),
        });
        open = true;
    }
    // Weekday-mismatch headers with no text below carry no entry: fold their warning onto the
    // next entry of the same date, or drop them.
    let mut kept: Vec<PastedEntry> = Vec::with_capacity(out.len());
    let mut pending: Option<PasteProblem> = None;
    for mut e in out {
        if e.text.is_empty() {
            pending = e.problem;
            continue;
        }
        if e.problem.is_none() {
            e.problem = pending.take();
        } else {
            pending = None;
        }
        kept.push(e);
    }
    (kept, headings)
}

/// The text of a non-date line: without its bullet, with a task box dropped.
fn entry_text(line: &str) -> &str {
    let t = line.trim();
    match bullet_len(t) {
        Some(n) => t[n..].trim(),
        None => t,
    }
}

fn resolve(
    w: Written,
    anchor: Option<NaiveDate>,
    default_week: NaiveDate,
    today: NaiveDate,
) -> Resolved {
    let date = match w {
        Written::Full { y, m, d } => NaiveDate::from_ymd_opt(y, m, d),
        Written::MonthDay { m, d } => {
            NaiveDate::from_ymd_opt(year_for(m, anchor.unwrap_or(today), today), m, d)
        }
        Written::Relative { days } => add_days(today, days),
        Written::Weekday { wd, weeks } => {
            let monday = anchor.map_or(default_week, monday_of);
            add_days(monday, weeks * 7 + i64::from(wd.num_days_from_monday()))
        }
    };
    match date {
        Some(d) => Resolved::Date(d),
        None => Resolved::NoSuchDate,
    }
}

/// Monday of the week that weekdays name when no full date stands above them: this week when
/// every such weekday has come already, else the week before.
fn paste_week(leads: &[Option<Lead>], today: NaiveDate, default: Option<NaiveDate>) -> NaiveDate {
    if let Some(d) = default {
        return monday_of(d);
    }
    let this = monday_of(today);
    let latest = leads
        .iter()
        .flatten()
        .take_while(|l| matches!(l.when, Written::Weekday { .. }))
        .filter_map(|l| match l.when {
            Written::Weekday { wd, weeks: 0 } => Some(wd.num_days_from_monday()),
            _ => None,
        })
        .max();
    match latest {
        Some(w) if w > today.weekday().num_days_from_monday() => this - Days::new(7),
        _ => this,
    }
}

/// The date a file's name gives: `2026-11-02.md`, `2026_11_02.md` (Logseq), `20261102.txt`,
/// `2026.11.02.md`, `2026年11月2日.md`. `None` for any other name or a date that does not
/// exist.
pub fn date_from_file_name(stem: &str) -> Option<NaiveDate> {
    let s = stem.trim();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let seps_ok = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '_' | '.' | '年' | '月' | '日'));
    if !seps_ok {
        return None;
    }
    if digits.len() == 8 && s.len() == 8 {
        return NaiveDate::parse_from_str(&digits, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = s
        .split(['-', '_', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

/// A date as a cell of a table gives it: `2026-11-02`, `2026/11/2`, `2026年11月2日`,
/// `2026-11-02 09:30`, `2026.11.02`; a month and day alone take their year as in a paste.
/// `Err(written)` when the cell names a date that does not exist; `Ok(None)` when it names none.
pub fn date_from_cell(cell: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let Some(l) = lead(t) else {
        return Ok(None);
    };
    // A cell holds a date and perhaps a time or weekday; anything longer is text.
    let rest = t[l.rest..].trim();
    if !rest.is_empty() && !looks_like_time(rest) {
        return Ok(None);
    }
    let today_week = monday_of(today);
    match resolve(l.when, None, today_week, today) {
        Resolved::Date(d) => Ok(Some(d)),
        Resolved::NoSuchDate => Err(l.text),
    }
}

fn looks_like_time(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ' ' | 'T' | 'Z' | '+' | '-'))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dates(entries: &[PastedEntry]) -> Vec<Option<String>> {
        entries
            .iter()
            .map(|e| e.date.map(|x| x.to_string()))
            .collect()
    }

    #[test]
    fn every_written_form_is_read() {
        let today = d("2026-11-06"); // a Friday
        let text = "2026-11-02 拜访客户\n2026/11/3：整理材料\n2026年11月4日 复盘\n11月5日写周报\n11/6 提交\nNov 2 call\n2 November 2026 sync\nyesterday: fix\n昨天 修复\n";
        let e = split_paste(text, today);
        assert_eq!(
            dates(&e),
            [
                "2026-11-02",
                "2026-11-03",
                "2026-11-04",
                "2026-11-05",
                "2026-11-06",
                "2026-11-02",
                "2026-11-02",
                "2026-11-05",
                "2026-11-05"
            ]
            .map(|s| Some(s.to_string()))
        );
        assert_eq!(e[0].text, "拜访客户");
        assert_eq!(e[1].text, "整理材料");
        assert_eq!(e[3].text, "写周报");
        assert_eq!(e[3].lead.as_deref(), Some("11月5日"));
    }

    #[test]
    fn headers_bullets_blank_lines_and_continuations() {
        let today = d("2026-11-06");
        let text = "## 11月2日（周一）\n- 拜访 @华东 客户\n- 整理纪要\n  补充了报价\n\n下午开会\n11月3日\n写方案";
        let e = split_paste(text, today);
        let got: Vec<(Option<String>, &str, usize)> = e
            .iter()
            .map(|x| (x.date.map(|d| d.to_string()), x.text.as_str(), x.line))
            .collect();
        let nov2 = Some("2026-11-02".to_string());
        assert_eq!(
            got,
            [
                (nov2.clone(), "拜访 @华东 客户", 2),
                (nov2.clone(), "整理纪要\n补充了报价", 3),
                (nov2, "下午开会", 6),
                (Some("2026-11-03".to_string()), "写方案", 8),
            ]
        );
        assert!(e.iter().all(|x| x.problem.is_none()), "{e:?}");
    }

    #[test]
    fn lines_before_any_date_are_undated() {
        let e = split_paste("先记一笔\n接着写\n11月2日 正式开始", d("2026-11-06"));
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].date, None);
        assert_eq!(e[0].text, "先记一笔\n接着写");
        assert_eq!(e[0].problem, Some(PasteProblem::Undated));
        assert!(e[0].problem.as_ref().unwrap().needs_date());
        assert_eq!(e[1].date, Some(d("2026-11-02")));
    }

    #[test]
    fn weekdays_follow_the_last_full_date_across_a_month_boundary() {
        // 2026-11-30 is a Monday; its week runs into December.
        let text = "11月30日 周会\n周二 拜访客户\n周四 交付培训\n周日 加班";
        let e = split_paste(text, d("2026-12-10"));
        assert_eq!(
            dates(&e),
            ["2026-11-30", "2026-12-01", "2026-12-03", "2026-12-06"].map(|s| Some(s.to_string()))
        );
        // A weekday before its full date's weekday stays in that week (newest-first logs).
        let e = split_paste("2026-12-03 复盘\n周一 开会", d("2026-12-10"));
        assert_eq!(e[1].date, Some(d("2026-11-30")));
    }

    #[test]
    fn weekdays_without_a_full_date_take_the_paste_week() {
        // Wednesday 2026-11-04: a paste naming Monday and Tuesday is this week's…
        let e = split_paste("周一 开会\n周二 写方案", d("2026-11-04"));
        assert_eq!(
            dates(&e),
            [Some("2026-11-02".into()), Some("2026-11-03".into())]
        );
        // …one naming Friday as well is last week's (Friday has not come yet).
        let e = split_paste("周一 开会\n周五 复盘", d("2026-11-04"));
        assert_eq!(
            dates(&e),
            [Some("2026-10-26".into()), Some("2026-10-30".into())]
        );
        let e = split_paste("上周五 复盘\nMonday: sync", d("2026-11-04"));
        assert_eq!(
            dates(&e),
            [Some("2026-10-30".into()), Some("2026-11-02".into())]
        );
    }

    #[test]
    fn dates_that_do_not_exist_are_reported_and_kept_whole() {
        let e = split_paste("2026-02-30 月底盘点\n补一句", d("2026-03-10"));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].date, None);
        assert_eq!(e[0].text, "2026-02-30 月底盘点\n补一句");
        assert_eq!(
            e[0].problem,
            Some(PasteProblem::NoSuchDate {
                written: "2026-02-30".into()
            })
        );
        // 2027 is a common year.
        let e = split_paste("2月29日 年度盘点\n3月1日 开工", d("2027-03-10"));
        assert_eq!(e[0].date, None);
        assert!(matches!(
            e[0].problem,
            Some(PasteProblem::NoSuchDate { .. })
        ));
        assert_eq!(e[1].date, Some(d("2027-03-01")));
        // 2028 is a leap year.
        let e = split_paste("2月29日 年度盘点", d("2028-03-10"));
        assert_eq!(e[0].date, Some(d("2028-02-29")));
        for l in Lang::ALL {
            assert!(e.iter().all(|x| x.problem.is_none()));
            assert!(!PasteProblem::Undated.message(l).is_empty());
        }
    }

    #[test]
    fn years_are_inferred_near_the_anchor_and_never_in_the_future() {
        let e = split_paste("12月28日 年终\n1月3日 开年", d("2027-01-05"));
        assert_eq!(
            dates(&e),
            [Some("2026-12-28".into()), Some("2027-01-03".into())]
        );
        let e = split_paste("2025-12-30 收尾\n1月2日 开工", d("2026-06-01"));
        assert_eq!(e[1].date, Some(d("2026-01-02")));
    }

    #[test]
    fn weekday_beside_a_date_is_checked() {
        let e = split_paste("11月2日（周二）开会", d("2026-11-06"));
        assert_eq!(e[0].date, Some(d("2026-11-02")));
        assert!(matches!(
            e[0].problem,
            Some(PasteProblem::WeekdayMismatch { .. })
        ));
        assert!(!e[0].problem.as_ref().unwrap().needs_date());
    }

    #[test]
    fn text_that_only_starts_with_a_number_or_weekday_word_is_not_a_date() {
        let today = d("2026-11-06");
        let e = split_paste(
            "11月2日\n3.2 小时完成部署\n周一上线的版本有问题\n今天和客户开会\n2026 年度目标确认",
            today,
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].text,
            "3.2 小时完成部署\n周一上线的版本有问题\n今天和客户开会\n2026 年度目标确认"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any text splits without a panic; entries are never empty, start on a line of the
        /// text, in order, and an undated entry always says why.
        #[test]
        fn any_text_splits_in_order(
            text in "([0-9０-９年月日号周一二三四五六日天昨今前上下本这星期/\\-.:：，,（）() #＠@%a-zA-Z\n]|\\PC){0,160}",
            day in 0u64..3000,
        ) {
            let today = d("2020-01-01") + Days::new(day);
            let lines = text.lines().count();
            let entries = split_paste(&text, today);
            let mut last = 0;
            for e in &entries {
                proptest::prop_assert!(!e.text.trim().is_empty());
                proptest::prop_assert!(e.line >= 1 && e.line <= lines && e.line > last);
                last = e.line;
                if e.date.is_none() {
                    proptest::prop_assert!(e.problem.as_ref().is_some_and(PasteProblem::needs_date));
                }
            }
        }
    }

    #[test]
    fn file_names_and_cells_give_dates() {
        assert_eq!(date_from_file_name("2026-11-02"), Some(d("2026-11-02")));
        assert_eq!(date_from_file_name("2026_11_02"), Some(d("2026-11-02")));
        assert_eq!(date_from_file_name("20261102"), Some(d("2026-11-02")));
        assert_eq!(date_from_file_name("2026年11月2日"), Some(d("2026-11-02")));
        assert_eq!(date_from_file_name("2026-02-30"), None);
        assert_eq!(date_from_file_name("README"), None);
        assert_eq!(date_from_file_name("2026-11-02 meeting"), None);
        let today = d("2026-12-01");
        assert_eq!(
            date_from_cell("2026/11/2 09:30", today),
            Ok(Some(d("2026-11-02")))
        );
        assert_eq!(date_from_cell("11月2日", today), Ok(Some(d("2026-11-02"))));
        assert_eq!(
            date_from_cell("2026-02-30", today),
            Err("2026-02-30".into())
        );
        assert_eq!(date_from_cell("拜访客户", today), Ok(None));
        assert_eq!(date_from_cell("11月2日 拜访客户", today), Ok(None));
    }
}
