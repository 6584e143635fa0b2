//! The binding report: what was bound, what the admin confirmed, what to scan and what the last
//! check run found, in one file the admin can save, print or send. [`build`] turns a profile and its
//! evaluation into a [`Report`] (the model, [`model`]); [`html`] renders it as one self-contained
//! page that prints to A4, [`markdown`] as GitHub Markdown, [`json`] as the self-describing document
//! that support mode reads back with [`parse`].
//!
//! Files: `model` (the JSON shape and [`parse`]), `words` (every phrase both renderers use),
//! `html`, `markdown`.
//!
//! Secrets never reach this module in the clear: the evaluation carries them masked, and [`build`]
//! masks again anything that does not look masked, so a caller's mistake cannot leak one into a
//! file that is meant to be emailed. Pure code: no I/O, no clock (the caller passes the time).

mod fixes;
mod format;
mod html;
mod markdown;
pub mod model;
mod words;

pub use format::{file_stem, Format};
pub use html::html;
pub use markdown::markdown;
pub use model::*;
pub use words::status_icon;

use crate::checks::{CheckResult, CheckRun, Summary};
use crate::history::LoginRecord;
use crate::i18n::Text;
use crate::profile::{confirmation_key, Evaluation, Profile};
use crate::scan::ScanCode;
use crate::secrets::mask;
use crate::template::Template;
use serde_json::Value;

/// What a report is made of. `evaluation` is [`crate::profile::evaluate`]'s, secrets already masked.
pub struct ReportInput<'a> {
    pub profile: &'a Profile,
    pub template: &'a Template,
    pub evaluation: &'a Evaluation,
    pub scan_codes: &'a [ScanCode],
    pub last_run: Option<&'a CheckRun>,
    pub login: Option<&'a LoginRecord>,
    /// The newest kept sync preview and its diff ([`crate::sync::keep::summary`]).
    pub sync: Option<&'a crate::sync::PreviewSummary>,
    pub app_version: &'a str,
    /// RFC 3339.
    pub generated_at: &'a str,
}

/// The check that reports the egress IP DingTalk saw.
const WHITELIST_CHECK: &str = "network.ip_whitelist";

/// What is left to undo by hand: a login test registers `http://127.0.0.1:…` with the production
/// app, which should not keep it once the test is done.
fn reminders(input: &ReportInput) -> Vec<Text> {
    let removed = input
        .profile
        .confirmations
        .contains_key(crate::login::REDIRECT_REMOVED);
    if input.login.is_none() || removed {
        return Vec::new();
    }
    let url = crate::login::redirect_url(crate::login::DEFAULT_PORT);
    vec![Text::new(
        format!("登录测试用的本机地址 {url} 还登记在钉钉应用的 左侧菜单 › 开发配置 › 安全设置 › 重定向URL（回调域名）里：测试做完后请删除，并在向导的“登录测试”页勾选“我已删除”。"),
        format!("The login test's local address {url} is still registered under left menu › 开发配置 › 安全设置 › 重定向URL（回调域名） (Development configuration › Security settings › Redirect URL) of the DingTalk app: remove it once testing is done, then tick “I removed it” on the wizard's Login test page."),
    )]
}

