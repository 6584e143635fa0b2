//! The DingTalk checks. Calls several checks need (the token, the staff count, the department list,
//! one page of members) are shared futures: made once, awaited by every check that needs them, so a
//! check starts the moment its input is ready and nothing is asked of DingTalk twice.

use super::network;
use super::outcome::{diagnose, Outcome};
use super::plan::{PlannedCheck, TOKEN};
use super::{CheckInput, CheckStatus};
use crate::diagnosis::{DiagnosisCode, DiagnosisData};
use crate::field::Field;
use dingtalk::api::{Department, UserPage};
use dingtalk::{ApiError, Credentials, DingTalk, Exchange};
use futures::future::{BoxFuture, FutureExt, Shared};
use serde_json::json;
use std::sync::Arc;

/// The unionId the todo probes name. DingTalk's gateway checks the token's permission before the
/// todo service looks at the user (that is where `accessdenieddetail.requiredScopes` comes from),
/// so a probe needs no real person, and waiting for one would add a round trip. UNCONFIRMED
/// against production: a granted permission answers a parameter error either way.
const TODO_PROBE_UNION_ID: &str = "dingbindPermissionProbe";

/// A shared call's result with the exchanges it made.
#[derive(Clone)]
pub struct Fetched<T: Clone> {
    pub result: Result<T, Blocked>,
    pub trace: Vec<Exchange>,
}

/// Why a shared call did not happen or failed.
#[derive(Clone, Debug)]
pub enum Blocked {
    /// Values not entered yet.
    Missing(Vec<Field>),
    /// A check it depends on failed.
    Upstream(String),
    Api(ApiError),
}

type Shared_<T> = Shared<BoxFuture<'static, Fetched<T>>>;

pub struct Ctx {
    pub input: CheckInput,
    pub practice: Option<String>,
    pub http: reqwest::Client,
    client: Option<Arc<DingTalk>>,
    token: Shared_<()>,
    count: Shared_<i64>,
    depts: Shared_<Vec<Department>>,
    members: Shared_<UserPage>,
}

fn shared<T: Clone + Send + Sync + 'static>(
    f: impl std::future::Future<Output = Fetched<T>> + Send + 'static,
) -> Shared_<T> {
    f.boxed().shared()
}

