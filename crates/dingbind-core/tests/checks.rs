//! The check engine against the simulator: every ready scenario gives exactly the statuses and
//! diagnosis codes the admin should see; faults, deadline, cancellation; no secret anywhere.

mod common;

use dingbind_core::checks::{
    run, Cancel, CheckInput, CheckOptions, CheckRun, CheckStatus, PracticeScenario,
};
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
        endpoints: common::sim_endpoints(sim),
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
        login_corp_id: None,
        pasted_stray: Vec::new(),
    }
}

/// A whole run in practice mode against the simulator in scenario `name`.
async fn practice_run(input: CheckInput, name: &str) -> CheckRun {
    run(
        input,
        Some(PracticeScenario::untitled(name)),
        Cancel::new(),
        |_| {},
    )
    .await
}

async fn run_scenario(name: &str) -> CheckRun {
    let sim = Sim::start(sc::builtin(name).unwrap(), 0).await.unwrap();
    let run = practice_run(input(&sim), name).await;
    sim.shutdown().await;
    run
}

use CheckStatus::{Fail, Manual, Ok as Pass, Skipped, Warn};
use DiagnosisCode as D;

type Row = (&'static str, CheckStatus, Option<DiagnosisCode>);

/// What the admin sees for each scenario: every check's status and diagnosis code. Checks not
/// listed are `ok`, except the platform checks (practice mode does not contact the platform:
/// skipped), the two scopes only a user login can prove (manual), and the visible range, which a
/// healthy new app cannot read (no `qyapi_microapp_manage`: manual, never a failure).
fn expected(name: &str) -> Vec<Row> {
    // Everything that needs a token, skipped because the token (or the whitelist) did not pass.
    let token_skips = |except_corp_id: bool| -> Vec<Row> {
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
        .filter(|id| !(except_corp_id && *id == "credentials.corp_id"))
        .map(|id| (id, Skipped, None))
        .collect()
    };
    match name {
        // Healthy new apps, as DingTalk creates them today, and the same behind rate limits or
        // logging in as someone who is not a member (the login test's business, not the checks').
        "healthy" | "rate-limited" | "external-contact-login" => vec![],
        // The seed-003 platform takes no events by Stream: nothing asks the Stream gateway
        // (tests/stream_check.rs runs this scenario with a Stream template).
        "stream-gateway-refused" => vec![],
        "microapp-manage-granted" => vec![("contact.visible_range", Pass, None)],
        "role-visible-range" => vec![("contact.visible_range", Warn, None)],
        "wrong-agent-id" => vec![("app.agent_id", Fail, Some(D::BadAgentId))],
        "wrong-secret" => {
            let mut v = vec![
                ("credentials.token", Fail, Some(D::BadCredentials)),
                ("network.ip_whitelist", Skipped, None),
            ];
            v.extend(token_skips(false));
            v
        }
        // DingTalk answers a foreign CorpId with a bare 500: a warning that names the likely
        // cause, not a proof (the login test settles it).
        "wrong-corp-id" => vec![
            ("credentials.corp_id", Warn, Some(D::BadCorpId)),
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
        // The token is issued to any IP; the business calls are refused, once reported.
        "ip-not-whitelisted" => {
            let mut v = vec![
                ("network.ip_whitelist", Fail, Some(D::IpNotWhitelisted)),
                // Only a user login can prove these two: nothing was called.
                ("scope.Contact.User.Read", Manual, None),
                ("scope.Contact.User.mobile", Manual, None),
            ];
            v.extend(
                token_skips(true)
                    .into_iter()
                    .filter(|r| !r.0.starts_with("scope.Contact.")),
            );
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
        "ranges-differ" => vec![
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
    } else if id == "scope.Contact.User.Read"
        || id == "scope.Contact.User.mobile"
        || id == "contact.visible_range"
    {
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
    // The token was issued; every business call skips on the whitelist, which reports it once.
    let find = |id: &str| run.checks.iter().find(|c| c.id == id).unwrap();
    assert_eq!(find("credentials.token").status, Pass);
    for id in [
        "scope.qyapi_get_member",
        "contact.visible_range",
        "app.agent_id",
    ] {
        assert_eq!(
            find(id).skipped_because,
            vec!["network.ip_whitelist".to_string()],
            "{id}"
        );
    }

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
        // DingTalk's own apply page for this app and scope is the fix button.
        let apply = format!(
            "https://open-dev.dingtalk.com/appscope/apply?content={}%23{code}",
            sc::CLIENT_ID
        );
        assert_eq!(c.fix_url.as_deref(), Some(apply.as_str()), "{code}");
        assert_eq!(c.data["scope_apply"][0]["url"], apply.as_str(), "{code}");
        assert!(
            c.original.as_ref().unwrap().contains("subcode=60011"),
            "{code}: DingTalk's wrapped words are kept"
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
    // A healthy new app cannot read its visible range: said plainly, with what is known.
    let range = run
        .checks
        .iter()
        .find(|c| c.id == "contact.visible_range")
        .unwrap();
    assert!(
        range.message.zh.contains("qyapi_microapp_manage"),
        "{}",
        range.message.zh
    );
    assert_eq!(range.data["contact_range_all"], true);
    let agent = run.checks.iter().find(|c| c.id == "app.agent_id").unwrap();
    assert_eq!(agent.status, Pass, "proved by the app's own details");

    let run = run_scenario("wrong-agent-id").await;
    let agent = run.checks.iter().find(|c| c.id == "app.agent_id").unwrap();
    assert!(agent.message.zh.contains(&sc::AGENT_ID.to_string()));
    assert!(agent.data["actual_agent_id"].as_i64().is_some());
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
    let run = practice_run(input(&sim), "healthy").await;
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
    let run = practice_run(i, "healthy").await;
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
    let run = practice_run(i, "healthy").await;
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
    let run = run(
        input(&sim),
        Some(PracticeScenario::untitled("healthy")),
        cancel,
        |_| {},
    )
    .await;
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
        Some(PracticeScenario::untitled("healthy")),
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
        let run = practice_run(input(&sim), name).await;
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
        let run = practice_run(input(&sim), "healthy").await;
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

async fn run_with(scenario: dingtalk_sim::Scenario) -> CheckRun {
    let sim = Sim::start(scenario, 0).await.unwrap();
    let run = practice_run(input(&sim), "healthy").await;
    sim.shutdown().await;
    run
}

/// Never confident on the unknown: an answer Dingbind does not recognise makes no check `ok` and
/// none `fail`; the check says `warn` or `manual` and keeps DingTalk's words.
#[tokio::test]
async fn an_unrecognised_answer_is_never_ok_and_never_fail() {
    for path in [
        "/auth/scopes",
        "/topapi/user/count",
        "/topapi/v2/department/listsub",
        "/v1.0/microApp/app/detail",
        "/v1.0/microApp/apps/",
        "/tasks",
        "/org/tasks/query",
        "/v1.0/oauth2/",
    ] {
        let run = run_with(with_fault(
            "microapp-manage-granted",
            &format!("kind = \"unknown_error\"\npath = \"{path}\""),
        ))
        .await;
        let hit: Vec<_> = run
            .checks
            .iter()
            .filter(|c| c.trace.iter().any(|t| t.url.contains(path)))
            .collect();
        assert!(!hit.is_empty(), "{path}: some check met the fault");
        for c in hit {
            assert!(
                matches!(c.status, Warn | Manual | Skipped),
                "{path}: {} is {:?}: {}",
                c.id,
                c.status,
                c.message.en
            );
            if c.status != Skipped {
                assert!(
                    c.original.as_deref().is_some_and(|o| !o.is_empty()),
                    "{path}: {} keeps DingTalk's words",
                    c.id
                );
            }
        }
        assert_eq!(run.summary.fail, 0, "{path}");
    }
}

/// Answers are read for what they prove: a refused app-details call proves nothing about the
/// AgentId (a person compares it), and the todo service's own parameter error (`todo.…`) means the
/// request passed the gateway's permission check.
#[tokio::test]
async fn refusals_prove_nothing_and_service_errors_prove_the_gateway_passed() {
    let run = run_with(with_fault(
        "healthy",
        "kind = \"permission_denied\"\npath = \"/v1.0/microApp/app/detail\"\nscope = \"qyapi_microapp_manage\"",
    ))
    .await;
    let agent = run.checks.iter().find(|c| c.id == "app.agent_id").unwrap();
    assert_eq!(
        agent.status, Manual,
        "no proof either way: {}",
        agent.message.en
    );
    assert!(
        agent.message.zh.contains("凭证与基础信息"),
        "says where to look"
    );
    let todo = run
        .checks
        .iter()
        .find(|c| c.id == "scope.Todo.Todo.Write")
        .unwrap();
    assert_eq!(todo.status, Pass, "the todo service's own parameter error");
}

/// The login test's CorpId (scope `openid corpid`) settles what the CorpId-scoped token's bare 500
/// only suggests.
#[tokio::test]
async fn the_login_corp_id_settles_the_corp_id_check() {
    let sim = Sim::start(sc::builtin("wrong-corp-id").unwrap(), 0)
        .await
        .unwrap();
    let real = sc::WRONG_CORP_ID_REAL_CORP_ID.to_string();
    let mut i = input(&sim);
    i.login_corp_id = Some(real.clone());
    let run = practice_run(i, "wrong-corp-id").await;
    sim.shutdown().await;
    let c = run
        .checks
        .iter()
        .find(|c| c.id == "credentials.corp_id")
        .unwrap();
    assert_eq!((c.status, c.code), (Fail, Some(D::BadCorpId)));
    assert!(c.message.zh.contains(&real), "{}", c.message.zh);
    assert!(c.fix.as_ref().unwrap().en.contains(&real));
}
