//! The check engine against the simulator: every ready scenario gives exactly the statuses and
//! diagnosis codes the admin should see; faults, deadline, cancellation; no secret anywhere.

use dingbind_core::checks::{run, Cancel, CheckInput, CheckOptions, CheckRun, CheckStatus};
use dingbind_core::diagnosis::DiagnosisCode;
use dingbind_core::{template, Field};
use dingtalk_sim::scenarios as sc;
use dingtalk_sim::Sim;
use std::collections::BTreeMap;

fn input(sim: &dingtalk_sim::SimHandle) -> CheckInput {
    let t = template::builtin("yidianyun-private-cloud")
        .unwrap()
        .clone();
    let mut values = BTreeMap::new();
    values.insert(Field::Domain, "oa.example.com".to_string());
    values.insert(Field::CorpId, sc::CORP_ID.to_string());
    values.insert(Field::CorpName, "示例科技".to_string());
    values.insert(Field::AgentId, sc::AGENT_ID.to_string());
    values.insert(Field::ClientId, sc::CLIENT_ID.to_string());
    let cfg = dingtalk::Config {
        endpoints: dingbind_core::checks::practice::sim_endpoints(sim),
        backoff: std::time::Duration::from_millis(20),
        ..dingtalk::Config::default()
    };
    CheckInput {
        template: t,
        values,
        urls: BTreeMap::new(),
        secrets: [
            (Field::ClientSecret, sc::CLIENT_SECRET.to_string()),
            (Field::SsoSecret, sc::SSO_SECRET.to_string()),
        ]
        .into_iter()
        .collect(),
        options: CheckOptions::default(),
        dingtalk: cfg,
        login_passed_at: None,
    }
}

async fn run_scenario(name: &str) -> CheckRun {
    let sim = Sim::start(sc::builtin(name).unwrap(), 0).await.unwrap();
    let run = run(input(&sim), Some(name.into()), Cancel::new(), |_| {}).await;
    sim.shutdown().await;
    run
}

use CheckStatus::{Fail, Manual, Ok as Pass, Skipped, Warn};
use DiagnosisCode as D;

