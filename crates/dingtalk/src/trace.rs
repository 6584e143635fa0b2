//! A record of each HTTP exchange, for the check inspector: what was sent and what came back,
//! with every secret and token redacted before it is stored (not when it is shown), so nothing
//! downstream — UI, report, log — can leak one.

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exchange {
    pub method: String,
    /// The URL with secret query values replaced by `***`.
    pub url: String,
    pub request_body: Option<String>,
    pub status: Option<u16>,
    pub response_body: Option<String>,
    /// The response's `Date` header (the clock-skew check reads it).
    pub date: Option<String>,
    pub duration_ms: u64,
    pub error: Option<String>,
}

/// The exchanges of one logical call (token fetches and retries included).
pub type Trace = Vec<Exchange>;

const MAX_BODY: usize = 4096;

/// Keys whose values are secrets, tokens or tickets, in either family's spelling. In a request, `code` is
/// a login auth code (a credential); in a response it is the error code, which must stay.
fn is_secret_key(key: &str, request: bool) -> bool {
    let k = key.to_ascii_lowercase();
    let secret = k.contains("secret")
        || k.contains("token")
        || k.contains("authcode")
        || k == "tmp_auth_code"
        // The Stream gateway's one-time connection ticket (docs/dingtalk/endpoints.md#stream-gateway).
        || k == "ticket";
    (secret || request && k == "code") && k != "requestid" && k != "request_id"
}

fn redact_json(v: &mut Value, request: bool) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                if is_secret_key(k, request) && (val.is_string() || val.is_number()) {
                    *val = Value::String("***".into());
                } else {
                    redact_json(val, request);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| redact_json(i, request)),
        _ => {}
    }
}

/// Redacts a body: JSON by key; anything else (an HTML page) is kept, truncated.
pub fn redact_body(body: &str, request: bool) -> String {
    let out = match serde_json::from_str::<Value>(body) {
        Ok(mut v) => {
            redact_json(&mut v, request);
            v.to_string()
        }
        Err(_) => body.to_string(),
    };
    truncate(&out, MAX_BODY)
}

pub fn redact_url(url: &url::Url) -> String {
    let mut u = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if is_secret_key(&k, true) {
                "***".to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    if pairs.is_empty() {
        return u.to_string();
    }
    u.query_pairs_mut().clear().extend_pairs(pairs);
    u.to_string().replace("%2A%2A%2A", "***")
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_gone() {
        let url =
            url::Url::parse("https://oapi.dingtalk.com/gettoken?appkey=dingabc&appsecret=S3CR3T")
                .unwrap();
        assert_eq!(
            redact_url(&url),
            "https://oapi.dingtalk.com/gettoken?appkey=dingabc&appsecret=***"
        );
        let body = redact_body(
            r#"{"appKey":"dingabc","appSecret":"S3CR3T","nested":{"accessToken":"T0K"},"requestid":"r1"}"#,
            true,
        );
        assert!(
            !body.contains("S3CR3T")
                && !body.contains("T0K")
                && body.contains("r1")
                && body.contains("dingabc")
        );
    }
}
