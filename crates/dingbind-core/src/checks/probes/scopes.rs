//! The permission probes (`scope.*`): a read the platform will make, or a deliberately incomplete
//! write that cannot create anything. Each answer is read for what it proves: a refusal naming the
//! permission proves it missing, an answer from the service behind DingTalk's gateway proves it
//! granted, and anything else is left to a person, with DingTalk's words.

use super::{Blocked, Ctx};
use crate::checks::outcome::Outcome;
use crate::checks::CheckStatus;
use crate::diagnosis::{links, DiagnosisCode};
use dingtalk::{ApiError, Exchange};

/// The unionId the todo probes name: no real person, so nothing can happen to anyone, and waiting
/// for a real one would add a round trip.
const TODO_PROBE_UNION_ID: &str = "dingbindPermissionProbe";

impl Ctx {
    pub(super) async fn scope(&self, code: &str) -> (Outcome, Vec<Exchange>) {
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
            "Todo.Todo.Write" => {
                let c = self.client();
                let (r, t) = traced!(|t| c.todo_create_empty(&mut t, TODO_PROBE_UNION_ID));
                return (self.todo(code, r, "待办写权限（探测未创建任何待办）", "todo write (the probe created nothing)").await, t);
            }
            "Todo.Todo.Read" => {
                let c = self.client();
                let (r, t) = traced!(|t| c.todo_query(&mut t, TODO_PROBE_UNION_ID));
                return (self.todo(code, r, "待办读权限", "todo read").await, t);
            }
            "Contact.User.Read" if self.input.login_passed_at.is_some() => {
                let at = self.input.login_passed_at.as_deref().unwrap_or_default();
                return (
                    granted(
                        &format!("登录测试（{at}）用它读到了登录用户"),
                        &format!("the login test ({at}) read the signed-in user with it"),
                    ),
                    Vec::new(),
                );
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
                        format!("没有自动探测 {other} 的方法：请在 左侧菜单 › 开发配置 › 权限管理 中确认已开通。"),
                        format!("No automatic probe for {other}: confirm in left menu › 开发配置 › 权限管理 (Dev config › Permission management) that it is enabled."),
                    )
                    .with("required_scopes", vec![other.to_string()]),
                    Vec::new(),
                )
            }
        };
        let outcome = match result {
            Ok(o) => o,
            Err(e) => self.scope_failure(&e, code).await,
        };
        (outcome, trace)
    }

    /// A failed permission probe: a missing permission is named (with the probe's own scope when
    /// DingTalk's answer did not name one) and gets its apply link; an out-of-range answer means
    /// granted but narrow.
    async fn scope_failure(&self, e: &ApiError, code: &str) -> Outcome {
        let d = self.diagnose(e);
        match d.code {
            DiagnosisCode::MissingScope => {
                let mut data = d.data.clone();
                if data.required_scopes.is_empty() {
                    data.required_scopes = vec![code.to_string()];
                }
                Outcome::diagnosed(CheckStatus::Fail, d.with_data(data))
            }
            DiagnosisCode::OutOfRange => Outcome::diagnosed(CheckStatus::Warn, d),
            _ => self.error(e).await,
        }
    }

    /// Reads a todo probe's answer. DingTalk does not document whether its gateway checks the
    /// permission before the todo service checks the body (docs/dingtalk/endpoints.md), so:
    /// - a 403 naming the permission proves it missing;
    /// - a success, or an error code of the todo service itself (`todo.…`), proves the request
    ///   passed the gateway's permission check, so the permission is granted;
    /// - a gateway-level parameter error (`MissingParameter…`, `Missingbody`, `invalidParameter…`)
    ///   may come before the permission check and proves nothing: a person confirms it.
    async fn todo(
        &self,
        scope: &str,
        r: Result<serde_json::Value, ApiError>,
        what_zh: &str,
        what_en: &str,
    ) -> Outcome {
        let e = match r {
            Ok(_) => {
                return Outcome::ok(format!("已开通：{what_zh}"), format!("Granted: {what_en}"))
            }
            Err(e) => e,
        };
        let d = self.diagnose(&e);
        let service = matches!(&e, ApiError::New { code, .. } if code.to_ascii_lowercase().starts_with("todo."));
        if service && d.code != DiagnosisCode::ServerError {
            return Outcome::ok(
                format!("已开通：{what_zh}。钉钉的待办服务已经在处理请求（只对探测用的空请求报了参数错误），说明请求通过了权限检查。"),
                format!("Granted: {what_en}. DingTalk's todo service handled the request (it only rejected the probe's empty request), so the request passed the permission check."),
            );
        }
        match d.code {
            DiagnosisCode::MissingScope => self.scope_failure(&e, scope).await,
            DiagnosisCode::IpNotWhitelisted | DiagnosisCode::TokenExpired => self.error(&e).await,
            _ if super::credentials::is_transport(&e) => self.error(&e).await,
            _ => {
                let mut o = Outcome::manual(
                    format!("无法自动确认 {scope}：钉钉的回答既没有说缺少这项权限，也不能证明已开通。请在 左侧菜单 › 开发配置 › 权限管理 中确认 {scope} 显示为已开通。"),
                    format!("{scope} could not be confirmed automatically: DingTalk's answer neither says the permission is missing nor proves it granted. Check under left menu › 开发配置 › 权限管理 (Dev config › Permissions) that {scope} shows as enabled."),
                )
                .with("required_scopes", vec![scope.to_string()])
                .with("diagnosis", d.code.as_str());
                o.original = d.original;
                o.fix_url = Some(links::CONSOLE_APPS.into());
                o
            }
        }
    }
}

/// A shared call's blocked state as an API error for the scope probes (they run after the token).
fn lift<T>(r: Result<T, Blocked>) -> Result<T, ApiError> {
    r.map_err(|b| match b {
        Blocked::Api(e) => e,
        Blocked::Missing(_) | Blocked::Upstream(_) => ApiError::Cancelled,
    })
}
