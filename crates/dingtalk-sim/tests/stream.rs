//! The Stream gateway's `connections/open` (docs/dingtalk/endpoints.md#stream-gateway): an endpoint
//! and a fresh ticket for an app's credentials, 401 `authFailed` for any other pair, and 400
//! `systemError` where the scenario says the gateway refuses.

mod common;

use common::*;
use dingtalk_sim::scenarios::{CLIENT_ID, CLIENT_SECRET};
use serde_json::{json, Value};

async fn open(sim: &dingtalk_sim::SimHandle, body: Value) -> (u16, Value) {
    let response = client()
        .post(format!("{}/v1.0/gateway/connections/open", sim.api_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

fn sdk_body(id: &str, secret: &str) -> Value {
    json!({
        "clientId": id,
        "clientSecret": secret,
        "subscriptions": [{"type": "EVENT", "topic": "*"}],
        "ua": "dingtalk-sdk-go/1.0.0",
        "localIp": "10.0.0.5",
        "extras": {},
    })
}

#[tokio::test]
async fn valid_credentials_get_an_endpoint_and_a_fresh_ticket() {
    let sim = start("healthy").await;
    let (status, first) = open(&sim, sdk_body(CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(
        first["endpoint"],
        "wss://wss-open-connection.dingtalk.com:443/connect"
    );
    let (_, second) = open(&sim, sdk_body(CLIENT_ID, CLIENT_SECRET)).await;
    let (a, b) = (
        first["ticket"].as_str().unwrap(),
        second["ticket"].as_str().unwrap(),
    );
    assert!(a.len() == 36 && a != b, "{a} {b}");
    // No token is needed: the gateway takes the credentials themselves.
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 0);
    assert_eq!(sim.requests_to("/v1.0/gateway/connections/open"), 2);
}

#[tokio::test]
async fn a_wrong_or_missing_credential_is_401_auth_failed() {
    let sim = start("healthy").await;
    for body in [
        sdk_body(CLIENT_ID, "wrong"),
        sdk_body("dingnosuchapp", CLIENT_SECRET),
        // A pasted value with a stray space is not the secret.
        sdk_body(CLIENT_ID, &format!("{CLIENT_SECRET} ")),
        json!({"clientId": CLIENT_ID}),
    ] {
        let (status, answer) = open(&sim, body).await;
        assert_api_err(status, &answer, 401, "authFailed");
        assert_eq!(answer["message"], "鉴权失败");
    }
    let sim = start("wrong-secret").await;
    let (status, answer) = open(&sim, sdk_body(CLIENT_ID, CLIENT_SECRET)).await;
    assert_api_err(status, &answer, 401, "authFailed");
}

#[tokio::test]
async fn the_refusing_gateway_answers_400_system_error_only_for_valid_credentials() {
    let sim = start("stream-gateway-refused").await;
    let (status, answer) = open(&sim, sdk_body(CLIENT_ID, CLIENT_SECRET)).await;
    assert_api_err(status, &answer, 400, "systemError");
    assert_eq!(answer["message"], "系统错误");
    let (status, answer) = open(&sim, sdk_body(CLIENT_ID, "wrong")).await;
    assert_api_err(status, &answer, 401, "authFailed");
    // The rest of the scenario is healthy.
    let (status, _) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_eq!(status, 200);
}
