//! The `event.check_url` check: do to the platform's event URL exactly what DingTalk does when
//! the admin clicks 保存 (save) under 开发配置 › 事件订阅 (HTTP push), and judge the reply as
//! DingTalk would (docs/dingtalk/callback.md#the-check_url-event,
//! docs/dingtalk/errors.md#fm9-event-subscription-and-callback-url-check-failures).
//!
//! **The request.** `{"EventType":"check_url"}` is encrypted with the app's **Client ID** as
//! owner key (events configured in the developer console; only the old `register_call_back` API
//! uses the CorpId) and POSTed as `{"encrypt":"…"}` with `Content-Type: application/json` to
//! `<url>?signature=…&msg_signature=…&timestamp=…&nonce=…` (the platform URL's own query is
//! kept). `timestamp` is in milliseconds and `nonce` has 8 letters/digits, as in DingTalk's
//! published sample request (`signature=…&timestamp=1445827045067&nonce=nEXhMP4r`). DingTalk's
//! samples say `signature`; the official `DingTalk-Callback-Crypto` README reads
//! `msg_signature` first and falls back to `signature`, and some platforms read only one of
//! the two. Both are sent, with the same value, so the check judges the crypto rather than the
//! parameter spelling.
//!
//! **The reply** must be HTTP 200 with JSON `{msg_signature, timeStamp, nonce, encrypt}`
//! (`timeStamp`/`nonce` may be JSON numbers; extra fields such as `errcode` are ignored), the
//! signature must verify with the token, and `encrypt` must decrypt, with the same key and
//! owner key, to exactly `success`. DingTalk's documented answer budget is 1.2 s, 1.5 s or
//! 2.5 s depending on the page: above [`WARN_AFTER`] the check warns, above [`FAIL_AFTER`] it
//! fails (it waits up to [`WAIT_AT_MOST`] to tell "slow but right" from "never answers").
//!
//! | situation | status | code |
//! |---|---|---|
//! | correct encrypted `success` within 1 s | ok | – |
//! | … but the token is not 3–32 letters/digits | warn | – (`data.token_format_ok = false`) |
//! | correct, 1–2.5 s | warn | `timeout` (`data.reason = "slow"`) |
//! | over 2.5 s (a wrong reply keeps its own code, `data.too_slow`), or no answer in 5 s | fail | `timeout` |
//! | Client ID empty | skipped | – (`data.missing`) |
//! | aes_key not 43 `[A-Za-z0-9]` (nothing sent) | fail | `callback_crypto_key` |
//! | URL not http(s) | fail | `callback_unreachable` |
//! | DNS / TLS / refused-reset | fail | `dns_failure` / `tls_failure` / `unreachable` |
//! | HTTP 3xx (redirects follow the given client's policy), 4xx, 5xx | fail | `http_status` |
//! | not a well-formed reply whose body names a crypto error (`Invalid CorpId`, 900010, …) | fail | `callback_decrypt_failed` |
//! | other 2xx, not JSON, plain `success`, missing fields | fail | `callback_bad_reply` |
//! | signature wrong (another token) | fail | `callback_decrypt_failed` (900005) |
//! | does not decrypt (another aes_key) | fail | `callback_decrypt_failed` (900008) |
//! | encrypted for another owner key (the CorpId) | fail | `callback_decrypt_failed` (900010) |
//! | decrypts to anything but `success` (`succes`) | fail | `callback_bad_reply` (71009) |
//!
//! The token and aes_key never appear in the outcome or the trace: URLs and bodies are
//! redacted, and every text is scrubbed of both literally (the platform might echo them);
//! only a token shorter than 3 characters, which DingTalk does not allow, is left alone.

