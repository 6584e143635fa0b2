//! One error type for both DingTalk API families (reference §0): the old family answers HTTP 200
//! with a non-zero `errcode`, the new one answers 4xx/5xx with `{code, message, requestid,
//! accessdenieddetail}`. Transport failures (timeout, DNS, TLS) and non-JSON answers (a proxy's HTML
//! page) are errors of their own. What each code *means* to an admin (the diagnosis) is
//! `dingbind-core`'s single table, shared with pasted error texts; the client only knows which
//! answers to retry.

use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// Old family: HTTP 200 (usually) with `errcode != 0`.
    #[error("errcode {errcode}: {errmsg}")]
    Old {
        http_status: u16,
        errcode: i64,
        errmsg: String,
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

static REQUEST_IP: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"request ip=([0-9A-Fa-f.:]+)").expect("regex"));

impl ApiError {
    /// DingTalk says the token is stale: refresh it and retry once (reference §1e).
    pub fn is_token_expired(&self) -> bool {
        match self {
            ApiError::Old { errcode, .. } => matches!(errcode, 88 | 40014 | 42001),
            ApiError::New { code, .. } => code == "InvalidAuthentication",
            _ => false,
        }
    }

    /// DingTalk asks the caller to slow down: back off and retry (reference §13).
    pub fn is_rate_limited(&self) -> bool {
        match self {
            ApiError::Old { errcode, .. } => matches!(errcode, 90018 | 90002 | 90006 | -1),
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
                errcode, errmsg, ..
            } => format!("errcode {errcode}: {errmsg}"),
            ApiError::New {
                http_status,
                code,
                message,
                ..
            } => format!("HTTP {http_status} {code}: {message}"),
            other => other.to_string(),
        }
    }

    /// The caller IP DingTalk saw, from a whitelist error's `request ip=…`.
    pub fn egress_ip(&self) -> Option<String> {
        let text = match self {
            ApiError::Old { errmsg, .. } => errmsg,
            ApiError::New { message, .. } => message,
            _ => return None,
        };
        REQUEST_IP
            .captures(text)
            .map(|c| c[1].trim_end_matches(['.', ',']).to_string())
    }

    pub fn required_scopes(&self) -> &[String] {
        match self {
            ApiError::New {
                required_scopes, ..
            } => required_scopes,
            _ => &[],
        }
    }

    /// The errcode (old) or code (new), as DingTalk wrote it.
    pub fn code(&self) -> Option<String> {
        match self {
            ApiError::Old { errcode, .. } => Some(errcode.to_string()),
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
