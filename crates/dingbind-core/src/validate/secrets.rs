//! The secret boxes: Client Secret and SSOsecret, and the event subscription's token and aes_key.

use super::mixups::id_precheck;
use super::shapes::SECRET;
use super::{unusual, ErrorCode, Verdict};
use crate::field::Field;
use crate::i18n::Text;

pub(super) fn secret(field: Field, v: &str) -> Verdict {
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

/// The event-subscription token: 3–32 letters or digits (DingTalk's console rule,
/// docs/dingtalk/callback.md#settings).
pub(super) fn event_token(v: &str) -> Verdict {
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
pub(super) fn aes_key(v: &str) -> Verdict {
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
