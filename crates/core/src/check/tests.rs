#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

const ANNUAL: &str = include_str!("../../../../tests/fixtures/annual-summary.md");
const PLAIN: &str = include_str!("../../../../tests/fixtures/plain-text-summary.txt");

fn run(md: &str) -> Vec<Finding> {
    run_with(md, Some(StyleId::Gov))
}

fn run_with(md: &str, style: Option<StyleId>) -> Vec<Finding> {
    let opts = CheckOptions {
        lang: Lang::ZhHans,
        style,
        user_templates: Vec::new(),
    };
    check(md, &opts).unwrap().findings
}

fn rules(md: &str) -> Vec<&'static str> {
    run(md).into_iter().map(|f| f.rule).collect()
}

fn fires(rule: &str, md: &str) -> bool {
    rules(md).contains(&rule)
}

#[test]
fn the_annual_fixture_is_clean() {
    let found = run(ANNUAL);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn placeholders_are_found_where_they_are() {
    let md = "# 总结\n\n## 一、概述\n\n本年完成【数字】个项目。\n\n- 第二项\n- 客户 XX 家，x~x 月完成\n- 由某某负责\n\n## 二、计划\n\n1. 3 月完成……\n2. 签字：____\n";
    let found: Vec<Finding> = run(md)
        .into_iter()
        .filter(|f| f.rule == "placeholder")
        .collect();
    let at: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.excerpt.as_str())).collect();
    assert_eq!(found.len(), 6, "{at:?}");
    assert_eq!(found[0].line, 5);
    assert!(found[0].excerpt.contains("【数字】"));
    assert_eq!(found[1].line, 8);
    assert_eq!(found[3].line, 9);
    assert_eq!(found[4].line, 13);
    assert_eq!(found[4].severity, Severity::Warning);
    assert_eq!(found[5].line, 14);
}

#[test]
fn placeholder_look_alikes_are_left_alone() {
    for md in [
        "# T\n\n## 一、概述\n\n支持 Xbox 和 Linux，尺寸 3x4 米，评分 0～100。",
        "# T\n\n## 一、概述\n\n- Max 版本上线 12 项功能。",
    ] {
        assert!(!fires("placeholder", md), "{md}: {:?}", run(md));
    }
}

#[test]
fn template_example_text_is_a_placeholder() {
    let t = crate::template::find("annual-five-part").unwrap();
    let snippet = t.sections[0].zh_hans.tips[0].clone();
    let md = format!("---\ntemplate: annual-five-part\n---\n# T\n\n## 概述\n\n{snippet}\n");
    let f = run(&md);
    assert!(
        f.iter()
            .any(|f| f.rule == "placeholder" && f.message.contains("范例原文")),
        "{f:#?}"
    );
}

#[test]
fn an_unreplaced_prompt_is_called_a_prompt() {
    let t = crate::template::find("annual-five-part").unwrap();
    let md =
        crate::template::new_document_markdown(&t, crate::lang::Lang::ZhHans, Default::default());
    let f = run(&md);
    let copied: Vec<&str> = f
        .iter()
        .filter(|f| f.rule == "placeholder" && f.message.contains("模板"))
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(copied.len(), t.sections.len(), "{f:#?}");
    assert!(copied.iter().all(|m| m.contains("写作提示")), "{copied:?}");
}

#[test]
fn vague_claims_need_a_number_nearby() {
    assert!(fires(
        "vague",
        "# T\n\n## 一、成果\n\n客户满意度大幅提升，效率显著改善。"
    ));
    assert!(fires(
        "vague",
        "# T\n\n## 一、问题\n\n返工情况，具体数据见附表 3。"
    ));
    assert!(fires("vague", "# T\n\n## 一、问题\n\n處理了若干問題。"));
    assert!(!fires(
        "vague",
        "# T\n\n## 一、成果\n\n满意度大幅提升，由 4.2 分升到 4.7 分。"
    ));
    assert!(!fires(
        "vague",
        "# T\n\n## 一、成果\n\n人效提升了三成，显著。"
    ));
}

#[test]
fn empty_and_short_sections() {
    let md = "# T\n\n## 一、概述\n\n## 二、计划\n\n### （一）业务\n\n3 月前完成。\n";
    let f = run(md);
    let empty: Vec<&Finding> = f.iter().filter(|f| f.rule == "empty-section").collect();
    assert_eq!(empty.len(), 1, "{f:#?}");
    assert_eq!(empty[0].line, 3);
    assert_eq!(empty[0].excerpt, "一、概述");

    let t = crate::template::find("annual-five-part").unwrap();
    let s = &t.sections[0];
    let min = s.target.unwrap().min as usize;
    let short = format!(
        "---\ntemplate: annual-five-part\n---\n# T\n\n## {}\n\n{}\n",
        s.zh_hans.title,
        "字".repeat(min / 2)
    );
    assert!(fires("short-section", &short));
    let long = short.replace(&"字".repeat(min / 2), &"字".repeat(min + 1));
    assert!(!fires("short-section", &long));
}

