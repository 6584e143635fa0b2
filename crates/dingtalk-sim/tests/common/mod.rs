//! Shared helpers for the simulator's tests: start a built-in scenario, talk to it with plain
//! reqwest (never Dingbind's client), fetch tokens the documented way.
#![allow(dead_code)] // each test binary uses a different subset

use std::time::Duration;

use dingtalk_sim::scenarios::{self, CLIENT_ID, CLIENT_SECRET, EGRESS_IP};
use dingtalk_sim::{Scenario, Sim, SimHandle};
use reqwest::{Client, Response};
use serde_json::Value;

pub use serde_json::json;

/// A built-in scenario by name.
pub fn scenario(name: &str) -> Scenario {
    scenarios::builtin(name).unwrap_or_else(|| panic!("built-in scenario {name}"))
}

/// Start a built-in scenario on a free port.
pub async fn start(name: &str) -> SimHandle {
    start_with(scenario(name)).await
}

pub async fn start_with(scenario: Scenario) -> SimHandle {
    Sim::start(scenario, 0).await.expect("simulator starts")
}

/// A client that does not follow redirects, ignores proxy settings and gives up after 10 s.
pub fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client")
}

/// Status and JSON body.
pub async fn json_of(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json().await.expect("JSON body");
    (status, body)
}

/// `GET {oapi}/gettoken` with the shared credentials.
pub async fn gettoken(sim: &SimHandle) -> (u16, Value) {
    let url = format!("{}/gettoken", sim.oapi_url());
    let response = client()
        .get(url)
        .query(&[("appkey", CLIENT_ID), ("appsecret", CLIENT_SECRET)])
        .send()
        .await
        .expect("request");
    json_of(response).await
}

/// `POST {oapi}/topapi/user/count {"only_active": false}`: the simplest topapi business call.
pub async fn user_count(sim: &SimHandle, token: &str) -> (u16, Value) {
    oapi_post(
        sim,
        "/topapi/user/count",
        token,
        serde_json::json!({"only_active": false}),
    )
    .await
}

/// An app token via the old family, panicking if DingTalk refuses.
pub async fn app_token(sim: &SimHandle) -> String {
    let (_, body) = gettoken(sim).await;
    body["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no token: {body}"))
        .to_owned()
}

/// `POST {oapi}{path}?access_token=…` with a JSON body.
pub async fn oapi_post(sim: &SimHandle, path: &str, token: &str, body: Value) -> (u16, Value) {
    let response = client()
        .post(format!("{}{path}", sim.oapi_url()))
        .query(&[("access_token", token)])
        .json(&body)
        .send()
        .await
        .expect("request");
    json_of(response).await
}

/// `GET {oapi}{path}?access_token=…`.
pub async fn oapi_get(sim: &SimHandle, path: &str, token: &str) -> (u16, Value) {
    let response = client()
        .get(format!("{}{path}", sim.oapi_url()))
        .query(&[("access_token", token)])
        .send()
        .await
        .expect("request");
    json_of(response).await
}

/// `POST {api}{path}` with the token header and a JSON body.
pub async fn api_post(sim: &SimHandle, path: &str, token: &str, body: Value) -> (u16, Value) {
    let response = client()
        .post(format!("{}{path}", sim.api_url()))
        .header("x-acs-dingtalk-access-token", token)
        .json(&body)
        .send()
        .await
        .expect("request");
    json_of(response).await
}

/// `GET {api}{path}` with the token header.
pub async fn api_get(sim: &SimHandle, path: &str, token: &str) -> (u16, Value) {
    let response = client()
        .get(format!("{}{path}", sim.api_url()))
        .header("x-acs-dingtalk-access-token", token)
        .send()
        .await
        .expect("request");
    json_of(response).await
}

