//! "Explain an error": whatever support staff paste, in order of trust —
//! 1. JSON bodies anywhere in the text (old `errcode`, new `code` + `accessdenieddetail`, the x5 ban
//!    page, getsendresult `forbidden_list`, nested or double-encoded);
//! 2. `key: value` pairs of JS object dumps, Python reprs and log lines (`code: '…'`,
//!    `Error code: 60011, message: …`, `(code=40089)`, `errcode 60020`);
//! 3. a bare code (`60020`, `Forbidden.AccessDenied.IpNotInWhiteList`), `错误52013`, a known code
//!    name or a 5–7 digit known errcode anywhere;
//! 4. only when no code was found: the text rules of `rules`, then an HTTP status, then "a web
//!    page", then `unknown` keeping the text.
//!
//! `\uXXXX` escapes are decoded first, so unicode-escaped bodies read like the originals.

use super::links::scope_for_api;
use super::mapping::{from_new, from_old, new_code, old_code, parse_app_key, parse_egress_ip};
use super::scan::{is_success, line_at, looks_like_code, scan_json, scan_pairs};
use super::{rules, truncate, Diagnosis, DiagnosisCode, DiagnosisData};
use regex::Regex;
use std::sync::LazyLock;

/// Pastes beyond this many bytes are explained from their beginning only.
const MAX_PASTE: usize = 256 * 1024;

/// Explains pasted text. Returns one diagnosis per distinct error found, in order of appearance;
/// empty only for empty input. Unrecognised text gives a single `unknown` keeping the text.
pub fn explain(text: &str) -> Vec<Diagnosis> {
    let mut raw = text.trim();
    if raw.is_empty() {
        return Vec::new();
    }
    if raw.len() > MAX_PASTE {
        let cut = (0..=MAX_PASTE)
            .rev()
            .find(|&i| raw.is_char_boundary(i))
            .unwrap_or(0);
        raw = &raw[..cut];
    }
    let text = unescape_unicode(raw);
    let status = rules::http_status(&text);
    if rules::is_stream_offline(&text) {
        let data = DiagnosisData {
            http_status: status,
            ..DiagnosisData::default()
        };
        let original = Some(truncate(&text, 500));
        return vec![Diagnosis::new(
            DiagnosisCode::StreamNotConnected,
            None,
            data,
            original,
        )];
    }

    let (mut found, rest) = scan_json(&text, status);
    if found.is_empty() && text.contains("\\\"") {
        let dequoted = text.replace("\\\"", "\"");
        (found, _) = scan_json(&dequoted, status);
    }
    let only_success = found.iter().all(is_success);
    if only_success {
        let more = scan_pairs(&rest, status);
        if !more.is_empty() {
            found = more;
        }
    }
    if found.is_empty() {
        found = scan_bare(&text, status);
    }
    let found: Vec<Diagnosis> = if found.is_empty() {
        vec![from_text(&text, status)]
    } else {
        let mut found = found;
        if found.iter().any(|d| !is_success(d)) {
            found.retain(|d| !is_success(d));
        }
        found
            .into_iter()
            .map(|d| enrich(d, &text, status))
            .collect()
    };
    let found: Vec<Diagnosis> = if rules::is_stream_gateway(&text) {
        found
            .into_iter()
            .map(|d| stream_gateway(d, status))
            .collect()
    } else {
        found
    };
    let found = if rules::is_wecom(&text) {
        found
            .into_iter()
            .map(|d| Diagnosis::new(DiagnosisCode::NotDingtalk, d.errcode, d.data, d.original))
            .collect()
    } else {
        found
    };
    dedupe(found)
}

