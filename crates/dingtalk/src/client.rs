//! The client: credentials, the shared token cache and the retry policy. The token is fetched once
//! and shared by concurrent callers (the lock is held while fetching), cached until `expireIn −
//! 300 s` (as DingTalk's own Stream SDK does), and refreshed once when DingTalk says it expired.
//! Rate-limit answers back off and retry, at most `max_retries` times.

use crate::config::Config;
use crate::error::ApiError;
use crate::http::Http;
use crate::trace::Trace;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// App credentials. `Debug` never prints the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub client_id: String,
    pub client_secret: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

struct CachedToken {
    value: String,
    refresh_at: Instant,
}

pub struct DingTalk {
    pub(crate) http: Http,
    pub(crate) cfg: Config,
    pub(crate) creds: Credentials,
    token: Mutex<Option<CachedToken>>,
}

/// Where a request goes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Base {
    Oapi,
    Api,
}

impl DingTalk {
    pub fn new(cfg: Config, creds: Credentials) -> Result<Self, ApiError> {
        Ok(Self {
            http: Http::new(&cfg)?,
            cfg,
            creds,
            token: Mutex::new(None),
        })
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    pub fn client_id(&self) -> &str {
        &self.creds.client_id
    }

    pub(crate) fn url(&self, base: Base, path: &str) -> String {
        let root = match base {
            Base::Oapi => &self.cfg.endpoints.oapi,
            Base::Api => &self.cfg.endpoints.api,
        };
        format!("{root}{path}")
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        self.http.client()
    }

    /// The app's access token (new family, `/v1.0/oauth2/accessToken`), from cache when fresh.
    pub async fn access_token(&self, trace: &mut Trace) -> Result<String, ApiError> {
        let mut slot = self.token.lock().await;
        if let Some(t) = slot.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.value.clone());
        }
        let body = json!({"appKey": self.creds.client_id, "appSecret": self.creds.client_secret});
        let v = self
            .send(trace, || {
                self.http()
                    .post(self.url(Base::Api, "/v1.0/oauth2/accessToken"))
                    .json(&body)
            })
            .await?;
        let value = v
            .get("accessToken")
            .and_then(Value::as_str)
            .ok_or_else(|| unexpected(&v, "accessToken"))?
            .to_string();
        let expire_in = v.get("expireIn").and_then(Value::as_u64).unwrap_or(7200);
        *slot = Some(CachedToken {
            value: value.clone(),
            refresh_at: Instant::now() + Duration::from_secs(expire_in.saturating_sub(300)),
        });
        Ok(value)
    }

    async fn forget_token(&self, stale: &str) {
        let mut slot = self.token.lock().await;
        if slot.as_ref().is_some_and(|t| t.value == stale) {
            *slot = None;
        }
    }

    async fn backoff(&self, e: &ApiError, retries: &mut u32) -> bool {
        if !e.is_rate_limited() || *retries >= self.cfg.max_retries {
            return false;
        }
        *retries += 1;
        tokio::time::sleep(self.cfg.backoff * 2u32.pow(*retries - 1)).await;
        true
    }

    /// Sends a request that needs no app token, retrying rate-limited answers with back-off.
    pub(crate) async fn send(
        &self,
        trace: &mut Trace,
        make: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Value, ApiError> {
        let mut retries = 0;
        loop {
            match self.http.send(make(), trace).await {
                Err(e) if self.backoff(&e, &mut retries).await => {}
                other => return other,
            }
        }
    }

    /// Calls an API that takes the app token, refreshing the token once if DingTalk says it expired
    /// and backing off on rate limits.
    pub(crate) async fn call(
        &self,
        trace: &mut Trace,
        make: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<Value, ApiError> {
        let mut refreshed = false;
        let mut retries = 0;
        loop {
            let token = self.access_token(trace).await?;
            match self.http.send(make(&token), trace).await {
                Err(e) if e.is_token_expired() && !refreshed => {
                    refreshed = true;
                    self.forget_token(&token).await;
                }
                Err(e) if self.backoff(&e, &mut retries).await => {}
                other => return other,
            }
        }
    }
}

pub(crate) fn unexpected(v: &Value, missing: &str) -> ApiError {
    ApiError::UnexpectedResponse {
        status: 200,
        content_type: "application/json".into(),
        body_start: format!(
            "no `{missing}` in {}",
            crate::trace::truncate(&v.to_string(), 200)
        ),
    }
}
