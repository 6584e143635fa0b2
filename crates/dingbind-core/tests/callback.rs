//! The `event.check_url` check against a platform stand-in: a small axum server that plays the
//! platform's event endpoint. It decrypts and builds replies with DingTalk's official algorithm
//! implemented here from the spec (docs/dingtalk/callback.md#crypto), independently of
//! `dingtalk::callback_crypto`, so a bug there cannot hide behind a matching bug on the other
//! side: AES-256-CBC, key = base64(aes_key + "="), IV = key[..16], PKCS#7 to 32-byte blocks,
//! plaintext = random16 || be32 len || msg || owner_key, signature = sha1 of the sorted
//! [token, timestamp, nonce, encrypt]. Every case also asserts that neither the token nor the
//! aes_key shows up in the outcome or the trace.

use aes::Aes256;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::Engine as _;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use dingbind_core::checks::{check_url, CheckStatus};
use dingbind_core::diagnosis::DiagnosisCode;
use dingtalk::Exchange;
use serde_json::{json, Map, Value};
use sha1::{Digest, Sha1};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TOKEN: &str = "Dbx7TokenQ2mN9xRw4";
const AES_KEY: &str = "kZ3pQ8rT1vX6yB2nM5wL9cF4hJ7dG0sA2eR8tY6uI1p";
const OTHER_AES_KEY: &str = "Qm8vT2xR5pL9wN3cF7hJ1dG4sA6eY0uI2oK8bZ5tV3a";
const CLIENT_ID: &str = "ding4vzvutha4q5gtg9q";
const CORP_ID: &str = "ding6ccabc44d2c8d38b";
const CHECK_URL: &str = r#"{"EventType":"check_url"}"#;

// ── The official algorithm, from the spec ───────────────────────────────────────────────────

/// DingTalk's keys often set the unused low bits of the 43rd character; its decoders ignore them.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

fn key_of(aes_key: &str) -> [u8; 32] {
    LENIENT
        .decode(format!("{aes_key}="))
        .unwrap()
        .try_into()
        .unwrap()
}

fn random_alnum(n: usize) -> String {
    let mut s = String::new();
    while s.len() < n {
        s.push_str(&uuid::Uuid::new_v4().simple().to_string());
    }
    s[..n].to_string()
}

