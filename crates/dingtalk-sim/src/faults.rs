//! What an injected fault answers (`[[faults]]`, see [`crate::scenario::FaultKind`]).
//!
//! Transport faults (hang, 500/502 HTML page, proxy page) answer the same on every host. The
//! JSON faults answer in the family of the path they hit, the way that family's gateway would
//! word them (`docs/dingtalk/errors.md`):
//!
//! | kind | old family (HTTP 200) | new family |
//! |---|---|---|
//! | `rate_limit` | 90018 (DOCS 1433), 88-wrapped on topapi like the observed 88/90002 | 403 `QpsLimitForAppkeyAndApi` (DOCS 0013) |
//! | `unknown_error` | 8888888, 88-wrapped on topapi | 403 `Forbidden.Unrecognised` |
//! | `permission_denied` | 60011 naming the scope, 88-wrapped on topapi (LIVE-88) | 403 `AccessTokenPermissionDenied` + `requiredScopes` (GH casdoor#4469) |
//! | `server_error` | -1 系统繁忙, plain (DOCS 0013) | 500 `systemError` 系统错误 (DOCS API error tables) |
//!
//! `unknown_error` is deliberately undocumented: it exists to exercise a client's fallback.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::dingtalk_errors::{ApiError, OapiError};
use crate::pages;
use crate::requests::ApiFamily;
use crate::scenario::{Fault, FaultKind};
use crate::state::Shared;

/// How long a `timeout` fault hangs unless the scenario says otherwise.
const DEFAULT_HANG: Duration = Duration::from_secs(120);

/// Whether the gateway answers this fault for a request of this family. JSON API answers make no
/// sense on the login page; the token-expiry fault is decided during authentication.
pub fn at_gateway(fault: &Fault, family: ApiFamily) -> bool {
    match fault.kind {
        FaultKind::TokenExpiry => false,
        FaultKind::RateLimit
        | FaultKind::UnknownError
        | FaultKind::PermissionDenied { .. }
        | FaultKind::ServerError => matches!(family, ApiFamily::Oapi | ApiFamily::Api),
        FaultKind::Timeout | FaultKind::Http500 | FaultKind::Http502 | FaultKind::HtmlProxyPage => {
            true
        }
    }
}

/// The fault's answer. `client_id` is the caller's app (for the apply link of a permission
/// error).
pub async fn respond(
    state: &Shared,
    fault: &Fault,
    family: ApiFamily,
    api_path: &str,
    client_id: &str,
) -> Response {
    let old = family == ApiFamily::Oapi;
    match &fault.kind {
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
        FaultKind::RateLimit if old => OapiError::RateLimited.on_path(api_path).into_response(),
        FaultKind::RateLimit => ApiError::qps_limit().into_response(),
        FaultKind::UnknownError if old => OapiError::Unrecognised.on_path(api_path).into_response(),
        FaultKind::UnknownError => ApiError::unrecognised().into_response(),
        FaultKind::PermissionDenied { scope } if old => OapiError::no_permission(scope, client_id)
            .on_path(api_path)
            .into_response(),
        FaultKind::PermissionDenied { scope } => {
            ApiError::permission_denied(scope, client_id).into_response()
        }
        FaultKind::ServerError if old => OapiError::SystemBusy.into_response(),
        FaultKind::ServerError => ApiError::system_error().into_response(),
        // Never selected here (see `at_gateway`); answer like an expired token anyway.
        FaultKind::TokenExpiry => ApiError::invalid_authentication().into_response(),
    }
}
