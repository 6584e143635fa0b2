//! The client against bodies production DingTalk really sent (`tests/fixtures/golden/*.json`, each
//! with its public source; ids and secrets replaced), replayed byte for byte by a bare HTTP server —
//! not through the simulator, which was written by us. Each fixture is fetched through the client
//! call that meets it in production, and the error it yields is checked: family, codes, what its
//! text names (scopes, IP, Client ID), and whether the client retried (token refresh, back-off)
//! exactly as such an answer deserves.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dingtalk::{ApiError, Config, Credentials, DingTalk, Endpoints};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Debug, Clone, Deserialize)]
struct Golden {
    source: String,
    http_status: u16,
    content_type: String,
    body: String,
}

/// Every request the replay servers received (head and body), for tests of what the client sends.
static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden")
}

fn all() -> BTreeMap<String, Golden> {
    std::fs::read_dir(dir())
        .expect("golden fixtures")
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "json").then_some(path)
        })
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let g: Golden = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, g)
        })
        .collect()
}

/// A server that answers the app-token call with a token (unless `g` is that call's answer) and
/// every other request with `g`, counting the latter.
async fn replay(g: Golden, token_ok: bool) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let g = g.clone();
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                // Read the head and whatever body its Content-Length announces.
                loop {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&buf);
                    if let Some(end) = text.find("\r\n\r\n") {
                        let len = text[..end]
                            .lines()
                            .find_map(|l| {
                                let (k, v) = l.split_once(':')?;
                                k.eq_ignore_ascii_case("content-length")
                                    .then(|| v.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        if buf.len() >= end + 4 + len {
                            break;
                        }
                    }
                }
                let head = String::from_utf8_lossy(&buf).into_owned();
                SEEN.lock().unwrap().push(head.clone());
                let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
                let (status, ctype, body) =
                    if token_ok && path.starts_with("/api/v1.0/oauth2/accessToken") {
                        (
                            200,
                            "application/json".to_string(),
                            r#"{"accessToken":"golden-token","expireIn":7200}"#.to_string(),
                        )
                    } else {
                        counter.fetch_add(1, Ordering::SeqCst);
                        (g.http_status, g.content_type.clone(), g.body.clone())
                    };
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    (base, hits)
}

fn client(base: &str) -> DingTalk {
    let cfg = Config {
        endpoints: Endpoints {
            oapi: format!("{base}/oapi"),
            api: format!("{base}/api"),
            login: format!("{base}/login"),
        },
        timeout: Duration::from_secs(5),
        backoff: Duration::from_millis(5),
        max_retries: 2,
        ..Config::default()
    };
    DingTalk::new(
        cfg,
        Credentials {
            client_id: "dingq7x2k9m4v8n3p5r1".into(),
            client_secret: "golden-secret".into(),
        },
    )
    .unwrap()
}

/// Which client call meets each fixture in production.
#[derive(Clone, Copy)]
enum Call {
    OldToken,
    AppToken,
    CorpToken,
    UserCount,
    AuthScopes,
    AppDetail,
    Me,
    StreamOpen,
}

async fn call(c: &DingTalk, how: Call) -> Result<(), ApiError> {
    let mut t = Vec::new();
    match how {
        Call::OldToken => c.gettoken_old(&mut t).await.map(drop),
        Call::AppToken => c.access_token(&mut t).await.map(drop),
        Call::CorpToken => c.corp_token(&mut t, "ding5084aa896d73d7f1").await.map(drop),
        Call::UserCount => c.user_count(&mut t).await.map(drop),
        Call::AuthScopes => c.auth_scopes(&mut t).await.map(drop),
        Call::AppDetail => c.app_detail(&mut t).await.map(drop),
        Call::Me => c.contact_me(&mut t, "user-token").await.map(drop),
        Call::StreamOpen => c.stream_open(&mut t).await.map(drop),
    }
}

/// What the client must make of a fixture.
struct Expect {
    call: Call,
    /// `ApiError::code()`: the errcode (the sub_code behind an 88) or the new family's code.
    code: Option<&'static str>,
    /// Requests that reached the fixture: 2 after one token refresh, 1 + retries after back-off.
    hits: usize,
    token_expired: bool,
    rate_limited: bool,
    scopes: &'static [&'static str],
    egress_ip: Option<&'static str>,
}

