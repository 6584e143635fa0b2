//! Values in the wrong box: the message naming the box a value belongs in, the rejections shared
//! by every DingTalk ID box, and the same value typed into two boxes.

use super::shapes::{certain_kind, MASKED, UUID};
use super::{ErrorCode, Verdict, WarningCode};
use crate::field::Field;
use crate::i18n::Text;
use std::collections::BTreeMap;

pub(super) fn compare_with_others(
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

pub(super) fn wrong_box(field: Field, v: &str, belongs: Field) -> Verdict {
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
pub(super) fn id_precheck(field: Field, v: &str) -> Option<Verdict> {
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
