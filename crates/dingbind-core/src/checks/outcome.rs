//! Turning what a probe saw into a [`CheckResult`]: DingTalk errors go through the diagnosis table
//! (one table for live errors and pasted ones), successes get a plain sentence with the facts found.

use super::{CheckResult, CheckStatus, PlannedCheck, TraceEntry};
use crate::diagnosis::{Diagnosis, DiagnosisCode, DiagnosisData};
use crate::i18n::Text;
use dingtalk::{ApiError, Exchange};
use serde_json::{Map, Value};

pub(crate) use crate::diagnosis::from_api_error as diagnose;

/// How sure a failure explained by `code` is: `fail` only when the diagnosis proves the binding is
/// broken; an answer Dingbind does not recognise, DingTalk's own server failing and throttling that
/// outlasted the retries are `warn`. The one rule for the checks and the login round trip.
pub fn failure_status(code: DiagnosisCode) -> CheckStatus {
    match code {
        DiagnosisCode::Unknown | DiagnosisCode::ServerError | DiagnosisCode::RateLimited => {
            CheckStatus::Warn
        }
        _ => CheckStatus::Fail,
    }
}

/// What a check found, before timing and trace are attached.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: CheckStatus,
    pub code: Option<DiagnosisCode>,
    pub data: Map<String, Value>,
    pub message: Text,
    pub fix: Option<Text>,
    pub fix_url: Option<String>,
    pub advice: Option<crate::diagnosis::Advice>,
    pub original: Option<String>,
    pub skipped_because: Vec<String>,
}

impl Outcome {
    pub fn new(status: CheckStatus, message: Text) -> Self {
        Self {
            status,
            code: None,
            data: Map::new(),
            message,
            fix: None,
            fix_url: None,
            advice: None,
            original: None,
            skipped_because: Vec::new(),
        }
    }

    pub fn ok(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(CheckStatus::Ok, Text::new(zh, en))
    }

    pub fn manual(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(CheckStatus::Manual, Text::new(zh, en))
    }

    /// A failure (or warning) explained by a diagnosis.
    pub fn diagnosed(status: CheckStatus, d: Diagnosis) -> Self {
        let mut o = Self::new(status, d.cause);
        if let Ok(Value::Object(map)) = serde_json::to_value(&d.data) {
            o.data = map;
        }
        o.code = Some(d.code);
        o.fix = Some(d.fix);
        o.fix_url = d.fix_url;
        o.advice = Some(d.advice);
        o.original = d.original;
        o
    }

    pub fn error(e: &ApiError) -> Self {
        Self::from_diagnosis(diagnose(e))
    }

    /// A failure explained by a diagnosis, with [`failure_status`]; DingTalk's words are kept.
    pub fn from_diagnosis(d: Diagnosis) -> Self {
        Self::diagnosed(failure_status(d.code), d)
    }

    pub fn of(status: CheckStatus, code: DiagnosisCode, data: DiagnosisData) -> Self {
        Self::diagnosed(status, Diagnosis::new(code, None, data, None))
    }

    /// Not run: `because` are the checks (or inputs) it waited for.
    pub fn skipped(because: Vec<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        let mut o = Self::new(CheckStatus::Skipped, Text::new(zh, en));
        o.skipped_because = because;
        o
    }

    /// Not run because values the admin has not entered yet are missing.
    pub fn missing(fields: &[crate::Field]) -> Self {
        let zh: Vec<String> = fields.iter().map(|f| f.label().zh).collect();
        let en: Vec<String> = fields.iter().map(|f| f.label().en).collect();
        let mut o = Self::skipped(
            Vec::new(),
            format!("还没有填写：{}", zh.join("、")),
            format!("Not entered yet: {}", en.join(", ")),
        );
        o.data.insert(
            "missing".into(),
            fields
                .iter()
                .map(|f| Value::String(f.key().into()))
                .collect(),
        );
        o
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.data.insert(key.into(), value.into());
        self
    }

    pub fn status(mut self, status: CheckStatus) -> Self {
        self.status = status;
        self
    }

    pub fn finish(
        self,
        planned: &PlannedCheck,
        trace: Vec<Exchange>,
        duration_ms: u32,
    ) -> CheckResult {
        CheckResult {
            id: planned.id.clone(),
            title: planned.title.clone(),
            status: self.status,
            code: self.code,
            data: self.data,
            message: self.message,
            fix: self.fix,
            fix_url: self.fix_url,
            advice: self.advice,
            original: self.original,
            duration_ms,
            skipped_because: self.skipped_because,
            trace: trace.into_iter().map(entry).collect(),
        }
        .settle_advice()
    }
}

/// A client exchange (already redacted by the `dingtalk` crate) as a trace line.
pub(crate) fn entry(e: Exchange) -> TraceEntry {
    TraceEntry {
        method: e.method,
        url: e.url,
        request_body: e.request_body,
        status: e.status,
        response_body: e.response_body,
        duration_ms: e.duration_ms.min(u64::from(u32::MAX)) as u32,
        error: e.error,
    }
}
