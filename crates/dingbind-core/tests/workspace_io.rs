//! The workspace's outputs end to end, on a real data folder: the scan codes of the open profile
//! (each QR code decodes to exactly its URL), the hand-off export read back as a new profile (plain
//! and encrypted, with the passphrase round trip), imports that must be refused without touching a
//! single byte of the existing profiles, and support mode — a report with a real check run against
//! the simulator read back as a new profile whose history holds that run.

mod common;

use dingbind_core::checks::{run, Cancel, CheckOptions, CheckRun, CheckStatus, PracticeScenario};
use dingbind_core::history::ChangeKind;
use dingbind_core::profile::{confirmation_key, SecretLocation};
use dingbind_core::report;
use dingbind_core::scan::ScanKind;
use dingbind_core::secrets::{KeychainError, Secrets};
use dingbind_core::store::ProfileSummary;
use dingbind_core::workspace::{ImportOutcome, ProfileView, Workspace};
use dingbind_core::Field;
use dingtalk_sim::scenarios as sc;
use dingtalk_sim::Sim;
use std::collections::BTreeMap;
use std::path::Path;

const TEMPLATE: &str = "yidianyun-private-cloud";
const LOGIN_BASE: &str = "https://login.dingtalk.com";
const DOMAIN: &str = "oa.example.com";
const CORP_ID: &str = "ding5084aa896d73d7f1";
const CORP_NAME: &str = "示例科技（杭州）有限公司";
const AGENT_ID: &str = "3219876540";
const CLIENT_ID: &str = "dingq7x2k9m4v8n3p5r1";
const CLIENT_SECRET: &str = "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er";
const SSO_SECRET: &str = "S8A3Iw8vG1aXCcLGjivXLdwEJyFu9Bi5zoT8KC1oDCiKtaFcD42LRMbiC7Tz4ksm";
const PASSPHRASE: &str = "pass phrase 1";

/// The confirmations ticked in every test: (step, confirm, when).
const TICKED: [(&str, &str, &str); 3] = [
    ("console_login", "signed_in", "2025-05-01T01:35:12Z"),
    ("create_app", "created", "2025-05-01T01:41:03+08:00"),
    ("web_app", "saved", "2025-05-01T02:02:45Z"),
];

/// A workspace on a fresh folder (no keychain: secrets stay in session memory) with one filled
/// seed-003 profile open.
struct Fixture {
    dir: tempfile::TempDir,
    ws: Workspace,
    id: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(
        dir.path(),
        Secrets::new(Err(KeychainError::Off("no keychain".into()))),
        |_| {},
    )
    .unwrap();
    let view = ws.create("宜点云 OA · 钉钉绑定", TEMPLATE).unwrap();
    let id = view.profile.id.clone();
    let mut edited = view.profile;
    for (f, v) in [
        (Field::Domain, DOMAIN),
        (Field::CorpId, CORP_ID),
        (Field::CorpName, CORP_NAME),
        (Field::AgentId, AGENT_ID),
        (Field::ClientId, CLIENT_ID),
    ] {
        edited.values.insert(f, v.to_owned());
    }
    for (step, confirm, at) in TICKED {
        edited
            .confirmations
            .insert(confirmation_key(step, confirm), at.to_owned());
    }
    ws.update(edited).unwrap();
    ws.set_secret(&id, Field::ClientSecret, CLIENT_SECRET)
        .unwrap();
    let view = ws.set_secret(&id, Field::SsoSecret, SSO_SECRET).unwrap();
    assert!(
        view.evaluation.fields.values().all(|v| v.ok),
        "{:?}",
        view.evaluation.fields
    );
    ws.flush();
    Fixture { dir, ws, id }
}

fn ids(list: &[ProfileSummary]) -> Vec<String> {
    let mut ids: Vec<String> = list.iter().map(|p| p.id.clone()).collect();
    ids.sort();
    ids
}

/// Every file under `<dir>/profiles`, by name, with its bytes.
fn profile_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join("profiles"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect()
}

