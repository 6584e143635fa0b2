//! The URL layout (one server, three path prefixes) and the request log tests read.
//!
//! * `/oapi/...`  — the old family, as on `https://oapi.dingtalk.com` (`/oapi/gettoken`, …)
//! * `/api/...`   — the new family, as on `https://api.dingtalk.com` (`/api/v1.0/...`)
//! * `/login/...` — the login host, as on `https://login.dingtalk.com` (`/login/oauth2/auth`)
//!
//! Separate prefixes (rather than serving everything at `/`) mean a client that sends a request
//! to the wrong base URL gets the real host's unknown-path answer (errcode 22 on the old host,
//! `InvalidAction.NotFound` or errcode 404 on the new one, see [`crate::gateway`]).

use std::time::SystemTime;

/// Path prefix of the old (`oapi.dingtalk.com`) family.
pub const OAPI_PREFIX: &str = "/oapi";
/// Path prefix of the new (`api.dingtalk.com`) family.
pub const API_PREFIX: &str = "/api";
/// Path prefix of the login host (`login.dingtalk.com`).
pub const LOGIN_PREFIX: &str = "/login";

/// Which DingTalk host a request was addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiFamily {
    /// Old family: `errcode`/`errmsg`, HTTP 200 on errors.
    Oapi,
    /// New family: `code`/`message`, HTTP 4xx on errors.
    Api,
    /// The browser-facing login page.
    Login,
    /// None of the three prefixes.
    Unknown,
}

impl ApiFamily {
    /// Split a request path into its family and the documented path DingTalk would see
    /// (`/oapi/topapi/user/count` → (`Oapi`, `/topapi/user/count`)).
    pub fn classify(path: &str) -> (ApiFamily, &str) {
        for (prefix, family) in [
            (OAPI_PREFIX, ApiFamily::Oapi),
            (API_PREFIX, ApiFamily::Api),
            (LOGIN_PREFIX, ApiFamily::Login),
        ] {
            if let Some(rest) = path.strip_prefix(prefix) {
                if rest.is_empty() || rest.starts_with('/') {
                    return (family, rest);
                }
            }
        }
        (ApiFamily::Unknown, path)
    }
}

/// One request the simulator received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    /// The path as received, with prefix (`/oapi/gettoken`).
    pub path: String,
    /// The documented path, without prefix (`/gettoken`).
    pub api_path: String,
    /// The raw query string, if any (it may contain secrets; this is a test log).
    pub query: Option<String>,
    pub family: ApiFamily,
    /// When the request arrived (simulator clock, not the skewed `Date`).
    pub at: SystemTime,
    /// Status of the answer; `None` while the request is still being handled (or hangs).
    pub status: Option<u16>,
}
