//! The diagnosis knowledge base: turns what DingTalk (or the network) said into a [`Diagnosis`] —
//! a stable [`DiagnosisCode`], the cause and the fix in Chinese and English written for a
//! non-technical admin (what to click, what to enter), a console deep link, and DingTalk's own text
//! (原话) kept verbatim for support staff.
//!
//! Three ways in:
//! - [`from_old`] / [`from_new`]: a parsed error of the old (`errcode`) or new (`code`, HTTP status)
//!   API family, as the check engine gets them (docs/dingtalk/errors.md#old-family-codes,
//!   docs/dingtalk/errors.md#new-family-codes).
//! - [`explain`]: whatever support staff paste — a bare errcode, a JSON body (also unicode-escaped),
//!   a JS object dump, a log line, an HTML page, a TLS/DNS/timeout message. A code always wins over
//!   text; text rules apply only when no code is found.
//! - [`Diagnosis::new`] / [`Diagnosis::of`]: for failures the caller classified itself (a timeout,
//!   a TLS error, an HTTP status).
//!
//! Beyond the first contract's codes, these were added so that every code of
//! docs/dingtalk/errors.md and every field report (FMn in docs/dingtalk/errors.md#field-reports)
//! has a home with the right fix: `auth_code_invalid` (40078 & co; FM2, FM15 — after an egress-IP
//! change it can really be a whitelist problem, and the text says so), `app_not_published` (FM6),
//! `quota_exceeded` (90020; a monthly quota, not a retry), `ip_banned` (the x5 `status: 1111` page,
//! 90001, 90017: stop for 5 minutes), `api_disabled` (48002), `bad_param` (40035, 400002: a program
//! bug, not a setting), `dept_not_found` (60003), `callback_crypto_key` (900004: the aes_key),
//! `callback_registration` (71006/71007 of the old registration API), `callback_unreachable`
//! (FM9: DingTalk cannot reach the URL), `message_throttled` (getsendresult `forbidden_list`: sent
//! "successfully" but not delivered), `corpid_placeholder` (FM13), `in_app_login_required` (FM16),
//! `not_dingtalk` (FM17: WeCom errors share DingTalk's numbers with other meanings), `unreachable`
//! (connection refused / reset / no route: a firewall or proxy, which the check engine tells apart
//! from a slow `timeout`), `unknown` (keeps DingTalk's code and text) and `state_mismatch` (the
//! login round trip, [`crate::login`]: a callback whose `state` is not this login's — another tab,
//! a stale QR code or a forged callback — so its code is never exchanged),
//! `stream_not_connected` (长链接未在线, or the console's Stream verification failing: the
//! platform's Stream client is not running or not connected) and `stream_gateway_refused` (the
//! Stream gateway's 400 `systemError` on `connections/open`, which no retry of ours fixes).
//!
//! This module owns no I/O and knows nothing of HTTP clients, the UI or Tauri: it maps text to
//! text. Files: [`code`] (the enum), [`links`] (console pages and scope names), `mapping` (raw
//! errors), `explain` + `scan` + `rules` (pasted text), `render` + `kb_*` (the bilingual texts).

mod advice;
pub mod code;
mod explain;
mod kb_network;
mod kb_runtime;
mod kb_setup;
mod kb_stream;
pub mod links;
mod mapping;
mod render;
mod rules;
mod scan;

pub use advice::Advice;
pub use code::DiagnosisCode;
pub use explain::explain;
pub use mapping::{
    from_api_error, from_jsapi, from_new, from_old, from_old_body, new_code, old_code,
    parse_app_key, parse_egress_ip,
};

use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Values a diagnosis carries and its texts interpolate. Empty fields are left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiagnosisData {
    /// The caller IP DingTalk saw (`request ip=` in a whitelist error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_ip: Option<String>,
    /// The app's Client ID: named by DingTalk (`appKey(ding…)` in a whitelist error, the apply
    /// link of a permission error) or known to the check that called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_key: Option<String>,
    /// Permission codes to enable (`accessdenieddetail.requiredScopes`, the codes DingTalk's text
    /// names, or inferred from the API).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_scopes: Vec<String>,
    /// For a missing permission whose app is known: each scope with its console name and
    /// DingTalk's one-click apply page. Derived from `required_scopes` and `app_key`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_apply: Vec<ScopeApply>,
    /// The HTTP status of the failed response, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// The host (or `ip:port`) a network error was about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Minutes DingTalk asked the caller to wait (the x5 ban page's `wait`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_minutes: Option<u32>,
}

