//! The template fields of issue 11: `[events]` (how the platform takes DingTalk's events, HTTP
//! push or Stream mode, and which topics it needs, each with what it is for) and `[break_glass]`
//! (the platform's own way in when DingTalk login breaks or has to be switched off). The built-ins
//! use them; broken ones are refused with the line, the key path and both languages.

use dingbind_core::template::{self, parse, PushMode, TemplateError};
use dingbind_core::Field;

const EHR: &str = include_str!("../src/template/builtin/ehr-sync.toml");
const EHR_STREAM: &str = include_str!("../src/template/builtin/ehr-sync-stream.toml");

fn rejected(src: &str) -> TemplateError {
    let e = parse(src).map(|t| t.id).expect_err("should be rejected");
    assert!(
        e.message
            .zh
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{e:?}"
    );
    assert!(
        e.message
            .en
            .chars()
            .filter(char::is_ascii_alphabetic)
            .count()
            > 10,
        "{e:?}"
    );
    e
}

fn line_of(src: &str, needle: &str) -> usize {
    assert_eq!(src.matches(needle).count(), 1, "`{needle}` once");
    src[..src.find(needle).unwrap()].matches('\n').count() + 1
}

/// A user template in the full form, with the given extra tables appended.
fn minimal(extra: &str) -> String {
    format!(
        r#"id = "acme"
name = {{ zh = "示例平台", en = "Acme" }}
needs = ["domain", "client_id", "client_secret"]

[[steps]]
id = "setup"
title = {{ zh = "填写凭证", en = "Enter the credentials" }}
body = {{ zh = "复制凭证。", en = "Copy the credentials." }}
fields = ["domain", "client_id", "client_secret"]
show_events = true
{extra}"#
    )
}

const TOPICS: &str = r#"
[[events.topics]]
topic = "user_add_org"
purpose = { zh = "新员工", en = "A new employee" }
"#;

#[test]
fn the_stream_template_asks_for_nothing_http_push_needs() {
    let t = template::builtin("ehr-sync-stream").unwrap();
    let events = t.events.as_ref().unwrap();
    assert_eq!(events.push, PushMode::Stream);
    assert!(t.uses_stream());
    for f in [Field::EventToken, Field::AesKey] {
        assert!(!t.needs.contains(&f), "{f}");
        assert!(t
            .steps
            .iter()
            .all(|s| !s.fields.contains(&f) && !s.hand_over.contains(&f)));
    }
    assert!(t.url("event_callback").is_none());
    assert!(!t.extra_checks.iter().any(|c| c == "event.check_url"));
    // The HTTP callback's console step is gone; the Stream one names the console's labels.
    let step = t.steps.iter().find(|s| s.id == "events").unwrap();
    assert!(step.show_events && step.urls.is_empty());
    for label in [
        "开发配置 › 事件订阅",
        "Stream 模式推送",
        "已完成接入，验证连接通道",
    ] {
        assert!(step.body.zh.contains(label), "{label}");
        assert!(
            step.body.en.contains(label),
            "{label} (en names the Chinese label)"
        );
    }
    assert!(!step.body.zh.contains("HTTP 推送") && !step.body.zh.contains("check_url"));
    // The platform needs the credentials before DingTalk can verify its connection.
    assert_eq!(step.hand_over, [Field::ClientId, Field::ClientSecret]);
}

#[test]
fn both_ehr_templates_list_the_contact_events_with_what_each_is_for() {
    let http = template::builtin("ehr-sync").unwrap();
    let stream = template::builtin("ehr-sync-stream").unwrap();
    assert_eq!(http.events.as_ref().unwrap().push, PushMode::Http);
    assert!(!http.uses_stream());
    let topics = |t: &template::Template| -> Vec<String> {
        t.events
            .as_ref()
            .unwrap()
            .topics
            .iter()
            .map(|e| e.topic.clone())
            .collect()
    };
    // docs/dingtalk/callback.md#contact-change-events: staff joined, changed, left; departments.
    let want = [
        "user_add_org",
        "user_modify_org",
        "user_leave_org",
        "org_dept_create",
        "org_dept_modify",
        "org_dept_remove",
    ];
    assert_eq!(topics(http), want);
    assert_eq!(topics(stream), want);
    for e in &stream.events.as_ref().unwrap().topics {
        assert!(
            e.purpose.zh.chars().count() > 4 && e.purpose.en.len() > 10,
            "{}",
            e.topic
        );
    }
    assert!(http.steps.iter().any(|s| s.show_events));
}

#[test]
fn break_glass_is_filled_only_where_the_platform_documents_it() {
    let seed = template::builtin("yidianyun-private-cloud").unwrap();
    let b = seed
        .break_glass
        .as_ref()
        .expect("the help page documents the switch");
    // The help page names where DingTalk scan-login is switched, not a manual-login address.
    assert!(b.login_url.is_none());
    assert!(b
        .switch_off
        .as_ref()
        .unwrap()
        .zh
        .contains("站点配置 › 注册登录"));
    assert!(b.source.contains("开启扫码登录"), "{}", b.source);
    for id in ["ehr-sync", "ehr-sync-stream", "custom-urls"] {
        assert!(template::builtin(id).unwrap().break_glass.is_none(), "{id}");
    }
}

