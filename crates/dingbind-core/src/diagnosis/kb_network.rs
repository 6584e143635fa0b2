//! Texts for the network (timeout, DNS, TLS, odd HTTP statuses, non-JSON pages) and for event
//! callbacks (the encrypted "success" reply, signature / decryption, aes_key, registration,
//! reachability). These are fixed on the server or the network more often than in the console,
//! and the texts say who has to act.

use super::links::{CONSOLE_APPS, DOC_CALLBACK_CRYPTO, DOC_ERROR_CODES};
use super::render::{t, Ctx, Rendered};
use super::Advice;
use crate::i18n::Text;
use std::net::IpAddr;

/// ` (oapi.dingtalk.com)` / `（oapi.dingtalk.com）` for the host involved, if known.
fn host_note(c: &Ctx) -> (String, String) {
    match c.data.host.as_deref() {
        Some(h) => (format!("（{h}）"), format!(" ({h})")),
        None => (String::new(), String::new()),
    }
}

/// An intranet address (`192.168.1.176:443`), which for a DingTalk call means a proxy in between.
fn is_intranet(host: &str) -> bool {
    let ip = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    match ip.trim_matches(['[', ']']).parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_private() || v4.is_loopback() || v4.is_link_local(),
        Ok(IpAddr::V6(v6)) => v6.is_loopback(),
        Err(_) => false,
    }
}

