//! The login round trip (`login.redirect`) end to end against the simulator: the loopback session,
//! the simulated phone and browser, and every way it can fail — missing Contact.User.Read, a user
//! from another organisation, an external contact, a CorpId other than the one DingTalk returns,
//! an unregistered redirect URL, an expired code, a foreign `state`, no code, no scan, a busy port,
//! cancelling — and what the preflight may and may not conclude from DingTalk's login page. No
//! result may carry the secret, a code or a token.

mod common;

use dingbind_core::checks::{Cancel, CheckResult, CheckStatus};
use dingbind_core::diagnosis::{explain, DiagnosisCode as D};
use dingbind_core::login::{self, LoginError, LoginInput, LoginSession, Preflight};
use dingtalk_sim::scenarios as sc;
use dingtalk_sim::{Scenario, Sim, SimHandle};
use serde_json::json;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn input(sim: &SimHandle) -> LoginInput {
    LoginInput {
        client_id: sc::CLIENT_ID.into(),
        client_secret: sc::CLIENT_SECRET.into(),
        corp_id: Some(sc::CORP_ID.into()),
        corp_name: Some(sc::CORP_NAME.into()),
        dingtalk: dingtalk::Config {
            endpoints: common::sim_endpoints(sim),
            backoff: Duration::from_millis(20),
            ..dingtalk::Config::default()
        },
    }
}

/// A simulator running `healthy` changed by `edit`.
async fn sim_with(edit: impl FnOnce(&mut Scenario)) -> SimHandle {
    sim_of("healthy", edit).await
}

/// A simulator running the built-in scenario `name` changed by `edit`.
async fn sim_of(name: &str, edit: impl FnOnce(&mut Scenario)) -> SimHandle {
    let mut s = sc::builtin(name).unwrap();
    edit(&mut s);
    Sim::start(s, 0).await.unwrap()
}