/// An app token via the new family, panicking if DingTalk refuses.
pub async fn new_app_token(sim: &SimHandle) -> String {
    let (_, body) = access_token(sim, CLIENT_ID, CLIENT_SECRET).await;
    body["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("no token: {body}"))
        .to_owned()
}

/// `POST {api}/v1.0/oauth2/accessToken` with JSON credentials.
pub async fn access_token(sim: &SimHandle, key: &str, secret: &str) -> (u16, Value) {
    let response = client()
        .post(format!("{}/v1.0/oauth2/accessToken", sim.api_url()))
        .json(&json!({ "appKey": key, "appSecret": secret }))
        .send()
        .await
        .expect("request");
    json_of(response).await
}

/// An old-family success: errcode 0, errmsg ok, a request_id.
pub fn assert_oapi_ok(body: &Value) {
    assert_eq!(body["errcode"], 0, "{body}");
    assert_eq!(body["errmsg"], "ok", "{body}");
    assert!(
        body["request_id"].as_str().is_some_and(|s| !s.is_empty()),
        "{body}"
    );
}

/// An old-family error: HTTP 200, this errcode, an errmsg, a request_id.
pub fn assert_oapi_err(status: u16, body: &Value, errcode: i64) {
    assert_eq!(status, 200, "old family errors are HTTP 200: {body}");
    assert_eq!(body["errcode"], errcode, "{body}");
    assert!(
        body["errmsg"].as_str().is_some_and(|s| !s.is_empty()),
        "{body}"
    );
    assert!(body["request_id"].is_string(), "{body}");
}

/// A new-family error: this status and code, a message and a `requestid`.
pub fn assert_api_err(status: u16, body: &Value, want_status: u16, code: &str) {
    assert_eq!(status, want_status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(body["message"].is_string(), "{body}");
    assert!(body["requestid"].is_string(), "{body}");
}

/// The missing-permission text real bodies carry (LIVE-88), for the shared Client ID.
pub fn permission_text(scope: &str) -> String {
    format!(
        "应用尚未开通所需的权限：[{scope}]，点击链接申请并开通即可：https://open-dev.dingtalk.com/appscope/apply?content={CLIENT_ID}%23{scope}"
    )
}

/// A new-family 403 `AccessTokenPermissionDenied` naming `scope` in `accessdenieddetail` and in
/// the message, with its apply link.
pub fn assert_api_permission(status: u16, body: &Value, scope: &str) {
    assert_api_err(
        status,
        body,
        403,
        "Forbidden.AccessDenied.AccessTokenPermissionDenied",
    );
    assert_eq!(
        body["accessdenieddetail"]["requiredScopes"],
        serde_json::json!([scope]),
        "{body}"
    );
    assert_eq!(body["message"], permission_text(scope).as_str(), "{body}");
}

/// The whitelist text for the shared egress IP and Client ID.
pub fn whitelist_text() -> String {
    format!(
        "访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip={EGRESS_IP} appKey({CLIENT_ID})"
    )
}

/// A topapi auth-gateway error: HTTP 200, errcode 88, `sub_code` as a JSON string, `sub_msg`,
/// `errmsg` = `ding talk error[subcode=N,submsg=<sub_msg>…]`, a request_id. Returns `sub_msg`.
pub fn assert_wrapped(status: u16, body: &Value, sub_code: &str) -> String {
    assert_oapi_err(status, body, 88);
    assert_eq!(body["sub_code"], sub_code, "sub_code is a string: {body}");
    let sub_msg = body["sub_msg"].as_str().expect("sub_msg").to_owned();
    let errmsg = body["errmsg"].as_str().unwrap();
    assert!(
        errmsg.starts_with(&format!(
            "ding talk error[subcode={sub_code},submsg={sub_msg}"
        )),
        "{errmsg}"
    );
    assert!(errmsg.ends_with(']'), "{errmsg}");
    sub_msg
}

/// A topapi 88/60011 naming `scope`: sub_msg is the permission text and errmsg ends with
/// `, {requiredScopes=[scope]}]`.
pub fn assert_wrapped_permission(status: u16, body: &Value, scope: &str) {
    let sub_msg = assert_wrapped(status, body, "60011");
    assert_eq!(sub_msg, permission_text(scope));
    assert_eq!(
        body["errmsg"].as_str().unwrap(),
        format!(
            "ding talk error[subcode=60011,submsg={}, {{requiredScopes=[{scope}]}}]",
            permission_text(scope)
        )
    );
}

/// A `gettoken` error: HTTP 200 and exactly `errcode` + `errmsg` (PROBE P1/P2 carry no
/// request_id).
pub fn assert_bare(status: u16, body: &Value, errcode: i64) {
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["errcode"], errcode, "{body}");
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 2, "only errcode and errmsg: {body}");
    assert!(body["errmsg"].is_string(), "{body}");
}

/// A plain (unwrapped) old-family error: no `sub_code`.
pub fn assert_plain(status: u16, body: &Value, errcode: i64) {
    assert_oapi_err(status, body, errcode);
    assert!(body.get("sub_code").is_none(), "not wrapped: {body}");
}
