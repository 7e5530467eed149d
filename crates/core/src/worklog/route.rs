//! Where things go in a summary: the role of a template's section (from its title), and the
//! section a note belongs to (from its tags, then its wording). Deterministic word lists, in
//! 简体, 繁體 and English; no model.

use super::entry::{Recognised, fold_label};
use serde::{Deserialize, Serialize};

/// What a template section is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// 概述, 开篇: written by the user; the draft puts the period's statistics there.
    Overview,
    /// 目标完成情况, 目标回顾: the review of the last plan goes here.
    Goals,
    /// 成果, 业绩, 亮点, 关键数据.
    Results,
    /// 本周完成, 重点工作, 主要工作, 履职情况.
    Work,
    /// 进行中.
    InProgress,
    /// 问题, 风险, 不足, 挑战.
    Problems,
    /// 计划, 下一步, 展望.
    Plan,
    /// 经验, 教训, 收获, 自省.
    Lessons,
    /// 需要的支持.
    Support,
    /// Anything else: keeps its prompt.
    Other,
}

fn has(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| t.contains(w))
}

const OVERVIEW: &[&str] = &[
    "概述", "概况", "概況", "总体", "總體", "总览", "總覽", "开篇", "開篇", "overview", "summary",
    "opening",
];
const PLAN_EXTRA: &[&str] = &[
    "后续",
    "後續",
    "改进方向",
    "改進方向",
    "follow-up",
    "improvements",
];
const GOALS: &[&str] = &[
    "目标完成",
    "目標完成",
    "目标进度",
    "目標進度",
    "目标回顾",
    "目標回顧",
    "周期目标",
    "週期目標",
    "goals for the",
    "annual goals",
    "goal review",
    "goals review",
    "review of goals",
    "goals met",
];
const PROBLEMS: &[&str] = &[
    "问题",
    "問題",
    "风险",
    "風險",
    "不足",
    "困难",
    "困難",
    "挑战",
    "挑戰",
    "差距",
    "负面",
    "負面",
    "problem",
    "risk",
    "shortcoming",
    "challenge",
    "gap",
    "issue",
    "negative",
];
const RESULTS_EXTRA: &[&str] = &[
    "数据", "數據", "資料", "指标", "指標", "正面", "data", "metric", "figures", "numbers",
    "positive",
];
const IN_PROGRESS: &[&str] = &["进行中", "進行中", "在办", "在辦", "in progress", "ongoing"];
const WORK: &[&str] = &[
    "工作",
    "完成",
    "进展",
    "進展",
    "举措",
    "舉措",
    "过程",
    "過程",
    "经历",
    "經歷",
    "行动",
    "行動",
    "履职",
    "履職",
    "迭代",
    "运营",
    "運營",
    "done",
    "work",
    "progress",
    "action",
    "experience",
    "duties",
    "performance",
    "activit",
];
const LESSONS: &[&str] = &[
    "经验",
    "經驗",
    "教训",
    "教訓",
    "收获",
    "收穫",
    "反思",
    "自省",
    "学习",
    "學習",
    "lesson",
    "learn",
    "reflect",
    "takeaway",
    "looking inward",
];
const SUPPORT: &[&str] = &[
    "支持",
    "支援",
    "协调",
    "協調",
    "support",
    "help",
    "resources",
];

/// The role of a section from its title (typed numbers already stripped).
pub fn section_role(title: &str) -> Role {
    let t = title.to_lowercase();
    if has(&t, OVERVIEW) {
        Role::Overview
    } else if crate::vocab::is_plan_title(&t) || has(&t, PLAN_EXTRA) {
        Role::Plan
    } else if has(&t, GOALS) {
        Role::Goals
    } else if has(&t, PROBLEMS) {
        Role::Problems
    } else if crate::vocab::is_results_title(&t) || has(&t, RESULTS_EXTRA) {
        Role::Results
    } else if has(&t, IN_PROGRESS) {
        Role::InProgress
    } else if has(&t, WORK) {
        Role::Work
    } else if has(&t, LESSONS) {
        Role::Lessons
    } else if has(&t, SUPPORT) {
        Role::Support
    } else {
        Role::Other
    }
}