/// Serves `app` on a free local port; returns its base URL.
async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// A stand-in for DingTalk's login host whose `/oauth2/auth` always answers `status` with `html`.
async fn login_page(status: u16, html: &'static str) -> String {
    let page = move || async move {
        (
            axum::http::StatusCode::from_u16(status).unwrap(),
            [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
    };
    serve(axum::Router::new().route("/oauth2/auth", axum::routing::get(page))).await
}

/// A session on a free port whose login page is `login_base` (the rest is the simulator).
async fn session_with_login_page(sim: &SimHandle, login_base: String) -> LoginSession {
    let mut i = input(sim);
    i.dingtalk.endpoints.login = login_base;
    login::start(i, 0).await.unwrap()
}

/// A session on a free port; `register` adds its redirect URL to the app's 重定向URL.
async fn session(sim: &SimHandle, register: bool) -> LoginSession {
    let s = login::start(input(sim), 0).await.unwrap();
    if register {
        let mut scenario = sim.scenario();
        scenario.apps[0].redirect_urls.push(s.redirect_url().into());
        sim.set_scenario(scenario).unwrap();
    }
    s
}

/// The whole round trip: the phone scans while the wizard waits.
async fn round_trip(edit: impl FnOnce(&mut Scenario)) -> (CheckResult, SimHandle) {
    let sim = sim_with(edit).await;
    let s = session(&sim, true).await;
    (round_trip_on(s).await, sim)
}

/// The round trip on a prepared session.
async fn round_trip_on(s: LoginSession) -> CheckResult {
    let pre = s.preflight().await;
    assert!(
        matches!(pre, Preflight::Clear),
        "registered: no redirect error, no warning: {pre:?}"
    );
    let auth = s.auth_url().to_string();
    let (browser, r) = tokio::join!(
        login::simulate_browser(&auth),
        s.finish(WAIT, Cancel::new())
    );
    browser.unwrap();
    assert_clean(&r);
    r
}

/// No secret, login code or token anywhere in the result.
fn assert_clean(r: &CheckResult) {
    assert_eq!(r.id, "login.redirect");
    let text = serde_json::to_string(r).unwrap();
    assert!(!text.contains(sc::CLIENT_SECRET), "secret leaked: {text}");
    for key in [
        "code=",
        "authCode=",
        "accessToken\\\":\\\"",
        "refreshToken\\\":\\\"",
    ] {
        for (at, _) in text.match_indices(key) {
            let after = &text[at + key.len()..];
            assert!(after.starts_with("***"), "{key} not redacted: {text}");
        }
    }
}

fn state_of(auth_url: &str) -> String {
    url::Url::parse(auth_url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned()
}

/// Opens the loopback as a browser would, returning the page.
async fn open(url: &str) -> String {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    http.get(url).send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn a_member_signs_in() {
    let (r, sim) = round_trip(|_| {}).await;
    assert_eq!(r.status, CheckStatus::Ok, "{r:#?}");
    assert_eq!(r.code, None);
    assert_eq!(
        r.message.zh,
        "已登录：王建国 (manager4220) · 示例科技（杭州）有限公司"
    );
    assert_eq!(
        r.message.en,
        "Signed in: 王建国 (manager4220) · 示例科技（杭州）有限公司"
    );
    let redirect = r.data["redirect_url"].as_str().unwrap().to_string();
    assert!(redirect.starts_with("http://127.0.0.1:") && redirect.ends_with("/dingbind/login"));
    // `openid corpid`: DingTalk names the organisation of the login, and it is the CorpId entered.
    assert_eq!(
        serde_json::Value::Object(r.data.clone()),
        json!({
            "nick": "王建国",
            "userid": sc::ADMIN_USERID,
            "unionid": sc::ADMIN_UNIONID,
            "corp_name": sc::CORP_NAME,
            "redirect_url": redirect,
            "login_corp_id": sc::CORP_ID,
            "corp_id_proved": true,
        })
    );
    let urls: Vec<&str> = r.trace.iter().map(|t| t.url.as_str()).collect();
    assert!(
        urls[0].contains("/dingbind/login?code=***&authCode=***&state="),
        "{urls:?}"
    );
    for path in [
        "userAccessToken",
        "/contact/users/me",
        "getbyunionid",
        "/v2/user/get",
    ] {
        assert!(urls.iter().any(|u| u.contains(path)), "{path} in {urls:?}");
    }
    assert_eq!(sim.requests_to("/oauth2/userAccessToken"), 1);
}

#[tokio::test]
async fn the_browser_is_told_to_go_back_to_the_wizard() {
    let sim = sim_with(|_| {}).await;
    let s = session(&sim, true).await;
    let auth = s.auth_url().to_string();
    let browser = async {
        let http = dingtalk::shared_client(None).unwrap();
        let consent = http.get(&auth).send().await.unwrap();
        assert_eq!(consent.status(), 302);
        let location = consent.headers()["location"].to_str().unwrap().to_string();
        open(&location).await
    };
    let (page, r) = tokio::join!(browser, s.finish(WAIT, Cancel::new()));
    assert_eq!(r.status, CheckStatus::Ok);
    assert!(
        page.contains("登录测试完成，请回到钉钉绑定向导查看结果"),
        "{page}"
    );
    assert!(page.contains("Go back to the Dingbind wizard"), "{page}");
    assert!(page.contains("已登录：王建国 (manager4220)"), "{page}");
}

#[tokio::test]
async fn missing_contact_user_read_is_named() {
    let (r, _sim) = round_trip(|s| s.apps[0].scopes.retain(|x| x != "Contact.User.Read")).await;
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::MissingScope))
    );
    assert_eq!(r.data["required_scopes"], json!(["Contact.User.Read"]));
    assert!(
        r.message.zh.contains("contact/users/me"),
        "{}",
        r.message.zh
    );
    assert!(r.fix.as_ref().unwrap().zh.contains("Contact.User.Read"));
    assert!(
        !r.original.as_deref().unwrap().is_empty(),
        "DingTalk's words kept"
    );
    assert!(r.fix_url.is_some());
}

/// An answer Dingbind does not recognise at a step says so with DingTalk's words: a warning, not
/// a confident failure.
#[tokio::test]
async fn an_unrecognised_answer_at_a_step_is_a_warning() {
    let (r, _sim) = round_trip(|s| {
        s.faults.push(
            toml::from_str("kind = \"unknown_error\"\npath = \"/v1.0/contact/users/\"").unwrap(),
        )
    })
    .await;
    assert_eq!((r.status, r.code), (CheckStatus::Warn, Some(D::Unknown)));
    assert!(r.original.as_deref().is_some_and(|o| !o.is_empty()));
}

#[tokio::test]
async fn someone_from_another_organisation_cannot_sign_in() {
    let (r, _sim) = round_trip(|s| {
        s.login.userid = None;
        s.login.unionid = Some("O6tH6QigH9h1ZVTzI0lKINq0".into());
        s.login.nick = Some("外部访客".into());
    })
    .await;
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::UserNotInOrg))
    );
    assert!(r.message.zh.contains("「外部访客」") && r.message.zh.contains("不支持跨组织登录"));
    assert!(
        r.message.en.contains("cross-organisation"),
        "{}",
        r.message.en
    );
    assert!(r.message.zh.contains("60121"));
    assert_eq!(r.data["nick"], "外部访客");
    assert_eq!(r.data["unionid"], "O6tH6QigH9h1ZVTzI0lKINq0");
    assert!(r.original.as_deref().unwrap().contains("找不到该用户"));
}

