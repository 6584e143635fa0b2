//! The report's data model and reading it back: everything a binding report shows, as one
//! self-describing JSON document. It is the contract between the renderers (HTML, Markdown) and
//! "support mode", which opens a customer's report months later — possibly in a newer Dingbind — to
//! see the last run as the customer saw it. So every text is stored in both languages, every value
//! as shown (secrets only masked), and the shape is versioned (`schema_version`, `kind`); [`parse`]
//! refuses anything else with a JSON pointer to what gave it away.

use crate::checks::{CheckResult, CheckRun, Summary};
use crate::field::Field;
use crate::history::LoginRecord;
use crate::i18n::Text;
use crate::scan::{ScanKind, Symptom};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Bumped only when an existing field changes meaning; added fields keep version 1.
pub const SCHEMA_VERSION: u32 = 1;
/// What the `kind` of a report says, so a hand-off file or a manifest is never read as a report.
pub const KIND: &str = "dingbind-report";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    pub schema_version: u32,
    /// Always [`KIND`].
    pub kind: String,
    /// RFC 3339.
    pub generated_at: String,
    pub app_version: String,
    pub profile: ReportProfile,
    /// Every field the template needs, in the template's order.
    pub fields: Vec<ReportField>,
    /// Each secret the template needs → its mask (`546K…(64)`), or `null` when not entered.
    pub secrets: BTreeMap<Field, Option<String>>,
    pub urls: Vec<ReportUrl>,
    pub steps: Vec<ReportStep>,
    pub scan_codes: Vec<ReportScanCode>,
    /// The whole last run, traces included (redacted by the engine); `null` when never checked.
    pub last_run: Option<CheckRun>,
    /// The caller IP DingTalk saw in the last run, when it said (only a whitelist error says).
    pub egress_ip: Option<String>,
    pub summary: ReportSummary,
    /// The newest login round trip (`login.redirect`), when one was made; reports written before
    /// it existed have none.
    #[serde(default)]
    pub login: Option<LoginRecord>,
    /// What the admin still has to undo or do by hand (the login test's loopback redirect URL left
    /// in the console); absent from reports written before it existed.
    #[serde(default)]
    pub reminders: Vec<Text>,
    /// The platform's manual way in when DingTalk login fails or has to be switched off, when the
    /// template knows it; absent otherwise, and from reports written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub break_glass: Option<crate::template::BreakGlassNote>,
    /// The newest sync preview's totals and who joined, left or moved since the one before (ids,
    /// names and departments only), when the profile has one; absent from older reports.
    #[serde(default)]
    pub sync: Option<crate::sync::PreviewSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportProfile {
    pub id: String,
    pub name: String,
    pub template_id: String,
    pub template_name: Text,
    pub created_at: String,
    pub updated_at: String,
    /// Non-secret field values exactly as entered (a secret is never here).
    pub values: BTreeMap<Field, String>,
    /// The admin's own URL patterns, by URL name.
    pub url_patterns: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportField {
    pub key: Field,
    pub label: Text,
    /// The normalised value; for a secret, its mask — never the secret.
    pub value: String,
    pub secret: bool,
    pub ok: bool,
    /// Why the value is rejected, when it is.
    pub message: Option<Text>,
    /// Second looks that do not block (an unusual format, a plain-http domain, …).
    pub warnings: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportUrl {
    pub name: String,
    pub label: Text,
    /// Where in the console it is pasted.
    pub destination: Text,
    /// `null` while a value it needs is missing (`missing` says which).
    pub url: Option<String>,
    pub missing: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportStep {
    pub id: String,
    pub title: Text,
    pub complete: bool,
    pub confirmations: Vec<ReportConfirmation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportConfirmation {
    pub id: String,
    pub label: Text,
    /// RFC 3339; `null` when the admin has not ticked it.
    pub confirmed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportScanCode {
    pub kind: ScanKind,
    pub title: Text,
    /// What the QR code encodes; `null` while a value it needs is missing.
    pub url: Option<String>,
    pub missing: Vec<Field>,
    /// What the admin should see after scanning.
    pub expect: Text,
    /// What they may see instead, each with what it means and where to fix it.
    #[serde(deserialize_with = "symptoms")]
    pub if_not: Vec<Symptom>,
}

/// A report written before 如果不是这样 became a list carries one text: read it as one symptom
/// whose `seen` is empty, so support can still open it.
fn symptoms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Symptom>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<Symptom>),
        Old(Text),
    }
    Ok(match Either::deserialize(d)? {
        Either::List(list) => list,
        Either::Old(means) => vec![Symptom {
            seen: Text::new("", ""),
            means,
        }],
    })
}

/// The one-line answer at the top of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No run yet.
    NotTested,
    /// Nothing failed and nothing warns.
    Passed,
    /// Nothing failed, something needs attention.
    Warnings,
    /// At least one blocking check failed.
    Failed,
    /// Cancelled or cut by the deadline before a failure showed: unknown, not passed.
    Incomplete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportSummary {
    pub verdict: Verdict,
    /// The last run's counts; `null` when not tested.
    pub checks: Option<Summary>,
    pub fields_ok: u32,
    pub fields_total: u32,
    pub steps_complete: u32,
    pub steps_total: u32,
    /// Every step complete and every URL generated (the wizard's own "done").
    pub setup_complete: bool,
}

impl Verdict {
    pub fn of(run: Option<&CheckRun>) -> Self {
        let Some(run) = run else {
            return Verdict::NotTested;
        };
        // Recounted rather than trusting `run.summary`: a hand-edited report must not show green
        // over failed rows.
        let s = Summary::of(&run.checks);
        if s.fail > 0 {
            Verdict::Failed
        } else if run.cancelled || run.deadline_hit {
            Verdict::Incomplete
        } else if s.warn > 0 {
            Verdict::Warnings
        } else {
            Verdict::Passed
        }
    }
}

// ── Reading a report back ───────────────────────────────────────────────────────────────────────

/// Why a file is not a report Dingbind can open. Stable codes for the UI to switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportErrorCode {
    NotJson,
    /// JSON, but another kind of document (a hand-off manifest, a profile, …).
    NotAReport,
    /// Written by a newer Dingbind.
    UnsupportedVersion,
    /// A report whose content does not have the expected shape.
    Invalid,
}

/// `pointer` is a JSON pointer (RFC 6901) to what is wrong; `""` is the whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{} (JSON pointer `{}`)", .message.en, .pointer)]
pub struct ReportError {
    pub code: ReportErrorCode,
    pub pointer: String,
    pub message: Text,
}

fn refuse(code: ReportErrorCode, pointer: &str, message: Text) -> ReportError {
    ReportError {
        code,
        pointer: pointer.to_owned(),
        message,
    }
}

/// Reads a report written by [`json`] (or by any Dingbind speaking schema 1), refusing anything
/// else with the place that gave it away.
pub fn parse(bytes: &[u8]) -> Result<Report, ReportError> {
    use ReportErrorCode as C;
    // Windows editors like to add a BOM when support staff open the file "just to look".
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        refuse(
            C::NotJson,
            "",
            Text::new(
                format!("这不是 JSON 文件，不是 Dingbind 报告（{e}）"),
                format!("This is not JSON, so not a Dingbind report ({e})"),
            ),
        )
    })?;
    let Some(obj) = value.as_object() else {
        return Err(refuse(
            C::NotAReport,
            "",
            Text::new(
                "这不是 Dingbind 报告：内容不是一个 JSON 对象",
                "This is not a Dingbind report: the document is not a JSON object",
            ),
        ));
    };
    match obj.get("kind") {
        Some(Value::String(k)) if k == KIND => {}
        Some(Value::String(k)) => {
            let k: String = k.chars().take(60).collect();
            return Err(refuse(
                C::NotAReport,
                "/kind",
                Text::new(
                    format!("这不是 Dingbind 报告，而是「{k}」文件"),
                    format!("This is not a Dingbind report but a “{k}” file"),
                ),
            ));
        }
        _ => {
            return Err(refuse(
                C::NotAReport,
                "/kind",
                Text::new(
                    format!("这不是 Dingbind 报告：缺少 \"kind\": \"{KIND}\""),
                    format!("This is not a Dingbind report: it lacks \"kind\": \"{KIND}\""),
                ),
            ))
        }
    }
    match obj.get("schema_version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(SCHEMA_VERSION) => {}
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            return Err(refuse(
                C::UnsupportedVersion,
                "/schema_version",
                Text::new(
                    format!("这份报告由更新版本的 Dingbind 生成（格式版本 {v}），请升级 Dingbind 后再打开"),
                    format!("This report was written by a newer Dingbind (format version {v}); update Dingbind to open it"),
                ),
            ))
        }
        _ => {
            return Err(refuse(
                C::Invalid,
                "/schema_version",
                Text::new(
                    format!("报告的格式版本缺失或无效（应为 {SCHEMA_VERSION}）"),
                    format!("The report's format version is missing or invalid (expected {SCHEMA_VERSION})"),
                ),
            ))
        }
    }
    serde_json::from_value::<Report>(value.clone()).map_err(|e| {
        let (pointer, detail) = locate(&value).unwrap_or_else(|| (String::new(), e.to_string()));
        refuse(
            C::Invalid,
            &pointer,
            Text::new(
                format!("报告内容不完整或已损坏：{pointer} 处不对（{detail}）"),
                format!("The report is incomplete or damaged at {pointer} ({detail})"),
            ),
        )
    })
}

