//! The shell's commands through Tauri's mock runtime: real IPC serialisation (camelCase arguments,
//! the `{code, message}` error JSON), no window.

use dingbind_app_lib::{commands, setup_workspace};
use dingbind_core::secrets::{KeychainError, Secrets};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

struct Harness {
    origin: &'static str,
    _app: tauri::App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let app = mock_builder()
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!(test = true))
        .unwrap();
    setup_workspace(
        &app,
        data,
        Secrets::new(Err(KeychainError::Off("no keychain in this test".into()))),
    )
    .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        origin: "tauri://localhost",
        _app: app,
        webview,
        dir,
    }
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: self.origin.parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

#[test]
fn create_edit_and_reopen_a_profile() {
    let h = harness();
    let templates = h.ok("list_templates", json!({}));
    assert_eq!(templates[0]["id"], "yidianyun-private-cloud");
    assert_eq!(templates[0]["steps"].as_array().unwrap().len(), 11);

    let view = h.ok(
        "create_profile",
        json!({"name": "总部", "templateId": "yidianyun-private-cloud"}),
    );
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    assert_eq!(view["evaluation"]["fields"]["corp_id"]["code"], "empty");

    let mut profile = view["profile"].clone();
    profile["values"] = json!({"domain": "https://OA.Example.com:443/login", "corp_id": "CorpId：ding6ccabc44d2c8d38b\n"});
    profile["current_step"] = json!("web_app");
    let view = h.ok("update_profile", json!({ "profile": profile }));
    assert_eq!(
        view["evaluation"]["fields"]["domain"]["value"],
        "oa.example.com"
    );
    assert_eq!(
        view["evaluation"]["fields"]["corp_id"]["value"],
        "ding6ccabc44d2c8d38b"
    );
    let urls = view["evaluation"]["urls"].as_array().unwrap();
    assert_eq!(
        urls.iter().find(|u| u["name"] == "admin").unwrap()["url"],
        "https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding6ccabc44d2c8d38b"
    );

    // Secrets: no keychain here, so they stay in this session's memory and say so.
    let view = h.ok(
        "set_secret",
        json!({"profileId": id, "field": "client_secret", "value": format!("{}\n", "s".repeat(64))}),
    );
    assert_eq!(view["profile"]["secrets"]["client_secret"], "session");
    assert_eq!(
        view["evaluation"]["fields"]["client_secret"]["value"],
        "ssss…(64)"
    );
    assert_eq!(
        h.ok(
            "reveal_secret",
            json!({"profileId": id, "field": "client_secret"})
        ),
        json!("s".repeat(64))
    );

    h.ok("flush_profile", json!({}));
    let list = h.ok("list_profiles", json!({}));
    assert_eq!(list[0]["current_step"], "web_app");
    let files: String = walk(h.dir.path());
    assert!(!files.contains(&"s".repeat(64)), "a secret reached disk");

    // What the admin typed is kept as typed; the verdicts hold the normalised values.
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["settings"]["last_profile_id"], json!(id));
    assert_eq!(info["keychain_available"], false);
    let reopened = h.ok("open_profile", json!({"id": id}));
    assert_eq!(
        reopened["profile"]["values"]["corp_id"],
        "CorpId：ding6ccabc44d2c8d38b\n"
    );
}

#[test]
fn rename_duplicate_delete() {
    let h = harness();
    let view = h.ok(
        "create_profile",
        json!({"name": "A", "templateId": "custom-urls"}),
    );
    let id = view["profile"]["id"].as_str().unwrap();
    h.ok("rename_profile", json!({"id": id, "name": "B"}));
    let copy = h.ok("duplicate_profile", json!({"id": id, "name": "B 副本"}));
    assert_ne!(copy["id"], json!(id));
    assert_eq!(
        h.ok("list_profiles", json!({})).as_array().unwrap().len(),
        2
    );
    h.ok("delete_profile", json!({"id": id}));
    let names: Vec<Value> = h
        .ok("list_profiles", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("B 副本")]);
}

