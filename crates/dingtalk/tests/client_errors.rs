//! The client against the simulator when things go wrong: both error families, non-JSON answers,
//! token refresh, rate-limit back-off, timeouts and transport failures (DNS, refused connection,
//! a missing CA file). Every failure path also checks that the trace stays free of secrets.

mod common;

use std::time::{Duration, Instant};

use common::*;
use dingtalk::{ApiError, Config, Endpoints, Trace};
use dingtalk_sim::scenarios::{CLIENT_ID, CLIENT_SECRET};
use dingtalk_sim::FaultKind;

/// `ApiError::Old` deciding on this errcode: the errcode itself, or the `sub_code` inside an
/// `errcode 88` wrapper as `topapi/*` answers.
fn assert_old(e: &ApiError, errcode: i64) {
    match e {
        ApiError::Old {
            http_status,
            errmsg,
            ..
        } => {
            assert_eq!(e.old_code(), Some(errcode), "{e:?}");
            assert_eq!(*http_status, 200, "old-family errors are HTTP 200: {e:?}");
            assert!(!errmsg.is_empty(), "{e:?}");
        }
        other => panic!("expected errcode {errcode}, got {other:?}"),
    }
    assert_eq!(e.code(), Some(errcode.to_string()));
    assert!(e.original().starts_with("errcode "), "{}", e.original());
}

/// `ApiError::New` with this status and code.
fn assert_new(e: &ApiError, status: u16, code: &str) {
    match e {
        ApiError::New {
            http_status,
            code: got,
            message,
            request_id,
            ..
        } => {
            assert_eq!((*http_status, got.as_str()), (status, code), "{e:?}");
            assert!(!message.is_empty(), "{e:?}");
            assert!(request_id.is_some(), "{e:?}");
        }
        other => panic!("expected HTTP {status} {code}, got {other:?}"),
    }
    assert_eq!(e.http_status(), Some(status));
    assert!(e.original().starts_with(&format!("HTTP {status} {code}: ")));
}

// --- old family -------------------------------------------------------------------------------

#[tokio::test]
async fn old_40096_bad_credentials_on_gettoken() {
    let sim = start("wrong-secret").await;
    let mut trace = Trace::new();
    let e = client(&sim).gettoken_old(&mut trace).await.unwrap_err();
    assert_old(&e, 40096);
    assert!(!e.is_token_expired() && !e.is_rate_limited());
    assert_eq!(e.egress_ip(), None);
    assert_eq!(trace.len(), 1, "a credentials error is not retried");
    assert!(trace[0].error.as_deref().unwrap().contains("40096"));
    assert_no_secrets(&trace, &[CLIENT_SECRET]);
    sim.shutdown().await;
}

