//! Judging the platform's reply to the `check_url` event as DingTalk does: HTTP 200, a JSON
//! object with `msg_signature`, `timeStamp`, `nonce` and `encrypt`, a signature that verifies
//! with the token, and an `encrypt` that decrypts (same aes_key, owner key = Client ID) to
//! exactly `success`. Time is judged by the parent module; so is scrubbing the secrets.

use crate::checks::outcome::Outcome;
use crate::checks::CheckStatus;
use crate::diagnosis::{explain, Diagnosis, DiagnosisCode, DiagnosisData};
use crate::i18n::Text;
use dingtalk::callback_crypto::{self as cc, Crypto, CryptoError};
use dingtalk::trace::truncate;
use serde_json::Value;

/// The reply fields DingTalk reads, in its spelling.
const REPLY_FIELDS: [&str; 4] = ["msg_signature", "timeStamp", "nonce", "encrypt"];
/// How much of the platform's reply is kept as `original`.
pub(super) const ORIGINAL_MAX: usize = 300;

/// What DingTalk concludes from the reply, ignoring time.
pub(super) fn judge(crypto: &Crypto, status: u16, text: &str) -> Outcome {
    let original = Some(truncate(text.trim(), ORIGINAL_MAX)).filter(|o| !o.is_empty());
    let http = DiagnosisData {
        http_status: Some(status),
        ..DiagnosisData::default()
    };
    if status != 200 {
        if let Some(o) = platform_crypto_error(text, status) {
            return o;
        }
        if (200..300).contains(&status) {
            let detail = t(
                format!("平台返回了 HTTP {status}，钉钉只接受 HTTP 200。"),
                format!("The platform answered HTTP {status}; DingTalk accepts only HTTP 200."),
            );
            return bad_reply(None, http, original, detail, "not_200");
        }
        let d = Diagnosis::http_status(status, Some(text));
        let detail = t(
            format!("钉钉把 check_url 验证事件 POST 到事件回调地址，平台返回了 HTTP {status}。"),
            format!("DingTalk POSTs the check_url event to the event URL; the platform answered HTTP {status}."),
        );
        return fail(d.code, None, d.data, d.original, detail, "http_status");
    }

    let json: Option<Value> = serde_json::from_str(text).ok();
    let Some(Value::Object(map)) = json else {
        if let Some(o) = platform_crypto_error(text, status) {
            return o;
        }
        let plain = text.trim().trim_matches('"');
        let (detail, reason) = if plain.eq_ignore_ascii_case(cc::SUCCESS) {
            (t(
                "平台返回的是明文「success」，钉钉要的是加密后的 success（JSON）。",
                "The platform answered a plain “success”; DingTalk needs it encrypted, in JSON.",
            ), "plain_success")
        } else if plain.is_empty() {
            (
                t("平台返回了空内容。", "The platform answered an empty body."),
                "empty",
            )
        } else {
            (
                t(
                    "平台返回的不是 JSON 对象。",
                    "The platform's answer is not a JSON object.",
                ),
                "not_json",
            )
        };
        return bad_reply(None, http, original, detail, reason);
    };
    let field = |k: &str| match map.get(k) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) if k != "encrypt" => Some(n.to_string()),
        _ => None,
    };
    let [sig, ts, nonce, encrypt] = REPLY_FIELDS.map(field);
    let (Some(sig), Some(ts), Some(nonce), Some(encrypt)) = (sig, ts, nonce, encrypt) else {
        if let Some(o) = platform_crypto_error(text, status) {
            return o;
        }
        let missing: Vec<&str> = REPLY_FIELDS
            .into_iter()
            .filter(|k| field(k).is_none())
            .collect();
        let list = missing.join(", ");
        let detail = t(
            format!("平台返回的 JSON 缺少字段：{list}。"),
            format!("The platform's JSON lacks: {list}."),
        );
        return bad_reply(None, http, original, detail, "missing_fields")
            .with("missing_fields", missing);
    };

    if let Err(e) = crypto.verify_signature(&sig, &ts, &nonce, &encrypt) {
        let decrypts = crypto.decrypt(&encrypt).is_ok();
        let detail = t(
            format!("回复的 msg_signature 与 sha1(token, timeStamp, nonce, encrypt) 不符：平台签名用的 token 和这里的不一致，或者签名时用的 timeStamp/nonce 不是回复里的那两个{}。",
                if decrypts { "（回复本身能解密，aes_key 是对的）" } else { "" }),
            format!("The reply's msg_signature does not match sha1(token, timeStamp, nonce, encrypt): the platform signs with another token, or signs a timeStamp/nonce other than the ones it returns{}.",
                if decrypts { " (the reply itself decrypts, so the aes_key is right)" } else { "" }),
        );
        return decrypt_failed(&e, detail, "bad_signature").with("decrypts", decrypts);
    }
    match crypto.decrypt(&encrypt) {
        Err(CryptoError::OwnerKeyMismatch { expected, found }) => {
            let e = CryptoError::OwnerKeyMismatch {
                expected: expected.clone(),
                found: found.clone(),
            };
            let (zh_kind, en_kind) = if looks_like_corp_id(&found) {
                ("，看起来是 CorpId", ", which looks like a CorpId")
            } else if found.is_empty() {
                ("（空的，末尾什么都没加）", " (empty: nothing appended)")
            } else {
                ("", "")
            };
            let detail = t(
                format!("平台加密回复时用的 ownerKey 是「{found}」{zh_kind}；在开发者后台配置的事件订阅要用应用的 Client ID「{expected}」。"),
                format!("The platform encrypted its reply for owner key “{found}”{en_kind}; console-configured event subscriptions use the app's Client ID “{expected}”."),
            );
            decrypt_failed(&e, detail, "owner_key_mismatch").with("owner_key_found", found)
        }
        Err(e) => {
            let detail = t(
                "回复的签名正确（token 一致），但 encrypt 解不开：平台用的加密 aes_key 和这里的不一致。",
                "The reply's signature is right (same token) but its encrypt does not decrypt: the platform uses another aes_key.",
            );
            decrypt_failed(&e, detail, "decrypt_error")
        }
        Ok(msg) if msg == cc::SUCCESS => Outcome::ok(
            "平台正确回复了钉钉的 check_url 验证事件（加密的 success，签名正确）。",
            "The platform answered DingTalk's check_url event correctly (encrypted “success”, valid signature).",
        )
        .with("reason", "ok"),
        Ok(msg) => {
            let shown = truncate(&msg, 64);
            let detail = t(
                format!("平台的回复解密后是「{shown}」，不是「success」（钉钉：71009 返回文本非success）。"),
                format!("The platform's reply decrypts to “{shown}”, not “success” (DingTalk: 71009 返回文本非success)."),
            );
            bad_reply(Some("71009"), http, original, detail, "not_success").with("decrypted", shown)
        }
    }
}