/// What a note is, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Result,
    Work,
    InProgress,
    Problem,
    Plan,
    Lesson,
    Support,
}

impl Kind {
    /// The section roles that can take it, best first.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Kind::Result => &[Role::Results, Role::Goals, Role::Work, Role::InProgress],
            Kind::Work => &[Role::Work, Role::Results, Role::InProgress, Role::Goals],
            Kind::InProgress => &[Role::InProgress, Role::Work, Role::Results],
            Kind::Problem => &[Role::Problems, Role::Support],
            Kind::Plan => &[Role::Plan],
            Kind::Lesson => &[Role::Lessons],
            Kind::Support => &[Role::Support, Role::Problems],
        }
    }
}

/// Tags that say what a note is (folded).
const PROBLEM_TAGS: &[&str] = &[
    "问题", "問題", "风险", "風險", "困难", "困難", "阻碍", "阻礙", "卡点", "卡點", "故障", "投诉",
    "投訴", "issue", "risk", "problem", "blocker", "blocked", "incident",
];
const PLAN_TAGS: &[&str] = &[
    "计划",
    "計畫",
    "計劃",
    "下一步",
    "待办",
    "待辦",
    "todo",
    "plan",
    "next",
];
const RESULT_TAGS: &[&str] = &[
    "成果",
    "亮点",
    "亮點",
    "业绩",
    "業績",
    "里程碑",
    "裡程碑",
    "win",
    "result",
    "milestone",
    "highlight",
];
const LESSON_TAGS: &[&str] = &[
    "经验", "經驗", "教训", "教訓", "收获", "收穫", "反思", "复盘", "復盤", "lesson", "learning",
    "retro",
];
const SUPPORT_TAGS: &[&str] = &["支持", "求助", "协调", "協調", "help", "support"];
const PROGRESS_TAGS: &[&str] = &["进行中", "進行中", "跟进", "跟進", "wip", "ongoing"];

/// Every tag that routes a note: such a tag says what the note is, not what it is about, so it
/// never names a group.
pub fn is_routing_tag(folded: &str) -> bool {
    [
        PROBLEM_TAGS,
        PLAN_TAGS,
        RESULT_TAGS,
        LESSON_TAGS,
        SUPPORT_TAGS,
        PROGRESS_TAGS,
    ]
    .iter()
    .any(|l| l.contains(&folded))
}

