//! The diagnosis knowledge base against docs/dingtalk/errors.md: every errcode of
//! docs/dingtalk/errors.md#old-family-codes and every code of
//! docs/dingtalk/errors.md#new-family-codes maps to the expected diagnosis; every field report
//! (FM1–FM17 in docs/dingtalk/errors.md#field-reports) explains to the expected diagnosis from
//! the exact text users saw; data (egress IP, Client ID, required scopes) is extracted; and every
//! code has complete bilingual texts and a safe link.

use dingbind_core::console;
use dingbind_core::diagnosis::{
    explain, from_new, from_old, links, new_code, old_code, parse_egress_ip, Diagnosis,
    DiagnosisCode, DiagnosisData,
};
use dingbind_core::Lang;

use DiagnosisCode::*;

/// The old family, `errcode` (docs/dingtalk/errors.md#old-family-codes, 90004 included), plus the
/// getsendresult `forbidden_list` codes (docs/dingtalk/errors.md#work-notification-codes).
const OLD_FAMILY: &[(i64, DiagnosisCode)] = &[
    (-1, RateLimited),
    (88, TokenExpired),
    (40001, BadCredentials),
    (40013, BadCorpId),
    (40014, TokenExpired),
    (40035, BadParam),
    (40056, BadAgentId),
    (40078, AuthCodeInvalid),
    (40089, BadCredentials),
    (41001, TokenExpired),
    (42001, TokenExpired),
    (43003, HttpsRequired),
    (48002, ApiDisabled),
    (50001, RedirectNotRegistered),
    (50002, OutOfRange),
    (50004, OutOfRange),
    (60003, DeptNotFound),
    (60011, MissingScope),
    (60020, IpNotWhitelisted),
    (60121, UserNotInOrg),
    (33012, UserNotInOrg),
    (400002, BadParam),
    (71006, CallbackRegistration),
    (71007, CallbackRegistration),
    (71009, CallbackBadReply),
    (853002, ClockSkew),
    (900004, CallbackCryptoKey),
    (900005, CallbackDecryptFailed),
    (900010, CallbackDecryptFailed),
    (90001, IpBanned),
    (90002, RateLimited),
    (90004, RateLimited),
    (90006, RateLimited),
    (90017, IpBanned),
    (90018, RateLimited),
    (90020, QuotaExceeded),
    (143103, MessageThrottled),
    (143104, MessageThrottled),
    (143105, MessageThrottled),
    (143106, MessageThrottled),
    (1430000, MessageThrottled),
    (1430001, MessageThrottled),
    (1430002, MessageThrottled),
    (1430003, MessageThrottled),
    (1430004, MessageThrottled),
];

/// The new family: HTTP status, `code` (docs/dingtalk/errors.md#new-family-codes, which also lists
/// the `{corpId}/token` and todo codes), plus FM2's disguised whitelist failure
/// (docs/dingtalk/errors.md#fm2-whitelist-failure-disguised-as-a-bad-auth-code).
const NEW_FAMILY: &[(u16, &str, DiagnosisCode)] = &[
    (400, "invalidClientIdOrSecret", BadCredentials),
    (400, "invalid.client", BadCredentials),
    (400, "unsupported.grant.type", BadParam),
    (401, "unauthorized.client", BadCorpId),
    (500, "server.error", ServerError),
    (500, "unknownError", ServerError),
    (500, "systemError", ServerError),
    (500, "todo.taskCreate.systemError", ServerError),
    (
        400,
        "AuthenticationFailed.MissingParameter",
        TokenNotReceived,
    ),
    (404, "InvalidAction.NotFound", WrongEndpoint),
    (400, "InvalidAuthentication", TokenExpired),
    (400, "accesstoken.expired", TokenExpired),
    (401, "-", TokenExpired),
    (401, "authFailed", BadCredentials),
    (
        403,
        "Forbidden.AccessDenied.AccessTokenPermissionDenied",
        MissingScope,
    ),
    (
        403,
        "Forbidden.AccessDenied.IpNotInWhiteList",
        IpNotWhitelisted,
    ),
    (
        403,
        "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi",
        RateLimited,
    ),
    (
        403,
        "Forbidden.AccessDenied.QpmLimitForAppkeyAndApi",
        RateLimited,
    ),
    (403, "Forbidden.AccessDenied.QpsLimitForApi", RateLimited),
    (
        0,
        "Forbidden.AccessDenied.ApiCountLimitForOrg",
        QuotaExceeded,
    ),
    (
        403,
        "Forbidden.AccessDenied.ApiCountLimitForOrg",
        QuotaExceeded,
    ),
    (404, "invalidParameter.user.notFound", UserNotInOrg),
    (400, "invalidCode", AuthCodeInvalid),
    (400, "invalidToken", TokenExpired),
    (400, "invalidParameter.authCode.notFound", AuthCodeInvalid),
    (400, "todo.taskCreate.paramError", BadParam),
    (400, "todo.taskCreate.flowControlError", RateLimited),
    // The short forms the contract and support staff use.
    (403, "IpNotInWhiteList", IpNotWhitelisted),
    (403, "AccessTokenPermissionDenied", MissingScope),
    (0, "ApiCountLimitForOrg", QuotaExceeded),
];