/// The new profile of an import that must have succeeded: (view, from_report).
fn imported(outcome: ImportOutcome) -> (ProfileView, bool) {
    match outcome {
        ImportOutcome::Imported {
            view, from_report, ..
        } => (*view, from_report),
        other => panic!("expected an import, got {other:?}"),
    }
}

/// (code, pointer) of an import that must have been refused.
fn refused(outcome: ImportOutcome) -> (String, String) {
    match outcome {
        ImportOutcome::Refused {
            code,
            pointer,
            message,
        } => {
            assert!(!message.zh.is_empty() && !message.en.is_empty());
            (code, pointer)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The text a PNG `data:` URL's QR code holds (exactly one code in the image).
fn decode_qr(data_url: &str) -> String {
    use base64::Engine;
    let b64 = data_url
        .strip_prefix("data:image/png;base64,")
        .unwrap_or_else(|| panic!("not a PNG data URL: {}", &data_url[..40]));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code per image");
    grids[0].decode().unwrap().1
}

#[test]
fn scan_codes_decode_to_exactly_their_urls() {
    let Fixture { dir: _dir, ws, id } = fixture();
    let codes = ws.scan_codes(&open_id(&ws), LOGIN_BASE).unwrap();
    let kinds: Vec<ScanKind> = codes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, ScanKind::ALL);
    let state = format!("dingbind-{}", &id[..8]);
    let expected = [
        format!(
            "https://login.dingtalk.com/oauth2/auth?redirect_uri=https%3A%2F%2Foa.example.com%2Fdingding%2Fdd_or_code_corp_list&response_type=code&client_id=dingq7x2k9m4v8n3p5r1&scope=openid%20corpid&state={state}&prompt=consent"
        ),
        "dingtalk://dingtalkclient/action/openapp?corpid=ding5084aa896d73d7f1&container_type=work_platform&app_id=0_3219876540&redirect_type=jump&redirect_url=https%3A%2F%2Foa.example.com%2Fdingding%2Fdingding_auth_corp%3FcorpId%3Dding5084aa896d73d7f1".to_owned(),
        "https://oa.example.com/dingding/dingding_auth_corp?corpId=ding5084aa896d73d7f1".to_owned(),
    ];
    for (code, want) in codes.iter().zip(&expected) {
        assert_eq!(code.url.as_deref(), Some(want.as_str()), "{:?}", code.kind);
        assert!(code.missing.is_empty(), "{:?}", code.kind);
        assert_eq!(
            decode_qr(code.png.as_deref().unwrap()),
            *want,
            "{:?}",
            code.kind
        );
        assert!(!code.expect.zh.is_empty() && !code.if_not.is_empty());
    }
    assert!(codes[0].expect.zh.contains(&format!("「{CORP_NAME}」")));
    assert!(codes[0].expect.zh.contains(DOMAIN));
    assert!(codes[2].expect.en.contains(DOMAIN));

    // The state is fixed per profile: the codes do not change between renders.
    assert_eq!(ws.scan_codes(&open_id(&ws), LOGIN_BASE).unwrap(), codes);
    // A trailing slash on the login host does not double up.
    assert_eq!(
        ws.scan_codes(&open_id(&ws), "https://login.dingtalk.com/")
            .unwrap()[0]
            .url,
        codes[0].url
    );
}

#[test]
fn a_missing_value_gives_no_code_but_names_it() {
    let Fixture { dir: _dir, ws, .. } = fixture();
    let mut p = ws.current().unwrap();
    p.values.remove(&Field::AgentId);
    ws.update(p).unwrap();
    let codes = ws.scan_codes(&open_id(&ws), LOGIN_BASE).unwrap();
    let workbench = codes
        .iter()
        .find(|c| c.kind == ScanKind::Workbench)
        .unwrap();
    assert_eq!((&workbench.url, &workbench.png), (&None, &None));
    assert_eq!(workbench.missing, [Field::AgentId]);
    assert!(codes
        .iter()
        .filter(|c| c.kind != ScanKind::Workbench)
        .all(|c| c.url.is_some() && c.png.is_some()));
}

#[test]
fn a_plain_export_imports_as_a_new_equal_profile() {
    let Fixture { dir, ws, id } = fixture();
    let original = ws.current().unwrap();
    let before = ws.list().unwrap();
    assert_eq!(before.len(), 1);

    let export = ws.export(&open_id(&ws), None).unwrap();
    assert!(export.encrypted.is_none());
    for secret in [CLIENT_SECRET, SSO_SECRET] {
        assert!(!export.manifest_json.contains(secret));
        assert!(!export.env.contains(secret));
    }
    let (view, from_report) = imported(ws.import(export.manifest_json.as_bytes(), None).unwrap());
    assert!(!from_report);
    let copy = view.profile;
    assert_ne!(copy.id, id);
    assert_eq!(copy.template_id, original.template_id);
    assert_eq!(copy.values, original.values);
    assert_eq!(copy.url_patterns, original.url_patterns);
    assert_eq!(copy.confirmations, original.confirmations);
    assert_eq!(copy.confirmations.len(), TICKED.len());
    // No secret travels in a plain file, so the copy has none.
    assert!(copy.secrets.is_empty());
    assert_eq!(
        ws.reveal_secret(&copy.id, Field::ClientSecret).unwrap(),
        None
    );

    // The copy is open, saved, and one more in the list.
    assert_eq!(ws.current().unwrap().id, copy.id);
    let after = ws.list().unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let mut want = ids(&before);
    want.push(copy.id.clone());
    want.sort();
    assert_eq!(ids(&after), want);
    assert!(dir
        .path()
        .join("profiles")
        .join(format!("{}.json", copy.id))
        .is_file());
    // The original is as it was.
    let reopened = ws.open_profile(&id).unwrap().profile;
    assert_eq!(reopened.values, original.values);
    assert_eq!(reopened.confirmations, original.confirmations);
}

#[test]
fn an_encrypted_export_needs_its_passphrase_and_brings_the_secrets() {
    let Fixture { dir, ws, id } = fixture();
    let original = ws.current().unwrap();
    let export = ws.export(&open_id(&ws), Some(PASSPHRASE)).unwrap();
    let sealed = export
        .encrypted
        .expect("an encrypted file with a passphrase");
    for secret in [CLIENT_SECRET, SSO_SECRET] {
        assert!(!export.manifest_json.contains(secret));
        assert!(!sealed.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }
    ws.flush();
    let list = ids(&ws.list().unwrap());
    let files = profile_files(dir.path());

    assert!(matches!(
        ws.import(&sealed, None).unwrap(),
        ImportOutcome::NeedsPassphrase
    ));
    let (code, pointer) = refused(ws.import(&sealed, Some("pass phrase 2")).unwrap());
    assert_eq!((code.as_str(), pointer.as_str()), ("wrong_passphrase", ""));
    assert_eq!(ids(&ws.list().unwrap()), list);
    assert_eq!(profile_files(dir.path()), files);
    assert_eq!(ws.current().unwrap().id, id, "the open profile stays open");

    let (view, from_report) = imported(ws.import(&sealed, Some(PASSPHRASE)).unwrap());
    assert!(!from_report);
    let copy = view.profile;
    assert_ne!(copy.id, id);
    assert_eq!(ws.list().unwrap().len(), list.len() + 1);
    assert_eq!(copy.template_id, original.template_id);
    assert_eq!(copy.values, original.values);
    assert_eq!(copy.url_patterns, original.url_patterns);
    assert_eq!(copy.confirmations, original.confirmations);
    // No keychain here: the secrets live in this session's memory, under the new profile's id.
    assert_eq!(
        copy.secrets,
        [
            (Field::ClientSecret, SecretLocation::Session),
            (Field::SsoSecret, SecretLocation::Session),
        ]
        .into_iter()
        .collect::<BTreeMap<_, _>>()
    );
    assert_eq!(
        ws.reveal_secret(&copy.id, Field::ClientSecret)
            .unwrap()
            .as_deref(),
        Some(CLIENT_SECRET)
    );
    assert_eq!(
        ws.reveal_secret(&copy.id, Field::SsoSecret)
            .unwrap()
            .as_deref(),
        Some(SSO_SECRET)
    );
    assert!(view.evaluation.fields.values().all(|v| v.ok));
    // Secret values are never written into a profile file.
    for bytes in profile_files(dir.path()).values() {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(CLIENT_SECRET) && !text.contains(SSO_SECRET));
    }
}

#[test]
fn bad_files_are_refused_and_change_nothing() {
    let Fixture { dir, ws, id } = fixture();
    let manifest: serde_json::Value =
        serde_json::from_str(&ws.export(&open_id(&ws), None).unwrap().manifest_json).unwrap();
    let mut bad_corp = manifest.clone();
    bad_corp["corp_id"] = "hello world".into();
    let mut report: serde_json::Value = serde_json::from_str(&report::json(
        &ws.report(&open_id(&ws), LOGIN_BASE).unwrap(),
    ))
    .unwrap();
    report["profile"]["template_id"] = "no-such-template".into();

    ws.flush();
    let list = ws.list().unwrap();
    let files = profile_files(dir.path());
    assert_eq!(files.len(), 1);

    let cases: [(&str, Vec<u8>, &str, &str); 4] = [
        ("garbage", b"this is { not json".to_vec(), "not_json", ""),
        (
            "a future schema",
            br#"{"kind":"dingbind-manifest","schema_version":9}"#.to_vec(),
            "unsupported_version",
            "/schema_version",
        ),
        (
            "a bad CorpId",
            bad_corp.to_string().into_bytes(),
            "invalid",
            "/corp_id",
        ),
        (
            "a report for an unknown template",
            report.to_string().into_bytes(),
            "unknown_template",
            "/profile/template_id",
        ),
    ];
    for (what, bytes, code, pointer) in cases {
        for passphrase in [None, Some(PASSPHRASE)] {
            let got = refused(ws.import(&bytes, passphrase).unwrap());
            assert_eq!(
                (got.0.as_str(), got.1.as_str()),
                (code, pointer),
                "{what} ({passphrase:?})"
            );
            ws.flush();
            assert_eq!(ws.list().unwrap(), list, "{what}: the list changed");
            assert_eq!(
                profile_files(dir.path()),
                files,
                "{what}: a profile file changed"
            );
            assert_eq!(ws.current().unwrap().id, id);
        }
    }
    // The untouched manifest still imports: the refusals were about the edits, not the file.
    imported(ws.import(manifest.to_string().as_bytes(), None).unwrap());
}

/// A real run of the check engine for the open profile against the simulator in `scenario`.
fn run_against(ws: &Workspace, scenario: &str) -> CheckRun {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let sim = Sim::start(sc::builtin(scenario).unwrap(), 0).await.unwrap();
        let cfg = dingtalk::Config {
            endpoints: common::sim_endpoints(&sim),
            backoff: std::time::Duration::from_millis(20),
            ..dingtalk::Config::default()
        };
        let input = ws
            .check_input(&open_id(ws), CheckOptions::default(), cfg)
            .unwrap();
        let result = run(
            input,
            Some(PracticeScenario::untitled(scenario)),
            Cancel::new(),
            |_| {},
        )
        .await;
        sim.shutdown().await;
        result
    })
}

