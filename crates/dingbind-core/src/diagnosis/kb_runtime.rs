//! Texts for problems of calling DingTalk at run time: throttling, quota, IP ban, tokens, https,
//! disabled APIs, bad parameters, missing departments, undelivered work notifications, clock skew —
//! plus the catch-alls (`not_dingtalk`, `unknown`). Most are fixed by waiting or by the platform's
//! engineers, and the texts say so instead of sending the admin to change settings that are fine.

use super::links::{DOC_ERROR_CODES, DOC_RATE_LIMIT, DOC_SEND_MESSAGE, DOC_SIGNATURE, DOC_TOKEN};
use super::render::{t, Ctx, Rendered};
use super::truncate;
use super::Advice;

pub(super) fn rate_limited(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let symptom = t(
        format!("钉钉拒绝了这次调用：调用太频繁{code_zh}"),
        format!("DingTalk refused the call as too frequent{code_en}"),
    );
    let cause = if c.is(&["-1"]) {
        t(
            "钉钉服务器暂时繁忙。",
            "DingTalk's servers are busy for the moment.",
        )
    } else if c.is(&["90018"])
        || c.errcode.is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            e.contains("limitforappkeyandapi")
        })
    {
        t(
            "这个应用调用同一个接口太快了：标准版企业每个应用每个接口每秒最多 20 次。",
            "This app called the same API too fast: a standard-edition organisation allows at most 20 calls per second per app and API.",
        )
    } else if c.is(&["90002", "Forbidden.AccessDenied.QpsLimitForApi"]) {
        t(
            "这个接口在钉钉全局限流了（所有企业一起调用太多），与你的配置无关。",
            "DingTalk throttled this API globally (too many calls from everyone); nothing is wrong with your settings.",
        )
    } else if c.is(&["90004", "90006"]) {
        t(
            "用这组凭证调用得太频繁，被钉钉暂时禁用了。",
            "These credentials made calls too often and DingTalk temporarily blocked them.",
        )
    } else {
        t(
            "调用太频繁，被钉钉限流了。",
            "Calls came too fast and DingTalk throttled them.",
        )
    };
    let a = Advice::new(symptom, cause)
        .step(t(
            "不需要改任何设置：等 1 秒后重试即可（向导会自动退避重试）",
            "No setting needs changing: wait a second and retry (the wizard backs off and retries by itself)",
        ))
        .note(t(
            "如果经常出现：请平台技术人员给调用排队限速、缓存 access_token（不要每次请求都重新获取），并避开整点高峰。",
            "If it happens often: ask the platform's engineers to queue and rate-limit calls, cache the access_token (never fetch one per request) and avoid the top of the hour.",
        ));
    Rendered::new(a, DOC_RATE_LIMIT)
}

pub(super) fn quota_exceeded(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("本企业这个月的接口调用次数用完了{code_zh}"),
            format!("The organisation's API calls for this month are used up{code_en}"),
        ),
        t(
            "标准版企业每月共 5000 次。工作通知、待办等业务接口计入；获取 token、登录、通讯录接口不计入。",
            "A standard-edition organisation gets 5000 per month. Work notifications, todos and other business APIs count; tokens, login and contact APIs do not.",
        ),
    )
    .step(t("等到下个月额度恢复，或升级钉钉版本", "Wait for next month's quota, or upgrade the DingTalk edition"))
    .step(t(
        "请平台技术人员检查有没有程序在反复调用计费接口（例如频繁发送工作通知）",
        "Ask the platform's engineers whether something keeps calling billed APIs (e.g. sending work notifications in a loop)",
    ))
    .note(t("向导的测试只发 1 条消息。", "The wizard's test sends just one message."));
    Rendered::new(a, DOC_RATE_LIMIT)
}