fn sign(token: &str, timestamp: &str, nonce: &str, encrypt: &str) -> String {
    let mut parts = [token, timestamp, nonce, encrypt];
    parts.sort();
    let digest = Sha1::digest(parts.concat().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn encrypt(aes_key: &str, msg: &str, owner_key: &str) -> String {
    let key = key_of(aes_key);
    let mut plain = random_alnum(16).into_bytes();
    plain.extend_from_slice(&(msg.len() as u32).to_be_bytes());
    plain.extend_from_slice(msg.as_bytes());
    plain.extend_from_slice(owner_key.as_bytes());
    let pad = 32 - plain.len() % 32;
    plain.extend(std::iter::repeat_n(pad as u8, pad));
    let len = plain.len();
    let enc = cbc::Encryptor::<Aes256>::new(&key.into(), key[..16].into());
    let out = enc
        .encrypt_padded_mut::<NoPadding>(&mut plain, len)
        .unwrap();
    STANDARD.encode(out)
}

/// (message, owner key) of an envelope.
fn decrypt(aes_key: &str, b64: &str) -> (String, String) {
    let key = key_of(aes_key);
    let mut buf = STANDARD.decode(b64).unwrap();
    let dec = cbc::Decryptor::<Aes256>::new(&key.into(), key[..16].into());
    let plain = dec.decrypt_padded_mut::<NoPadding>(&mut buf).unwrap();
    assert_eq!(
        plain.len() % 32,
        0,
        "padded to 32-byte blocks, not AES's 16"
    );
    let pad = *plain.last().unwrap() as usize;
    assert!((1..=32).contains(&pad), "PKCS#7 to 32-byte blocks");
    let plain = &plain[..plain.len() - pad];
    let len = u32::from_be_bytes(plain[16..20].try_into().unwrap()) as usize;
    let msg = String::from_utf8(plain[20..20 + len].to_vec()).unwrap();
    let owner = String::from_utf8(plain[20 + len..].to_vec()).unwrap();
    (msg, owner)
}

/// `getEncryptedMap(msg)`: the platform's own timestamp and 16-character nonce.
fn reply(aes_key: &str, token: &str, msg: &str, owner_key: &str) -> Value {
    let ts = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let nonce = random_alnum(16);
    let enc = encrypt(aes_key, msg, owner_key);
    json!({"msg_signature": sign(token, &ts, &nonce, &enc), "timeStamp": ts, "nonce": nonce, "encrypt": enc})
}

// ── The platform stand-in ───────────────────────────────────────────────────────────────────

#[derive(Clone, Copy, Debug)]
enum Mode {
    Correct,
    PlainSuccess,
    Typo,
    CorpIdOwner,
    OtherAesKey,
    WrongSignature,
    Delay(u64),
    Status500,
    EchoSecrets,
    CryptoErrorJson,
    MissingFields,
}

/// What the stand-in received and made of it.
#[derive(Debug, Clone)]
struct Seen {
    content_type: String,
    query: HashMap<String, String>,
    signature_ok: bool,
    event: String,
    owner_key: String,
}

#[derive(Clone)]
struct Stand {
    mode: Mode,
    token: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

async fn platform(
    State(st): State<Stand>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let body: Value = serde_json::from_str(&body).unwrap();
    let enc = body["encrypt"].as_str().unwrap().to_string();
    let sig = query.get("signature").cloned().unwrap_or_default();
    let signature_ok = sign(&st.token, &query["timestamp"], &query["nonce"], &enc) == sig
        && query.get("msg_signature") == Some(&sig);
    let (event, owner_key) = decrypt(AES_KEY, &enc);
    st.seen.lock().unwrap().push(Seen {
        content_type: headers[header::CONTENT_TYPE].to_str().unwrap().to_string(),
        query,
        signature_ok,
        event,
        owner_key,
    });
    let ok = |msg: &str| Json(reply(AES_KEY, &st.token, msg, CLIENT_ID)).into_response();
    match st.mode {
        Mode::Correct => ok("success"),
        Mode::PlainSuccess => "success".into_response(),
        Mode::Typo => ok("succes"),
        Mode::CorpIdOwner => Json(reply(AES_KEY, &st.token, "success", CORP_ID)).into_response(),
        Mode::OtherAesKey => {
            Json(reply(OTHER_AES_KEY, &st.token, "success", CLIENT_ID)).into_response()
        }
        Mode::WrongSignature => {
            Json(reply(AES_KEY, "notTheToken42", "success", CLIENT_ID)).into_response()
        }
        Mode::Delay(ms) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            ok("success")
        }
        Mode::Status500 => (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
        Mode::EchoSecrets => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("misconfigured: token={} aes_key={AES_KEY}", st.token),
        )
            .into_response(),
        Mode::CryptoErrorJson => {
            Json(json!({"errcode": 900010, "errmsg": "计算解密文字corpid不匹配"})).into_response()
        }
        Mode::MissingFields => {
            Json(json!({"encrypt": encrypt(AES_KEY, "success", CLIENT_ID)})).into_response()
        }
    }
}

/// Starts a stand-in; returns its event URL (with a query of its own) and what it saw.
async fn stand_in(mode: Mode, token: &str) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stand = Stand {
        mode,
        token: token.to_string(),
        seen: seen.clone(),
    };
    let app = Router::new()
        .route("/dingtalk/event", post(platform))
        .with_state(stand);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/dingtalk/event?app=demo"), seen)
}

// ── Running the check ───────────────────────────────────────────────────────────────────────

/// What a run produced, with every text the check returned.
struct Got {
    status: CheckStatus,
    code: Option<DiagnosisCode>,
    data: Map<String, Value>,
    message: String,
    original: Option<String>,
    trace: Vec<Exchange>,
    seen: Vec<Seen>,
}

impl Got {
    fn data_str(&self, key: &str) -> &str {
        self.data[key].as_str().unwrap_or_default()
    }
}

async fn check_at(url: &str, token: &str, aes_key: &str, owner_key: &str) -> Got {
    let (o, trace) = check_url(&reqwest::Client::new(), url, token, aes_key, owner_key).await;
    let fix = o.fix.clone().map(|f| f.zh + &f.en).unwrap_or_default();
    let everything = format!(
        "{} {} {fix} {:?} {} {}",
        o.message.zh,
        o.message.en,
        o.original,
        Value::Object(o.data.clone()),
        serde_json::to_string(&trace).unwrap()
    );
    for secret in [token, aes_key] {
        assert!(
            !everything.contains(secret),
            "{secret} leaked into {everything}"
        );
    }
    Got {
        status: o.status,
        code: o.code,
        data: o.data,
        message: format!("{} / {}", o.message.zh, o.message.en),
        original: o.original,
        trace,
        seen: Vec::new(),
    }
}

async fn check(mode: Mode) -> Got {
    let (url, seen) = stand_in(mode, TOKEN).await;
    let mut got = check_at(&url, TOKEN, AES_KEY, CLIENT_ID).await;
    got.seen = seen.lock().unwrap().clone();
    // Whatever the reply, the stand-in got exactly DingTalk's check_url event.
    assert_eq!(got.seen.len(), 1, "{mode:?}");
    let s = &got.seen[0];
    assert!(s.content_type.starts_with("application/json"));
    assert!(
        s.signature_ok,
        "signature/msg_signature verify: {:?}",
        s.query
    );
    assert_eq!(s.event, CHECK_URL);
    assert_eq!(s.owner_key, CLIENT_ID, "owner key = the Client ID");
    assert_eq!(got.trace.len(), 1);
    got
}

fn assert_is(got: &Got, status: CheckStatus, code: Option<DiagnosisCode>) {
    assert_eq!(
        (got.status, got.code),
        (status, code),
        "{} {:?}",
        got.message,
        got.data
    );
}

// ── Cases ───────────────────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn correct_platform_passes_and_gets_dingtalks_request() {
    let got = check(Mode::Correct).await;
    assert_is(&got, CheckStatus::Ok, None);
    let q = &got.seen[0].query;
    assert_eq!(q["app"], "demo", "the platform URL's own query is kept");
    assert_eq!(q["timestamp"].len(), 13, "milliseconds");
    assert_eq!(q["nonce"].len(), 8);
    assert_eq!(got.data_str("owner_key"), CLIENT_ID);
    assert!(got.data["elapsed_ms"].as_u64().unwrap() < 1000);
    let ex = &got.trace[0];
    assert_eq!((ex.method.as_str(), ex.status), ("POST", Some(200)));
    assert!(ex.request_body.as_deref().unwrap().contains("\"encrypt\""));
    assert!(ex
        .response_body
        .as_deref()
        .unwrap()
        .contains("msg_signature"));
}

