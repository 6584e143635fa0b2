//! Texts for problems fixed by the admin in the developer console: credentials, CorpId, egress-IP
//! whitelist, permissions, ranges, AgentId, membership, login codes and state, publishing,
//! redirect URL, homepage URL and in-app login. Chinese first; console paths spelled exactly as
//! the console shows them (docs/dingtalk/console.md), with an English gloss in the English text.

use super::links::{scope_label, CONSOLE_APPS, CONSOLE_HOME, CONSOLE_SSO_SECRET, DOC_WEB_LOGIN};
use super::render::{t, Ctx, Rendered};
use super::Advice;
use crate::i18n::Text;

/// The first step of every fix inside the app's pages.
fn open_app(which_zh: &str, which_en: &str) -> Text {
    t(
        format!("在开发者后台的应用列表里点开这个应用{which_zh}"),
        format!("In the developer console's app list, open this app{which_en}"),
    )
}

pub(super) fn bad_credentials(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let symptom = t(
        format!("钉钉不认这组 Client ID + Client Secret{code_zh}"),
        format!("DingTalk rejected this Client ID + Client Secret pair{code_en}"),
    );
    let mut zh = "其中一个填错了、复制时多了空格或少了字符，或者两者不是同一个应用的。".to_owned();
    let mut en = "one of them is wrong, was copied with extra spaces or missing characters, or the two belong to different apps.".to_owned();
    if c.is(&["40089"]) {
        zh.push_str("钉钉原话「不合法的corpId或corpSecret」是旧接口留下的措辞：出错的其实是 Client ID（原 AppKey）和 Client Secret（原 AppSecret），与企业的 CorpId 无关，不要去改 CorpId。");
        en.push_str(" DingTalk's wording “invalid corpId or corpSecret” is left over from the old API: what is wrong is the Client ID (formerly AppKey) and the Client Secret (formerly AppSecret). It has nothing to do with the organisation's CorpId, so do not change the CorpId.");
    } else if c.is(&["40096"]) {
        zh.push_str("钉钉原话「不合法的appKey或appSecret」里的 appKey 就是现在的 Client ID，appSecret 就是 Client Secret。");
        en.push_str(" DingTalk's wording “invalid appKey or appSecret” uses the old names: appKey is the Client ID, appSecret the Client Secret.");
    } else if c.is(&["40001"]) {
        zh.push_str("钉钉说的是「获取 access_token 时 Secret 错误」：多半是 Client Secret 不对，例如已经重置过。");
        en.push_str(" DingTalk says the secret was wrong when getting the access_token: most likely the Client Secret is wrong, e.g. it was reset.");
    } else if c.is(&["authFailed"]) {
        zh.push_str("这是 Stream 连接通道（connections/open）的鉴权失败：钉钉不认这组 Client ID / Client Secret。即使两项“核对过是对的”，最常见的原因也是粘贴时带进了空格、换行、引号或看不见的字符（写在配置文件里时尤其容易），其次是 Client Secret 已经重置过。");
        en.push_str(" This is the Stream connection's (connections/open) authentication failure: DingTalk does not accept this Client ID / Client Secret pair. Even when both were “checked and correct”, the most common cause is a space, line break, quote or invisible character pasted along (easy to do in a configuration file), the next a Client Secret that was reset since.");
    } else if c.is(&["900103"]) || c.said("appid") {
        zh.push_str("填在 Client ID 位置的不是应用的 Client ID（例如填成了 CorpId 或 API Token）。钉钉后台已改名：Client ID 就是原来的 AppKey，以 ding 开头。");
        en.push_str(" What is in the Client ID box is not the app's Client ID (e.g. the CorpId or an API token). The console renamed it: Client ID is the former AppKey and starts with ding.");
    }
    if c.said("corpsecret") && !c.is(&["40089"]) {
        zh.push_str(
            "钉钉已不再支持用旧的 corpsecret 获取 token，要改用应用的 Client ID + Client Secret。",
        );
        en.push_str(" DingTalk no longer issues tokens for the old corpsecret; use the app's Client ID + Client Secret.");
    }
    let mut a = Advice::new(symptom, t(zh, en))
        .at(t("左侧菜单 › 基础信息 › 凭证与基础信息", "left menu › 基础信息 › 凭证与基础信息 (Basic info › Credentials and basic info)"))
        .step(open_app("", ""))
        .step(t(
            "重新复制 Client ID（以 ding 开头，约 20 位）和 Client Secret（点「点击查看」后复制，64 位）",
            "Copy the Client ID again (starts with ding, about 20 characters) and the Client Secret (click 点击查看 “view”, 64 characters)",
        ))
        .step(t(
            "粘贴到向导对应的框里，前后不要带空格",
            "Paste them into the wizard's boxes with no spaces around them",
        ))
        .note(t(
            "两项必须来自同一个应用；重置 Client Secret 后旧的立即失效，要用新的。旧文档里它们叫 AppKey / AppSecret。",
            "Both must come from the same app; resetting the Client Secret invalidates the old one at once. Older docs call them AppKey / AppSecret.",
        ))
        .note(t(
            "两项都确认无误仍然报错：检查应用是否已经发布版本（左侧菜单 › 应用发布 › 版本管理与发布）。没发布过的应用，凭证用不了。",
            "Both right and it still fails? Check that the app has a published version (left menu › 应用发布 › 版本管理与发布, App release › Versions): an unpublished app's credentials do not work.",
        ));
    if c.is(&["authFailed"]) {
        a = a.note(t(
            "这个错误出现在平台日志里时，要改的是平台配置里的值：用向导的复制按钮重新复制粘贴，确认前后没有空格和引号，再重启平台的钉钉连接。",
            "When this error is in the platform's log, fix the values in the platform's configuration: copy and paste them again with the wizard's copy buttons, make sure there are no spaces or quotes around them, then restart the platform's DingTalk connection.",
        ));
    }
    if c.is(&["invalidClientIdOrSecret"]) {
        a = a.note(t(
            format!("如果是「管理后台免登」那一步报的错，出错的是 SSOsecret：到 {CONSOLE_SSO_SECRET}（更多 › 基本信息 › 开发信息（旧版））重新复制 SSOsecret。"),
            format!("If the admin-console login (管理后台免登) step failed, the SSOsecret is wrong: copy it again from {CONSOLE_SSO_SECRET} (更多 › 基本信息 › 开发信息（旧版）, More › Basic info › Developer info (old))."),
        ));
    }
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn bad_corp_id(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let unauthorized = c.is(&["unauthorized.client"]);
    let (symptom, cause) = if unauthorized {
        (
            t("钉钉回答「应用未授权」（unauthorized.client）", "DingTalk answered “app not authorised” (unauthorized.client)"),
            t(
                "最常见的原因是填的 CorpId 不是创建这个应用的那个企业的；也可能是这个应用没有授权给该企业（例如应用已停用、被删除，或还没有发布）。",
                "most often the CorpId entered is not the organisation that created this app; it can also mean the app is not authorised for that organisation (e.g. it was disabled, deleted or never published).",
            ),
        )
    } else {
        (
            t(
                format!("CorpId（企业 ID）不对{code_zh}"),
                format!("The CorpId (organisation ID) is wrong{code_en}"),
            ),
            t(
                "钉钉找不到这个企业，或这个应用不属于这个企业。CorpId 和 Client ID 都以 ding 开头，很容易填反。",
                "DingTalk cannot find the organisation, or this app does not belong to it. The CorpId and the Client ID both start with ding and are easy to swap.",
            ),
        )
    };
    let mut a = Advice::new(symptom, cause)
        .at(t(format!("开发者后台首页 {CONSOLE_HOME}"), format!("the developer console home page {CONSOLE_HOME}")))
        .step(t(
            "先确认右上角选中的是正确的企业（一个账号可能属于多个企业）",
            "Make sure the right organisation is selected at the top right (one account can belong to several)",
        ))
        .step(t(
            "复制首页显示的 CorpId（以 ding 开头，20 或 36 位），粘贴到向导的 CorpId 框",
            "Copy the CorpId shown there (starts with ding, 20 or 36 characters) and paste it into the wizard's CorpId box",
        ))
        .note(t(
            "不要填成 Client ID：那是应用「凭证与基础信息」页面上的另一个值。",
            "Do not use the Client ID: that is a different value on the app's 凭证与基础信息 (Credentials) page.",
        ));
    if c.said("corpid不合法") {
        a = a.note(t(
            "如果是在钉钉里打开平台页面时报的（errorCode 3、1002）：错的是页面 dd.config 或首页地址里的 corpId。首页地址里的 $CORPID$ 要原样保留，由钉钉替换成企业的 CorpId，不要改成别的值。",
            "If it appeared while opening the platform's page inside DingTalk (errorCode 3, 1002): the corpId in the page's dd.config or in the homepage address is wrong. Keep $CORPID$ in the homepage address exactly as it is; DingTalk replaces it with the organisation's CorpId.",
        ));
    }
    if unauthorized {
        a = a.note(t(
            "如果 CorpId 没错：到 应用开发 › 企业内部应用 确认这个应用还在，并且已经发布（左侧菜单 › 应用发布 › 版本管理与发布）。",
            "If the CorpId is right: check under 应用开发 › 企业内部应用 (App development › Internal apps) that the app still exists and is published (left menu › 应用发布 › 版本管理与发布, App release › Versions).",
        ));
    }
    Rendered::new(a, CONSOLE_HOME)
}

pub(super) fn ip_not_whitelisted(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let ip = c.data.egress_ip.as_deref();
    let (symptom, mut zh, mut en) = match ip {
        Some(ip) => (
            t(
                format!("钉钉拒绝了来自 IP {ip} 的调用{code_zh}"),
                format!("DingTalk refused a call from IP {ip}{code_en}"),
            ),
            format!("这个 IP 不在应用的「服务器出口IP」白名单里。{ip} 是钉钉看到的、发出请求的那台机器的公网 IP。"),
            format!("that IP is not on the app's server egress IP (服务器出口IP) whitelist. {ip} is the public IP DingTalk saw the request come from."),
        ),
        None => (
            t(
                format!("钉钉拒绝了这次调用{code_zh}"),
                format!("DingTalk refused the call{code_en}"),
            ),
            "发出请求的那台机器的公网 IP 不在应用的「服务器出口IP」白名单里。".to_owned(),
            "the public IP of the machine that sent it is not on the app's server egress IP (服务器出口IP) whitelist.".to_owned(),
        ),
    };
    let (app_zh, app_en) = match c.data.app_key.as_deref() {
        Some(app) => {
            zh.push_str(&format!("钉钉说请求来自 Client ID 为 {app} 的应用。"));
            en.push_str(&format!(
                " DingTalk says the request came from the app with Client ID {app}."
            ));
            (
                format!("（Client ID 为 {app} 的那个）"),
                format!(" (the one with Client ID {app})"),
            )
        }
        None => (String::new(), String::new()),
    };
    let place = t("左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP", "left menu › 开发配置 › 安全设置 › 服务器出口IP (Dev config › Security settings › Server egress IP)");
    let a = match ip {
        Some(ip) => Advice::new(symptom, t(zh, en))
            .at(place)
            .step(open_app(&app_zh, &app_en))
            .step(t(
                format!("把 {ip} 加进去（已有的 IP 保留，多个 IP 用英文逗号分隔），点保存"),
                format!("Add {ip} (keep the IPs already there, separate several with commas) and save"),
            ))
            .step(t("重新检查", "Check again"))
            .note(t(
                format!("{ip} 是钉钉看到的 IP。如果这次是在管理员自己的电脑上测的，它是这台电脑的出口 IP，不是平台服务器的：平台服务器的出口 IP 要在服务器上运行 dingbind check 才能看到，要加的是那一个。"),
                format!("{ip} is the IP DingTalk saw. If this test ran on the admin's own computer, it is that computer's egress IP, not the platform server's: run dingbind check on the server to see the server's egress IP, and add that one."),
            )),
        None => Advice::new(symptom, t(zh, en))
            .at(place)
            .step(t(
                "在平台服务器上运行 dingbind check，它会报出钉钉看到的服务器出口 IP",
                "Run dingbind check on the platform server: it reports the egress IP DingTalk sees",
            ))
            .step(open_app(&app_zh, &app_en))
            .step(t(
                "把这个 IP 加进去（多个 IP 用英文逗号分隔），保存后重新检查",
                "Add that IP (separate several with commas), save, and check again",
            )),
    };
    let a = a
        .note(t(
            "必须填公网出口 IP，不能填 192.168.x.x、10.x.x.x 这类内网地址；服务器的出口 IP 会变（云函数、动态 IP）时，要先给它配一个固定的出口 IP。",
            "It must be the public egress IP, never an intranet address such as 192.168.x.x or 10.x.x.x; if the server's egress IP changes (cloud functions, dynamic IPs), give it a fixed egress IP first.",
        ))
        .note(t(
            "加了还是不行：确认改的是同一个应用，改的是钉钉开发者后台的白名单，而不是云服务器安全组之类的别处。",
            "Added it and it still fails? Make sure you edited the same app, and the whitelist in the DingTalk developer console rather than somewhere else such as a cloud security group.",
        ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn missing_scope(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let scopes = &c.data.required_scopes;
    let place = t(
        "左侧菜单 › 开发配置 › 权限管理",
        "left menu › 开发配置 › 权限管理 (Dev config › Permission management)",
    );
    let review = t(
        "有的权限需要钉钉审核，一般一个工作日内完成。",
        "Some permissions need DingTalk's review, usually within one working day.",
    );
    if scopes.is_empty() {
        let a = Advice::new(
            t(
                format!("钉钉拒绝了这次调用{code_zh}"),
                format!("DingTalk refused the call{code_en}"),
            ),
            t(
                "应用没有调用这个接口的权限，钉钉没有说缺的是哪一项。",
                "the app is not allowed to call this API; DingTalk did not say which permission is missing.",
            ),
        )
        .at(place)
        .step(open_app("", ""))
        .step(t(
            "向导「开通权限」那一步列出了平台需要的权限代码：在搜索框里逐个搜索，点「立即开通」",
            "The wizard's permissions step lists the codes the platform needs: search each one and click 立即开通 (Enable now)",
        ))
        .note(t(
            "在平台服务器上运行 dingbind check 会逐项检查，告诉你具体缺哪一项。",
            "Running dingbind check on the platform server tests them one by one and names the missing one.",
        ))
        .note(review);
        return Rendered::new(a, CONSOLE_APPS);
    }
    let named = |zh: bool| -> String {
        let parts: Vec<String> = scopes
            .iter()
            .map(|s| match (scope_label(s), zh) {
                (Some((name, _)), true) => format!("{s}（{name}）"),
                (Some((_, name)), false) => format!("{s} ({name})"),
                (None, _) => s.clone(),
            })
            .collect();
        parts.join(if zh { "、" } else { ", " })
    };
    let mut zh = format!("应用缺少接口权限 {}，钉钉因此拒绝了这次调用。", named(true));
    let mut en = format!(
        "the app lacks the API permission {}, so DingTalk refused the call.",
        named(false)
    );
    if scopes.iter().any(|s| s == "Contact.User.Read") {
        zh.push_str("没有 Contact.User.Read，钉钉扫码登录会失败，或者登录后又退回登录页。");
        en.push_str(
            " Without Contact.User.Read, DingTalk QR login fails or loops back to the login page.",
        );
    }
    let symptom = t(
        format!("钉钉说应用没有权限调用这个接口{code_zh}"),
        format!("DingTalk says the app may not call this API{code_en}"),
    );
    let codes_zh = scopes.join("、");
    let codes_en = scopes.join(", ");
    let a = Advice::new(symptom, t(zh, en)).at(place);
    let a = if c.data.scope_apply.is_empty() {
        a.step(open_app("", "")).step(t(
            format!("在搜索框里依次输入下面的权限代码，找到后点「立即开通」：{codes_zh}"),
            format!("Search for each of these permission codes and click 立即开通 (Enable now): {codes_en}"),
        ))
    } else {
        a.step(t(
            format!("点「申请开通」（每项权限一个按钮），会打开这个应用的权限申请页，确认开通：{codes_zh}"),
            format!("Click “Apply” (one button per permission): it opens this app's permission request page; confirm there: {codes_en}"),
        ))
        .note(t(
            "也可以在开发者后台的应用列表里点开这个应用，去 左侧菜单 › 开发配置 › 权限管理，搜索权限代码，点「立即开通」。",
            "Or open this app in the developer console, go to left menu › 开发配置 › 权限管理 (Dev config › Permission management), search for the code and click 立即开通 (Enable now).",
        ))
    };
    let a = a.note(review).note(t(
        "开通后钉钉最长可能在 2 小时内仍沿用旧的 access_token，这段时间重新检查仍可能显示未开通：稍后再查即可，不必重复申请。",
        "After a permission is granted, DingTalk may keep handing out the old access_token for up to 2 hours, so a check in that time can still show it missing: check again later; there is no need to apply twice.",
    ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn out_of_range(c: &Ctx) -> Rendered {
    let (symptom, cause) = if c.is(&["50004"]) {
        (
            t(
                "钉钉拒绝读取这个部门（错误码 50004）",
                "DingTalk refused to read the department (error code 50004)",
            ),
            t(
                "这个部门不在应用的通讯录授权范围内。",
                "the department is outside the app's contact authorised range.",
            ),
        )
    } else if c.is(&["50002"]) {
        (
            t(
                "钉钉拒绝读取或通知这个员工（错误码 50002）",
                "DingTalk refused to read or notify the employee (error code 50002)",
            ),
            t(
                "这个员工不在应用的授权范围内。",
                "the employee is outside the app's authorised range.",
            ),
        )
    } else {
        (
            t("钉钉不让应用看到这些员工或部门", "DingTalk hides these employees or departments from the app"),
            t(
                "他们不在应用的可见范围或通讯录授权范围内，也用不了这个应用。",
                "they are outside the app's visible range or contact authorised range, and cannot use the app either.",
            ),
        )
    };
    let a = Advice::new(symptom, cause)
        .at(t("左侧菜单 › 开发配置 › 权限管理 › 通讯录权限 › 授权范围", "left menu › 开发配置 › 权限管理 › 通讯录权限 › 授权范围 (Dev config › Permission management › Contact permissions › Authorised range)"))
        .step(open_app("", ""))
        .step(t(
            "选「全部员工」，或至少包含这些人所在的部门",
            "Choose 全部员工 (all employees), or at least the departments of these people",
        ))
        .step(t(
            "再去 左侧菜单 › 应用发布 › 版本管理与发布 › 应用可见范围：要包含需要登录和接收通知的人",
            "Then go to left menu › 应用发布 › 版本管理与发布 › 应用可见范围 (App release › Versions › Visible range): it must include everyone who logs in or receives notifications",
        ))
        .note(t(
            "改可见范围要创建新版本并发布才生效。",
            "A visible-range change takes effect only after you create and publish a new version.",
        ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn bad_agent_id(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let (symptom, mut cause) = if c.is(&["41020"]) {
        (
            t("AgentId 和 access_token 不是同一个应用的（错误码 41020）", "The AgentId and the access_token belong to different apps (error code 41020)"),
            t(
                "token 是用另一个应用的 Client ID 换来的，AgentId 却属于这个应用。常见原因是平台里配了多个钉钉应用，共用了一个 token 缓存。",
                "the token was obtained with another app's Client ID, while the AgentId is this app's. A common cause is a platform with several DingTalk apps sharing one token cache.",
            ),
        )
    } else {
        (
            t(format!("AgentId 不对{code_zh}"), format!("The AgentId is wrong{code_en}")),
            t(
                "钉钉不认这个 AgentId，或者它和 Client ID 不是同一个应用的。",
                "DingTalk does not recognise it, or it belongs to a different app than the Client ID.",
            ),
        )
    };
    if c.said("undefined") {
        cause
            .zh
            .push_str("平台根本没有读到 AgentId（配置里是空的）。");
        cause.en.push_str(
            " The platform did not read any AgentId at all (it is empty in its settings).",
        );
    }
    let mut a = Advice::new(symptom, cause)
        .at(t("左侧菜单 › 基础信息 › 凭证与基础信息", "left menu › 基础信息 › 凭证与基础信息 (Basic info › Credentials and basic info)"))
        .step(open_app("", ""))
        .step(t(
            "复制 AgentId（一串 9–10 位数字），确认它和 Client ID 出自同一个页面",
            "Copy the AgentId (a 9–10 digit number) and make sure it comes from the same page as the Client ID",
        ))
        .step(t("粘贴到向导", "Paste it into the wizard"));
    if c.is(&["41020"]) {
        a = a.note(t(
            "如果 AgentId 确实无误：请平台技术人员按 Client ID 分别缓存 access_token，清除缓存或重启服务后重试。",
            "If the AgentId is right: ask the platform's engineers to cache access tokens per Client ID, then clear the cache or restart the service and try again.",
        ));
    }
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn user_not_in_org(c: &Ctx) -> Rendered {
    let (symptom, cause) = if c.is(&["33012"]) {
        (
            t(
                "用户 ID（userId）无效（错误码 33012）",
                "The user ID (userId) is invalid (error code 33012)",
            ),
            t(
                "这个企业里没有这个 userId。",
                "this organisation has no such userId.",
            ),
        )
    } else {
        let (code_zh, code_en) = c.code_note();
        (
            t(
                format!("钉钉在这个企业里找不到这个用户{code_zh}"),
                format!("DingTalk cannot find this user in the organisation{code_en}"),
            ),
            t(
                "登录的人不是创建应用的那个企业的成员（企业内部应用不支持其他企业的人登录），或者用户 ID 填错了。",
                "the person logging in is not a member of the organisation that owns the app (internal apps do not allow cross-organisation login), or the user ID is wrong.",
            ),
        )
    };
    let a = Advice::new(symptom, cause)
        .step(t(
            "让这个人用本企业的钉钉账号登录（扫码后如果账号属于多个企业，选择本企业）",
            "Have the person log in with a DingTalk account of this organisation (if the account belongs to several, pick this one after scanning)",
        ))
        .step(t(
            "如果他应该是成员：请企业管理员在 钉钉管理后台 › 通讯录 › 成员管理 里把他加进来",
            "If they should be a member: an admin adds them in the DingTalk admin console › 通讯录 › 成员管理 (Contacts › Members)",
        ))
        .note(t(
            "需要填用户 ID 的地方（例如发测试消息）要填 userId（在成员管理里能看到），不是手机号，也不是 unionId。",
            "Where a user ID is asked for (e.g. the test message), enter the userId shown in 成员管理, not a mobile number or unionId.",
        ));
    Rendered::new(a, DOC_WEB_LOGIN)
}

pub(super) fn auth_code_invalid(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("登录用的临时授权码（authCode）无效{code_zh}"),
            format!("The temporary login code (authCode) is invalid{code_en}"),
        ),
        t(
            "它只能用一次、5 分钟内有效，可能已过期、已被用过，或者没有传到平台。如果这个错误是在服务器出口 IP 变了之后突然开始、而且每次都出现，真正的原因常常是 IP 白名单：被白名单拦下的请求也可能报「不合法的临时授权码」。",
            "it works once and for 5 minutes, so it expired, was already used, or never reached the platform. If this started right after the server's egress IP changed and happens every time, the real cause is often the IP whitelist: requests blocked by the whitelist can also be reported as an “invalid temporary auth code”.",
        ),
    )
    .step(t(
        "先重新扫码，或从钉钉工作台重新打开应用登录一次",
        "First scan again, or reopen the app from the DingTalk workbench, and log in once more",
    ))
    .step(t(
        "如果每次都报：在平台服务器上运行 dingbind check，查看钉钉看到的出口 IP",
        "If it fails every time: run dingbind check on the platform server to see the egress IP DingTalk sees",
    ))
    .step(t(
        "在开发者后台的应用列表里点开这个应用，去 左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP，把新 IP 加进去",
        "In the developer console's app list, open this app, go to left menu › 开发配置 › 安全设置 › 服务器出口IP (Dev config › Security settings › Server egress IP) and add the new IP",
    ))
    .note(t(
        "还要确认平台没有把同一个授权码用两次（例如页面刷新导致重复提交）。",
        "Also make sure the platform does not use the same code twice (e.g. a page reload submitting it again).",
    ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn app_not_published(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t("钉钉找不到可用的应用", "DingTalk has no usable app here"),
        t(
            "这个应用还没有发布过版本，或者已经被删除、停用。应用没有发布版本时，它的 Client ID 和 Client Secret 都用不了，请求会失败。",
            "the app has never published a version, or it was deleted or disabled. Until a version is published, its Client ID and Client Secret do not work and requests fail.",
        ),
    )
    .at(t("左侧菜单 › 应用发布 › 版本管理与发布 › 创建新版本", "left menu › 应用发布 › 版本管理与发布 › 创建新版本 (App release › Versions › New version)"))
    .step(open_app("", ""))
    .step(t(
        "填版本号和版本描述，设置应用可见范围，保存",
        "Enter a version number and description, set the visible range, and save",
    ))
    .step(t("点「直接发布」", "Click 直接发布 (Publish)"))
    .note(t(
        "不是管理员发布的需要管理员审批（「仅我可见」除外）。",
        "A non-admin's release needs an admin's approval, except “仅我可见” (visible only to me).",
    ))
    .note(t(
        "应用列表里已经找不到这个应用：说明它被删除了，重新创建应用，并把新的 Client ID、Client Secret、AgentId 填回向导。",
        "The app is no longer in the list? It was deleted: create it again and enter the new Client ID, Client Secret and AgentId in the wizard.",
    ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn redirect_not_registered(c: &Ctx) -> Rendered {
    let (symptom, cause) = if c.is(&["50001"]) {
        (
            t("钉钉说登录回调地址未授权（错误码 50001，redirect_uri未授权）", "DingTalk says the login redirect address is not authorised (error code 50001)"),
            t(
                "登录回调地址（redirect_uri）没有在开发者后台登记。",
                "the login redirect address (redirect_uri) is not registered in the developer console.",
            ),
        )
    } else {
        (
            t("钉钉登录页显示「重定向错误」", "DingTalk's login page shows a redirect error (重定向错误)"),
            t(
                "登录回调地址（redirect_uri）和开发者后台登记的不一致。",
                "the login redirect address (redirect_uri) does not match the one registered in the developer console.",
            ),
        )
    };
    let a = Advice::new(symptom, cause)
        .at(t("左侧菜单 › 开发配置 › 安全设置 › 重定向URL（回调域名）", "left menu › 开发配置 › 安全设置 › 重定向URL（回调域名） (Dev config › Security settings › Redirect URL)"))
        .step(open_app("", ""))
        .step(t(
            "填入向导生成的登录回调地址，多个地址用英文逗号分隔，保存",
            "Enter the login callback address the wizard generated (separate several with commas) and save",
        ))
        .note(t(
            "要和平台实际发出的地址逐字节一致：https、域名、端口、路径都相同，不要多出 :443 或重复的路径段。",
            "It must match what the platform sends byte for byte: same https, domain, port and path, no extra :443 and no doubled path segment.",
        ))
        .note(t(
            "平台发起登录时 redirect_uri 必须 URL 编码，并且用用户在浏览器里访问的那个公网地址，而不是服务器内部的 主机:端口。",
            "The platform must URL-encode redirect_uri and use the public address users open in their browser, not the server's internal host:port.",
        ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn corpid_placeholder(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "应用首页地址里的 $CORPID$ 占位符没有被换成企业 ID",
            "The $CORPID$ placeholder in the app's homepage URL was not replaced with the organisation ID",
        ),
        t(
            "占位符写错了（例如中间多了空格、参数名写成 cropId），或者应用不是从工作台打开的：钉钉只在从工作台打开应用时才替换它。",
            "the placeholder is mistyped (e.g. a space inside it, or the parameter spelled cropId), or the app was not opened from the workbench: DingTalk replaces it only then.",
        ),
    )
    .at(t("左侧菜单 › 应用能力 › 网页应用", "left menu › 应用能力 › 网页应用 (App capabilities › Web app)"))
    .step(open_app("", ""))
    .step(t(
        "把 移动端首页地址 和 PC端首页地址 改成向导生成的地址（直接复制粘贴）",
        "Set 移动端首页地址 (Mobile homepage URL) and PC端首页地址 (PC homepage URL) to the addresses the wizard generated (copy and paste them)",
    ))
    .step(t(
        "从钉钉工作台打开应用测试，不要直接在浏览器里打开这个地址",
        "Test by opening the app from the DingTalk workbench, not by opening the address in a browser",
    ))
    .note(t(
        "占位符必须原样写成 $CORPID$：全大写、没有空格，参数名是 corpId。",
        "The placeholder must read exactly $CORPID$: upper case, no spaces, parameter name corpId.",
    ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn in_app_login_required(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "在钉钉手机端（工作台）里打开平台时要求扫码登录",
            "The platform asks for a QR login when opened inside the DingTalk mobile app (workbench)",
        ),
        t(
            "手机没法扫自己屏幕上的二维码：在钉钉里打开应用要走「端内免登」，不需要扫码。",
            "a phone cannot scan its own screen: inside DingTalk the app must use in-app login (端内免登), which needs no QR code.",
        ),
    )
    .at(t("左侧菜单 › 开发配置 › 安全设置 › 端内免登地址", "left menu › 开发配置 › 安全设置 › 端内免登地址 (Dev config › Security settings › In-client login URL)"))
    .step(open_app("", ""))
    .step(t("填向导生成的平台地址，保存", "Enter the platform address the wizard generated and save"))
    .step(t(
        "再去 左侧菜单 › 应用能力 › 网页应用，确认 移动端首页地址 用的是向导生成的免登地址",
        "Then go to left menu › 应用能力 › 网页应用 (App capabilities › Web app) and make sure 移动端首页地址 (Mobile homepage URL) is the in-app login address the wizard generated",
    ))
    .note(t(
        "平台一侧要开启钉钉免登（dd.requestAuthCode）；手机端登录失败时，平台应提供用账号密码登录的备用入口。",
        "The platform must have DingTalk in-app login (dd.requestAuthCode) enabled, and should offer a username/password fallback when it fails.",
    ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn state_mismatch(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "登录回调里的 state 和这次登录发出的不一致",
            "The state in the login callback is not the one this login sent",
        ),
        t(
            "这个回调不是本次登录产生的。常见原因是用了另一个标签页、之前打开的旧页面或旧二维码（例如重新开始登录测试后，扫的还是之前的码）；少数情况下是伪造的回调（CSRF 攻击）。为了安全，回调带来的授权码没有被使用。",
            "the callback did not come from this login. Usually another tab, an old page or an old QR code was used (e.g. the login test was restarted but the previous code was scanned); rarely it is a forged callback (a CSRF attack). For safety, the code it carried was not used.",
        ),
    )
    .step(t("关掉其他钉钉登录页面和标签页", "Close other DingTalk login pages and tabs"))
    .step(t(
        "在向导里重新开始登录测试，只用这次新打开的页面或新生成的二维码登录",
        "Restart the login test in the wizard, and log in only with the page or QR code it just opened",
    ))
    .note(t(
        "平台自己的登录也是同样的道理：state 要在发起登录时随机生成、和用户的会话绑定，回调时逐字比对，不一致就拒绝。这是防止 CSRF 的必要检查，不要为了「能登录」把它去掉。",
        "The platform's own login works the same way: generate a random state when starting a login, tie it to the user's session, compare it exactly on the callback and reject a mismatch. This is the necessary CSRF check; never remove it just to make login work.",
    ));
    Rendered::new(a, DOC_WEB_LOGIN)
}

/// `url:[…]` / `nonce:[…]` as DingTalk's 52013 message quotes them.
fn quoted(original: Option<&str>, key: &str) -> Option<String> {
    let o = original?;
    let at = o.find(&format!("{key}:["))? + key.len() + 2;
    let end = o[at..].find(']')?;
    Some(o[at..at + end].trim().to_string()).filter(|v| !v.is_empty())
}

pub(super) fn jsapi_signature(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let (mut seen_zh, mut seen_en) = (String::new(), String::new());
    if let Some(url) = quoted(c.original, "url") {
        seen_zh.push_str(&format!("钉钉校验时用的页面地址是 {url}"));
        seen_en.push_str(&format!(" DingTalk checked the page address {url}"));
        if let Some(nonce) = quoted(c.original, "nonce") {
            seen_zh.push_str(&format!("，nonce 是 {nonce}"));
            seen_en.push_str(&format!(" with nonce {nonce}"));
        }
        seen_zh.push_str("：服务器签名时必须用完全相同的地址和 nonce。");
        seen_en.push_str(": the server must sign exactly this address and nonce.");
    }
    let a = Advice::new(
        t(
            format!("钉钉里打开的页面 JSAPI 鉴权失败{code_zh}（「签名校验失败」）"),
            format!("A page opened inside DingTalk failed JSAPI authentication{code_en} (“签名校验失败”, signature check failed)"),
        ),
        t(
            format!("平台页面调用 dd.config 时，服务器算出的签名和钉钉算的不一致。常见原因：签名用的 URL 和页面真实地址不一样（多了端口 :443、少了末尾的 /、带了 # 后面的部分，手机端和电脑端取的地址不同）；nonceStr 或 timeStamp 与签名时用的不一致；jsapi_ticket 过期或属于别的应用；dd.config 里的 agentId、corpId 不是这个应用和企业的。{seen_zh}"),
            format!("the signature the platform's server computed for dd.config differs from DingTalk's. Common causes: the signed URL differs from the page's real address (an added :443, a missing trailing /, the part after #, mobile and desktop taking different addresses); nonceStr or timeStamp differ from those signed; the jsapi_ticket expired or belongs to another app; the agentId or corpId in dd.config are not this app's and organisation's.{seen_en}"),
        ),
    )
    .step(t(
        "请平台技术人员对照钉钉报错里给出的 url 和 nonce，确认签名用的就是这个地址（去掉 # 及后面的部分，不加端口）",
        "Platform engineers: compare with the url and nonce in DingTalk's error and sign exactly that address (without # and what follows, no port)",
    ))
    .step(t(
        "jsapi_ticket 按应用缓存、过期前刷新",
        "Cache the jsapi_ticket per app and refresh it before expiry",
    ))
    .step(t(
        "dd.config 的 agentId 填这个应用的 AgentId（左侧菜单 › 基础信息 › 凭证与基础信息），corpId 填企业的 CorpId",
        "In dd.config use this app's AgentId (left menu › 基础信息 › 凭证与基础信息, Credentials) and the organisation's CorpId",
    ));
    Rendered::new(a, CONSOLE_APPS)
}