#[tokio::test]
async fn a_member_outside_the_contact_range_signs_in_with_a_warning() {
    let (r, _sim) = round_trip(|s| {
        s.apps[0].contact_range = dingtalk_sim::scenario::Range {
            dept_ids: vec![466071002],
            ..Default::default()
        };
    })
    .await;
    assert_eq!((r.status, r.code), (CheckStatus::Warn, Some(D::OutOfRange)));
    assert!(r
        .message
        .zh
        .starts_with("已登录：王建国 (manager4220) · 示例科技（杭州）有限公司。但读取成员详情"));
    assert_eq!(r.data["userid"], sc::ADMIN_USERID);
}

#[tokio::test]
async fn an_expired_code_is_explained() {
    let (r, _sim) = round_trip(|s| s.login.code_expired = true).await;
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::AuthCodeInvalid))
    );
    assert!(r.message.zh.contains("userAccessToken"), "{}", r.message.zh);
    assert!(r
        .original
        .as_deref()
        .unwrap()
        .contains("不合法的临时授权码"));
}

#[tokio::test]
async fn an_unregistered_redirect_url_is_found_before_and_after_waiting() {
    let sim = sim_with(|_| {}).await;
    let s = session(&sim, false).await;
    let url = s.redirect_url().to_string();

    let pre = s.preflight().await;
    let pre = pre.blocked().expect("the redirect error page").clone();
    assert_clean(&pre);
    assert_eq!(
        (pre.status, pre.code),
        (CheckStatus::Fail, Some(D::RedirectNotRegistered))
    );
    // The exact URL to register is the first thing to do at the redirect URL setting.
    let advice = pre.advice.as_ref().expect("the diagnosis in parts");
    assert_eq!(
        advice.steps[0].zh,
        format!("要登记的重定向URL：{url}"),
        "{advice:?}"
    );
    assert!(advice
        .place
        .as_ref()
        .unwrap()
        .zh
        .contains("重定向URL（回调域名）"));
    let fix = pre.fix.as_ref().unwrap();
    assert!(fix.zh.contains(&url) && fix.en.contains(&url), "{fix:?}");
    assert!(pre.original.as_deref().unwrap().contains("重定向错误"));
    assert_eq!(pre.data["http_status"], 400);
    assert_eq!(pre.trace.len(), 1);

    let browser = login::simulate_browser(s.auth_url()).await;
    assert!(
        matches!(&browser, Err(LoginError::Browser(m)) if m.contains("400")),
        "{browser:?}"
    );

    let r = s.finish(Duration::from_millis(300), Cancel::new()).await;
    assert_clean(&r);
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::RedirectNotRegistered))
    );
    assert!(
        r.message
            .zh
            .starts_with("等了 1 秒，没有收到钉钉的登录回调。"),
        "{}",
        r.message.zh
    );
    assert!(r.fix.unwrap().zh.contains(&url));
}

