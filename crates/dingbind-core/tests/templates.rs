//! The built-in templates, and user templates broken in the ways a server team's author breaks them.
//! Broken templates are made by editing the built-in TOML text, so every error has a real line to
//! point at; each test asserts that exact line and the key path.

use dingbind_core::template::{self, parse, Template, TemplateError};
use dingbind_core::{Field, Text};

const SEED_003: &str = include_str!("../src/template/builtin/yidianyun-private-cloud.toml");
const EHR: &str = include_str!("../src/template/builtin/ehr-sync.toml");
const EHR_STREAM: &str = include_str!("../src/template/builtin/ehr-sync-stream.toml");
const CUSTOM: &str = include_str!("../src/template/builtin/custom-urls.toml");

/// The 1-based line of the only occurrence of `needle` in `src`.
fn line_of(src: &str, needle: &str) -> usize {
    assert_eq!(
        src.matches(needle).count(),
        1,
        "`{needle}` must occur exactly once"
    );
    src[..src.find(needle).unwrap()].matches('\n').count() + 1
}

/// Replaces the first `needle` after the unique `anchor` (which may itself be the needle) and
/// returns the edited text and the line the edit is on.
fn edit(src: &str, anchor: &str, needle: &str, to: &str) -> (String, usize) {
    line_of(src, anchor);
    let at = src.find(anchor).unwrap();
    let offset = at
        + src[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` after `{anchor}`"));
    let line = src[..offset].matches('\n').count() + 1;
    let edited = format!("{}{}{}", &src[..offset], to, &src[offset + needle.len()..]);
    (edited, line)
}

fn rejected(src: &str) -> TemplateError {
    match parse(src) {
        Ok(t) => panic!("template `{}` should have been rejected", t.id),
        Err(e) => {
            // Said in both languages: the zh is Chinese, the en is not empty.
            assert!(!e.message.en.trim().is_empty(), "{e:?}");
            assert!(
                e.message
                    .zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{e:?}"
            );
            assert!(e.to_string().contains(&format!("line {}", e.line)), "{e}");
            e
        }
    }
}

#[track_caller]
fn assert_rejected_at(src: &str, line: usize, field: &str) -> TemplateError {
    let e = rejected(src);
    assert_eq!((e.line, e.field.as_str()), (line, field), "{e}");
    e
}

// ── Built-ins ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn every_builtin_parses_and_is_marked_builtin() {
    let ids: Vec<&str> = template::builtins().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "yidianyun-private-cloud",
            "ehr-sync",
            "ehr-sync-stream",
            "custom-urls"
        ],
        "seed 003's template comes first"
    );
    for (src, id) in [
        (SEED_003, "yidianyun-private-cloud"),
        (EHR, "ehr-sync"),
        (EHR_STREAM, "ehr-sync-stream"),
        (CUSTOM, "custom-urls"),
    ] {
        let parsed = parse(src).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(!parsed.builtin, "parse leaves `builtin` to the caller");
        let embedded = template::builtin(id).expect(id);
        assert!(embedded.builtin);
        assert_eq!(
            &Template {
                builtin: true,
                ..parsed
            },
            embedded
        );
    }
    assert!(template::builtin("no-such-template").is_none());
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// Every text of a template, with where it is.
fn texts(t: &Template) -> Vec<(String, &Text)> {
    let mut out = vec![
        ("name".to_string(), &t.name),
        ("description".to_string(), &t.description),
    ];
    for u in &t.urls {
        out.push((format!("urls.{}.label", u.name), &u.label));
        out.push((format!("urls.{}.destination", u.name), &u.destination));
    }
    for p in &t.permissions {
        out.push((format!("permissions.{}.name", p.code), &p.name));
        out.push((format!("permissions.{}.group", p.code), &p.group));
    }
    for s in &t.steps {
        out.push((format!("steps.{}.title", s.id), &s.title));
        out.push((format!("steps.{}.body", s.id), &s.body));
        if let Some(tip) = &s.tip {
            out.push((format!("steps.{}.tip", s.id), tip));
        }
        if let Some(c) = &s.console {
            out.push((format!("steps.{}.console.label", s.id), &c.label));
        }
        for c in &s.confirm {
            out.push((format!("steps.{}.confirm.{}", s.id, c.id), &c.text));
        }
    }
    for e in t.events.iter().flat_map(|e| &e.topics) {
        out.push((format!("events.{}.purpose", e.topic), &e.purpose));
    }
    if let Some(off) = t.break_glass.as_ref().and_then(|b| b.switch_off.as_ref()) {
        out.push(("break_glass.switch_off".to_string(), off));
    }
    out
}

#[test]
fn builtins_speak_chinese_and_english_everywhere() {
    for t in template::builtins() {
        let texts = texts(t);
        assert!(texts.len() > 20, "{}: only {} texts", t.id, texts.len());
        for (at, text) in texts {
            assert!(
                has_cjk(&text.zh),
                "{}: {at}.zh has no Chinese: {:?}",
                t.id,
                text.zh
            );
            assert!(
                text.en.chars().filter(char::is_ascii_alphabetic).count() >= 3,
                "{}: {at}.en is not English: {:?}",
                t.id,
                text.en
            );
            assert_ne!(text.zh, text.en, "{}: {at}", t.id);
        }
    }
}

#[test]
fn seed_003_has_its_eleven_steps_in_order() {
    let t = template::builtin("yidianyun-private-cloud").unwrap();
    // The seed's headings 1–11, and a phrase of each that the step's zh title carries.
    let seed = [
        // The seed says 开放平台; the wizard names the place as the console does, 开发者后台.
        ("console_login", "登录钉钉"),
        ("corp", "CorpId"),
        ("create_app", "创建钉钉应用"),
        ("credentials", "应用凭证"),
        ("web_app", "配置访问地址"),
        ("permissions", "开通权限"),
        ("publish", "发布应用"),
        ("login", "接入登录"),
        ("sso_secret", "SSOsecret"),
        ("install", "安装钉钉初始化"),
        ("scan_login", "开启扫码登录"),
    ];
    assert_eq!(t.steps.len(), 11);
    for (step, (id, phrase)) in t.steps.iter().zip(seed) {
        assert_eq!(step.id, id);
        assert!(
            step.title.zh.contains(phrase),
            "step {id}: {:?} should carry {phrase:?}",
            step.title.zh
        );
    }
    let step = |id: &str| t.steps.iter().find(|s| s.id == id).unwrap();
    // Step 2 asks for CorpId and CorpName; step 4 for the three credentials; step 9 for SSOsecret.
    assert_eq!(step("corp").fields, [Field::CorpId, Field::CorpName]);
    assert_eq!(
        step("credentials").fields,
        [Field::AgentId, Field::ClientId, Field::ClientSecret]
    );
    assert_eq!(step("sso_secret").fields, [Field::SsoSecret]);
    // Step 5's three web-app URLs, step 8's callback.
    assert_eq!(step("web_app").urls, ["home", "pc_home", "admin"]);
    assert_eq!(step("login").urls, ["login_callback"]);
    assert!(step("permissions").show_permissions);
    assert_eq!(
        step("sso_secret").console.as_ref().unwrap().url,
        "https://open-dev.dingtalk.com/fe/old#/corpAuthInfo"
    );
    assert_eq!(
        t.needs,
        [
            Field::Domain,
            Field::CorpId,
            Field::CorpName,
            Field::AgentId,
            Field::ClientId,
            Field::ClientSecret,
            Field::SsoSecret
        ]
    );
    // Seed step 6: contact management and todos (the design's permission list).
    for code in [
        "qyapi_get_member",
        "qyapi_get_department_list",
        "qyapi_get_department_member",
        "Contact.User.Read",
        "Todo.Todo.Write",
        "Todo.Todo.Read",
    ] {
        assert!(
            t.permissions.iter().any(|p| p.code == code),
            "missing permission {code}"
        );
    }
    assert!(
        t.urls.iter().all(|u| !u.editable),
        "seed 003's URLs are the platform's, not the admin's"
    );
}

#[test]
fn custom_urls_template_lets_the_admin_edit_every_url() {
    let t = template::builtin("custom-urls").unwrap();
    assert_eq!(
        t.urls.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        ["home", "pc_home", "admin", "login_callback"]
    );
    assert!(t.urls.iter().all(|u| u.editable));
}

// ── Broken user templates ──────────────────────────────────────────────────────────────────────

#[test]
fn toml_syntax_errors_point_at_the_line() {
    let (src, line) = edit(
        SEED_003,
        "name = \"home\"",
        "name = \"home\"",
        "name = \"home",
    );
    assert_eq!(line, 10);
    let e = rejected(&src);
    assert_eq!(e.line, line, "{e}");
    assert!(e.field.starts_with("urls[0]"), "{e}");

    let (src, line) = edit(
        SEED_003,
        "label = { zh = \"PC端首页地址\"",
        "en = \"PC homepage URL\" }",
        "en = \"PC homepage URL\" ",
    );
    let e = rejected(&src);
    assert_eq!(
        e.line,
        line + 1,
        "the missing `}}` is noticed at the next line: {e}"
    );
    assert_eq!(e.field, "urls[1].label", "{e}");
}

#[test]
fn unknown_key() {
    let (src, line) = edit(
        SEED_003,
        "title = { zh = \"团队名称和 CorpId\"",
        "title",
        "titel",
    );
    assert_eq!(line, 88);
    let e = assert_rejected_at(&src, line, "steps[1].titel");
    assert!(
        e.message.en.contains("`title`"),
        "suggests the known keys: {e}"
    );

    let (src, line) = edit(
        SEED_003,
        "[[permissions]]\ncode = \"Todo.Todo.Read\"",
        "code",
        "cdoe",
    );
    assert_rejected_at(&src, line, "permissions[6].cdoe");
}

#[test]
fn text_without_english() {
    let (src, line) = edit(
        SEED_003,
        "tip = { zh = \"注意：CorpId 在后台首页",
        ", en = \"Careful:",
        ", xx = \"Careful:",
    );
    assert_eq!(line, 99);
    let e = assert_rejected_at(&src, line, "steps[1].tip.en");
    assert!(e.message.en.contains("`en`"), "{e}");

    let (src, line) = edit(
        SEED_003,
        "name = { zh = \"待办应用中待办读权限\"",
        ", en = \"Read todos\"",
        "",
    );
    assert_rejected_at(&src, line, "permissions[6].name.en");

    let (src, line) = edit(
        SEED_003,
        "text = { zh = \"我已开启钉钉扫码登录\"",
        ", en = \"I switched on DingTalk scan login\"",
        "",
    );
    assert_rejected_at(&src, line, "steps[10].confirm[0].text.en");
}

#[test]
fn unknown_field_in_needs() {
    let (src, line) = edit(SEED_003, "needs = [", "\"corp_name\"", "\"corp_nmae\"");
    assert_eq!(line, 7);
    let e = assert_rejected_at(&src, line, "needs[2]");
    assert!(
        e.message.en.contains("corp_nmae") && e.message.en.contains("corp_name"),
        "names the typo and the known fields: {e}"
    );
}

#[test]
fn step_field_not_in_needs() {
    let (src, _) = edit(SEED_003, "needs = [", "\"corp_name\", ", "");
    let line = line_of(&src, "fields = [\"corp_id\", \"corp_name\"]");
    assert_eq!(line, 101);
    let e = assert_rejected_at(&src, line, "steps[1].fields[1]");
    assert!(e.message.en.contains("needs"), "{e}");

    let (src, line) = edit(
        SEED_003,
        "fields = [\"corp_id\", \"corp_name\"]",
        "\"corp_name\"",
        "\"corpname\"",
    );
    assert_rejected_at(&src, line, "steps[1].fields[1]");
}

#[test]
fn step_names_a_missing_url() {
    let (src, line) = edit(
        SEED_003,
        "urls = [\"home\", \"pc_home\", \"admin\"]",
        "\"admin\"",
        "\"admim\"",
    );
    assert_eq!(line, 156);
    let e = assert_rejected_at(&src, line, "steps[4].urls[2]");
    assert!(e.message.en.contains("admim"), "{e}");
}

#[test]
fn console_links_must_be_https_on_an_allowed_host() {
    let anchor = "[[steps]]\nid = \"create_app\"";
    for bad in [
        "https://open-dev.dingtalk.com.evil.example/fe/app#/corp/app",
        "https://example.com/",
        "https://{domain}.evil.example/",
    ] {
        let (src, line) = edit(
            SEED_003,
            anchor,
            "https://open-dev.dingtalk.com/fe/app#/corp/app",
            bad,
        );
        assert_eq!(line, 118);
        assert_rejected_at(&src, line, "steps[2].console.url");
    }
    let (src, line) = edit(SEED_003, "console = { url = \"https://open-dev.dingtalk.com/\", label = { zh = \"打开钉钉开发者后台\"", "https://", "http://");
    assert_eq!(line, 82);
    let e = assert_rejected_at(&src, line, "steps[0].console.url");
    assert!(e.message.en.contains("https"), "{e}");
}

#[test]
fn url_pattern_mistakes() {
    let cases = [
        // Unknown placeholder.
        (
            "name = \"home\"",
            "https://{domain}/",
            "https://{domian}/",
            "urls[0].pattern",
            "domian",
        ),
        // DingTalk's placeholder mistyped: it would reach the console and never be replaced.
        (
            "name = \"pc_home\"",
            "$CORPID$",
            "$ CORPID$",
            "urls[1].pattern",
            "$CORPID$",
        ),
        (
            "name = \"pc_home\"",
            "$CORPID$",
            "$corpid$",
            "urls[1].pattern",
            "$CORPID$",
        ),
        // A secret in a URL.
        (
            "name = \"login_callback\"",
            "dd_or_code_corp_list\"",
            "dd_or_code_corp_list?secret={client_secret}\"",
            "urls[3].pattern",
            "secret",
        ),
        (
            "name = \"admin\"",
            "{corp_id}",
            "{sso_secret}",
            "urls[2].pattern",
            "secret",
        ),
        // Not a web address.
        (
            "name = \"admin\"",
            "https://{domain}",
            "ftp://{domain}",
            "urls[2].pattern",
            "https://",
        ),
    ];
    for (anchor, needle, to, field, says) in cases {
        let (src, line) = edit(SEED_003, anchor, needle, to);
        let e = assert_rejected_at(&src, line, field);
        assert!(e.message.en.contains(says), "{to}: {e}");
    }
    // A field hole for a field the template does not need.
    let (src, line) = edit(
        CUSTOM,
        "pattern = \"https://{domain}/admin\"",
        "/admin",
        "/admin?n={corp_name}",
    );
    assert_eq!(line, 25);
    assert_rejected_at(&src, line, "urls[2].pattern");
}

#[test]
fn a_need_no_step_asks_for() {
    let (src, _) = edit(
        SEED_003,
        "fields = [\"sso_secret\"]\n",
        "fields = [\"sso_secret\"]\n",
        "",
    );
    let line = line_of(&src, "needs = [");
    assert_eq!(line, 7);
    let e = assert_rejected_at(&src, line, "needs[6]");
    assert!(e.message.en.contains("sso_secret"), "{e}");
}

#[test]
fn duplicate_ids() {
    let (src, line) = edit(SEED_003, "id = \"create_app\"", "create_app", "corp");
    assert_eq!(line, 104);
    let e = assert_rejected_at(&src, line, "steps[2].id");
    assert!(e.message.en.contains("corp"), "{e}");

    let (src, line) = edit(SEED_003, "name = \"pc_home\"", "pc_home", "home");
    assert_rejected_at(&src, line, "urls[1].name");
}

#[test]
fn a_step_may_not_take_the_name_of_a_wizard_page() {
    for page in dingbind_core::profile::WIZARD_PAGES {
        let (src, line) = edit(SEED_003, "id = \"create_app\"", "create_app", page);
        let e = assert_rejected_at(&src, line, "steps[2].id");
        assert!(e.message.en.contains(page), "{e}");
    }
}

#[test]
fn newer_schema_version() {
    let (src, line) = edit(SEED_003, "schema_version = 1", "1", "2");
    assert_eq!(line, 3);
    assert_rejected_at(&src, line, "schema_version");
}

#[test]
fn a_minimal_user_template_is_accepted() {
    let src = r#"
schema_version = 1
id = "acme-oa"
name = { zh = "某某 OA", en = "Acme OA" }
description = { zh = "测试", en = "Test" }
needs = ["domain", "corp_id"]

[[urls]]
name = "home"
pattern = "https://{domain}/dd?corp={corp_id}&c=$CORPID$"
label = { zh = "首页", en = "Home" }
destination = { zh = "网页应用", en = "Web app" }

[[steps]]
id = "all"
title = { zh = "全部", en = "Everything" }
body = { zh = "填写", en = "Fill in" }
console = { url = "https://{domain}/settings", label = { zh = "平台", en = "Platform" } }
fields = ["domain", "corp_id"]
urls = ["home"]
"#;
    let t = parse(src).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.needs, [Field::Domain, Field::CorpId]);
    assert!(!t.urls[0].editable);
    assert!(t.permissions.is_empty());
}

/// The original design's example, with the short `[urls]` and `[permissions]` tables and no
/// schema_version or description, plus one step: a server team starting from that example gets a
/// working template, with the built-ins' labels for URLs and permissions they share.
#[test]
fn the_design_documents_short_form_is_accepted() {
    let src = r#"
id = "yidianyun-private-cloud-short"
name = { zh = "宜点云私有云", en = "Yidianyun private cloud" }
needs = ["domain", "corp_id", "corp_name", "agent_id", "client_id", "client_secret", "sso_secret"]

[urls]   # {x} is filled by the wizard; $CORPID$ is DingTalk's own placeholder and stays literal
home           = "https://{domain}/dingding/dingding_auth_corp?corpId=$CORPID$"
pc_home        = "https://{domain}/index.php?dingding/dd_client_callback&corpId=$CORPID$"
admin          = "https://{domain}/index.php?dingding/dd_callback&usertype=admin&corpId={corp_id}"
login_callback = "https://{domain}/dingding/dd_or_code_corp_list"
sync_hook      = "https://{domain}/hooks/dingtalk"

[permissions]
required = ["qyapi_get_member", "qyapi_get_department_list", "qyapi_get_department_member",
            "Contact.User.Read", "Todo.Todo.Write", "Todo.Todo.Read", "Calendar.Event.Read"]

[[steps]]
id = "everything"
title = { zh = "全部", en = "Everything" }
body = { zh = "填写", en = "Fill in" }
fields = ["domain", "corp_id", "corp_name", "agent_id", "client_id", "client_secret", "sso_secret"]
urls = ["home", "pc_home", "admin", "login_callback", "sync_hook"]
show_permissions = true
"#;
    let t = parse(src).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = t.urls.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        ["home", "pc_home", "admin", "login_callback", "sync_hook"],
        "the order written"
    );
    assert_eq!(
        t.urls[2].label.zh, "管理后台地址",
        "a built-in URL keeps its label"
    );
    assert_eq!(
        t.urls[4].label.en, "sync_hook",
        "an unknown one is named by its key"
    );
    assert!(t.urls[0].pattern.ends_with("corpId=$CORPID$"));
    assert_eq!(t.permissions.len(), 7);
    assert_eq!(t.permissions[0].name.zh, "成员信息读权限");
    assert_eq!(t.permissions[6].name.en, "Calendar.Event.Read");
    assert_eq!(t.permissions[6].group.en, "Other permissions");

    // The short forms are checked like the long ones, at the line of the bad value.
    let (bad, line) = edit(
        src,
        "sync_hook ",
        "https://{domain}/hooks",
        "ftp://{domain}/hooks",
    );
    assert_rejected_at(&bad, line, "urls[4].pattern");
    let (bad, line) = edit(src, "required", "\"Todo.Todo.Read\"", "\"Todo.Todo.Write\"");
    assert_rejected_at(&bad, line, "permissions[5].code");
    let (bad, line) = edit(src, "[permissions]", "required", "requried");
    assert_rejected_at(&bad, line, "permissions.requried");
}

#[test]
fn a_missing_top_level_key_is_named_alone() {
    let src: String = SEED_003
        .lines()
        .filter(|l| !l.starts_with("needs = "))
        .collect::<Vec<_>>()
        .join("\n");
    let e = rejected(&src);
    assert_eq!(e.field, "needs", "{e}");
}

/// A platform step lists what the admin types into the platform, in the platform's field order;
/// only fields the template needs, each once.
#[test]
fn hand_over_lists_needed_values_in_the_platforms_order() {
    let seed = parse(SEED_003).unwrap();
    let (i, install) = seed
        .steps
        .iter()
        .enumerate()
        .find(|(_, s)| s.id == "install")
        .unwrap();
    assert_eq!(
        install.hand_over,
        [
            Field::CorpId,
            Field::CorpName,
            Field::AgentId,
            Field::ClientId,
            Field::ClientSecret,
            Field::SsoSecret
        ]
    );
    let anchor = "hand_over = [";
    for (needle, to, says) in [
        ("\"corp_id\"", "\"corp_idd\"", "unknown field"),
        ("\"corp_id\"", "\"event_token\"", "not in `needs`"),
        ("\"corp_name\"", "\"corp_id\"", "listed twice"),
    ] {
        let (src, line) = edit(SEED_003, anchor, needle, to);
        let at = if needle == "\"corp_name\"" { 1 } else { 0 };
        let e = assert_rejected_at(&src, line, &format!("steps[{i}].hand_over[{at}]"));
        assert!(e.message.en.contains(says), "{to}: {e}");
        assert!(has_cjk(&e.message.zh), "{e:?}");
    }
}
