//! Building the `login.redirect` result: a client error goes through the check engine's diagnosis
//! (cause, fix, console link, DingTalk's original text), and every exchange is kept in the trace,
//! already redacted.

use crate::checks::{CheckResult, CheckStatus, TraceEntry};
use crate::diagnosis::{Diagnosis, DiagnosisCode};
use crate::i18n::Text;
use dingtalk::Exchange;
use serde_json::{Map, Value};
use std::time::Duration;

/// The stable check id (a contract, like every check id: see [`crate::checks`]).
pub const CHECK_ID: &str = "login.redirect";

fn title() -> Text {
    Text::new("扫码登录往返测试", "Web login round trip")
}

pub(super) fn ms(d: Duration) -> u32 {
    d.as_millis().min(u128::from(u32::MAX)) as u32
}

/// A result with no diagnosis; `data` says which redirect URL was tested.
pub(super) fn plain(status: CheckStatus, message: Text, redirect_url: &str) -> CheckResult {
    let mut data = Map::new();
    data.insert("redirect_url".into(), redirect_url.into());
    CheckResult {
        id: CHECK_ID.into(),
        title: title(),
        status,
        code: None,
        data,
        message,
        fix: None,
        fix_url: None,
        advice: None,
        original: None,
        duration_ms: 0,
        skipped_because: Vec::new(),
        trace: Vec::new(),
    }
}

/// A result explained by a diagnosis. A redirect diagnosis's fix starts with the exact URL to
/// register.
pub(super) fn diagnosed(status: CheckStatus, d: Diagnosis, redirect_url: &str) -> CheckResult {
    let mut r = plain(status, d.cause, redirect_url);
    if let Ok(Value::Object(map)) = serde_json::to_value(&d.data) {
        r.data.extend(map);
    }
    let mut advice = d.advice;
    if d.code == DiagnosisCode::RedirectNotRegistered {
        advice.steps.insert(
            0,
            Text::new(
                format!("要登记的重定向URL：{redirect_url}"),
                format!("Redirect URL to register: {redirect_url}"),
            ),
        );
    }
    r.code = Some(d.code);
    r.fix = Some(advice.flat_fix());
    r.advice = Some(advice);
    r.fix_url = d.fix_url;
    r.original = d.original;
    r
}

/// Stopped by the admin.
pub(super) fn cancelled(elapsed: Duration, redirect_url: &str) -> CheckResult {
    let mut r = plain(
        CheckStatus::Skipped,
        Text::new("已取消登录测试", "Login test cancelled"),
        redirect_url,
    );
    r.data.insert("cancelled".into(), true.into());
    r.duration_ms = ms(elapsed);
    r
}

/// Appends the client's exchanges, already redacted by the `dingtalk` crate.
pub(super) fn with_trace(mut r: CheckResult, trace: Vec<Exchange>) -> CheckResult {
    r.trace
        .extend(trace.into_iter().map(crate::checks::trace_entry));
    r
}

/// One exchange the login made itself (the login page, the browser's callback), redacted: login
/// codes in the URL become `***`.
pub(super) fn exchange(
    method: &str,
    url: &str,
    status: Option<u16>,
    response_body: Option<&str>,
) -> TraceEntry {
    let url = url::Url::parse(url)
        .map(|u| dingtalk::trace::redact_url(&u))
        .unwrap_or_else(|_| "(unparsable URL)".into());
    TraceEntry {
        method: method.into(),
        url,
        request_body: None,
        status,
        response_body: response_body.map(|b| dingtalk::trace::redact_body(b, false)),
        duration_ms: 0,
        error: None,
    }
}
