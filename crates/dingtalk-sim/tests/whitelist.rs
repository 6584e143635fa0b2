//! The 服务器出口IP whitelist (§6a/§6b, failure-modes #1 and #2).

mod common;

use common::*;
use dingtalk_sim::scenarios::{CLIENT_ID, CLIENT_SECRET, CORP_ID, EGRESS_IP};

fn expected_message() -> String {
    format!(
        "访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip={EGRESS_IP} appKey({CLIENT_ID})"
    )
}

#[tokio::test]
async fn old_family_token_call_is_60020_with_request_ip() {
    let sim = start("ip-not-whitelisted").await;
    let (status, body) = gettoken(&sim).await;
    assert_oapi_err(status, &body, 60020);
    assert_eq!(body["errmsg"], expected_message().as_str());
}

#[tokio::test]
async fn new_family_token_call_is_403_ip_not_in_white_list() {
    let sim = start("ip-not-whitelisted").await;
    let (status, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_api_err(
        status,
        &body,
        403,
        "Forbidden.AccessDenied.IpNotInWhiteList",
    );
    assert_eq!(body["message"], expected_message().as_str());
    let requestid = body["requestid"].as_str().unwrap();
    assert_eq!(
        requestid.len(),
        36,
        "upper-case UUID like the observed body"
    );
}

#[tokio::test]
async fn corp_token_is_blocked_too() {
    let sim = start("ip-not-whitelisted").await;
    let response = client()
        .post(format!("{}/v1.0/oauth2/{CORP_ID}/token", sim.api_url()))
        .json(&json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_api_err(
        status,
        &body,
        403,
        "Forbidden.AccessDenied.IpNotInWhiteList",
    );
}

#[tokio::test]
async fn api_calls_with_a_cached_token_fail_once_the_whitelist_changes() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    sim.set_scenario(scenario("ip-not-whitelisted")).unwrap();

    let (status, body) = oapi_post(
        &sim,
        "/topapi/user/count",
        &token,
        json!({"only_active": false}),
    )
    .await;
    assert_oapi_err(status, &body, 60020);
    assert!(body["errmsg"]
        .as_str()
        .unwrap()
        .contains("request ip=203.0.113.45"));

    let (status, body) = api_post(
        &sim,
        "/v1.0/todo/users/x/org/tasks/query",
        &token,
        json!({}),
    )
    .await;
    assert_api_err(
        status,
        &body,
        403,
        "Forbidden.AccessDenied.IpNotInWhiteList",
    );
    assert_eq!(body["message"], expected_message().as_str());
}

#[tokio::test]
async fn wildcard_entries_match() {
    let mut s = scenario("ip-not-whitelisted");
    s.apps[0].ip_whitelist = vec!["203.0.113.*".into()];
    let sim = start_with(s).await;
    assert_eq!(gettoken(&sim).await.1["errcode"], 0);
}