pub(super) fn timeout(c: &Ctx) -> Rendered {
    let (h_zh, h_en) = host_note(c);
    let mut cause = t(
        "对方在规定时间内没有回应。常见原因是这台机器不能访问外网、防火墙拦截、请求被发给了一个不通的代理，或者对方服务器太慢。",
        "No answer came in time. Common causes: this machine has no internet access, a firewall blocks it, requests go to a proxy that does not work, or the other side is too slow.",
    );
    if c.data.host.as_deref().is_some_and(is_intranet) {
        cause
            .zh
            .push_str("出错的是一个内网地址，说明请求被发往了内网代理，而不是钉钉。");
        cause.en.push_str(" The address is an intranet one, so the request went to an internal proxy instead of DingTalk.");
    }
    let a = Advice::new(
        t(format!("连接超时{h_zh}"), format!("The connection timed out{h_en}")),
        cause,
    )
    .step(t("偶尔一次可以直接重试", "A single timeout can simply be retried"))
    .step(t(
        "经常出现时：确认这台机器能访问 https://oapi.dingtalk.com 和 https://api.dingtalk.com（443 端口），防火墙放行",
        "If it keeps happening: make sure this machine can reach https://oapi.dingtalk.com and https://api.dingtalk.com (port 443) through the firewall",
    ))
    .step(t(
        "公司上网要走代理的，设置 HTTPS_PROXY，不走代理的地址写进 NO_PROXY",
        "If the company requires a proxy, set HTTPS_PROXY and list proxy-free hosts in NO_PROXY",
    ))
    .note(t(
        "日志里出现 192.168.x.x、10.x.x.x 这类内网地址时，检查代理设置是否指错了。",
        "If the log shows an intranet address such as 192.168.x.x or 10.x.x.x, the proxy setting points to the wrong place.",
    ))
    .note(t(
        "超时的是平台自己的域名：确认平台服务正在运行、端口对外开放。",
        "The platform's own domain timed out? Make sure the platform is running and its port is open to the outside.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn dns_failure(c: &Ctx) -> Rendered {
    let (h_zh, h_en) = host_note(c);
    let a = Advice::new(
        t(format!("域名解析失败{h_zh}"), format!("Name resolution failed{h_en}")),
        t(
            "这台机器查不到这个域名对应的 IP 地址。",
            "This machine could not find the IP address of the domain.",
        ),
    )
    .step(t("检查域名有没有拼错", "Check the domain for typos"))
    .step(t(
        "检查这台机器的网络和 DNS 设置（能否打开 https://oapi.dingtalk.com）",
        "Check this machine's network and DNS settings (can it open https://oapi.dingtalk.com?)",
    ))
    .note(t(
        "如果是平台自己的域名，确认已经在域名服务商那里添加了解析记录，并且已经生效。",
        "If it is the platform's own domain, make sure its DNS record exists at the domain provider and has taken effect.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn tls_failure(c: &Ctx) -> Rendered {
    let (h_zh, h_en) = host_note(c);
    let a = Advice::new(
        t(format!("HTTPS 证书校验失败{h_zh}"), format!("HTTPS certificate verification failed{h_en}")),
        t(
            "这台机器不信任对方出示的证书。常见原因：公司的代理或安全网关在中间替换了证书（自签名证书），系统缺少根证书，或者系统时间不对。同样的操作在笔记本上能成功、在服务器上失败，多半就是这个原因。",
            "This machine does not trust the certificate it was shown. Common causes: a corporate proxy or security gateway replaces certificates (self-signed), the system lacks root certificates, or the system clock is wrong. Working on a laptop but failing on the server usually means this.",
        ),
    )
    .at(t("向导右上角 › 网络与证书", "the wizard's top right › Network and certificates"))
    .step(t(
        "在同一台机器上用浏览器或 curl 打开 https://oapi.dingtalk.com，看证书是谁签发的",
        "On the same machine, open https://oapi.dingtalk.com in a browser or with curl and see who issued the certificate",
    ))
    .step(t(
        "如果是公司的安全网关：请网管提供它的 CA 根证书，在这里添加（命令行 dingbind 用环境变量 DINGBIND_CA_FILE=证书文件路径）",
        "If it is the corporate security gateway: get its CA root certificate from IT and add it here (for the dingbind CLI: the environment variable DINGBIND_CA_FILE=path-to-the-certificate)",
    ))
    .step(t("更新系统根证书（如 ca-certificates）并校准系统时间", "Update the system's root certificates (e.g. ca-certificates) and fix the clock"))
    .note(t(
        "也可以把证书安装到系统（Debian/Ubuntu：复制到 /usr/local/share/ca-certificates/ 后运行 update-ca-certificates）。",
        "It can also be installed system-wide (Debian/Ubuntu: copy it to /usr/local/share/ca-certificates/ and run update-ca-certificates).",
    ))
    .note(t(
        "出错的是平台自己的域名：给它配置正规机构签发的有效证书（不能是自签名）。",
        "The failing host is the platform's own domain? Give it a valid certificate from a real CA (not self-signed).",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn http_status(c: &Ctx) -> Rendered {
    let status = c.data.http_status;
    let s = status.map(|s| s.to_string()).unwrap_or_else(|| "?".into());
    let (hint_zh, hint_en) = match status {
        Some(401) => (
            "401 通常表示凭证或 access_token 无效。",
            " A 401 usually means invalid credentials or access_token.",
        ),
        Some(403) => (
            "403 通常表示缺少接口权限，或者服务器 IP 不在白名单里。",
            " A 403 usually means a missing API permission or an egress IP not on the whitelist.",
        ),
        Some(404) => (
            "404 表示地址不对，或者要找的对象不存在。",
            " A 404 means a wrong address or a missing object.",
        ),
        Some(429) => ("429 表示调用太频繁。", " A 429 means too many calls."),
        Some(s) if s >= 500 => (
            "5xx 表示钉钉或中间的网关出了故障。",
            " A 5xx means DingTalk or a gateway in between failed.",
        ),
        _ => ("", ""),
    };
    let a = Advice::new(
        t(
            format!("服务器（钉钉、平台，或中间的代理、网关）返回了 HTTP {s}，没有带钉钉的错误码"),
            format!("The server (DingTalk, the platform, or a proxy or gateway in between) answered HTTP {s} without a DingTalk error code"),
        ),
        t(
            format!("状态码本身说明不了具体原因。{hint_zh}"),
            format!("The status alone does not say exactly why.{hint_en}"),
        ),
    )
    .step(t(
        "如果这是平台自己的地址（首页、回调地址）：确认路径和向导生成的一致、平台服务正在运行（404 是路径不存在，5xx 是平台出错）",
        "If this is the platform's own address (homepage, callback): check that the path matches the one the wizard generated and that the platform is running (404: no such path, 5xx: the platform failed)",
    ))
    .step(t(
        "如果是钉钉接口：把完整的响应内容（不只是状态码）粘贴到「我有一条报错」里，就能得到具体原因",
        "If it is a DingTalk API: paste the complete response body (not just the status) into “I have an error message” to get the exact cause",
    ))
    .note(t("5xx 可以稍后重试。", "Retry a 5xx later."))
    .note(t(
        "经过代理或网关时，检查它是否拦截或改写了请求。",
        "Behind a proxy or gateway, check whether it blocks or rewrites the request.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn unexpected_response(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "收到的不是钉钉的 JSON 回复，而是一个网页或其他内容",
            "The reply was not DingTalk's JSON but a web page or something else",
        ),
        t(
            "通常是公司的代理、防火墙、上网认证页，或者填错的接口地址返回的。",
            "Usually it comes from a corporate proxy, firewall or captive portal, or from a wrong API address.",
        ),
    )
    .step(t(
        "检查代理设置（HTTPS_PROXY / NO_PROXY）和自定义接口地址（DINGBIND_OAPI_URL / DINGBIND_API_URL）",
        "Check the proxy settings (HTTPS_PROXY / NO_PROXY) and any custom API address (DINGBIND_OAPI_URL / DINGBIND_API_URL)",
    ))
    .step(t(
        "在平台服务器上用 curl 打开 https://oapi.dingtalk.com/gettoken，应该看到一段 JSON",
        "On the platform server, curl https://oapi.dingtalk.com/gettoken should print JSON",
    ))
    .note(t(
        "网页上写着访问过于频繁：IP 被钉钉临时封禁了，等 5 分钟再试。",
        "The page says there were too many requests? DingTalk has banned the IP for a while: wait 5 minutes.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

/// Where callback settings live.
fn events() -> Text {
    t(
        "左侧菜单 › 开发配置 › 事件订阅",
        "left menu › 开发配置 › 事件订阅 (Dev config › Event subscription)",
    )
}

pub(super) fn callback_bad_reply(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("钉钉判定回调校验失败{code_zh}（「返回文本非success」或「HTTP请求结果校验返回字段值失败」）"),
            format!("DingTalk failed the callback check{code_en} (“returned text is not success” / “HTTP result field check failed”)"),
        ),
        t(
            "平台的回调地址没有返回加密的「success」。",
            "The platform's callback address did not return the encrypted “success”.",
        ),
    )
    .at(events())
    .step(t(
        "请平台技术人员修：收到事件（包括点保存时钉钉发来的 check_url 验证事件）后，必须在 1 秒内以 HTTP 200 返回 JSON {msg_signature, timeStamp, nonce, encrypt}",
        "The platform's engineers fix it: for every event (including the check_url event DingTalk sends when you click save) answer within 1 second with HTTP 200 and JSON {msg_signature, timeStamp, nonce, encrypt}",
    ))
    .step(t(
        "其中 encrypt 是加密后的字符串 success（官方库的 getEncryptedMap(\"success\")），不能返回明文 success 或空内容",
        "Here encrypt is the encrypted string success (getEncryptedMap(\"success\") in the official library), never a plain success or an empty body",
    ))
    .step(t("修好后在这里重新保存", "Then save again here"));
    Rendered::new(a, DOC_CALLBACK_CRYPTO)
}

pub(super) fn callback_decrypt_failed(c: &Ctx) -> Rendered {
    let (symptom, cause) = if c.is(&["900005"]) {
        (
            t("回调签名不匹配（错误码 900005）", "The callback signature does not match (error code 900005)"),
            t(
                "平台用来验签的「签名 token」和开发者后台填的不一致。",
                "The signature token the platform uses differs from the one in the developer console.",
            ),
        )
    } else if c.is(&["900010"]) || c.said("invalid corpid") {
        (
            t(
                "解密后末尾的 ownerKey 对不上（钉钉：计算解密文字corpid不匹配 / Invalid CorpId）",
                "The ownerKey at the end of the decrypted text does not match (“decrypted corpid mismatch” / Invalid CorpId)",
            ),
            t(
                "在开发者后台配置的事件订阅，解密时要用应用的 Client ID（原 AppKey），平台却用了 CorpId。",
                "For event subscriptions configured in the developer console, decryption must use the app's Client ID (formerly AppKey), but the platform used the CorpId.",
            ),
        )
    } else if c.said("计算解密文字错误") || c.said("illegal key size") {
        (
            t("解密出错（计算解密文字错误）", "Decryption failed (计算解密文字错误)"),
            t(
                "常见原因是平台的 aes_key 和开发者后台的不一致，或者 Java 环境不支持 256 位 AES（缺少 JCE 无限强度策略）。",
                "Usually the platform's aes_key differs from the console's, or the Java runtime lacks 256-bit AES (the JCE unlimited-strength policy).",
            ),
        )
    } else {
        (
            t(
                "平台没能验证或解密钉钉推送的回调内容",
                "The platform could not verify or decrypt DingTalk's callback",
            ),
            t(
                "签名 token、aes_key 或 ownerKey 和开发者后台的不一致。",
                "The signature token, aes_key or ownerKey differs from the developer console's.",
            ),
        )
    };
    let a = Advice::new(symptom, cause)
        .at(events())
        .step(t("在开发者后台点开这个应用", "In the developer console, open this app"))
        .step(t(
            "查看「签名 token」和「加密 aes_key」，确认平台里填的完全一致（逐字复制，不要带空格）",
            "Compare the signature token (签名 token) and aes_key (加密 aes_key) with the platform's, character for character",
        ))
        .step(t("改好后重新保存事件订阅", "Then save the event subscription again"))
        .note(t(
            "在开发者后台配置的事件订阅，解密时 ownerKey 要传应用的 Client ID（原 AppKey），不是 CorpId（只有用旧接口 register_call_back 注册的回调才用 CorpId）。",
            "For event subscriptions configured in the console, the decryption ownerKey is the app's Client ID (formerly AppKey), not the CorpId (only callbacks registered with the old register_call_back API use the CorpId).",
        ))
        .note(t(
            format!("Java 8 老版本要安装 JCE 无限强度策略文件或升级 JDK。（详见 {DOC_CALLBACK_CRYPTO}）"),
            format!("Old Java 8 needs the JCE unlimited-strength policy files or a newer JDK. (Details: {DOC_CALLBACK_CRYPTO})"),
        ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn callback_crypto_key(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "回调用的加密 aes_key 不合法，或者和开发者后台的不一致",
            "The callback aes_key is invalid or differs from the developer console's",
        ),
        t(
            "它必须正好 43 位，只含字母和数字。不一致的 aes_key 甚至会让 Java 解密库内存溢出（OutOfMemoryError）。",
            "It must be exactly 43 letters and digits. A mismatched aes_key can even make the Java decryption library run out of memory (OutOfMemoryError).",
        ),
    )
    .at(events())
    .step(t("在开发者后台点开这个应用", "In the developer console, open this app"))
    .step(t(
        "复制「加密 aes_key」（43 位），原样粘贴到平台：不要补 = 号，不要带空格",
        "Copy the aes_key (加密 aes_key, 43 characters) and paste it into the platform unchanged: no added =, no spaces",
    ))
    .note(t(
        "如果要重新生成，两边要同时更新，然后重新保存事件订阅。",
        "If you generate a new one, update both sides, then save the event subscription again.",
    ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn callback_registration(c: &Ctx) -> Rendered {
    let (symptom, cause) = if c.is(&["71006"]) {
        (
            t(
                "这个回调地址已经注册过了（错误码 71006）",
                "This callback address is already registered (error code 71006)",
            ),
            t(
                "旧接口不能重复注册同一个地址。",
                "The old API cannot register the same address twice.",
            ),
        )
    } else if c.is(&["71007"]) {
        (
            t(
                "要更新或删除的回调地址并不存在（错误码 71007）",
                "The callback address to update or delete does not exist (error code 71007)",
            ),
            t(
                "旧接口要先注册才能更新。",
                "The old API must register it before updating.",
            ),
        )
    } else {
        (
            t(
                "用旧接口注册回调地址失败",
                "Registering the callback address with the old API failed",
            ),
            t(
                "旧的 register_call_back 接口拒绝了这次注册。",
                "The old register_call_back API refused the registration.",
            ),
        )
    };
    let a = Advice::new(symptom, cause)
        .at(events())
        .step(t(
            "不再用旧的 register_call_back 接口，直接在这里配置（首选 Stream 模式，不需要公网地址）",
            "Stop using the old register_call_back API and configure it here instead (preferably in Stream mode, which needs no public address)",
        ))
        .note(t(
            "仍用旧接口时：71006 改用更新回调的接口，或先删除旧的注册；71007 先注册再更新。",
            "Still on the old API: for 71006 use the update-callback API or delete the old registration first; for 71007 register before updating.",
        ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn callback_unreachable(_c: &Ctx) -> Rendered {
    let a = Advice::new(
        t(
            "钉钉访问不到平台的回调地址（或机器人消息接收地址）",
            "DingTalk cannot reach the platform's callback address (or robot message receive address)",
        ),
        t(
            "地址不能从公网访问，或者它的 HTTPS 证书无效。",
            "It is not reachable from the internet, or its HTTPS certificate is invalid.",
        ),
    )
    .at(events())
    .step(t(
        "确认地址用的是公网域名，从外网（例如手机流量）能打开，不是内网 IP",
        "Make sure the address uses a public domain that opens from outside (e.g. over mobile data), not an intranet IP",
    ))
    .step(t(
        "防火墙要放行钉钉的推送来源（203.119.0.0/16、140.205.0.0/16、106.11.0.0/16 等）；证书要有效，不能是自签名",
        "Let DingTalk's push sources through the firewall (203.119.0.0/16, 140.205.0.0/16, 106.11.0.0/16, …) and use a valid certificate, not a self-signed one",
    ))
    .step(t("改好后在这里重新保存", "Then save again here"))
    .note(t(
        "如果平台支持，改用 Stream 模式就不需要公网地址。",
        "If the platform supports Stream mode, it needs no public address.",
    ));
    Rendered::new(a, CONSOLE_APPS)
}

pub(super) fn unreachable(c: &Ctx) -> Rendered {
    let (h_zh, h_en) = host_note(c);
    let mut cause = t(
        "连接被拒绝、被重置，或者没有通往它的网络路由。这通常是防火墙、代理或网络配置的问题，而不是对方太慢。",
        "The connection was refused or reset, or there is no network route to it. This is usually a firewall, proxy or network setting, not slowness.",
    );
    if c.data.host.as_deref().is_some_and(is_intranet) {
        cause
            .zh
            .push_str("出错的是一个内网地址，说明请求被发往了内网代理。");
        cause
            .en
            .push_str(" The address is an intranet one, so the request went to an internal proxy.");
    }
    let a = Advice::new(t(format!("连不上对方{h_zh}"), format!("Could not connect{h_en}")), cause)
        .step(t(
            "在同一台机器上试着打开 https://oapi.dingtalk.com：打不开就请网管放行这台机器访问外网 443 端口",
            "Try opening https://oapi.dingtalk.com on the same machine: if it fails, ask IT to allow outbound port 443 from it",
        ))
        .step(t(
            "公司上网要走代理的，设置 HTTPS_PROXY，不走代理的地址写进 NO_PROXY；检查代理地址本身是否写对、代理是否在运行",
            "If the company requires a proxy, set HTTPS_PROXY and list proxy-free hosts in NO_PROXY; check that the proxy address is right and the proxy is running",
        ))
        .note(t(
            "连不上的是平台自己的域名：确认平台服务正在运行、端口对外开放。",
            "The platform's own domain is unreachable? Make sure the platform is running and its port is open to the outside.",
        ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn wrong_endpoint(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("请求到了钉钉没有的接口地址{code_zh}（「Invalid method」「请求的URI地址不存在」）"),
            format!("The request reached an address DingTalk does not have{code_en} (“Invalid method”, “请求的URI地址不存在”)"),
        ),
        t(
            "通常是公司的网关或代理改写了地址，或者钉钉接口地址（DINGBIND_OAPI_URL / DINGBIND_API_URL）配错了：旧版接口在 oapi.dingtalk.com，新版接口在 api.dingtalk.com，两者不能混用。",
            "Usually a company gateway or proxy rewrote the address, or the DingTalk base URL (DINGBIND_OAPI_URL / DINGBIND_API_URL) is wrong: the old API lives on oapi.dingtalk.com and the new one on api.dingtalk.com, and they cannot be swapped.",
        ),
    )
    .step(t(
        "这不是钉钉后台的设置问题：请网络管理员检查出口网关或代理是否改写了访问钉钉的地址",
        "This is not a console setting: ask the network administrator whether the egress gateway or proxy rewrites addresses to DingTalk",
    ))
    .step(t(
        "如果设置了 DINGBIND_OAPI_URL / DINGBIND_API_URL，确认它们分别指向 https://oapi.dingtalk.com 和 https://api.dingtalk.com（或网关上对应的转发地址）",
        "If DINGBIND_OAPI_URL / DINGBIND_API_URL are set, make sure they point to https://oapi.dingtalk.com and https://api.dingtalk.com (or the gateway's forwarding addresses for them)",
    ))
    .note(t(
        "如果是平台自己报的错，请平台技术人员核对接口路径。",
        "If the platform reported it, ask its engineers to check the API path.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}

pub(super) fn token_not_received(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("钉钉没有收到 access_token{code_zh}"),
            format!("DingTalk did not receive the access_token{code_en}"),
        ),
        t(
            "请求里本来带着它，但到达钉钉时已经没有了。多半是公司的代理或安全网关删掉了请求头（新版接口的 x-acs-dingtalk-access-token）或 URL 参数（旧版接口的 access_token）；如果是平台报的错，也可能是平台把 token 放错了位置。",
            "It was sent, but was gone when the request arrived. Most likely a company proxy or security gateway stripped the header (x-acs-dingtalk-access-token, new API) or the query parameter (access_token, old API); if the platform reported it, the platform may also have put the token in the wrong place.",
        ),
    )
    .step(t(
        "请网络管理员在代理或安全网关上放行访问 api.dingtalk.com 和 oapi.dingtalk.com 的请求，不要删改请求头和 URL 参数（可以对这两个域名不做 HTTPS 解密）",
        "Ask the network administrator to let requests to api.dingtalk.com and oapi.dingtalk.com through the proxy or security gateway without changing headers or query parameters (e.g. exempt both hosts from HTTPS inspection)",
    ))
    .note(t(
        "平台技术人员请确认：新版接口把 token 放在请求头 x-acs-dingtalk-access-token，旧版接口放在 URL 参数 access_token。",
        "Platform engineers: the new API takes the token in the x-acs-dingtalk-access-token header, the old API in the access_token query parameter.",
    ));
    Rendered::new(a, DOC_ERROR_CODES)
}
