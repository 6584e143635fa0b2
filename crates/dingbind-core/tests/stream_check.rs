//! The Stream credentials check (`stream.credentials`), planned only for a platform that takes its
//! events by Stream: it asks the Stream gateway for a connection (`connections/open`) and opens
//! none. Against the simulator: ok with an endpoint and ticket, fail on 401 `authFailed` (saying
//! whether the paste had stray characters) and on the gateway's 400 `systemError`, a warning on an
//! answer it does not know; the ticket never reaches a result.

mod common;

use dingbind_core::checks::{
    plan, run, Cancel, CheckInput, CheckOptions, CheckResult, CheckStatus, PracticeScenario,
};
use dingbind_core::diagnosis::DiagnosisCode;
use dingbind_core::{template, Field};
use dingtalk_sim::scenarios as sc;
use dingtalk_sim::{Fault, FaultKind, Scenario, Sim};
use std::collections::BTreeMap;

const STREAM: &str = "stream.credentials";

fn input(sim: &dingtalk_sim::SimHandle, template_id: &str, client_secret: &str) -> CheckInput {
    let t = template::builtin(template_id).unwrap().clone();
    let values: BTreeMap<Field, String> = [
        (Field::Domain, "oa.example.com"),
        (Field::CorpId, sc::CORP_ID),
        (Field::AgentId, "3219876540"),
        (Field::ClientId, sc::CLIENT_ID),
    ]
    .into_iter()
    .map(|(f, v)| (f, v.to_string()))
    .collect();
    let secrets = BTreeMap::from([(Field::ClientSecret, client_secret.to_string())]);
    let cfg = dingtalk::Config {
        endpoints: common::sim_endpoints(sim),
        backoff: std::time::Duration::from_millis(20),
        ..dingtalk::Config::default()
    };
    CheckInput::new(
        t,
        &values,
        &BTreeMap::new(),
        &secrets,
        CheckOptions::default(),
        cfg,
    )
}

async fn stream_check(scenario: Scenario, client_secret: &str) -> (CheckResult, usize) {
    let sim = Sim::start(scenario, 0).await.unwrap();
    let input = input(&sim, "ehr-sync-stream", client_secret);
    let r = run(
        input,
        Some(PracticeScenario::untitled("test")),
        Cancel::new(),
        |_| {},
    )
    .await;
    let gateway_calls = sim.requests_to("/v1.0/gateway/connections/open");
    sim.shutdown().await;
    let check = r
        .checks
        .into_iter()
        .find(|c| c.id == STREAM)
        .expect("planned");
    (check, gateway_calls)
}

fn scenario(name: &str) -> Scenario {
    sc::builtin(name).unwrap()
}

#[test]
fn only_a_stream_platform_plans_the_gateway_check() {
    let sim_free = |id: &str| {
        let t = template::builtin(id).unwrap().clone();
        CheckInput::new(
            t,
            &BTreeMap::new(),
            &BTreeMap::new(),
            &BTreeMap::new(),
            CheckOptions::default(),
            dingtalk::Config::default(),
        )
    };
    let ids = |id: &str| -> Vec<String> { plan(&sim_free(id)).into_iter().map(|c| c.id).collect() };
    let stream = ids("ehr-sync-stream");
    assert!(stream.iter().any(|c| c == STREAM));
    assert!(!stream
        .iter()
        .any(|c| c == "event.check_url" || c == "url.event_callback"));
    for id in ["ehr-sync", "yidianyun-private-cloud", "custom-urls"] {
        assert!(!ids(id).iter().any(|c| c == STREAM), "{id}");
    }
    assert!(ids("ehr-sync").iter().any(|c| c == "event.check_url"));
}

