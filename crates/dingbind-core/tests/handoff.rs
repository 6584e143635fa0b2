//! The server-team hand-off against seed 003's private cloud: export → import gives back the
//! binding; plain files never hold a secret; the encrypted file opens with the standard `age` CLI
//! (and an `age -p -a` file opens in Dingbind); the `.env` file reads back exactly in `sh`; and
//! every refused import names the exact place in the file.

use dingbind_core::handoff::{
    self, decrypt, export, import, render_env, Export, HandoffError, ImportErrorCode, Manifest,
    SecretState,
};
use dingbind_core::profile::{Profile, SecretLocation};
use dingbind_core::template::{self, Template};
use dingbind_core::Field;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const NOW: &str = "2024-05-20T10:30:00+08:00";
const APP: &str = "0.1.0";
const PASSPHRASE: &str = "correct horse 电池 staple";
const CORP_NAME: &str = "示例科技（杭州）有限公司";
const CLIENT_SECRET: &str = "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er";
const SSO_SECRET: &str = "S8A3Iw8vG1aXCcLGjivXLdwEJyFu9Bi5zoT8KC1oDCiKtaFcD42LRMbiC7Tz4ksm";
const HOME: &str = "https://oa.example.com/dingding/dingding_auth_corp?corpId=$CORPID$";
const ADMIN: &str = "https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding5084aa896d73d7f1";

fn yidianyun() -> Template {
    template::builtin("yidianyun-private-cloud")
        .unwrap()
        .clone()
}

fn find(id: &str) -> Option<Template> {
    template::builtin(id).cloned()
}

fn profile() -> Profile {
    let t = yidianyun();
    let mut p = Profile::new("p-1".into(), "杭州总部".into(), &t, NOW.into());
    for (f, v) in [
        (Field::Domain, "oa.example.com"),
        (Field::CorpId, "ding5084aa896d73d7f1"),
        (Field::CorpName, CORP_NAME),
        (Field::AgentId, "3219876540"),
        (Field::ClientId, "dingq7x2k9m4v8n3p5r1"),
    ] {
        p.values.insert(f, v.into());
    }
    for key in [
        "console_login.signed_in",
        "create_app.created",
        "web_app.saved",
    ] {
        p.confirmations
            .insert(key.into(), "2024-05-20T09:15:00+08:00".into());
    }
    p.secrets
        .insert(Field::ClientSecret, SecretLocation::Keychain);
    p.secrets.insert(Field::SsoSecret, SecretLocation::Keychain);
    p
}

fn secrets() -> BTreeMap<Field, String> {
    BTreeMap::from([
        (Field::ClientSecret, CLIENT_SECRET.to_string()),
        (Field::SsoSecret, SSO_SECRET.to_string()),
    ])
}

/// The encrypted export, made once: scrypt is deliberately slow.
fn encrypted() -> &'static Export {
    static E: OnceLock<Export> = OnceLock::new();
    E.get_or_init(|| {
        export(
            &profile(),
            &yidianyun(),
            &secrets(),
            Some(PASSPHRASE),
            APP,
            NOW,
        )
        .unwrap()
    })
}

fn plain() -> Export {
    export(&profile(), &yidianyun(), &secrets(), None, APP, NOW).unwrap()
}

#[test]
fn plain_round_trip_gives_back_the_binding_without_secrets() {
    let (p, t, e) = (profile(), yidianyun(), plain());
    assert!(e.encrypted.is_none());
    let got = import(e.manifest_json.as_bytes(), None, find).unwrap();
    assert!(!got.encrypted);
    assert_eq!(got.profile_values, p.values);
    assert_eq!(got.manifest.template.id, t.id);
    assert_eq!(got.url_patterns, p.url_patterns);
    assert_eq!(got.confirmations, p.confirmations);
    assert!(got.secrets.is_empty());
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    let written: Manifest = serde_json::from_str(&e.manifest_json).unwrap();
    assert_eq!(got.manifest, written);

    let again = got.profile("p-2".into(), &t, "2024-06-01T08:00:00Z".into());
    assert_eq!(
        (&again.name, &again.template_id, &again.values),
        (&p.name, &p.template_id, &p.values)
    );
    assert_eq!(again.confirmations, p.confirmations);
    // No secrets came in, so the wizard resumes at the credentials step.
    assert_eq!(again.current_step, "credentials");
}

