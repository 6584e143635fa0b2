//! Browser login (DOCS 0029, `docs/dingtalk/login.md`): auto-consent redirect, single-use codes,
//! userAccessToken, users/me, unregistered redirect, expired codes, cross-org users, external
//! contacts.

mod common;

use common::*;
use dingtalk_sim::scenarios::{
    ADMIN_UNIONID, CLIENT_ID, CLIENT_SECRET, CORP_ID, EXTERNAL_CONTACT_UNIONID,
    EXTERNAL_CONTACT_USERID, REDIRECT_URL, WRONG_CORP_ID_REAL_CORP_ID,
};
use dingtalk_sim::SimHandle;
use serde_json::Value;

/// Open the login page; returns (status, Location header, body text).
async fn open_login(
    sim: &SimHandle,
    redirect: &str,
    scope: &str,
) -> (u16, Option<String>, String, String) {
    let response = client()
        .get(format!("{}/oauth2/auth", sim.login_url()))
        .query(&[
            ("redirect_uri", redirect),
            ("response_type", "code"),
            ("client_id", CLIENT_ID),
            ("scope", scope),
            ("state", "csrf123"),
            ("prompt", "consent"),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let location = header("location");
    let content_type = header("content-type").unwrap_or_default();
    (
        status,
        location,
        content_type,
        response.text().await.unwrap(),
    )
}

/// Log in and return the code from the redirect.
async fn login_code(sim: &SimHandle, scope: &str) -> String {
    let (status, location, _, _) = open_login(sim, REDIRECT_URL, scope).await;
    assert_eq!(status, 302);
    let location = url::Url::parse(&location.expect("Location")).unwrap();
    let pairs: Vec<(String, String)> = location.query_pairs().into_owned().collect();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        get("code"),
        get("authCode"),
        "code and authCode carry the same value"
    );
    assert_eq!(get("state").as_deref(), Some("csrf123"));
    get("code").unwrap()
}

async fn exchange(sim: &SimHandle, code: &str) -> (u16, Value) {
    let response = client()
        .post(format!("{}/v1.0/oauth2/userAccessToken", sim.api_url()))
        .json(&json!({
            "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET,
            "code": code, "grantType": "authorization_code",
        }))
        .send()
        .await
        .unwrap();
    json_of(response).await
}

async fn users_me(sim: &SimHandle, user_token: &str) -> (u16, Value) {
    let response = client()
        .get(format!("{}/v1.0/contact/users/me", sim.api_url()))
        .header("x-acs-dingtalk-access-token", user_token)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

#[tokio::test]
async fn auto_consent_redirect_and_full_profile() {
    let sim = start("healthy").await;
    let (status, location, _, _) = open_login(&sim, REDIRECT_URL, "openid").await;
    assert_eq!(status, 302);
    assert!(location
        .unwrap()
        .starts_with(&format!("{REDIRECT_URL}?code=")));

    let code = login_code(&sim, "openid").await;
    let (status, token) = exchange(&sim, &code).await;
    assert_eq!(status, 200, "{token}");
    assert_eq!(token["expireIn"], 7200);
    assert!(token["refreshToken"].is_string());
    assert!(
        token.get("corpId").is_none(),
        "corpId only with scope corpid"
    );

    let (status, me) = users_me(&sim, token["accessToken"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["unionId"], ADMIN_UNIONID);
    assert_eq!(me["nick"], "王建国");
    assert_eq!(me["mobile"], "13800138001");
    assert_eq!(me["stateCode"], "86");
    assert!(me["openId"].is_string());
}

#[tokio::test]
async fn codes_are_single_use() {
    let sim = start("healthy").await;
    let code = login_code(&sim, "openid").await;
    assert_eq!(exchange(&sim, &code).await.0, 200);
    let (status, body) = exchange(&sim, &code).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "invalidParameter.authCode.notFound");
    assert_eq!(body["message"], "不合法的临时授权码");
}

#[tokio::test]
async fn scope_corpid_returns_the_orgs_real_corp_id() {
    let sim = start("healthy").await;
    let code = login_code(&sim, "openid corpid").await;
    assert_eq!(exchange(&sim, &code).await.1["corpId"], CORP_ID);

    let wrong = start("wrong-corp-id").await;
    let code = login_code(&wrong, "openid corpid").await;
    assert_eq!(
        exchange(&wrong, &code).await.1["corpId"],
        WRONG_CORP_ID_REAL_CORP_ID
    );
}

#[tokio::test]
async fn unregistered_redirect_is_an_html_redirect_error() {
    let sim = start("healthy").await;
    let (status, location, content_type, body) =
        open_login(&sim, "https://oa.example.com/other/callback", "openid").await;
    assert_eq!(status, 400);
    assert!(location.is_none());
    assert!(content_type.starts_with("text/html"));
    assert!(body.contains("重定向错误"));
}

#[tokio::test]
async fn expired_codes_are_refused() {
    let mut s = scenario("healthy");
    s.login.code_expired = true;
    let sim = start_with(s).await;
    let code = login_code(&sim, "openid").await;
    let (status, body) = exchange(&sim, &code).await;
    assert_api_err(status, &body, 400, "invalidParameter.authCode.notFound");
}

#[tokio::test]
async fn whitelist_failure_is_disguised_as_a_bad_code() {
    let sim = start("ip-not-whitelisted").await;
    let code = login_code(&sim, "openid").await;
    let (status, body) = exchange(&sim, &code).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "invalidParameter.authCode.notFound");
    // The empty requestid of the observed body
    // (docs/dingtalk/errors.md#fm2-whitelist-failure-disguised-as-a-bad-auth-code).
    assert_eq!(body["requestid"], "", "as observed in the field");
}

#[tokio::test]
async fn users_me_without_contact_user_read_names_the_scope() {
    let sim = start("missing-contact-scope").await;
    let code = login_code(&sim, "openid").await;
    let (_, token) = exchange(&sim, &code).await;
    let (status, body) = users_me(&sim, token["accessToken"].as_str().unwrap()).await;
    assert_api_permission(status, &body, "Contact.User.Read");
}

#[tokio::test]
async fn an_app_token_is_not_a_user_token() {
    let sim = start("healthy").await;
    let app = app_token(&sim).await;
    let (status, body) = users_me(&sim, &app).await;
    assert_api_err(status, &body, 400, "InvalidAuthentication");
}

#[tokio::test]
async fn cross_org_user_logs_in_but_is_not_a_member() {
    let mut s = scenario("healthy");
    s.login.userid = None;
    s.login.unionid = Some("O6tH6QigH9h1ZVTzI0lKINq0".into());
    s.login.nick = Some("外部访客".into());
    let sim = start_with(s).await;
    let code = login_code(&sim, "openid").await;
    let (_, token) = exchange(&sim, &code).await;
    let (_, me) = users_me(&sim, token["accessToken"].as_str().unwrap()).await;
    assert_eq!(me["nick"], "外部访客");
    let app = app_token(&sim).await;
    let (status, body) = oapi_post(
        &sim,
        "/topapi/user/getbyunionid",
        &app,
        json!({"unionid": me["unionId"]}),
    )
    .await;
    assert_plain(status, &body, 60121);
}

#[tokio::test]
async fn an_external_contact_logs_in_and_maps_with_contact_type_1() {
    let sim = start("external-contact-login").await;
    let code = login_code(&sim, "openid").await;
    let (_, token) = exchange(&sim, &code).await;
    let (status, me) = users_me(&sim, token["accessToken"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["unionId"], EXTERNAL_CONTACT_UNIONID);
    assert_eq!(me["nick"], "周敏");
    assert!(me.get("mobile").is_none());

    let app = app_token(&sim).await;
    let (_, body) = oapi_post(
        &sim,
        "/topapi/user/getbyunionid",
        &app,
        json!({"unionid": EXTERNAL_CONTACT_UNIONID}),
    )
    .await;
    assert_oapi_ok(&body);
    assert_eq!(
        body["result"]["contact_type"], 1,
        "企业外部联系人 (DOCS 0064)"
    );
    assert_eq!(body["result"]["userid"], EXTERNAL_CONTACT_USERID);
    // Not a member: v2/user/get does not know the userid (UNCONFIRMED answer).
    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/user/get",
        &app,
        json!({"userid": EXTERNAL_CONTACT_USERID}),
    )
    .await;
    assert_plain(status, &body, 60121);
}

#[tokio::test]
async fn refresh_token_grant() {
    let sim = start("healthy").await;
    let code = login_code(&sim, "openid").await;
    let (_, first) = exchange(&sim, &code).await;
    let response = client()
        .post(format!("{}/v1.0/oauth2/userAccessToken", sim.api_url()))
        .json(&json!({
            "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET,
            "refreshToken": first["refreshToken"], "grantType": "refresh_token",
        }))
        .send()
        .await
        .unwrap();
    let (status, second) = json_of(response).await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(second["accessToken"], first["accessToken"]);
}