pub fn build(input: &ReportInput) -> Report {
    let ReportInput {
        profile,
        template,
        evaluation,
        ..
    } = *input;
    let fields: Vec<ReportField> = template
        .needs
        .iter()
        .map(|&f| match evaluation.fields.get(&f) {
            Some(v) => ReportField {
                key: f,
                label: f.label(),
                value: if f.is_secret() {
                    masked(&v.value)
                } else {
                    v.value.clone()
                },
                secret: f.is_secret(),
                ok: v.ok,
                message: v.message.clone(),
                warnings: v.warnings.iter().map(|w| w.message.clone()).collect(),
            },
            // An evaluation of another template: say "not judged" rather than invent a verdict.
            None => ReportField {
                key: f,
                label: f.label(),
                value: String::new(),
                secret: f.is_secret(),
                ok: false,
                message: Some(Text::new("没有核对这个值", "This value was not checked")),
                warnings: Vec::new(),
            },
        })
        .collect();
    let secrets = fields
        .iter()
        .filter(|f| f.secret)
        .map(|f| (f.key, Some(f.value.clone()).filter(|v| !v.is_empty())))
        .collect();
    let steps: Vec<ReportStep> = template
        .steps
        .iter()
        .map(|step| ReportStep {
            id: step.id.clone(),
            title: step.title.clone(),
            complete: evaluation
                .steps
                .iter()
                .any(|s| s.id == step.id && s.complete),
            confirmations: step
                .confirm
                .iter()
                .map(|c| ReportConfirmation {
                    id: c.id.clone(),
                    label: c.text.clone(),
                    confirmed_at: profile
                        .confirmations
                        .get(&confirmation_key(&step.id, &c.id))
                        .cloned(),
                })
                .collect(),
        })
        .collect();
    let summary = ReportSummary {
        verdict: Verdict::of(input.last_run),
        checks: input.last_run.map(|r| Summary::of(&r.checks)),
        fields_ok: fields.iter().filter(|f| f.ok).count() as u32,
        fields_total: fields.len() as u32,
        steps_complete: steps.iter().filter(|s| s.complete).count() as u32,
        steps_total: steps.len() as u32,
        setup_complete: evaluation.complete,
    };
    Report {
        schema_version: SCHEMA_VERSION,
        kind: KIND.to_owned(),
        generated_at: input.generated_at.to_owned(),
        app_version: input.app_version.to_owned(),
        profile: ReportProfile {
            id: profile.id.clone(),
            name: profile.name.clone(),
            template_id: template.id.clone(),
            template_name: template.name.clone(),
            created_at: profile.created_at.clone(),
            updated_at: profile.updated_at.clone(),
            values: profile
                .values
                .iter()
                .filter(|(f, _)| !f.is_secret())
                .map(|(f, v)| (*f, v.clone()))
                .collect(),
            url_patterns: profile.url_patterns.clone(),
        },
        fields,
        secrets,
        urls: evaluation
            .urls
            .iter()
            .map(|u| ReportUrl {
                name: u.name.clone(),
                label: u.label.clone(),
                destination: u.destination.clone(),
                url: u.url.clone(),
                missing: u.missing.clone(),
            })
            .collect(),
        steps,
        scan_codes: input
            .scan_codes
            .iter()
            .map(|c| ReportScanCode {
                kind: c.kind,
                title: c.title.clone(),
                url: c.url.clone(),
                missing: c.missing.clone(),
                expect: c.expect.clone(),
                if_not: c.if_not.clone(),
            })
            .collect(),
        last_run: input.last_run.cloned(),
        egress_ip: egress_ip(input.last_run),
        summary,
        login: input.login.cloned(),
        reminders: reminders(input),
        break_glass: evaluation.break_glass.clone(),
        sync: input.sync.cloned(),
    }
}

/// The report as pretty JSON (what `dingbind report --format json` prints and support mode reads).
pub fn json(report: &Report) -> String {
    // A derived Serialize of strings, maps and numbers cannot fail.
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// A value that is already a mask (`546K…(64)`, `…(5)`) stays; anything else is masked now.
fn masked(value: &str) -> String {
    let looks_masked = value.rsplit_once("…(").is_some_and(|(head, tail)| {
        head.chars().count() <= 4
            && tail
                .strip_suffix(')')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if value.is_empty() || looks_masked {
        value.to_owned()
    } else {
        mask(value)
    }
}

fn egress_ip(run: Option<&CheckRun>) -> Option<String> {
    let ip = |c: &CheckResult| {
        c.data
            .get("egress_ip")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_owned())
    };
    let checks = &run?.checks;
    checks
        .iter()
        .filter(|c| c.id == WHITELIST_CHECK)
        .find_map(ip)
        .or_else(|| checks.iter().find_map(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_stay_and_anything_else_is_masked() {
        assert_eq!(masked("546K…(64)"), "546K…(64)");
        assert_eq!(masked("…(5)"), "…(5)");
        assert_eq!(masked(""), "");
        let secret = "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er";
        assert_eq!(masked(secret), "546K…(64)");
        // A secret that merely contains the mask's shape is still masked.
        assert_eq!(masked("abcdefgh…(12)"), mask("abcdefgh…(12)"));
    }
}
