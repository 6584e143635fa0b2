//! The Windows CLI (`dingbind.exe`, cross-built for x86_64-pc-windows-gnu) under wine, against the
//! simulator and a stand-in https platform on loopback: what an admin on a Windows PC or a Windows
//! Server meets. Windows paths (`Z:\…` is this machine's `/`), folders and file names in Chinese,
//! CRLF and byte-order marks from Windows editors, the data folder in `%APPDATA%`, secrets in
//! Credential Manager, the same exit codes and JSON as on Linux.
//!
//! Run by `make test-windows` (part of `make test`), which builds the exe and passes its path in
//! `DINGBIND_WINDOWS_EXE`; every test here is ignored otherwise, and fails when asked to run
//! without it. One wine prefix (`target/wine/prefix`) and one simulator per scenario serve all of
//! them; `scripts/wine.sh` runs each command.

#[path = "wine/support.rs"]
mod wine_support;

use dingtalk_sim::scenarios::{AGENT_ID, CLIENT_ID, CLIENT_SECRET, CORP_ID};
use serde_json::Value;
use std::path::Path;
use wine_support::{platform, sim, win, wine, Run, Stdin};

/// The simulated organisation's values as `--template … --set …`, with the platform at `domain`.
fn binding(domain: &str) -> Vec<String> {
    let mut args = vec!["--template".to_string(), "yidianyun-private-cloud".into()];
    for kv in [
        format!("domain={domain}"),
        format!("corp_id={CORP_ID}"),
        format!("client_id={CLIENT_ID}"),
        format!("agent_id={AGENT_ID}"),
    ] {
        args.push("--set".into());
        args.push(kv);
    }
    args
}

fn args<'a>(head: &[&'a str], tail: &'a [String]) -> Vec<&'a str> {
    head.iter()
        .copied()
        .chain(tail.iter().map(String::as_str))
        .collect()
}

