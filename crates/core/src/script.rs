//! Which Chinese script a text is written in (简体 or 繁體), from characters whose two
//! forms differ. Used to pick the language of generated words on export and by the
//! mixed-script check.

use crate::lang::Lang;
use crate::model::Document;
use std::sync::OnceLock;

/// Pairs of (simplified, traditional) forms of frequent characters, including the ones that
/// fill work summaries (业绩、项目、计划、问题、总结…).
const PAIRS: &[(char, char)] = &[
    ('这', '這'),
    ('个', '個'),
    ('们', '們'),
    ('来', '來'),
    ('时', '時'),
    ('为', '為'),
    ('说', '說'),
    ('国', '國'),
    ('会', '會'),
    ('对', '對'),
    ('发', '發'),
    ('经', '經'),
    ('后', '後'),
    ('进', '進'),
    ('过', '過'),
    ('还', '還'),
    ('与', '與'),
    ('实', '實'),
    ('现', '現'),
    ('业', '業'),
    ('务', '務'),
    ('户', '戶'),
    ('计', '計'),
    ('划', '劃'),
    ('项', '項'),
    ('绩', '績'),
    ('总', '總'),
    ('结', '結'),
    ('问', '問'),
    ('题', '題'),
    ('门', '門'),
    ('关', '關'),
    ('开', '開'),
    ('动', '動'),
    ('种', '種'),
    ('样', '樣'),
    ('学', '學'),
    ('习', '習'),
    ('长', '長'),
    ('东', '東'),
    ('区', '區'),
    ('达', '達'),
    ('预', '預'),
    ('场', '場'),
    ('产', '產'),
    ('运', '運'),
    ('营', '營'),
    ('团', '團'),
    ('队', '隊'),
    ('优', '優'),
    ('质', '質'),
    ('数', '數'),
    ('据', '據'),
    ('术', '術'),
    ('统', '統'),
    ('设', '設'),
    ('备', '備'),
    ('调', '調'),
    ('报', '報'),
    ('岗', '崗'),
    ('职', '職'),
    ('责', '責'),
    ('领', '領'),
    ('导', '導'),
    ('协', '協'),
    ('沟', '溝'),
    ('议', '議'),
    ('决', '決'),
    ('标', '標'),
    ('准', '準'),
    ('确', '確'),
    ('认', '認'),
    ('识', '識'),
    ('单', '單'),
    ('万', '萬'),
    ('亿', '億'),
    ('额', '額'),
    ('续', '續'),
    ('约', '約'),
    ('购', '購'),
    ('销', '銷'),
    ('费', '費'),
    ('应', '應'),
    ('间', '間'),
    ('缩', '縮'),
    ('满', '滿'),
    ('见', '見'),
    ('观', '觀'),
    ('点', '點'),
    ('线', '線'),
    ('级', '級'),
    ('阶', '階'),
    ('处', '處'),
    ('节', '節'),
    ('员', '員'),
    ('师', '師'),
    ('训', '訓'),
    ('练', '練'),
    ('验', '驗'),
    ('测', '測'),
    ('试', '試'),
    ('视', '視'),
    ('执', '執'),
    ('压', '壓'),
    ('负', '負'),
    ('积', '積'),
    ('极', '極'),
    ('层', '層'),
    ('围', '圍'),
    ('编', '編'),
    ('写', '寫'),
    ('读', '讀'),
    ('书', '書'),
    ('记', '記'),
    ('录', '錄'),
    ('页', '頁'),
];

/// The script a whole document is converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// 简体.
    Hans,
    /// 繁體.
    Hant,
}

fn converter(to: Script) -> Option<&'static ferrous_opencc::OpenCC> {
    use ferrous_opencc::{OpenCC, config::BuiltinConfig};
    // The dictionaries take a few milliseconds to load: once per direction and run.
    static S2T: OnceLock<Option<OpenCC>> = OnceLock::new();
    static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
    match to {
        Script::Hant => S2T.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).ok()),
        Script::Hans => T2S.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok()),
    }
    .as_ref()
}

/// A Markdown document converted to `to` with OpenCC's tables (phrases first, then
/// characters): deterministic, no model. What is not prose stays byte for byte: code
/// (fenced blocks and `inline`), link and image addresses, autolinks, and the front matter's
/// keys; a `lang:` of the other script is switched so the document says what it now is.
/// Markdown's marks and 【】 are no Han characters, so structure and placeholders keep their
/// shape (the words inside a placeholder are converted with the rest).
pub fn convert(markdown: &str, to: Script) -> crate::error::Result<String> {
    let Some(cc) = converter(to) else {
        return Err(crate::error::Error::invalid("script", "OpenCC tables"));
    };
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 8);
    let mut fence: Option<String> = None;
    let mut front = false;
    for (i, line) in markdown.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        if i == 0 && bare == "---" {
            front = true;
            out.push_str(line);
            continue;
        }
        if front {
            if bare == "---" || bare == "..." {
                front = false;
                out.push_str(line);
            } else if let Some((key, value)) = bare.split_once(':')
                && !key.contains(' ')
            {
                let value = if key.trim() == "lang" {
                    match (to, value.trim()) {
                        (Script::Hant, "zh-Hans") => " zh-Hant".to_string(),
                        (Script::Hans, "zh-Hant") => " zh-Hans".to_string(),
                        _ => value.to_string(),
                    }
                } else {
                    cc.convert(value)
                };
                out.push_str(key);
                out.push(':');
                out.push_str(&value);
                out.push_str(&line[bare.len()..]);
            } else {
                out.push_str(&cc.convert(line));
            }
            continue;
        }
        let t = bare.trim_start();
        let marker = if t.starts_with("```") {
            Some("```")
        } else if t.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        if let Some(open) = &fence {
            if t.starts_with(open.as_str())
                && t.trim_start_matches(open.chars().next().unwrap_or('`'))
                    .trim()
                    .is_empty()
            {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(m) = marker {
            fence = Some(m.to_string());
            out.push_str(line);
            continue;
        }
        convert_inline(cc, line, &mut out);
    }
    Ok(out)
}