type Row = (&'static str, CheckStatus, Option<DiagnosisCode>);

/// What the admin sees for each scenario: every check's status and diagnosis code. Checks not
/// listed are `ok`, except the platform checks (practice mode does not contact the platform:
/// skipped) and the two scopes only a user login can prove (manual).
fn expected(name: &str) -> Vec<Row> {
    let token_skips = || -> Vec<Row> {
        [
            "credentials.corp_id",
            "app.agent_id",
            "scope.qyapi_get_member",
            "scope.qyapi_get_department_list",
            "scope.qyapi_get_department_member",
            "scope.Contact.User.Read",
            "scope.Contact.User.mobile",
            "scope.Todo.Todo.Write",
            "scope.Todo.Todo.Read",
            "contact.departments",
            "contact.users",
            "contact.visible_range",
        ]
        .into_iter()
        .map(|id| (id, Skipped, None))
        .collect()
    };
    match name {
        "healthy" | "rate-limited" => vec![],
        "wrong-secret" => {
            let mut v = vec![
                ("credentials.token", Fail, Some(D::BadCredentials)),
                ("network.ip_whitelist", Skipped, None),
            ];
            v.extend(token_skips());
            v
        }
        "wrong-corp-id" => vec![
            ("credentials.corp_id", Fail, Some(D::BadCorpId)),
            ("sso.token", Fail, Some(D::BadCorpId)),
        ],
        "missing-contact-scope" => vec![
            ("scope.qyapi_get_member", Fail, Some(D::MissingScope)),
            (
                "scope.qyapi_get_department_list",
                Fail,
                Some(D::MissingScope),
            ),
            (
                "scope.qyapi_get_department_member",
                Fail,
                Some(D::MissingScope),
            ),
            ("contact.departments", Skipped, None),
            ("contact.users", Skipped, None),
        ],
        "missing-todo-scope" => vec![
            ("scope.Todo.Todo.Write", Fail, Some(D::MissingScope)),
            ("scope.Todo.Todo.Read", Fail, Some(D::MissingScope)),
        ],
        "ip-not-whitelisted" => {
            let mut v = vec![
                ("network.ip_whitelist", Fail, Some(D::IpNotWhitelisted)),
                ("credentials.token", Skipped, None),
            ];
            v.extend(token_skips());
            v
        }
        "narrow-visible-range" => vec![
            ("scope.qyapi_get_department_list", Warn, Some(D::OutOfRange)),
            (
                "scope.qyapi_get_department_member",
                Warn,
                Some(D::OutOfRange),
            ),
            ("contact.departments", Warn, Some(D::OutOfRange)),
            ("contact.visible_range", Warn, None),
        ],
        "flaky-network" => vec![
            ("scope.qyapi_get_member", Fail, Some(D::HttpStatus)),
            ("contact.users", Fail, Some(D::HttpStatus)),
            (
                "scope.qyapi_get_department_member",
                Fail,
                Some(D::HttpStatus),
            ),
            (
                "scope.qyapi_get_department_list",
                Fail,
                Some(D::UnexpectedResponse),
            ),
            ("contact.departments", Fail, Some(D::UnexpectedResponse)),
        ],
        other => panic!("no expectation for scenario {other}"),
    }
}

fn default_row(id: &str) -> (CheckStatus, Option<DiagnosisCode>) {
    if id.starts_with("domain.") || id.starts_with("url.") {
        (Skipped, None)
    } else if id == "scope.Contact.User.Read" || id == "scope.Contact.User.mobile" {
        (Manual, None)
    } else {
        (Pass, None)
    }
}

#[tokio::test]
async fn every_scenario_gives_exactly_the_expected_statuses_and_codes() {
    let mut failures = Vec::new();
    for name in sc::names() {
        let run = run_scenario(name).await;
        let table = expected(name);
        for c in &run.checks {
            let want = table
                .iter()
                .find(|r| r.0 == c.id)
                .map(|r| (r.1, r.2))
                .unwrap_or_else(|| default_row(&c.id));
            if (c.status, c.code) != want {
                failures.push(format!(
                    "{name}: {} is {:?}/{:?}, expected {:?}/{:?}",
                    c.id, c.status, c.code, want.0, want.1
                ));
            }
        }
        for row in &table {
            assert!(
                run.checks.iter().any(|c| c.id == row.0),
                "{name}: no check {}",
                row.0
            );
        }
        assert_eq!(
            run.checks.len(),
            22,
            "{name}: the seed-003 plan has 22 checks"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn findings_carry_their_data() {
    let run = run_scenario("ip-not-whitelisted").await;
    let w = run
        .checks
        .iter()
        .find(|c| c.id == "network.ip_whitelist")
        .unwrap();
    assert_eq!(w.data["egress_ip"], sc::EGRESS_IP);
    assert!(
        w.fix.as_ref().unwrap().zh.contains(sc::EGRESS_IP),
        "the fix names the IP to whitelist"
    );
    assert!(
        w.original.as_ref().unwrap().contains("request ip="),
        "DingTalk's own text is kept"
    );
    let t = run
        .checks
        .iter()
        .find(|c| c.id == "credentials.token")
        .unwrap();
    assert_eq!(t.skipped_because, vec!["network.ip_whitelist".to_string()]);

    let run = run_scenario("missing-contact-scope").await;
    for code in [
        "qyapi_get_member",
        "qyapi_get_department_list",
        "qyapi_get_department_member",
    ] {
        let c = run
            .checks
            .iter()
            .find(|c| c.id == format!("scope.{code}"))
            .unwrap();
        assert_eq!(
            c.data["required_scopes"],
            serde_json::json!([code]),
            "{code}"
        );
        assert!(
            c.fix.as_ref().unwrap().zh.contains(code),
            "the fix names {code} to search for"
        );
    }
    let run = run_scenario("missing-todo-scope").await;
    let c = run
        .checks
        .iter()
        .find(|c| c.id == "scope.Todo.Todo.Write")
        .unwrap();
    assert_eq!(
        c.data["required_scopes"],
        serde_json::json!(["Todo.Todo.Write"]),
        "from accessdenieddetail"
    );

    let run = run_scenario("healthy").await;
    let users = run.checks.iter().find(|c| c.id == "contact.users").unwrap();
    assert!(users.data["count"].as_i64().unwrap() > 0);
    assert_eq!(run.summary.fail + run.summary.warn, 0);
}

#[tokio::test]
async fn rate_limits_are_retried_and_the_token_is_fetched_once() {
    let sim = Sim::start(sc::builtin("rate-limited").unwrap(), 0)
        .await
        .unwrap();
    let run = run(input(&sim), None, Cancel::new(), |_| {}).await;
    let limited = run
        .checks
        .iter()
        .flat_map(|c| &c.trace)
        .filter(|e| {
            e.response_body.as_deref().unwrap_or("").contains("90018")
                || e.response_body
                    .as_deref()
                    .unwrap_or("")
                    .contains("QpsLimit")
        })
        .count();
    assert!(limited > 0, "the scenario's burst was seen");
    assert!(
        run.checks.iter().all(|c| c.code != Some(D::RateLimited)),
        "{}",
        dump(&run)
    );
    // However many checks need it, the app token is asked for until one answer succeeds, not per check.
    let token_calls = sim.requests_to("/v1.0/oauth2/accessToken");
    assert!(token_calls <= 4, "{token_calls} token calls");
    sim.shutdown().await;
}

fn with_fault(name: &str, fault: &str) -> dingtalk_sim::Scenario {
    let mut s = sc::builtin(name).unwrap();
    let f: dingtalk_sim::Fault = toml::from_str(fault).unwrap();
    s.faults.push(f);
    s
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once() {
    let sim = Sim::start(
        with_fault(
            "healthy",
            "kind = \"token_expiry\"\nafter_uses = 2\ncount = 1",
        ),
        0,
    )
    .await
    .unwrap();
    let run = run(input(&sim), Some("healthy".into()), Cancel::new(), |_| {}).await;
    assert_eq!(run.summary.fail, 0, "{}", dump(&run));
    assert!(run.checks.iter().all(|c| c.code != Some(D::TokenExpired)));
    assert_eq!(
        sim.requests_to("/v1.0/oauth2/accessToken"),
        2,
        "one fetch, one refresh"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn no_check_outlives_the_deadline() {
    let sim = Sim::start(
        with_fault(
            "healthy",
            "kind = \"timeout\"\npath = \"/topapi/user/count\"",
        ),
        0,
    )
    .await
    .unwrap();
    let mut i = input(&sim);
    i.options.deadline_ms = 1500;
    let start = std::time::Instant::now();
    let run = run(i, Some("healthy".into()), Cancel::new(), |_| {}).await;
    let took = start.elapsed();
    assert!(
        took < std::time::Duration::from_millis(2500),
        "took {took:?}"
    );
    assert!(run.deadline_hit);
    let c = run.checks.iter().find(|c| c.id == "contact.users").unwrap();
    assert_eq!((c.status, c.code), (Fail, Some(D::Timeout)));
    assert_eq!(
        run.checks
            .iter()
            .find(|c| c.id == "credentials.token")
            .unwrap()
            .status,
        Pass,
        "the rest finished"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_request_timeout_is_diagnosed() {
    let sim = Sim::start(
        with_fault(
            "healthy",
            "kind = \"timeout\"\npath = \"/topapi/v2/department/listsub\"",
        ),
        0,
    )
    .await
    .unwrap();
    let mut i = input(&sim);
    i.dingtalk.timeout = std::time::Duration::from_millis(400);
    let run = run(i, Some("healthy".into()), Cancel::new(), |_| {}).await;
    assert!(!run.deadline_hit);
    let c = run
        .checks
        .iter()
        .find(|c| c.id == "contact.departments")
        .unwrap();
    assert_eq!(
        (c.status, c.code),
        (Fail, Some(D::Timeout)),
        "{}",
        dump(&run)
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn cancellation_stops_in_flight_requests() {
    let sim = Sim::start(
        with_fault("healthy", "kind = \"timeout\"\npath = \"/topapi/\""),
        0,
    )
    .await
    .unwrap();
    let cancel = Cancel::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        c2.cancel();
    });
    let start = std::time::Instant::now();
    let run = run(input(&sim), Some("healthy".into()), cancel, |_| {}).await;
    assert!(start.elapsed() < std::time::Duration::from_millis(1000));
    assert!(run.cancelled);
    let cancelled = run
        .checks
        .iter()
        .filter(|c| c.data.get("cancelled").is_some())
        .count();
    assert!(cancelled >= 3, "{}", dump(&run));
    let seen = sim.request_count();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        sim.request_count(),
        seen,
        "nothing keeps calling DingTalk after cancel"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn results_stream_as_they_finish() {
    let sim = Sim::start(sc::builtin("healthy").unwrap(), 0)
        .await
        .unwrap();
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = events.clone();
    let run = run(
        input(&sim),
        Some("healthy".into()),
        Cancel::new(),
        move |e| {
            log.lock().unwrap().push(match e {
                dingbind_core::checks::CheckEvent::Planned { checks } => {
                    format!("planned {}", checks.len())
                }
                dingbind_core::checks::CheckEvent::Finished { result } => result.id.clone(),
            })
        },
    )
    .await;
    let events = events.lock().unwrap().clone();
    assert_eq!(events[0], "planned 22");
    assert_eq!(events.len(), 1 + run.checks.len(), "one event per check");
    sim.shutdown().await;
}

#[tokio::test]
async fn no_result_or_trace_contains_a_secret() {
    for name in sc::names() {
        let sim = Sim::start(sc::builtin(name).unwrap(), 0).await.unwrap();
        let run = run(input(&sim), Some(name.into()), Cancel::new(), |_| {}).await;
        let json = serde_json::to_string(&run).unwrap();
        let debug = format!("{run:?}");
        for secret in [sc::CLIENT_SECRET, sc::SSO_SECRET] {
            assert!(
                !json.contains(secret) && !debug.contains(secret),
                "{name}: a secret leaked"
            );
        }
        // Tokens DingTalk issued never appear either: every token-bearing spot is redacted.
        for e in run.checks.iter().flat_map(|c| &c.trace) {
            assert!(
                !e.url.contains("access_token=") || e.url.contains("access_token=***"),
                "{}",
                e.url
            );
            if let Some(b) = &e.response_body {
                assert!(
                    !b.contains("\"accessToken\":\"") || b.contains("\"accessToken\":\"***\""),
                    "{b}"
                );
                assert!(
                    !b.contains("\"access_token\":\"") || b.contains("\"access_token\":\"***\""),
                    "{b}"
                );
            }
        }
        sim.shutdown().await;
    }
}

fn dump(run: &CheckRun) -> String {
    run.checks
        .iter()
        .map(|c| {
            format!(
                "{:<32} {:?} {:?} {:?}\n",
                c.id, c.status, c.code, c.skipped_because
            )
        })
        .collect()
}

#[tokio::test]
async fn a_skewed_clock_is_caught_from_dingtalks_date_header() {
    for (skew, want) in [(30, Warn), (120, Fail)] {
        let mut s = sc::builtin("healthy").unwrap();
        s.clock_skew_secs = skew;
        let sim = Sim::start(s, 0).await.unwrap();
        let run = run(input(&sim), Some("healthy".into()), Cancel::new(), |_| {}).await;
        let c = run.checks.iter().find(|c| c.id == "clock.skew").unwrap();
        assert_eq!(
            (c.status, c.code),
            (want, Some(D::ClockSkew)),
            "skew {skew}"
        );
        let seen = c.data["skew_secs"].as_i64().unwrap();
        assert!(
            (seen + skew).abs() <= 2,
            "DingTalk is {skew} s ahead; saw {seen}"
        );
        sim.shutdown().await;
    }
}
