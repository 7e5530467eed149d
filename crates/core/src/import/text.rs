//! Plain text (a .txt file, or text pasted from a chat or a web page) -> a structured
//! document. Headings come from typed numbering (see [`super::numbering`]); web-page clutter
//! is dropped with a note; every other character of the source is kept.

use super::{Note, NoteKind};
use crate::kind::Kind;
use crate::lang::Lang;
use crate::meta::Metadata;
use crate::model::{Block, Document, Inline, ListItem};
use crate::numbering::{Levels, numbered_heading};
use crate::period::Period;
use regex::Regex;
use std::sync::OnceLock;

/// Longest line still taken as the document's title.
const MAX_TITLE_CHARS: usize = 40;
/// Longest line that may be dropped as clutter: a real paragraph that merely mentions
/// "转载" or "©" is longer than this and is kept.
const MAX_CLUTTER_CHARS: usize = 80;

fn clutter_patterns() -> &'static [Regex] {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        [
            // Breadcrumbs: 首页 > 范文 > 工作总结, 当前位置：…
            r"^(首页|首頁|主页|主頁|网站首页|網站首頁|Home)\s*[>›»＞/→]",
            r"^(当前位置|當前位置|您的位置|您现在的位置|您現在的位置|你的位置|你现在的位置)\s*[:：]",
            r"^[^>›»＞]{1,20}(\s*[>›»＞]\s*[^>›»＞]{1,30}){2,}$",
            // Copyright and filing lines.
            r"(©|\(c\)\s*\d{4}|Copyright|版权所有|版權所有|All rights reserved|ICP\s*备|ICP\s*證|ICP\s*证)",
            // Share, repost, editor and counters.
            r"^(分享到|分享至|一键分享|一鍵分享|转载|轉載|本文转载|本文轉載|转载请注明|轉載請註明|责任编辑|責任編輯|编辑[:：]|編輯[:：]|阅读量|閱讀量|阅读次数|閱讀次數|浏览次数|瀏覽次數|浏览量|瀏覽量|点击量|點擊量|点击次数|點擊次數|发布时间|發佈時間|發布時間|发表于|發表於|上一篇|下一篇|相关推荐|相關推薦|相关文章|相關文章|热门文章|熱門文章|猜你喜欢|猜你喜歡|免责声明|免責聲明|扫码|掃碼|扫一扫|掃一掃|关注公众号|關注公眾號)",
        ]
        .iter()
        .filter_map(|p| Regex::new(&format!("(?i){p}")).ok())
        .collect()
    })
}

/// Whether a (trimmed) line is web-page clutter rather than part of the summary.
pub fn is_clutter(line: &str) -> bool {
    line.chars().count() <= MAX_CLUTTER_CHARS && clutter_patterns().iter().any(|r| r.is_match(line))
}

/// A plain-text bullet at the start of a line, and the byte length of bullet and space.
pub fn leading_bullet(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    if !matches!(
        c,
        '-' | '*'
            | '+'
            | '•'
            | '·'
            | '●'
            | '▪'
            | '◦'
            | '○'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '►'
            | '‣'
    ) {
        return None;
    }
    let (i, next) = chars.next()?;
    // "-" and "*" need a space after them ("-5%" is a number); the round bullets do not.
    let needs_space = matches!(c, '-' | '*' | '+');
    if needs_space && !matches!(next, ' ' | '\u{3000}' | '\t') {
        return None;
    }
    let rest = &line[i..];
    let trimmed = rest.trim_start();
    (!trimmed.is_empty()).then(|| line.len() - trimmed.len())
}

pub(crate) fn reads_as_title(line: &str) -> bool {
    let n = line.chars().count();
    n > 0
        && n <= MAX_TITLE_CHARS
        && !line.ends_with(['。', '！', '？', '；', '：', ':', '，', ',', ';'])
        && !line.contains(['。', '，'])
        && crate::numbering::leading_number(line).is_none()
        && leading_bullet(line).is_none()
}

