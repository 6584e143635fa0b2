//! Reading a manifest's JSON by hand, member by member, so every refusal names the exact place
//! (an RFC 6901 pointer) and says in the admin's words what is wrong there. Deserialising straight
//! into [`super::Manifest`] would only say "invalid type at line 1"; a hand-edited file deserves
//! better. Each section check returns the cleaned data or the first refusal, and collects
//! warnings for what is odd but harmless.

use super::import::{ImportError, ImportErrorCode, ImportWarning};
use crate::field::Field;
use crate::i18n::Text;
use crate::template::{check_pattern, Template};
use crate::validate::{validate, validate_in_context, Validation};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub(crate) type Object = Map<String, Value>;

/// `parent` extended by the member `key`, escaped per RFC 6901 (`~` → `~0`, `/` → `~1`).
pub(crate) fn pointer(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// A pointer as the admin reads it in a message: the member names, without the leading slash.
fn place(pointer: &str) -> String {
    pointer.trim_start_matches('/').to_string()
}

fn what(v: &Value) -> Text {
    match v {
        Value::Null => Text::new("空值（null）", "null"),
        Value::Bool(_) => Text::new("真假值", "true/false"),
        Value::Number(_) => Text::new("数字", "a number"),
        Value::String(_) => Text::new("文字", "text"),
        Value::Array(_) => Text::new("列表", "a list"),
        Value::Object(_) => Text::new("一组键值（对象）", "an object"),
    }
}

pub(crate) fn refuse(code: ImportErrorCode, pointer: String, message: Text) -> ImportError {
    ImportError {
        code,
        pointer,
        message,
    }
}

fn wrong_type(pointer: String, expected: Text, found: &Value) -> ImportError {
    let found = what(found);
    let message = Text::new(
        format!(
            "文件中“{}”处应是{}，实际是{}。文件可能被手工改过，请让对方重新导出。",
            place(&pointer),
            expected.zh,
            found.zh
        ),
        format!(
            "“{}” in the file should be {}, but it is {}. The file was probably edited by hand; ask for a fresh export.",
            place(&pointer),
            expected.en,
            found.en
        ),
    );
    refuse(ImportErrorCode::WrongType, pointer, message)
}

fn invalid(pointer: String, zh: String, en: String) -> ImportError {
    refuse(ImportErrorCode::Invalid, pointer, Text::new(zh, en))
}

/// The string at `parent/key`; absent and `null` are both `None`.
pub(crate) fn opt_str<'a>(
    obj: &'a Object,
    key: &str,
    parent: &str,
) -> Result<Option<&'a str>, ImportError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong_type(
            pointer(parent, key),
            Text::new("文字", "text"),
            other,
        )),
    }
}

pub(crate) fn opt_object<'a>(
    obj: &'a Object,
    key: &str,
    parent: &str,
) -> Result<Option<&'a Object>, ImportError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(wrong_type(
            pointer(parent, key),
            Text::new("一组键值（对象）", "an object"),
            other,
        )),
    }
}

/// A `{ "zh": ..., "en": ... }` text.
pub(crate) fn opt_text(obj: &Object, key: &str, parent: &str) -> Result<Option<Text>, ImportError> {
    let Some(o) = opt_object(obj, key, parent)? else {
        return Ok(None);
    };
    let here = pointer(parent, key);
    let zh = opt_str(o, "zh", &here)?.unwrap_or_default();
    let en = opt_str(o, "en", &here)?.unwrap_or_default();
    Ok(Some(Text::new(zh, en)))
}

/// An object whose members are all strings (`urls`, `url_patterns`, `confirmations`).
pub(crate) fn string_map(obj: &Object, key: &str) -> Result<BTreeMap<String, String>, ImportError> {
    let here = pointer("", key);
    let mut out = BTreeMap::new();
    for (k, v) in opt_object(obj, key, "")?.into_iter().flatten() {
        match v {
            Value::String(s) => {
                out.insert(k.clone(), s.clone());
            }
            other => {
                return Err(wrong_type(
                    pointer(&here, k),
                    Text::new("文字", "text"),
                    other,
                ))
            }
        }
    }
    Ok(out)
}