#[tokio::test]
async fn plain_success_is_a_bad_reply() {
    let got = check(Mode::PlainSuccess).await;
    assert_is(
        &got,
        CheckStatus::Fail,
        Some(DiagnosisCode::CallbackBadReply),
    );
    assert_eq!(got.data_str("reason"), "plain_success");
    assert_eq!(got.original.as_deref(), Some("success"));
}

#[tokio::test]
async fn encrypted_typo_is_71009() {
    let got = check(Mode::Typo).await;
    assert_is(
        &got,
        CheckStatus::Fail,
        Some(DiagnosisCode::CallbackBadReply),
    );
    assert_eq!(got.data_str("errcode"), "71009");
    assert_eq!(got.data_str("decrypted"), "succes");
    for words in [
        "返回文本非success",
        "HTTP请求结果校验返回字段值失败",
        "“succes”",
    ] {
        assert!(got.message.contains(words), "{}", got.message);
    }
    assert!(got.original.as_deref().unwrap().contains("msg_signature"));
}

#[tokio::test]
async fn corp_id_as_owner_key_is_named() {
    let got = check(Mode::CorpIdOwner).await;
    assert_is(
        &got,
        CheckStatus::Fail,
        Some(DiagnosisCode::CallbackDecryptFailed),
    );
    assert_eq!(got.data_str("errcode"), "900010");
    assert_eq!(got.data_str("owner_key_found"), CORP_ID);
    assert!(got.message.contains(CORP_ID) && got.message.contains("looks like a CorpId"));
}

#[tokio::test]
async fn another_aes_key_does_not_decrypt() {
    let got = check(Mode::OtherAesKey).await;
    assert_is(
        &got,
        CheckStatus::Fail,
        Some(DiagnosisCode::CallbackDecryptFailed),
    );
    assert_eq!(got.data_str("errcode"), "900008");
    assert_eq!(got.data_str("reason"), "decrypt_error");
    assert!(got.message.contains("another aes_key"));
}

#[tokio::test]
async fn wrong_signature_is_900005() {
    let got = check(Mode::WrongSignature).await;
    assert_is(
        &got,
        CheckStatus::Fail,
        Some(DiagnosisCode::CallbackDecryptFailed),
    );
    assert_eq!(got.data_str("errcode"), "900005");
    assert_eq!(got.data["decrypts"], true, "right aes_key, wrong token");
}

