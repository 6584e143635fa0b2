//! The shapes of DingTalk's values (inferred from public examples: DingTalk documents none), and
//! [`certain_kind`]: what an unmistakable value is, whatever box it was pasted into.

use crate::field::Field;
use regex::Regex;
use std::sync::LazyLock;

pub(super) static CORP_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ding(?:[0-9a-f]{16}|[0-9a-f]{32})$").expect("regex"));
pub(super) static CLIENT_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ding[a-z0-9]{16}$").expect("regex"));
pub(super) static LEGACY_APPID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^dingoa[a-z0-9]{16}$").expect("regex"));
pub(super) static SECRET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_-]{64}$").expect("regex"));
pub(super) static TOKENISH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_-]+$").expect("regex"));
pub(super) static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        .expect("regex")
});
pub(super) static MASKED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\*{3,}|x{4,}|…|\.\.\.").expect("regex"));

/// What an unmistakable value is, whatever box it was pasted into.
pub(super) fn certain_kind(v: &str) -> Option<Field> {
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
