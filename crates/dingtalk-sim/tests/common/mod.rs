//! Shared helpers for the simulator's tests: start a built-in scenario, talk to it with plain
//! reqwest (never Dingbind's client), fetch tokens the documented way.
#![allow(dead_code)] // each test binary uses a different subset

use std::time::Duration;

use dingtalk_sim::scenarios::{self, CLIENT_ID, CLIENT_SECRET};
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
