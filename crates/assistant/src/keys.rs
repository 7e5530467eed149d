//! API keys: in the operating system's keychain (Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows), one entry per endpoint address. Where there is no keychain
//! (a Linux session without a Secret Service), the key is kept in this process's memory only
//! and the caller is told so. A key is never written anywhere else, and `Debug` never shows it.

use std::collections::HashMap;
use std::sync::Mutex;

/// The keychain's service name for Recap's entries.
pub const SERVICE: &str = "recap-assistant";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyPlace {
    /// In the operating system's keychain: survives a restart.
    Keychain,
    /// In memory only, until Recap quits (no keychain available).
    Session,
}

#[derive(Default)]
pub struct Keys {
    session: Mutex<HashMap<String, String>>,
    /// Tests: never touch the real keychain.
    session_only: bool,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(***)")
    }
}

impl Keys {
    pub fn new() -> Keys {
        Keys::default()
    }

    /// Keys kept in memory only, whatever the platform offers (for tests and the bridge).
    pub fn session_only() -> Keys {
        Keys {
            session_only: true,
            ..Keys::default()
        }
    }

    fn session(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn entry(&self, endpoint: &str) -> Option<keyring::Entry> {
        if self.session_only {
            return None;
        }
        keyring::Entry::new(SERVICE, endpoint).ok()
    }

    /// Keeps `key` for `endpoint`: in the keychain when there is one, else for this session.
    pub fn set(&self, endpoint: &str, key: &str) -> KeyPlace {
        let key = key.trim();
        if let Some(e) = self.entry(endpoint)
            && e.set_password(key).is_ok()
        {
            self.session().remove(endpoint);
            return KeyPlace::Keychain;
        }
        self.session().insert(endpoint.to_string(), key.to_string());
        KeyPlace::Session
    }

    /// The key for `endpoint`, if one is kept.
    pub fn get(&self, endpoint: &str) -> Option<String> {
        if let Some(k) = self.session().get(endpoint) {
            return Some(k.clone());
        }
        self.entry(endpoint).and_then(|e| e.get_password().ok())
    }

    /// Where the key for `endpoint` is kept, if anywhere.
    pub fn place(&self, endpoint: &str) -> Option<KeyPlace> {
        if self.session().contains_key(endpoint) {
            return Some(KeyPlace::Session);
        }
        self.entry(endpoint)
            .and_then(|e| e.get_password().ok())
            .map(|_| KeyPlace::Keychain)
    }

    /// Forgets the key for `endpoint`, in the keychain and in memory.
    pub fn forget(&self, endpoint: &str) {
        self.session().remove(endpoint);
        if let Some(e) = self.entry(endpoint) {
            let _ = e.delete_credential();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_key_is_kept_forgotten_and_never_printed() {
        let keys = Keys::session_only();
        let ep = "https://api.example.com/v1";
        assert_eq!(keys.set(ep, " sk-abcdef123456 "), KeyPlace::Session);
        assert_eq!(keys.get(ep).as_deref(), Some("sk-abcdef123456"));
        assert_eq!(keys.place(ep), Some(KeyPlace::Session));
        assert!(!format!("{keys:?}").contains("sk-"));
        keys.forget(ep);
        assert_eq!(keys.get(ep), None);
        assert_eq!(keys.place(ep), None);
    }
}
