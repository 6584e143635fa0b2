//! The contact directory: the departments and staff the token can read, and how many people the
//! app reaches (its visible range against the contact range and the whole organisation).

use super::{credentials, Blocked, Ctx};
use crate::checks::outcome::{diagnose, Outcome};
use crate::checks::CheckStatus;
use crate::diagnosis::{links, Diagnosis, DiagnosisCode};
use crate::i18n::Text;
use dingtalk::api::AuthScopes;
use dingtalk::{ApiError, Exchange};
use serde_json::json;

impl Ctx {
    pub(super) async fn departments(&self) -> (Outcome, Vec<Exchange>) {
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
            Err(Blocked::Api(e)) => {
                self.dependent_failure(&e, "scope.qyapi_get_department_list")
                    .await
            }
            Err(b) => self.blocked(&b),
        };
        (o, f.trace)
    }

    pub(super) async fn users(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.count.clone().await;
        let o = match f.result {
            Ok(n) => Outcome::ok(
                format!("企业共有 {n} 名员工"),
                format!("The organisation has {n} staff"),
            )
            .with("count", n),
            Err(Blocked::Api(e)) => self.dependent_failure(&e, "scope.qyapi_get_member").await,
            Err(b) => self.blocked(&b),
        };
        (o, f.trace)
    }

    /// A missing permission is reported once, by its `scope.*` check; here it only skips.
    async fn dependent_failure(&self, e: &ApiError, scope_check: &str) -> Outcome {
        match diagnose(e).code {
            DiagnosisCode::MissingScope => self.blocked(&Blocked::Upstream(scope_check.into())),
            DiagnosisCode::OutOfRange => self.error(e).await.status(CheckStatus::Warn),
            _ => self.error(e).await,
        }
    }

    /// Who the app reaches, as far as DingTalk lets an app see it: the visible range (who can open
    /// the app, seed 001) needs `qyapi_microapp_manage`, which a healthy new app usually lacks, so
    /// without it the admin is told where to look; the contact range (通讯录权限范围, what the
    /// platform can read and sync) comes from `/auth/scopes`, which every app may call.
    pub(super) async fn visible_range(&self) -> (Outcome, Vec<Exchange>) {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let agent = match self.agent() {
            Ok(a) => a,
            Err(o) => return (o, Vec::new()),
        };
        let c = self.client();
        // The visible range, the contact range and the staff count are independent: one round trip.
        let mut trace = Vec::new();
        let (visible, count, scopes) = tokio::join!(
            c.app_scopes(&mut trace, agent),
            self.count.clone(),
            self.scopes.clone()
        );
        let total = count.result.ok();
        let contact = scopes.result.ok();
        let visible = match visible {
            Ok(v) => v,
            Err(e) if credentials::is_transport(&e) => return (self.error(&e).await, trace),
            Err(e) => {
                let d = self.diagnose(&e);
                return match d.code {
                    DiagnosisCode::IpNotWhitelisted => (self.error(&e).await, trace),
                    DiagnosisCode::BadAgentId => (
                        self.blocked(&Blocked::Upstream("app.agent_id".into())),
                        trace,
                    ),
                    _ => (unreadable(d, contact.as_ref(), total), trace),
                };
            }
        };
        if visible.only_admin_visible {
            return (
                Outcome::new(
                    CheckStatus::Warn,
                    Text::new(
                        "应用设置为「仅限管理员可见」：普通员工在工作台看不到它，也不会被同步到平台。请在 左侧菜单 › 应用发布 › 版本管理与发布 中把可见范围改为全部员工或需要的部门。",
                        "The app is set to “admins only”: staff do not see it in the workbench and are not synced. Set the visible range to all staff or the departments needed under left menu › 应用发布 › 版本管理与发布 (App release › Versions).",
                    ),
                )
                .with("only_admin_visible", true),
                trace,
            );
        }
        // UNCONFIRMED: whether an all-staff range reads as the root department or as empty lists;
        // both are taken as everyone (docs/dingtalk/endpoints.md).
        let everyone = visible.dept_ids.contains(&1)
            || visible.dept_ids.is_empty()
                && visible.userids.is_empty()
                && visible.role_ids.is_empty();
        let reach = if everyone {
            total
        } else if !visible.role_ids.is_empty() {
            // Role membership is not readable with these permissions: no count is better than a
            // wrong one.
            None
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
                    format!("应用对全员可见：{n} 人都能使用"),
                    format!("Visible to all staff: all {n} people can use it"),
                ),
                None => Outcome::ok(
                    "应用对全员可见：全员都能使用",
                    "Visible to all staff: everyone can use it",
                ),
            }
        } else {
            let roles = visible.role_ids.len();
            let (roles_zh, roles_en) = if roles > 0 {
                (
                    format!("（含 {roles} 个角色，角色里的人数无法自动统计）"),
                    format!(
                        " (including {roles} roles, whose members cannot be counted automatically)"
                    ),
                )
            } else {
                Default::default()
            };
            Outcome::new(
                CheckStatus::Warn,
                Text::new(
                    format!("应用只对部分人可见：约 {reach_text} / {total_text} 人能使用{roles_zh}。只有能使用的人才能登录平台；要让全员使用，请在 左侧菜单 › 应用发布 › 版本管理与发布 中把可见范围改为全部员工。"),
                    format!("Visible to part of the organisation: about {reach_text} of {total_text} people can use it{roles_en}. Only they can sign in to the platform; to open it to everyone, set the visible range to all staff under left menu › 应用发布 › 版本管理与发布 (App release › Versions)."),
                ),
            )
            .with("visible_dept_ids", visible.dept_ids.clone())
            .with("visible_userids", visible.userids.clone())
            .with("visible_role_ids", visible.role_ids.clone())
        };
        o.fix_url = Some(links::CONSOLE_APPS.into());
        o = with_contact_range(o, contact.as_ref());
        (
            o.with("reach", json!(reach)).with("count", json!(total)),
            trace,
        )
    }
}

