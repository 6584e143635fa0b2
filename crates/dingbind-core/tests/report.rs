//! The binding report end to end: a seed-003 profile with real secrets, a real check run against the
//! simulator, rendered as HTML, Markdown and JSON in both languages. What must hold: every section
//! and every check is there, the egress IP DingTalk saw is shown, the HTML is self-contained and
//! prints, no secret leaks into any format, the admin's typing cannot inject markup, and the JSON
//! reads back as the same report while anything else is refused with a pointer.

mod common;

use dingbind_core::checks::{run, Cancel, CheckInput, CheckOptions, CheckRun, PracticeScenario};
use dingbind_core::profile::{confirmation_key, evaluate, Profile};
use dingbind_core::report::{self, build, parse, Report, ReportErrorCode, ReportInput, Verdict};
use dingbind_core::scan::{self, ScanInput};
use dingbind_core::template::{self, Template};
use dingbind_core::{Field, Lang, Text};
use dingtalk_sim::scenarios as sc;
use dingtalk_sim::Sim;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const CLIENT_SECRET: &str = "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er";
const SSO_SECRET: &str = "S8A3Iw8vG1aXCcLGjivXLdwEJyFu9Bi5zoT8KC1oDCiKtaFcD42LRMbiC7Tz4ksm";
const CORP_NAME: &str = "示例科技（杭州）有限公司";

const HEADINGS_ZH: [&str; 6] = [
    "绑定信息",
    "生成的地址",
    "设置步骤",
    "扫码验证",
    "最近一次检查",
    "钉钉看到的出口 IP",
];
const HEADINGS_EN: [&str; 6] = [
    "Binding values",
    "Generated URLs",
    "Setup steps",
    "Scan to verify",
    "Last check run",
    "Egress IP seen by DingTalk",
];

fn template() -> &'static Template {
    template::builtin("yidianyun-private-cloud").unwrap()
}

fn profile(name: &str, corp_name: &str) -> Profile {
    let mut p = Profile::new(
        "5f0c2a4e-report-test".into(),
        name.into(),
        template(),
        "2025-05-01T01:30:00Z".into(),
    );
    p.updated_at = "2025-05-01T02:10:00Z".into();
    for (f, v) in [
        (Field::Domain, "oa.example.com"),
        (Field::CorpId, "ding5084aa896d73d7f1"),
        (Field::CorpName, corp_name),
        (Field::AgentId, "3219876540"),
        (Field::ClientId, "dingq7x2k9m4v8n3p5r1"),
    ] {
        p.values.insert(f, v.into());
    }
    for (step, confirm, at) in [
        ("console_login", "signed_in", "2025-05-01T01:35:12Z"),
        ("create_app", "created", "2025-05-01T01:41:03+08:00"),
    ] {
        p.confirmations
            .insert(confirmation_key(step, confirm), at.into());
    }
    p
}

fn secrets() -> BTreeMap<Field, String> {
    [
        (Field::ClientSecret, CLIENT_SECRET.to_owned()),
        (Field::SsoSecret, SSO_SECRET.to_owned()),
    ]
    .into_iter()
    .collect()
}

/// The name the scenario file gives `scenario`, as practice mode carries it.
fn sim_title(scenario: &str) -> Text {
    let t = sc::builtin(scenario).unwrap().title.unwrap();
    Text::new(t.zh, t.en)
}

/// A real run of the check engine against the simulator in `scenario`.
async fn run_against(scenario: &str) -> CheckRun {
    let sim = Sim::start(sc::builtin(scenario).unwrap(), 0).await.unwrap();
    let p = profile("x", CORP_NAME);
    let cfg = dingtalk::Config {
        endpoints: common::sim_endpoints(&sim),
        backoff: std::time::Duration::from_millis(20),
        ..dingtalk::Config::default()
    };
    let input = CheckInput::new(
        template().clone(),
        &p.values,
        &p.url_patterns,
        &secrets(),
        CheckOptions::default(),
        cfg,
    );
    let title = sim_title(scenario);
    let practice = PracticeScenario {
        id: scenario.to_owned(),
        title,
    };
    let result = run(input, Some(practice), Cancel::new(), |_| {}).await;
    sim.shutdown().await;
    result
}

