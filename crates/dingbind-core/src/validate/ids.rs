//! The organisation's and the app's identifiers: CorpId, organisation name, AgentId and Client ID.

use super::mixups::{id_precheck, wrong_box};
use super::shapes::{certain_kind, CLIENT_ID, CORP_ID, LEGACY_APPID, TOKENISH};
use super::{unusual, ErrorCode, Verdict, WarningCode};
use crate::field::Field;
use crate::i18n::Text;

pub(super) fn corp_id(v: &str) -> Verdict {
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

pub(super) fn corp_name(v: &str) -> Verdict {
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

pub(super) fn agent_id(v: &str) -> Verdict {
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

pub(super) fn client_id(v: &str) -> Verdict {
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
