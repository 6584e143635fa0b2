//! Token endpoints and SSO tokens: success shapes and each error shape (PROBE P1–P4, P6–P9).

mod common;

use common::*;
use dingtalk_sim::scenarios::{CLIENT_ID, CLIENT_SECRET, CORP_ID, SSO_SECRET};

#[tokio::test]
async fn gettoken_success_shape() {
    let sim = start("healthy").await;
    let (status, body) = gettoken(&sim).await;
    assert_eq!(status, 200);
    assert_eq!(body["errcode"], 0);
    assert_eq!(body["errmsg"], "ok");
    assert_eq!(body["expires_in"], 7200);
    assert_eq!(body["access_token"].as_str().unwrap().len(), 32);
}

#[tokio::test]
async fn gettoken_returns_the_same_token_within_its_lifetime() {
    let sim = start("healthy").await;
    let first = app_token(&sim).await;
    let (_, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_eq!(
        body["accessToken"],
        first.as_str(),
        "one token per app (DOCS 0033)"
    );
}

#[tokio::test]
async fn gettoken_bad_credentials_is_40096_plain() {
    let sim = start("wrong-secret").await;
    let (status, body) = gettoken(&sim).await;
    assert_bare(status, &body, 40096);
    assert_eq!(body["errmsg"], "不合法的appKey或appSecret");
}

#[tokio::test]
async fn gettoken_without_an_appkey_is_40035() {
    let sim = start("healthy").await;
    let response = client()
        .get(format!("{}/gettoken", sim.oapi_url()))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_bare(status, &body, 40035);
    assert_eq!(body["errmsg"], "缺少参数 corpid or appkey");
}

#[tokio::test]
async fn access_token_success_and_bad_credentials() {
    let sim = start("healthy").await;
    let (status, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_eq!(status, 200);
    assert_eq!(body["expireIn"], 7200);
    assert!(body["accessToken"].is_string());

    let (status, body) = access_token(&sim, CLIENT_ID, "wrong").await;
    assert_api_err(status, &body, 400, "invalidClientIdOrSecret");
    assert_eq!(body["message"], "无效的clientId或者clientSecret");
}

#[tokio::test]
async fn access_token_rejects_a_form_body() {
    let sim = start("healthy").await;
    let response = client()
        .post(format!("{}/v1.0/oauth2/accessToken", sim.api_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("appKey={CLIENT_ID}&appSecret={CLIENT_SECRET}"))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 400);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("body is mandatory"));
}

async fn corp_token(
    sim: &dingtalk_sim::SimHandle,
    corp: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let response = client()
        .post(format!("{}/v1.0/oauth2/{corp}/token", sim.api_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

fn creds(secret: &str) -> serde_json::Value {
    json!({ "client_id": CLIENT_ID, "client_secret": secret, "grant_type": "client_credentials" })
}

#[tokio::test]
async fn corp_token_success_and_errors() {
    let sim = start("healthy").await;
    let (status, body) = corp_token(&sim, CORP_ID, creds(CLIENT_SECRET)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["expires_in"], 7200);
    assert!(body["access_token"].is_string());

    let (status, body) = corp_token(&sim, CORP_ID, creds("nope")).await;
    assert_api_err(status, &body, 400, "invalid.client");

    let mut bad_grant = creds(CLIENT_SECRET);
    bad_grant["grant_type"] = "password".into();
    let (status, body) = corp_token(&sim, CORP_ID, bad_grant).await;
    assert_api_err(status, &body, 400, "unsupported.grant.type");
}

#[tokio::test]
async fn corp_token_with_an_unknown_corp_id_is_500_unknown_error() {
    let sim = start("wrong-corp-id").await;
    let (status, body) = corp_token(&sim, CORP_ID, creds(CLIENT_SECRET)).await;
    assert_api_err(status, &body, 500, "unknownError");
    assert_eq!(body["message"], "未知错误");
    assert_eq!(body["requestid"].as_str().unwrap().len(), 36);
    // As in PROBE P4 (made-up CorpId and credentials), the CorpId answer comes first.
    let (status, body) = corp_token(&sim, "dingtest", creds("nope")).await;
    assert_api_err(status, &body, 500, "unknownError");
    // The app token itself still works: only the CorpId is wrong.
    assert_eq!(gettoken(&sim).await.1["errcode"], 0);
}

async fn sso_gettoken(
    sim: &dingtalk_sim::SimHandle,
    corp: &str,
    secret: &str,
) -> (u16, serde_json::Value) {
    let response = client()
        .get(format!("{}/sso/gettoken", sim.oapi_url()))
        .query(&[("corpid", corp), ("corpsecret", secret)])
        .send()
        .await
        .unwrap();
    json_of(response).await
}

#[tokio::test]
async fn sso_gettoken_checks_corpid_and_secret() {
    let sim = start("healthy").await;
    let (status, body) = sso_gettoken(&sim, CORP_ID, SSO_SECRET).await;
    assert_eq!(status, 200);
    assert_eq!(body["errcode"], 0);
    assert!(body["access_token"].is_string());

    let (status, body) = sso_gettoken(&sim, CORP_ID, "wrong").await;
    assert_plain(status, &body, 40089);
    assert_eq!(body["errmsg"], "不合法的corpId或corpSecret");
    let (status, body) = sso_gettoken(&sim, "ding0000000000000000", SSO_SECRET).await;
    assert_oapi_err(status, &body, 40013);
    assert_eq!(body["errmsg"], "不合法的corpid");
}

#[tokio::test]
async fn sso_gettoken_fails_on_the_wrong_corp_id_scenario() {
    let sim = start("wrong-corp-id").await;
    let (status, body) = sso_gettoken(&sim, CORP_ID, SSO_SECRET).await;
    assert_oapi_err(status, &body, 40013);
}

#[tokio::test]
async fn sso_access_token_new_family() {
    let sim = start("healthy").await;
    let url = format!("{}/v1.0/oauth2/ssoAccessToken", sim.api_url());
    let ok = client()
        .post(&url)
        .json(&json!({ "corpid": CORP_ID, "ssoSecret": SSO_SECRET }))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(ok).await;
    assert_eq!(status, 200);
    assert_eq!(body["expireIn"], 3600);
    let bad = client()
        .post(&url)
        .json(&json!({ "corpid": CORP_ID, "ssoSecret": "x" }))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(bad).await;
    assert_api_err(status, &body, 400, "invalidClientIdOrSecret");
}

#[tokio::test]
async fn token_errors_on_topapi_are_wrapped_in_88() {
    let sim = start("healthy").await;
    let count = json!({"only_active": false});
    // PROBE P8: a bad token on topapi is 88 with sub_code "40014".
    let (status, body) = oapi_post(&sim, "/topapi/v2/user/get", "bogus", json!({})).await;
    let sub_msg = assert_wrapped(status, &body, "40014");
    assert_eq!(sub_msg, "不合法的access_token");
    assert_eq!(
        body["errmsg"],
        "ding talk error[subcode=40014,submsg=不合法的access_token]"
    );
    // PROBE P9: a blank token is 88 with sub_code "40000".
    let (status, body) = oapi_post(&sim, "/topapi/user/count", "", count.clone()).await;
    assert_eq!(
        assert_wrapped(status, &body, "40000"),
        "access_token is blank"
    );
    let response = client()
        .post(format!("{}/topapi/user/count", sim.oapi_url()))
        .json(&count)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_wrapped(status, &body, "40000");
}

#[tokio::test]
async fn token_errors_off_topapi_stay_plain() {
    let sim = start("healthy").await;
    let (status, body) = oapi_get(&sim, "/auth/scopes", "bogus").await;
    assert_plain(status, &body, 40014);
    assert_eq!(body["errmsg"], "不合法的access_token");
    let (status, body) = oapi_get(&sim, "/auth/scopes", "").await;
    assert_plain(status, &body, 41001);
}

#[tokio::test]
async fn token_errors_on_the_new_family() {
    let sim = start("healthy").await;
    let path = "/v1.0/todo/users/x/org/tasks/query";
    let (status, body) = api_post(&sim, path, "bogus", json!({})).await;
    assert_api_err(status, &body, 400, "InvalidAuthentication");
    assert_eq!(body["message"], "不合法的access_token");
    // PROBE P7: a token in the query instead of the header is a missing header.
    let response = client()
        .post(format!("{}{path}", sim.api_url()))
        .query(&[("access_token", app_token(&sim).await)])
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_api_err(status, &body, 400, "AuthenticationFailed.MissingParameter");
    assert_eq!(body["message"], "缺少参数：x-acs-dingtalk-access-token");
}

#[tokio::test]
async fn tokens_from_either_family_work_on_both() {
    let sim = start("healthy").await;
    let (_, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    let new_token = body["accessToken"].as_str().unwrap().to_owned();
    let (_, body) = user_count(&sim, &new_token).await;
    assert_oapi_ok(&body);
}
