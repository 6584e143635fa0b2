//! Request extractors that authenticate a caller the way each family does, and word failures in
//! that family's shape (`docs/dingtalk/errors.md`).
//!
//! * old family: token in `?access_token=`; unknown 40014, expired 42001, IP 60020, missing
//!   permission 60011 (all HTTP 200). On `/topapi/*` these arrive wrapped as `errcode 88` with
//!   `sub_code`/`sub_msg`, and a missing token is 88/40000 (LIVE-88, PROBE P8/P9); elsewhere they
//!   are plain and a missing token is 41001. See [`OapiError::on_path`].
//! * new family: token in the `x-acs-dingtalk-access-token` header; missing header 400
//!   `AuthenticationFailed.MissingParameter` (PROBE P7), unknown/expired 400
//!   `InvalidAuthentication` (PROBE P6), IP 403 `IpNotInWhiteList` (GH aircode#46), missing
//!   permission 403 `AccessTokenPermissionDenied` naming the scope, with `requiredScopes`
//!   (GH casdoor#4469).
//!
//! A token in a POST form body is not read (PROBE P11 says real oapi reads it); UNCONFIRMED
//! whether any client relies on that.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Uri;

use crate::dingtalk_errors::{ApiError, OapiError};
use crate::scenario::{App, Scenario};
use crate::state::{AuthFailure, Authed, Shared};
use crate::store::UserGrant;

/// The new family's token header.
pub const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";

/// A query parameter, URL-decoded.
pub fn query_param(uri: &Uri, name: &str) -> Option<String> {
    let query = uri.query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn header_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// An old-family caller authenticated by `?access_token=`.
pub struct OapiCaller {
    pub scenario: Arc<Scenario>,
    pub app: App,
    pub state: Shared,
    /// The documented path (`/topapi/user/count`): decides 88 wrapping.
    pub api_path: String,
}

impl OapiCaller {
    /// 60011 naming the scope unless the app holds the permission point (88/60011 on topapi).
    pub fn require(&self, scope: &str) -> Result<(), OapiError> {
        if self.app.has_scope(scope) {
            Ok(())
        } else {
            Err(OapiError::no_permission(scope, &self.app.client_id).on_path(&self.api_path))
        }
    }
}

impl FromRequestParts<Shared> for OapiCaller {
    type Rejection = OapiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, OapiError> {
        let token = query_param(&parts.uri, "access_token");
        let api_path = parts.uri.path().to_owned();
        let Authed { scenario, app } = state
            .authenticate_app(token.as_deref(), &api_path)
            .map_err(|f| oapi_failure(f).on_path(&api_path))?;
        Ok(Self {
            scenario,
            app,
            state: state.clone(),
            api_path,
        })
    }
}

/// Word an authentication failure the old family's way, unwrapped (see [`OapiError::on_path`]).
pub fn oapi_failure(failure: AuthFailure) -> OapiError {
    match failure {
        AuthFailure::Missing => OapiError::MissingToken,
        AuthFailure::Invalid => OapiError::InvalidToken,
        AuthFailure::Expired => OapiError::TokenExpired,
        AuthFailure::IpBlocked { ip, client_id } => OapiError::IpNotWhitelisted { ip, client_id },
    }
}

/// Word an authentication failure the new family's way.
pub fn api_failure(failure: AuthFailure) -> ApiError {
    match failure {
        AuthFailure::Missing => ApiError::missing_token_header(),
        AuthFailure::Invalid | AuthFailure::Expired => ApiError::invalid_authentication(),
        AuthFailure::IpBlocked { ip, client_id } => ApiError::ip_not_whitelisted(&ip, &client_id),
    }
}

/// A new-family caller authenticated by an *app* token in the header.
pub struct ApiCaller {
    pub scenario: Arc<Scenario>,
    pub app: App,
    pub state: Shared,
}

impl ApiCaller {
    /// 403 `AccessTokenPermissionDenied` naming the scope unless the app holds it.
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        require_api_scope(&self.app, scope)
    }
}

fn require_api_scope(app: &App, scope: &str) -> Result<(), ApiError> {
    if app.has_scope(scope) {
        Ok(())
    } else {
        Err(ApiError::permission_denied(scope, &app.client_id))
    }
}

impl FromRequestParts<Shared> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        let token = header_token(parts);
        let Authed { scenario, app } = state
            .authenticate_app(token.as_deref(), parts.uri.path())
            .map_err(api_failure)?;
        Ok(Self {
            scenario,
            app,
            state: state.clone(),
        })
    }
}

/// A new-family caller authenticated by a *user* token (from `userAccessToken`).
pub struct UserCaller {
    pub scenario: Arc<Scenario>,
    pub app: App,
    pub grant: UserGrant,
}

impl UserCaller {
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        require_api_scope(&self.app, scope)
    }
}

impl FromRequestParts<Shared> for UserCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        let token = header_token(parts);
        let (Authed { scenario, app }, grant) = state
            .authenticate_user(token.as_deref())
            .map_err(api_failure)?;
        Ok(Self {
            scenario,
            app,
            grant,
        })
    }
}
