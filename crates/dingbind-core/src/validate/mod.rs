//! Judging one field's value after [`crate::sanitize`] has cleaned it. The rules come from
//! `reference/dingtalk-api.md` §2. DingTalk documents none of the ID formats, so a value that merely
//! *looks* unusual only warns; what blocks is what cannot be right (a secret in an ID box, a number
//! in the Client ID box, a label that names another box, spaces inside an ID). A value in the wrong
//! box is named for the box it belongs in.

use crate::field::Field;
use crate::i18n::Text;
use crate::sanitize::{clean, Cleaned};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;
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

static CORP_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ding(?:[0-9a-f]{16}|[0-9a-f]{32})$").unwrap());
static CLIENT_ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^ding[a-z0-9]{16}$").unwrap());
static LEGACY_APPID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^dingoa[a-z0-9]{16}$").unwrap());
static SECRET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_-]{64}$").unwrap());
static TOKENISH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_-]+$").unwrap());
static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        .unwrap()
});
static MASKED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\*{3,}|x{4,}|…|\.\.\.").unwrap());

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

fn compare_with_others(
    field: Field,
    verdict: Verdict,
    others: &BTreeMap<Field, String>,
) -> Verdict {
    let Some((&other, _)) = others
        .iter()
        .find(|(&f, v)| f != field && !v.is_empty() && **v == verdict.value)
    else {
        return verdict;
    };
    let message = Text::new(
        format!("与「{}」框中的值相同，两者不应相同；请确认每个值都来自正确的位置。", other.label().zh),
        format!(
            "This is the same value as in the “{}” box; they should differ. Check where each came from.",
            other.label().en
        ),
    );
    if field.is_secret() && other.is_secret() {
        // SSOsecret is per organisation and Client Secret per app: equal is suspicious, not impossible to type.
        return verdict.warn(WarningCode::SameAsOtherField, message, None);
    }
    let value = verdict.value.clone();
    Verdict {
        notes: verdict.notes,
        ..Verdict::err(&value, ErrorCode::WrongField, message)
    }
}

/// What an unmistakable value is, whatever box it was pasted into.
fn certain_kind(v: &str) -> Option<Field> {
    if v.starts_with("http://") || v.starts_with("https://") {
        Some(Field::Domain)
    } else if !v.is_empty() && v.len() <= 18 && v.bytes().all(|b| b.is_ascii_digit()) {
        Some(Field::AgentId)
    } else if SECRET.is_match(v) && !v.starts_with("ding") {
        Some(Field::ClientSecret)
    } else if CORP_ID.is_match(v) && v.len() == 36 {
        Some(Field::CorpId)
    } else if v.starts_with("ding") && v.len() <= 36 && TOKENISH.is_match(v) {
        Some(if CORP_ID.is_match(v) {
            Field::CorpId
        } else {
            Field::ClientId
        })
    } else {
        None
    }
}

fn wrong_box(field: Field, v: &str, belongs: Field) -> Verdict {
    let what = match belongs {
        Field::Domain => Text::new("一个网址", "a web address"),
        Field::AgentId => Text::new(
            "一个纯数字（像 AgentId）",
            "a plain number (like an AgentId)",
        ),
        Field::ClientSecret => Text::new(
            "一个 64 位密钥（像 Client Secret 或 SSOsecret）",
            "a 64-character secret (like a Client Secret or SSOsecret)",
        ),
        Field::CorpId => Text::new("一个 CorpId", "a CorpId"),
        Field::ClientId => Text::new("一个 Client ID", "a Client ID"),
        Field::CorpName | Field::SsoSecret | Field::EventToken | Field::AesKey => belongs.label(),
    };
    Verdict::wrong(
        v,
        belongs,
        Text::new(
            format!(
                "这看起来是{}，应填到「{}」框。「{}」在{}。",
                what.zh,
                belongs.label().zh,
                field.label().zh,
                field.source().zh
            ),
            format!(
                "This looks like {}: it belongs in the “{}” box. The {} is on {}.",
                what.en,
                belongs.label().en,
                field.label().en,
                field.source().en
            ),
        ),
    )
}

