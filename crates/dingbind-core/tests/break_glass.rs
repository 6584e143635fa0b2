//! Break-glass in the report and the hand-off (issue 11, item 5): when the template knows the
//! platform's own way in (a manual-login page, what to do if DingTalk login has to be switched
//! off), the binding report (HTML and Markdown, zh and en) and the hand-off (manifest and `.env`)
//! carry it, filled in for this binding; when the template knows none, nothing about it appears.

use dingbind_core::handoff::{self, import};
use dingbind_core::profile::{evaluate, Profile};
use dingbind_core::report::{self, build, ReportInput};
use dingbind_core::template::{self, parse, Template};
use dingbind_core::{Field, Lang};
use std::collections::BTreeMap;

/// A platform that documents a manual login (as MaxKB does: `/admin/login?login_mode=manual`,
/// GH 1Panel-dev/MaxKB#7022) and how to switch DingTalk login off.
const WITH_BREAK_GLASS: &str = r#"id = "acme-kb"
name = { zh = "示例知识库", en = "Acme KB" }
needs = ["domain", "client_id", "client_secret"]

[[steps]]
id = "setup"
title = { zh = "填写凭证", en = "Enter the credentials" }
body = { zh = "复制凭证。", en = "Copy the credentials." }
fields = ["domain", "client_id", "client_secret"]

[break_glass]
login_url = "https://{domain}/admin/login?login_mode=manual"
switch_off = { zh = "在“系统设置 › 登录认证”中关闭钉钉登录。", en = "Switch DingTalk login off under System settings › Login." }
source = "https://docs.example.com/acme-kb/dingtalk#lockout"
"#;

const LOGIN: &str = "https://kb.example.com/admin/login?login_mode=manual";

fn profile(t: &Template, domain: Option<&str>) -> Profile {
    let mut p = Profile::new(
        "bg-1".into(),
        "知识库绑定".into(),
        t,
        "2026-12-05T08:00:00Z".into(),
    );
    if let Some(d) = domain {
        p.values.insert(Field::Domain, d.into());
    }
    p.values
        .insert(Field::ClientId, "dingq7x2k9m4v8n3p5r1".into());
    p
}

/// Every rendering of the report: (what, text).
fn report_texts(t: &Template, p: &Profile) -> Vec<(String, String)> {
    let evaluation = evaluate(t, p, &BTreeMap::new());
    let r = build(&ReportInput {
        profile: p,
        template: t,
        evaluation: &evaluation,
        scan_codes: &[],
        last_run: None,
        login: None,
        sync: None,
        app_version: "0.1.0",
        generated_at: "2026-12-05T08:10:00Z",
    });
    let mut out = vec![("json".to_string(), report::json(&r))];
    for lang in [Lang::Zh, Lang::En] {
        out.push((format!("html {lang:?}"), report::html(&r, lang)));
        out.push((format!("md {lang:?}"), report::markdown(&r, lang)));
    }
    out
}

fn handoff_texts(t: &Template, p: &Profile) -> (String, String) {
    let e = handoff::export(
        p,
        t,
        &BTreeMap::new(),
        None,
        "0.1.0",
        "2026-12-05T08:10:00Z",
    )
    .unwrap();
    (e.manifest_json, e.env)
}

#[test]
fn the_report_carries_the_manual_login_and_the_switch_off_in_both_languages() {
    let t = parse(WITH_BREAK_GLASS).unwrap();
    for (what, text) in report_texts(&t, &profile(&t, Some("kb.example.com"))) {
        let login = if what.starts_with("html") {
            LOGIN.replace('&', "&amp;")
        } else {
            LOGIN.into()
        };
        assert!(text.contains(&login), "{what}: the login page, filled in");
        assert!(
            text.contains("docs.example.com/acme-kb/dingtalk"),
            "{what}: the source"
        );
        match what.as_str() {
            "html Zh" | "md Zh" => {
                assert!(text.contains("钉钉登录出问题时（应急入口）"), "{what}");
                assert!(text.contains("平台自己的登录页"), "{what}");
                assert!(text.contains("系统设置 › 登录认证"), "{what}");
            }
            "html En" | "md En" => {
                assert!(
                    text.contains("If DingTalk login fails (break-glass)"),
                    "{what}"
                );
                assert!(text.contains("System settings › Login"), "{what}");
            }
            _ => assert!(text.contains("\"break_glass\""), "{what}"),
        }
    }
    // Without the domain, the page cannot be generated yet: its pattern shows and says so.
    let texts = report_texts(&t, &profile(&t, None));
    let (_, md) = texts.iter().find(|(w, _)| w == "md Zh").unwrap();
    assert!(
        md.contains("https://{domain}/admin/login") && md.contains("填写平台域名后生成"),
        "{md}"
    );
    assert!(!md.contains(LOGIN));
}

#[test]
fn the_handoff_carries_it_and_an_import_derives_it_again() {
    let t = parse(WITH_BREAK_GLASS).unwrap();
    let (manifest, env) = handoff_texts(&t, &profile(&t, Some("kb.example.com")));
    let m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(m["break_glass"]["login_url"], LOGIN);
    assert_eq!(
        m["break_glass"]["switch_off"]["zh"],
        "在“系统设置 › 登录认证”中关闭钉钉登录。"
    );
    assert!(
        env.contains(&format!("DINGTALK_BREAK_GLASS_LOGIN_URL='{LOGIN}'")),
        "{env}"
    );
    assert!(
        env.contains("# 关闭钉钉登录：") && env.contains("# To switch DingTalk login off:"),
        "{env}"
    );
    // An import derives it from the template again (never from the file).
    let tampered = manifest.replace(LOGIN, "https://evil.example.com/login");
    let imported = import(tampered.as_bytes(), None, |id| {
        (id == t.id).then(|| t.clone())
    })
    .unwrap();
    assert_eq!(
        imported
            .manifest
            .break_glass
            .and_then(|b| b.login_url)
            .as_deref(),
        Some(LOGIN)
    );
    // The seed-003 platform documents the switch but no manual-login page.
    let seed = template::builtin("yidianyun-private-cloud").unwrap();
    let (manifest, env) = handoff_texts(seed, &profile(seed, Some("oa.example.com")));
    let m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert!(
        m["break_glass"]["login_url"].is_null(),
        "the help page names no manual login"
    );
    assert!(m["break_glass"]["switch_off"]["zh"]
        .as_str()
        .unwrap()
        .contains("站点配置 › 注册登录"));
    assert!(
        env.contains("# 关闭钉钉登录：") && !env.contains("DINGTALK_BREAK_GLASS_LOGIN_URL"),
        "{env}"
    );
}

#[test]
fn nothing_about_it_appears_when_the_template_knows_none() {
    let t = template::builtin("ehr-sync-stream").unwrap();
    assert!(t.break_glass.is_none());
    let p = profile(t, Some("hr.example.com"));
    for (what, text) in report_texts(t, &p) {
        for word in ["应急入口", "break-glass", "break_glass", "平台自己的登录页"] {
            assert!(!text.contains(word), "{what}: {word}");
        }
    }
    let (manifest, env) = handoff_texts(t, &p);
    assert!(!manifest.contains("break_glass"), "{manifest}");
    assert!(
        !env.contains("BREAK_GLASS") && !env.contains("break-glass"),
        "{env}"
    );
}
