//! The structured parts of a paste: JSON bodies anywhere in the text (old `errcode`, new `code` +
//! `accessdenieddetail`, the x5 ban page, getsendresult `forbidden_list`, nested or
//! double-encoded), and the `key: value` pairs of JS object dumps, Python reprs and log lines
//! (`code: '…'`, `Error code: 60011, message: …`, `(code=40089)`, `errcode 60020`).

use super::mapping::{from_jsapi, from_new, from_old, from_old_body, new_code};
use super::{truncate, Diagnosis, DiagnosisCode, DiagnosisData};
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// errcode 0: success, which is dropped when a real error was found next to it.
pub(super) fn is_success(d: &Diagnosis) -> bool {
    d.code == DiagnosisCode::Unknown && d.errcode.as_deref() == Some("0")
}

// ── 1. JSON ──────────────────────────────────────────────────────────────────────────────────

/// Bytes that failed JSON attempts may read in total. Every `{` is a candidate start, so a paste
/// full of unterminated objects would otherwise cost quadratic time; real pastes stay far below.
const FAILED_PARSE_BUDGET: usize = 1 << 20;

/// Every JSON object in `text` that is, or contains, a DingTalk error; and the text with those
/// objects blanked out.
pub(super) fn scan_json(text: &str, status: Option<u16>) -> (Vec<Diagnosis>, String) {
    let mut found = Vec::new();
    let mut rest = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    let mut budget = FAILED_PARSE_BUDGET;
    while let Some(off) = text[i..].find('{') {
        let start = i + off;
        let mut stream = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value @ Value::Object(_))) => {
                let end = start + stream.byte_offset();
                walk(&value, status, &mut found);
                rest.push_str(&text[copied..start]);
                rest.push(' ');
                copied = end;
                i = end;
            }
            Some(Err(e)) => {
                budget = budget.saturating_sub(consumed(&text[start..], e.line(), e.column()));
                if budget == 0 {
                    break;
                }
                i = start + 1;
            }
            _ => i = start + 1,
        }
    }
    rest.push_str(&text[copied..]);
    (found, rest)
}

/// How many bytes of `text` a parser read before failing at 1-based `line`, `column`.
fn consumed(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len()).max(1)
}

fn walk(value: &Value, status: Option<u16>, out: &mut Vec<Diagnosis>) {
    match value {
        Value::Object(map) => {
            let status = get(map, &["status", "statusCode", "httpStatus", "http_status"])
                .and_then(Value::as_u64)
                .filter(|s| (100..600).contains(s))
                .map(|s| s as u16)
                .or(status);
            if let Some(d) = from_object(map, status) {
                out.push(d);
            }
            for child in map.values() {
                walk(child, status, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, status, out)),
        // A body logged as a JSON string inside another JSON document.
        Value::String(s) if s.trim_start().starts_with('{') => {
            out.extend(scan_json(s, status).0);
        }
        _ => {}
    }
}

/// The value of the first of `keys` present in `map` (keys compared case-insensitively).
fn get<'a>(map: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| {
        map.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v)
    })
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

const MESSAGE_KEYS: [&str; 7] = [
    "errmsg",
    "message",
    "errorMessage",
    "error_message",
    "msg",
    "sub_msg",
    "subMsg",
];

fn from_object(map: &Map<String, Value>, status: Option<u16>) -> Option<Diagnosis> {
    let message = MESSAGE_KEYS
        .iter()
        .filter_map(|k| get(map, &[k]).and_then(Value::as_str))
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>();
    let mut message_parts = message.clone();
    message_parts.dedup();
    let message = message_parts.join(" | ");

    // The per-IP ban page (docs/dingtalk/limits.md#per-ip-ban-x5):
    // {"status":1111,"wait":5,"source":"x5","punish":"deny"}.
    let banned =
        get(map, &["punish"]).is_some() || get(map, &["status"]).and_then(as_int) == Some(1111);
    if banned {
        let data = DiagnosisData {
            wait_minutes: get(map, &["wait"])
                .and_then(as_int)
                .and_then(|w| u32::try_from(w).ok()),
            ..DiagnosisData::default()
        };
        let original = serde_json::to_string(map).ok();
        return Some(Diagnosis::new(
            DiagnosisCode::IpBanned,
            None,
            data,
            original,
        ));
    }

    // The DingTalk client's JSAPI failures (`dd.error`): `{"errorCode":3,"errorMessage":"1002,…"}`.
    if get(map, &["errorCode"]).is_some() {
        if let Some(d) = get(map, &["errorMessage"])
            .and_then(Value::as_str)
            .and_then(from_jsapi)
        {
            return Some(d);
        }
    }
    if let Some(n) = get(map, &["errcode", "errorCode", "error_code", "err_code"]).and_then(as_int)
    {
        let sub_code = get(map, &["sub_code", "subCode"]).and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        return Some(from_old_body(n, &message, sub_code, None));
    }
    match get(map, &["code"])? {
        Value::Number(n) => match n.as_i64() {
            Some(0 | 200) | None => None,
            Some(n) => Some(from_old(n, &message)),
        },
        Value::String(code) => {
            let code = code.trim();
            if !looks_like_code(code) || ["0", "200"].contains(&code) {
                return None;
            }
            let scopes: Vec<String> = get(map, &["accessdenieddetail"])
                .and_then(Value::as_object)
                .and_then(|d| get(d, &["requiredScopes"]))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            Some(from_new(status.unwrap_or(0), code, &message, &scopes))
        }
        _ => None,
    }
}

