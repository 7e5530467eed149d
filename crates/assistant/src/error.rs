//! What can go wrong talking to a model, said to the user in their language. No message ever
//! holds the key (a server's own words are scrubbed of it before they are kept), and none
//! blames the user's text: the text stays as it was whatever happens here.

use recap_core::lang::Lang;

/// How much of a server's own error message is kept (it may echo a whole prompt).
const DETAIL_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssistantError {
    /// The assistant is switched off: nothing was sent.
    #[error("the writing assistant is off")]
    Off,
    /// Nothing answers at the address (connection refused, no such host).
    #[error("no server answers at {url}")]
    NotRunning { url: String },
    #[error("the server has no model '{model}'")]
    ModelNotFound { model: String },
    #[error("the text is longer than the model's context")]
    ContextTooLong,
    /// 401/403: a missing, wrong or revoked key.
    #[error("the server refused the key")]
    KeyRefused,
    #[error("the server asks to slow down (rate limit)")]
    RateLimited,
    #[error("the server stopped answering (timeout)")]
    Timeout,
    /// The answer grew past the size cap; what came before it is kept.
    #[error("the answer passed {chars} characters and was stopped")]
    CapReached { chars: usize },
    /// The server answered with nothing (llama.cpp's server reports some failures as an empty
    /// stream).
    #[error("the server sent an empty answer")]
    Empty,
    #[error("the server answered {status}: {detail}")]
    Server { status: u16, detail: String },
    /// What came back is not the OpenAI protocol.
    #[error("unexpected answer from the server: {detail}")]
    Protocol { detail: String },
    #[error("not a usable address: {detail}")]
    BadAddress { detail: String },
    /// Recap's own failure (a runtime that would not start).
    #[error("internal: {detail}")]
    Internal { detail: String },
}

impl AssistantError {
    /// A stable id for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            AssistantError::Off => "assistant-off",
            AssistantError::NotRunning { .. } => "not-running",
            AssistantError::ModelNotFound { .. } => "model-not-found",
            AssistantError::ContextTooLong => "context-too-long",
            AssistantError::KeyRefused => "key-refused",
            AssistantError::RateLimited => "rate-limited",
            AssistantError::Timeout => "timeout",
            AssistantError::CapReached { .. } => "cap-reached",
            AssistantError::Empty => "empty-answer",
            AssistantError::Server { .. } => "server-error",
            AssistantError::Protocol { .. } => "protocol",
            AssistantError::BadAddress { .. } => "bad-address",
            AssistantError::Internal { .. } => "internal",
        }
    }

    /// What happened, what was kept and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let kept = lang.pick(
            "你的文字未作改动。",
            "你的文字未作改動。",
            "Your text is unchanged.",
        );
        let what = match self {
            AssistantError::Off => lang
                .pick(
                    "写作助手已关闭，未发送任何内容。可在“设置 → 写作助手”中开启。",
                    "寫作助手已關閉，未傳送任何內容。可在「設定 → 寫作助手」中開啟。",
                    "The writing assistant is off; nothing was sent. Turn it on in Settings → Writing assistant.",
                )
                .to_string(),
            AssistantError::NotRunning { url } => match lang {
                Lang::ZhHans => format!("{url} 没有响应：模型服务可能没有启动。请启动它（如 Ollama、LM Studio）后重试。"),
                Lang::ZhHant => format!("{url} 沒有回應：模型服務可能沒有啟動。請啟動它（如 Ollama、LM Studio）後重試。"),
                Lang::En => format!("Nothing answers at {url}: the model server may not be running. Start it (Ollama, LM Studio…) and try again."),
            },
            AssistantError::ModelNotFound { model } => match lang {
                Lang::ZhHans => format!("服务器上没有模型“{model}”。请点“测试连接”，从列表中选择一个模型。"),
                Lang::ZhHant => format!("伺服器上沒有模型「{model}」。請按「測試連線」，從清單中選擇一個模型。"),
                Lang::En => format!("The server has no model '{model}'. Use Test connection and pick a model from the list."),
            },
            AssistantError::ContextTooLong => lang
                .pick(
                    "所选文字超出了模型一次能处理的长度。请选一段较短的文字再试。",
                    "所選文字超出了模型一次能處理的長度。請選一段較短的文字再試。",
                    "The selection is longer than the model can take at once. Select a shorter passage and try again.",
                )
                .to_string(),
            AssistantError::KeyRefused => lang
                .pick(
                    "服务器拒绝了密钥（401/403）。请在“设置 → 写作助手”中检查或重新填写密钥。",
                    "伺服器拒絕了金鑰（401/403）。請在「設定 → 寫作助手」中檢查或重新填寫金鑰。",
                    "The server refused the key (401/403). Check or re-enter it in Settings → Writing assistant.",
                )
                .to_string(),
            AssistantError::RateLimited => lang
                .pick(
                    "服务器要求放慢请求（429，频率或额度限制）。请稍后再试。",
                    "伺服器要求放慢請求（429，頻率或額度限制）。請稍後再試。",
                    "The server asks to slow down (429, rate or quota limit). Try again in a while.",
                )
                .to_string(),
            AssistantError::Timeout => lang
                .pick(
                    "服务器长时间没有回应，已停止等待。",
                    "伺服器長時間沒有回應，已停止等待。",
                    "The server stopped answering; Recap gave up waiting.",
                )
                .to_string(),
            AssistantError::CapReached { chars } => match lang {
                Lang::ZhHans => format!("回答超过 {chars} 字，已停止接收；已收到的部分保留在面板中。"),
                Lang::ZhHant => format!("回答超過 {chars} 字，已停止接收；已收到的部分保留在面板中。"),
                Lang::En => format!("The answer passed {chars} characters and was stopped; what arrived is kept in the panel."),
            },
            AssistantError::Empty => lang
                .pick(
                    "服务器返回了空回答（可能是模型出错或文字过长）。",
                    "伺服器傳回了空回答（可能是模型出錯或文字過長）。",
                    "The server sent an empty answer (the model may have failed, or the text is too long).",
                )
                .to_string(),
            AssistantError::Server { status, detail } => match lang {
                Lang::ZhHans => format!("服务器出错（{status}）：{detail}"),
                Lang::ZhHant => format!("伺服器出錯（{status}）：{detail}"),
                Lang::En => format!("The server failed ({status}): {detail}"),
            },
            AssistantError::Protocol { detail } => match lang {
                Lang::ZhHans => format!("服务器的回答不是 OpenAI 兼容格式：{detail}"),
                Lang::ZhHant => format!("伺服器的回答不是 OpenAI 相容格式：{detail}"),
                Lang::En => format!("The server's answer is not OpenAI-compatible: {detail}"),
            },
            AssistantError::BadAddress { detail } => match lang {
                Lang::ZhHans => format!("地址不可用：{detail}。示例：http://127.0.0.1:11434/v1"),
                Lang::ZhHant => format!("位址不可用：{detail}。範例：http://127.0.0.1:11434/v1"),
                Lang::En => format!("Not a usable address: {detail}. Example: http://127.0.0.1:11434/v1"),
            },
            AssistantError::Internal { detail } => match lang {
                Lang::ZhHans => format!("内部错误：{detail}"),
                Lang::ZhHant => format!("內部錯誤：{detail}"),
                Lang::En => format!("Internal error: {detail}"),
            },
        };
        if matches!(
            self,
            AssistantError::Off | AssistantError::BadAddress { .. }
        ) {
            what
        } else {
            format!("{what}{}{kept}", if lang == Lang::En { " " } else { "" })
        }
    }
}