#[tokio::test]
async fn old_60011_missing_permission_point() {
    let sim = start("missing-contact-scope").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    assert_old(&dt.user_count(&mut trace).await.unwrap_err(), 60011);
    assert_old(
        &dt.department_listsub(&mut trace, 1).await.unwrap_err(),
        60011,
    );
    assert_old(
        &dt.user_list(&mut trace, 1, 0, 10).await.unwrap_err(),
        60011,
    );
    assert_old(
        &dt.user_get(&mut trace, ADMIN_USERID).await.unwrap_err(),
        60011,
    );
    let e = dt
        .userid_by_unionid(&mut trace, ADMIN_UNIONID)
        .await
        .unwrap_err();
    assert_old(&e, 60011);
    // topapi wraps it in errcode 88, which names the scope and is not a stale token.
    assert!(matches!(&e, ApiError::Old { errcode: 88, .. }), "{e:?}");
    assert_eq!(e.required_scopes(), ["qyapi_get_member".to_string()]);
    assert!(!e.is_token_expired());
    // Calls without a permission point still work with the same token, never refreshed.
    dt.auth_scopes(&mut trace).await.unwrap();
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn old_50004_and_50002_outside_the_contact_range() {
    let sim = start("narrow-visible-range").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt.department_listsub(&mut trace, 1).await.unwrap_err();
    assert_old(&e, 50004);
    match &e {
        ApiError::Old { errmsg, .. } => assert_eq!(errmsg, "请求的部门id不在授权范围内"),
        _ => unreachable!(),
    }
    assert_old(
        &dt.user_list(&mut trace, 1, 0, 10).await.unwrap_err(),
        50004,
    );
    assert_old(
        &dt.department_get(&mut trace, 466071004).await.unwrap_err(),
        50004,
    );
    assert_old(
        &dt.user_get(&mut trace, ADMIN_USERID).await.unwrap_err(),
        50002,
    );
    // Inside the range all is well; user/count is not range-limited.
    assert_eq!(
        dt.department_listsub(&mut trace, 466071002)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    sim.shutdown().await;
}

#[tokio::test]
async fn old_60020_whitelist_names_the_egress_ip_on_business_calls() {
    // DingTalk issues the token to any IP and refuses the calls made with it.
    let sim = start("ip-not-whitelisted").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    dt.gettoken_old(&mut trace).await.unwrap();
    for e in [
        dt.auth_scopes(&mut trace).await.unwrap_err(),
        dt.user_count(&mut trace).await.unwrap_err(),
    ] {
        assert_old(&e, 60020);
        assert_eq!(e.egress_ip().as_deref(), Some(EGRESS_IP));
        assert!(
            e.to_string().contains(&format!("appKey({CLIENT_ID})")),
            "{e}"
        );
    }
    assert_no_secrets(&trace, &[CLIENT_SECRET]);
    sim.shutdown().await;
}

#[tokio::test]
async fn old_60020_on_an_api_call_with_a_cached_token() {
    // The token was fetched while the IP was allowed; then the admin changed the whitelist.
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    dt.user_count(&mut trace).await.unwrap();
    sim.set_scenario(scenario("ip-not-whitelisted")).unwrap();
    let e = dt.user_count(&mut trace).await.unwrap_err();
    assert_old(&e, 60020);
    assert_eq!(e.egress_ip().as_deref(), Some(EGRESS_IP));
    // The same token meets the new family's wording.
    let e = dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap_err();
    assert_new(&e, 403, "Forbidden.AccessDenied.IpNotInWhiteList");
    assert_eq!(e.egress_ip().as_deref(), Some(EGRESS_IP));
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn old_40056_bad_agent_id() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt
        .send_text(&mut trace, 1_234_567, &[ADMIN_USERID], "hi")
        .await
        .unwrap_err();
    assert_old(&e, 40056);
    let task = dt
        .send_text(&mut trace, AGENT_ID, &[ADMIN_USERID], "hi")
        .await
        .unwrap();
    assert_old(
        &dt.send_result(&mut trace, 1_234_567, task)
            .await
            .unwrap_err(),
        40056,
    );
    // An unknown task of the right agent is a parameter error.
    assert_old(
        &dt.send_result(&mut trace, AGENT_ID, 42).await.unwrap_err(),
        40035,
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn old_60121_user_not_in_the_org() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt
        .userid_by_unionid(&mut trace, "O6tH6QigH9h1ZVTzI0lKINq0")
        .await
        .unwrap_err();
    assert_old(&e, 60121);
    assert_old(&dt.user_get(&mut trace, "nobody").await.unwrap_err(), 60121);
    assert_old(
        &dt.department_get(&mut trace, 999).await.unwrap_err(),
        60003,
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn old_sso_errors_40013_and_40089() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt
        .sso_token(&mut trace, "ding0000000000000000", SSO_SECRET)
        .await
        .unwrap_err();
    assert_old(&e, 40013);
    let e = dt
        .sso_token(&mut trace, CORP_ID, "not-it")
        .await
        .unwrap_err();
    assert_old(&e, 40089);
    assert_no_secrets(&trace, &[SSO_SECRET, CLIENT_SECRET]);
    sim.shutdown().await;

    // The SSOsecret is org-level: a wrong app secret does not matter for it.
    let sim = start("wrong-secret").await;
    client(&sim)
        .sso_token(&mut Trace::new(), CORP_ID, SSO_SECRET)
        .await
        .unwrap();
    sim.shutdown().await;
}

// --- new family -------------------------------------------------------------------------------

#[tokio::test]
async fn new_400_invalid_client_id_or_secret() {
    let sim = start("wrong-secret").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt.access_token(&mut trace).await.unwrap_err();
    assert_new(&e, 400, "invalidClientIdOrSecret");
    assert!(!e.is_token_expired() && !e.is_rate_limited());
    // Calls that need the token fail with the token's error, and nothing is cached.
    let e = dt.user_count(&mut trace).await.unwrap_err();
    assert_new(&e, 400, "invalidClientIdOrSecret");
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    assert_eq!(sim.requests_to("/topapi"), 0);
    let e = dt.corp_token(&mut trace, CORP_ID).await.unwrap_err();
    assert_new(&e, 400, "invalid.client");
    let code = login_code(&sim, "openid").await;
    let e = dt.user_access_token(&mut trace, &code).await.unwrap_err();
    assert_new(&e, 400, "invalidClientIdOrSecret");
    assert_no_secrets(&trace, &[CLIENT_SECRET, &code]);
    sim.shutdown().await;
}

#[tokio::test]
async fn new_500_unknown_error_for_a_wrong_corp_id() {
    let sim = start("wrong-corp-id").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt.corp_token(&mut trace, CORP_ID).await.unwrap_err();
    assert_new(&e, 500, "unknownError");
    assert!(!e.is_rate_limited() && !e.is_token_expired());
    // The credentials themselves are fine.
    dt.access_token(&mut trace).await.unwrap();
    // And the SSO token rejects the same wrong CorpId.
    assert_old(
        &dt.sso_token(&mut trace, CORP_ID, SSO_SECRET)
            .await
            .unwrap_err(),
        40013,
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn new_403_permission_denied_names_contact_user_read() {
    let sim = start("missing-contact-scope").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let code = login_code(&sim, "openid").await;
    let user = dt.user_access_token(&mut trace, &code).await.unwrap();
    let e = dt
        .contact_me(&mut trace, &user.access_token)
        .await
        .unwrap_err();
    assert_new(
        &e,
        403,
        "Forbidden.AccessDenied.AccessTokenPermissionDenied",
    );
    assert_eq!(e.required_scopes(), ["Contact.User.Read".to_string()]);
    assert_no_secrets(&trace, &[&code, &user.access_token, CLIENT_SECRET]);
    sim.shutdown().await;
}

#[tokio::test]
async fn new_403_permission_denied_names_todo_scopes() {
    let sim = start("missing-todo-scope").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt
        .todo_create_empty(&mut trace, ADMIN_UNIONID)
        .await
        .unwrap_err();
    assert_new(
        &e,
        403,
        "Forbidden.AccessDenied.AccessTokenPermissionDenied",
    );
    assert_eq!(e.required_scopes(), ["Todo.Todo.Write".to_string()]);
    let e = dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap_err();
    assert_eq!(e.required_scopes(), ["Todo.Todo.Read".to_string()]);
    assert!(!e.is_token_expired() && !e.is_rate_limited());
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn new_403_ip_not_in_whitelist_names_the_egress_ip() {
    let sim = start("ip-not-whitelisted").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    // Tokens are issued; the business call is refused.
    dt.access_token(&mut trace).await.unwrap();
    dt.corp_token(&mut trace, CORP_ID).await.unwrap();
    let e = dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap_err();
    assert_new(&e, 403, "Forbidden.AccessDenied.IpNotInWhiteList");
    assert_eq!(e.egress_ip().as_deref(), Some(EGRESS_IP));
    let e = dt.user_count(&mut trace).await.unwrap_err();
    assert_eq!(e.egress_ip().as_deref(), Some(EGRESS_IP));
    // The login exchange disguises the whitelist failure
    // (docs/dingtalk/errors.md#fm2-whitelist-failure-disguised-as-a-bad-auth-code).
    let code = login_code(&sim, "openid").await;
    let e = dt.user_access_token(&mut trace, &code).await.unwrap_err();
    assert_new(&e, 400, "invalidParameter.authCode.notFound");
    assert_eq!(e.egress_ip(), None);
    assert_no_secrets(&trace, &[CLIENT_SECRET, &code]);
    sim.shutdown().await;
}

#[tokio::test]
async fn new_400_invalid_authentication_for_a_wrong_user_token() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let e = dt
        .contact_me(&mut Trace::new(), "not-a-user-token")
        .await
        .unwrap_err();
    assert_new(&e, 400, "InvalidAuthentication");
    sim.shutdown().await;
}

// --- non-JSON answers -------------------------------------------------------------------------

#[tokio::test]
async fn html_proxy_page_is_an_unexpected_response_with_the_body_start() {
    let sim = start("flaky-network").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt.department_listsub(&mut trace, 1).await.unwrap_err();
    match &e {
        ApiError::UnexpectedResponse {
            status,
            content_type,
            body_start,
        } => {
            assert_eq!(*status, 200);
            assert!(content_type.starts_with("text/html"), "{content_type}");
            assert!(body_start.starts_with("<!DOCTYPE html>"), "{body_start}");
            assert!(body_start.contains("上网认证"), "{body_start}");
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
    assert_eq!(e.http_status(), Some(200));
    assert_eq!(e.code(), None);
    let ex = trace.last().unwrap();
    assert!(ex.response_body.as_deref().unwrap().contains("上网认证"));
    assert!(ex.error.is_some());
    // Not retried; the next call gets through.
    assert_eq!(sim.requests_to("/department/listsub"), 1);
    assert_eq!(dt.department_listsub(&mut trace, 1).await.unwrap().len(), 4);
    sim.shutdown().await;
}

#[tokio::test]
async fn html_proxy_page_instead_of_the_token() {
    let sim = start_healthy_with(vec![fault(
        FaultKind::HtmlProxyPage,
        Some("/oauth2/accessToken"),
        Some(1),
    )])
    .await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt.user_count(&mut trace).await.unwrap_err();
    assert!(
        matches!(&e, ApiError::UnexpectedResponse { status: 200, body_start, .. } if body_start.starts_with("<!DOCTYPE html>")),
        "{e:?}"
    );
    assert_eq!(sim.requests_to("/topapi"), 0);
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    sim.shutdown().await;
}

#[tokio::test]
async fn gateway_5xx_pages_are_http_status_errors() {
    let sim = start("flaky-network").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt.user_count(&mut trace).await.unwrap_err();
    match &e {
        ApiError::HttpStatus { status, body_start } => {
            assert_eq!(*status, 502);
            assert!(body_start.contains("502 Bad Gateway"), "{body_start}");
        }
        other => panic!("expected HttpStatus 502, got {other:?}"),
    }
    assert!(!e.is_rate_limited());
    let e = dt
        .user_list(&mut trace, 466071002, 0, 10)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, ApiError::HttpStatus { status: 500, body_start } if body_start.contains("500 Internal Server Error")),
        "{e:?}"
    );
    // One attempt each (5xx is not retried by the client), then service is back.
    assert_eq!(sim.requests_to("/topapi/user/count"), 1);
    assert_eq!(sim.requests_to("/topapi/v2/user/list"), 1);
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    assert_eq!(
        dt.user_list(&mut trace, 466071002, 0, 10)
            .await
            .unwrap()
            .list
            .len(),
        1
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn proxy_page_with_a_5xx_status_is_an_http_status_error() {
    let mut proxy = fault(
        FaultKind::HtmlProxyPage,
        Some("/topapi/user/count"),
        Some(1),
    );
    proxy.status = Some(502);
    let sim = start_healthy_with(vec![proxy]).await;
    let e = client(&sim)
        .user_count(&mut Trace::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, ApiError::HttpStatus { status: 502, body_start } if body_start.contains("上网认证")),
        "{e:?}"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_wrong_base_url_is_a_clear_404() {
    let sim = start("healthy").await;
    // The new family sent to the old host: oapi's errcode 22 "Invalid method".
    let dt = client_with(Config {
        endpoints: Endpoints {
            api: sim.oapi_url(),
            ..endpoints(&sim)
        },
        ..config(&sim)
    });
    let e = dt.access_token(&mut Trace::new()).await.unwrap_err();
    assert_old(&e, 22);
    // The old family sent to the new host: api.dingtalk.com's "请求的URI地址不存在".
    let dt = client_with(Config {
        endpoints: Endpoints {
            oapi: sim.api_url(),
            ..endpoints(&sim)
        },
        ..config(&sim)
    });
    let e = dt.gettoken_old(&mut Trace::new()).await.unwrap_err();
    assert_old(&e, 404);
    sim.shutdown().await;
}

// --- token refresh ----------------------------------------------------------------------------

#[tokio::test]
async fn an_expired_token_is_refreshed_exactly_once_old_family() {
    let sim = start_healthy_with(vec![fault(
        FaultKind::TokenExpiry,
        Some("/topapi/user/count"),
        Some(1),
    )])
    .await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let before = dt.access_token(&mut trace).await.unwrap();
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    assert_eq!(
        sim.requests_to("/v1.0/oauth2/accessToken"),
        2,
        "exactly one refresh"
    );
    assert_eq!(sim.requests_to("/topapi/user/count"), 2);
    assert_eq!(trace.len(), 4, "token, 42001, token, success: {trace:#?}");
    assert!(trace[1].error.as_deref().unwrap().contains("42001"));
    // The fresh token is cached for later calls.
    let after = dt.access_token(&mut trace).await.unwrap();
    assert_ne!(before, after);
    dt.user_count(&mut trace).await.unwrap();
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn an_expired_token_is_refreshed_exactly_once_new_family() {
    let sim = start_healthy_with(vec![fault(
        FaultKind::TokenExpiry,
        Some("/org/tasks/query"),
        Some(1),
    )])
    .await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap();
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    assert_eq!(sim.requests_to("/org/tasks/query"), 2);
    assert!(trace[1]
        .error
        .as_deref()
        .unwrap()
        .contains("InvalidAuthentication"));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_token_expiring_after_some_uses_is_refreshed_when_it_dies() {
    let mut expiry = fault(FaultKind::TokenExpiry, None, Some(1));
    expiry.after_uses = 2;
    let sim = start_healthy_with(vec![expiry]).await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    for _ in 0..4 {
        dt.user_count(&mut trace).await.unwrap();
    }
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    assert_eq!(sim.requests_to("/topapi/user/count"), 5);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_second_consecutive_expiry_is_returned_not_looped() {
    let sim = start_healthy_with(vec![fault(
        FaultKind::TokenExpiry,
        Some("/topapi/user/count"),
        None,
    )])
    .await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = tokio::time::timeout(Duration::from_secs(10), dt.user_count(&mut trace))
        .await
        .expect("no endless refresh loop")
        .unwrap_err();
    assert_old(&e, 42001);
    assert!(e.is_token_expired());
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    assert_eq!(sim.requests_to("/topapi/user/count"), 2);
    sim.shutdown().await;

    let sim = start_healthy_with(vec![fault(
        FaultKind::TokenExpiry,
        Some("/org/tasks/query"),
        None,
    )])
    .await;
    let dt = client(&sim);
    let e = dt
        .todo_query(&mut Trace::new(), ADMIN_UNIONID)
        .await
        .unwrap_err();
    assert_new(&e, 400, "InvalidAuthentication");
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    assert_eq!(sim.requests_to("/org/tasks/query"), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_revoked_cached_token_40014_is_refreshed() {
    // The token the client cached is unknown to a restarted DingTalk (here: a new app secret
    // makes the simulator drop the app's tokens; the client's credentials follow it).
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    dt.user_count(&mut trace).await.unwrap();
    let mut s = scenario("healthy");
    s.apps[0].client_secret = "x".repeat(64);
    sim.set_scenario(s).unwrap();
    sim.set_scenario(scenario("healthy")).unwrap();
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    assert!(trace
        .iter()
        .any(|e| e.error.as_deref().is_some_and(|m| m.contains("40014"))));
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    sim.shutdown().await;
}

// --- rate limits ------------------------------------------------------------------------------

#[tokio::test]
async fn rate_limited_scenario_succeeds_after_backing_off() {
    let sim = start("rate-limited").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let started = Instant::now();
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    // 3 refusals of the token request, then the token, then the call.
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 4);
    assert_eq!(sim.requests_to("/topapi/user/count"), 1);
    assert!(
        started.elapsed() >= Duration::from_millis(10 + 20 + 40),
        "backs off"
    );
    let refused = trace
        .iter()
        .filter(|e| {
            e.error
                .as_deref()
                .is_some_and(|m| m.contains("QpsLimitForAppkeyAndApi"))
        })
        .count();
    assert_eq!(refused, 3);
    sim.shutdown().await;
}

#[tokio::test]
async fn rate_limit_twice_then_success_both_families() {
    let sim = start_healthy_with(vec![
        fault(FaultKind::RateLimit, Some("/topapi/user/count"), Some(2)),
        fault(FaultKind::RateLimit, Some("/org/tasks/query"), Some(2)),
    ])
    .await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    assert_eq!(sim.requests_to("/topapi/user/count"), 3);
    assert!(trace[1].error.as_deref().unwrap().contains("90018"));
    dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap();
    assert_eq!(sim.requests_to("/org/tasks/query"), 3);
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn rate_limit_beyond_max_retries_is_returned() {
    let sim = start_healthy_with(vec![
        fault(FaultKind::RateLimit, Some("/topapi/user/count"), Some(10)),
        fault(FaultKind::RateLimit, Some("/org/tasks/query"), Some(10)),
    ])
    .await;
    let dt = client_with(Config {
        max_retries: 2,
        ..config(&sim)
    });
    let mut trace = Trace::new();
    dt.access_token(&mut trace).await.unwrap();
    let started = Instant::now();
    let e = dt.user_count(&mut trace).await.unwrap_err();
    assert!(
        started.elapsed() >= Duration::from_millis(10 + 20),
        "backs off between tries"
    );
    assert_old(&e, 90018);
    assert!(e.is_rate_limited());
    assert_eq!(
        sim.requests_to("/topapi/user/count"),
        3,
        "one try and two retries"
    );
    let e = dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap_err();
    assert_new(&e, 403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi");
    assert!(e.is_rate_limited());
    assert_eq!(sim.requests_to("/org/tasks/query"), 3);
    sim.shutdown().await;

    // Without retries the first refusal is the answer.
    let sim = start("rate-limited").await;
    let dt = client_with(Config {
        max_retries: 0,
        ..config(&sim)
    });
    let e = dt.access_token(&mut Trace::new()).await.unwrap_err();
    assert!(e.is_rate_limited(), "{e:?}");
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

// --- transport --------------------------------------------------------------------------------

#[tokio::test]
async fn a_hanging_request_times_out_quickly() {
    let mut hang = fault(FaultKind::Timeout, Some("/topapi/user/count"), None);
    hang.hang_secs = Some(60);
    let sim = start_healthy_with(vec![hang]).await;
    let dt = client_with(Config {
        timeout: Duration::from_millis(300),
        ..config(&sim)
    });
    let mut trace = Trace::new();
    let started = Instant::now();
    let e = dt.user_count(&mut trace).await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(e, ApiError::Timeout(300));
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert_eq!(
        sim.requests_to("/topapi/user/count"),
        1,
        "a timeout is not retried"
    );
    let ex = trace.last().unwrap();
    assert_eq!(ex.status, None);
    assert_eq!(ex.error.as_deref(), Some("timed out after 300 ms"));
    assert_no_secrets(&trace, &[CLIENT_SECRET]);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_hanging_token_request_times_out_too() {
    let mut hang = fault(FaultKind::Timeout, Some("/gettoken"), None);
    hang.hang_secs = Some(60);
    let sim = start_healthy_with(vec![hang]).await;
    let dt = client_with(Config {
        timeout: Duration::from_millis(300),
        ..config(&sim)
    });
    let mut trace = Trace::new();
    let e = dt.gettoken_old(&mut trace).await.unwrap_err();
    assert_eq!(e, ApiError::Timeout(300));
    assert_no_secrets(&trace, &[CLIENT_SECRET]);
    sim.shutdown().await;
}

fn unreachable_config(base: &str) -> Config {
    Config {
        endpoints: Endpoints {
            oapi: format!("{base}/oapi"),
            api: format!("{base}/api"),
            login: format!("{base}/login"),
        },
        timeout: Duration::from_secs(5),
        max_retries: 3,
        backoff: Duration::from_millis(10),
        extra_ca_file: None,
    }
}

#[tokio::test]
async fn an_unknown_host_is_a_dns_error() {
    let dt = client_with(unreachable_config("http://nonexistent.invalid"));
    let mut trace = Trace::new();
    let e = dt.access_token(&mut trace).await.unwrap_err();
    assert!(matches!(e, ApiError::Dns(_)), "{e:?}");
    // The old token call carries the secret in its URL: neither the error nor the trace shows it.
    let e = dt.gettoken_old(&mut trace).await.unwrap_err();
    assert!(matches!(e, ApiError::Dns(_)), "{e:?}");
    assert!(!e.to_string().contains(CLIENT_SECRET), "{e}");
    let e = dt.user_count(&mut trace).await.unwrap_err();
    assert!(matches!(e, ApiError::Dns(_)), "{e:?}");
    assert_eq!(trace.len(), 3, "DNS failures are not retried");
    assert!(trace
        .iter()
        .all(|ex| ex.status.is_none() && ex.error.is_some()));
    assert!(trace[1].url.contains("appsecret=***"));
    assert_no_secrets(&trace, &[CLIENT_SECRET]);
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error() {
    let base = format!("http://127.0.0.1:{}", closed_port());
    let dt = client_with(unreachable_config(&base));
    let mut trace = Trace::new();
    let e = dt.access_token(&mut trace).await.unwrap_err();
    assert!(matches!(e, ApiError::Connect(_)), "{e:?}");
    let e = dt.gettoken_old(&mut trace).await.unwrap_err();
    assert!(matches!(&e, ApiError::Connect(_)), "{e:?}");
    assert!(!e.to_string().contains(CLIENT_SECRET), "{e}");
    let e = dt
        .sso_token(&mut trace, CORP_ID, SSO_SECRET)
        .await
        .unwrap_err();
    assert!(!e.to_string().contains(SSO_SECRET), "{e}");
    assert_eq!(e.http_status(), None);
    assert_no_secrets(&trace, &[CLIENT_SECRET, SSO_SECRET]);
}

#[tokio::test]
async fn a_stopped_simulator_refuses_connections() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    dt.user_count(&mut Trace::new()).await.unwrap();
    sim.shutdown().await;
    let e = dt.user_count(&mut Trace::new()).await.unwrap_err();
    assert!(matches!(e, ApiError::Connect(_)), "{e:?}");
}

#[test]
fn a_missing_extra_ca_file_is_a_clear_tls_error() {
    let path = std::env::temp_dir().join("dingbind-no-such-dir/corp-ca.pem");
    let cfg = Config {
        extra_ca_file: Some(path.clone()),
        ..Config::default()
    };
    let err = dingtalk::DingTalk::new(cfg, creds())
        .err()
        .expect("refused");
    match &err {
        ApiError::Tls(msg) => {
            assert!(
                msg.contains(&path.display().to_string()),
                "names the file: {msg}"
            );
        }
        other => panic!("expected Tls, got {other:?}"),
    }
    assert!(err.to_string().starts_with("TLS failed: "), "{err}");
}

#[test]
fn an_extra_ca_file_that_is_not_pem_is_a_tls_error() {
    let dir = std::env::temp_dir().join(format!("dingbind-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("not-a-cert.pem");
    std::fs::write(&path, "this is not a certificate").unwrap();
    let cfg = Config {
        extra_ca_file: Some(path.clone()),
        ..Config::default()
    };
    let err = dingtalk::DingTalk::new(cfg, creds()).err();
    std::fs::remove_dir_all(&dir).ok();
    match err {
        Some(ApiError::Tls(msg)) => assert!(msg.contains("not-a-cert.pem"), "{msg}"),
        Some(other) => panic!("expected Tls, got {other:?}"),
        None => panic!("a non-PEM CA file was accepted"),
    }
}