const fn e(call: Call, code: &'static str, hits: usize) -> Expect {
    Expect {
        call,
        code: Some(code),
        hits,
        token_expired: false,
        rate_limited: false,
        scopes: &[],
        egress_ip: None,
    }
}

fn expectations() -> BTreeMap<&'static str, Expect> {
    use Call::*;
    BTreeMap::from([
        ("gettoken_40096", e(OldToken, "40096", 1)),
        ("gettoken_40035_form_body", e(OldToken, "40035", 1)),
        (
            "access_token_invalid_client",
            e(AppToken, "invalidClientIdOrSecret", 1),
        ),
        (
            "corp_token_unknown_error_500",
            e(CorpToken, "unknownError", 1),
        ),
        (
            "api_invalid_authentication",
            Expect {
                token_expired: true,
                ..e(AppDetail, "InvalidAuthentication", 2)
            },
        ),
        (
            "api_token_header_missing",
            e(AppDetail, "AuthenticationFailed.MissingParameter", 1),
        ),
        (
            "topapi_88_40014",
            Expect {
                token_expired: true,
                ..e(UserCount, "40014", 2)
            },
        ),
        ("topapi_88_40000_blank", e(UserCount, "40000", 1)),
        ("api_uri_not_found", e(AppDetail, "404", 1)),
        ("oapi_invalid_method_22", e(UserCount, "22", 1)),
        (
            "topapi_88_60011",
            Expect {
                scopes: &["qyapi_get_member_by_mobile"],
                ..e(UserCount, "60011", 1)
            },
        ),
        (
            "topapi_88_60020",
            Expect {
                egress_ip: Some("14.153.172.241"),
                ..e(UserCount, "60020", 1)
            },
        ),
        (
            "topapi_88_90002",
            Expect {
                rate_limited: true,
                ..e(UserCount, "90002", 3)
            },
        ),
        (
            "oapi_60020_plain",
            Expect {
                egress_ip: Some("120.230.136.230"),
                ..e(AuthScopes, "60020", 1)
            },
        ),
        (
            "users_me_403_permission",
            Expect {
                scopes: &["Contact.User.Read"],
                ..e(Me, "Forbidden.AccessDenied.AccessTokenPermissionDenied", 1)
            },
        ),
        (
            "api_403_permission_message",
            Expect {
                scopes: &["Calendar.Event.Write"],
                ..e(
                    AppDetail,
                    "Forbidden.AccessDenied.AccessTokenPermissionDenied",
                    1,
                )
            },
        ),
        ("stream_open_auth_failed", e(StreamOpen, "authFailed", 1)),
        (
            "stream_open_system_error_400",
            e(StreamOpen, "systemError", 1),
        ),
        (
            "x5_ip_ban",
            Expect {
                code: None,
                rate_limited: true,
                ..e(UserCount, "", 3)
            },
        ),
    ])
}

#[tokio::test]
async fn every_golden_fixture_has_an_expectation_and_a_public_source() {
    let fixtures = all();
    let expected = expectations();
    for (name, g) in &fixtures {
        assert!(
            expected.contains_key(name.as_str())
                || name == "users_me_200"
                || name == "stream_open_200",
            "no expectation for golden fixture {name}"
        );
        assert!(g.source.len() > 20, "{name}: say where the body comes from");
        assert!(
            serde_json::from_str::<serde_json::Value>(&g.body).is_ok(),
            "{name}: body is JSON"
        );
    }
    for name in expected.keys() {
        assert!(fixtures.contains_key(*name), "missing fixture {name}");
    }
}

