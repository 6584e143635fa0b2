//! The HTTP core: one request with timeout, classification of transport failures, parsing of both
//! error families, and a redacted [`Exchange`] for every attempt.

use crate::config::Config;
use crate::error::ApiError;
use crate::trace::{redact_body, redact_url, truncate, Exchange, Trace};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::Instant;

/// HTTP clients by extra CA file. Building one sets up the system's certificate verifier (on
/// Linux: reads the CA bundle), which costs tens of milliseconds — a quarter of a whole check run
/// — so one client per process (and CA setup) is shared by every run and every check. Timeouts are
/// set per request, not per client.
static CLIENTS: LazyLock<Mutex<HashMap<Option<PathBuf>, reqwest::Client>>> =
    LazyLock::new(Default::default);

/// The process-wide client for this CA setup: https is verified as [`crate::tls`] says (the OS's
/// trust, plus the extra CA file). reqwest itself is built without roots of its own, so a client
/// that does not come from here trusts no https server at all. Redirects are not followed:
/// DingTalk's APIs never redirect, and a probe of the platform's URL wants to see a redirect, not
/// its target.
pub fn shared_client(extra_ca_file: Option<&Path>) -> Result<reqwest::Client, ApiError> {
    let key = extra_ca_file.map(Path::to_path_buf);
    let mut cache = CLIENTS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = cache.get(&key) {
        return Ok(c.clone());
    }
    let tls = crate::tls::client_config(crate::tls::verifier(extra_ca_file)?)?;
    let client = reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(8))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("dingbind/", env!("CARGO_PKG_VERSION")))
        .use_preconfigured_tls(tls)
        .build()
        .map_err(|e| ApiError::Connect(e.to_string()))?;
    cache.insert(key, client.clone());
    Ok(client)
}

pub struct Http {
    client: reqwest::Client,
    timeout: std::time::Duration,
}

impl Http {
    pub fn new(cfg: &Config) -> Result<Self, ApiError> {
        Ok(Self {
            client: shared_client(cfg.extra_ca_file.as_deref())?,
            timeout: cfg.timeout,
        })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends one request and returns the parsed JSON body of a success.
    pub async fn send(
        &self,
        req: reqwest::RequestBuilder,
        trace: &mut Trace,
    ) -> Result<Value, ApiError> {
        let req = req
            .timeout(self.timeout)
            .build()
            .map_err(|e| ApiError::Connect(e.without_url().to_string()))?;
        let mut ex = Exchange {
            method: req.method().to_string(),
            url: redact_url(req.url()),
            request_body: req
                .body()
                .and_then(|b| b.as_bytes())
                .map(|b| redact_body(&String::from_utf8_lossy(b), true)),
            status: None,
            response_body: None,
            date: None,
            duration_ms: 0,
            error: None,
        };
        let start = Instant::now();
        let result = self.exchange(req, &mut ex).await;
        ex.duration_ms = start.elapsed().as_millis() as u64;
        if let Err(e) = &result {
            ex.error = Some(e.to_string());
        }
        trace.push(ex);
        result
    }

    async fn exchange(&self, req: reqwest::Request, ex: &mut Exchange) -> Result<Value, ApiError> {
        let resp = self
            .client
            .execute(req)
            .await
            .map_err(|e| self.transport(e))?;
        let status = resp.status().as_u16();
        ex.status = Some(status);
        ex.date = resp
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|d| d.to_str().ok())
            .map(str::to_string);
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = resp.text().await.map_err(|e| self.transport(e))?;
        ex.response_body = Some(redact_body(&text, false));
        parse(status, &content_type, &text)
    }