#[tokio::test]
async fn a_slow_reply_warns() {
    let got = check(Mode::Delay(1300)).await;
    assert_is(&got, CheckStatus::Warn, Some(DiagnosisCode::Timeout));
    assert_eq!(got.data_str("reason"), "slow");
    assert!(got.data["elapsed_ms"].as_u64().unwrap() >= 1300);
}

#[tokio::test]
async fn a_reply_after_3_seconds_fails() {
    let got = check(Mode::Delay(3000)).await;
    assert_is(&got, CheckStatus::Fail, Some(DiagnosisCode::Timeout));
    assert_eq!(got.data_str("reason"), "too_slow");
    assert!(got.message.contains("The reply itself was correct"));
}

#[tokio::test]
async fn server_error_is_an_http_status() {
    let got = check(Mode::Status500).await;
    assert_is(&got, CheckStatus::Fail, Some(DiagnosisCode::HttpStatus));
    assert_eq!(got.data["http_status"], 500);
    assert_eq!(got.original.as_deref(), Some("internal error"));
}

#[tokio::test]
async fn secrets_echoed_by_the_platform_are_scrubbed() {
    let got = check(Mode::EchoSecrets).await;
    assert_is(&got, CheckStatus::Fail, Some(DiagnosisCode::HttpStatus));
    assert!(got.original.as_deref().unwrap().contains("token=***"));
}

#[tokio::test]
async fn platform_crypto_error_reply_is_a_decrypt_failure() {
    let got = check(Mode::CryptoErrorJson).await;
    assert_is(
        &got,
        CheckStatus::Fail,
        Some(DiagnosisCode::CallbackDecryptFailed),
    );
    assert_eq!(got.data_str("reason"), "platform_decrypt_error");
    assert_eq!(got.data_str("errcode"), "900010");
}

#[tokio::test]
async fn missing_fields_are_listed() {
    let got = check(Mode::MissingFields).await;
    assert_is(
        &got,
        CheckStatus::Fail,
        Some(DiagnosisCode::CallbackBadReply),
    );
    assert_eq!(
        got.data["missing_fields"],
        json!(["msg_signature", "timeStamp", "nonce"])
    );
}

#[tokio::test]
async fn nothing_listening_is_unreachable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/dingtalk/event");
    let got = check_at(&url, TOKEN, AES_KEY, CLIENT_ID).await;
    assert_is(&got, CheckStatus::Fail, Some(DiagnosisCode::Unreachable));
    assert_eq!(got.data_str("host"), format!("127.0.0.1:{port}"));
    assert!(got.trace[0].error.is_some());
}

#[tokio::test]
async fn bad_aes_key_format_fails_before_sending() {
    let (url, seen) = stand_in(Mode::Correct, TOKEN).await;
    for bad in [
        &AES_KEY[..42],
        &format!("{AES_KEY}="),
        &format!(" {}", &AES_KEY[1..]),
    ] {
        let got = check_at(&url, TOKEN, bad, CLIENT_ID).await;
        assert_is(
            &got,
            CheckStatus::Fail,
            Some(DiagnosisCode::CallbackCryptoKey),
        );
        assert_eq!(got.data_str("errcode"), "900004");
        assert!(got.trace.is_empty());
    }
    assert!(seen.lock().unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn odd_token_warns_but_is_still_sent() {
    let token = "Bad token with spaces, 40 characters long";
    let (url, seen) = stand_in(Mode::Correct, token).await;
    let got = check_at(&url, token, AES_KEY, CLIENT_ID).await;
    assert_is(&got, CheckStatus::Warn, None);
    assert_eq!(got.data["token_format_ok"], false);
    let seen = seen.lock().unwrap();
    assert!(seen.len() == 1 && seen[0].signature_ok && seen[0].event == CHECK_URL);
}

#[tokio::test]
async fn missing_client_id_skips() {
    let got = check_at("http://127.0.0.1:9/x", TOKEN, AES_KEY, "").await;
    assert_is(&got, CheckStatus::Skipped, None);
    assert!(got.trace.is_empty());
}

#[tokio::test]
async fn unknown_host_is_a_dns_failure() {
    let got = check_at(
        "https://dingbind-check.invalid/cb",
        TOKEN,
        AES_KEY,
        CLIENT_ID,
    )
    .await;
    assert_is(&got, CheckStatus::Fail, Some(DiagnosisCode::DnsFailure));
}