const PROBLEM_WORDS: &[&str] = &[
    "问题",
    "問題",
    "风险",
    "風險",
    "困难",
    "困難",
    "卡住",
    "卡在",
    "阻塞",
    "延期",
    "延误",
    "延誤",
    "推迟",
    "推遲",
    "投诉",
    "投訴",
    "故障",
    "流失",
    "不足",
    "未能",
    "没能",
    "沒能",
    "未达",
    "未達",
    "滞后",
    "滯後",
    "隐患",
    "隱患",
    "瓶颈",
    "瓶頸",
    "超支",
    "下滑",
    "宕机",
    "宕機",
    "报错",
    "報錯",
    "risk",
    "issue",
    "problem",
    "blocked",
    "blocker",
    "delay",
    "complain",
    "outage",
    "incident",
    "churn",
    "slipped",
    "behind schedule",
];
/// Phrases that hold a problem word without naming a problem: taken out before the words are
/// looked for ("零故障" is no 故障, a "风险客户名单" is a list, "回复问题邮件" answers one).
const NEUTRAL_PHRASES: &[&str] = &[
    "零故障",
    "无故障",
    "無故障",
    "风险客户",
    "風險客戶",
    "风险名单",
    "風險名單",
    "风险评估",
    "風險評估",
    "问题邮件",
    "問題郵件",
    "常见问题",
    "常見問題",
    "no issues",
    "zero incidents",
    "risk review",
    "risk list",
];
/// Answering questions is work, not a problem.
const ANSWER_WORDS: &[&str] = &[
    "回复", "回覆", "解答", "答复", "答覆", "答疑", "answered", "replied",
];
/// A problem named as solved is a result, not a problem.
const SOLVED_WORDS: &[&str] = &[
    "解决",
    "解決",
    "修复",
    "修復",
    "处理完",
    "處理完",
    "排除",
    "化解",
    "关闭",
    "關閉",
    "消除",
    "避免",
    "fixed",
    "resolved",
    "solved",
    "closed",
    "mitigated",
    "avoided",
];
const PLAN_LEADS: &[&str] = &[
    "计划",
    "計畫",
    "計劃",
    "准备",
    "準備",
    "拟",
    "擬",
    "打算",
    "下周",
    "下週",
    "下月",
    "下季度",
    "下阶段",
    "下階段",
    "明天",
    "明日",
    "后续",
    "後續",
    "接下来",
    "接下來",
    "待办",
    "待辦",
    "todo",
    "plan to",
    "planning to",
    "next week",
    "next month",
    "next quarter",
    "tomorrow",
    "will ",
];
const LESSON_WORDS: &[&str] = &[
    "体会",
    "體會",
    "教训",
    "教訓",
    "经验是",
    "經驗是",
    "学到",
    "學到",
    "反思",
    "learned",
    "lesson",
    "takeaway",
];
const SUPPORT_WORDS: &[&str] = &[
    "需要支持",
    "需支持",
    "需要支援",
    "需要协调",
    "需协调",
    "需協調",
    "需要協調",
    "请求支持",
    "請求支援",
    "need support",
    "need help",
    "needs approval",
];
const PROGRESS_WORDS: &[&str] = &[
    "进行中",
    "進行中",
    "推进中",
    "推進中",
    "跟进中",
    "跟進中",
    "进度",
    "進度",
    "in progress",
    "ongoing",
];
/// Words that say a thing was done (for the review of the last plan).
pub const DONE_WORDS: &[&str] = &[
    "完成",
    "上线",
    "上線",
    "交付",
    "签约",
    "簽約",
    "签订",
    "簽訂",
    "达成",
    "達成",
    "落地",
    "通过",
    "通過",
    "结项",
    "結項",
    "发布",
    "發布",
    "验收",
    "驗收",
    "续约",
    "續約",
    "done",
    "finished",
    "completed",
    "shipped",
    "launched",
    "signed",
    "delivered",
    "closed",
    "released",
];
/// Words that undo a done word ("未完成").
pub const NOT_DONE_WORDS: &[&str] = &[
    "未完成",
    "没完成",
    "沒完成",
    "未能",
    "没能",
    "沒能",
    "未上线",
    "未上線",
    "尚未",
    "还没",
    "還沒",
    "not done",
    "not finished",
    "didn't",
    "did not",
    "not yet",
];

fn tagged(r: &Recognised, list: &[&str]) -> bool {
    r.tags
        .iter()
        .any(|t| list.contains(&fold_label(t).as_str()))
}

/// What a note is: by its tags first (a #问题 note is a problem whatever it says), then by its
/// wording; a note with a figure is a result; anything else is work done.
pub fn classify(text: &str, r: &Recognised) -> Kind {
    if tagged(r, PROBLEM_TAGS) {
        return Kind::Problem;
    }
    if tagged(r, PLAN_TAGS) {
        return Kind::Plan;
    }
    if tagged(r, SUPPORT_TAGS) {
        return Kind::Support;
    }
    if tagged(r, LESSON_TAGS) {
        return Kind::Lesson;
    }
    if tagged(r, RESULT_TAGS) {
        return Kind::Result;
    }
    if tagged(r, PROGRESS_TAGS) {
        return Kind::InProgress;
    }
    let plain = super::entry::without_labels(text, None).to_lowercase();
    if PLAN_LEADS.iter().any(|w| plain.starts_with(w)) || plain.contains("下一步") {
        return Kind::Plan;
    }
    let mut neutral = plain.clone();
    for p in NEUTRAL_PHRASES {
        neutral = neutral.replace(p, " ");
    }
    if has(&neutral, PROBLEM_WORDS) && !has(&neutral, SOLVED_WORDS) && !has(&neutral, ANSWER_WORDS)
    {
        return Kind::Problem;
    }
    if has(&plain, SUPPORT_WORDS) {
        return Kind::Support;
    }
    if has(&plain, LESSON_WORDS) {
        return Kind::Lesson;
    }
    if r.has_figure() {
        return Kind::Result;
    }
    if has(&plain, PROGRESS_WORDS) {
        return Kind::InProgress;
    }
    Kind::Work
}

