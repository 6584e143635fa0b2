//! Platform templates: what a target platform needs from DingTalk, as data. A template names the
//! fields it needs, the URLs it makes the admin register (patterns with `{field}` holes and
//! DingTalk's own `$CORPID$` kept literal), the permissions it requires, and the steps of its setup
//! flow with the console page for each. Built-ins are embedded; admins and server teams can write
//! their own, and a broken one is rejected with the field and line that is wrong.
//!
//! Format: the built-ins write `[[urls]]` and `[[permissions]]` out in full, because each URL needs
//! a label and a console location in both languages. The short tables of the original design
//! (`[urls] name = "pattern"`, `[permissions] required = [...]`) are accepted too, in the order
//! written, borrowing the built-ins' labels where they share a name or code; `schema_version`
//! (only 1) and `description` may then be left out.

mod parse;

pub(crate) use parse::check_pattern;

use crate::field::Field;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use ts_rs::TS;

pub use parse::{parse, TemplateError};

/// A template's break-glass for one binding, as the report and the hand-off carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BreakGlassNote {
    /// The platform's own login page, filled in for this binding; `null` when the platform
    /// documents none or a value it needs (the domain) is not entered yet.
    pub login_url: Option<String>,
    /// The page's pattern as the template gives it (`https://{domain}/…`), when it gives one.
    pub login_url_pattern: Option<String>,
    /// What to do if DingTalk login has to be switched off.
    pub switch_off: Option<Text>,
    /// Where the platform documents this.
    pub source: String,
}

impl Template {
    /// The break-glass for a binding with these valid, non-secret `values`; `None` when the
    /// template knows none.
    pub fn break_glass_for(
        &self,
        values: &std::collections::BTreeMap<Field, String>,
    ) -> Option<BreakGlassNote> {
        let b = self.break_glass.as_ref()?;
        Some(BreakGlassNote {
            login_url: b
                .login_url
                .as_deref()
                .and_then(|p| crate::urls::fill_one(self, p, values)),
            login_url_pattern: b.login_url.clone(),
            switch_off: b.switch_off.clone(),
            source: b.source.clone(),
        })
    }