#[test]
fn a_user_template_may_give_a_manual_login_url_and_stream_events() {
    let src = minimal(&format!(
        r#"
[events]
push = "stream"
{TOPICS}
[break_glass]
login_url = "https://{{domain}}/admin/login?login_mode=manual"
source = "https://docs.example.com/dingtalk#lockout"
"#
    ));
    let t = parse(&src).unwrap_or_else(|e| panic!("{e}"));
    assert!(t.uses_stream());
    assert_eq!(t.events.as_ref().unwrap().topics[0].topic, "user_add_org");
    let b = t.break_glass.unwrap();
    assert_eq!(
        b.login_url.as_deref(),
        Some("https://{domain}/admin/login?login_mode=manual")
    );
    assert!(b.switch_off.is_none());
}

#[test]
fn a_bad_push_mode_is_named_in_both_languages() {
    let src = minimal(&format!("\n[events]\npush = \"websocket\"\n{TOPICS}"));
    let e = rejected(&src);
    assert_eq!(
        (e.line, e.field.as_str()),
        (line_of(&src, "push = \"websocket\""), "events.push")
    );
    assert!(
        e.message.zh.contains("stream") && e.message.zh.contains("websocket"),
        "{e:?}"
    );
    assert!(e.message.en.contains("\"http\""), "{e:?}");
    assert!(e.text().zh.contains("模板文件有问题"));
}

#[test]
fn events_need_topics_that_are_event_types_listed_once() {
    let e = rejected(&minimal("\n[events]\npush = \"http\"\n"));
    assert_eq!(e.field, "events.topics");
    let src = minimal(&format!(
        "\n[events]\npush = \"http\"\n{}",
        TOPICS.replace("user_add_org", "User Add")
    ));
    let e = rejected(&src);
    assert_eq!(
        (e.line, e.field.as_str()),
        (line_of(&src, "User Add"), "events.topics[0].topic")
    );
    let src = minimal(&format!("\n[events]\npush = \"http\"\n{TOPICS}{TOPICS}"));
    let e = rejected(&src);
    assert_eq!(e.field, "events.topics[1].topic");
}

#[test]
fn stream_push_refuses_what_only_http_push_uses() {
    // The HTTP-push template switched to Stream keeps its callback URL, token and aes_key.
    let src = EHR.replacen("push = \"http\"", "push = \"stream\"", 1);
    let e = rejected(&src);
    assert_eq!(
        (e.line, e.field.as_str()),
        (line_of(&src, "push = \"stream\""), "events.push")
    );
    assert!(e.message.zh.contains("event_token"), "{e:?}");
    // Without the fields, the callback URL and then check_url are still refused.
    let src = EHR_STREAM.replacen(
        "extra_checks = [\"attendance.groups\"]",
        "extra_checks = [\"attendance.groups\", \"event.check_url\"]",
        1,
    );
    let e = rejected(&src);
    assert!(e.message.en.contains("event.check_url"), "{e:?}");
}

#[test]
fn show_events_needs_events() {
    let src = minimal("");
    let e = rejected(&src);
    assert_eq!(
        (e.line, e.field.as_str()),
        (line_of(&src, "show_events"), "steps[0].show_events")
    );
}

#[test]
fn break_glass_mistakes() {
    let src = minimal(&format!(
        "\n[events]\npush = \"http\"\n{TOPICS}\n[break_glass]\nsource = \"https://docs.example.com/x\"\n"
    ));
    assert_eq!(rejected(&src).field, "break_glass");
    let src = minimal(&format!(
        "\n[events]\npush = \"http\"\n{TOPICS}\n[break_glass]\nlogin_url = \"ftp://{{domain}}/login\"\nsource = \"https://docs.example.com/x\"\n"
    ));
    let e = rejected(&src);
    assert_eq!(
        (e.line, e.field.as_str()),
        (line_of(&src, "ftp://"), "break_glass.login_url")
    );
    // A secret never goes into a URL, and the source must say something.
    let src = minimal(&format!(
        "\n[events]\npush = \"http\"\n{TOPICS}\n[break_glass]\nlogin_url = \"https://{{domain}}/{{client_secret}}\"\nsource = \"https://docs.example.com/x\"\n"
    ));
    assert_eq!(rejected(&src).field, "break_glass.login_url");
    let src = minimal(&format!(
        "\n[events]\npush = \"http\"\n{TOPICS}\n[break_glass]\nswitch_off = {{ zh = \"关闭\", en = \"Switch off\" }}\nsource = \"docs\"\n"
    ));
    assert_eq!(rejected(&src).field, "break_glass.source");
}