pub(super) fn ip_banned(c: &Ctx) -> Rendered {
    let wait = c.data.wait_minutes.unwrap_or(5);
    let a = if c.is(&["90017"]) {
        Advice::new(
            t("钉钉拒绝了这台服务器的调用（错误码 90017）", "DingTalk refused this server's calls (error code 90017)"),
            t(
                "这台服务器的 IP 用旧的 CorpId + CorpSecret 方式调用了太多企业，超过了钉钉的限制。",
                "This server's IP used the old CorpId + CorpSecret method for too many organisations and hit DingTalk's limit.",
            ),
        )
        .step(t(
            "改用每个应用自己的 Client ID + Client Secret 获取 token，不要再用旧的 corpsecret",
            "Get tokens with each app's own Client ID + Client Secret instead of the old corpsecret",
        ))
    } else {
        let (code_zh, code_en) = c.code_note();
        Advice::new(
            t(
                format!("钉钉暂时封禁了这台服务器的 IP{code_zh}"),
                format!("DingTalk has temporarily banned this server's IP{code_en}"),
            ),
            t(
                format!("从一个 IP 在 20 秒内调用超过 10000 次，会被封 {wait} 分钟；封禁期间钉钉返回的是一个网页或 {{\"status\":1111,\"punish\":\"deny\"}}，而不是正常的错误码。"),
                format!("More than 10000 calls from one IP within 20 seconds gets it blocked for {wait} minutes, during which DingTalk answers with a web page or {{\"status\":1111,\"punish\":\"deny\"}} instead of a normal error code."),
            ),
        )
        .step(t(
            format!("先停止调用，等 {wait} 分钟后再试"),
            format!("Stop calling and try again after {wait} minutes"),
        ))
        .step(t(
            "请平台技术人员找出是哪个程序在短时间内大量调用钉钉（例如失败后无限重试、没有缓存 token），加上限速和缓存",
            "Ask the platform's engineers to find what made so many calls so fast (e.g. endless retries, no token cache) and add rate limiting and caching",
        ))
    };
    Rendered::new(a, DOC_RATE_LIMIT)
}

pub(super) fn token_expired(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let mut symptom = t(
        format!("钉钉不认请求里的 access_token{code_zh}"),
        format!("DingTalk did not accept the request's access_token{code_en}"),
    );
    let mut cause = t(
        "access_token 过期、无效，或者请求里根本没带上。正常情况下它会自动刷新，不会显示给用户。",
        "The access_token expired, is invalid, or was not sent at all. Normally it is refreshed automatically and never shown.",
    );
    if c.is(&["accesstoken.expired"]) {
        symptom = t(
            "用户的 access token 过期了",
            "The user's access token expired",
        );
        cause = t(
            "它在登录后 2 小时过期，需要用 refresh token 续期。",
            "It expires 2 hours after login and must be renewed with the refresh token.",
        );
    } else if c.is(&["41001"]) || c.said("undefined") {
        cause.zh.push_str(
            "请求里缺少 access_token：平台没有把 token 带上（例如 access_token=undefined）。",
        );
        cause.en.push_str(" The request carried no access_token: the platform did not send it (e.g. access_token=undefined).");
    } else if c.is(&["88"]) {
        cause
            .zh
            .push_str("在扫码登录的签名流程里，88 也可能表示 accessKey、时间戳或签名不对。");
        cause.en.push_str(" In the QR-login signature flow, 88 can also mean a wrong accessKey, timestamp or signature.");
    }
    let a = Advice::new(symptom, cause)
        .step(t("重新运行检查即可（会重新获取 token）", "Run the check again (it fetches a new token)"))
        .note(t(
            "如果反复出现：请平台技术人员按应用缓存 token、在到期前 5 分钟刷新。",
            "If it keeps happening: ask the platform's engineers to cache the token per app and refresh it 5 minutes before expiry.",
        ))
        .note(t(
            "并确认 token 真的带在请求里：新版接口（api.dingtalk.com）放在请求头 x-acs-dingtalk-access-token，旧版接口（oapi.dingtalk.com）放在 URL 参数 access_token。",
            "And make sure it is actually sent: in the x-acs-dingtalk-access-token header for the new API (api.dingtalk.com), in the access_token query parameter for the old API (oapi.dingtalk.com).",
        ));
    Rendered::new(a, DOC_TOKEN)
}