/// The visible range could not be read (no `qyapi_microapp_manage`, or an answer not understood):
/// a person checks it in the console; what the contact range says is still reported.
fn unreadable(d: Diagnosis, contact: Option<&AuthScopes>, total: Option<i64>) -> Outcome {
    let permission = d.code == DiagnosisCode::MissingScope;
    let (why_zh, why_en) = if permission {
        (
            "读取可见范围需要「管理微应用的权限」（qyapi_microapp_manage），这个应用没有开通——平台不需要它，不必为此申请。",
            "Reading the visible range needs the permission qyapi_microapp_manage, which this app does not hold; the platform does not need it, so there is no need to apply for it.",
        )
    } else {
        (
            "钉钉没有给出可见范围。",
            "DingTalk did not give the visible range.",
        )
    };
    let mut o = Outcome::manual(
        format!("{why_zh}请到开发者后台 › 这个应用 › 左侧菜单 › 应用发布 › 版本管理与发布，确认「应用可见范围」是全部员工（或你希望能使用平台的部门和人员）。"),
        format!("{why_en} In the developer console open this app › left menu › 应用发布 › 版本管理与发布 (App release › Versions) and make sure the visible range (应用可见范围) is all staff, or the departments and people who should use the platform."),
    );
    o.fix_url = Some(links::CONSOLE_APPS.into());
    if !permission {
        o.original = d.original;
        o = o.with("diagnosis", d.code.as_str());
    }
    with_contact_range(o, contact).with("count", json!(total))
}

/// Adds what `/auth/scopes` says about the contact range (通讯录权限范围): a range short of the
/// whole organisation means the platform cannot read, and so cannot sync, everyone.
fn with_contact_range(mut o: Outcome, contact: Option<&AuthScopes>) -> Outcome {
    let Some(s) = contact else { return o };
    let all = s.authed_dept.contains(&1);
    o = o.with("contact_range_all", all);
    if all {
        o.message
            .zh
            .push_str("通讯录权限范围是全部员工：平台可以读取并同步全员。");
        o.message
            .en
            .push_str(" The contact range is all staff: the platform can read and sync everyone.");
        return o;
    }
    if matches!(o.status, CheckStatus::Ok | CheckStatus::Manual) {
        o.status = CheckStatus::Warn;
    }
    o = o
        .with("contact_range_dept_ids", s.authed_dept.clone())
        .with("contact_range_userids", s.authed_user.clone());
    o.fix = Some(Text::new(
        "通讯录权限范围不是全部员工，平台只能读取并同步范围内的人：在 左侧菜单 › 开发配置 › 权限管理 › 通讯录权限范围 中选择全部员工（或平台需要的部门）。",
        "The contact range is not all staff, so the platform can only read and sync the people in it: choose all staff (or the departments the platform needs) under left menu › 开发配置 › 权限管理 › 通讯录权限范围 (Dev config › Permissions › Contact range).",
    ));
    o
}
