//! One error type for both DingTalk API families (docs/dingtalk/errors.md): the old family answers
//! HTTP 200 with a non-zero `errcode` — on `topapi/*` often `88` wrapping the real code in
//! `sub_code`/`sub_msg` — and the new one answers 4xx/5xx with `{code, message, requestid,
//! accessdenieddetail}`. Transport failures (timeout, DNS, TLS) and non-JSON answers (a proxy's HTML
//! page) are errors of their own. What each code *means* to an admin (the diagnosis) is
//! `dingbind-core`'s single table, shared with pasted error texts; the client only knows which
//! answers to retry and what the texts name ([`crate::wire`]).

use crate::wire;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// Old family: HTTP 200 (usually) with `errcode != 0`. `sub_code`/`sub_msg` are the real
    /// code and text behind an `errcode 88` (read from the body's fields or from `errmsg`).
    #[error("{}", self.original())]
    Old {
        http_status: u16,
        errcode: i64,
        errmsg: String,
        sub_code: Option<String>,
        sub_msg: Option<String>,
        request_id: Option<String>,
    },
    /// New family: 4xx/5xx with a string `code`.
    #[error("HTTP {http_status} {code}: {message}")]
    New {
        http_status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
        required_scopes: Vec<String>,
    },
    /// An HTTP error status with a body that is neither family's JSON.
    #[error("HTTP {status}: {body_start}")]
    HttpStatus { status: u16, body_start: String },
    /// 2xx but not the JSON expected: an HTML proxy or captive page, say.
    #[error("unexpected response (HTTP {status}, {content_type}): {body_start}")]
    UnexpectedResponse {
        status: u16,
        content_type: String,
        body_start: String,
    },
    #[error("timed out after {0} ms")]
    Timeout(u64),
    #[error("DNS lookup failed: {0}")]
    Dns(String),
    #[error("TLS failed: {0}")]
    Tls(String),
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("cancelled")]
    Cancelled,
}

impl ApiError {
    /// The old family's deciding code: the `sub_code` behind an `errcode 88` wrapper when it has
    /// one, else the errcode. `None` for other errors.
    pub fn old_code(&self) -> Option<i64> {
        match self {
            ApiError::Old {
                errcode: 88,
                sub_code: Some(sub),
                ..
            } => Some(sub.trim().parse().unwrap_or(88)),
            ApiError::Old { errcode, .. } => Some(*errcode),
            _ => None,
        }
    }

    /// DingTalk says the token is stale: refresh it and retry once (docs/dingtalk/errors.md). A
    /// bare 88 counts; an 88 wrapping a permission or whitelist refusal does not.
    pub fn is_token_expired(&self) -> bool {
        match self {
            ApiError::Old { .. } => matches!(self.old_code(), Some(88 | 40014 | 42001)),
            ApiError::New { code, .. } => code == "InvalidAuthentication",
            _ => false,
        }
    }

    /// DingTalk asks the caller to slow down: back off and retry (docs/dingtalk/limits.md).
    pub fn is_rate_limited(&self) -> bool {
        match self {
            ApiError::Old { .. } => matches!(self.old_code(), Some(90018 | 90002 | 90006 | -1)),
            ApiError::New { code, .. } => {
                code.starts_with("Forbidden.AccessDenied.Qps")
                    || code.starts_with("Forbidden.AccessDenied.Qpm")
            }
            ApiError::HttpStatus { status, .. } => *status == 429,
            _ => false,
        }
    }

    /// DingTalk's own words (原话), for the admin and for support.
    pub fn original(&self) -> String {
        match self {
            ApiError::Old {
                errcode,
                errmsg,
                sub_code,
                sub_msg,
                ..
            } => {
                let mut s = format!("errcode {errcode}");
                if let Some(sub) = sub_code {
                    s.push_str(&format!(" (sub_code {sub})"));
                }
                s.push_str(": ");
                s.push_str(errmsg);
                if let Some(m) = sub_msg.as_deref().filter(|m| !errmsg.contains(m)) {
                    s.push_str(if errmsg.is_empty() { "" } else { " | " });
                    s.push_str(m);
                }
                s
            }
            ApiError::New {
                http_status,
                code,
                message,
                ..
            } => format!("HTTP {http_status} {code}: {message}"),
            other => other.to_string(),
        }
    }

    /// Everything DingTalk said in words: `errmsg` and `sub_msg`, or `message`.
    pub fn text(&self) -> String {
        match self {
            ApiError::Old {
                errmsg, sub_msg, ..
            } => match sub_msg {
                Some(m) if !errmsg.contains(m.as_str()) => format!("{errmsg} {m}"),
                _ => errmsg.clone(),
            },
            ApiError::New { message, .. } => message.clone(),
            _ => String::new(),
        }
    }

    /// The caller IP DingTalk saw, from a whitelist error's `request ip=…`.
    pub fn egress_ip(&self) -> Option<String> {
        wire::egress_ip(&self.text())
    }

    /// The permission codes DingTalk says are missing: `accessdenieddetail.requiredScopes`, then
    /// those its text names (`[scope]`, `{requiredScopes=[…]}`, the apply link).
    pub fn required_scopes(&self) -> Vec<String> {
        let mut out = match self {
            ApiError::New {
                required_scopes, ..
            } => required_scopes.clone(),
            _ => Vec::new(),
        };
        for s in wire::required_scopes(&self.text()) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The errcode (old; the wrapped `sub_code` after an 88) or code (new), as DingTalk wrote it.
    pub fn code(&self) -> Option<String> {
        match self {
            ApiError::Old { .. } => self.old_code().map(|c| c.to_string()),
            ApiError::New { code, .. } => Some(code.clone()),
            _ => None,
        }
    }

    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::Old { http_status, .. } | ApiError::New { http_status, .. } => {
                Some(*http_status)
            }
            ApiError::HttpStatus { status, .. } | ApiError::UnexpectedResponse { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }
}