/// Rejections shared by every DingTalk ID box: spaces, non-ASCII, masked or example values,
/// a Unified App ID, and any unmistakable value of another field.
fn id_precheck(field: Field, v: &str) -> Option<Verdict> {
    if v.chars().any(char::is_whitespace) {
        return Some(Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                format!("{}中间不应有空格或换行，可能复制时多选了内容。", field.label().zh),
                format!(
                    "The {} cannot contain spaces or line breaks; the copy probably took more than the value.",
                    field.label().en
                ),
            ),
        ));
    }
    if MASKED.is_match(v) {
        return Some(Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                "这是被遮挡或示例中的值（含 *** 或 xxxx）。请在控制台点“查看”后复制完整的值。",
                "This is a masked or example value (it contains *** or xxxx). Click “view” in the console and copy the whole value.",
            ),
        ));
    }
    if !v.is_ascii() {
        return Some(Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                format!(
                    "{}只包含英文字母、数字、- 和 _，这里有中文或其他字符。",
                    field.label().zh
                ),
                format!(
                    "The {} has only letters, digits, - and _; this contains other characters.",
                    field.label().en
                ),
            ),
        ));
    }
    if UUID.is_match(v) {
        return Some(Verdict::err(
            v,
            ErrorCode::WrongField,
            Text::new(
                format!("这是“Unified App ID”（统一应用ID），绑定不需要它。请复制同一页面上的{}。", field.label().zh),
                format!(
                    "This is the Unified App ID, which the binding does not use. Copy the {} from the same page.",
                    field.label().en
                ),
            ),
        ));
    }
    match certain_kind(v) {
        Some(kind)
            if !(kind == field
                || kind.is_secret() && field.is_secret()
                || ding_lookalike(field, kind, v)) =>
        {
            Some(wrong_box(field, v, kind))
        }
        _ => None,
    }
}

/// CorpIds and Client IDs both start with `ding`, and telling them apart rests on inferred formats
/// (hex or not), so between those two boxes only a 36-character CorpId is certain; the box's own
/// check warns about the rest.
fn ding_lookalike(field: Field, kind: Field, v: &str) -> bool {
    match (field, kind) {
        (Field::CorpId, Field::ClientId) => true,
        (Field::ClientId, Field::CorpId) => v.len() != 36,
        _ => false,
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

fn corp_id(v: &str) -> Verdict {
    if let Some(rejected) = id_precheck(Field::CorpId, v) {
        return rejected;
    }
    if CORP_ID.is_match(v) {
        return Verdict::ok(v);
    }
    if CLIENT_ID.is_match(v) {
        return Verdict::ok(v).warn(
            WarningCode::LooksLikeOtherField,
            Text::new(
                "这更像 Client ID（含 g–z 字母；CorpId 通常只含 0–9、a–f）。CorpId 在开发者后台首页，Client ID 应填到「Client ID」框。",
                "This looks more like a Client ID (it has letters g–z; CorpIds use 0–9 and a–f). The CorpId is on the console home page; a Client ID goes in the “Client ID” box.",
            ),
            Some(Field::ClientId),
        );
    }
    unusual(
        v,
        Field::CorpId,
        "ding + 16 或 32 位十六进制",
        "ding + 16 or 32 hex characters",
    )
}

fn corp_name(v: &str) -> Verdict {
    if v.contains(['\n', '\r']) {
        return Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                "企业名称只能是一行。",
                "The organisation name must be a single line.",
            ),
        );
    }
    if let Some(kind @ (Field::Domain | Field::ClientSecret | Field::CorpId | Field::ClientId)) =
        certain_kind(v)
    {
        return wrong_box(Field::CorpName, v, kind);
    }
    if v.chars().count() > 50 {
        return Verdict::ok(v).warn(
            WarningCode::UnusualFormat,
            Text::new(
                "企业名称超过 50 个字，扫码登录页可能显示不全。",
                "Names over 50 characters may be cut off on the scan-login page.",
            ),
            None,
        );
    }
    Verdict::ok(v)
}