/// The two runs every test shares: checks fail for missing contact permissions in the first, the
/// whitelist refuses this machine (and names its IP) in the second. Run once per test binary.
fn runs() -> &'static (CheckRun, CheckRun) {
    static RUNS: OnceLock<(CheckRun, CheckRun)> = OnceLock::new();
    RUNS.get_or_init(|| {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            (
                run_against("missing-contact-scope").await,
                run_against("ip-not-whitelisted").await,
            )
        })
    })
}

fn report(name: &str, corp_name: &str, last_run: Option<&CheckRun>) -> Report {
    let p = profile(name, corp_name);
    let evaluation = evaluate(template(), &p, &secrets());
    let valid: BTreeMap<Field, String> = evaluation
        .fields
        .iter()
        .filter(|(f, v)| v.ok && !f.is_secret())
        .map(|(f, v)| (*f, v.value.clone()))
        .collect();
    let codes = scan::codes(&ScanInput {
        values: &valid,
        urls: &evaluation.urls,
        login_base: "https://login.dingtalk.com",
        state: "dingbind-5f0c2a4e",
    });
    build(&ReportInput {
        profile: &p,
        template: template(),
        evaluation: &evaluation,
        scan_codes: &codes,
        last_run,
        login: None,
        sync: None,
        app_version: "0.1.0",
        generated_at: "2025-05-01T02:15:30Z",
    })
}

fn realistic(last_run: Option<&CheckRun>) -> Report {
    report("宜点云 OA · 钉钉绑定", CORP_NAME, last_run)
}

/// Every rendering of `r`: (what, text).
fn renderings(r: &Report) -> Vec<(String, String)> {
    let mut out = vec![("json".to_owned(), report::json(r))];
    for lang in [Lang::Zh, Lang::En] {
        out.push((format!("html {lang:?}"), report::html(r, lang)));
        out.push((format!("md {lang:?}"), report::markdown(r, lang)));
    }
    out
}