/// An error crosses IPC as `{code, message: {zh, en}, detail}`: the core's stable code, the
/// message in both languages (a Chinese sentence in `zh`), the technical cause in `detail`.
fn assert_error(err: &Value, code: &str) {
    assert_eq!(err["code"], code, "{err}");
    let zh = err["message"]["zh"].as_str().unwrap_or_default();
    let en = err["message"]["en"].as_str().unwrap_or_default();
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "zh is Chinese: {err}"
    );
    assert!(!en.is_empty(), "{err}");
    assert!(err.get("detail").is_some(), "{err}");
}

#[test]
fn errors_cross_ipc_as_code_and_both_languages() {
    let h = harness();
    let err = h
        .call("open_profile", json!({"id": "no-such-profile"}))
        .unwrap_err();
    assert_error(&err, "profile_not_found");
    assert_eq!(err["message"]["zh"], "找不到这个配置（可能已被删除）。");

    let err = h
        .call(
            "create_profile",
            json!({"name": "  ", "templateId": "custom-urls"}),
        )
        .unwrap_err();
    assert_error(&err, "invalid_value");

    let err = h
        .call("create_profile", json!({"name": "x", "templateId": "nope"}))
        .unwrap_err();
    assert_error(&err, "template_not_found");

    let err = h
        .call("open_link", json!({"url": "https://evil.example/"}))
        .unwrap_err();
    assert_error(&err, "not_allowed");

    let err = h
        .call(
            "set_secret",
            json!({"profileId": "x", "field": "corp_id", "value": "v"}),
        )
        .unwrap_err();
    assert_error(&err, "not_a_secret");

    // Practice mode's own errors come the same way.
    let err = h
        .call("start_practice", json!({"scenario": "no-such-scenario"}))
        .unwrap_err();
    assert_error(&err, "unknown_scenario");
}

/// Every declared command is allowed by the window's capability and answered by the handler: a
/// command the list declares but the ACL or the handler lacks would only fail in the running app.
#[test]
fn every_declared_command_is_allowed_and_handled() {
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    let allowed: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .collect();
    let declared: Vec<String> = commands::NAMES
        .iter()
        .map(|c| c.replace('_', "-"))
        .collect();
    assert_eq!(allowed, declared);

    let h = harness();
    // The three that open a native file dialog are left out: the mock runtime has no dialog.
    for cmd in commands::NAMES
        .iter()
        .filter(|c| !["add_template", "choose_ca_file", "import_file"].contains(c))
    {
        // Whatever a command says without its arguments or an open profile, it is not Tauri's
        // "not allowed" or "not found" (those come back as a bare string).
        if let Err(Value::String(e)) = h.call(cmd, json!({})) {
            assert!(
                !e.contains("not allowed") && !e.contains("not found"),
                "{cmd}: {e}"
            );
        }
    }
}

#[test]
fn remote_pages_cannot_call_commands() {
    let mut h = harness();
    h.origin = "https://evil.example/";
    let err = h.call("list_profiles", json!({})).unwrap_err();
    assert!(err.as_str().unwrap().contains("not allowed"), "{err}");
}

fn walk(dir: &std::path::Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.push_str(&walk(&path));
        } else {
            all.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    all
}