#[test]
fn every_old_family_errcode_maps() {
    let mut wrong = Vec::new();
    for &(errcode, want) in OLD_FAMILY {
        let d = from_old(errcode, "");
        if d.code != want || old_code(errcode) != Some(want) {
            wrong.push(format!("{errcode}: got {}, want {want}", d.code));
        }
        assert_eq!(d.errcode.as_deref(), Some(errcode.to_string().as_str()));
        // The same code pasted bare explains the same way.
        let pasted = explain(&errcode.to_string());
        if pasted.first().map(|d| d.code) != Some(want) {
            wrong.push(format!("explain({errcode}): got {pasted:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_new_family_code_maps() {
    let mut wrong = Vec::new();
    for &(status, code, want) in NEW_FAMILY {
        let d = from_new(status, code, "", &[]);
        if d.code != want || new_code(code) != Some(want) {
            wrong.push(format!("{status} {code}: got {}, want {want}", d.code));
        }
        assert_eq!(d.errcode.as_deref(), Some(code));
        assert_eq!(d.data.http_status, (status != 0).then_some(status));
        if code != "-" {
            let pasted = explain(code);
            if pasted.first().map(|d| d.code) != Some(want) {
                wrong.push(format!("explain({code}): got {pasted:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn x5_ip_ban_page_is_ip_banned() {
    let body = r#"{"status":1111,"wait":5,"source":"x5","punish":"deny","uuid":"0a1b2c3d"}"#;
    let d = &explain(body)[0];
    assert_eq!(d.code, IpBanned);
    assert_eq!(d.data.wait_minutes, Some(5));
    assert!(d.cause.zh.contains("5 分钟"), "{}", d.cause.zh);
    let html = "<html><head><title>x5</title></head><body><script>var punish = 'deny';</script>访问被拒绝</body></html>";
    assert_eq!(explain(html)[0].code, IpBanned);
}

/// Every field report, numbered as in docs/dingtalk/errors.md#field-reports (FM1–FM17), with the
/// exact text users saw.
const FAILURE_MODES: &[(&str, &str, DiagnosisCode)] = &[
    ("1 errmsg", r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip=120.230.136.230 appKey(ding…)"}"#, IpNotWhitelisted),
    ("1 js dump", "code: 'Forbidden.AccessDenied.IpNotInWhiteList',\nrequestid: '3579DCC5-B528-782E-A633-2F11646E46B2',\nmessage: '访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip=8.218.179.113 appKey(ding4vzvutha4q5gtg9q)'", IpNotWhitelisted),
    ("1 intranet", "至少服务器出口IP不能是内网的", IpNotWhitelisted),
    ("1 still fails", "ip加到…白名单了还是不行", IpNotWhitelisted),
    ("2 auth code", r#"{"code":"invalidParameter.authCode.notFound","requestid":"","message":"不合法的临时授权码"}"#, AuthCodeInvalid),
    ("2 fix", "出口ip变了…将新的ip加入解决了", IpNotWhitelisted),
    ("3 json", r#"Failed: {"errcode":40089,"errmsg":"不合法的corpId或corpSecret"}"#, BadCredentials),
    ("3 log", "[dingtalk:token] 不合法的corpId或corpSecret (code=40089)", BadCredentials),
    ("4 appid", "扫码之后会提示我appid无效", BadCredentials),
    ("4 900103", "QR code not shown, errorCode: '900103'", BadCredentials),
    ("5 60011", "错误[Error code: 60011, message: 没有调用该接口的权限，接口权限申请参考：https://developers.dingtalk.com/document/app/add-api-permission]，请与管理员联系.", MissingScope),
    ("5 contacts", "钉钉权限没配置通讯录", MissingScope),
    ("5 which api", "没有接口权限", MissingScope),
    ("6 unpublished", "应用不发布版本，所获取的「Client ID」、「Client Secret」均无法使用，或请求错误", AppNotPublished),
    ("6 not exist", "应用不存在", AppNotPublished),
    ("7 redirect", "显示重定向错误", RedirectNotRegistered),
    ("7 trusted domain", "redirect_uri需使用应用可信域名", RedirectNotRegistered),
    ("8 41020", "Error code: 41020, message: accessToken中包含的appKey与agentId不一致， 无法使用当前agentId", BadAgentId),
    ("8 52013", "进入后提示错误52013，请问这个agentId从哪获取？", JsapiSignature),
    ("8 undefined", "Agent ID undefined", BadAgentId),
    ("9 71009", r#"{"errcode":71009,"errmsg":"返回文本非succes}"#, CallbackBadReply),
    ("9 invalid corpid", r#"RuntimeException: Invalid CorpId while decrypting {"EventType":"check_url"}"#, CallbackDecryptFailed),
    ("9 jce", "DingTalkEncryptException: 计算解密文字错误", CallbackDecryptFailed),
    ("9 oom", "java.lang.OutOfMemoryError: Java heap space\n\tat com.dingtalk.oapi.lib.aes.DingTalkEncryptor.decrypt(DingTalkEncryptor.java:105)", CallbackCryptoKey),
    ("9 43 chars", "aes_key must be exactly 43 characters", CallbackCryptoKey),
    ("9 robot url", "消息接收地址校验失败（请确保公网可访问该地址，如无有效SSL证书，可选择禁用证书校验）", CallbackUnreachable),
    ("10 qr login", "钉钉扫码第三方登陆获取用户信息报签名时间戳超时", ClockSkew),
    ("10 310000", r#""errcode":310000,"errmsg":"invalid timestamp…""#, ClockSkew),
    ("10 robot", "机器人发送签名过期;solution:签名生成时间和发送时间请保持在 timestampms 以内", ClockSkew),
    ("11 self signed", "SSLCertVerificationError … self signed certificate in certificate chain", TlsFailure),
    ("11 issuer", "CERTIFICATE_VERIFY_FAILED … unable to get local issuer certificate", TlsFailure),
    ("11 proxy", "试图连接 192.168.1.176:443（阿里内网代理）超时", Timeout),
    ("12 visible", "确认目标用户在应用可见范围内（全员或指定部门/人员）", OutOfRange),
    ("13 placeholder", "cropId=$ CORPID$", CorpidPlaceholder),
    ("14 corpsecret", "钉钉官方已经更新说明，不再支持corpsecret获取…将改为appkey和appsecret获取token", BadCredentials),
    ("14 users/me", "Server returned HTTP response code: 403 for URL: https://api.dingtalk.com/v1.0/contact/users/me", MissingScope),
    ("14 form body", "400 body is mandatory", BadParam),
    ("14 undefined", r#"[400] {"code":"InvalidAuthentication",…"message":"不合法的access_token"}"#, TokenExpired),
    ("15 reused", "不存在的临时授权码", AuthCodeInvalid),
    ("16 mobile qr", "Mobile workbench cannot show a QR code", InAppLoginRequired),
    ("16 mobile qr zh", "钉钉手机端工作台里打开，显示不了扫码登录的二维码", InAppLoginRequired),
    ("17 redirect", "redirect_uri 参数错误", RedirectNotRegistered),
];

#[test]
fn every_failure_mode_explains() {
    let mut wrong = Vec::new();
    for &(label, text, want) in FAILURE_MODES {
        let got = explain(text);
        if got.len() != 1 || got[0].code != want {
            let codes: Vec<_> = got.iter().map(|d| d.code.as_str()).collect();
            wrong.push(format!("#{label}: got {codes:?}, want {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn whitelist_errors_name_the_ip_dingtalk_saw() {
    let d = &explain(FAILURE_MODES[0].1)[0];
    assert_eq!(d.errcode.as_deref(), Some("60020"));
    assert_eq!(d.data.egress_ip.as_deref(), Some("120.230.136.230"));
    assert_eq!(d.data.app_key, None, "`appKey(ding…)` is elided");
    assert!(
        d.fix.zh.contains("把 120.230.136.230 加进去"),
        "{}",
        d.fix.zh
    );
    assert!(d.fix.zh.contains("开发配置 › 安全设置 › 服务器出口IP"));
    assert!(d.fix.zh.contains("dingbind check") && d.fix.en.contains("dingbind check"));
    assert!(
        d.fix.en.contains("not the platform server's"),
        "{}",
        d.fix.en
    );

    let d = &explain(FAILURE_MODES[1].1)[0];
    assert_eq!(
        d.errcode.as_deref(),
        Some("Forbidden.AccessDenied.IpNotInWhiteList")
    );
    assert_eq!(d.data.egress_ip.as_deref(), Some("8.218.179.113"));
    assert_eq!(d.data.app_key.as_deref(), Some("ding4vzvutha4q5gtg9q"));
    assert!(d.fix.zh.contains("8.218.179.113") && d.fix.zh.contains("ding4vzvutha4q5gtg9q"));
    assert!(d
        .original
        .as_deref()
        .unwrap()
        .starts_with("访问ip不在白名单之中"));

    // Both families, directly.
    let msg = "访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip=8.218.179.113 appKey(ding4vzvutha4q5gtg9q)";
    assert_eq!(
        from_old(60020, msg).data.egress_ip.as_deref(),
        Some("8.218.179.113")
    );
    let d = from_new(403, "Forbidden.AccessDenied.IpNotInWhiteList", msg, &[]);
    assert_eq!(d.data.egress_ip.as_deref(), Some("8.218.179.113"));
    assert_eq!(
        parse_egress_ip("request ip=2408:8207:1851::1 appKey(x)").as_deref(),
        Some("2408:8207:1851::1")
    );
    assert_eq!(
        parse_egress_ip("request ip=1.2.3.4."),
        Some("1.2.3.4".into())
    );
    assert_eq!(parse_egress_ip("no ip here"), None);

    // Without an IP the fix says how to find it.
    let d = from_old(60020, "访问ip不在白名单之中");
    assert_eq!(d.data.egress_ip, None);
    assert!(d.fix.zh.contains("dingbind check"));
}

#[test]
fn permission_errors_name_the_scopes_to_enable() {
    let body = r#"{
        "code": "Forbidden.AccessDenied.AccessTokenPermissionDenied",
        "requestid": "MASK",
        "message": "没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission",
        "accessdenieddetail": { "requiredScopes": ["Contact.User.Read"] }
    }"#;
    let d = &explain(body)[0];
    assert_eq!(d.code, MissingScope);
    assert_eq!(d.data.required_scopes, ["Contact.User.Read"]);
    assert!(d.fix.zh.contains("权限管理") && d.fix.zh.contains("Contact.User.Read"));
    assert!(d.fix.zh.contains("立即开通"));
    assert!(d.cause.zh.contains("通讯录个人信息读权限"));

    // A JS dump of the same error.
    let dump = "{ code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限', accessdenieddetail: { requiredScopes: [ 'Contact.User.Read', 'Contact.User.mobile' ] } }";
    let d = &explain(dump)[0];
    assert_eq!(d.code, MissingScope);
    assert_eq!(
        d.data.required_scopes,
        ["Contact.User.Read", "Contact.User.mobile"]
    );

    // Several scopes, directly.
    let scopes = vec![
        "qyapi_get_member".to_string(),
        "Todo.Todo.Write".to_string(),
    ];
    let d = from_new(
        403,
        "Forbidden.AccessDenied.AccessTokenPermissionDenied",
        "",
        &scopes,
    );
    assert!(
        d.fix.en.contains("qyapi_get_member, Todo.Todo.Write"),
        "{}",
        d.fix.en
    );

    // The old family does not name the scope; the API path next to it does.
    let d = &explain(
        "POST https://oapi.dingtalk.com/topapi/user/count -> errcode 60011 没有调用该接口的权限",
    )[0];
    assert_eq!(d.code, MissingScope);
    assert_eq!(d.data.required_scopes, ["qyapi_get_member"]);

    // The users/me 403 of FM14 (docs/dingtalk/errors.md#fm14-old-vs-new-api).
    let d = &explain("Server returned HTTP response code: 403 for URL: https://api.dingtalk.com/v1.0/contact/users/me")[0];
    assert_eq!(d.data.required_scopes, ["Contact.User.Read"]);
}

#[test]
fn unicode_escaped_bodies_read_like_the_originals() {
    let escaped = r#"{"errcode":40089,"errmsg":"\u4e0d\u5408\u6cd5\u7684corpId\u6216corpSecret"}"#;
    let d = &explain(escaped)[0];
    assert_eq!(d.code, BadCredentials);
    assert_eq!(d.original.as_deref(), Some("不合法的corpId或corpSecret"));

    // Escaped text without JSON around it, and a double-escaped log line.
    assert_eq!(
        explain(r"\u4e0d\u5408\u6cd5\u7684corpId\u6216corpSecret")[0].code,
        BadCredentials
    );
    let double = r#"body="{\"errcode\":60020,\"errmsg\":\"\\u8bbf\\u95eeip\\u4e0d\\u5728\\u767d\\u540d\\u5355\\u4e4b\\u4e2d,request ip=120.230.136.230\"}""#;
    let d = &explain(double)[0];
    assert_eq!(d.code, IpNotWhitelisted);
    assert_eq!(d.data.egress_ip.as_deref(), Some("120.230.136.230"));
}

#[test]
fn errcode_40089_never_sends_the_admin_to_the_corp_id() {
    for text in [
        r#"{"errcode":40089,"errmsg":"不合法的corpId或corpSecret"}"#,
        r#"{"errcode":40089,"errmsg":"不合法的corpid或corpsecret"}"#,
        "[dingtalk:token] 不合法的corpId或corpSecret (code=40089)",
        "40089",
    ] {
        let d = &explain(text)[0];
        assert_eq!(d.code, BadCredentials, "{text}");
        for fix in [&d.fix.zh, &d.fix.en] {
            assert!(!fix.to_lowercase().contains("corpid"), "{text}: {fix}");
            assert!(
                fix.contains("Client ID") && fix.contains("Client Secret"),
                "{fix}"
            );
        }
        assert_ne!(
            d.fix_url.as_deref(),
            Some(links::CONSOLE_HOME),
            "the CorpId page"
        );
        // The cause explains the misleading wording instead.
        assert!(d.cause.zh.contains("不要去改 CorpId"), "{}", d.cause.zh);
        assert!(
            d.cause.en.contains("do not change the CorpId"),
            "{}",
            d.cause.en
        );
    }
}

#[test]
fn unknown_codes_keep_dingtalks_code_and_text() {
    let d = from_old(12345, "某个新的错误说明");
    assert_eq!(d.code, Unknown);
    assert_eq!(d.errcode.as_deref(), Some("12345"));
    assert_eq!(d.original.as_deref(), Some("某个新的错误说明"));
    assert!(d.cause.zh.contains("12345") && d.cause.zh.contains("某个新的错误说明"));

    let body = r#"{"code":"Forbidden.SomethingNew","requestid":"X","message":"新的错误"}"#;
    let d = &explain(body)[0];
    assert_eq!(d.code, Unknown);
    assert_eq!(d.errcode.as_deref(), Some("Forbidden.SomethingNew"));
    assert_eq!(d.original.as_deref(), Some("新的错误"));
    assert!(d.cause.en.contains("Forbidden.SomethingNew") && d.cause.en.contains("新的错误"));

    let d = &explain(
        r#"{"errcode":23,"sub_msg":"","errmsg":"Something new[x]","request_id":"15s9in2w1yat9"}"#,
    )[0];
    assert_eq!((d.code, d.errcode.as_deref()), (Unknown, Some("23")));
    assert_eq!(d.original.as_deref(), Some("Something new[x]"));

    // An 88 wrapping a code nobody knows is that code, not "token expired".
    let d = &explain(
        r#"{"errcode":88,"sub_code":"77777","sub_msg":"新的鉴权错误","errmsg":"ding talk error[subcode=77777,submsg=新的鉴权错误]"}"#,
    )[0];
    assert_eq!((d.code, d.errcode.as_deref()), (Unknown, Some("77777")));
    assert!(d.cause.zh.contains("新的鉴权错误"), "{}", d.cause.zh);

    // Unrecognised prose keeps the text; empty input explains nothing.
    let d = &explain("something odd happened")[0];
    assert_eq!((d.code, d.errcode.as_deref()), (Unknown, None));
    assert_eq!(d.original.as_deref(), Some("something odd happened"));
    assert!(explain("   ").is_empty());
    // errcode 0 is success, not an error.
    assert!(explain(r#"{"errcode":0,"errmsg":"ok"}"#)[0]
        .cause
        .zh
        .contains("成功"));
}

#[test]
fn pasted_shapes() {
    let cases: &[(&str, DiagnosisCode, Option<&str>)] = &[
        ("60020", IpNotWhitelisted, Some("60020")),
        ("errcode 60011", MissingScope, Some("60011")),
        ("errcode=40056 errmsg=不合法的agentid", BadAgentId, Some("40056")),
        ("Forbidden.AccessDenied.IpNotInWhiteList", IpNotWhitelisted, Some("Forbidden.AccessDenied.IpNotInWhiteList")),
        ("{'errcode': 50004, 'errmsg': '请求的部门id不在授权范围内'}", OutOfRange, Some("50004")),
        (r#"{"errmsg":"请求的部门id不在授权范围内","errcode":50004}"#, OutOfRange, Some("50004")),
        (r#"{"requestid":"abc","code":"authFailed","message":"鉴权失败"}"#, BadCredentials, Some("authFailed")),
        (r#"{"code":"invalidClientIdOrSecret","message":"无效的clientId或者clientSecret","requestid":"x"}"#, BadCredentials, Some("invalidClientIdOrSecret")),
        ("HTTP 401 unauthorized.client", BadCorpId, Some("unauthorized.client")),
        ("errcode: 853002 timestamp参数不合法 相差超过1分钟", ClockSkew, Some("853002")),
        ("timestamp参数不合法", ClockSkew, None),
        ("签名时间戳超时", ClockSkew, None),
        ("invalid timestamp", ClockSkew, None),
        ("返回文本非succes", CallbackBadReply, None),
        ("Invalid CorpId", CallbackDecryptFailed, None),
        ("计算解密文字错误", CallbackDecryptFailed, None),
        ("requests.exceptions.SSLError: HTTPSConnectionPool(host='oapi.dingtalk.com', port=443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain')))", TlsFailure, None),
        ("getaddrinfo ENOTFOUND oapi.dingtalk.com", DnsFailure, None),
        ("socket.gaierror: [Errno -2] Name or service not known", DnsFailure, None),
        ("ReadTimeout: HTTPSConnectionPool(host='api.dingtalk.com', port=443): Read timed out. (read timeout=10)", Timeout, None),
        ("connect ECONNREFUSED 10.0.0.8:3128", Unreachable, None),
        ("重定向错误", RedirectNotRegistered, None),
        ("<!DOCTYPE html><html><head><title>Access denied</title></head><body>Web filter blocked this page</body></html>", UnexpectedResponse, None),
        ("HTTP/1.1 502 Bad Gateway", HttpStatus, None),
        (r#"{"errcode":0,"send_result":{"read_user_id_list":[],"forbidden_list":[{"code":"143106","count":1,"userid":"manager4220"}]},"request_id":"6pcvwp6jcows"}"#, MessageThrottled, Some("143106")),
        ("errcode 90020", QuotaExceeded, Some("90020")),
        ("errcode 900004 不合法的aeskey", CallbackCryptoKey, Some("900004")),
    ];
    let mut wrong = Vec::new();
    for &(text, want, errcode) in cases {
        let got = explain(text);
        let first = got.first().map(|d| (d.code, d.errcode.as_deref()));
        if first != Some((want, errcode)) {
            wrong.push(format!(
                "{text}\n  got {first:?}, want {:?}",
                (want, errcode)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_code_always_wins_over_text() {
    // The message talks about a whitelist, the code says permission.
    let d = &explain(r#"{"errcode":60011,"errmsg":"访问ip不在白名单之中"}"#)[0];
    assert_eq!(d.code, MissingScope);
    // A timeout-sounding message with a code.
    let d = &explain("errcode 42001 access_token超时")[0];
    assert_eq!(d.code, TokenExpired);
    // FM2 (docs/dingtalk/errors.md#fm2-whitelist-failure-disguised-as-a-bad-auth-code): the
    // auth-code error says it may really be the whitelist.
    let d = &explain(FAILURE_MODES[4].1)[0];
    assert!(d.cause.zh.contains("白名单") && d.fix.zh.contains("服务器出口IP"));
    assert!(d.cause.en.contains("whitelist"));
}

#[test]
fn several_errors_in_one_paste() {
    let log = "2024-05-01 10:00:01 [token] errcode 40089 不合法的corpId或corpSecret\n\
               2024-05-01 10:00:02 [send] Error code: 41020, message: accessToken中包含的appKey与agentId不一致";
    let codes: Vec<_> = explain(log).iter().map(|d| d.code).collect();
    assert_eq!(codes, [BadCredentials, BadAgentId]);
    let body = r#"{"errcode":0,"send_result":{"forbidden_list":[{"code":"143105","count":1,"userid":"a"},{"code":"143106","count":1,"userid":"b"}]}}"#;
    let errcodes: Vec<_> = explain(body)
        .into_iter()
        .filter_map(|d| d.errcode)
        .collect();
    assert_eq!(errcodes, ["143105", "143106"]);
}

#[test]
fn specific_wording_for_shared_codes() {
    let d = from_new(401, "unauthorized.client", "", &[]);
    assert!(d.cause.zh.contains("未授权") && d.cause.en.contains("not authorised"));
    let d = from_old(41020, "");
    assert!(
        d.fix.zh.contains("缓存"),
        "41020 names the shared token cache"
    );
    let d = from_old(143106, "");
    assert!(d.cause.zh.contains("重复") || d.cause.zh.contains("相同"));
    let d = from_new(400, "invalidClientIdOrSecret", "", &[]);
    assert!(
        d.fix.zh.contains(links::CONSOLE_SSO_SECRET),
        "ssoAccessToken returns it too"
    );
    let d = explain("试图连接 192.168.1.176:443（阿里内网代理）超时").remove(0);
    assert_eq!(d.data.host.as_deref(), Some("192.168.1.176:443"));
    assert!(d.cause.zh.contains("内网代理"));
}

#[test]
fn wecom_errors_are_not_diagnosed_as_dingtalk() {
    let wecom = "errcode 60020, errmsg: not allow to access from your ip, hint: [1700000000_1_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=60020";
    let d = &explain(wecom)[0];
    assert_eq!(d.code, NotDingtalk);
    assert_eq!(d.errcode.as_deref(), Some("60020"));
}

#[test]
fn every_code_has_texts_and_a_safe_link() {
    let data = DiagnosisData {
        egress_ip: Some("120.230.136.230".into()),
        app_key: Some("ding4vzvutha4q5gtg9q".into()),
        required_scopes: vec!["Contact.User.Read".into()],
        http_status: Some(403),
        host: Some("oapi.dingtalk.com".into()),
        wait_minutes: Some(5),
        ..DiagnosisData::default()
    };
    for code in DiagnosisCode::ALL {
        for d in [
            Diagnosis::of(code),
            Diagnosis::new(
                code,
                Some("12345".into()),
                data.clone(),
                Some("原话".into()),
            ),
        ] {
            for (what, text) in [("cause", &d.cause), ("fix", &d.fix)] {
                assert!(text.zh.trim().chars().count() > 10, "{code} {what} zh");
                assert!(text.en.trim().len() > 20, "{code} {what} en");
                assert!(
                    text.zh
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{code} {what} zh is Chinese"
                );
            }
            let url = d
                .fix_url
                .as_deref()
                .unwrap_or_else(|| panic!("{code}: no fix_url"));
            // A known link, or DingTalk's apply page for one missing permission of this app.
            assert!(
                links::ALL.contains(&url)
                    || url.starts_with(&format!(
                        "{}?content=ding4vzvutha4q5gtg9q%23",
                        dingtalk::wire::APPLY_PAGE
                    )),
                "{code}: {url}"
            );
            let parsed = console::resolve(url, None).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(parsed.scheme(), "https");
            assert!(
                matches!(
                    parsed.host_str(),
                    Some("open-dev.dingtalk.com" | "open.dingtalk.com")
                ),
                "{code}: {url}"
            );
        }
    }
    for url in links::ALL {
        assert!(console::resolve(url, None).is_ok(), "{url}");
    }
}

#[test]
fn codes_are_stable_snake_case() {
    let contract = [
        "bad_credentials",
        "bad_corp_id",
        "ip_not_whitelisted",
        "missing_scope",
        "out_of_range",
        "bad_agent_id",
        "user_not_in_org",
        "rate_limited",
        "token_expired",
        "https_required",
        "redirect_not_registered",
        "clock_skew",
        "timeout",
        "dns_failure",
        "tls_failure",
        "http_status",
        "unexpected_response",
        "callback_bad_reply",
        "callback_decrypt_failed",
        // Added since; as published, so just as fixed.
        "auth_code_invalid",
        "app_not_published",
        "quota_exceeded",
        "ip_banned",
        "api_disabled",
        "bad_param",
        "dept_not_found",
        "callback_crypto_key",
        "callback_registration",
        "callback_unreachable",
        "message_throttled",
        "corpid_placeholder",
        "in_app_login_required",
        "not_dingtalk",
        "unreachable",
        "unknown",
        "state_mismatch",
        "wrong_endpoint",
        "token_not_received",
        "server_error",
        "jsapi_signature",
        "stream_not_connected",
        "stream_gateway_refused",
    ];
    for name in contract {
        let code: DiagnosisCode = name.parse().unwrap();
        assert_eq!(serde_json::to_value(code).unwrap(), name);
    }
    // A new code is pinned here as it is published (and so can never be renamed silently).
    assert_eq!(DiagnosisCode::ALL.len(), contract.len(), "pin every code");
    for code in DiagnosisCode::ALL {
        let json = serde_json::to_value(code).unwrap();
        assert_eq!(json, code.as_str());
        assert_eq!(serde_json::from_value::<DiagnosisCode>(json).unwrap(), code);
        assert_eq!(code.as_str().parse::<DiagnosisCode>().unwrap(), code);
        assert!(code
            .as_str()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_'));
    }
    let mut names: Vec<_> = DiagnosisCode::ALL.iter().map(|c| c.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), DiagnosisCode::ALL.len());
}

#[test]
fn explain_json_has_the_contract_shape() {
    let d = &explain(FAILURE_MODES[0].1)[0];
    let zh = d.explain_json(Lang::Zh);
    assert_eq!(zh["code"], "ip_not_whitelisted");
    assert_eq!(zh["errcode"], "60020");
    assert_eq!(zh["data"]["egress_ip"], "120.230.136.230");
    assert_eq!(zh["fix_url"], links::CONSOLE_APPS);
    assert!(zh["message"].as_str().unwrap().contains("白名单"));
    assert!(zh["fix"].as_str().unwrap().contains("120.230.136.230"));
    assert!(zh["original"]
        .as_str()
        .unwrap()
        .contains("request ip=120.230.136.230"));
    let en = d.explain_json(Lang::En);
    assert!(en["message"].as_str().unwrap().contains("whitelist"));
    // Empty data fields are left out.
    let data = explain("60011")[0].explain_json(Lang::En)["data"].clone();
    assert_eq!(data, serde_json::json!({}));
    // A diagnosis round-trips through JSON (reports store them).
    let back: Diagnosis = serde_json::from_value(serde_json::to_value(d).unwrap()).unwrap();
    assert_eq!(&back, d);
}

#[test]
fn typescript_types_for_the_ui() {
    use ts_rs::{Config, TS};
    let cfg = Config::default();
    let code = DiagnosisCode::decl(&cfg);
    assert!(
        code.contains("\"ip_not_whitelisted\"") && code.contains("\"unknown\""),
        "{code}"
    );
    let data = DiagnosisData::decl(&cfg);
    assert!(data.contains("egress_ip?: string"), "{data}");
    assert!(data.contains("required_scopes?: Array<string>"), "{data}");
    let diagnosis = Diagnosis::decl(&cfg);
    for field in [
        "code: DiagnosisCode",
        "cause: Text",
        "fix_url: string | null",
        "original: string | null",
    ] {
        assert!(diagnosis.contains(field), "{diagnosis}");
    }
}

#[test]
fn stray_braces_do_not_hide_the_body() {
    let noisy = format!(
        "{} at Foo.bar({{ unterminated\n{}",
        "{".repeat(500),
        r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中,request ip=120.230.136.230"}"#
    );
    let d = &explain(&noisy)[0];
    assert_eq!(d.code, IpNotWhitelisted);
    assert_eq!(d.data.egress_ip.as_deref(), Some("120.230.136.230"));
    // Pathological pastes finish (the failed-parse budget keeps this linear-ish).
    assert_eq!(explain(&r#"{"a":"#.repeat(20_000))[0].code, Unknown);
}

/// What admins paste from inside the DingTalk client (JSAPI `dd.config` / `dd.error`), as peers'
/// users reported them (docs/dingtalk/errors.md, JSAPI).
#[test]
fn jsapi_failures_from_inside_dingtalk() {
    // open-dingtalk/openapi-demo-java#2
    let text = r#"权限校验失败 Code:52013 - Message: 签名校验失败,nonce:[abcdefg],url:[http://192.168.31.134:8080/]"#;
    let d = &explain(text)[0];
    assert_eq!(
        (d.code, d.errcode.as_deref()),
        (JsapiSignature, Some("52013"))
    );
    assert!(
        d.cause.zh.contains("http://192.168.31.134:8080/"),
        "{}",
        d.cause.zh
    );
    assert!(d.cause.zh.contains("abcdefg"), "{}", d.cause.zh);
    assert!(
        d.cause.en.contains("http://192.168.31.134:8080/"),
        "{}",
        d.cause.en
    );
    let d = &explain(r#"{"errorCode":3,"errorMessage":"52013,签名校验失败"}"#)[0];
    assert_eq!(d.code, JsapiSignature);

    // wushu0725/dingtalk-demo#17
    let d = &explain(r#"{"errorCode":3,"errorMessage":"1002,corpId不合法"}"#)[0];
    assert_eq!((d.code, d.errcode.as_deref()), (BadCorpId, Some("1002")));
    assert!(d.fix.zh.contains("$CORPID$"), "{}", d.fix.zh);
    assert!(d.fix.en.contains("$CORPID$"), "{}", d.fix.en);
}

#[test]
fn the_codes_production_really_answers() {
    let d = &explain("40096")[0];
    assert_eq!(d.code, BadCredentials);
    assert!(d.cause.zh.contains("Client ID"), "{}", d.cause.zh);
    let d = &explain(r#"{"errcode":40096,"errmsg":"不合法的appKey或appSecret"}"#)[0];
    assert_eq!(d.code, BadCredentials);
    assert!(
        d.cause.en.contains("appKey is the Client ID"),
        "{}",
        d.cause.en
    );
    // A log line with the wrapper and no JSON.
    let d = &explain("dingtalk-stream api send failed: errcode=88 errmsg=ding talk error[subcode=60020,submsg=访问ip不在白名单之中,request ip=1.2.3.4 appKey(ding4vzvutha4q5gtg9q)] request_id=abc")[0];
    assert_eq!(
        (d.code, d.errcode.as_deref()),
        (IpNotWhitelisted, Some("60020"))
    );
    assert_eq!(d.data.egress_ip.as_deref(), Some("1.2.3.4"));
    // The same wrapper in English texts of both languages.
    for lang in [Lang::Zh, Lang::En] {
        assert!(!d.explain_json(lang)["fix"].as_str().unwrap().is_empty());
    }
}
