//! The 服务器出口IP whitelist: tokens are issued to any IP by default, business calls are refused
//! in each family's shape (plain 60020, 88/60020 on topapi, 403 `IpNotInWhiteList`), and the
//! scenario key `ip_whitelist_on_token` restores checking at the token endpoints.

mod common;

use common::*;
use dingtalk_sim::scenarios::{ADMIN_UNIONID, CLIENT_ID, CLIENT_SECRET, CORP_ID, EGRESS_IP};
use dingtalk_sim::SimHandle;

async fn corp_token(sim: &SimHandle) -> (u16, serde_json::Value) {
    let response = client()
        .post(format!("{}/v1.0/oauth2/{CORP_ID}/token", sim.api_url()))
        .json(&json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    json_of(response).await
}

#[tokio::test]
async fn tokens_are_issued_to_a_non_whitelisted_ip() {
    let sim = start("ip-not-whitelisted").await;
    let (status, body) = gettoken(&sim).await;
    assert_eq!((status, body["errcode"].as_i64()), (200, Some(0)), "{body}");
    let (status, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = corp_token(&sim).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn business_calls_are_refused_in_each_family() {
    let sim = start("ip-not-whitelisted").await;
    let token = app_token(&sim).await;

    // topapi: 88 with sub_code "60020" and the shorter text seen inside the wrapper.
    let (status, body) = user_count(&sim, &token).await;
    let wrapped = format!("访问ip不在白名单之中,request ip={EGRESS_IP} appKey({CLIENT_ID})");
    assert_eq!(assert_wrapped(status, &body, "60020"), wrapped);
    assert_eq!(
        body["errmsg"],
        format!("ding talk error[subcode=60020,submsg={wrapped}]")
    );

    // Other old paths: plain 60020 (the whitelist is checked before the permission).
    let (status, body) = oapi_get(&sim, "/auth/scopes", &token).await;
    assert_plain(status, &body, 60020);
    assert_eq!(body["errmsg"], whitelist_text().as_str());
    let (status, body) = oapi_post(
        &sim,
        "/microapp/visible_scopes",
        &token,
        json!({"agentId": 3219876540_i64}),
    )
    .await;
    assert_plain(status, &body, 60020);

    // New family: 403 IpNotInWhiteList.
    let path = format!("/v1.0/todo/users/{ADMIN_UNIONID}/org/tasks/query");
    let (status, body) = api_post(&sim, &path, &token, json!({})).await;
    assert_api_err(
        status,
        &body,
        403,
        "Forbidden.AccessDenied.IpNotInWhiteList",
    );
    assert_eq!(body["message"], whitelist_text().as_str());
    assert_eq!(
        body["requestid"].as_str().unwrap().len(),
        36,
        "upper-case UUID like the observed body"
    );
}

#[tokio::test]
async fn ip_whitelist_on_token_restores_checking_at_token_endpoints() {
    let mut s = scenario("ip-not-whitelisted");
    s.ip_whitelist_on_token = true;
    let sim = start_with(s).await;
    let (status, body) = gettoken(&sim).await;
    assert_bare(status, &body, 60020);
    assert_eq!(body["errmsg"], whitelist_text().as_str());
    let (status, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_api_err(
        status,
        &body,
        403,
        "Forbidden.AccessDenied.IpNotInWhiteList",
    );
    let (status, body) = corp_token(&sim).await;
    assert_api_err(
        status,
        &body,
        403,
        "Forbidden.AccessDenied.IpNotInWhiteList",
    );
    // Wrong credentials are still reported first.
    let (_, body) = access_token(&sim, CLIENT_ID, "wrong").await;
    assert_eq!(body["code"], "invalidClientIdOrSecret");
}

#[tokio::test]
async fn api_calls_with_a_cached_token_fail_once_the_whitelist_changes() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    sim.set_scenario(scenario("ip-not-whitelisted")).unwrap();
    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/department/listsub",
        &token,
        json!({"dept_id": 1}),
    )
    .await;
    assert!(assert_wrapped(status, &body, "60020").contains("request ip=203.0.113.45"));
}

#[tokio::test]
async fn wildcard_entries_match() {
    let mut s = scenario("ip-not-whitelisted");
    s.apps[0].ip_whitelist = vec!["203.0.113.*".into()];
    let sim = start_with(s).await;
    let token = app_token(&sim).await;
    let (_, body) = oapi_get(&sim, "/auth/scopes", &token).await;
    assert_oapi_ok(&body);
}