#[test]
fn support_mode_reads_a_report_into_a_profile_with_its_run() {
    let Fixture { dir: _dir, ws, id } = fixture();
    assert_eq!(
        (CORP_ID, CLIENT_ID, CLIENT_SECRET, SSO_SECRET, CORP_NAME),
        (
            sc::CORP_ID,
            sc::CLIENT_ID,
            sc::CLIENT_SECRET,
            sc::SSO_SECRET,
            sc::CORP_NAME
        ),
        "the fixture is the simulator's organisation"
    );
    assert_eq!(AGENT_ID, sc::AGENT_ID.to_string());

    let sent = run_against(&ws, "missing-contact-scope");
    assert!(!sent.cancelled && !sent.deadline_hit);
    assert_eq!(sent.summary.fail, 3, "{:?}", sent.summary);
    let recorded = ws.record_run(&open_id(&ws), sent.clone()).unwrap();
    assert_eq!(recorded.imported_from, None);
    assert_eq!(ws.runs(&open_id(&ws)).unwrap()[0].id, recorded.id);

    let r = ws.report(&open_id(&ws), LOGIN_BASE).unwrap();
    assert_eq!(r.last_run.as_ref(), Some(&sent));
    let json = report::json(&r);

    // No secret, nor its start, in what gets emailed; the masks show they were entered.
    for secret in [CLIENT_SECRET, SSO_SECRET] {
        assert!(!json.contains(secret), "the report leaks a secret");
        assert!(
            !json.contains(&secret[..16]),
            "the report leaks a secret's start"
        );
        assert!(
            !json.contains(&secret[16..48]),
            "the report leaks a secret's middle"
        );
    }
    assert!(json.contains("546K…(64)") && json.contains("S8A3…(64)"));

    let before = ws.list().unwrap().len();
    let (view, from_report) = imported(ws.import(json.as_bytes(), None).unwrap());
    assert!(from_report);
    let support = view.profile;
    assert_ne!(support.id, id);
    assert_eq!(ws.list().unwrap().len(), before + 1);
    assert_eq!(ws.current().unwrap().id, support.id);
    assert_eq!(support.current_step, "history");
    assert_eq!(support.template_id, TEMPLATE);
    assert_eq!(support.values, r.profile.values);
    assert_eq!(support.url_patterns, r.profile.url_patterns);
    let ticked: BTreeMap<String, String> = TICKED
        .iter()
        .map(|(s, c, at)| (confirmation_key(s, c), (*at).to_owned()))
        .collect();
    assert_eq!(support.confirmations, ticked);
    assert!(support.name.starts_with("宜点云 OA · 钉钉绑定（"));
    // Whoever re-runs enters the secrets themselves.
    assert!(support.secrets.is_empty());
    assert_eq!(
        ws.reveal_secret(&support.id, Field::ClientSecret).unwrap(),
        None
    );
    // The saved profile reads back with the history page as its step.
    ws.flush();
    assert_eq!(
        ws.list()
            .unwrap()
            .iter()
            .find(|p| p.id == support.id)
            .unwrap()
            .current_step,
        "history"
    );

    let runs = ws.runs(&open_id(&ws)).unwrap();
    assert_eq!(runs.len(), 1);
    let from = runs[0].imported_from.as_deref().expect("imported_from set");
    assert!(from.contains("宜点云 OA · 钉钉绑定"), "{from}");
    assert!(from.contains(&r.generated_at), "{from}");
    let theirs = ws.run(&open_id(&ws), &runs[0].id).unwrap();
    assert_eq!(theirs.imported_from.as_deref(), Some(from));
    assert_eq!(theirs.run.checks, sent.checks);
    assert_eq!(theirs.run, sent);

    // Support re-runs with the secrets: the scopes were granted meanwhile.
    ws.set_secret(&support.id, Field::ClientSecret, CLIENT_SECRET)
        .unwrap();
    ws.set_secret(&support.id, Field::SsoSecret, SSO_SECRET)
        .unwrap();
    let now = run_against(&ws, "healthy");
    assert_eq!(now.summary.fail, 0, "{:?}", now.summary);
    let mine = ws.record_run(&open_id(&ws), now).unwrap();
    let runs = ws.runs(&open_id(&ws)).unwrap();
    assert_eq!(
        runs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        [mine.id.as_str(), theirs.id.as_str()],
        "newest first"
    );
    assert_eq!(runs[0].imported_from, None);

    let diff = ws.diff_runs(&open_id(&ws), &theirs.id, &mine.id).unwrap();
    let changes: Vec<(&str, ChangeKind)> = diff
        .changes
        .iter()
        .map(|c| (c.id.as_str(), c.kind))
        .collect();
    assert_eq!(
        changes,
        [
            ("scope.qyapi_get_member", ChangeKind::Fixed),
            ("scope.qyapi_get_department_list", ChangeKind::Fixed),
            ("scope.qyapi_get_department_member", ChangeKind::Fixed),
            ("contact.departments", ChangeKind::Fixed),
            ("contact.users", ChangeKind::Fixed),
        ]
    );
    for c in &diff.changes {
        let (b, a) = (c.before.as_ref().unwrap(), c.after.as_ref().unwrap());
        assert_ne!(b.status, CheckStatus::Ok, "{}", c.id);
        assert_eq!(a.status, CheckStatus::Ok, "{}", c.id);
    }
    assert_eq!(
        diff.unchanged as usize + diff.changes.len(),
        sent.checks.len()
    );
    // The other way round the same changes are regressions.
    let back = ws.diff_runs(&open_id(&ws), &mine.id, &theirs.id).unwrap();
    assert!(back.changes.iter().all(|c| c.kind == ChangeKind::Regressed));
    assert_eq!(back.changes.len(), diff.changes.len());
    // The sender's profile kept its own single run.
    ws.open_profile(&id).unwrap();
    assert_eq!(ws.runs(&open_id(&ws)).unwrap().len(), 1);
}