fn status_of<'a>(v: &'a Value, id: &str) -> (&'a Value, &'a Value) {
    let c = v["checks"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("no check {id} in {v}"));
    (&c["status"], &c["code"])
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn help_names_the_windows_folder_and_how_to_set_variables() {
    let r = wine(&["--help"], &[], Stdin::None);
    assert_eq!(r.code, 0, "{}", r.all());
    for needle in [
        r"%APPDATA%\com.dingbind.wizard",
        "凭据管理器",
        "Credential Manager",
        "set DINGBIND_CLIENT_SECRET=",
        "$env:DINGBIND_CLIENT_SECRET",
        "[Console]::OutputEncoding",
    ] {
        assert!(
            r.stdout.contains(needle),
            "--help lacks {needle}:\n{}",
            r.stdout
        );
    }
    assert!(
        !r.stdout.contains("~/.local/share"),
        "no Linux path on Windows"
    );
    let r = wine(&["import", "--help"], &[], Stdin::None);
    assert!(
        r.stdout.contains(r"%APPDATA%\com.dingbind.wizard"),
        "{}",
        r.stdout
    );

    assert_eq!(wine(&["--version"], &[], Stdin::None).code, 0);
    // Usage errors are 2, as on Linux.
    assert_eq!(wine(&["no-such-command"], &[], Stdin::None).code, 2);
    assert_eq!(wine(&["urls"], &[], Stdin::None).code, 2);
    assert_eq!(
        wine(&["validate", "--field", "nope", "x"], &[], Stdin::None).code,
        2
    );
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn validate_cleans_pasted_text_with_crlf_and_windows_encodings() {
    // Chinese on the command line and in the answer, through a pipe: UTF-8 bytes.
    let r = wine(
        &[
            "validate",
            "--field",
            "corp_id",
            "CorpId：ding6ccabc44d2c8d38b",
        ],
        &[],
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        r.stdout.contains("✓ corp_id: ding6ccabc44d2c8d38b"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("已去掉前缀"), "{}", r.stdout);

    let r = wine(
        &["validate", "--field", "client_id", "836390886", "--json"],
        &[],
        Stdin::None,
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["code"], "wrong_field");
    assert_eq!(r.json()["suggested_field"], "agent_id");

    // A secret pasted in cmd.exe (CRLF), saved by Notepad (BOM + CRLF) or by PowerShell 5.1's
    // `Out-File`/`>` (UTF-16LE with BOM): the same value each time, shown only masked.
    let pasted = format!("Client Secret：{CLIENT_SECRET}\r\n");
    let mut notepad = b"\xEF\xBB\xBF".to_vec();
    notepad.extend_from_slice(pasted.as_bytes());
    let mut powershell = vec![0xFF, 0xFE];
    powershell.extend(pasted.encode_utf16().flat_map(u16::to_le_bytes));
    for (how, input) in [
        ("CRLF", pasted.as_bytes().to_vec()),
        ("BOM", notepad),
        ("UTF-16", powershell),
    ] {
        let r = wine(
            &["validate", "--field", "client_secret", "-", "--json"],
            &[],
            Stdin::Bytes(input),
        );
        assert_eq!(r.code, 0, "{how}: {}", r.all());
        assert_eq!(r.json()["ok"], true, "{how}: {}", r.stdout);
        assert_eq!(r.json()["value"], "546K…(64)", "{how}");
        assert!(
            !r.all().contains(CLIENT_SECRET),
            "{how}: the secret was printed"
        );
    }

    // On argv it is refused, and the hint is one that works in cmd.exe and PowerShell alike.
    let r = wine(
        &["validate", "--field", "sso_secret", "x", "--json"],
        &[],
        Stdin::None,
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.json()["error"], "secret_on_command_line");
    let message = r.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(message.contains("type "), "{message}");
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn urls_and_explain_as_on_linux() {
    let b = binding("oa.example.com");
    let r = wine(&args(&["urls", "--json"], &b), &[], Stdin::None);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        r.json()["urls"]["admin"],
        format!(
            "https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId={CORP_ID}"
        )
    );
    let r = wine(
        &[
            "urls",
            "--template",
            "yidianyun-private-cloud",
            "--set",
            "domain=oa.example.com",
            "--json",
        ],
        &[],
        Stdin::None,
    );
    assert_eq!(r.code, 2, "the admin URL needs the CorpId");
    assert_eq!(r.json()["problems"][0]["missing"][0], "corp_id");

    // A log copied from a Windows server: CRLF lines, read from stdin.
    let log = "2024-05-01 10:00:01 gettoken errcode=40089 invalid appkey or appsecret\r\n\
               2024-05-01 10:00:02 send errcode=60011 no permission\r\n";
    let r = wine(
        &["explain", "-", "--json"],
        &[],
        Stdin::Bytes(log.as_bytes().to_vec()),
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json()["code"], "bad_credentials");
    assert_eq!(r.json()["more"][0]["code"], "missing_scope");
    // DingTalk's Chinese errmsg, on the command line.
    let body = r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中,request ip=120.230.136.230 appKey(ding4vzvutha4q5gtg9q)"}"#;
    let r = wine(
        &["explain", body, "--json", "--lang", "en"],
        &[],
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json()["code"], "ip_not_whitelisted");
    assert_eq!(r.json()["data"]["egress_ip"], "120.230.136.230");
    assert_eq!(
        r.json()["original"],
        "访问ip不在白名单之中,request ip=120.230.136.230 appKey(ding4vzvutha4q5gtg9q)"
    );
    let r = wine(&["explain", "60011"], &[], Stdin::None);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("原因："),
        "Chinese by default: {}",
        r.stdout
    );
    assert_eq!(wine(&["explain", "   "], &[], Stdin::None).code, 2);
}

/// The DingTalk side only: no domain, so the platform checks wait for one (skipped).
fn dingtalk_only() -> Vec<String> {
    let mut b = binding("unused");
    b.drain(2..4);
    b
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn check_exits_0_when_nothing_blocks_and_1_when_a_check_fails() {
    let b = dingtalk_only();
    let mut env = vec![("DINGBIND_CLIENT_SECRET", CLIENT_SECRET.to_string())];
    env.extend(sim("healthy").env());
    let r = wine(&args(&["check", "--json"], &b), &env, Stdin::None);
    assert_eq!(r.code, 0, "{}", r.all());
    let v = r.json();
    assert_eq!(v["summary"]["fail"], 0, "{v}");
    assert_eq!(v["practice"], Value::Null);
    assert!(v["checks"].as_array().unwrap().len() >= 10);
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
        assert!(v["checks"][0].get(key).is_some(), "check JSON lacks {key}");
    }
    assert_eq!(status_of(&v, "credentials.token").0, "ok", "{v}");
    assert_eq!(status_of(&v, "domain.dns").0, "skipped", "{v}");
    assert!(!r.all().contains(CLIENT_SECRET), "no secret in the output");
    assert!(
        r.stdout.is_ascii() && r.stdout.contains("\\u"),
        "piped JSON is ASCII (\\u escapes), whatever the reader's code page"
    );

    // A failing scenario: the missing permission, exit 1; the text form speaks Chinese.
    let mut env = vec![("DINGBIND_CLIENT_SECRET", CLIENT_SECRET.to_string())];
    env.extend(sim("missing-contact-scope").env());
    let r = wine(&args(&["check", "--json"], &b), &env, Stdin::None);
    assert_eq!(r.code, 1, "{}", r.all());
    let v = r.json();
    assert_eq!(
        status_of(&v, "scope.qyapi_get_member"),
        (&Value::from("fail"), &Value::from("missing_scope"))
    );
    let member = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "scope.qyapi_get_member")
        .unwrap();
    assert_eq!(member["data"]["required_scopes"][0], "qyapi_get_member");
    let r = wine(&args(&["check"], &b), &env, Stdin::None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("去哪改："), "{}", r.stdout);
    assert!(r.stdout.contains("通过 "), "{}", r.stdout);
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn the_platform_certificate_is_judged_by_the_windows_trust_store() {
    // The platform's certificate comes from a root Windows does not know: refused by Windows'
    // own chain engine (CERT_E_UNTRUSTEDROOT, rustls' UnknownIssuer).
    let platform = platform();
    let b = binding(&platform.domain);
    let mut env = vec![("DINGBIND_CLIENT_SECRET", CLIENT_SECRET.to_string())];
    env.extend(sim("healthy").env());
    let tls = |r: &wine_support::Run| {
        let v = r.json();
        let c = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "domain.tls")
            .cloned()
            .unwrap();
        (
            c["status"].clone(),
            c["code"].clone(),
            c["original"].as_str().unwrap_or_default().to_string(),
        )
    };
    let r = wine(&args(&["check", "--json"], &b), &env, Stdin::None);
    assert_eq!(r.code, 1, "{}", r.all());
    let (status, code, original) = tls(&r);
    assert_eq!(
        (status, code),
        (Value::from("fail"), Value::from("tls_failure"))
    );
    assert!(original.contains("UnknownIssuer"), "{original}");
    assert_eq!(status_of(&r.json(), "domain.dns").0, "ok");

    // IT puts the root into the machine's Trusted Root store (HKLM, as a GPO does): Windows now
    // builds the chain to it, with nothing set in Dingbind. Wine 8 then stops at revocation
    // (CERT_E_REVOCATION_FAILURE: it does not honour the verifier's "ignore unknown revocation"
    // flags, real Windows does), so this proves the store is consulted, not a green check.
    let installed = wine_support::TrustedRoot::install(&platform.ca_der);
    let r = wine(&args(&["check", "--json"], &b), &env, Stdin::None);
    drop(installed);
    let (_, _, original) = tls(&r);
    assert!(
        !original.contains("UnknownIssuer"),
        "the root in the Windows store was not used: {original}"
    );
    assert!(!original.is_empty(), "{}", r.all());
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn report_export_and_import_through_chinese_folders() {
    let dir = tempfile::tempdir().unwrap();
    let handover = dir.path().join("钉钉 交接");
    std::fs::create_dir(&handover).unwrap();
    let data = dir.path().join("数据 目录");
    let b = binding(&platform().domain);
    let failing = sim("missing-contact-scope");
    let mut env: Vec<(&str, String)> = vec![("DINGBIND_CLIENT_SECRET", CLIENT_SECRET.into())];
    env.extend(failing.env());

    // report --run-checks into the Chinese folder: the failing check makes exit 1, as on Linux.
    let html = handover.join("绑定报告.html");
    let r = wine(
        &args(&["report", "--run-checks", "-o", &win(&html)], &b),
        &env,
        Stdin::None,
    );
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stdout.contains("报告已写入"), "{}", r.stdout);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("<html") && text.contains("scope.qyapi_get_member"));
    assert!(text.contains("546K…(64)") && !text.contains(CLIENT_SECRET));
    let md = handover.join("报告.md");
    let r = wine(
        &args(&["report", "--format", "md", "-o", &win(&md), "--json"], &b),
        &env,
        Stdin::None,
    );
    assert_eq!(
        (r.code, r.json()["verdict"].as_str().is_some()),
        (0, true),
        "{}",
        r.all()
    );
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));

    // The plain hand-off: written there, imported into a data folder with a Chinese name.
    let manifest = handover.join("交接清单.json");
    let r = wine(
        &args(&["export", "-o", &win(&manifest)], &b),
        &env,
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let m: Value = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    assert_eq!(m["corp_id"], CORP_ID);
    assert_eq!(m["secrets"]["client_secret"], "present");
    let data_env = [("DINGBIND_DATA_DIR", win(&data))];
    let r = wine(
        &["import", &win(&manifest), "--json"],
        &data_env,
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let id = r.json()["imported"]["id"].as_str().unwrap().to_string();
    let profile = data.join("profiles").join(format!("{id}.json"));
    assert_eq!(r.json()["imported"]["path"], win(&profile));
    assert!(profile.is_file());
    // The profile it made drives `urls`, from its Windows path.
    let r = wine(
        &["urls", "--profile", &win(&profile), "--json"],
        &[],
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        r.json()["urls"]["login_callback"],
        format!(
            "https://{}/dingding/dd_or_code_corp_list",
            platform().domain
        )
    );

    // The encrypted hand-off holds the secret; without a keychain its import says it was not kept,
    // and --env-out writes it for a server.
    let age = handover.join("交接 加密.age");
    let mut with_pass = env.clone();
    with_pass.push(("DINGBIND_PASSPHRASE", "口令 correct horse".into()));
    let r = wine(
        &args(&["export", "--encrypt", "-o", &win(&age), "--json"], &b),
        &with_pass,
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json()["secrets"]["client_secret"], "included");
    assert!(!std::fs::read(&age)
        .unwrap()
        .windows(12)
        .any(|w| w == &CLIENT_SECRET.as_bytes()[..12]));
    let r = wine(&["import", &win(&age), "--json"], &data_env, Stdin::None);
    assert_eq!(r.code, 2, "no passphrase: {}", r.all());
    assert_eq!(r.json()["code"], "passphrase_needed");
    let pass_env = [
        ("DINGBIND_DATA_DIR", win(&data)),
        ("DINGBIND_PASSPHRASE", "口令 correct horse".into()),
    ];
    let r = wine(&["import", &win(&age), "--json"], &pass_env, Stdin::None);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json()["imported"]["secrets"]["client_secret"], "session");
    let dotenv = handover.join("服务器.env");
    let r = wine(
        &["import", &win(&age), "--env-out", &win(&dotenv)],
        &pass_env,
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let text = std::fs::read_to_string(&dotenv).unwrap();
    assert!(
        text.contains(&format!("DINGTALK_CLIENT_SECRET='{CLIENT_SECRET}'")),
        "{text}"
    );
    let wrong = [
        ("DINGBIND_DATA_DIR", win(&data)),
        ("DINGBIND_PASSPHRASE", "wrong".into()),
    ];
    assert_eq!(wine(&["import", &win(&age)], &wrong, Stdin::None).code, 2);
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn files_saved_by_windows_editors_are_read() {
    // A profile and a template opened and saved in Notepad: a BOM and CRLF line ends.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("钉钉 交接");
    let b = binding(&platform().domain);
    let manifest = folder.join("清单.json");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(
        wine(
            &args(&["export", "-o", &win(&manifest)], &b),
            &[],
            Stdin::None
        )
        .code,
        0
    );
    let data = dir.path().join("数据");
    let r = wine(
        &["import", &win(&manifest), "--json"],
        &[("DINGBIND_DATA_DIR", win(&data))],
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let saved = data.join("profiles").join(format!(
        "{}.json",
        r.json()["imported"]["id"].as_str().unwrap()
    ));
    let notepad = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap().replace('\n', "\r\n");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes
    };
    let edited = folder.join("我的档案.json");
    std::fs::write(&edited, notepad(&saved)).unwrap();
    let r = wine(
        &["urls", "--profile", &win(&edited), "--json"],
        &[],
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json()["template"], "yidianyun-private-cloud");

    let template = folder.join("我的模板.toml");
    std::fs::write(
        &template,
        notepad(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../dingbind-core/src/template/builtin/custom-urls.toml"),
        ),
    )
    .unwrap();
    let r = wine(
        &["templates", "--check", &win(&template), "--json"],
        &[],
        Stdin::None,
    );
    assert_eq!(
        (r.code, r.json()["id"].clone()),
        (0, Value::from("custom-urls")),
        "{}",
        r.all()
    );

    // The hand-off itself, BOM + CRLF, imports too.
    std::fs::write(&manifest, notepad(&manifest)).unwrap();
    let r = wine(
        &["import", &win(&manifest), "--json"],
        &[("DINGBIND_DATA_DIR", win(&data))],
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());

    // A secret given with `set NAME=value && dingbind …` in cmd.exe carries a trailing space.
    let healthy = sim("healthy");
    let mut env: Vec<(&str, String)> =
        vec![("DINGBIND_CLIENT_SECRET", format!("{CLIENT_SECRET} "))];
    env.extend(healthy.env());
    let r = wine(&args(&["check", "--json"], &b), &env, Stdin::None);
    assert_eq!(
        status_of(&r.json(), "credentials.token").0,
        "ok",
        "{}",
        r.all()
    );
}

#[test]
#[ignore = "needs the Windows exe: make test-windows"]
fn data_in_roaming_appdata_and_secrets_in_credential_manager() {
    // No DINGBIND_DATA_DIR, the keychain on: the data folder is %APPDATA%\com.dingbind.wizard (the
    // app's, Tauri's app_data_dir) and the imported secret goes to Credential Manager.
    let dir = tempfile::tempdir().unwrap();
    let age = dir.path().join("交接.age");
    let b = binding(&platform().domain);
    let pass = ("DINGBIND_PASSPHRASE", "口令".to_string());
    let r = wine(
        &args(&["export", "--encrypt", "-o", &win(&age)], &b),
        &[
            ("DINGBIND_CLIENT_SECRET", CLIENT_SECRET.into()),
            pass.clone(),
        ],
        Stdin::None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let r = Run::keychain(&["import", &win(&age), "--json"], &[pass]);
    assert_eq!(r.code, 0, "{}", r.all());
    let v = r.json();
    assert_eq!(v["imported"]["secrets"]["client_secret"], "keychain", "{v}");
    let path = v["imported"]["path"].as_str().unwrap().to_string();
    let id = v["imported"]["id"].as_str().unwrap();
    let appdata = wine_support::appdata();
    assert!(
        path.to_lowercase().starts_with(&format!(
            r"{}\com.dingbind.wizard\profiles\",
            appdata.to_lowercase()
        )),
        "{path} is not under {appdata}"
    );
    assert!(path.ends_with(&format!("{id}.json")));
    // The same file, seen from this side of wine.
    assert!(wine_support::unix_path(&path).is_file(), "{path}");

    // `check --profile` with no secret in the environment reads it back from Credential Manager.
    let r = Run::keychain(
        &["check", "--profile", &path, "--json"],
        &sim("healthy").env(),
    );
    let v = r.json();
    assert_eq!(status_of(&v, "credentials.token").0, "ok", "{}", r.all());
}