/// Turns a validator's verdict into the hand-off's terms: a rejection with its pointer, or the
/// normalised value plus any warnings.
fn judged(
    v: Validation,
    pointer: String,
    warnings: &mut Vec<ImportWarning>,
) -> Result<String, ImportError> {
    let label = v.field.label();
    if !v.ok {
        let why = v.message.unwrap_or_else(|| Text::new("", ""));
        return Err(invalid(
            pointer,
            format!("文件中的「{}」不能使用：{}", label.zh, why.zh),
            format!("The {} in the file cannot be used: {}", label.en, why.en),
        ));
    }
    warnings.extend(v.warnings.into_iter().map(|w| ImportWarning {
        pointer: pointer.clone(),
        message: w.message,
    }));
    Ok(v.value)
}

/// The non-secret values at the top level, validated as the wizard validates them (each against
/// the others, so one value in two boxes is caught).
pub(crate) fn values(
    root: &Object,
    template: &Template,
    warnings: &mut Vec<ImportWarning>,
) -> Result<BTreeMap<Field, String>, ImportError> {
    let mut raw = BTreeMap::new();
    for field in Field::ALL.into_iter().filter(|f| !f.is_secret()) {
        let Some(v) = opt_str(root, field.key(), "")?.filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        if !template.needs.contains(&field) {
            warnings.push(ImportWarning {
                pointer: pointer("", field.key()),
                message: unused_field(template, field),
            });
            continue;
        }
        raw.insert(field, v);
    }
    let first: BTreeMap<Field, String> = raw
        .iter()
        .map(|(&f, v)| (f, validate(f, v)))
        .filter(|(_, v)| v.ok)
        .map(|(f, v)| (f, v.value))
        .collect();
    raw.iter()
        .map(|(&f, v)| {
            let verdict = validate_in_context(f, v, &first);
            Ok((f, judged(verdict, pointer("", f.key()), warnings)?))
        })
        .collect()
}

/// The admin's URL patterns: only for editable URLs of this template, and well-formed.
pub(crate) fn url_patterns(
    root: &Object,
    template: &Template,
) -> Result<BTreeMap<String, String>, ImportError> {
    let mut out = BTreeMap::new();
    for (name, pattern) in string_map(root, "url_patterns")? {
        let here = pointer("/url_patterns", &name);
        let Some(spec) = template.url(&name) else {
            return Err(invalid(
                here,
                format!("模板「{}」里没有名为“{name}”的地址。", template.name.zh),
                format!(
                    "The template “{}” has no URL called “{name}”.",
                    template.name.en
                ),
            ));
        };
        if !spec.editable {
            return Err(invalid(
                here,
                format!("“{}”由模板固定，不能自定义。", spec.label.zh),
                format!(
                    "The “{}” is fixed by the template and cannot be customised.",
                    spec.label.en
                ),
            ));
        }
        let pattern = pattern.trim();
        if pattern.is_empty() {
            continue;
        }
        if let Err(e) = check_pattern(pattern, &template.needs) {
            return Err(invalid(
                here,
                format!("“{}”的地址格式有误：{e}", spec.label.zh),
                format!("The pattern of the “{}” is wrong: {e}", spec.label.en),
            ));
        }
        out.insert(name, pattern.to_string());
    }
    Ok(out)
}

