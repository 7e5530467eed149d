//! Where the assistant talks to: the presets, the address checked, and whether it is this
//! machine (本机) or another (远程). Locality is decided by the address alone: a loopback IP
//! or `localhost` is local; every other host, a LAN one included, is remote, because the text
//! leaves this computer.

use crate::error::AssistantError;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use url::{Host, Url};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    Ollama,
    LmStudio,
    LlamaCpp,
    /// Any other OpenAI-compatible server (a cloud, a company gateway): the user types the URL.
    Other,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::Ollama,
        Preset::LmStudio,
        Preset::LlamaCpp,
        Preset::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Ollama => "ollama",
            Preset::LmStudio => "lm-studio",
            Preset::LlamaCpp => "llama-cpp",
            Preset::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The server's usual address; `None` for "other" (the user gives it).
    pub fn url(self) -> Option<&'static str> {
        match self {
            Preset::Ollama => Some("http://127.0.0.1:11434/v1"),
            Preset::LmStudio => Some("http://127.0.0.1:1234/v1"),
            Preset::LlamaCpp => Some("http://127.0.0.1:8080/v1"),
            Preset::Other => None,
        }
    }

    /// The product's name (the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            Preset::Ollama => "Ollama",
            Preset::LmStudio => "LM Studio",
            Preset::LlamaCpp => "llama.cpp server",
            Preset::Other => "OpenAI-compatible",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locality {
    /// 本机: the text stays on this computer.
    Local,
    /// 远程: the text leaves this computer.
    Remote,
}

/// A base URL as the client uses it: http(s), a host, no query or fragment, no trailing
/// slash (`…/v1`). Credentials in the URL are refused: a key belongs in the keychain.
pub fn normalise(url: &str) -> Result<String, AssistantError> {
    let bad = |detail: &str| AssistantError::BadAddress {
        detail: detail.to_string(),
    };
    let u = Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(bad("http:// or https://"));
    }
    if u.host().is_none() {
        return Err(bad("no host"));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(bad("user:password@ in the address"));
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err(bad("? or # in the address"));
    }
    Ok(u.as_str().trim_end_matches('/').to_string())
}

/// 本机 or 远程, from the address. An address that cannot be read counts as remote.
pub fn locality(url: &str) -> Locality {
    let Ok(u) = Url::parse(url.trim()) else {
        return Locality::Remote;
    };
    let local = match u.host() {
        Some(Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        None => false,
    };
    if local {
        Locality::Local
    } else {
        Locality::Remote
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_localhost_are_local_everything_else_remote() {
        for u in [
            "http://127.0.0.1:11434/v1",
            "http://127.8.9.1/v1",
            "http://localhost:1234/v1",
            "http://LOCALHOST./v1",
            "http://[::1]:8080/v1",
            "http://[::ffff:127.0.0.1]/v1",
        ] {
            assert_eq!(locality(u), Locality::Local, "{u}");
        }
        for u in [
            "https://api.deepseek.com/v1",
            "http://192.168.1.20:11434/v1",
            "http://10.0.0.1/v1",
            "http://localhost.evil.com/v1",
            "http://127.0.0.1.nip.io/v1",
            "not a url",
        ] {
            assert_eq!(locality(u), Locality::Remote, "{u}");
        }
    }

    #[test]
    fn addresses_are_normalised_and_keys_in_them_refused() {
        assert_eq!(
            normalise(" http://127.0.0.1:11434/v1/ ").ok().as_deref(),
            Some("http://127.0.0.1:11434/v1")
        );
        assert!(normalise("https://user:sk-123@api.example.com/v1").is_err());
        assert!(normalise("ftp://example.com").is_err());
        assert!(normalise("127.0.0.1:8080").is_err());
        for p in Preset::ALL {
            assert_eq!(Preset::from_id(p.id()), Some(p));
            if let Some(u) = p.url() {
                assert_eq!(locality(u), Locality::Local);
            }
        }
    }
}
