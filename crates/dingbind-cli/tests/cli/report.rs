//! `dingbind report`: every format from a practice run, masked secrets, exit codes, the kept run of
//! a saved profile.

use super::dingbind_env;
use dingtalk_sim::scenarios::{AGENT_ID, CLIENT_ID, CLIENT_SECRET, CORP_ID};
use serde_json::Value;

/// The simulated organisation's values, as `--template … --set …` arguments.
pub fn sim_binding() -> Vec<String> {
    let mut args = vec!["--template".to_string(), "yidianyun-private-cloud".into()];
    for kv in [
        "domain=oa.example.com".to_string(),
        format!("corp_id={CORP_ID}"),
        format!("client_id={CLIENT_ID}"),
        format!("agent_id={AGENT_ID}"),
    ] {
        args.push("--set".into());
        args.push(kv);
    }
    args
}

/// `args` then the simulated binding.
pub fn with_binding<'a>(args: &[&'a str], binding: &'a [String]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(binding.iter().map(String::as_str));
    all
}

/// Asserts that nothing of the secret beyond its mask's four characters is in `text`.
pub fn assert_no_secret(text: &str) {
    assert!(!text.contains(CLIENT_SECRET), "the secret leaked");
    for chunk in CLIENT_SECRET.as_bytes()[4..].chunks(12) {
        let chunk = std::str::from_utf8(chunk).unwrap();
        assert!(
            !text.contains(chunk),
            "a piece of the secret leaked: {chunk}"
        );
    }
}

const PRACTICE: [&str; 4] = [
    "--run-checks",
    "--practice",
    "missing-contact-scope",
    "--lang",
];

#[test]
fn report_in_every_format_from_a_practice_run() {
    let dir = tempfile::tempdir().unwrap();
    let binding = sim_binding();
    let secret = [("DINGBIND_CLIENT_SECRET", CLIENT_SECRET)];
    for format in ["html", "md", "json"] {
        let file = dir.path().join(format!("report.{format}"));
        let mut args = with_binding(
            &["report", "--format", format, "-o", file.to_str().unwrap()],
            &binding,
        );
        args.extend(PRACTICE);
        args.push("en");
        let (code, _, all) = dingbind_env(&args, &secret);
        assert_eq!(code, 1, "a failing check makes exit 1 ({format}): {all}");
        assert_no_secret(&all);
        let report = std::fs::read_to_string(&file).unwrap();
        assert_no_secret(&report);
        for id in [
            "scope.qyapi_get_member",
            "credentials.token",
            "network.ip_whitelist",
        ] {
            assert!(report.contains(id), "{format} report lacks {id}");
        }
        assert!(
            report.contains("546K…(64)"),
            "{format}: the secret shows masked"
        );
        match format {
            "html" => assert!(report.contains("<html"), "{report}"),
            "md" => assert!(report.starts_with("# "), "{report}"),
            _ => {
                let v: Value = serde_json::from_str(&report).unwrap();
                assert_eq!(v["kind"], "dingbind-report");
                assert_eq!(v["summary"]["verdict"], "failed");
                assert_eq!(v["secrets"]["client_secret"], "546K…(64)");
                assert_eq!(v["last_run"]["practice"]["id"], "missing-contact-scope");
                assert_eq!(v["last_run"]["practice"]["title"]["zh"], "缺少通讯录权限");
                let member = v["last_run"]["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["id"] == "scope.qyapi_get_member")
                    .unwrap();
                assert_eq!(member["status"], "fail");
                assert_eq!(member["code"], "missing_scope");
            }
        }
    }

    // On stdout, without -o: the report itself (progress goes to stderr).
    let mut args = with_binding(&["report", "--format", "md"], &binding);
    args.extend(PRACTICE);
    args.push("zh");
    let (code, _, all) = dingbind_env(&args, &secret);
    assert_eq!(code, 1);
    assert!(all.starts_with("# "), "{all}");
    assert_no_secret(&all);
}

#[test]
fn report_without_a_run_is_not_tested_and_can_go_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.md");
    let binding = sim_binding();
    let args = with_binding(
        &["report", "--json", "-o", file.to_str().unwrap()],
        &binding,
    );
    let (code, v, _) = dingbind_env(&args, &[("DINGBIND_CLIENT_SECRET", CLIENT_SECRET)]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["verdict"], "not_tested");
    // --json without --format writes the JSON report.
    let report: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(report["last_run"], Value::Null);
    assert_eq!(report["profile"]["values"]["corp_id"], CORP_ID);
    assert_no_secret(&report.to_string());

    let (code, _, all) = dingbind_env(&with_binding(&["report", "--format", "md"], &binding), &[]);
    assert_eq!(code, 0);
    assert!(all.contains("CorpId"), "{all}");

    // --practice only makes sense with a run; a secret on argv is refused as everywhere.
    assert_eq!(
        dingbind_env(
            &with_binding(&["report", "--practice", "healthy"], &binding),
            &[]
        )
        .0,
        2
    );
    let mut args = with_binding(&["report"], &binding);
    args.extend(["--set", "client_secret=abc"]);
    assert_eq!(dingbind_env(&args, &[]).0, 2);
}

#[test]
fn a_report_imports_for_support_and_its_run_is_reported_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("customer.json");
    let binding = sim_binding();
    let mut args = with_binding(
        &["report", "--format", "json", "-o", file.to_str().unwrap()],
        &binding,
    );
    args.extend(PRACTICE);
    args.push("zh");
    let (code, _, all) = dingbind_env(&args, &[("DINGBIND_CLIENT_SECRET", CLIENT_SECRET)]);
    assert_eq!(code, 1, "{all}");

    let env = [("DINGBIND_DATA_DIR", data.to_str().unwrap())];
    let (code, v, all) = dingbind_env(&["import", file.to_str().unwrap(), "--json"], &env);
    assert_eq!(code, 0, "{all}");
    assert_eq!(v["imported"]["from_report"], true);
    let id = v["imported"]["id"].as_str().unwrap();
    let profile = data.join("profiles").join(format!("{id}.json"));
    assert!(profile.exists());
    assert!(data.join("history").join(format!("{id}.json")).exists());

    // The saved profile's report shows the sender's run, kept in its history.
    let (code, v, _) = dingbind_env(
        &["report", "--profile", profile.to_str().unwrap(), "--json"],
        &[],
    );
    assert_eq!(code, 0, "no run now: exit 0 whatever the kept run says");
    assert_eq!(v["summary"]["verdict"], "failed");
    assert_eq!(v["last_run"]["practice"]["id"], "missing-contact-scope");
    assert_eq!(v["profile"]["values"]["agent_id"], AGENT_ID.to_string());
}