#[test]
fn encrypted_round_trip_brings_the_secrets() {
    let bytes = encrypted().encrypted.as_deref().unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    let got = import(bytes, Some(PASSPHRASE), find).unwrap();
    assert!(got.encrypted);
    assert_eq!(got.secrets, secrets());
    assert_eq!(got.profile_values, profile().values);
    assert_eq!(got.confirmations, profile().confirmations);
    assert_eq!(
        got.manifest.secrets[&Field::ClientSecret],
        SecretState::Included
    );
    assert_eq!(
        got.manifest.secret_values, None,
        "secrets live in `secrets` only"
    );
    let debug = format!("{got:?}");
    assert!(!debug.contains(CLIENT_SECRET) && !debug.contains(SSO_SECRET));
}

#[test]
fn editable_url_patterns_round_trip() {
    let t = template::builtin("custom-urls").unwrap();
    let mut p = Profile::new("p-3".into(), "通用".into(), t, NOW.into());
    for (f, v) in [
        (Field::Domain, "portal.example.com:8443"),
        (Field::CorpId, "ding5084aa896d73d7f1"),
        (Field::AgentId, "3219876540"),
        (Field::ClientId, "dingq7x2k9m4v8n3p5r1"),
    ] {
        p.values.insert(f, v.into());
    }
    p.url_patterns.insert(
        "home".into(),
        "https://{domain}/sso/dingtalk?corp={corp_id}&from=$CORPID$".into(),
    );
    let e = export(&p, t, &BTreeMap::new(), None, APP, NOW).unwrap();
    let m: Manifest = serde_json::from_str(&e.manifest_json).unwrap();
    assert_eq!(
        m.urls["home"],
        "https://portal.example.com:8443/sso/dingtalk?corp=ding5084aa896d73d7f1&from=$CORPID$"
    );
    assert_eq!(m.secrets[&Field::ClientSecret], SecretState::Absent);
    let got = import(e.manifest_json.as_bytes(), None, find).unwrap();
    assert_eq!(got.url_patterns, p.url_patterns);
    assert_eq!(got.profile_values, p.values);
}

#[test]
fn plain_files_never_carry_a_secret() {
    for e in [plain(), encrypted().clone()] {
        for text in [&e.manifest_json, &e.env] {
            for secret in [CLIENT_SECRET, SSO_SECRET] {
                assert!(!text.contains(secret), "a secret leaked into:\n{text}");
                // Not even the part a mask would show plus a few more characters.
                assert!(!text.contains(&secret[..16]));
            }
            assert!(!text.contains("secret_values"));
        }
        assert!(e.env.contains("# DINGTALK_CLIENT_SECRET= (not exported; the admin has it — ask for the encrypted .age file)"));
        assert!(e.env.contains("# DINGTALK_SSO_SECRET= (not exported"));
        assert!(e
            .env
            .contains("# DINGTALK_AES_KEY= (not used by this template)"));
    }
    let bytes = encrypted().encrypted.as_deref().unwrap();
    assert!(!bytes
        .windows(16)
        .any(|w| w == &CLIENT_SECRET.as_bytes()[..16]));
}