#[tokio::test]
async fn valid_credentials_pass_with_one_request_and_no_connection() {
    let (c, calls) = stream_check(scenario("healthy"), sc::CLIENT_SECRET).await;
    assert_eq!(c.status, CheckStatus::Ok, "{c:?}");
    assert_eq!(calls, 1, "one connections/open, nothing else");
    assert_eq!(
        c.data["endpoint"],
        "wss://wss-open-connection.dingtalk.com:443/connect"
    );
    assert!(c.message.zh.contains("没有打开连接") && c.message.en.contains("opened no connection"));
    // The one-time ticket and the secret never reach the result.
    assert_eq!(c.trace.len(), 1);
    let body = c.trace[0].response_body.as_deref().unwrap();
    assert!(body.contains(r#""ticket":"***""#), "{body}");
    let all = serde_json::to_string(&c).unwrap();
    assert!(!all.contains(sc::CLIENT_SECRET));
    assert!(
        !c.message.zh.contains("空格"),
        "no stray-character note without stray characters"
    );
}

#[tokio::test]
async fn a_pasted_secret_with_stray_spaces_passes_cleaned_and_says_so() {
    let pasted = format!(" {}\u{200B}\n", sc::CLIENT_SECRET);
    let (c, _) = stream_check(scenario("healthy"), &pasted).await;
    assert_eq!(c.status, CheckStatus::Ok, "{c:?}");
    assert!(
        c.message.zh.contains("空格") && c.message.zh.contains("authFailed"),
        "{}",
        c.message.zh
    );
    assert!(
        c.message.en.contains("invisible characters"),
        "{}",
        c.message.en
    );
}

#[tokio::test]
async fn auth_failed_fails_as_bad_credentials_with_the_stray_character_hint() {
    let (c, _) = stream_check(scenario("wrong-secret"), sc::CLIENT_SECRET).await;
    assert_eq!(
        (c.status, c.code),
        (CheckStatus::Fail, Some(DiagnosisCode::BadCredentials))
    );
    assert_eq!(
        c.original.as_deref().map(|o| o.contains("鉴权失败")),
        Some(true),
        "{c:?}"
    );
    let fix = c.fix.as_ref().unwrap();
    assert!(fix.zh.contains("没有多余的空格"), "{}", fix.zh);
    assert!(fix.zh.contains("没有打开连接"), "{}", fix.zh);
    assert!(
        c.advice.is_some(),
        "the advice card stays in step with the flat texts"
    );

    let (c, _) = stream_check(scenario("wrong-secret"), &format!("{} ", sc::CLIENT_SECRET)).await;
    assert_eq!(c.status, CheckStatus::Fail);
    let fix = c.fix.as_ref().unwrap();
    assert!(
        fix.zh.contains("空格、换行或看不见的字符") && fix.zh.contains("仍然拒绝"),
        "{}",
        fix.zh
    );
    assert!(fix.en.contains("not only the spaces"), "{}", fix.en);
}

#[tokio::test]
async fn the_gateway_refusing_with_400_system_error_fails() {
    let (c, _) = stream_check(scenario("stream-gateway-refused"), sc::CLIENT_SECRET).await;
    assert_eq!(
        (c.status, c.code),
        (CheckStatus::Fail, Some(DiagnosisCode::StreamGatewayRefused)),
        "{c:?}"
    );
    assert_eq!(c.data["http_status"], 400);
    assert!(c.original.as_deref().unwrap().contains("系统错误"), "{c:?}");
}

#[tokio::test]
async fn an_answer_it_does_not_know_is_a_warning_never_a_failure() {
    for kind in [FaultKind::UnknownError, FaultKind::ServerError] {
        let mut s = scenario("healthy");
        s.faults.push(Fault {
            kind: kind.clone(),
            path: Some("/v1.0/gateway/connections/open".into()),
            count: None,
            status: None,
            after_uses: 0,
            hang_secs: None,
        });
        let (c, _) = stream_check(s, sc::CLIENT_SECRET).await;
        assert_eq!(c.status, CheckStatus::Warn, "{kind:?}: {c:?}");
        assert_ne!(
            c.code,
            Some(DiagnosisCode::StreamGatewayRefused),
            "{kind:?}"
        );
    }
}

/// A 200 without a usable endpoint and ticket proves nothing: a warning, never ok.
#[tokio::test]
async fn a_200_without_an_endpoint_and_ticket_is_a_warning() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let _ = sock.read(&mut buf).await;
                let body = r#"{"endpoint":"","ticket":""}"#;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes()).await;
            });
        }
    });
    let t = template::builtin("ehr-sync-stream").unwrap().clone();
    let values = BTreeMap::from([(Field::ClientId, sc::CLIENT_ID.to_string())]);
    let secrets = BTreeMap::from([(Field::ClientSecret, sc::CLIENT_SECRET.to_string())]);
    let cfg = dingtalk::Config {
        endpoints: dingtalk::Endpoints {
            oapi: format!("{base}/oapi"),
            api: format!("{base}/api"),
            login: format!("{base}/login"),
        },
        ..dingtalk::Config::default()
    };
    let input = CheckInput::new(
        t,
        &values,
        &BTreeMap::new(),
        &secrets,
        CheckOptions::default(),
        cfg,
    );
    let r = run(
        input,
        Some(PracticeScenario::untitled("test")),
        Cancel::new(),
        |_| {},
    )
    .await;
    let c = r.checks.iter().find(|c| c.id == STREAM).unwrap();
    assert_eq!(c.status, CheckStatus::Warn, "{c:?}");
    assert!(
        c.message.zh.contains("没有给出可用的连接地址"),
        "{}",
        c.message.zh
    );
}
