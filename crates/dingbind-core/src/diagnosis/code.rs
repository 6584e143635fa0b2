//! The stable list of diagnosis codes. The names are a contract: the CLI's `--json` output, check
//! results, saved reports and the UI all switch on them, so a code is never renamed or reused;
//! new ones are only added.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

/// What went wrong, in the wizard's terms. Every code has a zh + en cause, fix and console link
/// (see [`super::Diagnosis::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosisCode {
    // ── The contract's codes ────────────────────────────────────────────────────────────────
    /// Client ID / Client Secret rejected (40001, 40089, invalidClientIdOrSecret, invalid.client,
    /// authFailed).
    BadCredentials,
    /// CorpId wrong, or the app does not belong to / is not authorised for it (40013,
    /// unauthorized.client).
    BadCorpId,
    /// The caller's egress IP is not in 服务器出口IP (60020, IpNotInWhiteList).
    IpNotWhitelisted,
    /// An API permission point is not granted (60011, AccessTokenPermissionDenied).
    MissingScope,
    /// The user or department is outside the visible / contact range (50002, 50004).
    OutOfRange,
    /// AgentId wrong or of another app (40056, 41020).
    BadAgentId,
    /// The user is not a member of this org (60121, invalidParameter.user.notFound).
    UserNotInOrg,
    /// Throttled or DingTalk busy: back off and retry (90018, 90002, 90006, -1, Qps*/Qpm*).
    RateLimited,
    /// access_token expired, invalid or missing (88, 40014, 42001, InvalidAuthentication).
    TokenExpired,
    /// Plain http used where DingTalk requires https (43003).
    HttpsRequired,
    /// The login redirect URI is not registered (50001, 重定向错误).
    RedirectNotRegistered,
    /// The server clock is off (853002, invalid timestamp).
    ClockSkew,
    Timeout,
    DnsFailure,
    TlsFailure,
    /// A non-2xx HTTP status with no DingTalk error code in the body.
    HttpStatus,
    /// HTML or a proxy page instead of DingTalk's JSON.
    UnexpectedResponse,
    /// The callback did not return the encrypted "success" (71009).
    CallbackBadReply,
    /// The callback payload could not be verified or decrypted (900005, 900010, Invalid CorpId).
    CallbackDecryptFailed,

    // ── Additions (see the module docs for why each exists) ─────────────────────────────────
    /// The temporary login code is invalid, expired or reused (40078,
    /// invalidParameter.authCode.notFound, invalidCode); can hide a whitelist problem.
    AuthCodeInvalid,
    /// The app has no published version, or was deleted (应用不存在).
    AppNotPublished,
    /// The org's monthly API call quota is used up (90020, ApiCountLimitForOrg).
    QuotaExceeded,
    /// DingTalk has temporarily banned the caller's IP (x5 `status: 1111` page, 90001, 90017).
    IpBanned,
    /// DingTalk has disabled this API (48002).
    ApiDisabled,
    /// Missing or invalid request parameters: a program bug, not a console setting (40035, 400002).
    BadParam,
    /// The department does not exist (60003).
    DeptNotFound,
    /// The callback aes_key is invalid (900004).
    CallbackCryptoKey,
    /// Old callback-registration API errors (71006 already registered, 71007 not registered).
    CallbackRegistration,
    /// DingTalk could not reach the callback / robot receive URL (消息接收地址校验失败).
    CallbackUnreachable,
    /// A work notification was accepted but not delivered (getsendresult forbidden_list:
    /// 143103–143106, 1430000–1430004).
    MessageThrottled,
    /// The homepage URL's `$CORPID$` placeholder is mistyped or was not replaced.
    CorpidPlaceholder,
    /// QR-code login was used inside the DingTalk mobile client; it needs in-app login (免登).
    InAppLoginRequired,
    /// The error is WeCom's (企业微信), whose codes overlap DingTalk's with other meanings.
    NotDingtalk,
    /// Could not connect at all (refused, reset, no route): a firewall or proxy, not slowness.
    Unreachable,
    /// Not recognised: DingTalk's own code and text are kept.
    Unknown,
    /// The login callback's `state` is not the one the login was started with: another tab, a
    /// stale page or QR code, or a forged callback (CSRF). The code is not exchanged.
    StateMismatch,
    /// The request reached a path or host DingTalk does not have (oapi errcode 22 `Invalid
    /// method`, the api host's `{"errcode":404,"errmsg":"请求的URI地址不存在"}`,
    /// `InvalidAction.NotFound`): a gateway or proxy rewriting URLs, or a wrong base URL.
    WrongEndpoint,
    /// DingTalk received no access token although one was sent (400
    /// `AuthenticationFailed.MissingParameter`, 88 + sub_code 40000 `access_token is blank`): a
    /// proxy stripped the header or query, or the caller put the token in the wrong place.
    TokenNotReceived,
    /// DingTalk's own server failed (HTTP 500 `unknownError`, `systemError`, `server.error`): not
    /// a setting; retry later. The CorpId-scoped token call also answers this for a CorpId that is
    /// not the app's, which its check reads in context.
    ServerError,
    /// A page's JSAPI signature (`dd.config`) was refused (52013 签名校验失败): the signed URL,
    /// nonce, timestamp, jsapi_ticket or the AgentId/CorpId in `dd.config` do not match.
    JsapiSignature,
    /// The platform's Stream connection is not online: DingTalk's event subscription says
    /// 长链接未在线, or the console's 已完成接入，验证连接通道 says the Stream integration failed.
    StreamNotConnected,
    /// The Stream gateway refused `connections/open` for this app with HTTP 400 `systemError`
    /// 系统错误 and no reason; the platform's Stream client cannot connect either.
    StreamGatewayRefused,
}

