//! Which checks a run has, in display order, with their titles and what each waits for. The plan
//! is known before anything runs, so the UI can list every check with a spinner at once.

use super::CheckInput;
use crate::field::Field;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlannedCheck {
    pub id: String,
    pub title: Text,
    pub depends_on: Vec<String>,
}

pub const TOKEN: &str = "credentials.token";
/// The Stream gateway credentials check, planned when the template's platform uses Stream push.
pub const STREAM: &str = "stream.credentials";
/// Checks a template may add with `extra_checks`.
pub const EXTRA_CHECKS: [&str; 2] = ["attendance.groups", "event.check_url"];
/// The URL name a template gives its event-subscription (HTTP push) address.
pub const EVENT_URL: &str = "event_callback";

fn p(
    id: impl Into<String>,
    zh: impl Into<String>,
    en: impl Into<String>,
    deps: &[&str],
) -> PlannedCheck {
    PlannedCheck {
        id: id.into(),
        title: Text::new(zh, en),
        depends_on: deps.iter().map(|d| d.to_string()).collect(),
    }
}

pub fn plan(input: &CheckInput) -> Vec<PlannedCheck> {
    let t = &input.template;
    let mut out = vec![
        p("domain.dns", "域名解析", "Domain resolves (DNS)", &[]),
        p(
            "domain.tls",
            "HTTPS 证书",
            "HTTPS certificate",
            &["domain.dns"],
        ),
    ];
    for u in &t.urls {
        out.push(PlannedCheck {
            id: format!("url.{}", u.name),
            title: Text::new(
                format!("可以访问：{}", u.label.zh),
                format!("Reachable: {}", u.label.en),
            ),
            depends_on: vec!["domain.dns".into()],
        });
    }
    out.push(p(
        "clock.skew",
        "本机时间与钉钉一致",
        "Clock agrees with DingTalk",
        &[],
    ));
    out.push(p(
        TOKEN,
        "应用凭证（Client ID / Client Secret）",
        "App credentials (Client ID / Secret)",
        &[],
    ));
    if t.uses_stream() {
        out.push(p(
            STREAM,
            "Stream 连接通道凭证（不打开连接）",
            "Stream connection credentials (no connection opened)",
            &[],
        ));
    }
    out.push(p(
        "network.ip_whitelist",
        "服务器出口IP白名单",
        "Server egress-IP whitelist",
        &[],
    ));
    out.push(p(
        "credentials.corp_id",
        "CorpId 与应用匹配",
        "CorpId matches the app",
        &[TOKEN],
    ));
    out.push(p(
        "app.agent_id",
        "AgentId 属于这个应用",
        "AgentId belongs to this app",
        &[TOKEN],
    ));
    for perm in &t.permissions {
        out.push(PlannedCheck {
            id: format!("scope.{}", perm.code),
            title: Text::new(
                format!("权限：{}", perm.name.zh),
                format!("Permission: {}", perm.name.en),
            ),
            depends_on: vec![TOKEN.into()],
        });
    }
    out.push(p(
        "contact.departments",
        "读取部门",
        "Departments readable",
        &[TOKEN],
    ));
    out.push(p("contact.users", "员工人数", "Staff count", &[TOKEN]));
    out.push(p(
        "contact.visible_range",
        "应用可见范围（会同步哪些人）",
        "Visible range (who gets synced)",
        &[TOKEN],
    ));
    if input.options.message_userid.is_some() {
        out.push(p(
            "message.send",
            "发送测试工作通知",
            "Test work notification",
            &["app.agent_id"],
        ));
    }
    if t.needs.contains(&Field::SsoSecret) {
        out.push(p(
            "sso.token",
            "SSOsecret（后台免登）",
            "SSOsecret (admin-console login)",
            &[],
        ));
    }
    if t.extra_checks.iter().any(|c| c == "attendance.groups") {
        out.push(p(
            "attendance.groups",
            "读取考勤组",
            "Attendance groups readable",
            &[TOKEN],
        ));
    }
    if t.extra_checks.iter().any(|c| c == "event.check_url") {
        out.push(p(
            "event.check_url",
            "事件订阅回调（check_url）",
            "Event callback (check_url)",
            &["domain.dns"],
        ));
    }
    out
}