#[tokio::test]
async fn no_scan_times_out_naming_the_redirect_url() {
    let sim = sim_with(|_| {}).await;
    let s = session(&sim, true).await;
    let url = s.redirect_url().to_string();
    let r = s.finish(Duration::from_millis(200), Cancel::new()).await;
    assert_clean(&r);
    assert_eq!((r.status, r.code), (CheckStatus::Fail, Some(D::Timeout)));
    assert!(r.message.zh.contains(&url) && r.message.zh.contains("重定向URL"));
    assert!(r.message.en.contains(&url));
    assert!(r.fix.unwrap().zh.contains(&url));
    assert_eq!(sim.requests_to("/oauth2/userAccessToken"), 0);
}

#[tokio::test]
async fn a_foreign_state_is_refused_and_its_code_never_used() {
    let sim = sim_with(|_| {}).await;
    let s = session(&sim, true).await;
    let forged = format!(
        "{}?code=stolen0code&authCode=stolen0code&state=not-ours",
        s.redirect_url()
    );
    let (page, r) = tokio::join!(open(&forged), s.finish(WAIT, Cancel::new()));
    assert_clean(&r);
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::StateMismatch))
    );
    assert!(r.message.zh.contains("state") && r.message.en.contains("CSRF"));
    assert!(!serde_json::to_string(&r).unwrap().contains("stolen0code"));
    assert!(page.contains("登录测试没有通过"), "{page}");
    assert!(page.contains("登录回调里的 state"), "{page}");
    assert_eq!(sim.requests_to("/oauth2/userAccessToken"), 0);
}

#[tokio::test]
async fn a_callback_without_a_code_fails() {
    let sim = sim_with(|_| {}).await;
    let s = session(&sim, true).await;
    let back = format!(
        "{}?state={}&error=access_denied",
        s.redirect_url(),
        state_of(s.auth_url())
    );
    let (_, r) = tokio::join!(open(&back), s.finish(WAIT, Cancel::new()));
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::AuthCodeInvalid))
    );
    assert!(r.message.zh.contains("没有授权码"));
    assert_eq!(r.original.as_deref(), Some("access_denied"));
}

#[tokio::test]
async fn cancelling_ends_the_wait() {
    let sim = sim_with(|_| {}).await;
    let s = session(&sim, true).await;
    let cancel = Cancel::new();
    let c = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        c.cancel();
    });
    let t0 = std::time::Instant::now();
    let r = s.finish(WAIT, cancel).await;
    assert!(t0.elapsed() < Duration::from_secs(5));
    assert_eq!((r.status, r.code), (CheckStatus::Skipped, None));
    assert_eq!(r.data["cancelled"], true);
}

#[tokio::test]
async fn a_busy_port_says_which_and_what_to_do() {
    let sim = sim_with(|_| {}).await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let e = login::start(input(&sim), port).await.unwrap_err();
    assert!(matches!(e, LoginError::PortBusy { port: p } if p == port));
    assert_eq!(e.code(), "port_busy");
    let t = e.text();
    assert!(t.zh.contains(&port.to_string()) && t.en.contains(&port.to_string()));
    assert!(t.zh.contains("关掉") && t.en.contains("Close"));
    assert!(e.to_string().contains("已被占用") && e.to_string().contains("in use"));
}

#[tokio::test]
async fn nothing_secret_in_debug() {
    let sim = sim_with(|_| {}).await;
    let i = input(&sim);
    assert!(!format!("{i:?}").contains(sc::CLIENT_SECRET));
    let s = login::start(i, 0).await.unwrap();
    assert!(!format!("{s:?}").contains(sc::CLIENT_SECRET));
}

#[tokio::test]
async fn the_login_url_asks_for_the_corp_id() {
    let sim = sim_with(|_| {}).await;
    let s = session(&sim, true).await;
    assert!(
        s.auth_url().contains("&scope=openid%20corpid&"),
        "{}",
        s.auth_url()
    );
}