impl DiagnosisCode {
    /// Every code, in declaration order.
    pub const ALL: [DiagnosisCode; 42] = [
        DiagnosisCode::BadCredentials,
        DiagnosisCode::BadCorpId,
        DiagnosisCode::IpNotWhitelisted,
        DiagnosisCode::MissingScope,
        DiagnosisCode::OutOfRange,
        DiagnosisCode::BadAgentId,
        DiagnosisCode::UserNotInOrg,
        DiagnosisCode::RateLimited,
        DiagnosisCode::TokenExpired,
        DiagnosisCode::HttpsRequired,
        DiagnosisCode::RedirectNotRegistered,
        DiagnosisCode::ClockSkew,
        DiagnosisCode::Timeout,
        DiagnosisCode::DnsFailure,
        DiagnosisCode::TlsFailure,
        DiagnosisCode::HttpStatus,
        DiagnosisCode::UnexpectedResponse,
        DiagnosisCode::CallbackBadReply,
        DiagnosisCode::CallbackDecryptFailed,
        DiagnosisCode::AuthCodeInvalid,
        DiagnosisCode::AppNotPublished,
        DiagnosisCode::QuotaExceeded,
        DiagnosisCode::IpBanned,
        DiagnosisCode::ApiDisabled,
        DiagnosisCode::BadParam,
        DiagnosisCode::DeptNotFound,
        DiagnosisCode::CallbackCryptoKey,
        DiagnosisCode::CallbackRegistration,
        DiagnosisCode::CallbackUnreachable,
        DiagnosisCode::MessageThrottled,
        DiagnosisCode::CorpidPlaceholder,
        DiagnosisCode::InAppLoginRequired,
        DiagnosisCode::NotDingtalk,
        DiagnosisCode::Unreachable,
        DiagnosisCode::Unknown,
        DiagnosisCode::StateMismatch,
        DiagnosisCode::WrongEndpoint,
        DiagnosisCode::TokenNotReceived,
        DiagnosisCode::ServerError,
        DiagnosisCode::JsapiSignature,
        DiagnosisCode::StreamNotConnected,
        DiagnosisCode::StreamGatewayRefused,
    ];

    /// The stable snake_case name (the same string serde writes).
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosisCode::BadCredentials => "bad_credentials",
            DiagnosisCode::BadCorpId => "bad_corp_id",
            DiagnosisCode::IpNotWhitelisted => "ip_not_whitelisted",
            DiagnosisCode::MissingScope => "missing_scope",
            DiagnosisCode::OutOfRange => "out_of_range",
            DiagnosisCode::BadAgentId => "bad_agent_id",
            DiagnosisCode::UserNotInOrg => "user_not_in_org",
            DiagnosisCode::RateLimited => "rate_limited",
            DiagnosisCode::TokenExpired => "token_expired",
            DiagnosisCode::HttpsRequired => "https_required",
            DiagnosisCode::RedirectNotRegistered => "redirect_not_registered",
            DiagnosisCode::ClockSkew => "clock_skew",
            DiagnosisCode::Timeout => "timeout",
            DiagnosisCode::DnsFailure => "dns_failure",
            DiagnosisCode::TlsFailure => "tls_failure",
            DiagnosisCode::HttpStatus => "http_status",
            DiagnosisCode::UnexpectedResponse => "unexpected_response",
            DiagnosisCode::CallbackBadReply => "callback_bad_reply",
            DiagnosisCode::CallbackDecryptFailed => "callback_decrypt_failed",
            DiagnosisCode::AuthCodeInvalid => "auth_code_invalid",
            DiagnosisCode::AppNotPublished => "app_not_published",
            DiagnosisCode::QuotaExceeded => "quota_exceeded",
            DiagnosisCode::IpBanned => "ip_banned",
            DiagnosisCode::ApiDisabled => "api_disabled",
            DiagnosisCode::BadParam => "bad_param",
            DiagnosisCode::DeptNotFound => "dept_not_found",
            DiagnosisCode::CallbackCryptoKey => "callback_crypto_key",
            DiagnosisCode::CallbackRegistration => "callback_registration",
            DiagnosisCode::CallbackUnreachable => "callback_unreachable",
            DiagnosisCode::MessageThrottled => "message_throttled",
            DiagnosisCode::CorpidPlaceholder => "corpid_placeholder",
            DiagnosisCode::InAppLoginRequired => "in_app_login_required",
            DiagnosisCode::NotDingtalk => "not_dingtalk",
            DiagnosisCode::Unreachable => "unreachable",
            DiagnosisCode::Unknown => "unknown",
            DiagnosisCode::StateMismatch => "state_mismatch",
            DiagnosisCode::WrongEndpoint => "wrong_endpoint",
            DiagnosisCode::TokenNotReceived => "token_not_received",
            DiagnosisCode::ServerError => "server_error",
            DiagnosisCode::JsapiSignature => "jsapi_signature",
            DiagnosisCode::StreamNotConnected => "stream_not_connected",
            DiagnosisCode::StreamGatewayRefused => "stream_gateway_refused",
        }
    }

    /// Worth an automatic retry without anyone changing a setting: throttling, a busy server, an
    /// expired token (refresh first), a timeout. The check engine backs off on these.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            DiagnosisCode::RateLimited
                | DiagnosisCode::TokenExpired
                | DiagnosisCode::Timeout
                | DiagnosisCode::ServerError
        )
    }
}

impl fmt::Display for DiagnosisCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DiagnosisCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DiagnosisCode::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown diagnosis code `{s}`"))
    }
}
