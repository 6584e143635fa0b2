//! The contact directory: the departments and staff the token can read, and how many people the
//! app reaches (its visible range against the contact range and the whole organisation).

use super::{Blocked, Ctx};
use crate::checks::outcome::{diagnose, Outcome};
use crate::checks::CheckStatus;
use crate::diagnosis::DiagnosisCode;
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
            Err(Blocked::Api(e)) => self.dependent_failure(&e, "scope.qyapi_get_department_list"),
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
}