#[tokio::test]
async fn a_login_without_a_corp_id_entered_names_the_org_but_proves_nothing() {
    let sim = sim_with(|_| {}).await;
    let mut i = input(&sim);
    i.corp_id = None;
    let s = login::start(i, 0).await.unwrap();
    let mut scenario = sim.scenario();
    scenario.apps[0].redirect_urls.push(s.redirect_url().into());
    sim.set_scenario(scenario).unwrap();
    let r = round_trip_on(s).await;
    assert_eq!((r.status, r.code), (CheckStatus::Ok, None), "{r:#?}");
    assert_eq!(r.data["login_corp_id"], sc::CORP_ID);
    assert!(!r.data.contains_key("corp_id_proved"));
}

#[tokio::test]
async fn a_login_in_another_org_than_the_corp_id_entered_fails() {
    // `wrong-corp-id`: the org's real CorpId differs from the shared one the wizard enters.
    let sim = sim_of("wrong-corp-id", |_| {}).await;
    let s = session(&sim, true).await;
    let r = round_trip_on(s).await;
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::BadCorpId)),
        "{r:#?}"
    );
    let real = sc::WRONG_CORP_ID_REAL_CORP_ID;
    assert!(
        r.message.zh.starts_with("已登录：王建国 (manager4220)"),
        "{}",
        r.message.zh
    );
    for text in [&r.message.zh, &r.message.en] {
        assert!(text.contains(real) && text.contains(sc::CORP_ID), "{text}");
    }
    let fix = r.fix.as_ref().unwrap();
    assert!(fix.zh.contains(real) && fix.en.contains(real), "{fix:?}");
    assert!(fix.zh.contains("选择本企业"), "{}", fix.zh);
    assert_eq!(r.data["login_corp_id"], real);
    assert_eq!(r.data["corp_id"], sc::CORP_ID);
    assert_eq!(r.data["userid"], sc::ADMIN_USERID);
    assert!(!r.data.contains_key("corp_id_proved"));
    assert!(r.fix_url.is_some());
}

#[tokio::test]
async fn an_external_contact_of_the_org_is_not_a_member() {
    // `external-contact-login`: 周敏 is an external contact; getbyunionid answers contact_type 1
    // with a userid.
    let sim = sim_of("external-contact-login", |_| {}).await;
    let s = session(&sim, true).await;
    let r = round_trip_on(s).await;
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::UserNotInOrg)),
        "{r:#?}"
    );
    assert!(
        r.message.zh.contains("「周敏」") && r.message.zh.contains("外部联系人"),
        "{}",
        r.message.zh
    );
    assert!(r.message.zh.contains("getbyunionid"), "{}", r.message.zh);
    assert!(
        r.message.en.contains("external contact"),
        "{}",
        r.message.en
    );
    assert_eq!(r.data["contact_type"], 1);
    assert_eq!(r.data["nick"], "周敏");
    assert_eq!(r.data["unionid"], "Zm8Qw2ExtC0ntactUn10n77");
    assert!(!r.data.contains_key("userid"), "not a member: no userid");
    assert!(r.fix.is_some());
    assert!(r.trace.iter().any(|t| t.url.contains("getbyunionid")));
    assert!(!r.trace.iter().any(|t| t.url.contains("/v2/user/get")));
}

/// A modern login page renders with scripts; its string table may hold every error text.
const SCRIPT_ONLY: &str = r#"<!DOCTYPE html><html><head><title>钉钉统一身份认证</title>
<script>window.__I18N__={"redirectError":"重定向错误","redirectDetail":"redirect_uri未授权"};</script>
<style>.err::after{content:"重定向错误"}</style></head>
<body><!-- <h1>重定向错误</h1> --><div id="root"></div><noscript>请启用 JavaScript</noscript>
<template><h1>重定向错误</h1></template><script src="/app.js"></script></body></html>"#;

#[tokio::test]
async fn error_texts_inside_scripts_do_not_block_the_login() {
    let sim = sim_with(|_| {}).await;
    let s = session_with_login_page(&sim, login_page(200, SCRIPT_ONLY).await).await;
    let pre = s.preflight().await;
    assert!(matches!(pre, Preflight::Clear), "{pre:?}");

    // The same page with an error status is a warning, still not a redirect finding.
    let s = session_with_login_page(&sim, login_page(400, SCRIPT_ONLY).await).await;
    let pre = s.preflight().await;
    let w = pre.warning().expect("a warning").clone();
    assert!(pre.blocked().is_none());
    assert!(
        w.zh.contains("HTTP 400") && w.en.contains("HTTP 400"),
        "{w:?}"
    );
    assert!(
        w.zh.contains("请启用 JavaScript"),
        "the visible words: {w:?}"
    );
    assert!(!w.zh.contains("重定向错误"), "{w:?}");
}