#[test]
fn scan_codes_history_and_login_through_practice_mode() {
    let h = harness();
    let id = h.ok(
        "create_profile",
        json!({"name": "练习", "templateId": "yidianyun-private-cloud"}),
    )["profile"]["id"]
        .clone();
    // Nothing entered yet: the codes say what they still need.
    let codes = h.ok("scan_codes", json!({"profileId": id}));
    assert_eq!(codes.as_array().unwrap().len(), 3);
    assert_eq!(codes[0]["url"], Value::Null);
    assert!(!codes[0]["missing"].as_array().unwrap().is_empty());
    assert_eq!(h.ok("list_runs", json!({"profileId": id})), json!([]));

    h.ok("start_practice", json!({"scenario": "healthy"}));
    h.ok("fill_practice_values", json!({}));
    let codes = h.ok("scan_codes", json!({"profileId": id}));
    let login = codes[0]["url"].as_str().unwrap();
    assert!(
        login.contains("/login/oauth2/auth?redirect_uri=https%3A%2F%2Foa.example.com"),
        "practice codes point at the simulator's login page: {login}"
    );
    assert!(codes[1]["png"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));

    // Each run is kept; two runs can be compared.
    let options =
        json!({"profileId": id, "options": {"message_userid": null, "deadline_ms": 30000}});
    h.ok("run_checks", options.clone());
    h.ok(
        "start_practice",
        json!({"scenario": "missing-contact-scope"}),
    );
    h.ok("run_checks", options.clone());
    let runs = h.ok("list_runs", json!({"profileId": id}));
    assert_eq!(runs.as_array().unwrap().len(), 2);
    assert_eq!(
        runs[0]["practice"]["id"], "missing-contact-scope",
        "newest first"
    );
    assert_eq!(runs[0]["practice"]["title"]["zh"], "缺少通讯录权限");
    let diff = h.ok(
        "diff_runs",
        json!({"profileId": id, "before": runs[1]["id"], "after": runs[0]["id"]}),
    );
    let regressed: Vec<&str> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "regressed")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(regressed.contains(&"scope.qyapi_get_member"), "{diff}");

    // The login round trip: the simulated phone scans and the wizard names who signed in.
    h.ok("start_practice", json!({"scenario": "healthy"}));
    assert_eq!(
        h.ok("login_redirect_url", json!({})),
        "http://127.0.0.1:27180/dingbind/login"
    );
    let started = h.ok("login_start", json!({"profileId": id}));
    assert_eq!(started["preflight"], Value::Null, "{started}");
    let result = h.ok("login_finish", json!({}));
    assert_eq!(result["status"], "ok", "{result}");
    assert!(result["message"]["zh"]
        .as_str()
        .unwrap()
        .starts_with("已登录：王建国 (manager4220)"));

    // Before the login, Contact.User.Read was only `manual`; the passed login proves it.
    let scope = |run: &Value| {
        run["run"]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "scope.Contact.User.Read")
            .cloned()
            .unwrap()
    };
    let first = h.ok("get_run", json!({"profileId": id, "id": runs[1]["id"]}));
    assert_eq!(scope(&first)["status"], "manual");
    h.ok("run_checks", options);
    let newest = h.ok("list_runs", json!({"profileId": id}))[0]["id"].clone();
    let proved = scope(&h.ok("get_run", json!({"profileId": id, "id": newest})));
    assert_eq!(proved["status"], "ok", "{proved}");
    assert!(proved["message"]["zh"]
        .as_str()
        .unwrap()
        .contains("登录测试"));
    h.ok("stop_practice", json!({}));
}

#[test]
fn files_the_app_did_not_write_cannot_be_opened_and_imports_need_a_pending_file() {
    let h = harness();
    let e = h
        .call("open_saved", json!({"path": "/etc/passwd"}))
        .unwrap_err();
    assert_error(&e, "not_allowed");
    let e = h
        .call("import_with_passphrase", json!({"passphrase": "x"}))
        .unwrap_err();
    assert_error(&e, "nothing_waiting");
}

/// The sync preview page's path: nothing kept and nothing to export before the first walk; a walk
/// in practice mode (ranges that differ both ways) comes back with both kinds of difference, is
/// kept, and the overview then shows its totals.
#[test]
fn a_sync_preview_is_walked_kept_and_summarised() {
    let h = harness();
    let view = h.ok(
        "create_profile",
        json!({"name": "同步", "templateId": "yidianyun-private-cloud"}),
    );
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    h.ok("start_practice", json!({"scenario": "ranges-differ"}));
    h.ok("fill_practice_values", json!({}));

    let overview = h.ok("sync_overview", json!({"profileId": id}));
    assert_eq!(overview, json!({"summary": null, "resumable": false}));
    let e = h
        .call("save_sync_csv", json!({"profileId": id, "lang": "zh"}))
        .unwrap_err();
    assert_eq!(e["code"], "no_sync_preview", "{e}");

    let end = h.ok(
        "sync_preview",
        json!({"profileId": id, "expected": 3, "resume": false}),
    );
    assert_eq!(end["kind"], "done", "{end}");
    let preview = &end["preview"];
    let kinds: Vec<&str> = preview["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"open_not_synced"), "{kinds:?}");
    assert!(kinds.contains(&"synced_not_open"), "{kinds:?}");
    assert_eq!(preview["totals"]["expected"], 3);
    assert_eq!(end["summary"]["totals"], preview["totals"]);

    let overview = h.ok("sync_overview", json!({"profileId": id}));
    assert_eq!(overview["summary"]["totals"], preview["totals"]);
    assert_eq!(overview["resumable"], false);
}
