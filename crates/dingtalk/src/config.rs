//! Where DingTalk is and how to reach it. Base URLs come from `DINGBIND_OAPI_URL`,
//! `DINGBIND_API_URL` and `DINGBIND_LOGIN_URL` (corporate gateways, the simulator, tests);
//! `HTTPS_PROXY`/`NO_PROXY` are honoured by the HTTP stack; `DINGBIND_CA_FILE` adds a PEM CA on top
//! of the system's trust ([`crate::tls`]) for corporate TLS-inspecting proxies.

use std::path::PathBuf;
use std::time::Duration;

pub const OAPI_ENV: &str = "DINGBIND_OAPI_URL";
pub const API_ENV: &str = "DINGBIND_API_URL";
pub const LOGIN_ENV: &str = "DINGBIND_LOGIN_URL";
pub const CA_FILE_ENV: &str = "DINGBIND_CA_FILE";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Old family, `https://oapi.dingtalk.com`.
    pub oapi: String,
    /// New family, `https://api.dingtalk.com`.
    pub api: String,
    /// Web login, `https://login.dingtalk.com`.
    pub login: String,
}

impl Default for Endpoints {
    fn default() -> Self {
        Self {
            oapi: "https://oapi.dingtalk.com".into(),
            api: "https://api.dingtalk.com".into(),
            login: "https://login.dingtalk.com".into(),
        }
    }
}

fn base(var: &str, default: String) -> String {
    std::env::var(var)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or(default)
        .trim()
        .trim_end_matches('/')
        .to_string()
}

impl Endpoints {
    pub fn from_env() -> Self {
        let d = Self::default();
        Self {
            oapi: base(OAPI_ENV, d.oapi),
            api: base(API_ENV, d.api),
            login: base(LOGIN_ENV, d.login),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub endpoints: Endpoints,
    /// Per request.
    pub timeout: Duration,
    /// Attempts after a rate-limit answer, with growing back-off.
    pub max_retries: u32,
    pub backoff: Duration,
    pub extra_ca_file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            endpoints: Endpoints::default(),
            timeout: Duration::from_secs(8),
            max_retries: 3,
            backoff: Duration::from_millis(250),
            extra_ca_file: None,
        }
    }
}

impl Config {
    pub fn from_env() -> Self {
        Self {
            endpoints: Endpoints::from_env(),
            extra_ca_file: std::env::var_os(CA_FILE_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            ..Self::default()
        }
    }
}