/// The kind of summary a title names (年度总结, 第三季度工作总结, 週報 …).
pub fn kind_from_title(title: &str) -> Option<Kind> {
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if has(&["述职", "述職"]) {
        Some(Kind::DutyReport)
    } else if has(&["转正", "轉正", "试用期", "試用期"]) {
        Some(Kind::Probation)
    } else if has(&["复盘", "復盤", "回顾会", "項目回顧"]) && !has(&["年度", "季度"])
    {
        Some(Kind::ProjectRetro)
    } else if has(&["周报", "週報", "周总结", "週總結"]) {
        Some(Kind::Weekly)
    } else if has(&["季度"]) {
        Some(Kind::Quarterly)
    } else if has(&["半年"]) {
        Some(Kind::HalfYear)
    } else if has(&["月度", "月份", "月工作"]) {
        Some(Kind::Monthly)
    } else if has(&["年度", "全年", "年终", "年終"]) {
        Some(Kind::Annual)
    } else {
        None
    }
}

fn cn_quarter(s: &str) -> Option<u32> {
    match s {
        "一" | "1" | "１" => Some(1),
        "二" | "2" | "２" => Some(2),
        "三" | "3" | "３" => Some(3),
        "四" | "4" | "４" => Some(4),
        _ => None,
    }
}

/// The period a title names: 2026年度 → 2026, 2026年第三季度 → 2026-Q3, 2026年上半年 →
/// 2026-H1, 2026年3月 → 2026-03. Only unambiguous forms; anything else is left unset.
pub fn period_from_title(title: &str) -> Option<Period> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(
                r"((?:19|20)\d{2})\s*年\s*(?:(?:第\s*)?([一二三四1-4１-４])\s*季度|(上半年|下半年)|(\d{1,2})\s*月(?:份)?(?:度)?(?:工作)?(?:总结|總結|月报|月報)|(度|全年|年终|年終)?)",
            )
            .ok()
        })
        .as_ref()?;
    let c = re.captures(title)?;
    let year = c.get(1)?.as_str();
    let id = if let Some(q) = c.get(2) {
        format!("{year}-Q{}", cn_quarter(q.as_str())?)
    } else if let Some(h) = c.get(3) {
        format!("{year}-H{}", if h.as_str() == "上半年" { 1 } else { 2 })
    } else if let Some(m) = c.get(4) {
        format!("{year}-{:02}", m.as_str().parse::<u32>().ok()?)
    } else if c.get(5).is_some() {
        year.to_string()
    } else {
        return None;
    };
    Period::parse(&id).ok()
}

/// Plain text as a document, with notes on what was dropped.
pub fn text_to_document(text: &str, lang: Lang) -> (Document, Vec<Note>) {
    let mut notes = Vec::new();
    let mut kept: Vec<(usize, &str)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !line.is_empty() && is_clutter(line) {
            notes.push(Note::new(NoteKind::ClutterDropped, Some(n + 1), line, lang));
            continue;
        }
        kept.push((n + 1, line));
    }

    let mut meta = Metadata::default();
    let mut blocks: Vec<Block> = Vec::new();
    let mut start = 0;
    // The first line is the title when it reads like one and something follows it.
    if let Some(first) = kept.iter().position(|(_, l)| !l.is_empty()) {
        let title = kept[first].1;
        let more = kept[first + 1..].iter().any(|(_, l)| !l.is_empty());
        if more && reads_as_title(title) {
            meta.title = Some(title.to_string());
            meta.kind = kind_from_title(title);
            meta.period = period_from_title(title);
            blocks.push(Block::Heading {
                level: 1,
                content: vec![Inline::text(title)],
            });
            start = first + 1;
        }
    }
    let first_level: usize = if meta.title.is_some() { 2 } else { 1 };

    let mut levels = Levels::default();
    let mut bullets: Vec<ListItem> = Vec::new();
    let flush = |bullets: &mut Vec<ListItem>, blocks: &mut Vec<Block>| {
        if !bullets.is_empty() {
            blocks.push(Block::List {
                start: None,
                tight: true,
                items: std::mem::take(bullets),
            });
        }
    };
    for &(_, line) in &kept[start..] {
        if line.is_empty() {
            flush(&mut bullets, &mut blocks);
            continue;
        }
        if let Some(len) = leading_bullet(line) {
            bullets.push(ListItem {
                task: None,
                blocks: vec![Block::Paragraph {
                    content: vec![Inline::text(&line[len..])],
                }],
            });
            continue;
        }
        flush(&mut bullets, &mut blocks);
        if let Some((style, _)) = numbered_heading(line) {
            let level = first_level + levels.depth(style);
            if let Ok(level @ 1..=6) = u8::try_from(level) {
                blocks.push(Block::Heading {
                    level,
                    content: vec![Inline::text(line)],
                });
                continue;
            }
        }
        blocks.push(Block::Paragraph {
            content: vec![Inline::text(line)],
        });
    }
    flush(&mut bullets, &mut blocks);
    (Document { meta, blocks }, notes)
}