/// On the Stream gateway, a 400 `systemError` is the gateway refusing to open a connection
/// (docs/dingtalk/errors.md#new-family-codes), not a passing server fault.
fn stream_gateway(d: Diagnosis, status: Option<u16>) -> Diagnosis {
    let is_400 = d.data.http_status.or(status) == Some(400);
    let system_error = d
        .errcode
        .as_deref()
        .is_some_and(|e| e.eq_ignore_ascii_case("systemError"));
    if d.code == DiagnosisCode::ServerError && system_error && is_400 {
        let data = DiagnosisData {
            http_status: Some(400),
            ..d.data
        };
        Diagnosis::new(
            DiagnosisCode::StreamGatewayRefused,
            d.errcode,
            data,
            d.original,
        )
    } else {
        d
    }
}

fn dedupe(found: Vec<Diagnosis>) -> Vec<Diagnosis> {
    let mut out: Vec<Diagnosis> = Vec::new();
    for d in found {
        let seen = out.iter().any(|o| {
            o.code == d.code
                && o.errcode == d.errcode
                && o.data.egress_ip == d.data.egress_ip
                && o.data.required_scopes == d.data.required_scopes
        });
        if !seen {
            out.push(d);
        }
    }
    out
}

static UNICODE_ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\+u([0-9a-fA-F]{4})(?:\\+u([0-9a-fA-F]{4}))?").expect("regex"));

/// Decodes `\uXXXX` (also double-escaped `\\uXXXX`, and surrogate pairs).
fn unescape_unicode(text: &str) -> String {
    UNICODE_ESCAPE
        .replace_all(text, |c: &regex::Captures| {
            let hi = u32::from_str_radix(&c[1], 16).unwrap_or(0xFFFD);
            let lo = c
                .get(2)
                .and_then(|m| u32::from_str_radix(m.as_str(), 16).ok());
            match lo {
                Some(lo) if (0xD800..0xDC00).contains(&hi) && (0xDC00..0xE000).contains(&lo) => {
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    char::from_u32(cp).map(String::from).unwrap_or_default()
                }
                Some(lo) => [hi, lo]
                    .iter()
                    .map(|&u| char::from_u32(u).unwrap_or('\u{FFFD}'))
                    .collect(),
                None => char::from_u32(hi).unwrap_or('\u{FFFD}').to_string(),
            }
        })
        .into_owned()
}

// ── 3. bare codes ────────────────────────────────────────────────────────────────────────────

static ZH_ERROR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"错误(?:码|代码)?\s*[:：]?\s*(-?\d{2,8})").expect("regex"));
static KNOWN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(Forbidden\.AccessDenied\.[A-Za-z]+|invalidParameter\.[A-Za-z.]+[A-Za-z]|invalidClientIdOrSecret",
        r"|InvalidAuthentication|authFailed|unauthorized\.client|unsupported\.grant\.type|invalid\.client",
        r"|accesstoken\.expired|IpNotInWhiteList|AccessTokenPermissionDenied|ApiCountLimitForOrg|Qp[sm]LimitFor[A-Za-z]+)\b",
    ))
    .expect("regex")
});
static LONG_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.:])(\d{5,7})(?:$|[^\d.])").expect("regex"));

fn scan_bare(text: &str, status: Option<u16>) -> Vec<Diagnosis> {
    let whole = text.trim().trim_matches(['"', '\'', '`']);
    if let Ok(n) = whole.parse::<i64>() {
        return vec![from_old(n, "")];
    }
    let family = [
        "Forbidden.",
        "invalidParameter.",
        "InvalidParameter",
        "MissingParameter",
    ];
    if looks_like_code(whole)
        && (new_code(whole).is_some() || family.iter().any(|f| whole.starts_with(f)))
    {
        return vec![from_new(status.unwrap_or(0), whole, "", &[])];
    }
    if let Some(c) = ZH_ERROR.captures(text) {
        if let Ok(n) = c[1].parse::<i64>() {
            let at = c.get(0).map_or(0, |m| m.start());
            return vec![from_old(n, &line_at(text, at))];
        }
    }
    let named: Vec<Diagnosis> = KNOWN_NAME
        .captures_iter(text)
        .map(|c| {
            let at = c.get(0).map_or(0, |m| m.start());
            from_new(status.unwrap_or(0), &c[1], &line_at(text, at), &[])
        })
        .collect();
    if !named.is_empty() {
        return named;
    }
    LONG_NUMBER
        .captures_iter(text)
        .filter_map(|c| {
            let n: i64 = c[1].parse().ok()?;
            old_code(n)?;
            let at = c.get(1).map_or(0, |m| m.start());
            Some(from_old(n, &line_at(text, at)))
        })
        .collect()
}

