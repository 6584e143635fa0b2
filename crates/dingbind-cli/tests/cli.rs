//! `dingbind` as a script would run it: exit codes and the `--json` shapes of the contract.

use serde_json::Value;
use std::process::Command;

// `report`, `export` and `import`, kept in their own files.
#[path = "cli/handoff.rs"]
mod handoff;
#[path = "cli/report.rs"]
mod report;
#[path = "cli/sync.rs"]
mod sync;
#[path = "cli/two_hosts.rs"]
mod two_hosts;

/// Every variable the CLI reads secrets, passphrases or the data folder from.
const DINGBIND_ENV: [&str; 7] = [
    "DINGBIND_CLIENT_SECRET",
    "DINGBIND_SSO_SECRET",
    "DINGBIND_EVENT_TOKEN",
    "DINGBIND_AES_KEY",
    "DINGBIND_PASSPHRASE",
    "DINGBIND_DATA_DIR",
    "DINGBIND_KEYCHAIN",
];

/// Runs `dingbind`: with `env`, only those Dingbind variables set and the OS keychain switched off
/// (a test must never read or write the developer's keychain); with `stdin`, that as its input.
/// Returns the exit code, stdout as JSON (`null` when it is not), and stdout + stderr.
fn run(args: &[&str], env: Option<&[(&str, &str)]>, stdin: Option<&str>) -> (i32, Value, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dingbind"));
    if let Some(env) = env {
        for name in DINGBIND_ENV {
            cmd.env_remove(name);
        }
        cmd.env("DINGBIND_KEYCHAIN", "off")
            .envs(env.iter().copied());
    }
    let mut child = cmd
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(input.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap(),
        json,
        stdout + &String::from_utf8_lossy(&out.stderr),
    )
}

fn dingbind_env(args: &[&str], env: &[(&str, &str)]) -> (i32, Value, String) {
    run(args, Some(env), None)
}

fn dingbind(args: &[&str]) -> (i32, Value, String) {
    run(args, None, None)
}

fn dingbind_stdin(args: &[&str], input: &str) -> (i32, Value, String) {
    run(args, None, Some(input))
}

