//! The live checks: everything the platform will need from DingTalk, proved against DingTalk
//! itself (or the simulator). Checks form a dependency graph run concurrently ([`engine`]): DNS,
//! TLS, URL reachability and clock skew start at once; the app token is fetched once and shared;
//! each probe starts the moment what it needs is ready. Ids, statuses and diagnosis codes are a
//! stable contract (the CLI's `--json`, saved reports and the UI rely on them).

mod callback;
mod engine;
mod network;
mod outcome;
pub(crate) use outcome::{diagnose, entry as trace_entry, failure_status};
mod plan;
mod probes;
mod tls;

pub use callback::check_url;
pub use engine::{run, run_sequential, Cancel, CheckEvent};
pub use plan::{plan, PlannedCheck, EVENT_URL, EXTRA_CHECKS};

use crate::diagnosis::DiagnosisCode;
use crate::field::Field;
use crate::i18n::Text;
use crate::template::Template;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Works.
    Ok,
    /// Blocking: the binding will not work until this is fixed.
    Fail,
    /// Works, but needs attention.
    Warn,
    /// Not run because something it needs failed or is missing (`depends_on` / `data.missing` say what).
    Skipped,
    /// Only a person can confirm this; the message says how.
    Manual,
}

/// One HTTP exchange of a check, redacted (secrets and tokens are `***`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TraceEntry {
    pub method: String,
    pub url: String,
    pub request_body: Option<String>,
    pub status: Option<u16>,
    pub response_body: Option<String>,
    pub duration_ms: u32,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckResult {
    pub id: String,
    pub title: Text,
    pub status: CheckStatus,
    pub code: Option<DiagnosisCode>,
    /// Facts the check found: `egress_ip`, `required_scopes`, `count`, `missing`, ...
    #[ts(type = "Record<string, unknown>")]
    pub data: serde_json::Map<String, serde_json::Value>,
    /// What happened, in words for the admin.
    pub message: Text,
    pub fix: Option<Text>,
    pub fix_url: Option<String>,
    /// The diagnosis in parts an admin can follow (现象 → 原因 → 去哪改), when the failure was
    /// diagnosed; `message` and `fix` are its flat form. Absent from runs saved before it existed.
    #[serde(default)]
    pub advice: Option<crate::diagnosis::Advice>,
    /// DingTalk's own text (原话), when it said something.
    pub original: Option<String>,
    pub duration_ms: u32,
    /// The checks whose failure made this one skip.
    pub skipped_because: Vec<String>,
    pub trace: Vec<TraceEntry>,
}

impl CheckResult {
    /// Keeps [`CheckResult::advice`] only while it still says what `message` and `fix` say: code
    /// that rewrote either after the diagnosis (its own wording for this check) keeps its flat text,
    /// never parts that contradict it.
    pub fn settle_advice(mut self) -> Self {
        let fits = |a: &crate::diagnosis::Advice| {
            a.flat_cause() == self.message && self.fix.as_ref() == Some(&a.flat_fix())
        };
        if !self.advice.as_ref().is_some_and(fits) {
            self.advice = None;
        }
        self
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Summary {
    pub ok: u32,
    pub fail: u32,
    pub warn: u32,
    pub skipped: u32,
    pub manual: u32,
}

impl Summary {
    pub fn of(checks: &[CheckResult]) -> Self {
        let mut s = Summary::default();
        for c in checks {
            *match c.status {
                CheckStatus::Ok => &mut s.ok,
                CheckStatus::Fail => &mut s.fail,
                CheckStatus::Warn => &mut s.warn,
                CheckStatus::Skipped => &mut s.skipped,
                CheckStatus::Manual => &mut s.manual,
            } += 1;
        }
        s
    }
}

/// A whole run, as kept in history and shown in reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckRun {
    pub started_at: String,
    pub duration_ms: u32,
    pub checks: Vec<CheckResult>,
    pub summary: Summary,
    /// Stopped by the admin before every check finished.
    pub cancelled: bool,
    /// The overall deadline cut the run short.
    pub deadline_hit: bool,
    /// Against the simulator (practice mode), with its scenario.
    pub practice: Option<PracticeScenario>,
}

/// The simulator scenario a practice run answered with: its id (for support and the CLI) and the
/// name the admin reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PracticeScenario {
    pub id: String,
    pub title: Text,
}

impl PracticeScenario {
    /// A scenario known only by its id (a custom scenario file without a title).
    pub fn untitled(id: &str) -> Self {
        PracticeScenario {
            id: id.to_owned(),
            title: Text::new(id, id),
        }
    }
}