pub(super) fn https_required(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("钉钉拒绝了 http:// 地址{code_zh}"),
            format!("DingTalk refused an http:// address{code_en}"),
        ),
        t("钉钉要求 HTTPS。", "DingTalk requires HTTPS."),
    )
    .step(t(
        "如果是平台自己的地址（首页、登录回调、事件回调）：给平台的域名配置有效的 HTTPS 证书，并在向导里把地址改成 https://",
        "If it is the platform's own address (homepage, login callback, event callback): give the platform's domain a valid HTTPS certificate and change the address to https:// in the wizard",
    ))
    .step(t(
        "如果是调用钉钉接口：请平台技术人员改用 https://（例如 https://oapi.dingtalk.com）",
        "If it is a call to DingTalk: ask the platform's engineers to use https:// (e.g. https://oapi.dingtalk.com)",
    ))
    .note(t(
        "经过企业网关时，网关地址也要用 https（Dingbind 里是 DINGBIND_OAPI_URL / DINGBIND_API_URL）。",
        "Behind a corporate gateway, the gateway address must be https too (in Dingbind: DINGBIND_OAPI_URL / DINGBIND_API_URL).",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn api_disabled(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "钉钉已经禁用了这个接口（错误码 48002，Api禁用）",
            "DingTalk has disabled this API (error code 48002)",
        ),
        t(
            "这通常不是填写的问题：接口可能已经下线，或者不对这类应用开放，当前应用不能再调用它。",
            "This is usually not a settings problem: the API may be retired or not open to this kind of app, so this app can no longer call it.",
        ),
    )
    .step(t(
        "请平台技术人员改用钉钉推荐的新版接口",
        "Ask the platform's engineers to move to DingTalk's recommended new API",
    ))
    .note(t(
        "不确定时，把错误原文发给平台的技术支持。",
        "If unsure, send the original error text to the platform's support.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn bad_param(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let mut cause = t(
        "这通常是平台程序的问题，不是开发者后台的配置问题。",
        "This is usually a problem in the platform's program, not in the console settings.",
    );
    if c.is(&["unsupported.grant.type"]) {
        cause
            .zh
            .push_str("grant_type 不被支持：获取 token 时应为 client_credentials。");
        cause.en.push_str(
            " The grant_type is not supported: it must be client_credentials when getting a token.",
        );
    } else if c.said("body is mandatory") {
        cause
            .zh
            .push_str("新版接口要求 JSON 请求体，程序发的却是表单格式或空请求体。");
        cause.en.push_str(
            " The new API requires a JSON body, but the program sent a form-encoded or empty body.",
        );
    }
    let a = Advice::new(
        t(
            format!("请求参数缺失或不合法{code_zh}"),
            format!("A request parameter is missing or invalid{code_en}"),
        ),
        cause,
    )
    .step(t(
        "请平台技术人员对照钉钉文档检查这个请求：新版接口（api.dingtalk.com）要用 JSON 请求体（Content-Type: application/json），必填参数不能为空",
        "Ask the platform's engineers to check the request against DingTalk's docs: the new API (api.dingtalk.com) needs a JSON body (Content-Type: application/json) and every required parameter",
    ))
    .note(t(
        "如果是向导自己的检查报的，请把错误原文反馈给 Dingbind 支持。",
        "If the wizard's own check reported it, send the original error text to Dingbind support.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn dept_not_found(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "要查询的部门不存在（错误码 60003）",
            "The department does not exist (error code 60003)",
        ),
        t(
            "它可能已经被删除，或者部门 ID 填错了。",
            "It may have been deleted, or the department ID is wrong.",
        ),
    )
    .at(t(
        "钉钉管理后台 › 通讯录",
        "the DingTalk admin console › 通讯录 (Contacts)",
    ))
    .step(t(
        "核对这个部门是否还在",
        "Check that the department still exists",
    ))
    .step(t(
        "如果平台里保存的是旧的部门 ID，请重新同步通讯录",
        "If the platform stored an old department ID, sync the contacts again",
    ))
    .note(t(
        "整个企业（根部门）的部门 ID 是 1。",
        "The whole organisation (root department) has ID 1.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn message_throttled(c: &Ctx) -> Rendered {
    let code = c.errcode.unwrap_or("");
    let (why_zh, why_en, fix_zh, fix_en) = match code {
        "143103" | "143104" => (
            "发送太频繁，超过了每分钟的限制",
            "messages were sent too fast, over the per-minute limit",
            "等 1 分钟后再发。",
            "Wait a minute and send again.",
        ),
        "143105" => (
            "今天发给这个人的工作通知已经到上限（每个应用每人每天最多 500 条）",
            "this person has reached today's cap of work notifications (at most 500 per user per day per app)",
            "明天再试，或换一个人测试。",
            "Try again tomorrow, or test with another person.",
        ),
        "143106" => (
            "内容和今天已经发给这个人的某条消息完全相同，钉钉按重复消息丢弃了（同样的内容每人每天只发一次）",
            "the content is identical to a message this person already got today, so DingTalk dropped it as a duplicate (the same content reaches a user once a day)",
            "改一下消息内容再发（向导的测试消息每次都带时间戳）。",
            "Change the content and send again (the wizard's test message carries a timestamp each time).",
        ),
        "1430000" => (
            "没有有效的接收人",
            "there was no valid recipient",
            "确认接收人的 userId 正确，并且在应用可见范围内（左侧菜单 › 应用发布 › 版本管理与发布 › 应用可见范围）。",
            "Make sure the recipient's userId is right and inside the app's visible range (left menu › 应用发布 › 版本管理与发布 › 应用可见范围, App release › Versions › Visible range).",
        ),
        "1430002" => (
            "消息内容含有违禁内容",
            "the content contains banned words",
            "修改消息内容后再发。",
            "Change the content and send again.",
        ),
        "1430004" => (
            "接收人受「高管保护」，应用不能直接给他发消息",
            "the recipient is under executive protection (高管保护), so apps cannot message them directly",
            "换一个不受高管保护的人测试。",
            "Test with someone who is not under executive protection.",
        ),
        _ => (
            "钉钉按发送限制拦下了这条消息",
            "DingTalk held the message back under its sending limits",
            "稍后再试，并修改消息内容；仍然收不到时把错误码发给 Dingbind 支持。",
            "Try again later with different content; if it still does not arrive, send the code to Dingbind support.",
        ),
    };
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("工作通知发送接口返回了成功，但消息没有送达{code_zh}"),
            format!("The work notification was accepted but not delivered{code_en}"),
        ),
        t(format!("{why_zh}。"), format!("{why_en}.")),
    )
    .step(t(fix_zh, fix_en));
    Rendered::new(a, DOC_SEND_MESSAGE)
}

pub(super) fn clock_skew(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("钉钉判定签名里的时间戳超时或无效{code_zh}"),
            format!("DingTalk judged the signature's timestamp expired or invalid{code_en}"),
        ),
        t(
            "服务器的时间和钉钉相差超过 1 分钟。",
            "The server's clock is more than a minute off DingTalk's.",
        ),
    )
    .step(t(
        "校准平台服务器的时间：打开自动对时（NTP；Linux 上运行 timedatectl set-ntp true，Windows 上 设置 › 时间和语言 › 立即同步）",
        "Fix the platform server's clock: turn on automatic time sync (NTP; on Linux timedatectl set-ntp true, on Windows Settings › Time & language › Sync now)",
    ))
    .step(t("确认时区正确，然后重试", "Check the time zone, then retry"))
    .note(t(
        "机器人签名要在生成后立即发送。",
        "A robot signature must be used right after it is made.",
    ));
    Rendered::new(a, DOC_SIGNATURE)
}

