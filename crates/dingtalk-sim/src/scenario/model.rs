//! The scenario schema: plain serde structs, one per TOML table.
//!
//! Every key is documented in `scenarios/example.toml`; keep the two in step. Unknown keys are
//! rejected (`deny_unknown_fields`) so that a typo in a scenario fails loudly instead of silently
//! simulating a different world.

use serde::{Deserialize, Serialize};

pub use super::fault::{Fault, FaultKind};

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
    /// The name practice mode shows the admin, in both languages; without it tools show `name`.
    #[serde(default)]
    pub title: Option<Title>,
    /// The source IP DingTalk "sees" for every caller; checked against app whitelists and quoted
    /// in whitelist errors (`request ip=…`).
    pub egress_ip: String,
    /// Also check the 服务器出口IP whitelist on the app-token endpoints (`gettoken`,
    /// `accessToken`, `{corpId}/token`). Default false: no public source shows DingTalk refusing a
    /// token for the IP; the observed refusals are on business calls (GH aircode#46; DOCS 1447,
    /// 0024). UNCONFIRMED either way.
    #[serde(default)]
    pub ip_whitelist_on_token: bool,
    /// Permission point `GET /v1.0/microApp/app/detail` demands. Default none: SDK-new
    /// `ListAppByClientId` documents no permission (UNCONFIRMED).
    #[serde(default)]
    pub app_detail_scope: Option<String>,
    /// The org-level SSOsecret (开发信息（旧版）), checked by `/sso/gettoken` and `ssoAccessToken`.
    pub sso_secret: String,
    /// Delay added to every request, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// A random extra delay of up to this many milliseconds on top of `latency_ms` (network
    /// jitter), drawn per request.
    #[serde(default)]
    pub latency_jitter_ms: u64,
    /// Per app and per API, the most calls DingTalk serves in any one second. Above it the call
    /// is refused with the documented throttle answer: old family 90018 (88-wrapped on topapi),
    /// new family 403 `Forbidden.AccessDenied.QpsLimitForAppkeyAndApi` (DOCS 1433, DOCS 0013;
    /// `docs/dingtalk/limits.md`). A standard-edition org gets 20 (DOCS 1433). Default none: no
    /// limit.
    #[serde(default)]
    pub qps_per_api: Option<u32>,
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

/// A name in the two languages of the wizard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    pub zh: String,
    pub en: String,
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
    /// Roles (角色); a visible or contact range may name them.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The org's external contacts (外部联系人): `getbyunionid` answers them with
    /// `contact_type: 1` (DOCS 0064); they are not members.
    #[serde(default)]
    pub external_contacts: Vec<ExternalContact>,
    /// Generate a large org on top of the declared departments and users (benchmarks, scale
    /// tests). Expanded when the scenario is loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate: Option<Generate>,
}

/// `[org.generate]`: a deterministic org of many departments and people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generate {
    /// How many people (`gen000001`, …).
    pub people: u32,
    /// How many departments, below the root (ids from [`Generate::FIRST_DEPT`] on).
    pub departments: u32,
    /// The same seed gives the same org.
    #[serde(default)]
    pub seed: u64,
    /// Percent of people with a mobile number (default 100).
    #[serde(default = "hundred")]
    pub mobile_percent: u8,
    /// Percent of people with an email address (default 100).
    #[serde(default = "hundred")]
    pub email_percent: u8,
    /// Percent of people who also belong to a second department (default 5).
    #[serde(default = "five")]
    pub second_dept_percent: u8,
}

impl Generate {
    /// The id of the first generated department; the n-th is `FIRST_DEPT + n`.
    pub const FIRST_DEPT: i64 = 800_000_000;
}

fn hundred() -> u8 {
    100
}

fn five() -> u8 {
    5
}

/// A role (角色) and its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub role_id: i64,
    pub name: String,
    /// Org users holding the role.
    #[serde(default)]
    pub userids: Vec<String>,
}

/// An external contact (外部联系人) of the org: someone DingTalk knows by unionId who is not a
/// member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalContact {
    pub unionid: String,
    /// The id `getbyunionid` returns for them (`contact_type: 1`).
    pub userid: String,
    pub name: String,
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
    /// Display name: `name` in `/v1.0/microApp/app/detail` and the todo `source`.
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
    /// 网页应用 › 移动端首页地址: `homepageLink` in `/v1.0/microApp/app/detail` (SDK-new
    /// `ListAppByClientIdResponseBody`, DOCS 0865). Absent = left out of the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage_link: Option<String>,
    /// 网页应用 › PC端首页地址: `pcHomepageLink`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pc_homepage_link: Option<String>,
    /// 网页应用 › 管理后台地址: `ompLink`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omp_link: Option<String>,
    /// How the Stream gateway (`/v1.0/gateway/connections/open`) answers this app's valid
    /// credentials (default `ok`: an endpoint and a ticket).
    #[serde(default, skip_serializing_if = "StreamGateway::is_ok")]
    pub stream_gateway: StreamGateway,
}

/// The Stream gateway's answer to an app's valid credentials.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StreamGateway {
    /// 200 `{"endpoint":"wss://…/connect","ticket":"…"}`.
    #[default]
    Ok,
    /// 400 `systemError` 系统错误, as observed with no reason given.
    SystemError,
}

impl StreamGateway {
    pub fn is_ok(&self) -> bool {
        *self == StreamGateway::Ok
    }
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
    /// Members of these roles (`org.roles`). `/v1.0/microApp/apps/{agentId}/scopes` lists them as
    /// `roleIds` (DOCS 0872); the old `/microapp/visible_scopes` has no field for them (DOCS 1606).
    #[serde(default)]
    pub role_ids: Vec<i64>,
    /// Visible range only: "仅限管理员可见" (`isHidden` in `/microapp/visible_scopes`,
    /// `onlyAdminVisible` in the v1.0 API).
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
    /// Or a unionId: of an org user, of an `org.external_contacts` entry, or of someone NOT
    /// known to the org at all (cross-org login test).
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
    /// Permission point `getsimplegroups` demands. Default `qyapi_base`, granted to every app
    /// (DOCS 0179).
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

fn yes() -> bool {
    true
}

fn default_attendance_scope() -> String {
    "qyapi_base".to_owned()
}
