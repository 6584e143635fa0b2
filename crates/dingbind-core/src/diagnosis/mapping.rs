//! Raw DingTalk errors → [`Diagnosis`]: the old family's numeric `errcode` (reference §6a, plus the
//! getsendresult `forbidden_list` codes of §5 and codes seen in failure reports) and the new
//! family's string `code` with its HTTP status (§6b). Codes decide; message texts only supply data
//! (the caller IP and Client ID of a whitelist error), because DingTalk's wording drifts.

use super::{Diagnosis, DiagnosisCode, DiagnosisData};
use regex::Regex;
use std::net::IpAddr;
use std::sync::LazyLock;

use DiagnosisCode::*;

/// The diagnosis for an old-family errcode, or `None` when it is not one we know (or is 0, success).
pub fn old_code(errcode: i64) -> Option<DiagnosisCode> {
    Some(match errcode {
        -1 => RateLimited,
        88 | 40014 | 41001 | 42001 => TokenExpired,
        // 900103: "appid 无效" when the Client ID box holds something else (failure mode 4).
        40001 | 40089 | 900103 => BadCredentials,
        40013 => BadCorpId,
        40035 | 400002 => BadParam,
        // 52013: reported when entering an app with a wrong agentId (failure mode 8).
        40056 | 41020 | 52013 => BadAgentId,
        40078 => AuthCodeInvalid,
        43003 => HttpsRequired,
        48002 => ApiDisabled,
        50001 => RedirectNotRegistered,
        50002 | 50004 => OutOfRange,
        60003 => DeptNotFound,
        60011 => MissingScope,
        60020 => IpNotWhitelisted,
        60121 | 33012 => UserNotInOrg,
        71006 | 71007 => CallbackRegistration,
        71009 => CallbackBadReply,
        // 310000: a robot's "invalid timestamp" (failure mode 10).
        853002 | 310000 => ClockSkew,
        900004 => CallbackCryptoKey,
        900005 | 900010 => CallbackDecryptFailed,
        90001 | 90017 => IpBanned,
        90002 | 90004 | 90006 | 90018 => RateLimited,
        // 20001: Stream robots when the monthly quota stops delivery (reference §13).
        90020 | 20001 => QuotaExceeded,
        143103..=143106 | 1430000..=1430004 => MessageThrottled,
        _ => return None,
    })
}

/// The diagnosis for a new-family code (case-insensitive; `Forbidden.AccessDenied.` may be left
/// off), or `None` when unknown. A numeric code (e.g. a `forbidden_list` entry) is looked up as an
/// old-family errcode.
pub fn new_code(code: &str) -> Option<DiagnosisCode> {
    let code = code.trim();
    if let Ok(n) = code.parse::<i64>() {
        return old_code(n);
    }
    let lower = code.to_ascii_lowercase();
    let known = match lower.as_str() {
        "invalidclientidorsecret" | "invalid.client" | "authfailed" => Some(BadCredentials),
        "unauthorized.client" => Some(BadCorpId),
        "unsupported.grant.type" => Some(BadParam),
        "server.error" => Some(RateLimited),
        "invalidauthentication" | "accesstoken.expired" | "invalidtoken" | "-" => {
            Some(TokenExpired)
        }
        "invalidcode" | "invalidparameter.authcode.notfound" => Some(AuthCodeInvalid),
        "invalidparameter.user.notfound" => Some(UserNotInOrg),
        _ => None,
    };
    if known.is_some() {
        return known;
    }
    if lower.starts_with("todo.") {
        if lower.contains("flowcontrol") {
            return Some(RateLimited);
        }
        if lower.contains("paramerror") {
            return Some(BadParam);
        }
    }
    let last = lower.rsplit('.').next().unwrap_or(&lower);
    match last {
        "ipnotinwhitelist" => Some(IpNotWhitelisted),
        "accesstokenpermissiondenied" => Some(MissingScope),
        "apicountlimitfororg" => Some(QuotaExceeded),
        l if l.starts_with("qpslimit") || l.starts_with("qpmlimit") => Some(RateLimited),
        _ if lower.starts_with("invalidparameter.") || lower.starts_with("missingparameter") => {
            Some(BadParam)
        }
        _ => None,
    }
}

/// An old-family error (`{"errcode": N, "errmsg": "…"}`). Unknown codes give `unknown` with the
/// code and DingTalk's text kept.
pub fn from_old(errcode: i64, errmsg: &str) -> Diagnosis {
    let code = old_code(errcode).unwrap_or(Unknown);
    Diagnosis::new(
        code,
        Some(errcode.to_string()),
        data_from_message(errmsg),
        non_empty(errmsg),
    )
}

/// A new-family error (HTTP status, `{"code": "…", "message": "…", "accessdenieddetail":
/// {"requiredScopes": […]}}`). `http_status` 0 means unknown. Unknown codes give `unknown` with the
/// code and DingTalk's text kept.
pub fn from_new(
    http_status: u16,
    code: &str,
    message: &str,
    required_scopes: &[String],
) -> Diagnosis {
    let code = code.trim();
    let mut data = data_from_message(message);
    data.http_status = (http_status != 0).then_some(http_status);
    data.required_scopes = required_scopes
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let diagnosis_code = match new_code(code) {
        Some(c) => c,
        // A 401 with no usable code (`-`, empty) is a missing or invalid token (§6b).
        None if code.is_empty() && http_status == 401 => TokenExpired,
        None if code.is_empty() && http_status != 0 => HttpStatus,
        None => Unknown,
    };
    let errcode = (!code.is_empty()).then(|| code.to_string());
    Diagnosis::new(diagnosis_code, errcode, data, non_empty(message))
}

fn data_from_message(message: &str) -> DiagnosisData {
    DiagnosisData {
        egress_ip: parse_egress_ip(message),
        app_key: parse_app_key(message),
        ..DiagnosisData::default()
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

static REQUEST_IP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)request\s*ip\s*[=:：]\s*([0-9a-f.:]+)").unwrap());
static APP_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)appkey\s*[(（]\s*(ding[a-z0-9]{8,40})\s*[)）]").unwrap());

/// The caller IP of a whitelist error (`…,request ip=120.230.136.230 appKey(…)`), IPv4 or IPv6.
pub fn parse_egress_ip(message: &str) -> Option<String> {
    REQUEST_IP.captures_iter(message).find_map(|c| {
        let raw = c[1].trim_end_matches(['.', ':']);
        raw.parse::<IpAddr>().ok().map(|ip| ip.to_string())
    })
}

/// The Client ID DingTalk names in a whitelist error (`appKey(ding4vzvutha4q5gtg9q)`); an elided
/// `appKey(ding…)` gives `None`.
pub fn parse_app_key(message: &str) -> Option<String> {
    APP_KEY.captures(message).map(|c| c[1].to_string())
}