/// A practice run is named by the scenario's name in the reader's language; its id (English, the
/// simulator's) stays in the JSON for support.
#[test]
fn a_practice_run_is_named_in_the_readers_language() {
    let (scope_run, _) = runs();
    let r = realistic(Some(scope_run));
    let zh = report::markdown(&r, Lang::Zh);
    assert!(
        zh.contains("练习模式（模拟场景「缺少通讯录权限」）"),
        "{zh}"
    );
    assert!(zh.contains("练习模式 缺少通讯录权限"), "{zh}");
    let en = report::markdown(&r, Lang::En);
    assert!(
        en.contains("scenario “Contact permissions missing”"),
        "{en}"
    );
    for text in [&zh, &en, &report::html(&r, Lang::Zh)] {
        assert!(!text.contains("missing-contact-scope"), "the id leaked");
    }
    assert!(report::json(&r).contains(r#""id": "missing-contact-scope""#));
}

#[test]
fn every_section_and_every_check_in_both_languages() {
    let (scope_run, ip_run) = runs();
    for run in [scope_run, ip_run] {
        let r = realistic(Some(run));
        for (lang, title, headings) in [
            (Lang::Zh, "Dingbind 钉钉绑定报告", HEADINGS_ZH),
            (Lang::En, "Dingbind binding report", HEADINGS_EN),
        ] {
            let html = report::html(&r, lang);
            let md = report::markdown(&r, lang);
            assert!(html.contains(&format!("<h1>{title}</h1>")));
            assert!(md.starts_with(&format!("# {title}\n")));
            for h in headings {
                assert!(
                    html.contains(&format!("<h2>{h}</h2>")),
                    "html {lang:?}: {h}"
                );
                assert!(md.contains(&format!("\n## {h}\n")), "md {lang:?}: {h}");
            }
            for c in &run.checks {
                assert!(html.contains(&c.id), "html {lang:?} lacks {}", c.id);
                assert!(
                    md.contains(&format!("`{}`", c.id)),
                    "md {lang:?} lacks {}",
                    c.id
                );
                assert!(html.contains(c.title.get(lang)), "{}", c.id);
            }
            for u in &r.urls {
                let url = u.url.as_deref().unwrap();
                assert!(html.contains(&url.replace('&', "&amp;")), "{url}");
                assert!(md.contains(&format!("`{url}`")), "{url}");
                assert!(html.contains(u.destination.get(lang)));
            }
            for c in &r.scan_codes {
                assert!(md.contains(c.url.as_deref().unwrap()));
                assert!(html.contains(c.title.get(lang)));
            }
            // The masked secrets are shown, so the admin sees they were entered.
            for masked in ["546K…(64)", "S8A3…(64)"] {
                assert!(html.contains(masked) && md.contains(masked), "{masked}");
            }
        }
    }
}

#[test]
fn the_model_says_what_happened() {
    let (scope_run, ip_run) = runs();
    let r = realistic(Some(scope_run));
    assert_eq!(r.kind, "dingbind-report");
    assert_eq!(r.schema_version, 1);
    let keys: Vec<Field> = r.fields.iter().map(|f| f.key).collect();
    assert_eq!(keys, template().needs);
    assert!(r.fields.iter().all(|f| f.ok), "{:?}", r.fields);
    assert_eq!(
        r.secrets[&Field::ClientSecret].as_deref(),
        Some("546K…(64)")
    );
    assert_eq!(r.secrets[&Field::SsoSecret].as_deref(), Some("S8A3…(64)"));
    assert!(r.profile.values.keys().all(|f| !f.is_secret()));
    assert_eq!(r.profile.template_name.zh, "宜点云私有云");
    let step = |id: &str| r.steps.iter().find(|s| s.id == id).unwrap();
    assert_eq!(
        step("console_login").confirmations[0]
            .confirmed_at
            .as_deref(),
        Some("2025-05-01T01:35:12Z")
    );
    assert_eq!(step("publish").confirmations[0].confirmed_at, None);
    assert!(!step("publish").complete);
    assert_eq!(r.summary.verdict, Verdict::Failed);
    assert_eq!(r.summary.checks.unwrap().fail, 3);
    assert_eq!(r.egress_ip, None);
    let failed = r.last_run.as_ref().unwrap();
    assert!(failed
        .checks
        .iter()
        .any(|c| c.data.contains_key("required_scopes")));

    let html = report::html(&r, Lang::Zh);
    assert!(html.contains("3 项检查未通过"));
    assert!(html.contains("需要开通的权限："));
    assert!(html.contains("qyapi_get_member"));
    assert!(html.contains("确认于 2025-05-01 01:35:12 UTC"));
    assert!(html.contains("未确认"));
    assert!(report::html(&r, Lang::En).contains("3 checks failed"));
    assert!(report::markdown(&r, Lang::En)
        .contains("- [ ] I created a new version and published it — not confirmed"));

    let ip = realistic(Some(ip_run));
    assert_eq!(ip.egress_ip.as_deref(), Some(sc::EGRESS_IP));
    for (what, text) in renderings(&ip) {
        assert!(text.contains(sc::EGRESS_IP), "{what} lacks the egress IP");
    }
    assert!(report::html(&ip, Lang::Zh)
        .contains(&format!("<p class=\"ip mono\">{}</p>", sc::EGRESS_IP)));
}

#[test]
fn before_any_run_the_report_says_not_tested() {
    let r = realistic(None);
    assert_eq!(r.summary.verdict, Verdict::NotTested);
    assert_eq!(r.summary.checks, None);
    assert!(report::html(&r, Lang::Zh).contains("尚未检查"));
    assert!(report::markdown(&r, Lang::En).contains("Not tested yet"));
    assert!(report::json(&r).contains("\"last_run\": null"));
    assert_eq!(parse(report::json(&r).as_bytes()).unwrap(), r);
}

#[test]
fn html_is_self_contained_and_prints() {
    let (scope_run, ip_run) = runs();
    for run in [scope_run, ip_run] {
        let r = realistic(Some(run));
        let mut allowed: Vec<String> = r.urls.iter().filter_map(|u| u.url.clone()).collect();
        allowed.extend(r.scan_codes.iter().filter_map(|c| c.url.clone()));
        allowed.extend(run.checks.iter().filter_map(|c| c.fix_url.clone()));
        // The merged permission instruction's one link: the app list, or the one apply page.
        allowed.push(dingbind_core::diagnosis::links::CONSOLE_APPS.to_owned());
        for lang in [Lang::Zh, Lang::En] {
            let html = report::html(&r, lang);
            let lower = html.to_lowercase();
            for banned in [
                "<script",
                " src=",
                "<link",
                "@import",
                "url(",
                "<img",
                "<iframe",
                "<object",
                "<embed",
                "position:fixed",
                "position: fixed",
            ] {
                assert!(!lower.contains(banned), "{lang:?}: found {banned}");
            }
            // Links are navigation to the report's own URLs and console pages, never resources.
            // Or a jump within the page (from "N failed" to the fixes, from a fix to its row), to
            // an element the page has.
            for href in html.split("href=\"").skip(1) {
                let href = href.split('"').next().unwrap().replace("&amp;", "&");
                if let Some(id) = href.strip_prefix('#') {
                    assert!(html.contains(&format!(" id=\"{id}\"")), "no element #{id}");
                    continue;
                }
                assert!(allowed.contains(&href), "unexpected link {href}");
            }
            assert_eq!(
                html.matches("<svg").count(),
                3,
                "one QR code per scan target"
            );
            for rule in [
                "@page{size:A4;margin:14mm}",
                "@media print",
                "break-inside:avoid",
                "\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\"",
                "#1677ff",
                "#52c41a",
                "#ff4d4f",
                "#faad14",
            ] {
                assert!(html.contains(rule), "{rule}");
            }
            assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        }
    }
}

#[test]
fn no_secret_in_any_format() {
    let (scope_run, ip_run) = runs();
    for run in [Some(scope_run), Some(ip_run), None] {
        let r = realistic(run);
        for (what, text) in renderings(&r) {
            for secret in [CLIENT_SECRET, SSO_SECRET] {
                assert!(!text.contains(secret), "{what} leaks a secret");
                assert!(
                    !text.contains(&secret[..16]),
                    "{what} leaks a secret's start"
                );
            }
        }
    }
}

#[test]
fn what_the_admin_typed_cannot_inject_markup() {
    let evil = r#"<script>alert(1)</script> & "quoted" 'single' | pipe"#;
    let (scope_run, _) = runs();
    let r = report(evil, &format!("{CORP_NAME}{evil}"), Some(scope_run));
    for lang in [Lang::Zh, Lang::En] {
        let html = report::html(&r, lang);
        assert!(!html.contains("<script"), "{lang:?}");
        assert!(!html.contains("'single'") && !html.contains("\"quoted\""));
        assert!(html.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39; | pipe"
        ));
        let md = report::markdown(&r, lang);
        assert!(!md.contains("<script"), "{lang:?}");
        assert!(
            md.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quoted\" 'single' \\| pipe")
        );
        // Every table row still has its column count: the `|` did not open a new cell.
        for line in md.lines().filter(|l| l.starts_with("| ")) {
            let cells = line.replace("\\|", "").matches('|').count() - 1;
            assert!((2..=5).contains(&cells), "{line}");
        }
    }
    assert_eq!(parse(report::json(&r).as_bytes()).unwrap(), r);
}