#[test]
fn manifest_has_the_documented_shape() {
    let m: Value = serde_json::from_str(&plain().manifest_json).unwrap();
    assert_eq!(m["kind"], "dingbind-manifest");
    assert_eq!(m["schema_version"], 1);
    assert_eq!(m["generated_at"], NOW);
    assert_eq!(m["app_version"], APP);
    assert_eq!(m["profile_name"], "杭州总部");
    assert_eq!(m["template"]["id"], "yidianyun-private-cloud");
    assert_eq!(m["template"]["name"]["zh"], "宜点云私有云");
    assert_eq!(m["corp_name"], CORP_NAME);
    assert_eq!(m["agent_id"], "3219876540");
    assert_eq!(m["urls"]["home"], HOME);
    assert_eq!(m["urls"]["admin"], ADMIN);
    assert_eq!(m["missing"], json!([]));
    assert_eq!(
        m["secrets"],
        json!({"client_secret": "present", "sso_secret": "present"})
    );
    assert_eq!(
        m["confirmations"]["web_app.saved"],
        "2024-05-20T09:15:00+08:00"
    );
    let scopes: Vec<&str> = m["required_scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert!(scopes.contains(&"qyapi_get_member") && scopes.contains(&"Todo.Todo.Write"));
    assert!(m.get("secret_values").is_none());
}

#[test]
fn passphrases_are_required_and_checked() {
    let bytes = encrypted().encrypted.as_deref().unwrap();
    for passphrase in [None, Some("")] {
        let e = import(bytes, passphrase, find).unwrap_err();
        assert_eq!(
            (e.code, e.pointer.as_str()),
            (ImportErrorCode::PassphraseNeeded, "")
        );
    }
    let e = import(bytes, Some("correct horse battery staple"), find).unwrap_err();
    assert_eq!(
        (e.code, e.pointer.as_str()),
        (ImportErrorCode::WrongPassphrase, "")
    );
    assert!(e.message.zh.contains("口令"));
    assert_eq!(decrypt(bytes, "nope"), Err(HandoffError::WrongPassphrase));
    assert_eq!(
        export(&profile(), &yidianyun(), &secrets(), Some(""), APP, NOW),
        Err(HandoffError::EmptyPassphrase)
    );
    // Armoured the way `age -a` writes it, the same file still opens.
    let armoured = armour(bytes);
    let got = import(armoured.as_bytes(), Some(PASSPHRASE), find).unwrap();
    assert_eq!(got.secrets, secrets());
    // Cut short, it is damaged, not "wrong passphrase".
    let cut = &bytes[..bytes.len() - 20];
    let e = import(cut, Some(PASSPHRASE), find).unwrap_err();
    assert_eq!(e.code, ImportErrorCode::Damaged);
}

#[test]
fn an_invalid_secret_stops_an_encrypted_export() {
    let mut s = secrets();
    s.insert(Field::ClientSecret, "ding5084aa896d73d7f1".into());
    match export(&profile(), &yidianyun(), &s, Some(PASSPHRASE), APP, NOW) {
        Err(HandoffError::InvalidSecret { field, message }) => {
            assert_eq!(field, Field::ClientSecret);
            assert!(!message.zh.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

fn armour(bytes: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n",
        lines.join("\n")
    )
}

// ---- the `.env` file, read back by a real shell ----------------------------------------------

fn sourced(env: &str, var: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.env"), env).unwrap();
    let script = format!("set -a; . ./x.env; printf %s \"${{{var}-<unset>}}\"");
    let out = Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn env_reads_back_exactly_in_sh() {
    let env = plain().env;
    assert!(env.starts_with("# Dingbind hand-off"));
    assert!(env.contains("DINGTALK_CLIENT_ID='dingq7x2k9m4v8n3p5r1'"));
    assert_eq!(sourced(&env, "DINGTALK_URL_HOME"), HOME);
    assert_eq!(sourced(&env, "DINGTALK_URL_ADMIN"), ADMIN);
    assert_eq!(sourced(&env, "DINGTALK_CORP_NAME"), CORP_NAME);
    assert_eq!(sourced(&env, "DINGTALK_AGENT_ID"), "3219876540");
    assert_eq!(sourced(&env, "DINGTALK_CLIENT_SECRET"), "<unset>");

    // From the decrypted manifest (what a server script does), the secrets are there too.
    let full: Manifest = serde_json::from_slice(
        &decrypt(encrypted().encrypted.as_deref().unwrap(), PASSPHRASE).unwrap(),
    )
    .unwrap();
    let env = render_env(&full);
    assert!(env.contains("CONTAINS SECRETS"));
    assert_eq!(sourced(&env, "DINGTALK_CLIENT_SECRET"), CLIENT_SECRET);
    assert_eq!(sourced(&env, "DINGTALK_SSO_SECRET"), SSO_SECRET);
}

#[test]
fn env_quoting_survives_shell_metacharacters() {
    let mut m: Manifest = serde_json::from_str(&plain().manifest_json).unwrap();
    let nasty = "O'Brien \"&\" $HOME `id` \\n 100% ; | > 示例\nsecond line";
    m.corp_name = Some(nasty.into());
    m.profile_name = "two\nlines; rm -rf /".into();
    let env = render_env(&m);
    assert_eq!(sourced(&env, "DINGTALK_CORP_NAME"), nasty);
    // A profile name with a line break cannot step out of its comment into a command.
    assert!(env.lines().take(4).all(|l| l.starts_with('#')), "{env}");
    assert!(env.contains("binding “two lines; rm -rf /”"));
}

// ---- interoperability with Debian's `age` CLI -------------------------------------------------

/// Runs `age` with `args` on a pseudo-terminal (it reads passphrases only from a terminal), typing
/// `typed`. `None` when `age` or `script` is not installed.
fn age_cli(args: &str, typed: &str, dir: &Path) -> Option<bool> {
    let found = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !found("age") || !found("script") {
        eprintln!("SKIPPED: the `age` CLI or `script` (util-linux) is not installed");
        return None;
    }
    let mut child = Command::new("script")
        .args(["-qec", &format!("age {args}"), "/dev/null"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Typed ahead: the terminal buffers the lines until age reads them. Stdin is then closed,
    // because `script` keeps the session open as long as its input is.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(typed.as_bytes()).unwrap();
    drop(stdin);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status.success());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`age {args}` did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_age_cli_opens_the_encrypted_export() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = encrypted().encrypted.as_deref().unwrap();
    std::fs::write(dir.path().join("binding.age"), bytes).unwrap();
    let Some(ok) = age_cli(
        "-d -o out.json binding.age",
        &format!("{PASSPHRASE}\n"),
        dir.path(),
    ) else {
        return;
    };
    assert!(ok, "age -d failed");
    let m: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(m["secret_values"]["client_secret"], CLIENT_SECRET);
    assert_eq!(m["secret_values"]["sso_secret"], SSO_SECRET);
    assert_eq!(m["secrets"]["client_secret"], "included");
    assert_eq!(m["corp_id"], "ding5084aa896d73d7f1");

    // The wrong passphrase fails there too.
    let bad = age_cli("-d -o bad.json binding.age", "not it\n", dir.path()).unwrap();
    assert!(!bad);
}

#[test]
fn an_armoured_file_from_the_age_cli_imports() {
    let dir = tempfile::tempdir().unwrap();
    let full = decrypt(encrypted().encrypted.as_deref().unwrap(), PASSPHRASE).unwrap();
    std::fs::write(dir.path().join("binding.json"), full).unwrap();
    let typed = format!("{PASSPHRASE}\n{PASSPHRASE}\n");
    let Some(ok) = age_cli("-p -a -o binding.age binding.json", &typed, dir.path()) else {
        return;
    };
    assert!(ok, "age -p -a failed");
    let bytes = std::fs::read(dir.path().join("binding.age")).unwrap();
    assert!(bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    let got = import(&bytes, Some(PASSPHRASE), find).unwrap();
    assert_eq!(got.secrets, secrets());
    // Decrypted by hand and imported as plain JSON, it is refused: secrets never travel in plain.
    let plain_copy = std::fs::read(dir.path().join("binding.json")).unwrap();
    let e = import(&plain_copy, None, find).unwrap_err();
    assert_eq!(
        (e.code, e.pointer.as_str()),
        (ImportErrorCode::PlainSecrets, "/secret_values")
    );
}

// ---- refusals -----------------------------------------------------------------------------------

fn base() -> Value {
    serde_json::from_str(&plain().manifest_json).unwrap()
}

/// The plain manifest with member `key` of the object at `parent` set to `value` (removed if `None`).
fn edited(parent: &str, key: &str, value: Option<Value>) -> Vec<u8> {
    let mut v = base();
    let obj = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
    match value {
        Some(value) => obj.insert(key.into(), value),
        None => obj.remove(key),
    };
    serde_json::to_vec_pretty(&v).unwrap()
}

fn set(parent: &str, key: &str, value: Value) -> Vec<u8> {
    edited(parent, key, Some(value))
}

#[test]
fn bad_imports_name_the_exact_place() {
    use ImportErrorCode::*;
    // One line per case, so the table reads as a table.
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<u8>, ImportErrorCode, &str)> = vec![
        ("not json", b"{\n  \"kind\": \"dingbind-manifest\",\n  oops: 1\n}".to_vec(), NotJson, ""),
        ("cut short", br#"{"kind": "dingbind-manifest", "schema_version""#.to_vec(), NotJson, ""),
        ("not text", vec![0xff, 0xfe, 0x00, 0x41], NotJson, ""),
        ("a list", b"[1, 2, 3]".to_vec(), NotManifest, ""),
        ("random json", br#"{"name": "x"}"#.to_vec(), NotManifest, "/kind"),
        ("a profile", serde_json::to_vec(&profile()).unwrap(), NotManifest, "/kind"),
        ("a report", br#"{"checks": [], "summary": {}}"#.to_vec(), NotManifest, "/kind"),
        ("other kind", set("", "kind", json!("dingbind-report")), NotManifest, "/kind"),
        ("no version", edited("", "schema_version", None), UnsupportedVersion, "/schema_version"),
        ("future version", set("", "schema_version", json!(2)), UnsupportedVersion, "/schema_version"),
        ("version as text", set("", "schema_version", json!("1")), WrongType, "/schema_version"),
        ("no template", edited("", "template", None), WrongType, "/template"),
        ("unknown template", set("/template", "id", json!("acme-erp")), UnknownTemplate, "/template/id"),
        ("template id a number", set("/template", "id", json!(7)), WrongType, "/template/id"),
        ("corp_id a number", set("", "corp_id", json!(5084)), WrongType, "/corp_id"),
        ("corp_id with a space", set("", "corp_id", json!("ding5084 aa896d73d7f1")), Invalid, "/corp_id"),
        ("agent_id not digits", set("", "agent_id", json!("AgentId")), Invalid, "/agent_id"),
        ("secret in client_id", set("", "client_id", json!(SSO_SECRET)), Invalid, "/client_id"),
        ("placeholder domain", set("", "domain", json!("私有云域名")), Invalid, "/domain"),
        ("url not text", set("/urls", "home", json!(["x"])), WrongType, "/urls/home"),
        ("urls not an object", set("", "urls", json!("x")), WrongType, "/urls"),
        ("fixed url overridden", set("/url_patterns", "home", json!("https://{domain}/x")), Invalid, "/url_patterns/home"),
        ("unknown url, escaped", set("/url_patterns", "a/b~c", json!("https://{domain}/")), Invalid, "/url_patterns/a~1b~0c"),
        ("bad confirmation time", set("/confirmations", "web_app.saved", json!("yesterday")), Invalid, "/confirmations/web_app.saved"),
        ("unknown secret state", set("/secrets", "client_secret", json!("maybe")), Invalid, "/secrets/client_secret"),
        ("not a secret name", set("/secrets", "password", json!("present")), Invalid, "/secrets/password"),
        ("scopes not a list", set("", "required_scopes", json!({})), WrongType, "/required_scopes"),
        ("secret_values in plain", set("", "secret_values", json!({"client_secret": CLIENT_SECRET})), PlainSecrets, "/secret_values"),
        ("secret at top level", set("", "client_secret", json!(CLIENT_SECRET)), PlainSecrets, "/client_secret"),
    ];
    for (name, bytes, code, pointer) in cases {
        let e = import(&bytes, None, find).expect_err(name);
        assert_eq!(
            (e.code, e.pointer.as_str()),
            (code, pointer),
            "{name}: {e:?}"
        );
        assert!(
            e.message
                .zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: {e:?}"
        );
        assert!(!e.message.en.is_empty(), "{name}");
        for secret in [CLIENT_SECRET, SSO_SECRET] {
            assert!(
                !e.message.zh.contains(secret) && !e.message.en.contains(secret),
                "{name}"
            );
        }
    }
}

#[test]
fn refusals_say_where_and_which_versions() {
    let e = import(
        b"{\n  \"kind\": \"dingbind-manifest\",\n  oops: 1\n}",
        None,
        find,
    )
    .unwrap_err();
    assert!(
        e.message.zh.contains("第 3 行第 3 列不是有效的 JSON"),
        "{e:?}"
    );
    assert!(e.message.en.contains("line 3, column 3"), "{e:?}");
    let e = import(&set("", "schema_version", json!(2)), None, find).unwrap_err();
    assert!(
        e.message.zh.contains("版本 1") && e.message.en.contains("version 1"),
        "{e:?}"
    );
    let e = import(&serde_json::to_vec(&profile()).unwrap(), None, find).unwrap_err();
    assert!(e.message.en.contains("profile"), "{e:?}");
}

#[test]
fn refusals_inside_an_encrypted_file() {
    let full: Value = serde_json::from_slice(
        &decrypt(encrypted().encrypted.as_deref().unwrap(), PASSPHRASE).unwrap(),
    )
    .unwrap();
    let mut bad_secret = full.clone();
    bad_secret["secret_values"]["client_secret"] = json!("too short, with spaces");
    let mut lost_secret = full.clone();
    lost_secret["secret_values"]
        .as_object_mut()
        .unwrap()
        .remove("sso_secret");
    for (v, pointer) in [
        (bad_secret, "/secret_values/client_secret"),
        (lost_secret, "/secret_values/sso_secret"),
    ] {
        let age = handoff::encrypt(&serde_json::to_vec(&v).unwrap(), PASSPHRASE).unwrap();
        let e = import(&age, Some(PASSPHRASE), find).unwrap_err();
        assert_eq!(
            (e.code, e.pointer.as_str()),
            (ImportErrorCode::Invalid, pointer),
            "{e:?}"
        );
    }
}

#[test]
fn harmless_oddities_import_with_warnings() {
    // A byte-order mark from a Windows editor, and a URL from an older template version.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(set(
        "/urls",
        "home",
        json!("https://oa.example.com/old-home"),
    ));
    let got = import(&bytes, None, find).unwrap();
    assert_eq!(got.manifest.urls["home"], HOME);
    assert_eq!(got.warnings.len(), 1);
    assert_eq!(got.warnings[0].pointer, "/urls/home");
}