#[tokio::test]
async fn a_refused_login_page_is_only_a_warning() {
    let sim = sim_with(|_| {}).await;
    let page = login_page(
        403,
        "<html><body><h1>403 Forbidden</h1><p>Access denied by WAF</p></body></html>",
    )
    .await;
    let s = session_with_login_page(&sim, page).await;
    let pre = s.preflight().await;
    assert!(pre.blocked().is_none(), "{pre:?}");
    let w = pre.warning().expect("a warning").clone();
    assert!(
        w.zh.contains("HTTP 403") && w.zh.contains("浏览器仍会照常打开"),
        "{}",
        w.zh
    );
    assert!(
        w.en.contains("HTTP 403") && w.en.contains("opens the login page anyway"),
        "{}",
        w.en
    );
    assert!(w.en.contains("Access denied by WAF"), "{}", w.en);

    // No scan: the timeout decides, naming the redirect URL, with the warning beside it.
    let url = s.redirect_url().to_string();
    let r = s.finish(Duration::from_millis(200), Cancel::new()).await;
    assert_clean(&r);
    assert_eq!((r.status, r.code), (CheckStatus::Fail, Some(D::Timeout)));
    assert!(
        r.message.zh.contains(&url) && r.message.zh.contains("HTTP 403"),
        "{}",
        r.message.zh
    );
    assert!(
        r.message.en.contains("Also: When the wizard itself"),
        "{}",
        r.message.en
    );
}

#[tokio::test]
async fn an_unreachable_login_page_is_only_a_warning() {
    let sim = sim_with(|_| {}).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let s = session_with_login_page(&sim, base).await;
    let pre = s.preflight().await;
    assert!(pre.blocked().is_none(), "{pre:?}");
    let w = pre.warning().expect("a warning");
    assert!(
        w.zh.contains("没能打开钉钉登录页") && w.en.contains("opens it anyway"),
        "{w:?}"
    );
}

#[tokio::test]
async fn a_visible_redirect_error_blocks_whatever_the_status() {
    let sim = sim_with(|_| {}).await;
    let page = login_page(
        200,
        r#"<html><head><script>var t="x";</script></head><body><div class="error"><h1>重定向&#38169;&#35823;</h1><p>redirect_uri未授权</p></div></body></html>"#,
    )
    .await;
    let s = session_with_login_page(&sim, page).await;
    let url = s.redirect_url().to_string();
    let pre = s.preflight().await;
    assert!(pre.warning().is_none());
    let r = pre.blocked().expect("a visible error is proof");
    assert_clean(r);
    assert_eq!(
        (r.status, r.code),
        (CheckStatus::Fail, Some(D::RedirectNotRegistered))
    );
    assert_eq!(r.data["http_status"], 200);
    assert!(r.fix.as_ref().unwrap().zh.contains(&url));
    assert_eq!(r.original.as_deref(), Some("重定向错误 redirect_uri未授权"));
}

#[test]
fn the_default_redirect_url_is_registered_in_every_practice_scenario() {
    let url = login::redirect_url(login::DEFAULT_PORT);
    assert_eq!(url, "http://127.0.0.1:27180/dingbind/login");
    assert_eq!(url, sc::LOGIN_TEST_REDIRECT_URL);
    for name in sc::names() {
        let s = sc::builtin(name).unwrap();
        assert!(s.apps[0].redirect_urls.contains(&url), "{name}");
    }
}

#[test]
fn pasted_state_errors_are_explained() {
    for text in [
        "OAuth2 error: state mismatch",
        "state参数不一致",
        "Invalid state parameter",
    ] {
        assert_eq!(explain(text)[0].code, D::StateMismatch, "{text}");
    }
}