#[test]
fn validate_json_contract() {
    let (code, v, _) = dingbind(&[
        "validate",
        "--field",
        "corp_id",
        "CorpId：ding6ccabc44d2c8d38b\n",
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["field"], "corp_id");
    assert_eq!(v["ok"], true);
    assert_eq!(v["value"], "ding6ccabc44d2c8d38b");
    assert_eq!(v["code"], Value::Null);
    assert_eq!(v["suggested_field"], Value::Null);
    assert!(v["warnings"].as_array().unwrap().is_empty());

    let (code, v, _) = dingbind(&[
        "validate",
        "--field",
        "client_id",
        "836390886",
        "--json",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1);
    assert_eq!(v["code"], "wrong_field");
    assert_eq!(v["suggested_field"], "agent_id");
    assert!(v["message"].as_str().unwrap().contains("AgentId"), "{v}");

    let (code, v, _) = dingbind(&[
        "validate",
        "--field",
        "corp_id",
        "ding4vzvutha4q5gtg9q",
        "--json",
    ]);
    assert_eq!(
        (code, v["ok"].clone()),
        (0, Value::Bool(true)),
        "undocumented formats warn, never block"
    );
    assert_eq!(v["suggested_field"], "client_id");
    assert_eq!(v["warnings"][0]["code"], "looks_like_other_field");
}

#[test]
fn validate_takes_a_secret_only_on_stdin_and_never_prints_it() {
    let secret = "GT-lsuTaDAsTs_".to_string() + &"k".repeat(50);
    let pasted = format!("Client Secret：{secret}\n");
    let (code, v, all) = dingbind_stdin(
        &["validate", "--field", "client_secret", "-", "--json"],
        &pasted,
    );
    assert_eq!(code, 0, "{all}");
    assert_eq!(v["value"], "GT-l…(64)");
    assert!(!all.contains(&secret));

    // On argv it would sit in `ps` and the shell history: refused, and the value is not echoed.
    let (code, v, all) = dingbind(&["validate", "--field", "sso_secret", &secret, "--json"]);
    assert_eq!(code, 2);
    assert_eq!(v["error"], "secret_on_command_line");
    assert!(!all.contains(&secret));

    // Any other field reads stdin too.
    let (code, v, _) = dingbind_stdin(
        &["validate", "--field", "corp_id", "-", "--json"],
        "CorpId：ding6ccabc44d2c8d38b\n",
    );
    assert_eq!(
        (code, v["value"].as_str()),
        (0, Some("ding6ccabc44d2c8d38b"))
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // A reader that goes away at once (as `| head -c0` would): no panic, no "Broken pipe" text.
    let mut child = Command::new(env!("CARGO_BIN_EXE_dingbind"))
        .args(["explain", "60020"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dingbind(&["validate", "--field", "nope", "x"]).0, 2);
    assert_eq!(dingbind(&["urls"]).0, 2);
    let (code, v, _) = dingbind(&[
        "urls",
        "--template",
        "yidianyun-private-cloud",
        "--set",
        "client_secret=abc",
        "--json",
    ]);
    assert_eq!(code, 2, "secrets are refused on argv");
    assert_eq!(v["error"], "bad_input");
    // Like every JSON error: a `message` to show, here with each problem under `problems` too.
    let message = v["message"].as_str().unwrap();
    assert!(message.contains("client_secret"), "{message}");
    assert_eq!(v["problems"].as_array().unwrap().len(), 1);
}

#[test]
fn urls_from_set_values() {
    let (code, v, _) = dingbind(&[
        "urls",
        "--template",
        "yidianyun-private-cloud",
        "--set",
        "domain=https://oa.example.com/",
        "--set",
        "corp_id=ding6ccabc44d2c8d38b",
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        v["urls"]["home"],
        "https://oa.example.com/dingding/dingding_auth_corp?corpId=$CORPID$"
    );
    assert_eq!(
        v["urls"]["pc_home"],
        "https://oa.example.com/index.php?dingding/dd_client_callback&corpId=$CORPID$"
    );
    assert_eq!(
        v["urls"]["admin"],
        "https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding6ccabc44d2c8d38b"
    );
    assert_eq!(
        v["urls"]["login_callback"],
        "https://oa.example.com/dingding/dd_or_code_corp_list"
    );

    // Without the CorpId the admin URL cannot be made: exit 2, and the JSON says what is missing.
    let (code, v, _) = dingbind(&[
        "urls",
        "--template",
        "yidianyun-private-cloud",
        "--set",
        "domain=oa.example.com",
        "--json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(v["urls"]["admin"], Value::Null);
    assert_eq!(v["problems"][0]["missing"][0], "corp_id");
}

#[test]
fn urls_from_a_saved_profile() {
    let dir = tempfile::tempdir().unwrap();
    let store = dingbind_core_store(dir.path());
    let path = dir.path().join("profiles").join(format!("{store}.json"));
    let (code, v, _) = dingbind(&["urls", "--profile", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        v["urls"]["admin"],
        "https://portal.example.cn/admin?c=ding6ccabc44d2c8d38b"
    );
}

/// Writes a profile with an admin-edited URL pattern, as the app would.
fn dingbind_core_store(dir: &std::path::Path) -> String {
    use dingbind_core::{profile::Profile, store::Store, template, Field};
    let store = Store::open(dir).unwrap();
    let t = template::builtin("custom-urls").unwrap();
    let mut p: Profile = store.create("cli", t).unwrap();
    p.values.insert(Field::Domain, "portal.example.cn".into());
    p.values
        .insert(Field::CorpId, "ding6ccabc44d2c8d38b".into());
    p.url_patterns
        .insert("admin".into(), "https://{domain}/admin?c={corp_id}".into());
    store.save(p).unwrap().id
}

#[test]
fn templates_check_names_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.toml");
    let src = include_str!("../../dingbind-core/src/template/builtin/custom-urls.toml").replace(
        "https://open-dev.dingtalk.com/fe/app#/corp/app",
        "https://evil.example/app",
    );
    std::fs::write(&file, &src).unwrap();
    let line = src
        .lines()
        .position(|l| l.contains("evil.example"))
        .unwrap()
        + 1;
    let (code, v, _) = dingbind(&["templates", "--check", file.to_str().unwrap(), "--json"]);
    assert_eq!(code, 2);
    assert_eq!(v["line"], line);
    assert!(v["field"].as_str().unwrap().ends_with("console.url"), "{v}");

    let (code, v, _) = dingbind(&["templates", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["templates"][0]["id"], "yidianyun-private-cloud");
    assert_eq!(v["templates"][0]["steps"], 11);
}

fn check(scenario: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_dingbind"))
        .args([
            "check",
            "--practice",
            scenario,
            "--template",
            "yidianyun-private-cloud",
            "--json",
        ])
        .args([
            "--set",
            "domain=oa.example.com",
            "--set",
            "corp_id=ding5084aa896d73d7f1",
        ])
        .args([
            "--set",
            "client_id=dingq7x2k9m4v8n3p5r1",
            "--set",
            "agent_id=3219876540",
        ])
        .env(
            "DINGBIND_CLIENT_SECRET",
            "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er",
        )
        .env(
            "DINGBIND_SSO_SECRET",
            "S8A3Iw8vG1aXCcLGjivXLdwEJyFu9Bi5zoT8KC1oDCiKtaFcD42LRMbiC7Tz4ksm",
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("546KQd22R3VKSLuf4UTBI5Vts"),
        "no secret in the output"
    );
    (
        out.status.code().unwrap(),
        serde_json::from_str(&stdout).unwrap(),
    )
}

#[test]
fn check_exits_0_when_nothing_blocks_and_1_when_a_check_fails() {
    let (code, v) = check("healthy");
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["summary"]["fail"], 0);
    assert!(v["checks"].as_array().unwrap().len() >= 10);
    let first = &v["checks"][0];
    for key in [
        "id",
        "status",
        "code",
        "data",
        "message",
        "fix",
        "fix_url",
        "original",
        "duration_ms",
    ] {
        assert!(first.get(key).is_some(), "check JSON lacks {key}");
    }

    let (code, v) = check("missing-contact-scope");
    assert_eq!(code, 1);
    let member = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "scope.qyapi_get_member")
        .unwrap();
    assert_eq!(member["status"], "fail");
    assert_eq!(member["code"], "missing_scope");
    assert_eq!(member["data"]["required_scopes"][0], "qyapi_get_member");
}

#[test]
fn explain_reads_an_errcode_body_and_names_the_ip() {
    let body = r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip=120.230.136.230 appKey(ding4vzvutha4q5gtg9q)"}"#;
    let (code, v, _) = dingbind(&["explain", body, "--json", "--lang", "en"]);
    assert_eq!(code, 0);
    assert_eq!(v["code"], "ip_not_whitelisted");
    assert_eq!(v["errcode"], "60020");
    assert_eq!(v["data"]["egress_ip"], "120.230.136.230");
    for key in ["message", "fix", "fix_url"] {
        assert!(v[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert_eq!(dingbind(&["explain", "   "]).0, 2);

    // A log with two errors: still the contract's object (the first), the second under `more`.
    let log =
        "gettoken errcode=40089 invalid appkey or appsecret\nsend errcode=60011 no permission";
    let (code, v, _) = dingbind(&["explain", log, "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["code"], "bad_credentials");
    assert_eq!(v["more"][0]["code"], "missing_scope");
}

/// Without --json, an explanation reads as the app shows it: 现象, 原因, 去哪改 with the menu path
/// and numbered steps, then what else to know; no backticks.
#[test]
fn explain_prints_symptom_cause_and_where_to_fix() {
    let body = r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中,request ip=120.230.136.230 appKey(ding4vzvutha4q5gtg9q)"}"#;
    let (code, _, text) = dingbind(&["explain", body, "--lang", "zh"]);
    assert_eq!(code, 0);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("no {needle} in:\n{text}"))
    };
    assert!(at("现象：钉钉拒绝了来自 IP 120.230.136.230 的调用") < at("原因："));
    assert!(at("原因：") < at("去哪改：左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP"));
    assert!(at("去哪改：") < at("  1. ") && at("  1. ") < at("  2. "));
    assert!(at("  2. 把 120.230.136.230 加进去") < at("如果还不行："));
    assert!(!text.contains('`'), "{text}");
    let (_, _, en) = dingbind(&["explain", body, "--lang", "en"]);
    for part in [
        "What you see: ",
        "Why: ",
        "Where to fix: left menu › ",
        "  1. ",
    ] {
        assert!(en.contains(part), "{part}: {en}");
    }
}

/// What admins paste about Stream mode: the SDK's 401 authFailed and 400 systemError log lines, and
/// DingTalk's 长链接未在线 (tests/stream_explain.rs in dingbind-core has the texts' details).
#[test]
fn explain_recognises_the_stream_failures_users_paste() {
    let cases = [
        (
            r#"open connection failed, error=401 Client Error: Unauthorized for url: https://api.dingtalk.com/v1.0/gateway/connections/open, response.text={"requestid":"ED203550-DBBC-7C58-9504-9FA6D4444F17","code":"authFailed","message":"鉴权失败"}"#,
            "bad_credentials",
            "空格",
        ),
        (
            r#"open connection failed, error=400 Client Error: Bad Request for url: https://api.dingtalk.com/v1.0/gateway/connections/open, response.text={"requestid":"866D7F8F-6C8D-74FA-98CB-777BB394A2B8","code":"systemError","message":"系统错误"}"#,
            "stream_gateway_refused",
            "Stream 网关",
        ),
        (
            "订阅事件失败：长链接未在线",
            "stream_not_connected",
            "已完成接入，验证连接通道",
        ),
    ];
    for (pasted, want, says) in cases {
        let (code, v, _) = dingbind(&["explain", pasted, "--json", "--lang", "zh"]);
        assert_eq!((code, v["code"].as_str()), (0, Some(want)), "{pasted}: {v}");
        let (_, _, text) = dingbind(&["explain", pasted, "--lang", "zh"]);
        assert!(text.contains(says), "{want}: {text}");
        assert!(text.contains("现象：") && text.contains("原因："), "{text}");
    }
}

#[test]
fn explain_reads_what_production_really_answers() {
    // The old gettoken's answer to wrong credentials (docs/dingtalk/errors.md).
    let (code, v, _) = dingbind(&[
        "explain",
        r#"{"errcode":40096,"errmsg":"不合法的appKey或appSecret"}"#,
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["code"], "bad_credentials");
    // An 88 wrapping a missing permission: the scope, its apply page, not "token expired".
    let body = r#"{"errcode":88,"sub_code":"60011","sub_msg":"应用尚未开通所需的权限：[qyapi_get_department_list]，点击链接申请并开通即可：https://open-dev.dingtalk.com/appscope/apply?content=dingq7x2k9m4v8n3p5r1%23qyapi_get_department_list","errmsg":"ding talk error[subcode=60011,submsg=应用尚未开通所需的权限：[qyapi_get_department_list]]"}"#;
    let (code, v, _) = dingbind(&["explain", body, "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["code"], "missing_scope");
    assert_eq!(v["errcode"], "60011");
    assert_eq!(v["data"]["required_scopes"][0], "qyapi_get_department_list");
    assert_eq!(
        v["fix_url"],
        "https://open-dev.dingtalk.com/appscope/apply?content=dingq7x2k9m4v8n3p5r1%23qyapi_get_department_list"
    );
    assert_eq!(
        v["data"]["scope_apply"][0]["name"]["zh"],
        "通讯录部门信息读权限"
    );
}
