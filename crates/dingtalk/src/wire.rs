//! Facts DingTalk puts inside its error texts rather than in fields of their own, read the way
//! production writes them (docs/dingtalk/errors.md):
//! - the old family's auth-gateway wrapper: `errcode 88` with the real code in `sub_code`/`sub_msg`,
//!   also spelled out in `errmsg` as `ding talk error[subcode=60011,submsg=…]`;
//! - the permission codes a refusal names: `[qyapi_get_member]`, `{requiredScopes=[…]}`,
//!   `requiredScopes: ['…']`, and the apply link `…/appscope/apply?content=<ClientID>%23<scope>`;
//! - the caller IP and Client ID of a whitelist refusal: `request ip=… appKey(ding…)`.
//!
//! One reader for the live client and for pasted texts (`dingbind explain`), so the two never
//! disagree about what DingTalk said.

use regex::Regex;
use std::net::IpAddr;
use std::sync::LazyLock;

/// DingTalk's page for applying for one permission of one app, the link its own 60011 and 403
/// permission errors carry (docs/dingtalk/console.md).
pub const APPLY_PAGE: &str = "https://open-dev.dingtalk.com/appscope/apply";

/// The apply link for `scope` of the app `client_id`.
pub fn apply_url(client_id: &str, scope: &str) -> String {
    let content: String =
        url::form_urlencoded::byte_serialize(format!("{client_id}#{scope}").as_bytes()).collect();
    format!("{APPLY_PAGE}?content={content}")
}

static WRAPPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)ding\s*talk\s*error\s*\[\s*sub_?code\s*=\s*(-?\d+)\s*,\s*sub_?msg\s*=(.*)")
        .expect("regex")
});

/// The inner code and message of a wrapped old-family error, from the body's own `sub_code` /
/// `sub_msg` when present, else from the `ding talk error[subcode=…,submsg=…]` form in `errmsg`.
pub fn sub_error(
    sub_code: Option<String>,
    sub_msg: Option<String>,
    errmsg: &str,
) -> (Option<String>, Option<String>) {
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let (code, msg) = (clean(sub_code), clean(sub_msg));
    if code.is_some() {
        return (code, msg);
    }
    match WRAPPED.captures(errmsg) {
        Some(c) => {
            // The wrapper ends at its last `]`; a log line may have cut it off, or go on after it.
            let inner = &c[2];
            let inner = inner.rfind(']').map_or(inner, |end| &inner[..end]);
            (
                Some(c[1].to_string()),
                msg.or_else(|| clean(Some(inner.to_string()))),
            )
        }
        None => (None, msg),
    }
}

/// A permission code as DingTalk writes them: `qyapi_get_member`, `Contact.User.Read`,
/// `Calendar.Event.Write`, `snsapi_base`.
static SCOPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$").expect("regex"));
/// `所需的权限：[a]`, `接口权限：[a, b]`, `权限:[a]`.
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"权限\s*[:：]?\s*\[([^\]\[]*)\]").expect("regex"));
/// `{requiredScopes=[a, b]}`, `"requiredScopes":["a"]`, `requiredScopes: ['a']`.
static REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)requiredscopes['"]?\s*[:=]\s*\[([^\]]*)\]"#).expect("regex")
});
/// The apply link's `content=<ClientID>%23<scope>` (also with a literal or double-encoded `#`).
static APPLY_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"appscope/apply\?(?:[^\s#]*?&)?content=([A-Za-z0-9_]+)(?:%23|%2523|#)([A-Za-z0-9_.%]+)",
    )
    .expect("regex")
});

/// Every permission code `text` names as missing, in order of appearance, without duplicates.
pub fn required_scopes(text: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut list = |re: &Regex| {
        for c in re.captures_iter(text) {
            let at = c.get(0).map_or(0, |m| m.start());
            for s in c[1].split([',', '，', ' ']) {
                let s = s.trim().trim_matches(['\'', '"', '`']);
                if SCOPE.is_match(s) {
                    found.push((at, s.to_string()));
                }
            }
        }
    };
    list(&BRACKETED);
    list(&REQUIRED);
    for c in APPLY_CONTENT.captures_iter(text) {
        let scope = c[2].split("%2C").next().unwrap_or_default();
        if SCOPE.is_match(scope) {
            found.push((c.get(0).map_or(0, |m| m.start()), scope.to_string()));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut out: Vec<String> = Vec::new();
    for (_, s) in found {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

static REQUEST_IP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)request\s*ip\s*[=:：]\s*([0-9a-f.:]+)").expect("regex"));
static APP_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)appkey\s*[(（]\s*(ding[a-z0-9]{8,40})\s*[)）]").expect("regex")
});

