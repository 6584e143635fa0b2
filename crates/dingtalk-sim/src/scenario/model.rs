//! The scenario schema: plain serde structs, one per TOML table.
//!
//! Every key is documented in `scenarios/example.toml`; keep the two in step. Unknown keys are
//! rejected (`deny_unknown_fields`) so that a typo in a scenario fails loudly instead of silently
//! simulating a different world.

use serde::{Deserialize, Serialize};

/// One simulated world: an org, its internal apps, the caller's egress IP, login behaviour and
/// injected faults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Short id, e.g. `healthy`.
    pub name: String,
    /// What the scenario simulates, in one or two sentences.
    #[serde(default)]
    pub description: String,
    /// The source IP DingTalk "sees" for every caller; checked against app whitelists and quoted
    /// in whitelist errors (`request ip=…`).
    pub egress_ip: String,
    /// The org-level SSOsecret (开发信息（旧版）), checked by `/sso/gettoken` and `ssoAccessToken`.
    pub sso_secret: String,
    /// Delay added to every request, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// Seconds added to the `Date` response header (negative = server clock behind).
    #[serde(default)]
    pub clock_skew_secs: i64,
    /// The organisation (企业): CorpId, departments, users.
    pub org: Org,
    /// The org's enterprise internal apps.
    #[serde(default)]
    pub apps: Vec<App>,
    /// Who "scans" the login page, and how login codes behave.
    #[serde(default)]
    pub login: Login,
    /// Attendance (考勤) groups and the permission point the simulator demands for them.
    #[serde(default)]
    pub attendance: Attendance,
    /// Injected faults, tried in order; the first one that matches a request and still has
    /// uses left answers instead of the endpoint.
    #[serde(default)]
    pub faults: Vec<Fault>,
}

/// The organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    /// The org's real CorpId (`ding` + hex).
    pub corp_id: String,
    /// The org's name; also the name of root department 1.
    pub corp_name: String,
    /// Departments. Department 1 is the root and must be present.
    #[serde(default)]
    pub departments: Vec<Department>,
    /// Members of the org.
    #[serde(default)]
    pub users: Vec<User>,
}

/// A department (部门).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub dept_id: i64,
    pub name: String,
    /// Parent department; absent only for the root (1).
    #[serde(default)]
    pub parent_id: Option<i64>,
}

/// A member of the org.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub userid: String,
    pub unionid: String,
    pub name: String,
    /// Departments the user belongs to directly.
    pub dept_ids: Vec<i64>,
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Org administrator (管理员).
    #[serde(default)]
    pub admin: bool,
    /// Has activated their account; inactive users are left out of `only_active` counts.
    #[serde(default = "yes")]
    pub active: bool,
    /// Whether a work notification sent to this user shows up as read in `getsendresult`.
    #[serde(default = "yes")]
    pub reads_messages: bool,
}

/// An enterprise internal app (企业内部应用).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    /// Display name (not sent anywhere; for humans reading the scenario).
    #[serde(default)]
    pub name: String,
    /// Client ID (原 AppKey).
    pub client_id: String,
    /// Client Secret (原 AppSecret): the *real* one, which callers must match.
    pub client_secret: String,
    /// AgentId.
    pub agent_id: i64,
    /// Granted permission points (权限管理), e.g. `qyapi_get_member`, `Todo.Todo.Write`.
    /// `qyapi_base` and `open_app_api_base` are always granted, as on a new app.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// 应用可见范围: who can see and use the app (and receive its work notifications).
    #[serde(default)]
    pub visible_range: Range,
    /// 通讯录权限 › 授权范围: which departments and users the contact APIs may read.
    #[serde(default)]
    pub contact_range: Range,
    /// 服务器出口IP. Empty = no restriction. Entries are exact IPs, or patterns with one `*`.
    #[serde(default)]
    pub ip_whitelist: Vec<String>,
    /// 重定向URL（回调域名）: registered login redirect URIs, matched exactly; `*` allows any.
    #[serde(default)]
    pub redirect_urls: Vec<String>,
}

/// A range of departments and users (visible range or contact range).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Everyone (全员).
    #[serde(default)]
    pub all: bool,
    /// These departments and all their sub-departments.
    #[serde(default)]
    pub dept_ids: Vec<i64>,
    /// These users individually.
    #[serde(default)]
    pub userids: Vec<String>,
    /// Visible range only: "仅限管理员可见" (`isHidden` in `/microapp/visible_scopes`).
    #[serde(default)]
    pub admin_only: bool,
}

/// Login-page behaviour.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    /// The org user who auto-consents on the login page. Takes precedence over `unionid`.
    #[serde(default)]
    pub userid: Option<String>,
    /// Or a unionId: of an org user, or of someone NOT in the org (cross-org login test).
    #[serde(default)]
    pub unionid: Option<String>,
    /// Display name for a user who is not in the org.
    #[serde(default)]
    pub nick: Option<String>,
    /// Issue codes that are already expired (the exchange then fails as "不合法的临时授权码").
    #[serde(default)]
    pub code_expired: bool,
    /// Code lifetime in seconds (DingTalk: 5 minutes). Default 300.
    #[serde(default)]
    pub code_ttl_secs: Option<u64>,
}

/// Attendance data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Permission point `getsimplegroups` demands. UNCONFIRMED; default `qyapi_attendance_read`.
    #[serde(default = "default_attendance_scope")]
    pub required_scope: String,
    #[serde(default)]
    pub groups: Vec<AttendanceGroup>,
}

impl Default for Attendance {
    fn default() -> Self {
        Self {
            required_scope: default_attendance_scope(),
            groups: Vec::new(),
        }
    }
}

/// One attendance group (考勤组).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceGroup {
    pub group_id: i64,
    pub group_name: String,
    pub member_count: i64,
    /// `FIXED` (固定班制), `TURN` (排班制) or `NONE` (自由工时).
    #[serde(rename = "type")]
    pub kind: String,
}

/// An injected fault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    pub kind: FaultKind,
    /// Applies only to requests whose documented path (without the `/oapi`, `/api`, `/login`
    /// prefix) contains this substring. Absent = every path.
    #[serde(default)]
    pub path: Option<String>,
    /// How many times the fault fires. Absent = always.
    #[serde(default)]
    pub count: Option<u32>,
    /// `html_proxy_page` only: HTTP status of the page (default 200; 502 is also realistic).
    #[serde(default)]
    pub status: Option<u16>,
    /// `token_expiry` only: a token expires once it has been used this many times (default 0 =
    /// the first use already finds it expired).
    #[serde(default)]
    pub after_uses: u32,
    /// `timeout` only: how long to hang, in seconds (default 120, or until shutdown).
    #[serde(default)]
    pub hang_secs: Option<u64>,
}

/// What kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// Hang longer than any sane client timeout.
    #[serde(rename = "timeout")]
    Timeout,
    /// HTTP 500 from the gateway.
    #[serde(rename = "http_500")]
    Http500,
    /// HTTP 502 Bad Gateway (an HTML gateway page).
    #[serde(rename = "http_502")]
    Http502,
    /// An HTML corporate-proxy login page instead of JSON.
    #[serde(rename = "html_proxy_page")]
    HtmlProxyPage,
    /// The per-app, per-API QPS limit (old 90018 / new `QpsLimitForAppkeyAndApi`).
    #[serde(rename = "rate_limit")]
    RateLimit,
    /// App access tokens expire (old 42001 / new `InvalidAuthentication`).
    #[serde(rename = "token_expiry")]
    TokenExpiry,
}

fn yes() -> bool {
    true
}

fn default_attendance_scope() -> String {
    "qyapi_attendance_read".to_owned()
}
