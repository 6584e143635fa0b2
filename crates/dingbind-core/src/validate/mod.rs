//! Judging one field's value after [`crate::sanitize`] has cleaned it. The rules come from
//! docs/dingtalk/console.md#identifiers (aes_key and token: docs/dingtalk/callback.md#settings).
//! DingTalk documents none of the ID formats, so a value that merely *looks* unusual only warns;
//! what blocks is what cannot be right (a secret in an ID box, a number in the Client ID box, a
//! label that names another box, spaces inside an ID). A value in the wrong box is named for the
//! box it belongs in.
//!
//! This module holds the verdict types and the entry points; the value shapes are in `shapes`,
//! wrong-box detection in `mixups`, and the per-box rules in `ids`, `secrets` and `domain`.

mod domain;
mod ids;
mod mixups;
mod secrets;
mod shapes;

use crate::field::Field;
use crate::i18n::Text;
use crate::sanitize::{clean, Cleaned};
use domain::domain;
use ids::{agent_id, client_id, corp_id, corp_name};
use mixups::compare_with_others;
use secrets::{aes_key, event_token, secret};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Why a value is rejected. Stable: the CLI's `--json` output carries it as `code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Empty,
    BadFormat,
    WrongField,
}

/// Why an accepted value still deserves a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Not the shape seen in public examples; DingTalk documents no format, so this never blocks.
    UnusualFormat,
    /// Probably belongs in another box (see `suggested_field`).
    LooksLikeOtherField,
    PlainHttp,
    IpAddress,
    NotPublic,
    PathDropped,
    SameAsOtherField,
    LegacyAppId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Warning {
    pub code: WarningCode,
    pub message: Text,
    pub suggested_field: Option<Field>,
}

/// The verdict on one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Validation {
    pub field: Field,
    pub ok: bool,
    /// The normalised value (what gets saved and used); on error, the cleaned input, so nothing is lost.
    pub value: String,
    pub code: Option<ErrorCode>,
    /// The box the value looks like it belongs in.
    pub suggested_field: Option<Field>,
    pub message: Option<Text>,
    pub warnings: Vec<Warning>,
    /// What paste cleaning removed or converted.
    pub cleaned: Vec<Text>,
}

struct Verdict {
    value: String,
    error: Option<(ErrorCode, Text, Option<Field>)>,
    warnings: Vec<Warning>,
    notes: Vec<Text>,
}

impl Verdict {
    fn ok(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            error: None,
            warnings: Vec::new(),
            notes: Vec::new(),
        }
    }
    fn err(value: &str, code: ErrorCode, message: Text) -> Self {
        Self {
            error: Some((code, message, None)),
            ..Self::ok(value)
        }
    }
    fn wrong(value: &str, belongs: Field, message: Text) -> Self {
        Self {
            error: Some((ErrorCode::WrongField, message, Some(belongs))),
            ..Self::ok(value)
        }
    }
    fn warn(mut self, code: WarningCode, message: Text, suggested_field: Option<Field>) -> Self {
        self.warnings.push(Warning {
            code,
            message,
            suggested_field,
        });
        self
    }
}

fn unusual(v: &str, field: Field, seen: &str, seen_en: &str) -> Verdict {
    Verdict::ok(v).warn(
        WarningCode::UnusualFormat,
        Text::new(
            format!("这个{}和常见格式（{}）不同，请核对是否复制完整。不影响保存。", field.label().zh, seen),
            format!(
                "This {} differs from the usual shape ({}); check it was copied whole. You can still go on.",
                field.label().en,
                seen_en
            ),
        ),
        None,
    )
}

/// Validates `raw` as the value of `field`, cleaning the paste first.
pub fn validate(field: Field, raw: &str) -> Validation {
    validate_in_context(field, raw, &BTreeMap::new())
}

/// As [`validate`], also comparing with the values already in the other boxes: the same value in
/// two boxes means one of them is wrong.
pub fn validate_in_context(
    field: Field,
    raw: &str,
    others: &BTreeMap<Field, String>,
) -> Validation {
    let Cleaned {
        value,
        notes,
        label_field,
    } = clean(raw, field != Field::CorpName);
    let mut verdict = match label_field {
        Some(labelled) if !same_box(labelled, field) => Verdict::wrong(
            &value,
            labelled,
            Text::new(
                format!(
                    "粘贴的这一行标明是另一个值，应填到「{}」框；这里是「{}」框（{}在{}）。",
                    labelled.label().zh,
                    field.label().zh,
                    field.label().zh,
                    field.source().zh
                ),
                format!(
                    "The pasted line is labelled as another value: it belongs in the “{}” box. This is the “{}” box (the {} is on {}).",
                    labelled.label().en,
                    field.label().en,
                    field.label().en,
                    field.source().en
                ),
            ),
        ),
        _ if value.is_empty() => Verdict::err(
            &value,
            ErrorCode::Empty,
            Text::new(
                format!("请填写{}（在{}）。", field.label().zh, field.source().zh),
                format!(
                    "Enter the {} (found on {}).",
                    field.label().en,
                    field.source().en
                ),
            ),
        ),
        _ => match field {
            Field::Domain => domain(&value),
            Field::CorpId => corp_id(&value),
            Field::CorpName => corp_name(&value),
            Field::AgentId => agent_id(&value),
            Field::ClientId => client_id(&value),
            Field::ClientSecret | Field::SsoSecret => secret(field, &value),
            Field::EventToken => event_token(&value),
            Field::AesKey => aes_key(&value),
        },
    };
    if verdict.error.is_none() {
        verdict = compare_with_others(field, verdict, others);
    }
    let mut cleaned = notes;
    cleaned.extend(verdict.notes);
    let (code, message, suggested) = match verdict.error {
        Some((code, message, suggested)) => (Some(code), Some(message), suggested),
        None => (
            None,
            None,
            verdict.warnings.iter().find_map(|w| w.suggested_field),
        ),
    };
    Validation {
        field,
        ok: code.is_none(),
        value: verdict.value,
        code,
        suggested_field: suggested,
        message,
        warnings: verdict.warnings,
        cleaned,
    }
}

/// A Client Secret labelled `SSOsecret` is still a secret in a secret box; only the two secret boxes
/// share a shape, and a label naming the other one is a real mix-up, so only identity counts.
fn same_box(labelled: Field, field: Field) -> bool {
    labelled == field
}
