//! Injected faults: the `[[faults]]` tables of a scenario.
//!
//! In TOML a fault is flat (`kind = "permission_denied"`, `scope = "…"`, `path`, `count`, …). In
//! Rust the kind-specific data lives in [`FaultKind`] (a `PermissionDenied` carries its scope),
//! so [`Fault`] keeps the same fields it always had. The mapping between the two goes through
//! [`RawFault`], which also rejects unknown keys and a `scope` on any other kind.

use serde::{Deserialize, Serialize};

/// An injected fault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawFault", into = "RawFault")]
pub struct Fault {
    pub kind: FaultKind,
    /// Applies only to requests whose documented path (without the `/oapi`, `/api`, `/login`
    /// prefix) contains this substring. Absent = every path.
    pub path: Option<String>,
    /// How many times the fault fires. Absent = always.
    pub count: Option<u32>,
    /// `html_proxy_page` only: HTTP status of the page (default 200; 502 is also realistic).
    pub status: Option<u16>,
    /// `token_expiry` only: a token expires once it has been used this many times (default 0 =
    /// the first use already finds it expired).
    pub after_uses: u32,
    /// `timeout` only: how long to hang, in seconds (default 120, or until shutdown).
    pub hang_secs: Option<u64>,
}

/// What kind of fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// Hang longer than any sane client timeout.
    Timeout,
    /// HTTP 500 from the gateway.
    Http500,
    /// HTTP 502 Bad Gateway (an HTML gateway page).
    Http502,
    /// An HTML corporate-proxy login page instead of JSON.
    HtmlProxyPage,
    /// The per-app, per-API QPS limit (old 90018 / new `QpsLimitForAppkeyAndApi`).
    RateLimit,
    /// App access tokens expire (old 42001, 88/42001 on topapi / new `InvalidAuthentication`).
    TokenExpiry,
    /// An undocumented code in the path's family: old `errcode 8888888` (88-wrapped on topapi),
    /// new 403 `Forbidden.Unrecognised`.
    UnknownError,
    /// The path's family's missing-permission error for `scope`: old 60011 (88/60011 on
    /// topapi), new 403 `AccessTokenPermissionDenied` with `requiredScopes`.
    PermissionDenied { scope: String },
    /// A server-side failure: new 500 `systemError` 系统错误, old plain `errcode -1` 系统繁忙.
    ServerError,
}

/// The TOML names of the kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindName {
    Timeout,
    #[serde(rename = "http_500")]
    Http500,
    #[serde(rename = "http_502")]
    Http502,
    HtmlProxyPage,
    RateLimit,
    TokenExpiry,
    UnknownError,
    PermissionDenied,
    ServerError,
}

/// A fault as written in TOML.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFault {
    kind: KindName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default)]
    after_uses: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hang_secs: Option<u64>,
    /// `permission_denied` only (required there): the permission point the error names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
}

impl TryFrom<RawFault> for Fault {
    type Error = String;

    fn try_from(raw: RawFault) -> Result<Self, String> {
        let kind = match (raw.kind, raw.scope) {
            (KindName::PermissionDenied, Some(scope)) if !scope.trim().is_empty() => {
                FaultKind::PermissionDenied { scope }
            }
            (KindName::PermissionDenied, _) => {
                return Err("a permission_denied fault needs a non-empty `scope`".into())
            }
            (_, Some(_)) => return Err("`scope` applies only to permission_denied faults".into()),
            (KindName::Timeout, None) => FaultKind::Timeout,
            (KindName::Http500, None) => FaultKind::Http500,
            (KindName::Http502, None) => FaultKind::Http502,
            (KindName::HtmlProxyPage, None) => FaultKind::HtmlProxyPage,
            (KindName::RateLimit, None) => FaultKind::RateLimit,
            (KindName::TokenExpiry, None) => FaultKind::TokenExpiry,
            (KindName::UnknownError, None) => FaultKind::UnknownError,
            (KindName::ServerError, None) => FaultKind::ServerError,
        };
        Ok(Self {
            kind,
            path: raw.path,
            count: raw.count,
            status: raw.status,
            after_uses: raw.after_uses,
            hang_secs: raw.hang_secs,
        })
    }
}

impl From<Fault> for RawFault {
    fn from(f: Fault) -> Self {
        let (kind, scope) = match f.kind {
            FaultKind::Timeout => (KindName::Timeout, None),
            FaultKind::Http500 => (KindName::Http500, None),
            FaultKind::Http502 => (KindName::Http502, None),
            FaultKind::HtmlProxyPage => (KindName::HtmlProxyPage, None),
            FaultKind::RateLimit => (KindName::RateLimit, None),
            FaultKind::TokenExpiry => (KindName::TokenExpiry, None),
            FaultKind::UnknownError => (KindName::UnknownError, None),
            FaultKind::PermissionDenied { scope } => (KindName::PermissionDenied, Some(scope)),
            FaultKind::ServerError => (KindName::ServerError, None),
        };
        Self {
            kind,
            path: f.path,
            count: f.count,
            status: f.status,
            after_uses: f.after_uses,
            hang_secs: f.hang_secs,
            scope,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_toml_round_trips() {
        let f: Fault =
            toml::from_str("kind = \"permission_denied\"\nscope = \"qyapi_get_member\"\ncount = 1")
                .unwrap();
        assert_eq!(
            f.kind,
            FaultKind::PermissionDenied {
                scope: "qyapi_get_member".into()
            }
        );
        let back: Fault = toml::from_str(&toml::to_string(&f).unwrap()).unwrap();
        assert_eq!(back, f);
        assert!(toml::from_str::<Fault>("kind = \"permission_denied\"").is_err());
        assert!(toml::from_str::<Fault>("kind = \"http_500\"\nscope = \"x\"").is_err());
        assert!(toml::from_str::<Fault>("kind = \"http_500\"\ntypo = 1").is_err());
        let f: Fault = toml::from_str("kind = \"http_500\"").unwrap();
        assert_eq!(f.kind, FaultKind::Http500);
    }
}