/// The caller IP of a whitelist error (`…,request ip=120.230.136.230 appKey(…)`), IPv4 or IPv6.
pub fn egress_ip(text: &str) -> Option<String> {
    REQUEST_IP.captures_iter(text).find_map(|c| {
        let raw = c[1].trim_end_matches(['.', ':']);
        raw.parse::<IpAddr>().ok().map(|ip| ip.to_string())
    })
}

/// The Client ID an error names: `appKey(ding4vzvutha4q5gtg9q)` in a whitelist error, or the
/// apply link's `content=<ClientID>%23…` in a permission error. An elided `appKey(ding…)` gives
/// `None`.
pub fn app_key(text: &str) -> Option<String> {
    APP_KEY
        .captures(text)
        .or_else(|| APPLY_CONTENT.captures(text))
        .map(|c| c[1].to_string())
        .filter(|k| k.to_ascii_lowercase().starts_with("ding") && k.len() > 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_88_wrapper_is_read_from_fields_or_from_errmsg() {
        let errmsg = "ding talk error[subcode=60011,submsg=应用尚未开通所需的权限：[qyapi_get_department_list]，点击链接申请并开通即可：https://open-dev.dingtalk.com/appscope/apply?content=dingabc12345678%23qyapi_get_department_list, {requiredScopes=[qyapi_get_department_list]}]";
        let (code, msg) = sub_error(None, None, errmsg);
        assert_eq!(code.as_deref(), Some("60011"));
        assert!(msg
            .unwrap()
            .ends_with("{requiredScopes=[qyapi_get_department_list]}"));
        let (code, msg) = sub_error(
            Some("60020".into()),
            Some("访问ip不在白名单之中".into()),
            "",
        );
        assert_eq!(
            (code.as_deref(), msg.as_deref()),
            (Some("60020"), Some("访问ip不在白名单之中"))
        );
        assert_eq!(
            sub_error(Some(" ".into()), None, "不合法的access_token"),
            (None, None)
        );
    }

    #[test]
    fn scopes_come_from_every_form_dingtalk_writes() {
        let text = "应用尚未开通所需的权限：[qyapi_get_member]，点击链接申请并开通即可：https://open-dev.dingtalk.com/appscope/apply?content=dingq7x2k9m4v8n3p5r1%23qyapi_get_member, {requiredScopes=[qyapi_get_member, Contact.User.Read]}";
        assert_eq!(
            required_scopes(text),
            ["qyapi_get_member", "Contact.User.Read"]
        );
        assert_eq!(app_key(text).as_deref(), Some("dingq7x2k9m4v8n3p5r1"));
        assert_eq!(
            required_scopes(r#"{"requiredScopes":["Calendar.Event.Write"]}"#),
            ["Calendar.Event.Write"]
        );
        assert_eq!(
            required_scopes("应用未开通此接口权限：[qyapi_chat_read]"),
            ["qyapi_chat_read"]
        );
        assert!(required_scopes("没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission").is_empty());
        assert!(required_scopes("权限：[请联系管理员]").is_empty());
    }

    #[test]
    fn the_apply_link_is_dingtalks_own_shape() {
        assert_eq!(
            apply_url("dingq7x2k9m4v8n3p5r1", "Contact.User.Read"),
            "https://open-dev.dingtalk.com/appscope/apply?content=dingq7x2k9m4v8n3p5r1%23Contact.User.Read"
        );
    }

    #[test]
    fn whitelist_errors_name_the_ip_and_the_app() {
        let m = "访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip=120.230.136.230 appKey(ding4vzvutha4q5gtg9q)";
        assert_eq!(egress_ip(m).as_deref(), Some("120.230.136.230"));
        assert_eq!(app_key(m).as_deref(), Some("ding4vzvutha4q5gtg9q"));
        assert_eq!(
            egress_ip("request ip=2408:8207::1 appKey(ding…)").as_deref(),
            Some("2408:8207::1")
        );
        assert_eq!(app_key("appKey(ding…)"), None);
    }
}