    fn transport(&self, e: reqwest::Error) -> ApiError {
        if e.is_timeout() {
            return ApiError::Timeout(self.timeout.as_millis() as u64);
        }
        // reqwest's message quotes the full URL, secrets (`appsecret=`, `access_token=`) and all;
        // the exchange already holds the redacted URL.
        let e = e.without_url();
        // reqwest's own message is generic; the cause chain says what really happened.
        let mut chain = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            chain.push_str(": ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        let lower = chain.to_lowercase();
        if lower.contains("dns")
            || lower.contains("lookup address")
            || lower.contains("name or service not known")
        {
            ApiError::Dns(chain)
        } else if lower.contains("certificate")
            || lower.contains("ssl")
            || lower.contains("tls")
            || lower.contains("handshake")
        {
            ApiError::Tls(chain)
        } else if lower.contains("timed out") {
            ApiError::Timeout(self.timeout.as_millis() as u64)
        } else {
            ApiError::Connect(chain)
        }
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(str::to_string)
}

/// A field DingTalk writes as a string or a number (`sub_code` is `"60011"` in captured bodies).
fn code_field(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match v.get(*k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Turns a response into a success body or the family's error: the old family is recognised by
/// `errcode`, the new one by an error status with a `code`.
pub fn parse(status: u16, content_type: &str, text: &str) -> Result<Value, ApiError> {
    let json: Option<Value> = serde_json::from_str(text)
        .ok()
        .filter(|v: &Value| v.is_object());
    let Some(v) = json else {
        let body_start = truncate(text.trim(), 300);
        // A gateway's 5xx page is about the status; any other non-JSON answer (a proxy's login
        // page, a captive portal) is an unexpected response.
        let html = content_type.contains("html") || text.trim_start().starts_with('<');
        return Err(if status < 500 && ((200..300).contains(&status) || html) {
            ApiError::UnexpectedResponse {
                status,
                content_type: content_type.to_string(),
                body_start,
            }
        } else {
            ApiError::HttpStatus { status, body_start }
        });
    };
    // The per-IP ban answers `{"status":1111,"wait":5,"source":"x5","punish":"deny"}`
    // (docs/dingtalk/limits.md).
    if v.get("punish").is_some() && v.get("source").is_some() {
        return Err(ApiError::HttpStatus {
            status: if status == 200 { 429 } else { status },
            body_start: truncate(text, 300),
        });
    }
    if let Some(errcode) = v.get("errcode").and_then(Value::as_i64) {
        if errcode != 0 {
            let errmsg = str_field(&v, "errmsg").unwrap_or_default();
            let (sub_code, sub_msg) = crate::wire::sub_error(
                code_field(&v, &["sub_code", "subCode"]),
                code_field(&v, &["sub_msg", "subMsg"]),
                &errmsg,
            );
            return Err(ApiError::Old {
                http_status: status,
                errcode,
                errmsg,
                sub_code,
                sub_msg,
                request_id: str_field(&v, "request_id"),
            });
        }
        if (200..300).contains(&status) {
            return Ok(v);
        }
    }
    if status >= 400 {
        if let Some(code) = str_field(&v, "code") {
            let required_scopes = v
                .pointer("/accessdenieddetail/requiredScopes")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            return Err(ApiError::New {
                http_status: status,
                code,
                message: str_field(&v, "message").unwrap_or_default(),
                request_id: str_field(&v, "requestid"),
                required_scopes,
            });
        }
        return Err(ApiError::HttpStatus {
            status,
            body_start: truncate(text, 300),
        });
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_families_and_non_json() {
        let e = parse(200, "application/json", r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip=120.230.136.230 appKey(ding4vzvutha4q5gtg9q)"}"#).unwrap_err();
        assert_eq!(e.egress_ip().as_deref(), Some("120.230.136.230"));
        let e = parse(403, "application/json", r#"{"code":"Forbidden.AccessDenied.AccessTokenPermissionDenied","requestid":"MASK","message":"没有调用该接口的权限","accessdenieddetail":{"requiredScopes":["Contact.User.Read"]}}"#).unwrap_err();
        assert_eq!(e.required_scopes(), ["Contact.User.Read".to_string()]);
        let e = parse(200, "application/json", r#"{"errcode":88,"sub_code":"60011","sub_msg":"应用尚未开通所需的权限：[qyapi_get_member]","errmsg":"ding talk error[subcode=60011,submsg=应用尚未开通所需的权限：[qyapi_get_member]]","request_id":"x"}"#).unwrap_err();
        assert_eq!(e.old_code(), Some(60011));
        assert!(!e.is_token_expired());
        assert_eq!(e.required_scopes(), ["qyapi_get_member".to_string()]);
        let e = parse(200, "text/html", "<html><title>Proxy login</title></html>").unwrap_err();
        assert!(
            matches!(e, ApiError::UnexpectedResponse { ref body_start, .. } if body_start.starts_with("<html>"))
        );
        assert!(parse(
            200,
            "application/json",
            r#"{"errcode":0,"result":{"count":3}}"#
        )
        .is_ok());
    }
}