use super::network::error_chain;
use super::outcome::Outcome;
use super::CheckStatus;
use crate::diagnosis::links::CONSOLE_APPS;
use crate::diagnosis::{Diagnosis, DiagnosisCode, DiagnosisData};
use crate::field::Field;
use crate::i18n::Text;
use dingtalk::callback_crypto::{self as cc, Crypto, CryptoError};
use dingtalk::trace::{redact_body, redact_url, truncate};
use dingtalk::Exchange;
use reply::{fail, judge, prefixed, t, ORIGINAL_MAX};
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

mod reply;

/// Slower than this and the check warns (DingTalk's strictest documented budget is 1.2 s).
pub const WARN_AFTER: Duration = Duration::from_millis(1000);
/// Slower than this and the check fails (DingTalk's most generous documented budget).
pub const FAIL_AFTER: Duration = Duration::from_millis(2500);
/// How long the check waits at all, to say whether a too-slow reply would have been right.
pub const WAIT_AT_MOST: Duration = Duration::from_secs(5);
/// Sends DingTalk's `check_url` verification event to the platform's event `url` and judges
/// the reply (see the module docs for the behaviour table). `owner_key` is the app's Client ID.
pub async fn check_url(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    aes_key: &str,
    owner_key: &str,
) -> (Outcome, Vec<Exchange>) {
    let scrub = Scrub { token, aes_key };
    let (outcome, trace) = run(http, url, token, aes_key, owner_key).await;
    let mut outcome = scrub.outcome(outcome);
    let token_ok = cc::is_valid_token(token);
    if !token_ok && outcome.status != CheckStatus::Skipped {
        outcome = token_warning(outcome, token.chars().count());
    }
    let trace = trace.into_iter().map(|e| scrub.exchange(e)).collect();
    (outcome, trace)
}

async fn run(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    aes_key: &str,
    owner_key: &str,
) -> (Outcome, Vec<Exchange>) {
    if owner_key.trim().is_empty() {
        return (Outcome::missing(&[Field::ClientId]), Vec::new());
    }
    let crypto = match Crypto::new(token, aes_key, owner_key) {
        Ok(c) => c,
        Err(e) => return (bad_aes_key(aes_key, &e), Vec::new()),
    };
    let mut target = match url::Url::parse(url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => u,
        _ => return (bad_url(), Vec::new()),
    };
    let host = target.host_str().unwrap_or_default().to_string();
    let host = match target.port_or_known_default() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    };

    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
        .to_string();
    let nonce: String = cc::generate_nonce().chars().take(8).collect();
    let (query, body) = crypto.check_url_event(&timestamp, &nonce);
    target
        .query_pairs_mut()
        .append_pair("signature", &query.signature)
        .append_pair("msg_signature", &query.signature)
        .append_pair("timestamp", &query.timestamp)
        .append_pair("nonce", &query.nonce);
    let body_json = serde_json::to_string(&body).unwrap_or_default();

    let start = Instant::now();
    let sent = http
        .post(target.clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body_json.clone())
        .timeout(WAIT_AT_MOST)
        .send()
        .await;
    let mut ex = Exchange {
        method: "POST".into(),
        url: redact_url(&target),
        request_body: Some(redact_body(&body_json, true)),
        status: None,
        response_body: None,
        date: None,
        duration_ms: 0,
        error: None,
    };
    let received = match sent {
        Ok(r) => {
            let status = r.status().as_u16();
            ex.status = Some(status);
            ex.date = r
                .headers()
                .get(reqwest::header::DATE)
                .and_then(|d| d.to_str().ok())
                .map(str::to_string);
            r.text().await.map(|text| (status, text))
        }
        Err(e) => Err(e),
    };
    let elapsed = start.elapsed();
    ex.duration_ms = elapsed.as_millis() as u64;
    let outcome = match received {
        Ok((status, text)) => {
            ex.response_body = Some(redact_body(&text, false));
            timed(judge(&crypto, status, &text), elapsed)
        }
        Err(e) => {
            let chain = error_chain(&e);
            ex.error = Some(chain.clone());
            transport(&e, &chain, host)
        }
    };
    let ms = elapsed.as_millis() as u64;
    (
        outcome.with("elapsed_ms", ms).with("owner_key", owner_key),
        vec![ex],
    )
}