/// One line of prose: code spans, link addresses and autolinks kept, the rest converted.
fn convert_inline(cc: &ferrous_opencc::OpenCC, line: &str, out: &mut String) {
    let b = line.as_bytes();
    let mut prose = 0;
    let mut i = 0;
    let keep = |out: &mut String, from: usize, to: usize, prose: &mut usize| {
        out.push_str(&cc.convert(&line[*prose..from]));
        out.push_str(&line[from..to]);
        *prose = to;
    };
    while i < b.len() {
        match b[i] {
            b'`' => {
                let ticks = b[i..].iter().take_while(|&&c| c == b'`').count();
                let close = "`".repeat(ticks);
                if let Some(end) = line[i + ticks..].find(&close) {
                    let to = i + ticks + end + ticks;
                    keep(out, i, to, &mut prose);
                    i = to;
                    continue;
                }
                i += ticks;
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                if let Some(end) = line[i..].find(')') {
                    keep(out, i, i + end + 1, &mut prose);
                    i += end + 1;
                    continue;
                }
                i += 1;
            }
            b'<' => {
                if let Some(end) = line[i..].find('>')
                    && line[i + 1..i + end].contains("://")
                {
                    keep(out, i, i + end + 1, &mut prose);
                    i += end + 1;
                    continue;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&cc.convert(&line[prose..]));
}

/// How many characters of `text` are distinctly simplified, and how many distinctly traditional.
pub fn script_counts(text: &str) -> (usize, usize) {
    // Each side sorted once, so a character costs a binary search, not a walk of every pair.
    static SIDES: std::sync::LazyLock<(Vec<char>, Vec<char>)> = std::sync::LazyLock::new(|| {
        let mut hans: Vec<char> = PAIRS.iter().map(|p| p.0).collect();
        let mut hant: Vec<char> = PAIRS.iter().map(|p| p.1).collect();
        hans.sort_unstable();
        hant.sort_unstable();
        (hans, hant)
    });
    let (hans_side, hant_side) = &*SIDES;
    let mut hans = 0;
    let mut hant = 0;
    for c in text.chars().filter(|c| crate::text::is_han(*c)) {
        if hans_side.binary_search(&c).is_ok() {
            hans += 1;
        } else if hant_side.binary_search(&c).is_ok() {
            hant += 1;
        }
    }
    (hans, hant)
}

/// The language a document is written in: its `lang:` metadata when set; otherwise
/// Chinese when it has Han characters (traditional when those forms dominate), else English.
pub fn document_lang(doc: &Document) -> Lang {
    if let Some(l) = doc.meta.lang {
        return l;
    }
    let text = format!("{}\n{}", doc.display_title(), doc.plain_text());
    if !text.chars().any(crate::text::is_han) {
        return Lang::En;
    }
    let (hans, hant) = script_counts(&text);
    if hant > hans {
        Lang::ZhHant
    } else {
        Lang::ZhHans
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(
            document_lang(&parse("# 年度总结\n\n这是我们的业绩。").unwrap()),
            Lang::ZhHans
        );
        assert_eq!(
            document_lang(&parse("# 年度總結\n\n這是我們的業績。").unwrap()),
            Lang::ZhHant
        );
        assert_eq!(
            document_lang(&parse("# Annual review\n\nWe did well.").unwrap()),
            Lang::En
        );
        assert_eq!(
            document_lang(&parse("---\nlang: en\n---\n# 总结").unwrap()),
            Lang::En
        );
        // Characters shared by both scripts decide nothing; Chinese defaults to 简体.
        assert_eq!(document_lang(&parse("# 品行").unwrap()), Lang::ZhHans);
    }

    #[test]
    fn a_document_converts_both_ways_keeping_markdown_and_placeholders() {
        let hans = "---\ntitle: 2026年度工作总结\nlang: zh-Hans\n---\n# 一、主要业绩\n\n            - 完成了**软件**项目，客户数【数字】家。\n\n| 指标 | 实际 |\n|---|---|\n| 签约额 | 1,860 万元 |\n\n            [说明](https://example.com/说明) `代码里的简体` 后记\n\n```\n这里是代码\n```\n";
        let hant = convert(hans, Script::Hant).unwrap();
        assert!(hant.contains("title: 2026年度工作總結"), "{hant}");
        assert!(hant.contains("lang: zh-Hant"));
        assert!(hant.contains("# 一、主要業績"));
        assert!(hant.contains("- 完成了**軟件**項目，客戶數【數字】家。"));
        assert!(hant.contains("| 簽約額 | 1,860 萬元 |"));
        assert!(hant.contains("[說明](https://example.com/说明) `代码里的简体` 後記"));
        assert!(hant.contains("```\n这里是代码\n```"));
        // The same structure: as many lines, the same Markdown marks.
        assert_eq!(hans.lines().count(), hant.lines().count());
        let marks = |s: &str| {
            s.chars()
                .filter(|c| "#*|-[]()`【】".contains(*c))
                .collect::<String>()
        };
        assert_eq!(marks(hans), marks(&hant));
        // And back.
        let back = convert(&hant, Script::Hans).unwrap();
        assert!(back.contains("# 一、主要业绩"));
        assert!(back.contains("lang: zh-Hans"));
        assert!(back.contains("客户数【数字】家"));
    }

    #[test]
    fn counts_each_script() {
        assert_eq!(script_counts("这是這是"), (1, 1));
    }
}