#[test]
fn json_round_trips_and_other_documents_are_refused() {
    let (scope_run, ip_run) = runs();
    for run in [scope_run, ip_run] {
        let r = realistic(Some(run));
        let json = report::json(&r);
        assert_eq!(parse(json.as_bytes()).unwrap(), r);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(json.as_bytes());
        assert_eq!(
            parse(&bom).unwrap(),
            r,
            "a BOM from a Windows editor is fine"
        );
    }

    let refused = |bytes: &[u8], code: ReportErrorCode, pointer: &str| {
        let e = parse(bytes).unwrap_err();
        assert_eq!((e.code, e.pointer.as_str()), (code, pointer), "{e}");
        assert!(!e.message.zh.is_empty() && !e.message.en.is_empty());
        e
    };
    let manifest = br#"{"kind": "dingbind-handoff", "schema_version": 1, "files": []}"#;
    let e = refused(manifest, ReportErrorCode::NotAReport, "/kind");
    assert!(e.message.en.contains("dingbind-handoff"), "{e}");
    refused(b"\x00garbage{", ReportErrorCode::NotJson, "");
    refused(b"[1, 2]", ReportErrorCode::NotAReport, "");
    refused(
        br#"{"schema_version": 1}"#,
        ReportErrorCode::NotAReport,
        "/kind",
    );

    let mut doc: serde_json::Value =
        serde_json::from_str(&report::json(&realistic(Some(&runs().0)))).unwrap();
    doc["schema_version"] = 2.into();
    refused(
        doc.to_string().as_bytes(),
        ReportErrorCode::UnsupportedVersion,
        "/schema_version",
    );
    doc["schema_version"] = 1.into();
    doc["fields"][1]["ok"] = "yes".into();
    refused(
        doc.to_string().as_bytes(),
        ReportErrorCode::Invalid,
        "/fields/1",
    );
    doc["fields"][1]["ok"] = true.into();
    doc["last_run"]["checks"][4]["status"] = "great".into();
    refused(
        doc.to_string().as_bytes(),
        ReportErrorCode::Invalid,
        "/last_run/checks/4",
    );
    doc["last_run"]["checks"][4]["status"] = "ok".into();
    doc.as_object_mut().unwrap().remove("summary");
    refused(
        doc.to_string().as_bytes(),
        ReportErrorCode::Invalid,
        "/summary",
    );
}

