//! How a refusal or failure crosses to the UI: a stable code, a message whole in the user's
//! language, and whether the same request may succeed later by itself.

use recap_core::Lang;
use serde::Serialize;
use ts_rs::TS;

/// Every rejection of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// The same request may succeed later without the user changing anything (a full disk
    /// emptied, a busy store freed): the UI retries a failed save only then.
    pub transient: bool,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ApiError {
            code: code.to_string(),
            message: message.into(),
            transient: false,
        }
    }

    pub fn from_core(e: &recap_core::Error, lang: Lang) -> Self {
        ApiError {
            code: e.code().to_string(),
            message: e.message(lang),
            transient: e.transient(),
        }
    }

    /// A request the contract does not describe (an unknown operation, arguments of the wrong
    /// shape): a page and an engine out of step, never the user's doing.
    pub fn bad_request(lang: Lang, detail: impl std::fmt::Display) -> Self {
        ApiError::new(
            "bad-request",
            format!(
                "{}{detail}",
                lang.pick(
                    "界面与程序版本不一致，请求无法处理：",
                    "介面與程式版本不一致，請求無法處理：",
                    "The app's window and engine disagree; the request could not be handled: "
                )
            ),
        )
    }

    /// The engine failed in a way it did not expect (a task that died); nothing was changed
    /// beyond what the message says.
    pub fn internal(lang: Lang, detail: impl std::fmt::Display) -> Self {
        ApiError {
            code: "internal".into(),
            message: format!(
                "{}{detail}",
                lang.pick("程序内部错误：", "程式內部錯誤：", "Internal error: ")
            ),
            transient: true,
        }
    }

    /// A request the app refuses on principle (a link it will not open, a file it did not
    /// write): `reason` in the user's language, then what was asked for.
    pub fn not_allowed(reason: &str, what: impl std::fmt::Display) -> Self {
        ApiError::new("not-allowed", format!("{reason}{what}"))
    }
}

/// Turns the engine's result into the contract's, in the user's language.
pub(crate) trait OrApi<T> {
    fn or_api(self, lang: Lang) -> ApiResult<T>;
}

impl<T> OrApi<T> for recap_core::Result<T> {
    fn or_api(self, lang: Lang) -> ApiResult<T> {
        self.map_err(|e| ApiError::from_core(&e, lang))
    }
}