/// Does a note say its thing was done?
pub fn says_done(text: &str) -> bool {
    let t = text.to_lowercase();
    has(&t, DONE_WORDS) && !has(&t, NOT_DONE_WORDS)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::lang::Lang;
    use crate::worklog::entry::recognise;

    fn kind(s: &str) -> Kind {
        classify(s, &recognise(s))
    }

    #[test]
    fn notes_are_routed_by_tag_then_wording() {
        assert_eq!(kind("续约 @华东 12 家，合同额 320 万元"), Kind::Result);
        assert_eq!(kind("整理客户访谈纪要 #会议"), Kind::Work);
        assert_eq!(kind("数据接口延期，影响看板上线"), Kind::Problem);
        assert_eq!(kind("修复了导出的问题"), Kind::Work);
        assert_eq!(kind("第二批 14 家门店上线，切换零故障"), Kind::Result);
        assert_eq!(kind("参加周会，汇报风险客户名单"), Kind::Work);
        assert_eq!(kind("回复 @澄江 关于发票的问题邮件"), Kind::Work);
        assert_eq!(kind("上线后出现故障，回滚了"), Kind::Problem);
        assert_eq!(kind("经验是分批培训 #复盘"), Kind::Lesson);
        assert_eq!(kind("解决 3 个工单问题"), Kind::Result);
        assert_eq!(kind("一切正常 #风险"), Kind::Problem);
        assert_eq!(kind("下周与 @华东 确认续约方案"), Kind::Plan);
        assert_eq!(kind("明确下一步：先做试点"), Kind::Plan);
        assert_eq!(kind("体会：需求要先对齐再排期"), Kind::Lesson);
        assert_eq!(kind("需要协调法务审合同"), Kind::Support);
        assert_eq!(kind("迁移进行中，完成一半"), Kind::InProgress);
        assert_eq!(kind("Shipped the export, 12 tickets closed"), Kind::Result);
        assert_eq!(kind("Plan to review pricing next week"), Kind::Plan);
        assert_eq!(kind("Data feed delayed again"), Kind::Problem);
    }

    #[test]
    fn every_builtin_template_section_gets_a_role() {
        let role = |id: &str, k: usize| {
            let t = crate::template::find(id).unwrap();
            section_role(&t.sections[k].text(Lang::ZhHans).title)
        };
        assert_eq!(role("annual-five-part", 0), Role::Overview);
        assert_eq!(role("annual-five-part", 1), Role::Results);
        assert_eq!(role("annual-five-part", 2), Role::Problems);
        assert_eq!(role("annual-five-part", 3), Role::Lessons);
        assert_eq!(role("annual-five-part", 4), Role::Plan);
        assert_eq!(role("quarterly", 0), Role::Goals);
        assert_eq!(role("quarterly", 1), Role::Work);
        assert_eq!(role("quarterly", 2), Role::Problems);
        assert_eq!(role("quarterly", 3), Role::Plan);
        assert_eq!(role("quarterly", 4), Role::Support);
        assert_eq!(role("weekly", 0), Role::Work);
        assert_eq!(role("weekly", 1), Role::InProgress);
        assert_eq!(role("monthly", 1), Role::Results);
        assert_eq!(role("project-retro-grai", 4), Role::Plan);
        // The same roles read from the other two languages.
        for id in ["annual-five-part", "quarterly", "weekly", "monthly"] {
            let t = crate::template::find(id).unwrap();
            for s in &t.sections {
                let r = section_role(&s.zh_hans.title);
                assert_eq!(
                    section_role(&s.zh_hant.title),
                    r,
                    "{id}: {}",
                    s.zh_hant.title
                );
                assert_eq!(section_role(&s.en.title), r, "{id}: {}", s.en.title);
            }
        }
    }

    #[test]
    fn done_words_and_their_negations() {
        assert!(says_done("看板 v2 上线"));
        assert!(!says_done("看板未上线"));
        assert!(!says_done("排期讨论"));
        assert!(says_done("Signed the renewal"));
    }
}
