//! Scenarios: every built-in parses and says what it simulates, the shared credentials agree,
//! the example documents a valid scenario, bad scenarios are refused, switching works live, the
//! request log records families, and the binary prints the three base URLs.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;
use dingtalk_sim::scenarios::{self, AGENT_ID, CLIENT_ID, CLIENT_SECRET, CORP_ID, SSO_SECRET};
use dingtalk_sim::{ApiFamily, FaultKind, Scenario, SimError};

#[test]
fn every_builtin_parses_and_explains_itself() {
    let names = scenarios::names();
    assert_eq!(names.len(), 15);
    for name in names {
        let text = scenarios::builtin_toml(name).unwrap();
        assert!(
            text.starts_with(&format!("# {name} — ")),
            "{name} opens with what it simulates"
        );
        assert!(
            text.contains("should fail"),
            "{name} says which checks fail"
        );
        let scenario = Scenario::from_toml_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(scenario.name, name);
    }
    assert!(scenarios::builtin("no-such").is_none());
}

#[test]
fn builtins_share_the_entered_credentials() {
    for name in scenarios::names() {
        let s = scenarios::builtin(name).unwrap();
        let app = &s.apps[0];
        assert_eq!(app.client_id, CLIENT_ID, "{name}");
        assert_eq!(app.agent_id == AGENT_ID, name != "wrong-agent-id", "{name}");
        assert_eq!(s.sso_secret, SSO_SECRET, "{name}");
        let secret_ok = app.client_secret == CLIENT_SECRET;
        assert_eq!(secret_ok, name != "wrong-secret", "{name}");
        let corp_ok = s.org.corp_id == CORP_ID;
        assert_eq!(corp_ok, name != "wrong-corp-id", "{name}");
    }
    let wrong = scenarios::builtin("wrong-secret").unwrap();
    assert_eq!(
        wrong.apps[0].client_secret,
        scenarios::WRONG_SECRET_REAL_SECRET
    );
    let wrong = scenarios::builtin("wrong-corp-id").unwrap();
    assert_eq!(wrong.org.corp_id, scenarios::WRONG_CORP_ID_REAL_CORP_ID);
    let wrong = scenarios::builtin("wrong-agent-id").unwrap();
    assert_eq!(
        wrong.apps[0].agent_id,
        scenarios::WRONG_AGENT_ID_REAL_AGENT_ID
    );
}

#[test]
fn builtins_follow_production_defaults() {
    for name in scenarios::names() {
        let s = scenarios::builtin(name).unwrap();
        let text = scenarios::builtin_toml(name).unwrap();
        assert!(!text.contains("qyapi_attendance_read"), "{name}");
        assert!(!s.ip_whitelist_on_token, "{name}");
        assert_eq!(s.attendance.required_scope, "qyapi_base", "{name}");
        let manage = s.apps[0].has_scope("qyapi_microapp_manage");
        let wants = matches!(
            name,
            "role-visible-range" | "microapp-manage-granted" | "ranges-differ"
        );
        assert_eq!(
            manage, wants,
            "{name}: only these hold qyapi_microapp_manage"
        );
    }
    let healthy = scenarios::builtin("healthy").unwrap();
    let app = &healthy.apps[0];
    assert!(app.visible_range.all && app.contact_range.all);
}

#[test]
fn the_annotated_example_is_a_valid_scenario_using_every_fault_kind() {
    let example = Scenario::from_toml_str(scenarios::EXAMPLE_TOML).unwrap();
    assert_eq!(example.faults.len(), 9);
    let kinds: Vec<&FaultKind> = example.faults.iter().map(|f| &f.kind).collect();
    for kind in [
        FaultKind::Timeout,
        FaultKind::Http500,
        FaultKind::Http502,
        FaultKind::HtmlProxyPage,
        FaultKind::RateLimit,
        FaultKind::TokenExpiry,
        FaultKind::UnknownError,
        FaultKind::ServerError,
    ] {
        assert!(kinds.contains(&&kind), "{kind:?}");
    }
    assert!(kinds.iter().any(
        |k| matches!(k, FaultKind::PermissionDenied { scope } if scope == "qyapi_get_member")
    ));
    assert!(example.ip_whitelist_on_token.eq(&false));
    assert_eq!(example.org.roles.len(), 1);
    assert_eq!(example.org.external_contacts.len(), 1);
    assert_eq!(example.apps[0].visible_range.role_ids, vec![3057001]);
    assert!(example.apps[0].omp_link.is_some());
    assert_eq!(example.qps_per_api, Some(20));
    assert_eq!(example.latency_jitter_ms, 30);
    // The generated org is added to the declared one, and `generate` is spent.
    assert_eq!(
        example
            .org
            .users
            .iter()
            .filter(|u| u.userid.starts_with("gen"))
            .count(),
        20
    );
    assert!(example.org.generate.is_none());
    let again = Scenario::from_toml_str(&example.to_toml_string()).unwrap();
    assert_eq!(again, example, "round-trips through TOML");
    assert!(example.to_toml_string().contains("[org]"));
}