/// One permission to enable, with the page where DingTalk applies for it in one click
/// (`https://open-dev.dingtalk.com/appscope/apply?content=<ClientID>%23<scope>`, the link DingTalk's
/// own refusals carry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScopeApply {
    pub scope: String,
    /// The console's name for it, when known.
    pub name: Option<Text>,
    pub url: String,
}

/// One explained error: what happened, how to fix it, where to click, and what DingTalk said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnosis {
    pub code: DiagnosisCode,
    /// DingTalk's code: the numeric errcode of the old family (`"60020"`) or the string code of the
    /// new family (`"Forbidden.AccessDenied.IpNotInWhiteList"`).
    pub errcode: Option<String>,
    pub data: DiagnosisData,
    /// 现象 and 原因 in one sentence ([`Advice::flat_cause`]).
    pub cause: Text,
    /// The whole fix in one paragraph ([`Advice::flat_fix`]), for readers that take one text.
    pub fix: Text,
    /// The same in parts an admin can follow: 现象 → 原因 → 去哪改.
    pub advice: Advice,
    /// The console or doc page where the fix happens (https, DingTalk hosts only).
    pub fix_url: Option<String>,
    /// DingTalk's own text (原话), verbatim.
    pub original: Option<String>,
}

impl Diagnosis {
    /// Builds a diagnosis and renders its texts from the code, DingTalk's code, the data and the
    /// original text (e.g. the whitelist fix names the IP; 40089's cause explains its misleading
    /// wording).
    pub fn new(
        code: DiagnosisCode,
        errcode: Option<String>,
        mut data: DiagnosisData,
        original: Option<String>,
    ) -> Self {
        data.scope_apply = match (code, data.app_key.as_deref()) {
            (DiagnosisCode::MissingScope, Some(app)) => data
                .required_scopes
                .iter()
                .map(|s| ScopeApply {
                    scope: s.clone(),
                    name: links::scope_label(s).map(|(zh, en)| Text::new(zh, en)),
                    url: dingtalk::wire::apply_url(app, s),
                })
                .collect(),
            _ => Vec::new(),
        };
        let ctx = render::Ctx {
            errcode: errcode.as_deref(),
            data: &data,
            original: original.as_deref(),
        };
        let r = render::render(code, &ctx);
        // One missing permission: its apply page is the fix. Several: each has its own button.
        let fix_url = match data.scope_apply.as_slice() {
            [one] => one.url.clone(),
            _ => r.url.to_string(),
        };
        Self {
            code,
            errcode,
            cause: r.advice.flat_cause(),
            fix: r.advice.flat_fix(),
            advice: r.advice,
            fix_url: Some(fix_url),
            data,
            original,
        }
    }

    /// A diagnosis with no DingTalk code, data or original text (a timeout, a TLS failure, …).
    pub fn of(code: DiagnosisCode) -> Self {
        Self::new(code, None, DiagnosisData::default(), None)
    }

    /// A non-2xx response whose body carried no DingTalk error code.
    pub fn http_status(status: u16, body: Option<&str>) -> Self {
        let data = DiagnosisData {
            http_status: Some(status),
            ..DiagnosisData::default()
        };
        let original = body
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(|b| truncate(b, 500));
        Self::new(DiagnosisCode::HttpStatus, None, data, original)
    }

    /// The same diagnosis with changed data, texts re-rendered.
    pub fn with_data(self, data: DiagnosisData) -> Self {
        Self::new(self.code, self.errcode, data, self.original)
    }

    /// The `dingbind explain --json` shape, a stable contract: `{"code", "errcode", "message",
    /// "fix", "fix_url", "data", "original"}`, texts in `lang`.
    pub fn explain_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "code": self.code,
            "errcode": self.errcode,
            "message": self.cause.get(lang),
            "fix": self.fix.get(lang),
            "fix_url": self.fix_url,
            "data": self.data,
            "original": self.original,
        })
    }
}

/// At most `max` characters of `s`, with `…` when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