    /// Whether the platform receives events over Stream (and so needs the Stream checks).
    pub fn uses_stream(&self) -> bool {
        self.events
            .as_ref()
            .is_some_and(|e| e.push == PushMode::Stream)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Template {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub needs: Vec<Field>,
    pub urls: Vec<UrlSpec>,
    pub permissions: Vec<Permission>,
    pub steps: Vec<Step>,
    /// Optional live checks this platform needs beyond the standard set (e.g. `attendance.groups`).
    pub extra_checks: Vec<String>,
    /// How the platform receives DingTalk's events (HTTP callback or Stream) and which event topics
    /// it needs; absent when the platform subscribes to none.
    #[serde(default)]
    pub events: Option<Box<EventSubscription>>,
    /// The way back in when DingTalk login fails or has to be switched off: the platform's own
    /// login page and what to do, as the platform documents them; absent when it documents none.
    #[serde(default)]
    pub break_glass: Option<Box<BreakGlass>>,
    /// Embedded in the app (as opposed to loaded from the admin's templates folder).
    pub builtin: bool,
}

/// How DingTalk delivers events to the platform (console: 开发配置 › 事件订阅 › 推送方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PushMode {
    /// “HTTP 推送”: DingTalk POSTs encrypted events to the platform's public callback URL
    /// (signature token + aes_key, verified with `check_url`).
    Http,
    /// “Stream 模式推送”: the platform opens a WebSocket to DingTalk itself (no public URL, no
    /// token or aes_key); DingTalk recommends it (docs/dingtalk/callback.md).
    Stream,
}

/// The event subscription a platform needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventSubscription {
    pub push: PushMode,
    /// The event types to tick in 事件订阅, each with what the platform does with it.
    pub topics: Vec<EventTopic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventTopic {
    /// DingTalk's event type (`user_add_org`, `org_dept_remove`, …).
    pub topic: String,
    /// What the platform needs it for, in words for the admin.
    pub purpose: Text,
}

/// The platform's manual way in, for when DingTalk login breaks (a wrong redirect, a revoked app)
/// or has to be switched off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BreakGlass {
    /// The platform's own login page (account and password), a pattern like the template's URLs
    /// (`https://{domain}/…`); absent when the platform documents none.
    pub login_url: Option<String>,
    /// What to do if DingTalk login has to be switched off, in the platform's own menu words.
    pub switch_off: Option<Text>,
    /// Where the platform documents this (its help page), so the admin can check it.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UrlSpec {
    /// Stable key (`home`, `pc_home`, `admin`, `login_callback`, …): `dingbind urls --json` uses it.
    pub name: String,
    pub pattern: String,
    pub label: Text,
    /// Where in the console the admin pastes it.
    pub destination: Text,
    /// The admin may replace the pattern with their own (the "custom URLs" template, or a platform
    /// behind a gateway that rewrites paths).
    pub editable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Permission {
    /// The permission code to search for in 权限管理 (also the `scope.<code>` check id).
    pub code: String,
    pub name: Text,
    pub group: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Step {
    pub id: String,
    pub title: Text,
    /// Instructions: paragraphs separated by blank lines; lines starting `1.` form a numbered list.
    pub body: Text,
    pub tip: Option<Text>,
    pub console: Option<ConsoleLink>,
    pub fields: Vec<Field>,
    /// Names of `urls` this step asks the admin to copy into the console.
    pub urls: Vec<String>,
    /// Whether this step lists the template's required permissions.
    pub show_permissions: bool,
    /// Whether this step lists the event topics the platform needs (`events.topics`), each with
    /// what it is for.
    #[serde(default)]
    pub show_events: bool,
    /// Values the admin types into the platform at this step, in the platform's own field order:
    /// the wizard lists each with its value and a copy button (secrets hidden until revealed).
    #[serde(default)]
    pub hand_over: Vec<Field>,
    /// Things done in a console the app cannot see, confirmed by the admin.
    pub confirm: Vec<Confirm>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsoleLink {
    /// An https URL on an allow-listed DingTalk host, or a `https://{domain}/…` page of the platform.
    pub url: String,
    pub label: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Confirm {
    pub id: String,
    pub text: Text,
}

impl Template {
    pub fn url(&self, name: &str) -> Option<&UrlSpec> {
        self.urls.iter().find(|u| u.name == name)
    }
}

const BUILTIN_SOURCES: [(&str, &str); 4] = [
    (
        "yidianyun-private-cloud.toml",
        include_str!("builtin/yidianyun-private-cloud.toml"),
    ),
    ("ehr-sync.toml", include_str!("builtin/ehr-sync.toml")),
    (
        "ehr-sync-stream.toml",
        include_str!("builtin/ehr-sync-stream.toml"),
    ),
    ("custom-urls.toml", include_str!("builtin/custom-urls.toml")),
];

static BUILTINS: LazyLock<Vec<Template>> = LazyLock::new(|| {
    BUILTIN_SOURCES
        .iter()
        .map(|(file, src)| {
            let mut t =
                parse(src).unwrap_or_else(|e| panic!("built-in template {file} is broken: {e}"));
            t.builtin = true;
            t
        })
        .collect()
});

/// The templates embedded in the app, seed 003's private cloud first.
pub fn builtins() -> &'static [Template] {
    &BUILTINS
}

/// A user template that could not be loaded: which file, where, and why in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateProblem {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: Text,
}

/// Loads the admin's own templates (`*.toml`) from `dir`. A broken file is reported, never fatal,
/// and may not take over a built-in's id.
pub fn load_dir(dir: &std::path::Path) -> (Vec<Template>, Vec<TemplateProblem>) {
    let mut templates: Vec<Template> = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (templates, problems);
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let file = path.display().to_string();
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| TemplateError {
                line: 0,
                field: String::new(),
                message: Text::new(
                    format!("无法读取文件：{e}"),
                    format!("cannot read the file: {e}"),
                ),
            })
            .and_then(|src| parse(&src));
        match parsed {
            Ok(t) if builtin(&t.id).is_some() || templates.iter().any(|x| x.id == t.id) => problems
                .push(TemplateProblem {
                    file,
                    line: 1,
                    field: "id".into(),
                    message: Text::new(
                        format!("id `{}` 已经被别的模板用了", t.id),
                        format!("the id `{}` is already taken", t.id),
                    ),
                }),
            Ok(t) => templates.push(t),
            Err(e) => problems.push(TemplateProblem {
                file,
                line: e.line,
                field: e.field,
                message: e.message,
            }),
        }
    }
    (templates, problems)
}

pub fn builtin(id: &str) -> Option<&'static Template> {
    BUILTINS.iter().find(|t| t.id == id)
}