/// A reply (of any status) whose text is a crypto library's error: the platform could not
/// verify or decrypt DingTalk's event.
fn platform_crypto_error(text: &str, status: u16) -> Option<Outcome> {
    let d = explain(text).into_iter().find(|d| {
        use DiagnosisCode::{CallbackCryptoKey, CallbackDecryptFailed};
        matches!(d.code, CallbackDecryptFailed | CallbackCryptoKey)
    })?;
    let data = DiagnosisData {
        http_status: Some(status),
        ..d.data
    };
    let detail = t(
        "平台没能验证或解密钉钉发来的 check_url 验证事件（它的报错见原话）。",
        "The platform could not verify or decrypt DingTalk's check_url event (its error is quoted).",
    );
    let original = Some(truncate(text.trim(), ORIGINAL_MAX));
    let reason = "platform_decrypt_error";
    Some(fail(d.code, d.errcode, data, original, detail, reason))
}

/// A failure explained by a diagnosis, with what exactly went wrong in front of its cause,
/// `data.reason` for programs, and DingTalk's code as `data.errcode`.
pub(super) fn fail(
    code: DiagnosisCode,
    errcode: Option<String>,
    data: DiagnosisData,
    original: Option<String>,
    detail: Text,
    reason: &str,
) -> Outcome {
    let d = Diagnosis::new(code, errcode.clone(), data, original);
    let o = prefixed(Outcome::diagnosed(CheckStatus::Fail, d), detail).with("reason", reason);
    match errcode {
        Some(c) => o.with("errcode", c),
        None => o,
    }
}

fn bad_reply(
    errcode: Option<&str>,
    data: DiagnosisData,
    original: Option<String>,
    detail: Text,
    reason: &str,
) -> Outcome {
    let code = DiagnosisCode::CallbackBadReply;
    fail(
        code,
        errcode.map(str::to_string),
        data,
        original,
        detail,
        reason,
    )
}

fn decrypt_failed(e: &CryptoError, detail: Text, reason: &str) -> Outcome {
    let data = DiagnosisData {
        http_status: Some(200),
        ..DiagnosisData::default()
    };
    let (code, errcode) = (DiagnosisCode::CallbackDecryptFailed, e.code().to_string());
    fail(
        code,
        Some(errcode),
        data,
        Some(e.to_string()),
        detail,
        reason,
    )
}

/// Puts what exactly went wrong before the diagnosis' general cause.
pub(super) fn prefixed(mut o: Outcome, detail: Text) -> Outcome {
    o.message = Text::new(
        format!("{}{}", detail.zh, o.message.zh),
        format!("{} {}", detail.en, o.message.en),
    );
    o
}

pub(super) fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh, en)
}

/// `ding` + 16 or 32 lowercase hex digits (a Client ID is `ding` + 16 of `[a-z0-9]`, so a
/// 20-character all-hex value is ambiguous; it is still more likely a CorpId here).
fn looks_like_corp_id(s: &str) -> bool {
    s.strip_prefix("ding").is_some_and(|rest| {
        matches!(rest.len(), 16 | 32)
            && rest
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}
