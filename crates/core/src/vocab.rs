//! The words that tell what a section is about, in the three languages: results, plans,
//! problems. The check asks a results section for figures and a plan for dates; the editor
//! offers the results table under a results heading; carry-forward reviews the plan; a draft
//! from the work log routes entries by them. A leaf module.

/// Section titles that announce results or highlights.
const RESULT_WORDS: &[&str] = &[
    "成果",
    "业绩",
    "業績",
    "成绩",
    "成績",
    "亮点",
    "亮點",
    "完成情况",
    "完成情況",
    "量化",
    "结果评估",
    "結果評估",
    "result",
    "highlight",
    "achievement",
];

/// Section titles that announce a plan.
const PLAN_WORDS: &[&str] = &[
    "计划",
    "計劃",
    "計畫",
    "打算",
    "规划",
    "規劃",
    "展望",
    "下一步",
    "下一阶段",
    "下一階段",
    "下阶段",
    "下階段",
    "plan",
    "next",
];

/// Section titles that announce problems, shortcomings or risks.
const PROBLEM_WORDS: &[&str] = &[
    "问题",
    "問題",
    "不足",
    "风险",
    "風險",
    "困难",
    "困難",
    "挑战",
    "挑戰",
    "教训",
    "教訓",
    "反思",
    "改进",
    "改進",
    "problem",
    "issue",
    "risk",
    "challenge",
    "shortcoming",
    "lesson",
];

fn has_any(title: &str, words: &[&str]) -> bool {
    let t = title.to_lowercase();
    words.iter().any(|w| t.contains(w))
}

/// Does this heading announce a plan (计划、打算、规划、展望、下一步、plan, next)?
pub fn is_plan_title(title: &str) -> bool {
    has_any(title, PLAN_WORDS)
}

/// Does this heading announce results or highlights (成果、业绩、亮点、完成情况…)?
pub fn is_results_title(title: &str) -> bool {
    has_any(title, RESULT_WORDS)
}

/// Does this heading announce problems, shortcomings or risks (问题、不足、风险、挑战…)?
pub fn is_problem_title(title: &str) -> bool {
    has_any(title, PROBLEM_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_three_languages() {
        assert!(is_results_title("主要业绩与亮点"));
        assert!(is_results_title("Key Results"));
        assert!(is_plan_title("下一年工作計畫"));
        assert!(is_plan_title("Plan for next quarter"));
        assert!(is_problem_title("存在的问题与不足"));
        assert!(is_problem_title("Risks"));
        assert!(!is_results_title("工作概述") && !is_plan_title("工作概述"));
    }
}
