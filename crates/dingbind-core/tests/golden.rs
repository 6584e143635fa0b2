//! The diagnosis of every body production DingTalk really sent (the client's golden fixtures,
//! `crates/dingtalk/tests/fixtures/golden`, each with its public source): once as the live check
//! meets it (parsed by the client, then diagnosed) and once as support pastes it into `dingbind
//! explain`. Both must name the same cause; neither may call a real answer "unknown".

use dingbind_core::diagnosis::{explain, from_api_error, DiagnosisCode};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Golden {
    http_status: u16,
    content_type: String,
    body: String,
}

fn golden(name: &str) -> Golden {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../dingtalk/tests/fixtures/golden")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn every_golden_error_gets_its_diagnosis_live_and_pasted() {
    use DiagnosisCode::*;
    let table = [
        ("gettoken_40096", BadCredentials),
        ("gettoken_40035_form_body", BadParam),
        ("access_token_invalid_client", BadCredentials),
        ("corp_token_unknown_error_500", ServerError),
        ("api_invalid_authentication", TokenExpired),
        ("api_token_header_missing", TokenNotReceived),
        ("topapi_88_40014", TokenExpired),
        ("topapi_88_40000_blank", TokenNotReceived),
        ("api_uri_not_found", WrongEndpoint),
        ("oapi_invalid_method_22", WrongEndpoint),
        ("topapi_88_60011", MissingScope),
        ("topapi_88_60020", IpNotWhitelisted),
        ("topapi_88_90002", RateLimited),
        ("oapi_60020_plain", IpNotWhitelisted),
        ("users_me_403_permission", MissingScope),
        ("api_403_permission_message", MissingScope),
        ("x5_ip_ban", IpBanned),
        ("stream_open_auth_failed", BadCredentials),
    ];
    for (name, code) in table {
        let g = golden(name);
        let err =
            dingtalk::parse_response(g.http_status, &g.content_type, &g.body).expect_err(name);
        let live = from_api_error(&err);
        assert_eq!(live.code, code, "{name} live: {live:?}");
        let pasted = explain(&g.body);
        assert_eq!(pasted.len(), 1, "{name}: {pasted:?}");
        assert_eq!(pasted[0].code, code, "{name} pasted: {:?}", pasted[0]);
        for d in [&live, &pasted[0]] {
            assert!(!d.cause.zh.is_empty() && !d.fix.en.is_empty(), "{name}");
            assert!(d.original.is_some(), "{name}: DingTalk's words are kept");
        }
    }
}

/// The Stream gateway's 400 `systemError` is read in its context: alone it is DingTalk's server
/// failing (as on any path), with the request it answered (the SDK's log line names
/// `gateway/connections/open`) it is the gateway refusing the connection, which the
/// `stream.credentials` check also reports (tests/stream_check.rs).
#[test]
fn the_stream_gateways_system_error_is_read_in_its_context() {
    let g = golden("stream_open_system_error_400");
    let err = dingtalk::parse_response(g.http_status, &g.content_type, &g.body).unwrap_err();
    assert_eq!(from_api_error(&err).code, DiagnosisCode::ServerError);
    assert_eq!(explain(&g.body)[0].code, DiagnosisCode::ServerError);
    let logged = format!("open connection failed, error=400 Client Error: Bad Request for url: https://api.dingtalk.com/v1.0/gateway/connections/open, response.text={}", g.body);
    assert_eq!(
        explain(&logged)[0].code,
        DiagnosisCode::StreamGatewayRefused
    );
}

#[test]
fn a_wrapped_permission_refusal_names_the_scope_and_its_apply_page() {
    let g = golden("topapi_88_60011");
    let err = dingtalk::parse_response(g.http_status, &g.content_type, &g.body).unwrap_err();
    for d in [from_api_error(&err), explain(&g.body).remove(0)] {
        assert_eq!(
            d.errcode.as_deref(),
            Some("60011"),
            "the inner code is DingTalk's code"
        );
        assert_eq!(d.data.required_scopes, ["qyapi_get_member_by_mobile"]);
        assert_eq!(d.data.app_key.as_deref(), Some("dingq7x2k9m4v8n3p5r1"));
        let apply = "https://open-dev.dingtalk.com/appscope/apply?content=dingq7x2k9m4v8n3p5r1%23qyapi_get_member_by_mobile";
        assert_eq!(d.data.scope_apply.len(), 1);
        assert_eq!(d.data.scope_apply[0].url, apply);
        assert_eq!(
            d.fix_url.as_deref(),
            Some(apply),
            "one scope: its apply page is the fix"
        );
        assert!(d.fix.zh.contains("2 小时"), "{}", d.fix.zh);
        assert!(
            !d.cause.zh.contains("access_token 过期"),
            "88 is not token trouble here"
        );
    }
}

#[test]
fn wrapped_and_plain_whitelist_refusals_carry_the_ip() {
    for (name, ip) in [
        ("topapi_88_60020", "14.153.172.241"),
        ("oapi_60020_plain", "120.230.136.230"),
    ] {
        let g = golden(name);
        let err = dingtalk::parse_response(g.http_status, &g.content_type, &g.body).unwrap_err();
        let d = from_api_error(&err);
        assert_eq!(d.data.egress_ip.as_deref(), Some(ip), "{name}");
        assert!(d.fix.zh.contains(ip), "{name}: {}", d.fix.zh);
    }
}

#[test]
fn the_new_familys_permission_text_names_the_scope_without_accessdenieddetail() {
    let g = golden("api_403_permission_message");
    let d = explain(&g.body).remove(0);
    assert_eq!(d.data.required_scopes, ["Calendar.Event.Write"]);
    assert_eq!(
        d.data.scope_apply[0].url,
        "https://open-dev.dingtalk.com/appscope/apply?content=dingq7x2k9m4v8n3p5r1%23Calendar.Event.Write"
    );
}