/// Runs and reports saved before scenarios had names hold the bare id.
impl<'de> Deserialize<'de> for PracticeScenario {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Saved {
            Id(String),
            Named { id: String, title: Text },
        }
        Ok(match Saved::deserialize(d)? {
            Saved::Id(id) => PracticeScenario::untitled(&id),
            Saved::Named { id, title } => PracticeScenario { id, title },
        })
    }
}

/// Optional parts of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckOptions {
    /// Send a timestamped test work notification to this userid.
    pub message_userid: Option<String>,
    /// Overall deadline in milliseconds (default 30 000).
    pub deadline_ms: u32,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            message_userid: None,
            deadline_ms: 30_000,
        }
    }
}

/// Everything a run needs. Values are the normalised, valid ones; secrets come from the keychain or
/// the environment, never from a file.
#[derive(Clone)]
pub struct CheckInput {
    pub template: Template,
    pub values: BTreeMap<Field, String>,
    /// The URLs to probe, by name (already generated, `$CORPID$` still literal).
    pub urls: BTreeMap<String, String>,
    /// Client Secret, SSOsecret, event token and aes_key, cleaned; absent when not entered.
    pub secrets: BTreeMap<Field, String>,
    pub options: CheckOptions,
    pub dingtalk: dingtalk::Config,
    /// When a login round trip with these credentials last passed: it read the user through
    /// `Contact.User.Read`, which no app-token probe can prove (see `login`).
    pub login_passed_at: Option<String>,
    /// The CorpId DingTalk returned (`userAccessToken.corpId`) in the last passed login round trip
    /// with this Client ID: the organisation the login was made in (see `login`).
    pub login_corp_id: Option<String>,
    /// The Client ID / Client Secret as entered carried spaces, line breaks or invisible
    /// characters that cleaning removed ([`crate::sanitize::has_stray_chars`]): the checks use the
    /// cleaned value, a platform given the raw paste would not.
    pub pasted_stray: Vec<Field>,
}

impl std::fmt::Debug for CheckInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckInput")
            .field("template", &self.template.id)
            .field("values", &self.values)
            .finish_non_exhaustive()
    }
}

impl CheckInput {
    /// Builds a run from what the admin entered: values are cleaned and judged as in the wizard
    /// (only valid ones are used; a check whose value is missing says so), and the template's URLs
    /// generated from them.
    pub fn new(
        template: Template,
        raw_values: &BTreeMap<Field, String>,
        url_patterns: &BTreeMap<String, String>,
        secrets: &BTreeMap<Field, String>,
        options: CheckOptions,
        dingtalk: dingtalk::Config,
    ) -> Self {
        let pasted_stray = [Field::ClientId, Field::ClientSecret]
            .into_iter()
            .filter(|f| {
                raw_values
                    .get(f)
                    .or_else(|| secrets.get(f))
                    .is_some_and(|v| crate::sanitize::has_stray_chars(v))
            })
            .collect();
        let values: BTreeMap<Field, String> = raw_values
            .iter()
            .filter(|(f, _)| !f.is_secret())
            .map(|(f, v)| (*f, crate::validate::validate(*f, v)))
            .filter(|(_, v)| v.ok)
            .map(|(f, v)| (f, v.value))
            .collect();
        let secrets = secrets
            .iter()
            .filter(|(f, _)| f.is_secret())
            .map(|(f, v)| (*f, crate::sanitize::clean(v, true).value))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let urls = crate::urls::generate(&template, &values, url_patterns)
            .into_iter()
            .filter_map(|u| Some((u.name, u.url?)))
            .collect();
        Self {
            template,
            values,
            urls,
            secrets,
            options,
            dingtalk,
            login_passed_at: None,
            login_corp_id: None,
            pasted_stray,
        }
    }

    pub fn secret(&self, field: Field) -> Option<&str> {
        self.secrets.get(&field).map(String::as_str)
    }

    pub fn value(&self, field: Field) -> Option<&str> {
        self.values
            .get(&field)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub fn deadline(&self) -> Duration {
        Duration::from_millis(u64::from(self.options.deadline_ms.max(1000)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn practice_scenarios_saved_as_a_bare_id_still_read() {
        let old: PracticeScenario = serde_json::from_str(r#""healthy""#).unwrap();
        assert_eq!(old, PracticeScenario::untitled("healthy"));
        let named = PracticeScenario {
            id: "healthy".into(),
            title: Text::new("一切正常", "Everything set up"),
        };
        let json = serde_json::to_string(&named).unwrap();
        assert_eq!(
            serde_json::from_str::<PracticeScenario>(&json).unwrap(),
            named
        );
    }
}
