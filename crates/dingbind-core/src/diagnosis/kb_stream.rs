//! Texts for Stream mode (Stream 模式推送), where the platform opens one WebSocket to DingTalk
//! and receives its events over it (docs/dingtalk/callback.md#stream-mode): the connection not
//! being online, and the Stream gateway refusing to open one. The credential refusal (401
//! `authFailed`) is `bad_credentials` (`kb_setup`).

use super::links::DOC_STREAM;
use super::render::{t, Ctx, Rendered};
use super::Advice;

pub(super) fn stream_not_connected(c: &Ctx) -> Rendered {
    let symptom = if c.said("长链接未在线") {
        t(
            "钉钉说这个应用的 Stream 长连接不在线（「长链接未在线」）",
            "DingTalk says this app's Stream connection is not online (长链接未在线)",
        )
    } else {
        t(
            "钉钉的 Stream 验证没有通过（点「已完成接入，验证连接通道」后提示 Stream 模式接入失败）",
            "DingTalk's Stream verification failed (已完成接入，验证连接通道, “integration done, verify the connection”, says the Stream integration failed)",
        )
    };
    let a = Advice::new(
        symptom,
        t(
            "Stream 模式下，钉钉只把事件推给平台自己连上来的那条长连接（每个应用一条），订阅事件和点「已完成接入，验证连接通道」时都要求它在线。平台的 Stream 客户端没有运行、还没连上，或者连接时被钉钉拒绝，就会这样提示。这不是钉钉后台的设置问题，要在平台那边解决。",
            "in Stream mode DingTalk pushes events only over the connection the platform itself opens (one per app), and both subscribing to events and verifying the connection need it online. If the platform's Stream client is not running, not connected yet, or was refused when connecting, DingTalk says this. It is not a console setting: it is fixed on the platform's side.",
        ),
    )
    .at(t(
        "平台的钉钉集成设置（Stream 事件接收）",
        "the platform's DingTalk integration settings (Stream event receiving)",
    ))
    .step(t(
        "确认平台里填的是这个应用的 Client ID 和 Client Secret（用向导的复制按钮粘贴，前后不带空格），并已开启钉钉事件接收（Stream）",
        "Make sure the platform holds this app's Client ID and Client Secret (pasted with the wizard's copy buttons, no spaces around them) and that DingTalk event receiving (Stream) is switched on",
    ))
    .step(t(
        "确认平台的服务正在运行；查看平台日志里连接钉钉（gateway/connections/open）的报错：401 authFailed 是凭证不对，400 systemError 是钉钉拒绝打开连接",
        "Make sure the platform's service is running, and look in its log for errors connecting to DingTalk (gateway/connections/open): 401 authFailed means the credentials are wrong, 400 systemError that DingTalk refused to open a connection",
    ))
    .step(t(
        "平台连上后，回到左侧菜单 › 开发配置 › 事件订阅，再点「已完成接入，验证连接通道」或重新订阅事件",
        "Once the platform is connected, go back to left menu › 开发配置 › 事件订阅 (Dev config › Event subscription) and click 已完成接入，验证连接通道 (verify the connection) again, or subscribe to the events again",
    ))
    .note(t(
        "向导的「Stream 连接通道凭证」检测只向钉钉要连接地址，不打开连接：它通过就说明凭证没问题，问题在平台自己的连接。",
        "The wizard's “Stream credentials” check only asks DingTalk for a connection address and opens no connection: if it passes, the credentials are fine and the problem is the platform's own connection.",
    ))
    .note(t(
        "平台服务器要能向外访问钉钉（api.dingtalk.com 和 Stream 网关给出的 wss 地址，端口 443）；代理或防火墙拦下 WebSocket 时也连不上。",
        "The platform's server must reach DingTalk outbound (api.dingtalk.com and the wss address the Stream gateway hands out, port 443); a proxy or firewall that blocks WebSocket stops the connection too.",
    ));
    Rendered::new(a, DOC_STREAM)
}

pub(super) fn stream_gateway_refused(c: &Ctx) -> Rendered {
    let (code_zh, code_en) = c.code_note();
    let a = Advice::new(
        t(
            format!("钉钉的 Stream 网关拒绝为这个应用打开连接{code_zh}（HTTP 400「系统错误」）"),
            format!("DingTalk's Stream gateway refused to open a connection for this app{code_en} (HTTP 400 “system error”)"),
        ),
        t(
            "钉钉没有说明原因。公开的报告里，平台启动时连接钉钉一直得到这个回答，重试也不消失；在它消失之前，平台的 Stream 客户端连不上，事件推送不过来。",
            "DingTalk gives no reason. In the public reports the platform got this answer every time it tried to connect, and retrying did not clear it; until it clears, the platform's Stream client cannot connect and no events arrive.",
        ),
    )
    .step(t("过几分钟重新检查一次", "Check again in a few minutes"))
    .step(t(
        "仍然如此：把完整的错误原文（包括 requestid）发给钉钉开放平台的技术支持，说明是 /v1.0/gateway/connections/open 返回的",
        "If it persists, send the complete original error (including the requestid) to DingTalk Open Platform support, saying that /v1.0/gateway/connections/open returned it",
    ))
    .note(t(
        "弄清原因之前，这个应用收不到 Stream 事件；如果平台也支持 HTTP 推送，可以暂时改用 HTTP 推送（需要公网可访问的回调地址）。",
        "Until the cause is found, this app receives no Stream events; if the platform also supports HTTP push, it can use that meanwhile (it needs a publicly reachable callback URL).",
    ));
    Rendered::new(a, DOC_STREAM)
}