fn agent_id(v: &str) -> Verdict {
    // `0_<AgentId>` is the app_id form used in workbench deep links.
    let (digits, note) = match v.strip_prefix("0_") {
        Some(rest) if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) => (
            rest,
            Some(Text::new(
                "已去掉工作台链接里的“0_”前缀",
                "removed the “0_” prefix of workbench links",
            )),
        ),
        _ => (v, None),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(rejected) = id_precheck(Field::AgentId, v) {
            return rejected;
        }
        return Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                "AgentId 是一串数字（例如 836390886）。",
                "The AgentId is a number (e.g. 836390886).",
            ),
        );
    }
    if digits.len() > 18 {
        return Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                "AgentId 太长了，请核对。",
                "That is too long for an AgentId; check it.",
            ),
        );
    }
    let mut verdict = if digits.len() < 6 || digits.len() > 12 || digits.starts_with('0') {
        unusual(digits, Field::AgentId, "9–10 位数字", "9–10 digits")
    } else {
        Verdict::ok(digits)
    };
    verdict.notes.extend(note);
    verdict
}

fn client_id(v: &str) -> Verdict {
    if let Some(rejected) = id_precheck(Field::ClientId, v) {
        return rejected;
    }
    if LEGACY_APPID.is_match(v) {
        return Verdict::ok(v).warn(
            WarningCode::LegacyAppId,
            Text::new(
                "这像旧版“扫码登录应用”的 appid（dingoa 开头）。企业内部应用请用“凭证与基础信息”页的 Client ID。",
                "This looks like the appid of a legacy scan-login app (starts with dingoa). Use the Client ID from the internal app's Credentials page.",
            ),
            None,
        );
    }
    if CORP_ID.is_match(v) {
        return Verdict::ok(v).warn(
            WarningCode::LooksLikeOtherField,
            Text::new(
                "这更像 CorpId（只含 0–9、a–f；Client ID 通常还含 g–z 字母）。CorpId 在开发者后台首页，应填到「CorpId」框；Client ID 在应用的“凭证与基础信息”页。",
                "This looks more like a CorpId (only 0–9 and a–f; Client IDs usually have letters g–z too). The CorpId, from the console home page, goes in the “CorpId” box; the Client ID is on the app's Credentials page.",
            ),
            Some(Field::CorpId),
        );
    }
    if CLIENT_ID.is_match(v) {
        return Verdict::ok(v);
    }
    if !TOKENISH.is_match(v) {
        return Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                "Client ID 只包含字母、数字、- 和 _。",
                "A Client ID has only letters, digits, - and _.",
            ),
        );
    }
    unusual(
        v,
        Field::ClientId,
        "ding 开头，共 20 位",
        "“ding” + 16 letters or digits",
    )
}

fn secret(field: Field, v: &str) -> Verdict {
    if let Some(rejected) = id_precheck(field, v) {
        return rejected;
    }
    if SECRET.is_match(v) {
        return Verdict::ok(v);
    }
    unusual(
        v,
        field,
        "64 位字母、数字、- 或 _",
        "64 letters, digits, - or _",
    )
}

mod domain;
use domain::domain;

/// The event-subscription token: 3–32 letters or digits (DingTalk's console rule, reference §2).
fn event_token(v: &str) -> Verdict {
    if let Some(rejected) = id_precheck(Field::EventToken, v) {
        return rejected;
    }
    if (3..=32).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Verdict::ok(v);
    }
    Verdict::err(
        v,
        ErrorCode::BadFormat,
        Text::new(
            "签名 token 是 3–32 位字母或数字（钉钉后台的规则）。可以点“生成”得到一个。",
            "The signature token is 3–32 letters or digits (DingTalk's rule). Click “Generate” for one.",
        ),
    )
}

/// The event-subscription aes_key: exactly 43 letters or digits (a 44th `=` is base64 padding the
/// console does not show; errcode 900004 otherwise).
fn aes_key(v: &str) -> Verdict {
    let (key, padded) = match v.strip_suffix('=') {
        Some(k) if k.len() == 43 => (k, true),
        _ => (v, false),
    };
    if let Some(rejected) = id_precheck(Field::AesKey, key) {
        return rejected;
    }
    if key.len() == 43 && key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let mut verdict = Verdict::ok(key);
        if padded {
            verdict
                .notes
                .push(Text::new("已去掉结尾的“=”", "removed the trailing “=”"));
        }
        return verdict;
    }
    Verdict::err(
        v,
        ErrorCode::BadFormat,
        Text::new(
            format!("加密 aes_key 必须正好 43 位字母或数字（现在是 {} 位），否则钉钉报 900004。可以点“生成”得到一个。", key.chars().count()),
            format!("The aes_key must be exactly 43 letters or digits (this has {}); DingTalk answers 900004 otherwise. Click “Generate” for one.", key.chars().count()),
        ),
    )
}
