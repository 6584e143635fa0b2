//! The "gateway" in front of every endpoint: request log, latency, injected faults, the `Date`
//! header (with optional clock skew) and the answers for unknown paths.
//!
//! Faults are answered here before any endpoint runs ([`crate::faults`]). The token-expiry fault
//! needs a token, so it lives in authentication
//! ([`crate::state::SimState::authenticate_app`]) instead.
//!
//! Unknown paths answer as each real host does (`docs/dingtalk/errors.md`):
//! * old host: HTTP 200 `errcode 22` "不合法ApiName" (PROBE P14);
//! * new host, under a version (`/v1.0/…`): 404 `InvalidAction.NotFound` (GH CowAgent#2490);
//! * new host, without a version (`/oauth2/corpAccessToken`): HTTP 200
//!   `{"errcode":404,"errmsg":"请求的URI地址不存在"}` (PROBE P12). Splitting on the version prefix
//!   is our reading of the two observations, which used exactly those path shapes; UNCONFIRMED;
//! * login host and unprefixed paths: the gateway's HTML 404 page.

use std::time::{Duration, SystemTime};

use axum::extract::{OriginalUri, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rand::Rng;
use serde_json::json;

use crate::auth::{query_param, TOKEN_HEADER};
use crate::dingtalk_errors::{ApiError, OapiError};
use crate::faults;
use crate::pages;
use crate::requests::{ApiFamily, RequestRecord};
use crate::state::Shared;

/// The middleware wrapped around the whole router.
pub async fn gateway(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let (family, api_path) = ApiFamily::classify(&path);
    let api_path = api_path.to_owned();
    let index = state.log_arrival(RequestRecord {
        method: req.method().to_string(),
        path: path.clone(),
        api_path: api_path.clone(),
        query: req.uri().query().map(str::to_owned),
        family,
        at: SystemTime::now(),
        status: None,
    });

    let scenario = state.scenario();
    // Counted on arrival, as the caller paced it; the answer still takes the latency.
    let throttled = over_limit(&state, &req, family, &api_path);
    let delay = scenario.latency_ms
        + match scenario.latency_jitter_ms {
            0 => 0,
            j => rand::thread_rng().gen_range(0..=j),
        };
    if delay > 0 {
        state.sleep(Duration::from_millis(delay)).await;
    }
    // A refused call uses up no fault.
    let fault = (!throttled)
        .then(|| {
            state
                .store()
                .take_fault(&scenario, &api_path, |f| faults::at_gateway(f, family))
        })
        .flatten();
    let mut response = match fault {
        _ if throttled => match family {
            ApiFamily::Oapi => OapiError::RateLimited.on_path(&api_path).into_response(),
            _ => ApiError::qps_limit().into_response(),
        },
        Some(fault) => {
            let client_id = caller_client_id(&state, &req, family);
            faults::respond(&state, &fault, family, &api_path, &client_id).await
        }
        None => next.run(req).await,
    };

    set_date(&mut response, scenario.clock_skew_secs);
    state.log_status(index, response.status().as_u16());
    response
}

/// Replace the `Date` header with the simulator's clock shifted by the scenario's skew.
/// (hyper only adds its own `Date` when the response has none.)
fn set_date(response: &mut Response, skew_secs: i64) {
    let now = SystemTime::now();
    let skew = Duration::from_secs(skew_secs.unsigned_abs());
    let shifted = if skew_secs >= 0 {
        now.checked_add(skew)
    } else {
        now.checked_sub(skew)
    }
    .unwrap_or(now);
    if let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(shifted)) {
        response.headers_mut().insert(header::DATE, value);
    }
}

/// Whether an app-token call goes over the scenario's `qps_per_api` (per app and per API, DOCS
/// 1433). Calls without a known app token (the token endpoints, the login page) are not limited.
fn over_limit(state: &Shared, req: &Request, family: ApiFamily, api_path: &str) -> bool {
    let Some(limit) = state.scenario().qps_per_api else {
        return false;
    };
    if !matches!(family, ApiFamily::Oapi | ApiFamily::Api) {
        return false;
    }
    match token_client(state, req, family) {
        Some(client_id) => !state.admit(&client_id, api_path, limit),
        None => false,
    }
}

/// The Client ID behind the request's app token, if the token is known.
fn token_client(state: &Shared, req: &Request, family: ApiFamily) -> Option<String> {
    let token = match family {
        ApiFamily::Oapi => query_param(req.uri(), "access_token"),
        _ => req
            .headers()
            .get(TOKEN_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    token.and_then(|t| state.store().app_token_client(&t))
}

/// The Client ID behind the request's app token, for faults that name it (the apply link of a
/// permission error). Without a known token: the scenario's first app.
fn caller_client_id(state: &Shared, req: &Request, family: ApiFamily) -> String {
    token_client(state, req, family)
        .or_else(|| state.scenario().apps.first().map(|a| a.client_id.clone()))
        .unwrap_or_default()
}

/// The documented path of a request (`/oapi/topapi/x` → `/topapi/x`).
fn api_path_of(uri: &OriginalUri) -> String {
    ApiFamily::classify(uri.path()).1.to_owned()
}

/// Unknown old-family path: HTTP 200 `errcode 22` (PROBE P14).
pub async fn not_found_oapi(uri: OriginalUri) -> Response {
    OapiError::InvalidMethod {
        path: api_path_of(&uri),
    }
    .into_response()
}

/// Unknown new-family path: 404 `InvalidAction.NotFound` under a version prefix, else the
/// HTTP 200 `{"errcode":404,"errmsg":"请求的URI地址不存在"}` of PROBE P12 (which shows no
/// `request_id`).
pub async fn not_found_api(uri: OriginalUri) -> Response {
    if is_versioned(&api_path_of(&uri)) {
        ApiError::unknown_api().into_response()
    } else {
        Json(json!({ "errcode": 404, "errmsg": "请求的URI地址不存在" })).into_response()
    }
}

/// `/v1.0/…`, `/v2.0/…`.
fn is_versioned(path: &str) -> bool {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    first
        .strip_prefix('v')
        .and_then(|v| v.split_once('.'))
        .is_some_and(|(major, minor)| {
            !major.is_empty()
                && !minor.is_empty()
                && major
                    .bytes()
                    .chain(minor.bytes())
                    .all(|b| b.is_ascii_digit())
        })
}

/// 404 for unknown login-host or unprefixed paths: the gateway's HTML page.
pub async fn not_found_page() -> Response {
    pages::gateway_page(StatusCode::NOT_FOUND)
}

#[cfg(test)]
mod tests {
    use super::is_versioned;

    #[test]
    fn version_prefixes() {
        assert!(is_versioned("/v1.0/nope"));
        assert!(is_versioned("/v2.0/x/y"));
        assert!(!is_versioned("/oauth2/corpAccessToken"));
        assert!(!is_versioned("/v1/x"));
        assert!(!is_versioned("/"));
    }
}