pub(super) fn not_dingtalk(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("这看起来是企业微信（WeCom）的错误{code_zh}，不是钉钉的"),
            format!("This looks like a WeCom (企业微信) error{code_en}, not a DingTalk one"),
        ),
        t(
            "企业微信有些错误码和钉钉同号，但意思不同（例如企业微信的 60020 带「from ip:」）。",
            "Some WeCom codes share DingTalk's numbers with other meanings (e.g. WeCom's 60020 carries “from ip:”).",
        ),
    )
    .step(t(
        "请按企业微信的文档，在企业微信管理后台处理；Dingbind 只诊断钉钉的绑定",
        "Handle it in the WeCom admin console following WeCom's docs; Dingbind diagnoses DingTalk bindings only",
    ))
    .note(t(
        "如果平台同时接了钉钉，请粘贴钉钉那一侧的错误。",
        "If the platform also uses DingTalk, paste the DingTalk-side error.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn unknown(c: &Ctx) -> Rendered {
    let said = c
        .original
        .map(|o| truncate(o, 300))
        .map(|o| {
            (
                format!("钉钉原话：「{o}」。"),
                format!(" DingTalk said: “{o}”."),
            )
        })
        .unwrap_or_default();
    let a = match c.errcode {
        Some("0") => Advice::new(
            t("errcode 0 表示调用成功", "errcode 0 means the call succeeded"),
            t("这不是错误。", "This is not an error."),
        )
        .step(t(
            "如果功能仍然不正常，请粘贴真正出错的那一行日志",
            "If something still does not work, paste the log line that actually shows the failure",
        )),
        Some(code) => Advice::new(
            t(
                format!("钉钉返回了 Dingbind 还不认识的错误码 {code}"),
                format!("DingTalk returned error code {code}, which Dingbind does not know yet"),
            ),
            t(
                format!("Dingbind 的错误表里还没有它。{}", said.0),
                format!("Dingbind's table does not have it yet.{}", said.1),
            ),
        )
        .step(t(
            format!("在钉钉的全局错误码文档里搜索 {code}"),
            format!("Search for {code} in DingTalk's error-code catalogue"),
        ))
        .step(t(
            "把完整的错误原文（错误码和说明）发给平台技术支持或 Dingbind 支持",
            "Send the complete original error (code and message) to the platform's or Dingbind's support",
        )),
        None => Advice::new(
            t("没能从这段文字里认出钉钉的错误", "No DingTalk error could be recognised in this text"),
            t(
                format!("它没有钉钉的错误码，也不像已知的报错。{}", said.0),
                format!("It has no DingTalk error code and matches no known failure.{}", said.1),
            ),
        )
        .step(t(
            "请粘贴包含 errcode / code 和 errmsg / message 的完整错误（例如整段 JSON 或整行日志）",
            "Paste the complete error including errcode / code and errmsg / message (e.g. the whole JSON or log line)",
        ))
        .note(t(
            "或者在平台服务器上运行 dingbind check，它会逐项检查并给出原因。",
            "Or run dingbind check on the platform server, which tests each item and explains failures.",
        )),
    };
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn server_error(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("钉钉服务器自己出错了{code_zh}（HTTP 500 一类的「未知错误」「系统错误」）"),
            format!("DingTalk's server failed{code_en} (an HTTP 500 “unknown error” or “system error”)"),
        ),
        t("这不是你的设置造成的。", "Your settings did not cause it."),
    )
    .step(t("过几分钟重新检查", "Check again in a few minutes"))
    .note(t(
        "如果一直出现，把完整的错误原文（包括 requestid）发给钉钉开放平台的技术支持。",
        "If it keeps happening, send the complete original error (including the requestid) to DingTalk Open Platform support.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}