/// Whether pasted or opened text is already Markdown (front matter or `#` headings), so it
/// is taken as it is rather than re-read as plain text.
pub fn looks_like_markdown(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}');
    if t.starts_with("---\n") || t.starts_with("---\r\n") {
        return true;
    }
    t.lines().any(|l| {
        let hashes = l.chars().take_while(|c| *c == '#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
    })
}

/// Whether plain text reads as a document whose writer numbered its headings by hand: at
/// least two short lines that are typed-number headings (一、 （一） 第一章 1.1 …). Pasted
/// into the editor, such text becomes structure; any other text is pasted as it is.
pub fn looks_numbered(text: &str) -> bool {
    text.lines()
        .filter(|l| l.trim().chars().count() <= 60 && numbered_heading(l).is_some())
        .nth(1)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_text_is_told_from_prose() {
        assert!(looks_numbered(
            "一、工作亮点\n（一）客户拓展\n新签客户 12 家。"
        ));
        assert!(looks_numbered("第一章 开篇\n内容\n第二章 经历"));
        assert!(!looks_numbered(
            "一、工作亮点\n新签客户 12 家，续约率 92.9%。"
        ));
        assert!(!looks_numbered("今天完成了 3 件事。\n明天继续。"));
        assert!(!looks_numbered(
            "1、完成仓储系统二期上线，覆盖 3 个城市仓。\n2、建立需求变更评审制度。"
        ));
    }

    #[test]
    fn clutter_is_recognised_and_prose_is_not() {
        for l in [
            "首页 > 范文 > 工作总结",
            "当前位置：首页 > 工作总结",
            "Copyright © 2024 某某范文网 版权所有",
            "分享到：微信 微博",
            "责任编辑：小王",
            "阅读量：1024",
            "转载请注明出处",
            "閱讀次數：88",
            "上一篇：2025年度总结",
        ] {
            assert!(is_clutter(l), "{l}");
        }
        for l in [
            "一、本季度工作回顾",
            "本年度我负责华东区 42 家重点客户的续约与增购。",
            "客户满意度 > 4.5 分",
            "我们的方案转载到了内部知识库，方便大家查阅，这一点在下半年的推广中起了很大作用。",
        ] {
            assert!(!is_clutter(l), "{l}");
        }
    }

    #[test]
    fn titles_name_kind_and_period() {
        assert_eq!(
            period_from_title("2026年第三季度工作总结"),
            Period::parse("2026-Q3").ok()
        );
        assert_eq!(
            period_from_title("2026年度個人工作總結"),
            Period::parse("2026").ok()
        );
        assert_eq!(
            period_from_title("2026年上半年工作总结"),
            Period::parse("2026-H1").ok()
        );
        assert_eq!(
            period_from_title("2026年3月工作总结"),
            Period::parse("2026-03").ok()
        );
        assert_eq!(period_from_title("工作总结"), None);
        assert_eq!(
            kind_from_title("2026年第三季度工作总结"),
            Some(Kind::Quarterly)
        );
        assert_eq!(kind_from_title("述職報告"), Some(Kind::DutyReport));
    }

    #[test]
    fn bullets_need_a_space_after_a_dash() {
        assert_eq!(leading_bullet("- 项目"), Some(2));
        assert_eq!(leading_bullet("•项目"), Some("•".len()));
        assert_eq!(leading_bullet("-5% 的降幅"), None);
    }

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(looks_like_markdown("# 标题\n\n正文"));
        assert!(looks_like_markdown("---\ntitle: x\n---\n"));
        assert!(!looks_like_markdown("一、回顾\n#话题 不是标题"));
    }
}
