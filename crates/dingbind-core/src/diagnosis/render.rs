//! Renders a code's cause, fix and link from what is known about this occurrence: DingTalk's code
//! (one diagnosis code covers several errcodes whose wording differs), the data (IP, scopes,
//! status) and the original text. The texts themselves live in the `kb_*` files, grouped by where
//! the fix happens: app setup in the console (`kb_setup`), calling DingTalk at run time
//! (`kb_runtime`), the network and callbacks (`kb_network`).

use super::{kb_network, kb_runtime, kb_setup, kb_stream, Advice, DiagnosisCode, DiagnosisData};
use crate::i18n::Text;

/// What a text may depend on.
pub(crate) struct Ctx<'a> {
    pub errcode: Option<&'a str>,
    pub data: &'a DiagnosisData,
    pub original: Option<&'a str>,
}

impl Ctx<'_> {
    /// DingTalk's code is one of `codes` (case-insensitive).
    pub fn is(&self, codes: &[&str]) -> bool {
        self.errcode
            .is_some_and(|e| codes.iter().any(|c| c.eq_ignore_ascii_case(e)))
    }

    /// DingTalk's original text contains `needle` (case-insensitive).
    pub fn said(&self, needle: &str) -> bool {
        self.original
            .is_some_and(|o| o.to_lowercase().contains(needle.to_lowercase().as_str()))
    }

    /// ` (errcode 60020)` / `（错误码 60020）`, or nothing when there is no code.
    pub fn code_note(&self) -> (String, String) {
        match self.errcode {
            Some(e) => (format!("（错误码 {e}）"), format!(" (error code {e})")),
            None => (String::new(), String::new()),
        }
    }
}

/// A rendered diagnosis: its parts (现象 → 原因 → 去哪改) and the page where the fix happens.
pub(crate) struct Rendered {
    pub advice: Advice,
    pub url: &'static str,
}

impl Rendered {
    pub fn new(advice: Advice, url: &'static str) -> Self {
        Self { advice, url }
    }
}

/// A [`Text`] from two `String`-ish parts; short to keep the knowledge base readable.
pub(crate) fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh, en)
}

pub(crate) fn render(code: DiagnosisCode, c: &Ctx) -> Rendered {
    use DiagnosisCode::*;
    match code {
        BadCredentials => kb_setup::bad_credentials(c),
        BadCorpId => kb_setup::bad_corp_id(c),
        IpNotWhitelisted => kb_setup::ip_not_whitelisted(c),
        MissingScope => kb_setup::missing_scope(c),
        OutOfRange => kb_setup::out_of_range(c),
        BadAgentId => kb_setup::bad_agent_id(c),
        UserNotInOrg => kb_setup::user_not_in_org(c),
        AuthCodeInvalid => kb_setup::auth_code_invalid(c),
        AppNotPublished => kb_setup::app_not_published(c),
        RedirectNotRegistered => kb_setup::redirect_not_registered(c),
        CorpidPlaceholder => kb_setup::corpid_placeholder(c),
        InAppLoginRequired => kb_setup::in_app_login_required(c),
        StateMismatch => kb_setup::state_mismatch(c),
        JsapiSignature => kb_setup::jsapi_signature(c),
        RateLimited => kb_runtime::rate_limited(c),
        QuotaExceeded => kb_runtime::quota_exceeded(c),
        IpBanned => kb_runtime::ip_banned(c),
        TokenExpired => kb_runtime::token_expired(c),
        HttpsRequired => kb_runtime::https_required(c),
        ApiDisabled => kb_runtime::api_disabled(c),
        BadParam => kb_runtime::bad_param(c),
        DeptNotFound => kb_runtime::dept_not_found(c),
        MessageThrottled => kb_runtime::message_throttled(c),
        ClockSkew => kb_runtime::clock_skew(c),
        NotDingtalk => kb_runtime::not_dingtalk(c),
        Unknown => kb_runtime::unknown(c),
        ServerError => kb_runtime::server_error(c),
        Timeout => kb_network::timeout(c),
        Unreachable => kb_network::unreachable(c),
        DnsFailure => kb_network::dns_failure(c),
        TlsFailure => kb_network::tls_failure(c),
        HttpStatus => kb_network::http_status(c),
        WrongEndpoint => kb_network::wrong_endpoint(c),
        TokenNotReceived => kb_network::token_not_received(c),
        UnexpectedResponse => kb_network::unexpected_response(c),
        CallbackBadReply => kb_network::callback_bad_reply(c),
        CallbackDecryptFailed => kb_network::callback_decrypt_failed(c),
        CallbackCryptoKey => kb_network::callback_crypto_key(c),
        CallbackRegistration => kb_network::callback_registration(c),
        CallbackUnreachable => kb_network::callback_unreachable(c),
        StreamNotConnected => kb_stream::stream_not_connected(c),
        StreamGatewayRefused => kb_stream::stream_gateway_refused(c),
    }
}
