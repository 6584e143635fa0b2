//! The permission probes (`scope.*`): a read, or a deliberately invalid write that DingTalk answers
//! with a parameter error when the permission is granted; a missing permission is named.

use super::{Blocked, Ctx};
use crate::checks::outcome::{diagnose, Outcome};
use crate::checks::CheckStatus;
use crate::diagnosis::{DiagnosisCode, DiagnosisData};
use dingtalk::{ApiError, Exchange};

/// The unionId the todo probes name. DingTalk's gateway checks the token's permission before the
/// todo service looks at the user (that is where `accessdenieddetail.requiredScopes` comes from),
/// so a probe needs no real person, and waiting for one would add a round trip. UNCONFIRMED
/// against production: a granted permission answers a parameter error either way.
const TODO_PROBE_UNION_ID: &str = "dingbindPermissionProbe";

impl Ctx {
    /// A permission probe: a read, or a deliberately invalid write that DingTalk answers with a
    /// parameter error when the permission is granted.
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