/// A DingTalk code rather than an arbitrary word: numeric, known, dotted, or camelCase.
pub(super) fn looks_like_code(code: &str) -> bool {
    if code.is_empty() || code.len() > 100 || code.contains(char::is_whitespace) {
        return false;
    }
    if code.parse::<i64>().is_ok() || new_code(code).is_some() {
        return true;
    }
    let word = code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let camel = code.chars().any(|c| c.is_ascii_uppercase())
        && code.chars().any(|c| c.is_ascii_lowercase());
    let upper_words = ["OK", "SUCCESS", "Success", "success"].contains(&code);
    word && !upper_words && (code.contains('.') || camel)
}

// ── 2. key: value pairs ──────────────────────────────────────────────────────────────────────

static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:\b(status|response|http|exit|qr|return|error|err|sub)[ _]?)?",
        r"\b(errcode|errorcode|error_code|err_code|errmsg|err_msg|errormessage|error_message|errormsg|message|msg|code)\b",
    ))
    .expect("regex")
});

#[derive(Default)]
struct Record {
    code: Option<String>,
    message: Option<String>,
    line: String,
}

pub(super) fn scan_pairs(text: &str, status: Option<u16>) -> Vec<Diagnosis> {
    let mut records: Vec<Record> = Vec::new();
    let mut current = Record::default();
    for caps in KEY.captures_iter(text) {
        let prefix = caps.get(1).map(|m| m.as_str().to_ascii_lowercase());
        let key = caps[2].to_ascii_lowercase();
        let after = caps.get(0).map_or(0, |m| m.end());
        let is_code = key.contains("code");
        let err_prefixed = matches!(prefix.as_deref(), Some("error" | "err"));
        if is_code
            && matches!(
                prefix.as_deref(),
                Some("status" | "response" | "http" | "exit" | "qr" | "return" | "sub")
            )
        {
            continue;
        }
        // `errcode 60011` may omit the separator; a bare `code` or `message` may not.
        let needs_sep = !(key.starts_with("err") || err_prefixed);
        let Some(value) = read_value(&text[after..], needs_sep, is_code) else {
            continue;
        };
        if is_code {
            if !(value.parse::<i64>().is_ok() || looks_like_code(&value)) {
                continue;
            }
            if current.code.is_some() {
                records.push(std::mem::take(&mut current));
            }
            current.code = Some(value);
            current.line = line_at(text, after);
        } else {
            if current.message.is_some() && current.code.is_some() {
                records.push(std::mem::take(&mut current));
            }
            match &mut current.message {
                Some(m) if !m.contains(&value) => {
                    m.push_str(" | ");
                    m.push_str(&value);
                }
                Some(_) => {}
                None => current.message = Some(value),
            }
        }
    }
    records.push(current);
    records
        .into_iter()
        .filter_map(|r| {
            let code = r.code?;
            let message = r.message.unwrap_or(r.line);
            Some(match code.parse::<i64>() {
                Ok(n) => from_old(n, &message),
                Err(_) => from_new(status.unwrap_or(0), &code, &message, &[]),
            })
        })
        .filter(|d| !(is_success(d) && d.original.is_none()))
        .collect()
}

/// Reads the value after a key: optional closing quote, separator, then a quoted string, an
/// integer, or (for messages) the rest of the line up to `]`/`}`, (for codes) an identifier.
fn read_value(s: &str, needs_sep: bool, is_code: bool) -> Option<String> {
    let s = s.strip_prefix(['"', '\'']).unwrap_or(s).trim_start();
    let (s, had_sep) = match s.strip_prefix([':', '=', '：']) {
        Some(r) => (r.trim_start(), true),
        None => (s, false),
    };
    if needs_sep && !had_sep {
        return None;
    }
    let first = s.chars().next()?;
    let value = if first == '"' || first == '\'' {
        let body = &s[1..];
        let end = body
            .find(first)
            .unwrap_or_else(|| body.find(['}', '\n']).unwrap_or(body.len()));
        body[..end].to_string()
    } else if is_code {
        let end = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
            .unwrap_or(s.len());
        s[..end].to_string()
    } else {
        let end = s.find([']', '}', '\n', '\r']).unwrap_or(s.len());
        s[..end].trim_end_matches([',', ' ', '，']).to_string()
    };
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// The trimmed line of `text` around byte `at`, for an `original` when no message was given.
pub(super) fn line_at(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    truncate(text[start..end].trim(), 300)
}
