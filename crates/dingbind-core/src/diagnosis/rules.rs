//! Text rules for errors that carry no code: TLS/DNS/timeout messages, callback library
//! exceptions, the login page's redirect error, clock messages, and the phrases admins and forum
//! threads use (docs/dingtalk/errors.md#field-reports). Ordered from the most specific phrase to
//! the most generic, and consulted only when no DingTalk code was found: a code always wins over
//! text.

use super::DiagnosisCode::{self, *};
use regex::Regex;
use std::sync::LazyLock;

/// `(pattern, code)`, first match wins. Patterns are case-insensitive.
const RULES: &[(&str, DiagnosisCode)] = &[
    (
        r#"punish|"?source"?\s*[:=]\s*"?x5\b|"?status"?\s*[:=]\s*1111\b"#,
        IpBanned,
    ),
    (
        r"应用不存在|应用(?:还)?(?:没有|未|不)发布|未发布(?:的)?版本|应用已(?:被)?(?:删除|停用)|app (?:does not|doesn't) exist|app (?:is )?not (?:published|found)",
        AppNotPublished,
    ),
    (
        r"返回文本非\s*succes|HTTP请求结果校验返回字段值失败",
        CallbackBadReply,
    ),
    (
        r"消息接收地址校验失败|回调地址.{0,20}(?:无法访问|不可访问|访问不到|校验失败)|callback (?:url|address).{0,30}(?:unreachable|not reachable|check failed)",
        CallbackUnreachable,
    ),
    (
        r"(?s)不合法的\s*aes_?key|(?:aes_?key|encodingaeskey).{0,60}(?:43|非法|不合法|invalid|illegal|wrong|mismatch|不一致|错误)|outofmemoryerror.{0,400}(?:crypt|decrypt|aes)",
        CallbackCryptoKey,
    ),
    (
        r"计算解密文字|invalid corp_?id|签名不匹配|signature (?:mismatch|verification failed|does not match)|dingtalkencryptexception|illegal key size|解密失败|decrypt(?:ion)? (?:failed|error)",
        CallbackDecryptFailed,
    ),
    (
        r"回调地址已(?:经)?存在|回调地址已不存在",
        CallbackRegistration,
    ),
    (r"\$\s*corp_?id\s*\$|\bcrop_?id\b", CorpidPlaceholder),
    (
        r"签名时间戳|invalid timestamp|timestamp\s*参数不合法|签名(?:已)?过期|时间戳.{0,10}(?:超时|过期|不合法|无效)|clock skew|时间不同步|服务器(?:的)?时间(?:出问题|出了问题|不对|不准)|timestamp (?:expired|out of range)",
        ClockSkew,
    ),
    (
        r"sslcertverification|certificate_verify_failed|self[ -]signed certificate|unable to get local issuer|certificate verify failed|ssl ?error|ssl_error|sslhandshake|handshake fail|\bx509\b|pkix path|certificate (?:has expired|is not yet valid)|unknownissuer|invalid peer certificate|invalidcertificate|证书(?:校验|验证)?(?:失败|错误|无效|过期|不受信任)",
        TlsFailure,
    ),
    (
        r"name or service not known|nodename nor servname|getaddrinfo|enotfound|eai_again|no such host|temporary failure in name resolution|could not resolve|failed to lookup address|dns error|unknownhostexception|域名解析失败|无法解析",
        DnsFailure,
    ),
    (
        r"\bstate\b.{0,20}(?:mismatch|does not match|doesn't match|不一致|不匹配|校验失败)|(?:mismatched|invalid) (?:oauth2? )?state\b|state\s*参数(?:错误|无效|不一致|不匹配)",
        StateMismatch,
    ),
    (
        r"重定向错误|redirect_?uri|redirect url|回调域名|重定向.{0,10}(?:不一致|不匹配|未授权|错误|失败)",
        RedirectNotRegistered,
    ),
    (
        r"临时授权码|authcode|auth code|tmp_auth_code|授权码.{0,6}(?:无效|过期|不存在|已使用)",
        AuthCodeInvalid,
    ),
    (
        r"白名单|whitelist|white list|出口\s*ip|request\s*ip\s*=",
        IpNotWhitelisted,
    ),
    (
        r"没有调用该接口的权限|没有接口权限|接口权限|权限没(?:有)?配置|没有权限|无权限|权限不足|缺少权限|permission denied|permissiondenied|requiredscopes|no permission",
        MissingScope,
    ),
    (
        r"不在授权范围|授权范围|可见范围|可使用范围|visible range|visibility range|not in (?:the )?(?:authori[sz]ed )?(?:scope|range)",
        OutOfRange,
    ),
    (
        r"找不到该用户|用户不存在|不在(?:该|本|这个)?(?:企业|组织)|无效的userid|user not found|not a member|跨组织",
        UserNotInOrg,
    ),
    (r"agent_?\s?id", BadAgentId),
    (
        r"access_?token.{0,10}(?:超时|过期|无效|expired|invalid|undefined)|不合法的access_?token|缺少access_?token|invalidauthentication|token (?:expired|invalid)|鉴权异常",
        TokenExpired,
    ),
    (
        r"corp_?secret|app_?secret|app_?key|client ?secret|client ?id|appid.{0,6}(?:无效|错误|invalid)|clientid或者clientsecret|鉴权失败|authfailed|invalid ?client|凭证.{0,6}(?:错误|无效)",
        BadCredentials,
    ),
    (
        r"不合法的corp_?id|corp_?id.{0,10}(?:错误|无效|不合法|不存在)|unauthorized\.client",
        BadCorpId,
    ),
    (
        r"需要https|https (?:is )?required|must use https",
        HttpsRequired,
    ),
    (
        r"api禁用|api (?:is )?disabled|接口(?:已)?(?:被)?禁用",
        ApiDisabled,
    ),
    (
        r"调用(?:次数|量).{0,10}(?:超|用完|上限)|monthly quota|apicountlimit|quota exceeded|额度",
        QuotaExceeded,
    ),
    (
        r"系统繁忙|过于频繁|太频繁|次数过多|暂时禁用|too many requests|rate limit|限流|\bqp[sm]\b|频率",
        RateLimited,
    ),
    (r"高管保护|forbidden_list|重复(?:的)?消息", MessageThrottled),
    (
        r"不合法的参数|参数错误|无效的参数|body is mandatory|invalid param|missing (?:required )?param|missingparameter",
        BadParam,
    ),
    (r"部门不存在|department not found", DeptNotFound),
    (
        r"(?:二维码|扫码|qr ?code).{0,40}(?:手机|移动端|mobile|phone)|(?:手机|移动端|mobile|phone).{0,40}(?:二维码|qr ?code|扫码)",
        InAppLoginRequired,
    ),
    (r"timed? ?out|超时|etimedout|deadline exceeded", Timeout),
    (
        r"econnrefused|connection refused|econnreset|connection reset|no route to host|network is unreachable|ehostunreach|enetunreach|连接被拒绝|无法连接|连接被重置",
        Unreachable,
    ),
];