/// A passed login round trip proves `Contact.User.Read` to later runs, but only for the Client ID
/// it logged in with, and a failed one proves nothing.
#[test]
fn a_passed_login_counts_only_for_its_client_id() {
    let f = fixture();
    let proof = |ws: &Workspace| {
        ws.check_input(
            &open_id(ws),
            CheckOptions::default(),
            dingtalk::Config::default(),
        )
        .unwrap()
        .login_passed_at
    };
    let login = |status: &str| {
        serde_json::from_value::<dingbind_core::checks::CheckResult>(serde_json::json!({
            "id": "login.redirect",
            "title": {"zh": "扫码登录", "en": "Scan login"},
            "status": status,
            "code": null,
            "data": {},
            "message": {"zh": "已登录：王建国", "en": "Signed in: 王建国"},
            "fix": null,
            "fix_url": null,
            "original": null,
            "duration_ms": 1200,
            "skipped_because": [],
            "trace": []
        }))
        .unwrap()
    };
    assert_eq!(proof(&f.ws), None);

    f.ws.record_login(&open_id(&f.ws), CLIENT_ID, login("fail"))
        .unwrap();
    assert_eq!(proof(&f.ws), None, "a failed login proves nothing");

    f.ws.record_login(&open_id(&f.ws), CLIENT_ID, login("ok"))
        .unwrap();
    let at = proof(&f.ws).expect("a passed login is a proof");
    assert!(at.starts_with("20"), "{at}");
    // Kept beside the runs, not among them, and the runs are unaffected.
    assert!(f.ws.runs(&open_id(&f.ws)).unwrap().is_empty());

    // The CorpId DingTalk returned for a passed login (ok or warn) is kept for the CorpId check.
    let corp = |ws: &Workspace| {
        ws.check_input(
            &open_id(ws),
            CheckOptions::default(),
            dingtalk::Config::default(),
        )
        .unwrap()
        .login_corp_id
    };
    assert_eq!(corp(&f.ws), None, "no corpId in that login");
    let with_corp = |status: &str| {
        let mut r = login(status);
        r.data
            .insert("login_corp_id".into(), "ding5084aa896d73d7f1".into());
        r
    };
    f.ws.record_login(&open_id(&f.ws), CLIENT_ID, with_corp("warn"))
        .unwrap();
    assert_eq!(corp(&f.ws).as_deref(), Some("ding5084aa896d73d7f1"));
    assert_eq!(
        proof(&f.ws),
        None,
        "a warned login proves no Contact.User.Read"
    );
    f.ws.record_login(&open_id(&f.ws), CLIENT_ID, with_corp("fail"))
        .unwrap();
    assert_eq!(corp(&f.ws), None, "a failed login proves no CorpId");

    f.ws.record_login(&open_id(&f.ws), "dingsomeotherapp00001", with_corp("ok"))
        .unwrap();
    assert_eq!(
        proof(&f.ws),
        None,
        "another app's login proves nothing here"
    );
    assert_eq!(corp(&f.ws), None, "nor another app's CorpId");

    // Its own small file, gone with the profile.
    let file = f.dir.path().join("logins").join(format!("{}.json", f.id));
    assert!(file.exists());
    f.ws.delete(&f.id).unwrap();
    assert!(!file.exists());
}

/// The id of the profile the workspace has open.
fn open_id(ws: &Workspace) -> String {
    ws.current().expect("a profile is open").id
}