/// Applies DingTalk's answer budget to a judged reply.
fn timed(judged: Outcome, elapsed: Duration) -> Outcome {
    let secs = format!("{:.1}", elapsed.as_secs_f64());
    if elapsed > FAIL_AFTER {
        let late = t(
            format!("平台过了 {secs} 秒才回复 check_url 验证事件；钉钉最多只等 1.2–2.5 秒，会判定校验失败。"),
            format!("The platform took {secs} s to answer the check_url event; DingTalk waits 1.2–2.5 s at most and fails the check."),
        );
        if judged.status != CheckStatus::Ok {
            // Both wrong and late: the content is the more basic problem; say both.
            return prefixed(judged, late).with("too_slow", true);
        }
        let done = t("回复内容本身是正确的。", " The reply itself was correct.");
        let message = Text::new(late.zh + &done.zh, late.en + &done.en);
        return slow(CheckStatus::Fail, message)
            .with("reason", "too_slow")
            .with("too_slow", true);
    }
    if elapsed > WARN_AFTER && judged.status == CheckStatus::Ok {
        return slow(CheckStatus::Warn, t(
            format!("平台回复正确，但用了 {secs} 秒；钉钉的文档要求 1.2–2.5 秒内回复（建议 1 秒内），慢一点就会校验失败。"),
            format!("The reply is correct but took {secs} s; DingTalk's docs require 1.2–2.5 s (aim for 1 s), so a little slower fails the check."),
        ))
        .with("reason", "slow");
    }
    judged
}

fn slow(status: CheckStatus, message: Text) -> Outcome {
    let mut o = Outcome::diagnosed(status, Diagnosis::of(DiagnosisCode::Timeout));
    o.message = message;
    o.fix = Some(t(
        "这要平台技术人员修：收到事件后先立即返回加密的 success，再在后台处理业务（不要在回复前查数据库或调用钉钉接口）；确认服务器不是冷启动、没有被限流。然后到 左侧菜单 › 开发配置 › 事件订阅 重新保存。",
        "The platform's engineers must fix this: answer the encrypted success immediately and do the work afterwards (no database queries or DingTalk calls before replying); make sure the server is not cold-starting or throttled. Then save again under left menu › 开发配置 › 事件订阅 (Dev config › Event subscription).",
    ));
    o
}

fn bad_aes_key(aes_key: &str, e: &CryptoError) -> Outcome {
    let len = aes_key.chars().count();
    let detail = if aes_key.chars().any(|c| !c.is_ascii_alphanumeric()) {
        t(
            "这里的 aes_key 含有字母和数字以外的字符（空格、= 号等），没有发送任何请求。",
            "The aes_key given here contains characters other than letters and digits (spaces, =, …). Nothing was sent.",
        )
    } else {
        t(
            format!("这里的 aes_key 有 {len} 位，应为 43 位，没有发送任何请求。"),
            format!("The aes_key given here has {len} characters, not 43. Nothing was sent."),
        )
    };
    let (code, errcode) = (DiagnosisCode::CallbackCryptoKey, e.code().to_string());
    let data = DiagnosisData::default();
    fail(
        code,
        Some(errcode),
        data,
        Some(e.to_string()),
        detail,
        "bad_aes_key",
    )
    .with("aes_key_len", len)
}

fn bad_url() -> Outcome {
    let detail = t(
        "事件回调地址不是有效的 http(s) 地址。",
        "The event URL is not a valid http(s) URL.",
    );
    let (code, data) = (DiagnosisCode::CallbackUnreachable, DiagnosisData::default());
    fail(code, None, data, None, detail, "bad_url")
}