/// A server's message as we keep it: the key cut out, one line, short.
pub(crate) fn scrub(detail: &str, key: Option<&str>) -> String {
    let mut s = detail.to_string();
    if let Some(k) = key.filter(|k| k.len() >= 4) {
        s = s.replace(k, "***");
    }
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(DETAIL_CHARS).collect();
    if one_line.chars().count() > DETAIL_CHARS {
        out.push('…');
    }
    out
}

/// The error a status and a server message mean. Servers word these differently (OpenAI,
/// Ollama, llama.cpp, vLLM, DeepSeek…): the status decides where it can, the words where not.
pub(crate) fn classify(
    status: u16,
    detail: &str,
    model: &str,
    key: Option<&str>,
) -> AssistantError {
    let low = detail.to_lowercase();
    let context = [
        "context length",
        "context window",
        "context_length",
        "maximum context",
        "too long",
        "exceeds",
        "exceed the",
        "n_ctx",
        "too many tokens",
    ]
    .iter()
    .any(|w| low.contains(w));
    let model_missing = low.contains("model")
        && [
            "not found",
            "does not exist",
            "not exist",
            "no such",
            "unknown model",
            "not available",
        ]
        .iter()
        .any(|w| low.contains(w));
    match status {
        401 | 403 => AssistantError::KeyRefused,
        429 => AssistantError::RateLimited,
        408 | 504 => AssistantError::Timeout,
        _ if context => AssistantError::ContextTooLong,
        _ if model_missing || (status == 404 && low.contains("model")) => {
            AssistantError::ModelNotFound {
                model: model.to_string(),
            }
        }
        413 => AssistantError::ContextTooLong,
        _ => AssistantError::Server {
            status,
            detail: scrub(detail, key),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_echoed_by_a_server_never_reaches_a_message() {
        let key = "sk-secret-1234567890";
        let e = classify(
            500,
            &format!("bad header Bearer {key} for you"),
            "m",
            Some(key),
        );
        for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
            assert!(!e.message(lang).contains(key));
            assert!(e.message(lang).contains("***"));
        }
    }

    #[test]
    fn statuses_and_words_map_to_the_users_case() {
        assert_eq!(classify(401, "", "m", None), AssistantError::KeyRefused);
        assert_eq!(classify(403, "", "m", None), AssistantError::KeyRefused);
        assert_eq!(
            classify(429, "quota", "m", None),
            AssistantError::RateLimited
        );
        assert_eq!(
            classify(
                400,
                "Requested tokens (3000) exceed context window of 2048",
                "m",
                None
            ),
            AssistantError::ContextTooLong
        );
        assert_eq!(
            classify(
                404,
                r#"{"error":{"message":"model \"qwen3\" not found, try pulling it first"}}"#,
                "qwen3",
                None
            ),
            AssistantError::ModelNotFound {
                model: "qwen3".into()
            }
        );
        assert!(matches!(
            classify(500, "boom", "m", None),
            AssistantError::Server { status: 500, .. }
        ));
    }

    #[test]
    fn every_message_says_the_text_is_unchanged_in_each_language() {
        let e = AssistantError::NotRunning {
            url: "http://127.0.0.1:11434/v1".into(),
        };
        assert!(e.message(Lang::ZhHans).contains("未作改动"));
        assert!(e.message(Lang::ZhHant).contains("未作改動"));
        assert!(e.message(Lang::En).contains("unchanged"));
    }
}
