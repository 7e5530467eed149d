//! The tasks and their prompts. The request body built here is exactly what is sent, so the
//! consent view can show it byte for byte (see [`ChatRequest::body`]).

use recap_core::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Task {
    /// 润色: the same content in a formal, concise register.
    Polish,
    /// 写具体: a vague sentence made concrete, the missing figure asked for as a 【placeholder】.
    Concrete,
}

/// Sampling fixed so a run can be repeated (servers that honour `seed` give the same answer).
pub const SEED: u64 = 7;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub role: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    pub model: String,
    pub messages: Vec<Message>,
    pub stream: bool,
    pub temperature: f32,
    pub seed: u64,
    /// `None`: the server's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
}

impl ChatRequest {
    /// The JSON body as it goes on the wire.
    pub fn body(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn system(task: Task, lang: Lang) -> &'static str {
    match (task, lang) {
        (Task::Polish, Lang::ZhHans) => {
            "你是工作总结的文字编辑。把用户给出的文字改写为正式、简洁的书面语：\
            保留全部事实、数字、日期、人名和项目名，一个也不增加，一个也不改动；不添加原文没有的成绩、数据或结论；\
            保留原文的 Markdown 格式和【】中的占位内容。只输出改写后的文字，不要解释。"
        }
        (Task::Polish, Lang::ZhHant) => {
            "你是工作總結的文字編輯。把使用者給出的文字改寫為正式、簡潔的書面語：\
            保留全部事實、數字、日期、人名和專案名，一個也不增加，一個也不改動；不添加原文沒有的成績、數據或結論；\
            保留原文的 Markdown 格式和【】中的佔位內容。只輸出改寫後的文字，不要解釋。"
        }
        (Task::Polish, Lang::En) => {
            "You edit work summaries. Rewrite the user's text in a formal, concise register. \
            Keep every fact, figure, date, person and project name exactly; add none and change none; add no result, \
            data or conclusion the text does not state. Keep its Markdown and any 【】 placeholders. \
            Output only the rewritten text, no explanation."
        }
        (Task::Concrete, Lang::ZhHans) => {
            "你是工作总结的文字编辑。用户给出一句说法笼统的话。把它改写得具体：\
            保留原来的意思；凡是需要而原文没有的数字、比例、日期或对象，一律写成【待补充：说明需要什么】的占位，\
            绝不自己编造任何数字。只输出改写后的一句话，不要解释。"
        }
        (Task::Concrete, Lang::ZhHant) => {
            "你是工作總結的文字編輯。使用者給出一句說法籠統的話。把它改寫得具體：\
            保留原來的意思；凡是需要而原文沒有的數字、比例、日期或對象，一律寫成【待補充：說明需要什麼】的佔位，\
            絕不自己編造任何數字。只輸出改寫後的一句話，不要解釋。"
        }
        (Task::Concrete, Lang::En) => {
            "You edit work summaries. The user gives a vague sentence. Make it concrete: \
            keep its claim; every figure, ratio, date or object it needs but does not give becomes a placeholder \
            【to add: what is needed】 — never invent a number. Output only the rewritten sentence, no explanation."
        }
    }
}

/// The request for `task` on `text`. The user's text is sent as it is, in one message of its
/// own, so the consent view shows it unchanged.
pub fn request(task: Task, text: &str, model: &str, lang: Lang) -> ChatRequest {
    // An answer a few times the text's length is plenty for a rewrite; a bound keeps a model
    // that loops from running on.
    let budget = (text.chars().count() as u32)
        .saturating_mul(3)
        .clamp(256, 4096);
    ChatRequest {
        model: model.to_string(),
        messages: vec![
            Message {
                role: "system".into(),
                content: system(task, lang).into(),
            },
            Message {
                role: "user".into(),
                content: text.to_string(),
            },
        ],
        stream: true,
        temperature: 0.0,
        seed: SEED,
        max_tokens: Some(budget),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_carries_the_text_unchanged_and_streams() {
        let text = "本季度完成了很多工作，客户满意度有所提升。\n\n- 【数字】";
        let r = request(Task::Concrete, text, "qwen3", Lang::ZhHans);
        let v: serde_json::Value = serde_json::from_str(&r.body()).unwrap_or_default();
        assert_eq!(v["messages"][1]["content"], text);
        assert_eq!(v["stream"], true);
        assert_eq!(v["model"], "qwen3");
        assert_eq!(v["temperature"], 0.0);
    }
}
