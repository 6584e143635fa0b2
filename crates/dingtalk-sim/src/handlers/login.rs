//! Browser login (DOCS 0029, `docs/dingtalk/login.md`): the login page `GET /oauth2/auth` on the
//! login host, the code exchange `POST /v1.0/oauth2/userAccessToken` (SDK-new `GetUserToken`) and
//! the profile `GET /v1.0/contact/users/me` (SDK-new `contact_1_0` `GetUser`).
//!
//! The page never shows anything to click: the scenario's login user auto-consents and the page
//! answers `302` to `redirect_uri?code=X&authCode=X&state=S`. An unregistered `redirect_uri` (exact
//! match against the app's `redirect_urls`) gets an HTML "重定向错误" page with HTTP 400 (exact
//! text UNCONFIRMED: only a screenshot exists, GH JeecgBoot#4309). Codes live 5 minutes and are
//! single-use. A used, unknown, foreign or expired code answers 400
//! `invalidParameter.authCode.notFound` 不合法的临时授权码 — and so does a caller whose egress IP
//! is not whitelisted, as observed in the field
//! (docs/dingtalk/errors.md#fm2-whitelist-failure-disguised-as-a-bad-auth-code).
//! That disguise applies whatever `ip_whitelist_on_token` says.

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::UserCaller;
use crate::body::ApiBody;
use crate::dingtalk_errors::ApiError;
use crate::pages::login_error_page;
use crate::scope;
use crate::state::{check_ip, Shared};
use crate::store::{UserGrant, CODE_TTL, TOKEN_TTL};

/// `GET /oauth2/auth?redirect_uri&response_type=code&client_id&scope&state&prompt=consent`.
pub async fn authorize(
    State(state): State<Shared>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let p = |key: &str| params.get(key).map(String::as_str).unwrap_or_default();
    let scenario = state.scenario();
    let Some(app) = scenario.app_by_client_id(p("client_id")) else {
        return login_error_page("应用不存在", "client_id无效，请检查应用的Client ID");
    };
    if p("response_type") != "code" || p("prompt") != "consent" {
        return login_error_page("参数错误", "response_type必须为code，prompt必须为consent");
    }
    let scope = p("scope");
    if !matches!(scope, "openid" | "openid corpid") {
        return login_error_page("参数错误", "scope只能为openid或openid corpid");
    }
    let redirect = p("redirect_uri");
    let target = url::Url::parse(redirect).ok();
    let (Some(mut target), true) = (target, app.allows_redirect(redirect)) else {
        return login_error_page("重定向错误", &format!("redirect_uri未授权：{redirect}"));
    };
    let Some(identity) = scenario.login_identity() else {
        return login_error_page("无法登录", "组织内没有可登录的用户");
    };
    let grant = UserGrant {
        client_id: app.client_id.clone(),
        unionid: identity.unionid,
        with_corp_id: scope == "openid corpid",
    };
    let ttl = scenario
        .login
        .code_ttl_secs
        .map_or(CODE_TTL, Duration::from_secs);
    let code = state
        .store()
        .issue_code(grant, ttl, scenario.login.code_expired);
    {
        let mut query = target.query_pairs_mut();
        query
            .append_pair("code", &code)
            .append_pair("authCode", &code);
        if let Some(csrf) = params.get("state") {
            query.append_pair("state", csrf);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

/// `POST /v1.0/oauth2/userAccessToken` `{"clientId","clientSecret","code","grantType"}` →
/// `{"accessToken","refreshToken","expireIn","corpId"?}`. Also `grantType: "refresh_token"`.
pub async fn user_access_token(
    State(state): State<Shared>,
    body: ApiBody,
) -> Result<Json<Value>, ApiError> {
    let scenario = state.scenario();
    let app = body
        .text("clientId")
        .zip(body.text("clientSecret"))
        .and_then(|(id, secret)| scenario.app_by_credentials(id, secret))
        .ok_or_else(ApiError::invalid_client_id_or_secret)?;
    check_ip(&scenario, app).map_err(|_| ApiError::auth_code_not_found())?;
    let mut store = state.store();
    let grant = match body.text("grantType") {
        Some("authorization_code") => body
            .text("code")
            .and_then(|code| store.redeem_code(code, &app.client_id))
            .ok_or_else(ApiError::auth_code_not_found)?,
        // The refresh error's code is UNCONFIRMED.
        Some("refresh_token") => body
            .text("refreshToken")
            .and_then(|refresh| store.redeem_refresh(refresh, &app.client_id))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalidParameter.refreshToken.notFound",
                    "不合法的refreshToken",
                )
            })?,
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "unsupported.grant.type",
                "grant type not supported",
            ))
        }
    };
    let with_corp_id = grant.with_corp_id;
    let (token, refresh) = store.issue_user_token(grant);
    let mut answer = json!({
        "accessToken": token,
        "refreshToken": refresh,
        "expireIn": TOKEN_TTL.as_secs(),
    });
    if with_corp_id {
        answer["corpId"] = scenario.org.corp_id.clone().into();
    }
    Ok(Json(answer))
}

/// `GET /v1.0/contact/users/{me|unionId}` with a *user* token → `{nick, unionId, openId,
/// mobile?, email?, stateCode, visitor}` (GH casdoor#4469's 200 body; SDK-new `contact_1_0`
/// `GetUser`). The simulated users have no avatar, so `avatarUrl` is left out (the casdoor body has
/// none either). Needs `Contact.User.Read`; `mobile` also needs `Contact.User.mobile` and `email`
/// `fieldEmail` (both codes UNCONFIRMED). A user token reads only its own profile; any other
/// unionId is 404 `invalidParameter.user.notFound` (DOCS 0054).
pub async fn users_me(
    caller: UserCaller,
    Path(who): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(scope::CONTACT_USER_READ)?;
    let unionid = &caller.grant.unionid;
    if who != "me" && who != *unionid {
        return Err(ApiError::user_not_found());
    }
    let member = caller.scenario.org.user_by_unionid(unionid);
    let nick = match (member, caller.scenario.login_identity()) {
        (Some(user), _) => user.name.clone(),
        (None, Some(identity)) if identity.unionid == *unionid => identity.nick,
        _ => "外部用户".to_owned(),
    };
    let mut profile = json!({
        "nick": nick,
        "openId": unionid.chars().rev().collect::<String>(),
        "unionId": unionid,
        "stateCode": "86",
        "visitor": false,
    });
    let app = &caller.app;
    if let Some(mobile) = member.and_then(|u| u.mobile.as_ref()) {
        if app.has_scope(scope::CONTACT_USER_MOBILE) {
            profile["mobile"] = mobile.as_str().into();
        }
    }
    if let Some(email) = member.and_then(|u| u.email.as_ref()) {
        if app.has_scope(scope::FIELD_EMAIL) {
            profile["email"] = email.as_str().into();
        }
    }
    Ok(Json(profile))
}