static COMPILED: LazyLock<Vec<(Regex, DiagnosisCode)>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|(p, c)| (Regex::new(&format!("(?i){p}")).expect("regex"), *c))
        .collect()
});

/// The first rule matching `text`.
pub(super) fn match_text(text: &str) -> Option<DiagnosisCode> {
    COMPILED
        .iter()
        .find(|(re, _)| re.is_match(text))
        .map(|(_, c)| *c)
}

static WECOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)weixin\.qq\.com|企业微信|\bwecom\b|\bwework\b|not allow to access from your ip",
    )
    .expect("regex")
});

/// Strong signs the error is WeCom's, whose numeric codes overlap DingTalk's: the `from ip:` 60020
/// samples are WeCom (docs/dingtalk/errors.md#fm17-wecom-errors).
pub(super) fn is_wecom(text: &str) -> bool {
    WECOM.is_match(text)
}

static STREAM_OFFLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)长链[接]?未在线|长连接未在线|stream\s*模式接入失败").expect("regex")
});

/// DingTalk saying the app's Stream connection is not online: 长链接未在线 when subscribing to
/// events (DingTalk-Real-AI/dingtalk-workspace-cli `dev/event.md`: a generic business error,
/// `server_error_code=-1`, so the text decides, not the code), or 「Stream模式接入失败」 from the
/// console's 已完成接入，验证连接通道 (GH zhayujie/CowAgent#1685, AstrBotDevs/AstrBot#3635).
pub(super) fn is_stream_offline(text: &str) -> bool {
    STREAM_OFFLINE.is_match(text)
}

/// The text is about the Stream gateway's `connections/open` (a URL, or the Python SDK's logger).
pub(super) fn is_stream_gateway(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("gateway/connections/open") || lower.contains("dingtalk_stream")
}

static HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]").expect("regex")
});

/// A web page rather than an API reply.
pub(super) fn is_html(text: &str) -> bool {
    HTML.is_match(text)
}

static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?i)(?:\bhttps?(?:/[\d.]+)?(?:\s+(?:status|response))?(?:\s*code)?\s*[:=]?\s*"#,
        r#"|\b(?:http_)?status(?:\s*code|code|_code)?"?\s*[:=]\s*"#,
        r#"|\bstatus\s+|\bresponse\s+code\s*[:=]?\s*|^\s*\[)([1-5]\d\d)\b"#,
        r#"|\b([1-5]\d\d)\s+(?:forbidden|unauthorized|bad request|not found|bad gateway|service unavailable|gateway time-?out|internal server error|too many requests|client error|server error)"#,
    ))
    .expect("regex")
});

/// An HTTP status mentioned in the text (`[400] {…}`, `HTTP 403`, `status: 502`,
/// `HTTP response code: 403`, `502 Bad Gateway`, Python requests' `400 Client Error: Bad Request`).
pub(super) fn http_status(text: &str) -> Option<u16> {
    STATUS.captures(text).and_then(|c| {
        c.get(1)
            .or_else(|| c.get(2))
            .and_then(|m| m.as_str().parse().ok())
    })
}

static HOST_KV: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\bhost\s*=\s*['"]([^'"]+)['"]"#).expect("regex"));
static HOST_LOOKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:resolve host|lookup|getaddrinfo\w*)\s*(?:for\s*)?:?\s*'?([a-z0-9][a-z0-9.\-]*\.[a-z]{2,})")
        .expect("regex")
});
static HOST_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bhttps?://([a-z0-9.\-]+(?::\d+)?)").expect("regex"));
static HOST_IP_PORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?)\b").expect("regex"));

/// The host (or `ip:port`) a network error names. Doc links (open.dingtalk.com) are skipped: they
/// are in messages, not what failed.
pub(super) fn host(text: &str) -> Option<String> {
    if let Some(c) = HOST_KV.captures(text) {
        return Some(c[1].to_string());
    }
    if let Some(c) = HOST_LOOKUP.captures(text) {
        return Some(c[1].to_string());
    }
    if let Some(h) = HOST_URL
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|h| !h.eq_ignore_ascii_case("open.dingtalk.com"))
    {
        return Some(h);
    }
    HOST_IP_PORT.captures(text).map(|c| c[1].to_string())
}
