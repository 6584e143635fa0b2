//! Injected faults and gateway behaviour: latency, rate-limit bursts, token expiry, 5xx, HTML
//! proxy pages, hangs, unknown/permission/server errors per family, clock skew in `Date`, and
//! the answers for unknown paths per host.

mod common;

use std::time::{Duration, Instant, SystemTime};

use common::*;
use dingtalk_sim::scenarios::{ADMIN_UNIONID, CLIENT_ID, CLIENT_SECRET};
use dingtalk_sim::{Fault, FaultKind, Scenario};

fn fault(kind: FaultKind, path: Option<&str>, count: Option<u32>) -> Fault {
    Fault {
        kind,
        path: path.map(str::to_owned),
        count,
        status: None,
        after_uses: 0,
        hang_secs: None,
    }
}

fn healthy_with(faults: Vec<Fault>) -> Scenario {
    let mut s = scenario("healthy");
    s.faults = faults;
    s
}

#[tokio::test]
async fn latency_is_measurable() {
    let sim = start("flaky-network").await;
    let started = Instant::now();
    let (_, body) = gettoken(&sim).await;
    assert_eq!(body["errcode"], 0);
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn rate_limit_burst_then_success_in_both_families() {
    let sim = start("rate-limited").await;
    for _ in 0..2 {
        let (status, body) = gettoken(&sim).await;
        assert_oapi_err(status, &body, 90018);
    }
    let (status, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_api_err(
        status,
        &body,
        403,
        "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi",
    );
    let (_, body) = gettoken(&sim).await;
    assert_eq!(body["errcode"], 0, "the burst is over: {body}");
    // On topapi the QPS limit arrives 88-wrapped, like the observed 88/90002.
    let mut topapi = scenario("healthy");
    topapi.faults = vec![fault(FaultKind::RateLimit, Some("/topapi/"), Some(1))];
    sim.set_scenario(topapi).unwrap();
    let token = app_token(&sim).await;
    let count = json!({"only_active": false});
    let (status, body) = oapi_post(&sim, "/topapi/user/count", &token, count).await;
    assert_wrapped(status, &body, "90018");
    let (status, _) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn token_expiry_then_refresh_old_family() {
    let mut expiry = fault(FaultKind::TokenExpiry, None, Some(1));
    expiry.after_uses = 1;
    let sim = start_with(healthy_with(vec![expiry])).await;
    let token = app_token(&sim).await;
    let count = json!({"only_active": false});
    let (_, body) = oapi_post(&sim, "/topapi/user/count", &token, count.clone()).await;
    assert_oapi_ok(&body);
    let (status, body) = oapi_post(&sim, "/topapi/user/count", &token, count.clone()).await;
    assert_wrapped(status, &body, "42001");
    let (status, body) = oapi_post(&sim, "/topapi/user/count", &token, count.clone()).await;
    assert_wrapped(status, &body, "40014");

    let fresh = app_token(&sim).await;
    assert_ne!(fresh, token, "an expired token is replaced, not extended");
    let (_, body) = oapi_post(&sim, "/topapi/user/count", &fresh, count).await;
    assert_oapi_ok(&body);
}

#[tokio::test]
async fn token_expiry_new_family_is_invalid_authentication() {
    let sim = start_with(healthy_with(vec![fault(
        FaultKind::TokenExpiry,
        Some("/todo/"),
        Some(1),
    )]))
    .await;
    let token = app_token(&sim).await;
    let path = "/v1.0/todo/users/NsRoRfYn3D52NT3swpuBwAcE/org/tasks/query";
    let (status, body) = api_post(&sim, path, &token, json!({})).await;
    assert_api_err(status, &body, 400, "InvalidAuthentication");
    let fresh = app_token(&sim).await;
    let (status, _) = api_post(&sim, path, &fresh, json!({})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn http_5xx_and_html_proxy_page_fire_once() {
    let sim = start("flaky-network").await;
    let token = app_token(&sim).await;
    let post = |path: &str| {
        client()
            .post(format!("{}{path}", sim.oapi_url()))
            .query(&[("access_token", &token)])
            .json(&json!({"only_active": false, "dept_id": 1, "cursor": 0, "size": 10}))
            .send()
    };
    assert_eq!(post("/topapi/user/count").await.unwrap().status(), 502);
    assert_eq!(post("/topapi/user/count").await.unwrap().status(), 200);
    assert_eq!(post("/topapi/v2/user/list").await.unwrap().status(), 500);

    let page = post("/topapi/v2/department/listsub").await.unwrap();
    assert_eq!(page.status(), 200);
    let content_type = page.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(page.text().await.unwrap().contains("<form"));
    let (_, body) = json_of(post("/topapi/v2/department/listsub").await.unwrap()).await;
    assert_oapi_ok(&body);
}

#[tokio::test]
async fn timeout_hangs_past_a_client_timeout_and_shutdown_still_returns() {
    let sim = start_with(healthy_with(vec![fault(
        FaultKind::Timeout,
        Some("gettoken"),
        None,
    )]))
    .await;
    let quick = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = quick
        .get(format!("{}/gettoken", sim.oapi_url()))
        .send()
        .await
        .expect_err("hangs");
    assert!(error.is_timeout());
    assert_eq!(sim.requests().last().unwrap().status, None, "still hanging");

    let stop = Instant::now();
    sim.shutdown().await;
    assert!(stop.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn date_header_is_present_and_skewed_on_request() {
    let sim = start("healthy").await;
    let response = client()
        .get(format!("{}/gettoken", sim.oapi_url()))
        .send()
        .await
        .unwrap();
    let date = httpdate::parse_http_date(response.headers()["date"].to_str().unwrap()).unwrap();
    let drift = SystemTime::now().duration_since(date).unwrap_or_default();
    assert!(drift < Duration::from_secs(5));

    let mut skewed = scenario("healthy");
    skewed.clock_skew_secs = -600;
    sim.set_scenario(skewed).unwrap();
    let response = client()
        .get(format!("{}/nothing", sim.oapi_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers().get_all("date").iter().count(), 1);
    let date = httpdate::parse_http_date(response.headers()["date"].to_str().unwrap()).unwrap();
    let behind = SystemTime::now().duration_since(date).unwrap();
    assert!(
        behind >= Duration::from_secs(595) && behind <= Duration::from_secs(610),
        "{behind:?}"
    );
}

#[tokio::test]
async fn unknown_paths_answer_as_each_host_does() {
    let sim = start("healthy").await;
    // Old host: HTTP 200 errcode 22 (PROBE P14).
    let oapi = client()
        .post(format!("{}/topapi/v2/user/notexist", sim.oapi_url()))
        .query(&[("access_token", "test")])
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(oapi).await;
    assert_plain(status, &body, 22);
    assert_eq!(
        body["sub_msg"],
        "不合法ApiName，ApiName = dingtalk.oapi.v2.user.notexist"
    );
    assert_eq!(
        body["errmsg"],
        "Invalid method[submsg=不合法ApiName，ApiName = dingtalk.oapi.v2.user.notexist]"
    );
    // A new-family path sent to the old host is an unknown method there too.
    let mixed = client()
        .post(format!("{}/v1.0/oauth2/accessToken", sim.oapi_url()))
        .json(&json!({"appKey": CLIENT_ID, "appSecret": CLIENT_SECRET}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(mixed).await;
    assert_plain(status, &body, 22);

    // New host, versioned path: 404 InvalidAction.NotFound (GH CowAgent#2490).
    let api = client()
        .post(format!("{}/v1.0/nope", sim.api_url()))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(api).await;
    assert_api_err(status, &body, 404, "InvalidAction.NotFound");
    // New host, no version: HTTP 200 errcode 404 (PROBE P12).
    let bare = client()
        .post(format!("{}/oauth2/corpAccessToken", sim.api_url()))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(bare).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"errcode": 404, "errmsg": "请求的URI地址不存在"})
    );

    // Not a DingTalk host prefix, or the login host: an HTML 404.
    let root = client().get(sim.base_url()).send().await.unwrap();
    assert_eq!(root.status(), 404);
    let login = client()
        .get(format!("{}/nope", sim.login_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 404);
}

fn permission_fault(scope: &str, path: &str) -> Fault {
    fault(
        FaultKind::PermissionDenied {
            scope: scope.into(),
        },
        Some(path),
        Some(1),
    )
}

#[tokio::test]
async fn unknown_error_answers_in_the_paths_family() {
    let sim = start_with(healthy_with(vec![
        fault(FaultKind::UnknownError, Some("/topapi/"), Some(1)),
        fault(FaultKind::UnknownError, Some("/auth/scopes"), Some(1)),
        fault(FaultKind::UnknownError, Some("/v1.0/todo/"), Some(1)),
    ]))
    .await;
    let token = app_token(&sim).await;
    let (status, body) = user_count(&sim, &token).await;
    assert_wrapped(status, &body, "8888888");
    let (status, body) = oapi_get(&sim, "/auth/scopes", &token).await;
    assert_plain(status, &body, 8888888);
    let path = format!("/v1.0/todo/users/{ADMIN_UNIONID}/org/tasks/query");
    let (status, body) = api_post(&sim, &path, &token, json!({})).await;
    assert_api_err(status, &body, 403, "Forbidden.Unrecognised");
    // count = 1: normal service afterwards.
    let (status, _) = api_post(&sim, &path, &token, json!({})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn permission_denied_fault_names_the_scope_in_each_family() {
    let sim = start_with(healthy_with(vec![
        permission_fault("qyapi_get_member", "/topapi/v2/user/get"),
        permission_fault("qyapi_base", "/auth/scopes"),
        permission_fault("Todo.Todo.Read", "/org/tasks/query"),
    ]))
    .await;
    let token = app_token(&sim).await;
    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/user/get",
        &token,
        json!({"userid": "manager4220"}),
    )
    .await;
    assert_wrapped_permission(status, &body, "qyapi_get_member");
    let (status, body) = oapi_get(&sim, "/auth/scopes", &token).await;
    assert_plain(status, &body, 60011);
    assert_eq!(body["errmsg"], permission_text("qyapi_base").as_str());
    let path = format!("/v1.0/todo/users/{ADMIN_UNIONID}/org/tasks/query");
    let (status, body) = api_post(&sim, &path, &token, json!({})).await;
    assert_api_permission(status, &body, "Todo.Todo.Read");
}

#[tokio::test]
async fn server_error_fault_per_family() {
    let sim = start_with(healthy_with(vec![fault(
        FaultKind::ServerError,
        None,
        Some(2),
    )]))
    .await;
    let (status, body) = gettoken(&sim).await;
    assert_plain(status, &body, -1);
    assert_eq!(body["errmsg"], "系统繁忙");
    let (status, body) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_api_err(status, &body, 500, "systemError");
    assert_eq!(body["message"], "系统错误");
    let (status, _) = access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    assert_eq!(status, 200, "count is respected");
}

#[tokio::test]
async fn json_faults_skip_the_login_host() {
    let sim = start_with(healthy_with(vec![fault(
        FaultKind::ServerError,
        None,
        None,
    )]))
    .await;
    let page = client()
        .get(format!("{}/oauth2/auth", sim.login_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        400,
        "the login page's own error page, not a fault"
    );
}