/// Writes realistic reports to `target/report-sample/` for screenshots and a look in a browser.
#[test]
fn writes_sample_reports() {
    let (scope_run, _) = runs();
    let r = realistic(Some(scope_run));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("report-sample");
    std::fs::create_dir_all(&dir).unwrap();
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        std::fs::write(
            dir.join(format!("report-{name}.html")),
            report::html(&r, lang),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("report-{name}.md")),
            report::markdown(&r, lang),
        )
        .unwrap();
    }
    std::fs::write(dir.join("report.json"), report::json(&r)).unwrap();
    assert!(dir.join("report-zh.html").metadata().unwrap().len() > 10_000);
}

/// The newest login round trip is a row of the run table (with when it was made), in every format,
/// also when no live test was run; reports from before it existed still open.
#[test]
fn the_login_round_trip_is_reported() {
    let login = dingbind_core::history::LoginRecord {
        at: "2025-05-01T02:20:41Z".to_owned(),
        client_id: "dingq7x2k9m4v8n3p5r1".to_owned(),
        result: serde_json::from_value(serde_json::json!({
            "id": "login.redirect",
            "title": {"zh": "扫码登录往返", "en": "Scan-login round trip"},
            "status": "ok",
            "code": null,
            "data": {"userid": "manager4220"},
            "message": {"zh": "已登录：王建国 (manager4220) · 示例科技", "en": "Signed in: 王建国 (manager4220) · 示例科技"},
            "fix": null,
            "fix_url": null,
            "original": null,
            "duration_ms": 5300,
            "skipped_because": [],
            "trace": []
        }))
        .unwrap(),
    };
    let (scope_run, _) = runs();
    for last_run in [Some(scope_run), None] {
        let mut r = realistic(last_run);
        r.login = Some(login.clone());
        let zh = report::html(&r, Lang::Zh);
        assert!(zh.contains("扫码登录往返（2025-05-01"), "the row says when");
        assert!(zh.contains("已登录：王建国 (manager4220)"));
        let en = report::markdown(&r, Lang::En);
        assert!(en.contains("Scan-login round trip (2025-05-01"), "{en}");
        assert!(en.contains("login.redirect"));
        if last_run.is_none() {
            assert!(zh.contains("尚未检查"), "and that no live test was run");
        }
        assert_eq!(parse(report::json(&r).as_bytes()).unwrap(), r);
    }

    // A report written before logins were kept has no `login` member and still opens.
    let old = realistic(Some(scope_run));
    let mut doc: serde_json::Value = serde_json::from_str(&report::json(&old)).unwrap();
    doc.as_object_mut().unwrap().remove("login");
    let back = parse(doc.to_string().as_bytes()).unwrap();
    assert_eq!(back.login, None);
}