// ── 4. text without a code ───────────────────────────────────────────────────────────────────

fn from_text(text: &str, status: Option<u16>) -> Diagnosis {
    let original = Some(truncate(text, 500));
    let html = rules::is_html(text);
    let visible = if html {
        crate::html::visible_text(text)
    } else {
        text.to_string()
    };
    let code = if html && rules::match_text(text) == Some(DiagnosisCode::IpBanned) {
        Some(DiagnosisCode::IpBanned)
    } else {
        rules::match_text(&visible)
    };
    let data = DiagnosisData {
        http_status: status,
        ..DiagnosisData::default()
    };
    if let Some(code) = code {
        return enrich(Diagnosis::new(code, None, data, original), text, status);
    }
    if let Some(s) = status.filter(|s| *s >= 400) {
        if let (403, Some(scope)) = (s, scope_for_api(text)) {
            let data = DiagnosisData {
                required_scopes: vec![scope.to_string()],
                ..data
            };
            return Diagnosis::new(DiagnosisCode::MissingScope, None, data, original);
        }
        return Diagnosis::new(DiagnosisCode::HttpStatus, None, data, original);
    }
    let code = if html {
        DiagnosisCode::UnexpectedResponse
    } else {
        DiagnosisCode::Unknown
    };
    Diagnosis::new(code, None, data, original)
}

/// Fills data the error itself lacked from the rest of the pasted text: the caller IP and Client
/// ID of a whitelist error, the scopes and Client ID of a permission error (a JS-dumped
/// `requiredScopes`, the apply link, or the API path next to it), the host of a network error, the
/// HTTP status.
fn enrich(d: Diagnosis, text: &str, status: Option<u16>) -> Diagnosis {
    use DiagnosisCode::*;
    let mut data = d.data.clone();
    match d.code {
        IpNotWhitelisted | AuthCodeInvalid => {
            data.egress_ip = data.egress_ip.or_else(|| parse_egress_ip(text));
            data.app_key = data.app_key.or_else(|| parse_app_key(text));
        }
        MissingScope => {
            if data.required_scopes.is_empty() {
                data.required_scopes = dingtalk::wire::required_scopes(text);
            }
            if data.required_scopes.is_empty() {
                data.required_scopes = scope_for_api(text).map(String::from).into_iter().collect();
            }
            data.app_key = data.app_key.or_else(|| parse_app_key(text));
        }
        Timeout | Unreachable | DnsFailure | TlsFailure | CallbackUnreachable => {
            data.host = data.host.or_else(|| rules::host(text));
        }
        // The signed url and nonce DingTalk quotes (`nonce:[…],url:[…]`) sit past where a
        // `Message:` value ends: keep the whole paste as the original so the text can name them.
        JsapiSignature
            if text.contains("url:[")
                && !d.original.as_deref().is_some_and(|o| o.contains("url:[")) =>
        {
            return Diagnosis::new(d.code, d.errcode, data, Some(truncate(text, 500)));
        }
        _ => {}
    }
    let new_family = d
        .errcode
        .as_deref()
        .is_some_and(|e| e.parse::<i64>().is_err());
    if data.http_status.is_none() && (new_family || d.code == HttpStatus) {
        data.http_status = status;
    }
    if data == d.data {
        d
    } else {
        d.with_data(data)
    }
}
