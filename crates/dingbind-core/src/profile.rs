//! The binding profile: what the admin entered for one binding and how far they got. It holds no
//! secret — only where each secret lives — and everything derived from it (field verdicts, step
//! completion, generated URLs) is computed by [`evaluate`], never stored.

use crate::field::Field;
use crate::secrets::mask;
use crate::template::Template;
use crate::urls::{generate, GeneratedUrl};
use crate::validate::{validate_in_context, Validation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

pub const SCHEMA_VERSION: u32 = 1;

/// Where a secret was put: the OS keychain, or this session's memory when no keychain is available
/// (gone at exit — the UI says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretLocation {
    Keychain,
    Session,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    pub schema_version: u32,
    pub id: String,
    pub name: String,
    pub template_id: String,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    /// What is in each non-secret box, exactly as last typed or cleaned (possibly invalid: nothing
    /// the admin typed is thrown away).
    pub values: BTreeMap<Field, String>,
    /// The admin's own patterns for editable URLs, by URL name.
    #[serde(default)]
    pub url_patterns: BTreeMap<String, String>,
    #[serde(default)]
    pub secrets: BTreeMap<Field, SecretLocation>,
    /// The step the admin is on (a step id, or `summary`).
    pub current_step: String,
    /// `step_id.confirm_id` → when the admin ticked it (RFC 3339).
    #[serde(default)]
    pub confirmations: BTreeMap<String, String>,
}

pub const SUMMARY_STEP: &str = "summary";
/// The wizard's own pages after a template's steps, in order (the UI shows them under these ids, so
/// a template step may not use one).
pub const WIZARD_PAGES: [&str; 6] = [
    "scan_codes",
    "login_test",
    "live",
    "sync_preview",
    "history",
    SUMMARY_STEP,
];

impl Profile {
    pub fn new(id: String, name: String, template: &Template, now: String) -> Self {
        Profile {
            schema_version: SCHEMA_VERSION,
            id,
            name,
            template_id: template.id.clone(),
            created_at: now.clone(),
            updated_at: now,
            values: BTreeMap::new(),
            url_patterns: BTreeMap::new(),
            secrets: BTreeMap::new(),
            current_step: template
                .steps
                .first()
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            confirmations: BTreeMap::new(),
        }
    }

    /// Drops anything that must not be written to disk: a secret that found its way into `values`.
    pub fn without_secret_values(mut self) -> Self {
        self.values.retain(|f, _| !f.is_secret());
        self
    }
}

pub fn confirmation_key(step_id: &str, confirm_id: &str) -> String {
    format!("{step_id}.{confirm_id}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepState {
    pub id: String,
    pub complete: bool,
    /// Fields of this step with no value yet.
    pub missing: Vec<Field>,
    /// Fields of this step whose value is rejected.
    pub invalid: Vec<Field>,
    /// Confirmations of this step not yet ticked.
    pub unconfirmed: Vec<String>,
}

/// Everything the UI shows that follows from a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Evaluation {
    /// A verdict for every field the template needs. Secret verdicts carry a masked value.
    pub fields: BTreeMap<Field, Validation>,
    pub steps: Vec<StepState>,
    pub urls: Vec<GeneratedUrl>,
    pub complete: bool,
    /// The template's break-glass (the platform's manual way in), filled in for these values;
    /// absent when the template knows none.
    #[serde(default)]
    pub break_glass: Option<crate::template::BreakGlassNote>,
}

/// Judges every field, step and URL of `profile`. `secrets` holds the secret values this session
/// can see (from the keychain or memory).
pub fn evaluate(
    template: &Template,
    profile: &Profile,
    secrets: &BTreeMap<Field, String>,
) -> Evaluation {
    let raw = |f: Field| -> &str {
        if f.is_secret() {
            secrets.get(&f).map(String::as_str).unwrap_or("")
        } else {
            profile.values.get(&f).map(String::as_str).unwrap_or("")
        }
    };
    // First pass without context gives the normalised values the cross-box comparison needs.
    let normalised: BTreeMap<Field, String> = template
        .needs
        .iter()
        .map(|&f| (f, crate::validate::validate(f, raw(f))))
        .filter(|(_, v)| v.ok)
        .map(|(f, v)| (f, v.value))
        .collect();
    let fields: BTreeMap<Field, Validation> = template
        .needs
        .iter()
        .map(|&f| {
            let mut v = validate_in_context(f, raw(f), &normalised);
            if f.is_secret() {
                v.value = mask(&v.value);
            }
            (f, v)
        })
        .collect();

    let steps: Vec<StepState> = template
        .steps
        .iter()
        .map(|step| {
            let missing: Vec<Field> = step
                .fields
                .iter()
                .copied()
                .filter(|f| fields[f].code == Some(crate::validate::ErrorCode::Empty))
                .collect();
            let invalid: Vec<Field> = step
                .fields
                .iter()
                .copied()
                .filter(|f| !fields[f].ok && !missing.contains(f))
                .collect();
            let unconfirmed: Vec<String> = step
                .confirm
                .iter()
                .filter(|c| {
                    !profile
                        .confirmations
                        .contains_key(&confirmation_key(&step.id, &c.id))
                })
                .map(|c| c.id.clone())
                .collect();
            StepState {
                id: step.id.clone(),
                complete: missing.is_empty() && invalid.is_empty() && unconfirmed.is_empty(),
                missing,
                invalid,
                unconfirmed,
            }
        })
        .collect();

    let valid: BTreeMap<Field, String> = fields
        .iter()
        .filter(|(f, v)| v.ok && !f.is_secret())
        .map(|(f, v)| (*f, v.value.clone()))
        .collect();
    let urls = generate(template, &valid, &profile.url_patterns);
    let complete = steps.iter().all(|s| s.complete) && urls.iter().all(|u| u.url.is_some());
    Evaluation {
        fields,
        steps,
        urls,
        complete,
        break_glass: template.break_glass_for(&valid),
    }
}