/// A login test leaves `http://127.0.0.1:27180/dingbind/login` registered with the production app:
/// the report reminds the admin to remove it until they confirm they did, in both languages and in
/// every format.
#[test]
fn a_login_test_leaves_a_reminder_until_its_redirect_is_removed() {
    let login = dingbind_core::history::LoginRecord {
        at: "2025-05-01T02:20:41Z".to_owned(),
        client_id: "dingq7x2k9m4v8n3p5r1".to_owned(),
        result: serde_json::from_value(serde_json::json!({
            "id": "login.redirect", "title": {"zh": "扫码登录往返", "en": "Scan-login round trip"},
            "status": "ok", "code": null, "data": {}, "message": {"zh": "已登录", "en": "Signed in"},
            "fix": null, "fix_url": null, "original": null, "duration_ms": 5300,
            "skipped_because": [], "trace": []
        }))
        .unwrap(),
    };
    let build_with = |removed: bool| {
        let mut p = profile("宜点云 OA · 钉钉绑定", CORP_NAME);
        if removed {
            p.confirmations.insert(
                dingbind_core::login::REDIRECT_REMOVED.to_owned(),
                "2025-05-01T02:30:00Z".to_owned(),
            );
        }
        let evaluation = evaluate(template(), &p, &secrets());
        build(&ReportInput {
            profile: &p,
            template: template(),
            evaluation: &evaluation,
            scan_codes: &[],
            last_run: None,
            login: Some(&login),
            sync: None,
            app_version: "0.1.0",
            generated_at: "2025-05-01T02:15:30Z",
        })
    };

    let r = build_with(false);
    assert_eq!(r.reminders.len(), 1);
    assert!(r.reminders[0]
        .zh
        .contains("http://127.0.0.1:27180/dingbind/login"));
    assert!(report::html(&r, Lang::Zh).contains("测试做完后请删除"));
    assert!(report::markdown(&r, Lang::En).contains("remove it once testing is done"));

    assert!(
        build_with(true).reminders.is_empty(),
        "confirmed: no reminder"
    );
    assert!(
        realistic(None).reminders.is_empty(),
        "no login test: nothing to undo"
    );
}

/// The reminder's confirmation key is the one the UI writes.
#[test]
fn the_ui_confirms_the_removal_under_the_cores_key() {
    let ui = include_str!("../../../ui/src/outputs/LoginTest.tsx");
    assert!(
        ui.contains(&format!("'{}'", dingbind_core::login::REDIRECT_REMOVED)),
        "ui/src/outputs/LoginTest.tsx writes another key"
    );
}

