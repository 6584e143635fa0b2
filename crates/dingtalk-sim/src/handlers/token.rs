//! App-identity token endpoints (§1) and the org-level SSO token endpoints (§9).
//!
//! Answers: `gettoken` → `{"errcode":0,"access_token","errmsg":"ok","expires_in":7200}` or 40089;
//! `accessToken` → `{"accessToken","expireIn":7200}` or 400 `invalidClientIdOrSecret`;
//! `{corpId}/token` → `{"access_token","expires_in":7200}` or 400 `invalid.client` /
//! `unsupported.grant.type`, 401 `unauthorized.client`. All three check the 服务器出口IP whitelist
//! after the credentials (the whitelist message names the appKey, so DingTalk must know the app
//! first; the order against a wrong secret is UNCONFIRMED). All three hand out the same token per
//! app, as DingTalk returns the same token within its lifetime (§1e).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::auth::{api_failure, oapi_failure};
use crate::body::ApiBody;
use crate::dingtalk_errors::{ApiError, OapiError};
use crate::reply::random_hex;
use crate::state::{check_ip, Shared};
use crate::store::TOKEN_TTL;

type Params = Query<HashMap<String, String>>;

fn param<'a>(params: &'a Params, key: &str) -> &'a str {
    params.get(key).map(String::as_str).unwrap_or_default()
}

/// `GET /gettoken?appkey=&appsecret=` (old family, §1a).
pub async fn gettoken(
    State(state): State<Shared>,
    params: Params,
) -> Result<Json<Value>, OapiError> {
    let scenario = state.scenario();
    let app = scenario
        .app_by_credentials(param(&params, "appkey"), param(&params, "appsecret"))
        .ok_or(OapiError::BadCredentials)?;
    check_ip(&scenario, app).map_err(oapi_failure)?;
    let token = state.store().issue_app_token(&app.client_id);
    Ok(Json(json!({
        "errcode": 0,
        "access_token": token,
        "errmsg": "ok",
        "expires_in": TOKEN_TTL.as_secs(),
    })))
}

/// `POST /v1.0/oauth2/accessToken` with `{"appKey","appSecret"}` (new family, §1b).
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
    check_ip(&scenario, app).map_err(api_failure)?;
    let token = state.store().issue_app_token(&app.client_id);
    Ok(Json(json!({
        "accessToken": token,
        "expireIn": TOKEN_TTL.as_secs(),
    })))
}

/// `POST /v1.0/oauth2/{corpId}/token` with `{"client_id","client_secret","grant_type"}` (§1c).
///
/// A CorpId that does not own the app answers 401 `unauthorized.client`: the reference marks the
/// exact answer UNCONFIRMED ("probably `unauthorized.client`").
pub async fn corp_token(
    State(state): State<Shared>,
    Path(corp_id): Path<String>,
    body: ApiBody,
) -> Result<Json<Value>, ApiError> {
    if body.text("grant_type") != Some("client_credentials") {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "unsupported.grant.type",
            "grant type not supported",
        ));
    }
    let scenario = state.scenario();
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
    if corp_id != scenario.org.corp_id {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized.client",
            "app not authorised",
        ));
    }
    check_ip(&scenario, app).map_err(api_failure)?;
    let token = state.store().issue_app_token(&app.client_id);
    Ok(Json(json!({
        "access_token": token,
        "expires_in": TOKEN_TTL.as_secs(),
    })))
}

/// `GET /sso/gettoken?corpid=&corpsecret=` (old family, §9). Unknown corpid → 40013
/// 不合法的corpid; right corpid, wrong SSOsecret → 40089, whose catalogue text is literally about
/// the corpid/corpsecret pair. No app is involved, so no IP whitelist applies.
pub async fn sso_gettoken(
    State(state): State<Shared>,
    params: Params,
) -> Result<Json<Value>, OapiError> {
    let scenario = state.scenario();
    if param(&params, "corpid") != scenario.org.corp_id {
        return Err(OapiError::BadCorpId);
    }
    if param(&params, "corpsecret") != scenario.sso_secret {
        return Err(OapiError::BadCredentials);
    }
    Ok(Json(json!({
        "access_token": random_hex(32),
        "errcode": 0,
        "errmsg": "ok",
    })))
}

/// `POST /v1.0/oauth2/ssoAccessToken` with `{"corpid","ssoSecret"}` (new family, §9): a wrong
/// corpid or secret answers 400 `invalidClientIdOrSecret`; success `{"accessToken","expireIn":3600}`.
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
