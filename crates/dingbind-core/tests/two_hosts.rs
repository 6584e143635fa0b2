//! Same inputs, same files, same refusals from both hosts. One profile goes through the
//! [`Workspace`] by its id (the desktop app's path) and, as its saved file, through a [`Binding`]
//! built the way the CLI builds one from `--profile FILE` (read with the app's size limit, secrets
//! from the environment); the report, the hand-off files and the refusals must be identical.
//! `crates/dingbind-cli/tests` checks the real `dingbind` binary against the same rules.

use dingbind_core::binding::Binding;
use dingbind_core::host::{self, Templates, MAX_IMPORT_BYTES};
use dingbind_core::profile::Profile;
use dingbind_core::report;
use dingbind_core::secrets::{KeychainError, Secrets};
use dingbind_core::workspace::Workspace;
use dingbind_core::Field;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const TEMPLATE: &str = "yidianyun-private-cloud";
const LOGIN_BASE: &str = "https://login.dingtalk.com";
const CLIENT_SECRET: &str = "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er";
const NOW: &str = "2026-12-01T08:00:00Z";

fn workspace(dir: &Path) -> Workspace {
    let secrets = Secrets::new(Err(KeychainError::Off("no keychain".into())));
    Workspace::open(dir, secrets, |_| {}).unwrap()
}

/// A saved profile with these values and the Client Secret (in session memory).
fn profile(ws: &Workspace, values: &[(Field, &str)]) -> String {
    let view = ws.create("宜点云 OA · 钉钉绑定", TEMPLATE).unwrap();
    let mut edited = view.profile;
    for (f, v) in values {
        edited.values.insert(*f, (*v).to_owned());
    }
    ws.update(edited.clone()).unwrap();
    ws.set_secret(&edited.id, Field::ClientSecret, CLIENT_SECRET)
        .unwrap();
    ws.flush();
    edited.id
}

const FILLED: [(Field, &str); 5] = [
    (Field::Domain, "oa.example.com"),
    (Field::CorpId, "ding5084aa896d73d7f1"),
    (Field::CorpName, "示例科技（杭州）有限公司"),
    (Field::AgentId, "3219876540"),
    (Field::ClientId, "dingq7x2k9m4v8n3p5r1"),
];

/// What `dingbind … --profile <data>/profiles/<id>.json` opens, with `DINGBIND_CLIENT_SECRET` set.
fn cli_binding(dir: &Path, id: &str) -> Binding {
    let path = dir.join("profiles").join(format!("{id}.json"));
    let bytes = host::read_user_file(&path, MAX_IMPORT_BYTES).unwrap();
    let profile: Profile = serde_json::from_slice(&bytes).unwrap();
    let template = Templates::load(Some(dir))
        .find(&profile.template_id)
        .unwrap();
    Binding {
        profile: profile.without_secret_values(),
        template,
        secrets: BTreeMap::from([(Field::ClientSecret, CLIENT_SECRET.to_owned())]),
        stored: true,
    }
}

/// The report without its clocks: when it was made, and when the profile changed (the file is
/// stamped when the autosaver writes it, the open copy when the admin edited it).
fn without_time(mut report: Value) -> Value {
    report.as_object_mut().unwrap().remove("generated_at");
    report["profile"]
        .as_object_mut()
        .unwrap()
        .remove("updated_at");
    report
}

#[test]
fn the_same_profile_gives_the_same_report_from_both_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let id = profile(&ws, &FILLED);

    let app = report::json(&ws.report(&id, LOGIN_BASE).unwrap());
    let cli = report::json(&cli_binding(dir.path(), &id).report(LOGIN_BASE, None, None, None, NOW));
    let app: Value = serde_json::from_str(&app).unwrap();
    let cli: Value = serde_json::from_str(&cli).unwrap();
    assert!(!app["scan_codes"].as_array().unwrap().is_empty());
    assert_eq!(without_time(app), without_time(cli));
    assert_eq!(
        ws.scan_codes(&id, LOGIN_BASE).unwrap(),
        cli_binding(dir.path(), &id).scan_codes(LOGIN_BASE)
    );
}

