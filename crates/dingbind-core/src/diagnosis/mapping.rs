//! Raw DingTalk errors → [`Diagnosis`]: the old family's numeric `errcode` — the `sub_code` inside
//! an `errcode 88` wrapper decides when there is one — plus the getsendresult `forbidden_list`
//! codes and codes seen in failure reports, and the new family's string `code` with its HTTP status
//! (docs/dingtalk/errors.md). Codes decide; message texts only supply data (the caller IP, the
//! Client ID, the permission codes DingTalk names), because DingTalk's wording drifts. The texts
//! are read by [`dingtalk::wire`], the same reader the live client uses.

use super::{Diagnosis, DiagnosisCode, DiagnosisData};
use dingtalk::{wire, ApiError};

pub use dingtalk::wire::{app_key as parse_app_key, egress_ip as parse_egress_ip};

use DiagnosisCode::*;

/// The diagnosis for an old-family errcode, or `None` when it is not one we know (or is 0, success).
pub fn old_code(errcode: i64) -> Option<DiagnosisCode> {
    Some(match errcode {
        -1 => RateLimited,
        // 88 reaches here only bare: a wrapped one is diagnosed by its sub_code.
        88 | 40014 | 41001 | 42001 => TokenExpired,
        // 40000: `access_token is blank` inside an 88 — the token never arrived.
        40000 => TokenNotReceived,
        // 22: oapi's `Invalid method[…不合法ApiName…]`; 404: the api host's "请求的URI地址不存在".
        22 | 404 => WrongEndpoint,
        // 900103: "appid 无效" when the Client ID box holds something else
        // (docs/dingtalk/errors.md#fm4-wrong-identifier-in-the-wrong-box);
        // 40096: the old gettoken's "不合法的appKey或appSecret".
        40001 | 40089 | 40096 | 900103 => BadCredentials,
        40013 => BadCorpId,
        40035 | 400002 => BadParam,
        40056 | 41020 => BadAgentId,
        // 52013: the JSAPI signature check (dd.config), which also fails on a wrong agentId
        // (docs/dingtalk/errors.md#fm8-agentid-wrong-or-mismatched).
        52013 => JsapiSignature,
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
        // 310000: a robot's "invalid timestamp" (docs/dingtalk/errors.md#fm10-clock-skew).
        853002 | 310000 => ClockSkew,
        900004 => CallbackCryptoKey,
        900005 | 900010 => CallbackDecryptFailed,
        90001 | 90017 => IpBanned,
        90002 | 90004 | 90006 | 90018 => RateLimited,
        // 20001: Stream robots when the monthly quota stops delivery
        // (docs/dingtalk/limits.md#monthly-call-quota).
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
        "server.error" | "unknownerror" | "systemerror" => Some(ServerError),
        "authenticationfailed.missingparameter" => Some(TokenNotReceived),
        "invalidaction.notfound" => Some(WrongEndpoint),
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
        if lower.contains("systemerror") {
            return Some(ServerError);
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

/// An old-family error (`{"errcode": N, "errmsg": "…"}`); a `ding talk error[subcode=…]` wrapper
/// in the text is read as [`from_old_body`] does. Unknown codes give `unknown` with the code and
/// DingTalk's text kept.
pub fn from_old(errcode: i64, errmsg: &str) -> Diagnosis {
    from_old_body(errcode, errmsg, None, None)
}

/// A JSAPI failure reported by the DingTalk client to a page (`dd.error`):
/// `{"errorCode":3,"errorMessage":"1002,corpId不合法"}` or `…Code:52013 - Message: 签名校验失败,
/// nonce:[…],url:[…]`. The number inside the message decides; `None` when it names none we know.
pub fn from_jsapi(message: &str) -> Option<Diagnosis> {
    let inner = message
        .trim()
        .split(|c: char| !c.is_ascii_digit())
        .find(|n| (4..=6).contains(&n.len()))?
        .parse::<i64>()
        .ok()?;
    let code = match inner {
        1002 => BadCorpId,
        52013 => JsapiSignature,
        _ => return None,
    };
    Some(Diagnosis::new(
        code,
        Some(inner.to_string()),
        DiagnosisData::default(),
        non_empty(message),
    ))
}

/// An old-family body with its `sub_code`/`sub_msg`: behind `errcode 88` the sub_code decides (88
/// alone means token trouble only when nothing inside says otherwise), and DingTalk's code is
/// reported as that sub_code. The original keeps every word DingTalk said.
pub fn from_old_body(
    errcode: i64,
    errmsg: &str,
    sub_code: Option<String>,
    sub_msg: Option<String>,
) -> Diagnosis {
    let (sub_code, sub_msg) = wire::sub_error(sub_code, sub_msg, errmsg);
    let decisive = match (
        errcode,
        sub_code.as_deref().map(|s| s.trim().parse::<i64>()),
    ) {
        (88, Some(Ok(inner))) => inner,
        _ => errcode,
    };
    let text = match sub_msg {
        Some(m) if !errmsg.contains(m.as_str()) => format!("{} {m}", errmsg.trim()),
        _ => errmsg.to_string(),
    };
    Diagnosis::new(
        old_code(decisive).unwrap_or(Unknown),
        Some(decisive.to_string()),
        data_from_message(&text),
        non_empty(&text),
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
    let mut scopes: Vec<String> = required_scopes
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for s in data.required_scopes.drain(..) {
        if !scopes.contains(&s) {
            scopes.push(s);
        }
    }
    data.required_scopes = scopes;
    let diagnosis_code = match new_code(code) {
        Some(c) => c,
        // A 401 with no usable code (`-`, empty) is a missing or invalid token
        // (docs/dingtalk/errors.md#new-family-codes).
        None if code.is_empty() && http_status == 401 => TokenExpired,
        None if code.is_empty() && http_status != 0 => HttpStatus,
        None => Unknown,
    };
    let errcode = (!code.is_empty()).then(|| code.to_string());
    Diagnosis::new(diagnosis_code, errcode, data, non_empty(message))
}

fn data_from_message(message: &str) -> DiagnosisData {
    DiagnosisData {
        egress_ip: wire::egress_ip(message),
        app_key: wire::app_key(message),
        required_scopes: wire::required_scopes(message),
        ..DiagnosisData::default()
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The diagnosis of an error of the live client: its DingTalk answer, or the transport failure.
pub fn from_api_error(e: &ApiError) -> Diagnosis {
    let with_original = |code, data: DiagnosisData, text: &str| {
        Diagnosis::new(code, None, data, Some(text.to_string()))
    };
    match e {
        ApiError::Old {
            errcode,
            errmsg,
            sub_code,
            sub_msg,
            ..
        } => from_old_body(*errcode, errmsg, sub_code.clone(), sub_msg.clone()),
        ApiError::New {
            http_status,
            code,
            message,
            required_scopes,
            ..
        } => from_new(*http_status, code, message, required_scopes),
        // The per-IP ban page arrives as a status (the client backs off on it); its JSON says
        // how long to wait.
        ApiError::HttpStatus { body_start, .. } if body_start.contains("\"punish\"") => {
            super::explain(body_start)
                .into_iter()
                .find(|d| d.code == IpBanned)
                .unwrap_or_else(|| Diagnosis::of(IpBanned))
        }
        ApiError::HttpStatus { status, body_start } => {
            Diagnosis::http_status(*status, Some(body_start))
        }
        ApiError::UnexpectedResponse {
            status, body_start, ..
        } => with_original(
            DiagnosisCode::UnexpectedResponse,
            DiagnosisData {
                http_status: Some(*status),
                ..DiagnosisData::default()
            },
            body_start,
        ),
        ApiError::Timeout(_) | ApiError::Cancelled => Diagnosis::of(DiagnosisCode::Timeout),
        ApiError::Dns(m) => with_original(DiagnosisCode::DnsFailure, DiagnosisData::default(), m),
        ApiError::Tls(m) => with_original(DiagnosisCode::TlsFailure, DiagnosisData::default(), m),
        ApiError::Connect(m) => {
            with_original(DiagnosisCode::Unreachable, DiagnosisData::default(), m)
        }
    }
}