/// Runs `call` once the token is there; otherwise reports why not.
fn after_token<T, F, Fut>(client: Option<Arc<DingTalk>>, token: Shared_<()>, call: F) -> Shared_<T>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce(Arc<DingTalk>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = (Result<T, ApiError>, Vec<Exchange>)> + Send,
{
    shared(async move {
        match (token.await.result, client) {
            (Ok(()), Some(c)) => {
                let (r, trace) = call(c).await;
                Fetched {
                    result: r.map_err(Blocked::Api),
                    trace,
                }
            }
            (Err(Blocked::Missing(m)), _) => Fetched {
                result: Err(Blocked::Missing(m)),
                trace: Vec::new(),
            },
            _ => Fetched {
                result: Err(Blocked::Upstream(TOKEN.into())),
                trace: Vec::new(),
            },
        }
    })
}

/// Runs one client call with a fresh trace: `traced!(|t| client.call(&mut t, ..))`.
macro_rules! traced {
    (|$t:ident| $call:expr) => {{
        let mut $t = Vec::new();
        let r = $call.await;
        (r, $t)
    }};
}

// `Err(Outcome)` is a check's final answer, produced once per check: its size costs nothing.
#[allow(clippy::result_large_err)]
impl Ctx {
    pub fn new(input: CheckInput, practice: Option<String>) -> Result<Self, ApiError> {
        let http = dingtalk::shared_client(input.dingtalk.extra_ca_file.as_deref())?;
        let mut missing = Vec::new();
        if input.value(Field::ClientId).is_none() {
            missing.push(Field::ClientId);
        }
        if input.secret(Field::ClientSecret).is_none() {
            missing.push(Field::ClientSecret);
        }
        let client = if missing.is_empty() {
            let creds = Credentials {
                client_id: input.value(Field::ClientId).unwrap_or_default().to_string(),
                client_secret: input
                    .secret(Field::ClientSecret)
                    .unwrap_or_default()
                    .to_string(),
            };
            Some(Arc::new(DingTalk::new(input.dingtalk.clone(), creds)?))
        } else {
            None
        };
        let c = client.clone();
        let token: Shared_<()> = shared(async move {
            match c {
                None => Fetched {
                    result: Err(Blocked::Missing(missing)),
                    trace: Vec::new(),
                },
                Some(c) => {
                    let (r, trace) = traced!(|t| c.access_token(&mut t));
                    Fetched {
                        result: r.map(|_| ()).map_err(Blocked::Api),
                        trace,
                    }
                }
            }
        });
        let count = after_token(client.clone(), token.clone(), |c| async move {
            traced!(|t| c.user_count(&mut t))
        });
        let depts = after_token(client.clone(), token.clone(), |c| async move {
            traced!(|t| c.department_listsub(&mut t, 1))
        });
        let members = after_token(client.clone(), token.clone(), |c| async move {
            traced!(|t| c.user_list(&mut t, 1, 0, 10))
        });
        Ok(Self {
            input,
            practice,
            http,
            client,
            token,
            count,
            depts,
            members,
        })
    }

    fn client(&self) -> Arc<DingTalk> {
        self.client.clone().expect("awaited the token first")
    }

    /// The outcome for a check whose shared input was blocked.
    fn blocked(&self, b: &Blocked) -> Outcome {
        match b {
            Blocked::Missing(fields) => Outcome::missing(fields),
            Blocked::Upstream(id) => Outcome::skipped(
                vec![id.clone()],
                format!("“{id}”未通过，暂不检查"),
                format!("Not checked: “{id}” did not pass"),
            ),
            Blocked::Api(e) => Outcome::error(e),
        }
    }

    /// Awaits the token; `Err` is this check's outcome when it is not there.
    async fn token(&self) -> Result<(), Outcome> {
        match self.token.clone().await.result {
            Ok(()) => Ok(()),
            Err(Blocked::Api(e)) if diagnose(&e).code == DiagnosisCode::IpNotWhitelisted => {
                Err(self.blocked(&Blocked::Upstream("network.ip_whitelist".into())))
            }
            Err(Blocked::Api(_)) => Err(self.blocked(&Blocked::Upstream(TOKEN.into()))),
            Err(b) => Err(self.blocked(&b)),
        }
    }

    pub async fn run(&self, check: &PlannedCheck) -> (Outcome, Vec<Exchange>) {
        let id = check.id.as_str();
        if let Some(scope) = id.strip_prefix("scope.") {
            return self.scope(scope).await;
        }
        if let Some(name) = id.strip_prefix("url.") {
            return self.url(name).await;
        }
        match id {
            "domain.dns" | "domain.tls" => (self.domain(id).await, Vec::new()),
            "clock.skew" => network::clock(&self.http, &self.input.dingtalk.endpoints.oapi).await,
            TOKEN => self.credentials().await,
            "network.ip_whitelist" => self.whitelist().await,
            "credentials.corp_id" => self.corp_id().await,
            "app.agent_id" => self.agent_id().await,
            "contact.departments" => self.departments().await,
            "contact.users" => self.users().await,
            "contact.visible_range" => self.visible_range().await,
            "message.send" => self.message().await,
            "sso.token" => self.sso().await,
            "attendance.groups" => self.attendance().await,
            "event.check_url" => self.event_callback().await,
            other => (
                Outcome::manual(
                    format!("没有“{other}”的自动检查"),
                    format!("No automatic check for “{other}”"),
                ),
                Vec::new(),
            ),
        }
    }

    fn practice_skip(&self) -> Option<Outcome> {
        self.practice.as_ref().map(|s| {
            Outcome::skipped(
                Vec::new(),
                format!("练习模式（场景 {s}）不连接你的平台"),
                format!("Practice mode (scenario {s}) does not contact your platform"),
            )
            .with("practice", true)
        })
    }

    async fn domain(&self, id: &str) -> Outcome {
        if let Some(o) = self.practice_skip() {
            return o;
        }
        let Some(domain) = self.input.value(Field::Domain) else {
            return Outcome::missing(&[Field::Domain]);
        };
        if id == "domain.dns" {
            return network::dns(domain).await;
        }
        match network::dns(domain).await.status {
            CheckStatus::Ok => {
                network::tls(domain, self.input.dingtalk.extra_ca_file.clone()).await
            }
            _ => self.blocked(&Blocked::Upstream("domain.dns".into())),
        }
    }

    async fn url(&self, name: &str) -> (Outcome, Vec<Exchange>) {
        if let Some(o) = self.practice_skip() {
            return (o, Vec::new());
        }
        let Some(url) = self.input.urls.get(name) else {
            return (Outcome::missing(&[Field::Domain]), Vec::new());
        };
        network::url(&self.http, url, self.input.value(Field::CorpId)).await
    }

    async fn credentials(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.token.clone().await;
        let outcome = match &f.result {
            Ok(()) => Outcome::ok(
                "Client ID 和 Client Secret 有效，已取得 access_token",
                "Client ID and Client Secret work: got an access_token",
            ),
            Err(Blocked::Api(e)) if diagnose(e).code == DiagnosisCode::IpNotWhitelisted => {
                self.blocked(&Blocked::Upstream("network.ip_whitelist".into()))
            }
            Err(b) => self.blocked(b),
        };
        (outcome, f.trace)
    }

    async fn whitelist(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.token.clone().await;
        let outcome = match &f.result {
            Ok(()) => Outcome::ok(
                "钉钉接受了本机的请求。注意：这里检查的是运行向导这台电脑的出口IP；平台服务器的出口IP请在服务器上运行 dingbind check 验证。",
                "DingTalk accepted requests from this machine. Note: this proves this computer's egress IP; run `dingbind check` on the platform's server to prove the server's.",
            ),
            Err(Blocked::Api(e)) if diagnose(e).code == DiagnosisCode::IpNotWhitelisted => Outcome::error(e),
            Err(b @ Blocked::Missing(_)) => self.blocked(b),
            Err(_) => self.blocked(&Blocked::Upstream(TOKEN.into())),
        };
        (outcome, f.trace)
    }

    /// A check that is one call once the token is there: `ok` when it answers, its diagnosis when not.
    async fn one_call<T, F, Fut>(&self, call: F, ok: Outcome) -> (Outcome, Vec<Exchange>)
    where
        F: FnOnce(Arc<DingTalk>) -> Fut,
        Fut: std::future::Future<Output = (Result<T, ApiError>, Vec<Exchange>)>,
    {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let (r, t) = call(self.client()).await;
        (r.map_or_else(|e| Outcome::error(&e), |_| ok), t)
    }

    async fn corp_id(&self) -> (Outcome, Vec<Exchange>) {
        let Some(corp_id) = self.input.value(Field::CorpId) else {
            return (Outcome::missing(&[Field::CorpId]), Vec::new());
        };
        let ok = Outcome::ok(
            format!("CorpId {corp_id} 与这个应用匹配"),
            format!("CorpId {corp_id} matches this app"),
        );
        self.one_call(
            |c| async move { traced!(|t| c.corp_token(&mut t, corp_id)) },
            ok,
        )
        .await
    }

    fn agent(&self) -> Result<i64, Outcome> {
        self.input
            .value(Field::AgentId)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| Outcome::missing(&[Field::AgentId]))
    }

    async fn agent_id(&self) -> (Outcome, Vec<Exchange>) {
        let agent = match self.agent() {
            Ok(a) => a,
            Err(o) => return (o, Vec::new()),
        };
        let ok = Outcome::ok(
            format!("AgentId {agent} 属于这个应用"),
            format!("AgentId {agent} belongs to this app"),
        );
        self.one_call(
            |c| async move { traced!(|t| c.visible_scopes(&mut t, agent)) },
            ok,
        )
        .await
    }

    /// A permission probe: a read, or a deliberately invalid write that DingTalk answers with a
    /// parameter error when the permission is granted.
    async fn scope(&self, code: &str) -> (Outcome, Vec<Exchange>) {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let granted = |what_zh: &str, what_en: &str| {
            Outcome::ok(format!("已开通：{what_zh}"), format!("Granted: {what_en}"))
        };
        let (result, trace): (Result<Outcome, ApiError>, Vec<Exchange>) = match code {
            "qyapi_get_member" => {
                let f = self.count.clone().await;
                (lift(f.result).map(|n| granted(&format!("可读取员工人数（{n}）"), &format!("staff count readable ({n})"))), f.trace)
            }
            "qyapi_get_department_list" => {
                let f = self.depts.clone().await;
                (lift(f.result).map(|_| granted("可读取部门", "departments readable")), f.trace)
            }
            "qyapi_get_department_member" => {
                let f = self.members.clone().await;
                (lift(f.result).map(|_| granted("可读取部门成员", "department members readable")), f.trace)
            }
            "Todo.Todo.Write" | "Todo.Todo.Read" => {
                let c = self.client();
                if code == "Todo.Todo.Write" {
                    let (r, t) = traced!(|t| c.probe_todo_write(&mut t, TODO_PROBE_UNION_ID));
                    (r.map(|()| granted("待办写权限（探测未创建任何待办）", "todo write (the probe created nothing)")), t)
                } else {
                    let (r, t) = traced!(|t| c.probe_todo_read(&mut t, TODO_PROBE_UNION_ID));
                    (r.map(|()| granted("待办读权限", "todo read")), t)
                }
            }
            "Contact.User.Read" | "Contact.User.mobile" => {
                return (
                    Outcome::manual(
                        format!("{code} 只能在用户登录时验证：请用“扫码登录测试”确认，或在 权限管理 中确认已开通。"),
                        format!("{code} can only be proved by a user login: use the scan-login test, or confirm it is enabled in Permission management."),
                    )
                    .with("required_scopes", vec![code.to_string()]),
                    Vec::new(),
                )
            }
            other => {
                return (
                    Outcome::manual(
                        format!("没有自动探测 {other} 的方法：请在 开发配置 › 权限管理 中确认已开通。"),
                        format!("No automatic probe for {other}: confirm in Dev config › Permission management that it is enabled."),
                    )
                    .with("required_scopes", vec![other.to_string()]),
                    Vec::new(),
                )
            }
        };
        let outcome = match result {
            Ok(o) => o,
            Err(e) => scope_failure(&e, code),
        };
        (outcome, trace)
    }

    async fn departments(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.depts.clone().await;
        let o = match f.result {
            Ok(depts) => {
                let names: Vec<String> = depts.iter().take(10).map(|d| d.name.clone()).collect();
                Outcome::ok(
                    format!("可以读取 {} 个一级部门：{}", depts.len(), names.join("、")),
                    format!(
                        "{} top-level departments readable: {}",
                        depts.len(),
                        names.join(", ")
                    ),
                )
                .with("count", depts.len())
                .with("names", names)
            }
            Err(Blocked::Api(e)) => self.dependent_failure(&e, "scope.qyapi_get_department_list"),
            Err(b) => self.blocked(&b),
        };
        (o, f.trace)
    }

    async fn users(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.count.clone().await;
        let o = match f.result {
            Ok(n) => Outcome::ok(
                format!("企业共有 {n} 名员工"),
                format!("The organisation has {n} staff"),
            )
            .with("count", n),
            Err(Blocked::Api(e)) => self.dependent_failure(&e, "scope.qyapi_get_member"),
            Err(b) => self.blocked(&b),
        };
        (o, f.trace)
    }

    /// A missing permission is reported once, by its `scope.*` check; here it only skips.
    fn dependent_failure(&self, e: &ApiError, scope_check: &str) -> Outcome {
        match diagnose(e).code {
            DiagnosisCode::MissingScope => self.blocked(&Blocked::Upstream(scope_check.into())),
            DiagnosisCode::OutOfRange => Outcome::error(e).status(CheckStatus::Warn),
            _ => Outcome::error(e),
        }
    }

    /// How many people the app reaches: its visible range (who sees it and gets synced, seed 001)
    /// against the whole organisation, and the contact range (通讯录授权范围) the token may read.
    async fn visible_range(&self) -> (Outcome, Vec<Exchange>) {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let agent = match self.agent() {
            Ok(a) => a,
            Err(o) => return (o, Vec::new()),
        };
        let c = self.client();
        // The visible range, the contact range and the staff count are independent: one round trip.
        let (mut trace, mut scope_trace) = (Vec::new(), Vec::new());
        let (visible, count, scopes) = tokio::join!(
            c.visible_scopes(&mut trace, agent),
            self.count.clone(),
            c.auth_scopes(&mut scope_trace)
        );
        trace.extend(scope_trace);
        let visible = match visible {
            Ok(v) => v,
            Err(e) if diagnose(&e).code == DiagnosisCode::BadAgentId => {
                return (
                    self.blocked(&Blocked::Upstream("app.agent_id".into())),
                    trace,
                )
            }
            Err(e) => return (Outcome::error(&e), trace),
        };
        let total = count.result.ok();
        let scopes = scopes.ok();
        let contact_all = scopes.as_ref().is_some_and(|s| s.authed_dept.contains(&1));
        if visible.is_hidden {
            return (
                Outcome::new(
                    CheckStatus::Warn,
                    crate::Text::new(
                        "应用已被隐藏，员工在工作台看不到它",
                        "The app is hidden: staff do not see it in the workbench",
                    ),
                )
                .with("hidden", true),
                trace,
            );
        }
        let everyone = visible.dept_ids.is_empty() && visible.userids.is_empty()
            || visible.dept_ids.contains(&1);
        let reach = if everyone {
            total
        } else {
            let lookups = visible.dept_ids.iter().map(|d| {
                let c = c.clone();
                async move {
                    let mut t = Vec::new();
                    (c.department_get(&mut t, *d).await, t)
                }
            });
            let mut n = visible.userids.len() as i64;
            for (dept, t) in futures::future::join_all(lookups).await {
                trace.extend(t);
                n += dept.map(|d| d.member_count.unwrap_or(0)).unwrap_or(0);
            }
            Some(n)
        };
        let total_text = total.map_or_else(|| "?".to_string(), |t| t.to_string());
        let reach_text = reach.map_or_else(|| "?".to_string(), |r| r.to_string());
        let mut o = if everyone {
            match total {
                Some(n) => Outcome::ok(
                    format!("应用对全员可见：{n} 人都能使用，并会被同步到平台"),
                    format!("Visible to all staff: all {n} people can use it and get synced"),
                ),
                None => Outcome::ok(
                    "应用对全员可见：全员都能使用，并会被同步到平台",
                    "Visible to all staff: everyone can use it and gets synced",
                ),
            }
        } else {
            Outcome::new(
                CheckStatus::Warn,
                crate::Text::new(
                    format!("应用只对部分人可见：约 {reach_text} / {total_text} 人能使用，只有他们会被同步到平台。要同步全员，请在 版本管理与发布 中把可见范围改为全部员工。"),
                    format!("Visible to part of the organisation: about {reach_text} of {total_text} people can use it, and only they get synced. To sync everyone, set the visible range to all staff under Version management and release."),
                ),
            )
            .with("visible_dept_ids", visible.dept_ids.clone())
            .with("visible_userids", visible.userids.clone())
        };
        o.fix_url = Some("https://open-dev.dingtalk.com/fe/app#/corp/app".into());
        if let (Some(s), false) = (&scopes, contact_all) {
            o = o
                .status(CheckStatus::Warn)
                .with("contact_range_dept_ids", s.authed_dept.clone());
            o.fix = Some(crate::Text::new(
                "通讯录授权范围不含根部门：在 开发配置 › 权限管理 › 通讯录权限 › 授权范围 中选择全部员工。",
                "The contact range does not include the root department: choose all staff under Dev config › Permission management › Contact permissions › Authorised range.",
            ));
        }
        (
            o.with("reach", json!(reach)).with("count", json!(total)),
            trace,
        )
    }

    async fn message(&self) -> (Outcome, Vec<Exchange>) {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let agent = match self.agent() {
            Ok(a) => a,
            Err(o) => return (o, Vec::new()),
        };
        let Some(userid) = self
            .input
            .options
            .message_userid
            .clone()
            .filter(|u| !u.trim().is_empty())
        else {
            return (
                Outcome::skipped(Vec::new(), "没有填写接收人", "No recipient given"),
                Vec::new(),
            );
        };
        let c = self.client();
        let mut trace = Vec::new();
        // Identical content to the same person is dropped silently once a day (143106): stamp it.
        let stamp = crate::store::now();
        let text = format!("【钉钉绑定向导】测试消息 / Dingbind test message · {stamp}");
        let task = match c
            .send_text(&mut trace, agent, &[userid.as_str()], &text)
            .await
        {
            Ok(t) => t,
            Err(e) => return (Outcome::error(&e), trace),
        };
        let mut last = None;
        for _ in 0..4 {
            match c.send_result(&mut trace, agent, task).await {
                Ok(r) => {
                    let settled = [
                        &r.read_user_id_list,
                        &r.unread_user_id_list,
                        &r.invalid_user_id_list,
                        &r.forbidden_user_id_list,
                        &r.failed_user_id_list,
                    ]
                    .iter()
                    .any(|l| l.contains(&userid))
                        || !r.forbidden_list.is_empty();
                    last = Some(r);
                    if settled {
                        break;
                    }
                }
                Err(e) => return (Outcome::error(&e), trace),
            }
            tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        }
        let r = last.unwrap_or_default();
        let o = if r.read_user_id_list.contains(&userid) {
            Outcome::ok(
                format!("{userid} 已收到并已读测试消息"),
                format!("{userid} received and read the test message"),
            )
        } else if r.unread_user_id_list.contains(&userid) {
            Outcome::ok(
                format!("{userid} 已收到测试消息（未读）"),
                format!("{userid} received the test message (unread)"),
            )
        } else if r.invalid_user_id_list.contains(&userid) {
            Outcome::of(
                CheckStatus::Fail,
                DiagnosisCode::UserNotInOrg,
                Default::default(),
            )
        } else if r.forbidden_user_id_list.contains(&userid) || !r.forbidden_list.is_empty() {
            let codes: Vec<String> = r.forbidden_list.iter().map(|f| f.code.clone()).collect();
            let mut o = Outcome::of(
                CheckStatus::Warn,
                DiagnosisCode::MessageThrottled,
                Default::default(),
            );
            o.original = Some(codes.join(", "));
            o
        } else {
            Outcome::new(
                CheckStatus::Warn,
                crate::Text::new(
                    "消息已提交，但暂未查到送达结果",
                    "Sent, but no delivery result yet",
                ),
            )
        };
        (o.with("task_id", task).with("userid", userid), trace)
    }

    async fn sso(&self) -> (Outcome, Vec<Exchange>) {
        let mut missing = Vec::new();
        if self.input.value(Field::CorpId).is_none() {
            missing.push(Field::CorpId);
        }
        if self.input.secret(Field::SsoSecret).is_none() {
            missing.push(Field::SsoSecret);
        }
        if !missing.is_empty() {
            return (Outcome::missing(&missing), Vec::new());
        }
        // SSO needs no app credentials, only the org's CorpId and SSOsecret.
        let creds = Credentials {
            client_id: String::new(),
            client_secret: String::new(),
        };
        let c = match DingTalk::new(self.input.dingtalk.clone(), creds) {
            Ok(c) => c,
            Err(e) => return (Outcome::error(&e), Vec::new()),
        };
        let corp = self.input.value(Field::CorpId).unwrap_or_default();
        let secret = self
            .input
            .secret(Field::SsoSecret)
            .unwrap_or_default()
            .to_string();
        let (r, t) = traced!(|t| c.sso_token(&mut t, corp, &secret));
        let o = match r {
            Ok(_) => Outcome::ok(
                "SSOsecret 有效（管理后台免登可用）",
                "The SSOsecret works (admin-console login)",
            ),
            Err(e) => {
                let mut o = Outcome::error(&e);
                if o.code == Some(DiagnosisCode::BadCredentials) {
                    // The shared text speaks of Client ID + Secret; here the pair is CorpId + SSOsecret.
                    o.message = crate::Text::new(
                        "钉钉不认这个 SSOsecret：它填错了、复制不完整，或与这个 CorpId 不属于同一企业。",
                        "DingTalk rejects this SSOsecret: it is wrong, copied incompletely, or belongs to another organisation than this CorpId.",
                    );
                    o.fix = Some(crate::Text::new(
                        "重新复制 SSOsecret：开发者后台 › 基本信息 › 开发信息（旧版），点击“查看”。它属于整个企业，不是 Client Secret。",
                        "Copy the SSOsecret again: developer console › Basic info › Developer info (old), click “view”. It belongs to the organisation; it is not the Client Secret.",
                    ));
                    o.fix_url = Some("https://open-dev.dingtalk.com/fe/old#/corpAuthInfo".into());
                }
                o
            }
        };
        (o, t)
    }

    /// What DingTalk does when the admin saves the event subscription: an encrypted `check_url`
    /// event to the platform, which must answer the encrypted "success".
    async fn event_callback(&self) -> (Outcome, Vec<Exchange>) {
        if let Some(o) = self.practice_skip() {
            return (o, Vec::new());
        }
        let missing: Vec<Field> = [Field::ClientId, Field::EventToken, Field::AesKey]
            .into_iter()
            .filter(|f| {
                if f.is_secret() {
                    self.input.secret(*f).is_none()
                } else {
                    self.input.value(*f).is_none()
                }
            })
            .collect();
        let url = self.input.urls.get(super::plan::EVENT_URL);
        match (missing.is_empty(), url) {
            (true, Some(url)) => {
                super::callback::check_url(
                    &self.http,
                    url,
                    self.input.secret(Field::EventToken).unwrap_or_default(),
                    self.input.secret(Field::AesKey).unwrap_or_default(),
                    self.input.value(Field::ClientId).unwrap_or_default(),
                )
                .await
            }
            (true, None) => (Outcome::missing(&[Field::Domain]), Vec::new()),
            (false, _) => (Outcome::missing(&missing), Vec::new()),
        }
    }

    async fn attendance(&self) -> (Outcome, Vec<Exchange>) {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let c = self.client();
        let (r, t) = traced!(|t| c.attendance_groups(&mut t));
        let o = match r {
            Ok(groups) => Outcome::ok(
                format!("可以读取 {} 个考勤组", groups.len()),
                format!("{} attendance groups readable", groups.len()),
            )
            .with("count", groups.len()),
            Err(e) => Outcome::error(&e),
        };
        (o, t)
    }
}

/// A shared call's blocked state as an API error for the scope probes (they run after the token).
fn lift<T>(r: Result<T, Blocked>) -> Result<T, ApiError> {
    r.map_err(|b| match b {
        Blocked::Api(e) => e,
        Blocked::Missing(_) | Blocked::Upstream(_) => ApiError::Cancelled,
    })
}

/// A failed permission probe: a missing permission is named (the old family's 60011 does not say
/// which, but the probe knows), an out-of-range answer means granted-but-narrow.
fn scope_failure(e: &ApiError, code: &str) -> Outcome {
    let d = diagnose(e);
    match d.code {
        DiagnosisCode::MissingScope if d.data.required_scopes.is_empty() => {
            let data = DiagnosisData {
                required_scopes: vec![code.to_string()],
                ..d.data.clone()
            };
            Outcome::diagnosed(CheckStatus::Fail, d.with_data(data))
        }
        DiagnosisCode::OutOfRange => Outcome::diagnosed(CheckStatus::Warn, d),
        _ => Outcome::diagnosed(CheckStatus::Fail, d),
    }
}
