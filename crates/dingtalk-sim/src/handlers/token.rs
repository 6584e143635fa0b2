//! App-identity token endpoints and the org-level SSO token endpoints
//! (`docs/dingtalk/endpoints.md`).
//!
//! Answers: `gettoken` → `{"errcode":0,"access_token","errmsg":"ok","expires_in":7200}`, 40096
//! 不合法的appKey或appSecret for wrong credentials (PROBE P1) and 40035 without an appkey
//! (PROBE P2); `accessToken` → `{"accessToken","expireIn":7200}` or 400 `invalidClientIdOrSecret`
//! (PROBE P3); `{corpId}/token` → `{"access_token","expires_in":7200}` (SDK-new `GetToken`,
//! DOCS 0037), 500 `unknownError` for a CorpId that is not the org's (PROBE P4), 400
//! `unsupported.grant.type` / `invalid.client` (DOCS 0037).
//!
//! The 服务器出口IP whitelist is NOT checked here unless the scenario sets
//! `ip_whitelist_on_token`: no public source shows DingTalk refusing a token for the IP, and the
//! observed refusals are on business calls (GH aircode#46; DOCS 1447, 0024). When it is checked,
//! it comes after the credentials (the message names the appKey); UNCONFIRMED. All three hand out
//! the same token per app, as DingTalk returns the same token within its lifetime (DOCS 0033).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::auth::{api_failure, oapi_failure};
use crate::body::ApiBody;
use crate::dingtalk_errors::{ApiError, OapiError, WithoutRequestId};
use crate::reply::random_hex;
use crate::scenario::{App, Scenario};
use crate::state::{check_ip, AuthFailure, Shared};
use crate::store::TOKEN_TTL;

type Params = Query<HashMap<String, String>>;

fn param<'a>(params: &'a Params, key: &str) -> &'a str {
    params.get(key).map(String::as_str).unwrap_or_default()
}

/// The whitelist check, only when the scenario asks for it at token endpoints.
fn token_ip_check(scenario: &Scenario, app: &App) -> Result<(), AuthFailure> {
    if scenario.ip_whitelist_on_token {
        check_ip(scenario, app)
    } else {
        Ok(())
    }
}

/// `GET /gettoken?appkey=&appsecret=` (old family; SDK-old, PROBE P1). Errors are never
/// 88-wrapped and carry no `request_id` (PROBE P1, P2).
pub async fn gettoken(
    State(state): State<Shared>,
    params: Params,
) -> Result<Json<Value>, WithoutRequestId> {
    let scenario = state.scenario();
    if param(&params, "appkey").is_empty() {
        return Err(OapiError::MissingAppKey.into());
    }
    let app = scenario
        .app_by_credentials(param(&params, "appkey"), param(&params, "appsecret"))
        .ok_or(OapiError::BadAppCredentials)?;
    token_ip_check(&scenario, app).map_err(oapi_failure)?;
    let token = state.store().issue_app_token(&app.client_id);
    Ok(Json(json!({
        "errcode": 0,
        "access_token": token,
        "errmsg": "ok",
        "expires_in": TOKEN_TTL.as_secs(),
    })))
}

/// `POST /v1.0/oauth2/accessToken` with `{"appKey","appSecret"}` (SDK-new `GetAccessToken`).
pub async fn access_token(
    State(state): State<Shared>,
    body: ApiBody,
) -> Result<Json<Value>, ApiError> {
    let scenario = state.scenario();
    let (key, secret) = (body.text("appKey"), body.text("appSecret"));
    let app = key
        .zip(secret)
        .and_then(|(k, s)| scenario.app_by_credentials(k, s))
        .ok_or_else(ApiError::invalid_client_id_or_secret)?;
    token_ip_check(&scenario, app).map_err(api_failure)?;
    let token = state.store().issue_app_token(&app.client_id);
    Ok(Json(json!({
        "accessToken": token,
        "expireIn": TOKEN_TTL.as_secs(),
    })))
}

/// `POST /v1.0/oauth2/{corpId}/token` with `{"client_id","client_secret","grant_type"}`
/// (SDK-new `GetToken`, DOCS 0037).
///
/// A CorpId that is not the org's answers HTTP 500 `unknownError` 未知错误 before anything else:
/// PROBE P4 got that for a made-up CorpId with made-up credentials. Whether a *real* CorpId of
/// another org answers the same (DOCS 0037 also lists 401 `unauthorized.client`) is UNCONFIRMED;
/// the simulator knows one org, so every other CorpId is "unknown".
pub async fn corp_token(
    State(state): State<Shared>,
    Path(corp_id): Path<String>,
    body: ApiBody,
) -> Result<Json<Value>, ApiError> {
    let scenario = state.scenario();
    if corp_id != scenario.org.corp_id {
        return Err(ApiError::unknown_error());
    }
    if body.text("grant_type") != Some("client_credentials") {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "unsupported.grant.type",
            "grant type not supported",
        ));
    }
    let (id, secret) = (body.text("client_id"), body.text("client_secret"));
    let app = id
        .zip(secret)
        .and_then(|(i, s)| scenario.app_by_credentials(i, s))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid.client",
                "invalid ClientID or ClientSecret",
            )
        })?;
    token_ip_check(&scenario, app).map_err(api_failure)?;
    let token = state.store().issue_app_token(&app.client_id);
    Ok(Json(json!({
        "access_token": token,
        "expires_in": TOKEN_TTL.as_secs(),
    })))
}

/// `GET /sso/gettoken?corpid=&corpsecret=` (old family, DOCS 1449). Unknown corpid → 40013
/// 不合法的corpid; right corpid, wrong SSOsecret → 40089, whose DOCS 0013 text is literally about
/// the corpid/corpsecret pair (both UNCONFIRMED for this endpoint). No app is involved, so no IP
/// whitelist applies.
pub async fn sso_gettoken(
    State(state): State<Shared>,
    params: Params,
) -> Result<Json<Value>, OapiError> {
    let scenario = state.scenario();
    if param(&params, "corpid") != scenario.org.corp_id {
        return Err(OapiError::BadCorpId);
    }
    if param(&params, "corpsecret") != scenario.sso_secret {
        return Err(OapiError::BadCorpSecret);
    }
    Ok(Json(json!({
        "access_token": random_hex(32),
        "errcode": 0,
        "errmsg": "ok",
    })))
}

/// `POST /v1.0/oauth2/ssoAccessToken` with `{"corpid","ssoSecret"}` (new family, DOCS 1449's
/// successor): a wrong corpid or secret answers 400 `invalidClientIdOrSecret`; success
/// `{"accessToken","expireIn":3600}`. Error code and lifetime UNCONFIRMED.
pub async fn sso_access_token(
    State(state): State<Shared>,
    body: ApiBody,
) -> Result<Json<Value>, ApiError> {
    let scenario = state.scenario();
    let ok = body.text("corpid") == Some(scenario.org.corp_id.as_str())
        && body.text("ssoSecret") == Some(scenario.sso_secret.as_str());
    if !ok {
        return Err(ApiError::invalid_client_id_or_secret());
    }
    Ok(Json(
        json!({ "accessToken": random_hex(32), "expireIn": 3600 }),
    ))
}
