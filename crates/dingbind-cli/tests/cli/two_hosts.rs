//! The real `dingbind` against the app's own path through the core: a profile the app saved gives
//! the same report from `dingbind report --profile FILE` as from the workspace, and a file bigger
//! than the app accepts is refused with the code the app's reader gives.

use super::dingbind_env;
use dingbind_core::host::{self, MAX_IMPORT_BYTES};
use dingbind_core::secrets::{KeychainError, Secrets};
use dingbind_core::workspace::Workspace;
use dingbind_core::Field;
use serde_json::Value;

const CLIENT_SECRET: &str = "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er";

fn without_time(mut report: Value) -> Value {
    report.as_object_mut().unwrap().remove("generated_at");
    report["profile"]
        .as_object_mut()
        .unwrap()
        .remove("updated_at");
    report
}

#[test]
fn a_saved_profile_reports_the_same_from_the_cli_as_from_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Secrets::new(Err(KeychainError::Off("test".into())));
    let ws = Workspace::open(dir.path(), secrets, |_| {}).unwrap();
    let mut p = ws
        .create("宜点云 OA", "yidianyun-private-cloud")
        .unwrap()
        .profile;
    for (f, v) in [
        (Field::Domain, "oa.example.com"),
        (Field::CorpId, "ding5084aa896d73d7f1"),
        (Field::AgentId, "3219876540"),
        (Field::ClientId, "dingq7x2k9m4v8n3p5r1"),
    ] {
        p.values.insert(f, v.into());
    }
    ws.update(p.clone()).unwrap();
    ws.set_secret(&p.id, Field::ClientSecret, CLIENT_SECRET)
        .unwrap();
    ws.flush();
    let login_base = dingtalk::Config::from_env().endpoints.login;
    let app = dingbind_core::report::json(&ws.report(&p.id, &login_base).unwrap());

    let file = dir.path().join("profiles").join(format!("{}.json", p.id));
    let (code, cli, all) = dingbind_env(
        &["report", "--json", "--profile", file.to_str().unwrap()],
        &[("DINGBIND_CLIENT_SECRET", CLIENT_SECRET)],
    );
    assert_eq!(code, 0, "{all}");
    let app: Value = serde_json::from_str(&app).unwrap();
    assert_eq!(without_time(cli), without_time(app));
}

#[test]
fn an_oversized_import_is_refused_with_the_apps_code() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.dingbind.json");
    std::fs::write(&big, vec![b' '; MAX_IMPORT_BYTES as usize + 1]).unwrap();
    let data = dir.path().join("data");
    let (code, v, all) = dingbind_env(
        &["import", "--json", big.to_str().unwrap()],
        &[("DINGBIND_DATA_DIR", data.to_str().unwrap())],
    );
    let app = host::read_user_file(&big, MAX_IMPORT_BYTES).unwrap_err();
    assert_eq!(code, 2, "{all}");
    assert_eq!(v["error"], app.code(), "{v}");
    assert_eq!(v["error"], "file_too_large");
    assert!(
        !data.join("profiles").exists(),
        "a refused file changes nothing"
    );
    let (code, _, all) = dingbind_env(
        &[
            "import",
            "--env-out",
            dir.path().join("x.env").to_str().unwrap(),
            big.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 2, "{all}");
    assert!(all.contains("上限"), "{all}");
}
