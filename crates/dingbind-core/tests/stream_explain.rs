//! What admins paste about Stream mode, explained: the Stream SDK's log of a 401 `authFailed`
//! (stray spaces or a wrong secret), of the gateway's 400 `systemError`, DingTalk's 长链接未在线
//! when subscribing to events while the platform's Stream connection is down, and the console's
//! 「Stream模式接入失败」 after 已完成接入，验证连接通道. Each with its 现象 / 原因 / 去哪改.

use dingbind_core::diagnosis::{explain, DiagnosisCode};

/// GH zfanswer/dify-on-dingtalk#28, as posted.
const AUTH_FAILED_LOG: &str = r#"dingtalk_stream.stream:open_connection:179 - open connection failed, error=401 Client Error: Unauthorized for url: https://api.dingtalk.com/v1.0/gateway/connections/open, response.text={"requestid":"ED203550-DBBC-7C58-9504-9FA6D4444F17","code":"authFailed","message":"鉴权失败"}"#;
/// GH AstrBotDevs/AstrBot#1628, as posted.
const SYSTEM_ERROR_LOG: &str = r#"[18:18:52] [Plug] [ERRO] [dingtalk_stream.stream:181]: open connection failed, error=400 Client Error: Bad Request for url: https://api.dingtalk.com/v1.0/gateway/connections/open, response.text={"requestid":"866D7F8F-6C8D-74FA-98CB-777BB394A2B8","code":"systemError","message":"系统错误"}"#;
/// DingTalk-Real-AI/dingtalk-workspace-cli `dev/event.md`: a generic business error whose
/// message says 长链接未在线 (`server_error_code=-1`).
const NOT_ONLINE: &str =
    r#"{"success":false,"errorCode":"-1","errorMsg":"长链接未在线","reason":"business_error"}"#;
/// GH zhayujie/CowAgent#1685 and AstrBotDevs/AstrBot#3635: the console after 验证连接通道.
const VERIFY_FAILED: &str = "Stream模式接入失败,请参考Stream模式SDK接入指南";

#[test]
fn auth_failed_is_bad_credentials_and_names_stray_spaces_first() {
    let found = explain(AUTH_FAILED_LOG);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d.code, DiagnosisCode::BadCredentials);
    assert_eq!(d.errcode.as_deref(), Some("authFailed"));
    assert_eq!(d.data.http_status, Some(401));
    assert!(
        d.cause.zh.contains("空格") && d.cause.zh.contains("看不见的字符"),
        "{}",
        d.cause.zh
    );
    assert!(d.cause.en.contains("invisible character"), "{}", d.cause.en);
    assert!(d.cause.zh.contains("Stream"), "{}", d.cause.zh);
    // Where to fix it: the platform's configured values, pasted again without spaces.
    let notes: String = d.advice.notes.iter().map(|n| n.zh.clone()).collect();
    assert!(notes.contains("平台配置"), "{notes}");
    // The bare code name alone gives the same.
    assert_eq!(explain("authFailed")[0].code, DiagnosisCode::BadCredentials);
}

#[test]
fn the_gateways_400_system_error_is_a_refusal_not_a_passing_fault() {
    let d = &explain(SYSTEM_ERROR_LOG)[0];
    assert_eq!(d.code, DiagnosisCode::StreamGatewayRefused);
    assert_eq!(d.errcode.as_deref(), Some("systemError"));
    assert!(
        d.advice.symptom.zh.contains("Stream 网关"),
        "{:?}",
        d.advice
    );
    assert!(d.fix.zh.contains("requestid"), "{}", d.fix.zh);
    assert!(d
        .fix_url
        .as_deref()
        .unwrap()
        .contains("configure-stream-push"));
    // The same code elsewhere is still DingTalk's server failing.
    let other = r#"HTTP 500 {"code":"systemError","message":"系统错误"} on /v1.0/todo/users"#;
    assert_eq!(explain(other)[0].code, DiagnosisCode::ServerError);
}

#[test]
fn not_online_is_the_platforms_stream_connection_even_with_a_generic_code() {
    for text in [
        NOT_ONLINE,
        "订阅失败：长链接未在线",
        VERIFY_FAILED,
        "stream模式接入失败",
    ] {
        let found = explain(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let d = &found[0];
        assert_eq!(d.code, DiagnosisCode::StreamNotConnected, "{text}");
        let place = d.advice.place.as_ref().unwrap();
        assert!(
            place.zh.contains("平台"),
            "{text}: fixed on the platform: {place:?}"
        );
        let steps: String = d.advice.steps.iter().map(|s| s.zh.clone()).collect();
        assert!(steps.contains("开发配置 › 事件订阅"), "{steps}");
        assert!(steps.contains("已完成接入，验证连接通道"), "{steps}");
        assert!(d.original.as_deref().unwrap().contains(text.trim()));
    }
    // The symptom repeats what DingTalk said.
    assert!(explain(NOT_ONLINE)[0]
        .advice
        .symptom
        .zh
        .contains("长链接未在线"));
    assert!(explain(VERIFY_FAILED)[0]
        .advice
        .symptom
        .zh
        .contains("接入失败"));
}