/// `step.confirm` → RFC 3339 time. A confirmation the template does not know is kept (nothing the
/// admin did is thrown away) but mentioned.
pub(crate) fn confirmations(
    root: &Object,
    template: &Template,
    warnings: &mut Vec<ImportWarning>,
) -> Result<BTreeMap<String, String>, ImportError> {
    let out = string_map(root, "confirmations")?;
    for (key, when) in &out {
        let here = pointer("/confirmations", key);
        let rfc3339 = &time::format_description::well_known::Rfc3339;
        if time::OffsetDateTime::parse(when, rfc3339).is_err() {
            return Err(invalid(
                here,
                format!("确认时间“{when}”不是有效的时间（应像 2024-05-01T09:30:00+08:00）。"),
                format!("The confirmation time “{when}” is not a valid time (expected e.g. 2024-05-01T09:30:00+08:00)."),
            ));
        }
        let known = template.steps.iter().any(|s| {
            s.confirm
                .iter()
                .any(|c| crate::profile::confirmation_key(&s.id, &c.id) == *key)
        });
        if !known {
            warnings.push(ImportWarning {
                pointer: here,
                message: Text::new(
                    format!("模板里没有“{key}”这一步确认，保留但不会显示。"),
                    format!("The template has no confirmation “{key}”; it is kept but not shown."),
                ),
            });
        }
    }
    Ok(out)
}

/// The secret named by the member `key` of `parent`, or a refusal.
fn secret_field(key: &str, parent: &str) -> Result<Field, ImportError> {
    Field::parse(key)
        .filter(|f| f.is_secret())
        .ok_or_else(|| invalid(
            pointer(parent, key),
            format!("“{key}”不是密钥的名称（应为 client_secret、sso_secret、event_token 或 aes_key）。"),
            format!("“{key}” is not the name of a secret (expected client_secret, sso_secret, event_token or aes_key)."),
        ))
}

/// `secrets`: secret → `absent` | `present` | `included`.
pub(crate) fn secret_states(
    root: &Object,
) -> Result<BTreeMap<Field, super::SecretState>, ImportError> {
    let mut out = BTreeMap::new();
    for (key, v) in opt_object(root, "secrets", "")?.into_iter().flatten() {
        let field = secret_field(key, "/secrets")?;
        let here = pointer("/secrets", key);
        let Value::String(s) = v else {
            return Err(wrong_type(here, Text::new("文字", "text"), v));
        };
        let state = serde_json::from_value(v.clone()).map_err(|_| {
            invalid(
                here,
                format!("“{s}”不是有效的状态（应为 absent、present 或 included）。"),
                format!("“{s}” is not a valid state (expected absent, present or included)."),
            )
        })?;
        out.insert(field, state);
    }
    Ok(out)
}

/// `secret_values` of a decrypted file, validated like the wizard's secret boxes.
pub(crate) fn secret_values(
    found: &Object,
    template: &Template,
    context: &BTreeMap<Field, String>,
    warnings: &mut Vec<ImportWarning>,
) -> Result<BTreeMap<Field, String>, ImportError> {
    let mut raw = BTreeMap::new();
    for (key, v) in found {
        let field = secret_field(key, "/secret_values")?;
        let here = pointer("/secret_values", key);
        let Value::String(s) = v else {
            return Err(wrong_type(here, Text::new("文字", "text"), v));
        };
        if s.trim().is_empty() {
            continue;
        }
        if !template.needs.contains(&field) {
            warnings.push(ImportWarning {
                pointer: here,
                message: unused_field(template, field),
            });
            continue;
        }
        raw.insert(field, s.as_str());
    }
    let mut context = context.clone();
    context.extend(
        raw.iter()
            .map(|(&f, v)| (f, validate(f, v)))
            .filter(|(_, v)| v.ok)
            .map(|(f, v)| (f, v.value)),
    );
    raw.iter()
        .map(|(&f, v)| {
            let verdict = validate_in_context(f, v, &context);
            Ok((
                f,
                judged(verdict, pointer("/secret_values", f.key()), warnings)?,
            ))
        })
        .collect()
}

/// The warning for a value the template does not use.
fn unused_field(template: &Template, field: Field) -> Text {
    Text::new(
        format!(
            "模板「{}」用不到「{}」，已忽略。",
            template.name.zh,
            field.label().zh
        ),
        format!(
            "The template “{}” does not use the {}; it was ignored.",
            template.name.en,
            field.label().en
        ),
    )
}