#[tokio::test]
async fn the_client_reads_every_golden_error_as_production_means_it() {
    for (name, want) in expectations() {
        let g = all().remove(name).unwrap();
        let token_ok = !matches!(want.call, Call::AppToken | Call::StreamOpen);
        let (base, hits) = replay(g.clone(), token_ok).await;
        let c = client(&base);
        let err = call(&c, want.call)
            .await
            .expect_err(&format!("{name} is an error"));
        assert_eq!(err.code().as_deref(), want.code, "{name}: {err:?}");
        assert_eq!(
            err.is_token_expired(),
            want.token_expired,
            "{name}: {err:?}"
        );
        assert_eq!(err.is_rate_limited(), want.rate_limited, "{name}: {err:?}");
        assert_eq!(err.required_scopes(), want.scopes, "{name}: {err:?}");
        assert_eq!(
            err.egress_ip().as_deref(),
            want.egress_ip,
            "{name}: {err:?}"
        );
        assert_eq!(
            hits.load(Ordering::SeqCst),
            want.hits,
            "{name}: requests made"
        );
        // DingTalk's own words survive for the admin and support.
        let said = serde_json::from_str::<serde_json::Value>(&g.body).unwrap();
        for key in ["errmsg", "message", "sub_msg"] {
            if let Some(text) = said.get(key).and_then(|v| v.as_str()) {
                assert!(err.original().contains(text), "{name}: {}", err.original());
            }
        }
    }
}

#[tokio::test]
async fn the_88_wrapper_keeps_both_codes() {
    let g = all().remove("topapi_88_60011").unwrap();
    let (base, _) = replay(g, true).await;
    let err = call(&client(&base), Call::UserCount).await.unwrap_err();
    match &err {
        ApiError::Old {
            errcode, sub_code, ..
        } => assert_eq!((*errcode, sub_code.as_deref()), (88, Some("60011"))),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.old_code(), Some(60011));
    assert!(err
        .original()
        .starts_with("errcode 88 (sub_code 60011): ding talk error"));
}

#[tokio::test]
async fn a_golden_success_body_reads_into_its_type() {
    let g = all().remove("users_me_200").unwrap();
    let (base, _) = replay(g, true).await;
    let me = client(&base)
        .contact_me(&mut Vec::new(), "user-token")
        .await
        .unwrap();
    assert_eq!(me.nick, "张三");
    assert_eq!(me.union_id, "NsRoRfYn3D52NT3swpuBwAcE");
    assert_eq!(me.mobile.as_deref(), Some("18900000000"));
}

#[tokio::test]
async fn the_stream_gateway_answer_reads_into_an_endpoint_and_a_ticket() {
    let g = all().remove("stream_open_200").unwrap();
    let (base, hits) = replay(g, false).await;
    let mut trace = Vec::new();
    let ep = client(&base).stream_open(&mut trace).await.unwrap();
    assert_eq!(
        ep.endpoint,
        "wss://wss-open-connection.dingtalk.com:443/connect"
    );
    assert!(ep.is_well_formed());
    // One request, no token call: the gateway takes the Client ID and Secret themselves.
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    assert_eq!(trace.len(), 1);
    // The ticket would let anyone take the connection: it never reaches a trace, nor the secret.
    let recorded = format!("{trace:?}");
    assert!(!recorded.contains("3726a276"), "{recorded}");
    assert!(!recorded.contains("golden-secret"), "{recorded}");
    assert!(
        recorded.contains("wss-open-connection.dingtalk.com"),
        "{recorded}"
    );
    // Sent as the official SDKs send it (dingtalk-stream-sdk-python `open_connection`,
    // dingtalk-stream-sdk-go `GetConnectionEndpoint`): JSON in, JSON accepted, and the body keys.
    let sent = SEEN
        .lock()
        .unwrap()
        .iter()
        .find(|h| h.contains("/api/v1.0/gateway/connections/open") && h.contains("golden-secret"))
        .cloned()
        .expect("the gateway call reached the server");
    let lower = sent.to_ascii_lowercase();
    assert!(
        lower.starts_with("post /api/v1.0/gateway/connections/open "),
        "{sent}"
    );
    assert!(lower.contains("content-type: application/json"), "{sent}");
    assert!(lower.contains("accept: application/json"), "{sent}");
    let body: serde_json::Value =
        serde_json::from_str(&sent[sent.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(body["clientId"], "dingq7x2k9m4v8n3p5r1");
    assert_eq!(body["clientSecret"], "golden-secret");
    assert_eq!(
        body["subscriptions"],
        serde_json::json!([{"type": "EVENT", "topic": "*"}])
    );
    assert!(body["ua"].as_str().unwrap().starts_with("dingbind/"));
    // The local address on the route to the gateway (here loopback), as the Python SDK reports it.
    assert_eq!(body["localIp"], "127.0.0.1");
}