#[test]
fn missing_template_sections_are_named() {
    let t = crate::template::find("annual-five-part").unwrap();
    let mut md = String::from("---\ntemplate: annual-five-part\n---\n# T\n");
    // Every section but the third, each with a little text.
    for (i, s) in t.sections.iter().enumerate() {
        if i != 2 {
            md.push_str(&format!(
                "\n{} {}\n\n完成 3 项，6 月前上线。\n",
                "#".repeat(s.level as usize),
                s.zh_hans.title
            ));
        }
    }
    let missing: Vec<Finding> = run(&md)
        .into_iter()
        .filter(|f| f.rule == "missing-section")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(missing[0].excerpt, t.sections[2].zh_hans.title);
    let full = crate::template::new_document_markdown(&t, Lang::ZhHans, Default::default());
    assert!(!fires("missing-section", &full));
    // Typed numbers and a different script still match.
    let hant = crate::template::new_document_markdown(&t, Lang::ZhHant, Default::default());
    assert!(!fires(
        "missing-section",
        &hant.replace("\n## ", "\n## 一、")
    ));
}

#[test]
fn results_need_numbers_and_plans_need_dates() {
    assert!(fires(
        "results-without-numbers",
        "# T\n\n## 一、主要业绩与亮点\n\n做了很多工作，得到领导认可。\n"
    ));
    assert!(!fires(
        "results-without-numbers",
        "# T\n\n## 一、主要业绩\n\n续约 39 家。\n"
    ));
    let plan =
        "# T\n\n## 五、下一步计划\n\n1. 建立评审制度\n2. 6 月底前上线新版本\n3. 每周复盘一次\n";
    let f: Vec<Finding> = run(plan)
        .into_iter()
        .filter(|f| f.rule == "plan-without-dates")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].line, 5);
    assert!(f[0].excerpt.contains("评审制度"));
}

#[test]
fn mixed_script_points_at_the_stray_characters() {
    let md =
        "# 年度总结\n\n## 一、概述\n\n这是我们的业绩，项目进展顺利。\n\n这里混入了這個繁體字。\n";
    let f: Vec<Finding> = run(md)
        .into_iter()
        .filter(|f| f.rule == "mixed-script")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].line, 7);
    assert!(f[0].message.contains('這'));
    assert!(!fires(
        "mixed-script",
        "# 年度總結\n\n## 一、概述\n\n這是我們的業績。\n"
    ));
}

#[test]
fn dates_follow_the_official_form_in_gov_style_only() {
    let md = "# T\n\n## 一、概述\n\n2026-03-05 上线，2026年03月05日验收，二〇二六年三月复盘，2026年3月5号总结。\n\n正确：2026年3月5日。\n";
    let f: Vec<Finding> = run(md)
        .into_iter()
        .filter(|f| f.rule == "date-format")
        .collect();
    assert_eq!(f.len(), 4, "{f:#?}");
    assert_eq!(
        f.iter()
            .filter(|x| x.message.contains("2026年3月5日"))
            .count(),
        3,
        "{f:#?}"
    );
    assert!(
        !run_with(md, Some(StyleId::Business))
            .iter()
            .any(|f| f.rule == "date-format")
    );
    assert!(!run_with(md, None).iter().any(|f| f.rule == "date-format"));
}

#[test]
fn duplicate_paragraphs_point_back_at_the_first() {
    let p = "本年度完成了客户健康度看板的搭建，覆盖全部重点客户。";
    let md = format!("# T\n\n## 一、概述\n\n{p}\n\n## 二、亮点\n\n{p}\n\n无\n\n无\n");
    let f: Vec<Finding> = run(&md)
        .into_iter()
        .filter(|f| f.rule == "duplicate-paragraph")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].line, 9);
    assert!(f[0].message.contains("第 5 行"));
}

#[test]
fn the_plain_text_fixture_shows_its_problems() {
    let imported = crate::import::import_text(PLAIN, Lang::ZhHans).unwrap();
    let r = rules(&imported.markdown);
    for want in ["placeholder", "vague", "plan-without-dates"] {
        assert!(r.contains(&want), "{want} in {r:?}\n{}", imported.markdown);
    }
}

#[test]
fn messages_follow_the_language_and_json_has_five_fields() {
    let md = "# T\n\n## 一、概述\n\n【数字】\n";
    for lang in Lang::ALL {
        let opts = CheckOptions {
            lang,
            ..CheckOptions::default()
        };
        let r = check(md, &opts).unwrap();
        let m = &r.findings[0].message;
        match lang {
            Lang::ZhHans => assert!(m.contains("占位符")),
            Lang::ZhHant => assert!(m.contains("預留位置")),
            Lang::En => assert!(m.contains("placeholder")),
        }
        let v = serde_json::to_value(&r).unwrap();
        let f = v["findings"][0].as_object().unwrap();
        let mut keys: Vec<&str> = f.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["excerpt", "line", "message", "rule", "severity"]);
        assert_eq!(f["severity"], "error");
    }
}

#[test]
fn front_matter_yaml_cannot_read_is_a_finding_not_an_error() {
    let r = check(
        "---\ntitle: 周报\nperiod: soon\n---\n# 周报\n\n本周完成 3 项。\n",
        &CheckOptions::default(),
    )
    .unwrap();
    let meta: Vec<(&str, usize)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "metadata")
        .map(|f| (f.excerpt.as_str(), f.line))
        .collect();
    assert_eq!(meta, [("period: soon", 3)]);
    assert!(
        check("", &CheckOptions::default())
            .unwrap()
            .findings
            .is_empty()
    );
}