#[test]
fn the_same_profile_gives_the_same_handoff_files_from_both_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let id = profile(&ws, &FILLED);
    let chosen = Path::new("/out/宜点云.dingbind.json");

    let app = ws.export(&id, None).unwrap();
    let cli = cli_binding(dir.path(), &id).export(None, NOW).unwrap();
    let stamp = |json: &str| {
        let v: Value = serde_json::from_str(json).unwrap();
        v["generated_at"].as_str().unwrap().to_owned()
    };
    let (app_at, cli_at) = (stamp(&app.manifest_json), stamp(&cli.manifest_json));
    let files = |export: dingbind_core::handoff::Export, at: &str| {
        export
            .files(chosen)
            .into_iter()
            .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap().replace(at, "T")))
            .collect::<Vec<_>>()
    };
    let app = files(app, &app_at);
    let names: Vec<_> = app.iter().map(|(p, _)| p.display().to_string()).collect();
    assert_eq!(
        names,
        ["/out/宜点云.dingbind.json", "/out/宜点云.env"],
        "no passphrase, no .age"
    );
    assert_eq!(app, files(cli, &cli_at));

    // With a passphrase the encrypted manifest joins them, beside the manifest.
    let sealed = ws.export(&id, Some("pass phrase 1")).unwrap();
    let last = sealed.files(chosen).pop().unwrap().0;
    assert_eq!(last, Path::new("/out/宜点云.dingbind.json.age"));
}

#[tokio::test]
async fn a_login_without_a_client_id_is_refused_alike() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let id = profile(&ws, &FILLED[..4]);
    let cfg = dingtalk::Config::from_env();

    let app = ws.login_start(&id, cfg.clone()).await.unwrap_err();
    let cli = cli_binding(dir.path(), &id)
        .login_input(cfg, None)
        .unwrap_err();
    assert_eq!(app.code(), "credentials_missing");
    assert_eq!((app.code(), app.text()), (cli.code(), cli.text()));
}

#[test]
fn an_oversized_file_is_refused_alike() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.dingbind.json");
    std::fs::write(&path, vec![b' '; MAX_IMPORT_BYTES as usize + 1]).unwrap();
    // Both hosts read a picked file through this one function with the import limit.
    let e = host::read_user_file(&path, MAX_IMPORT_BYTES).unwrap_err();
    assert_eq!(e.code(), "file_too_large");
    assert!(e.text().zh.contains("上限"), "{}", e.text().zh);
}

#[test]
fn the_open_profile_is_read_with_its_unsaved_edits_and_others_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let other = profile(&ws, &FILLED);
    let open = profile(&ws, &FILLED);
    let mut edited = ws.current().unwrap();
    edited.name = "改过的名字".into();
    ws.update(edited).unwrap();
    // Read at once, before the autosaver writes: the open copy counts.
    assert_eq!(
        ws.report(&open, LOGIN_BASE).unwrap().profile.name,
        "改过的名字"
    );
    assert_eq!(ws.binding(&other).unwrap().profile.id, other);
    assert_eq!(ws.runs(&other).unwrap().len(), 0);
    let e = ws.report("no-such-profile", LOGIN_BASE).unwrap_err();
    assert_eq!(e.code(), "profile_not_found");
}

#[test]
fn an_encrypted_import_waits_in_the_core_for_its_passphrase() {
    use dingbind_core::workspace::ImportOutcome;
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let id = profile(&ws, &FILLED);
    let age = ws
        .export(&id, Some("pass phrase 1"))
        .unwrap()
        .encrypted
        .unwrap();

    let nothing = ws.import_with_passphrase("pass phrase 1").unwrap_err();
    assert_eq!(nothing.code(), "nothing_waiting");
    assert!(matches!(
        ws.import_file(age).unwrap(),
        ImportOutcome::NeedsPassphrase
    ));
    // A wrong passphrase keeps the file waiting for another try.
    let wrong = ws.import_with_passphrase("wrong").unwrap();
    assert!(matches!(wrong, ImportOutcome::Refused { ref code, .. } if code == "wrong_passphrase"));
    let right = ws.import_with_passphrase("pass phrase 1").unwrap();
    assert!(matches!(right, ImportOutcome::Imported { .. }));
    assert_eq!(
        ws.import_with_passphrase("pass phrase 1")
            .unwrap_err()
            .code(),
        "nothing_waiting"
    );
}
