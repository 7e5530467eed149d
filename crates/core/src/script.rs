//! Which Chinese script a text is written in (简体 or 繁體), from characters whose two
//! forms differ. Used to pick the language of generated words on export and by the
//! mixed-script check.

use crate::lang::Lang;
use crate::model::Document;

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
    fn counts_each_script() {
        assert_eq!(script_counts("这是這是"), (1, 1));
    }
}