/// Finds the first member (or array element) that does not fit its type: serde_json's own error
/// only gives a line and column, and the JSON was probably reformatted by whoever sent it.
fn locate(doc: &Value) -> Option<(String, String)> {
    fn one<T: DeserializeOwned>(doc: &Value, key: &str) -> Option<(String, String)> {
        let v = doc.get(key).cloned().unwrap_or(Value::Null);
        let missing = doc.get(key).is_none();
        serde_json::from_value::<T>(v).err().map(|e| {
            let why = if missing {
                "missing".to_owned()
            } else {
                e.to_string()
            };
            (format!("/{key}"), why)
        })
    }
    fn each<T: DeserializeOwned>(doc: &Value, key: &str) -> Option<(String, String)> {
        let items = doc.get(key).and_then(Value::as_array)?;
        items.iter().enumerate().find_map(|(i, item)| {
            serde_json::from_value::<T>(item.clone())
                .err()
                .map(|e| (format!("/{key}/{i}"), e.to_string()))
        })
    }
    let run = doc.get("last_run").unwrap_or(&Value::Null);
    each::<ReportField>(doc, "fields")
        .or_else(|| each::<ReportUrl>(doc, "urls"))
        .or_else(|| each::<ReportStep>(doc, "steps"))
        .or_else(|| each::<ReportScanCode>(doc, "scan_codes"))
        .or_else(|| each::<CheckResult>(run, "checks").map(|(p, e)| (format!("/last_run{p}"), e)))
        .or_else(|| one::<String>(doc, "generated_at"))
        .or_else(|| one::<String>(doc, "app_version"))
        .or_else(|| one::<ReportProfile>(doc, "profile"))
        .or_else(|| one::<Vec<ReportField>>(doc, "fields"))
        .or_else(|| one::<BTreeMap<Field, Option<String>>>(doc, "secrets"))
        .or_else(|| one::<Vec<ReportUrl>>(doc, "urls"))
        .or_else(|| one::<Vec<ReportStep>>(doc, "steps"))
        .or_else(|| one::<Vec<ReportScanCode>>(doc, "scan_codes"))
        .or_else(|| one::<Option<CheckRun>>(doc, "last_run"))
        .or_else(|| one::<Option<String>>(doc, "egress_ip"))
        .or_else(|| one::<ReportSummary>(doc, "summary"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{CheckResult, CheckStatus};

    /// A report saved before 如果不是这样 became a list still opens in support mode.
    #[test]
    fn an_older_report_s_single_if_not_text_reads_as_one_symptom() {
        let old = serde_json::json!({
            "kind": "web_login",
            "title": {"zh": "网页扫码登录", "en": "Web scan-to-login"},
            "url": null,
            "missing": [],
            "expect": {"zh": "看到授权页", "en": "A consent page"},
            "if_not": {"zh": "显示「重定向错误」：……", "en": "A redirect error: …"}
        });
        let code: ReportScanCode = serde_json::from_value(old).unwrap();
        assert_eq!(code.if_not.len(), 1);
        assert_eq!(code.if_not[0].seen.zh, "");
        assert_eq!(code.if_not[0].means.en, "A redirect error: …");
        let new: ReportScanCode =
            serde_json::from_value(serde_json::to_value(&code).unwrap()).unwrap();
        assert_eq!(new, code);
    }

    fn run(statuses: &[CheckStatus], cancelled: bool) -> CheckRun {
        let checks: Vec<CheckResult> = statuses
            .iter()
            .enumerate()
            .map(|(i, &status)| CheckResult {
                id: format!("c{i}"),
                title: Text::new("检查", "check"),
                status,
                code: None,
                data: serde_json::Map::new(),
                message: Text::new("", ""),
                fix: None,
                fix_url: None,
                advice: None,
                original: None,
                duration_ms: 1,
                skipped_because: Vec::new(),
                trace: Vec::new(),
            })
            .collect();
        CheckRun {
            started_at: "2025-05-01T00:00:00Z".into(),
            duration_ms: 1,
            // Deliberately wrong: the verdict recounts the rows.
            summary: Summary::default(),
            checks,
            cancelled,
            deadline_hit: false,
            practice: None,
        }
    }

    #[test]
    fn the_verdict_follows_the_rows() {
        use CheckStatus::*;
        assert_eq!(Verdict::of(None), Verdict::NotTested);
        assert_eq!(
            Verdict::of(Some(&run(&[Ok, Skipped, Manual], false))),
            Verdict::Passed
        );
        assert_eq!(
            Verdict::of(Some(&run(&[Ok, Warn], false))),
            Verdict::Warnings
        );
        assert_eq!(
            Verdict::of(Some(&run(&[Ok, Warn], true))),
            Verdict::Incomplete
        );
        assert_eq!(Verdict::of(Some(&run(&[Fail, Ok], true))), Verdict::Failed);
    }
}
