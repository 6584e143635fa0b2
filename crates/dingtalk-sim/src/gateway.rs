//! The "gateway" in front of every endpoint: request log, latency, transport faults, the `Date`
//! header (with optional clock skew) and 404s for unknown paths.
//!
//! Faults that a real network or gateway would cause (hang, 500, 502, proxy HTML page, QPS limit)
//! are answered here before any endpoint runs. The token-expiry fault needs a token, so it lives
//! in authentication ([`crate::state::SimState::authenticate_app`]) instead.

use std::time::{Duration, SystemTime};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::dingtalk_errors::{ApiError, OapiError};
use crate::pages;
use crate::requests::{ApiFamily, RequestRecord};
use crate::scenario::{Fault, FaultKind};
use crate::state::Shared;

/// How long a `timeout` fault hangs unless the scenario says otherwise.
const DEFAULT_HANG: Duration = Duration::from_secs(120);

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
    if scenario.latency_ms > 0 {
        state
            .sleep(Duration::from_millis(scenario.latency_ms))
            .await;
    }
    let fault = state
        .store()
        .take_fault(&scenario, &api_path, |f| is_gateway_fault(f, family));
    let mut response = match fault {
        Some(fault) => fault_response(&state, &fault, family).await,
        None => next.run(req).await,
    };

    set_date(&mut response, scenario.clock_skew_secs);
    state.log_status(index, response.status().as_u16());
    response
}

/// Faults answered by the gateway. A QPS limit is a JSON API answer, so not on the login page.
fn is_gateway_fault(fault: &Fault, family: ApiFamily) -> bool {
    match fault.kind {
        FaultKind::TokenExpiry => false,
        FaultKind::RateLimit => matches!(family, ApiFamily::Oapi | ApiFamily::Api),
        _ => true,
    }
}

async fn fault_response(state: &Shared, fault: &Fault, family: ApiFamily) -> Response {
    match fault.kind {
        FaultKind::Timeout => {
            let hang = fault.hang_secs.map_or(DEFAULT_HANG, Duration::from_secs);
            state.sleep(hang).await;
            pages::gateway_page(StatusCode::GATEWAY_TIMEOUT)
        }
        FaultKind::Http500 => pages::gateway_page(StatusCode::INTERNAL_SERVER_ERROR),
        FaultKind::Http502 => pages::gateway_page(StatusCode::BAD_GATEWAY),
        FaultKind::HtmlProxyPage => {
            let status = fault
                .status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::OK);
            pages::proxy_login_page(status)
        }
        FaultKind::RateLimit if family == ApiFamily::Oapi => OapiError::RateLimited.into_response(),
        FaultKind::RateLimit => ApiError::qps_limit().into_response(),
        // Never selected here (see `is_gateway_fault`); answer like an expired token anyway.
        FaultKind::TokenExpiry => ApiError::invalid_authentication().into_response(),
    }
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

/// 404 for unknown old-family, login or unprefixed paths: the gateway's HTML page.
pub async fn not_found_page() -> Response {
    pages::gateway_page(StatusCode::NOT_FOUND)
}

/// 404 for unknown new-family paths: the observed `InvalidAction.NotFound` JSON.
pub async fn not_found_api() -> Response {
    ApiError::unknown_api().into_response()
}