#[test]
fn bad_scenarios_are_refused() {
    let healthy = scenarios::builtin_toml("healthy").unwrap();
    let typo = healthy.replace("latency_ms = 0", "latency = 0");
    assert!(matches!(
        Scenario::from_toml_str(&typo),
        Err(SimError::Parse(_))
    ));
    let no_root = healthy.replace("dept_id = 1\n", "dept_id = 2\n");
    assert!(matches!(
        Scenario::from_toml_str(&no_root),
        Err(SimError::Invalid(_))
    ));
    let bad_login = healthy.replace(
        "userid = \"manager4220\"\n\n[attendance]",
        "userid = \"ghost\"\n\n[attendance]",
    );
    assert!(matches!(
        Scenario::from_toml_str(&bad_login),
        Err(SimError::Invalid(_))
    ));
    assert!(matches!(
        scenarios::resolve("no-such"),
        Err(SimError::UnknownScenario { .. })
    ));
    let role_range = scenarios::builtin_toml("role-visible-range").unwrap();
    let unknown_role = role_range.replace("role_ids = [3057001]", "role_ids = [42]");
    assert!(matches!(
        Scenario::from_toml_str(&unknown_role),
        Err(SimError::Invalid(_))
    ));
    let ghost_member = role_range.replace(
        "userids = [\"manager4220\", \"0167291043\"]",
        "userids = [\"ghost\"]",
    );
    assert!(matches!(
        Scenario::from_toml_str(&ghost_member),
        Err(SimError::Invalid(_))
    ));
    let external = scenarios::builtin_toml("external-contact-login").unwrap();
    let clash = external.replace("userid = \"ext_zhoumin_01\"", "userid = \"manager4220\"");
    assert!(matches!(
        Scenario::from_toml_str(&clash),
        Err(SimError::Invalid(_))
    ));
    let healthy = scenarios::builtin_toml("healthy").unwrap();
    let scope_on_wrong_kind =
        format!("{healthy}\n[[faults]]\nkind = \"http_500\"\nscope = \"x\"\n");
    assert!(matches!(
        Scenario::from_toml_str(&scope_on_wrong_kind),
        Err(SimError::Parse(_))
    ));
}

#[test]
fn load_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("dingtalk-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.toml");
    std::fs::write(&path, scenarios::builtin_toml("healthy").unwrap()).unwrap();
    assert_eq!(Scenario::load(&path).unwrap().name, "healthy");
    assert_eq!(
        scenarios::resolve(path.to_str().unwrap()).unwrap().name,
        "healthy"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn switching_scenarios_live() {
    let sim = start("healthy").await;
    assert_eq!(gettoken(&sim).await.1["errcode"], 0);
    sim.set_scenario(scenario("wrong-secret")).unwrap();
    assert_eq!(sim.scenario().name, "wrong-secret");
    assert_eq!(gettoken(&sim).await.1["errcode"], 40096);
    sim.set_scenario(scenario("healthy")).unwrap();
    assert_eq!(gettoken(&sim).await.1["errcode"], 0);

    let mut broken = scenario("healthy");
    broken.org.departments.clear();
    assert!(
        sim.set_scenario(broken).is_err(),
        "invalid scenarios are refused"
    );
    assert_eq!(sim.scenario().name, "healthy");
}

#[tokio::test]
async fn request_log_records_path_family_and_status() {
    let sim = start("healthy").await;
    gettoken(&sim).await;
    access_token(&sim, CLIENT_ID, CLIENT_SECRET).await;
    client()
        .get(format!("{}/oauth2/auth", sim.login_url()))
        .send()
        .await
        .unwrap();
    let log = sim.requests();
    assert_eq!(sim.request_count(), 3);
    assert_eq!(
        (log[0].family, log[0].api_path.as_str()),
        (ApiFamily::Oapi, "/gettoken")
    );
    assert_eq!(log[0].path, "/oapi/gettoken");
    assert_eq!(log[0].method, "GET");
    assert_eq!(log[0].status, Some(200));
    assert_eq!(log[1].family, ApiFamily::Api);
    assert_eq!(log[2].family, ApiFamily::Login);
    assert_eq!(log[2].status, Some(400));
    assert!(log[0].at <= log[1].at);
    assert_eq!(sim.requests_to("/gettoken"), 1);
    sim.clear_requests();
    assert_eq!(sim.request_count(), 0);
}

#[tokio::test]
async fn base_urls_have_one_prefix_per_host() {
    let sim = start("healthy").await;
    let base = sim.base_url();
    assert!(base.starts_with("http://127.0.0.1:"));
    assert_eq!(sim.oapi_url(), format!("{base}/oapi"));
    assert_eq!(sim.api_url(), format!("{base}/api"));
    assert_eq!(sim.login_url(), format!("{base}/login"));
}

#[test]
fn binary_prints_the_three_base_urls() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dingtalk-sim"))
        .args(["--scenario", "healthy", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut urls = Vec::new();
    for line in lines.by_ref().take(4) {
        urls.push(line.unwrap());
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(urls[0].contains("healthy"));
    assert!(
        urls[1].starts_with("DINGBIND_OAPI_URL=http://127.0.0.1:") && urls[1].ends_with("/oapi")
    );
    assert!(urls[2].starts_with("DINGBIND_API_URL=") && urls[2].ends_with("/api"));
    assert!(urls[3].starts_with("DINGBIND_LOGIN_URL=") && urls[3].ends_with("/login"));
}