/// The report leads with what to do: failures before warnings before everything else, each with a
/// one-line fix; the permissions missing across checks are one instruction with one link; what
/// passed is folded away (HTML) or listed briefly after the rest (Markdown); "N failed" links there.
#[test]
fn failures_come_first_with_one_merged_permission_fix() {
    use dingbind_core::checks::CheckStatus;
    let (scope_run, _) = runs();
    let r = realistic(Some(scope_run));
    let failed: Vec<_> = scope_run
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .collect();
    let passed: Vec<_> = scope_run
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Ok)
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(failed
        .iter()
        .all(|c| c.data.contains_key("required_scopes")));
    assert!(!passed.is_empty());
    let scopes: Vec<String> = failed
        .iter()
        .flat_map(|c| c.data["required_scopes"].as_array().unwrap().iter())
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();

    for lang in [Lang::Zh, Lang::En] {
        let html = report::html(&r, lang);
        let (to_fix, rest) = html
            .split_once("<section class=\"card\" id=\"fixes\">")
            .unwrap();
        // The banner's "3 failed" jumps to the fixes, which come before every other section.
        let failed_link = if lang == Lang::Zh {
            "3 项未通过"
        } else {
            "3 failed"
        };
        // The banner's headline is the link (the Markdown says it in short: `failed_link`).
        let headline = if lang == Lang::Zh {
            "3 项检查未通过"
        } else {
            "3 checks failed"
        };
        assert!(
            to_fix.contains(&format!(
                "<a href=\"#fixes\" data-failed=\"3\">{headline}</a>"
            )),
            "{to_fix}"
        );
        assert!(!to_fix.contains("id=\"values\""));
        let fixes = rest.split("</section>").next().unwrap();
        // One instruction for every missing permission, one link, and no row per check.
        assert_eq!(fixes.matches("<li class=\"fx\"").count(), 1, "{fixes}");
        let headline = if lang == Lang::Zh {
            format!("开通 {} 项接口权限", scopes.len())
        } else {
            format!("Grant {} API permissions", scopes.len())
        };
        assert!(fixes.contains(&headline), "{fixes}");
        let place = if lang == Lang::Zh {
            "左侧菜单 › 开发配置 › 权限管理"
        } else {
            "left menu › 开发配置 › 权限管理"
        };
        assert!(fixes.contains(&format!("<b>{place}</b>")), "{fixes}");
        for s in &scopes {
            assert_eq!(
                fixes.matches(&format!("<code>{s}</code>")).count(),
                1,
                "{s}"
            );
        }
        assert_eq!(
            fixes.matches("href=\"https://").count(),
            1,
            "one link: {fixes}"
        );
        for c in &failed {
            assert!(fixes.contains(&format!("href=\"#check-{}\"", c.id)));
        }

        // The run's table: failures first, passes folded into <details> after everything else.
        let table = html.split_once("id=\"run\"").unwrap().1;
        let (shown, folded) = table.split_once("<details class=\"passes\"").unwrap();
        let first_fail = failed
            .iter()
            .map(|c| shown.find(&format!("id=\"check-{}\"", c.id)).unwrap())
            .max()
            .unwrap();
        for c in scope_run
            .checks
            .iter()
            .filter(|c| c.status != CheckStatus::Fail && c.status != CheckStatus::Ok)
        {
            let at = shown.find(&format!("id=\"check-{}\"", c.id)).unwrap();
            assert!(at > first_fail, "{} comes before a failure", c.id);
        }
        for c in &passed {
            assert!(
                !shown.contains(&format!("id=\"check-{}\"", c.id)),
                "{} not folded",
                c.id
            );
            assert!(folded.contains(&format!("id=\"check-{}\"", c.id)));
        }
        let passes = if lang == Lang::Zh {
            format!("<summary>通过的 {} 项</summary>", passed.len())
        } else {
            format!("<summary>{} checks passed</summary>", passed.len())
        };
        assert!(folded.contains(&passes), "{lang:?}");

        // Markdown: the same order, the passes as a short list after the table.
        let md = report::markdown(&r, lang);
        let anchor = if lang == Lang::Zh {
            "(#需要处理)"
        } else {
            "(#to-fix)"
        };
        assert!(md.contains(&format!("[{failed_link}]{anchor}")), "{md}");
        let heading = if lang == Lang::Zh {
            "\n## 需要处理\n"
        } else {
            "\n## To fix\n"
        };
        let fix_md = md
            .split_once(heading)
            .unwrap()
            .1
            .split("\n## ")
            .next()
            .unwrap();
        assert_eq!(
            fix_md
                .lines()
                .filter(|l| l.starts_with(char::is_numeric))
                .count(),
            1,
            "{fix_md}"
        );
        assert!(fix_md.contains(&format!("**{place}**")), "{fix_md}");
        let run_md = md
            .split_once(if lang == Lang::Zh {
                "\n## 最近一次检查\n"
            } else {
                "\n## Last check run\n"
            })
            .unwrap()
            .1;
        let last_fail = failed
            .iter()
            .map(|c| run_md.find(&format!("`{}`", c.id)).unwrap())
            .max()
            .unwrap();
        for c in &passed {
            let at = run_md
                .find(&format!("- ✓ {} (`{}`)", c.title.get(lang), c.id))
                .unwrap_or_else(|| panic!("{} not listed", c.id));
            assert!(at > last_fail);
        }
    }
}

/// A failure the knowledge base explains reads as 现象 → 原因 → 去哪改 in the report, with the
/// menu path in bold and the steps numbered; none of it as backticks.
#[test]
fn a_diagnosed_failure_reads_as_symptom_cause_and_where_to_fix() {
    let (_, ip_run) = runs();
    let r = realistic(Some(ip_run));
    let html = report::html(&r, Lang::Zh);
    let row = html
        .split("id=\"check-network.ip_whitelist\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    for part in [
        "<b>现象：</b>",
        "<b>原因：</b>",
        "<b>去哪改：</b>",
        "<b class=\"place\">左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP</b>",
        "<ol class=\"steps-n\">",
    ] {
        assert!(row.contains(part), "{part}: {row}");
    }
    for (lang, _) in [(Lang::Zh, ()), (Lang::En, ())] {
        for text in [report::html(&r, lang), report::markdown(&r, lang)] {
            assert!(!text.contains("`dingbind check`"), "{lang:?}");
        }
    }
    let md = report::markdown(&r, Lang::En);
    assert!(md.contains("**What you see:**") && md.contains("**Where to fix:**"));
}