fn transport(e: &reqwest::Error, chain: &str, host: String) -> Outcome {
    let lower = chain.to_lowercase();
    let has = |keys: &[&str]| keys.iter().any(|k| lower.contains(k));
    let code = if e.is_timeout() {
        DiagnosisCode::Timeout
    } else if has(&["certificate", "ssl", "tls", "handshake"]) {
        DiagnosisCode::TlsFailure
    } else if has(&["dns", "lookup", "resolve"]) {
        DiagnosisCode::DnsFailure
    } else {
        DiagnosisCode::Unreachable
    };
    // The host stays out of the diagnosis' data: its texts read an intranet host as a proxy in
    // front of DingTalk, while here it is the platform itself.
    let data = DiagnosisData::default();
    let secs = WAIT_AT_MOST.as_secs();
    let detail = if code == DiagnosisCode::Timeout {
        t(
            format!("平台在 {secs} 秒内没有回复 check_url 验证事件（钉钉最多等 1.2–2.5 秒）。"),
            format!("The platform did not answer the check_url event within {secs} s (DingTalk waits 1.2–2.5 s at most)."),
        )
    } else {
        t(
            "连不上事件回调地址，check_url 验证事件没有发出去。",
            "Could not connect to the event URL; the check_url event was not delivered.",
        )
    };
    let original = Some(truncate(chain, ORIGINAL_MAX));
    fail(code, None, data, original, detail, "transport").with("host", host)
}

/// Passing checks turn into a warning; failing ones just say it too.
fn token_warning(o: Outcome, len: usize) -> Outcome {
    let note = t(
        format!("另外，签名 token 的格式不符合钉钉的要求（3–32 位字母或数字，这里是 {len} 个字符），开发者后台可能不接受它：确认是从 左侧菜单 › 开发配置 › 事件订阅 完整复制的。"),
        format!("Also, the signature token does not have DingTalk's format (3–32 letters or digits; this one has {len} characters), so the console may not accept it: make sure it was copied whole from left menu › 开发配置 › 事件订阅 (Dev config › Event subscription)."),
    );
    let mut o = o.with("token_format_ok", false);
    if o.status == CheckStatus::Ok {
        o.status = CheckStatus::Warn;
        o.fix = Some(note.clone());
        o.fix_url = Some(CONSOLE_APPS.to_string());
    }
    o.message = Text::new(
        format!("{}{}", o.message.zh, note.zh),
        format!("{} {}", o.message.en, note.en),
    );
    o
}

/// Removes the token and aes_key, literally, from everything the check returns.
struct Scrub<'a> {
    token: &'a str,
    aes_key: &'a str,
}

impl Scrub<'_> {
    fn text(&self, s: &str) -> String {
        let mut out = s.to_string();
        // A token shorter than 3 characters would shred every text; it cannot be kept out of one.
        for secret in [self.aes_key.trim(), self.token.trim()] {
            if secret.chars().count() >= 3 {
                out = out.replace(secret, "***");
            }
        }
        out
    }

    fn both(&self, x: &Text) -> Text {
        Text::new(self.text(&x.zh), self.text(&x.en))
    }

    fn value(&self, v: &mut Value) {
        match v {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|i| self.value(i)),
            Value::Object(map) => map.values_mut().for_each(|i| self.value(i)),
            _ => {}
        }
    }

    fn outcome(&self, mut o: Outcome) -> Outcome {
        o.message = self.both(&o.message);
        o.fix = o.fix.as_ref().map(|f| self.both(f));
        o.original = o.original.as_deref().map(|s| self.text(s));
        o.data.values_mut().for_each(|v| self.value(v));
        o
    }

    fn exchange(&self, mut e: Exchange) -> Exchange {
        let opt = |s: Option<String>| s.map(|s| self.text(&s));
        e.url = self.text(&e.url);
        e.request_body = opt(e.request_body);
        e.response_body = opt(e.response_body);
        e.error = opt(e.error);
        e
    }
}
