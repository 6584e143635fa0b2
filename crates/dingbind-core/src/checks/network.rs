//! Checks of the platform side and the path to DingTalk: the domain resolves, every generated URL
//! answers over https, and this machine's clock agrees with DingTalk's `Date` header (signatures
//! and login codes fail beyond a minute). The domain's certificate is checked in [`super::tls`].

use super::outcome::Outcome;
use super::CheckStatus;
use crate::diagnosis::{DiagnosisCode, DiagnosisData};
use dingtalk::Exchange;
use std::time::{Duration, SystemTime};

pub(super) const NET_TIMEOUT: Duration = Duration::from_secs(8);

fn host_data(host: &str) -> DiagnosisData {
    DiagnosisData {
        host: Some(host.to_string()),
        ..DiagnosisData::default()
    }
}

/// A GET with the probe timeout, and the exchange to show for it (status and errors filled in by
/// the caller, which reads the response).
async fn get(http: &reqwest::Client, url: &str) -> (reqwest::Result<reqwest::Response>, Exchange) {
    let start = std::time::Instant::now();
    let resp = http.get(url).timeout(NET_TIMEOUT).send().await;
    let ex = Exchange {
        method: "GET".into(),
        url: url.to_string(),
        request_body: None,
        status: resp.as_ref().ok().map(|r| r.status().as_u16()),
        response_body: None,
        date: None,
        duration_ms: start.elapsed().as_millis() as u64,
        error: resp.as_ref().err().map(|e| e.to_string()),
    };
    (resp, ex)
}

/// `host` or `host:port` → (host, port).
pub fn split_host(domain: &str) -> (String, u16) {
    match domain.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') && p.parse::<u16>().is_ok() && !h.contains(':') => {
            (h.to_string(), p.parse().unwrap_or(443))
        }
        _ => (domain.trim_matches(['[', ']']).to_string(), 443),
    }
}

pub async fn dns(domain: &str) -> Outcome {
    let (host, port) = split_host(domain);
    let lookup = tokio::net::lookup_host((host.clone(), port));
    match tokio::time::timeout(NET_TIMEOUT, lookup).await {
        Ok(Ok(addrs)) => {
            let ips: Vec<String> = addrs.map(|a| a.ip().to_string()).collect();
            Outcome::ok(
                format!("{host} 解析到 {}", ips.join(", ")),
                format!("{host} resolves to {}", ips.join(", ")),
            )
            .with("addresses", ips)
        }
        Ok(Err(e)) => {
            let mut o = Outcome::of(
                CheckStatus::Fail,
                DiagnosisCode::DnsFailure,
                host_data(&host),
            );
            o.original = Some(e.to_string());
            o
        }
        Err(_) => Outcome::of(CheckStatus::Fail, DiagnosisCode::Timeout, host_data(&host)),
    }
}

/// A generated URL answers over https. `$CORPID$` is replaced with the real CorpId for the probe,
/// as DingTalk does when the app opens. Any answer below 500 other than 404 proves the route.
pub async fn url(
    http: &reqwest::Client,
    url: &str,
    corp_id: Option<&str>,
) -> (Outcome, Vec<Exchange>) {
    let target = url.replace(
        crate::urls::DINGTALK_CORPID,
        corp_id.unwrap_or("ding0000000000000000"),
    );
    if target.starts_with("http://") {
        return (
            Outcome::of(
                CheckStatus::Warn,
                DiagnosisCode::HttpsRequired,
                DiagnosisData::default(),
            ),
            Vec::new(),
        );
    }
    let (resp, ex) = get(http, &target).await;
    let outcome = match resp {
        Ok(r) => {
            let status = r.status().as_u16();
            let data = DiagnosisData {
                http_status: Some(status),
                ..DiagnosisData::default()
            };
            match status {
                404 | 500..=599 => Outcome::of(CheckStatus::Warn, DiagnosisCode::HttpStatus, data)
                    .with("url", target.clone()),
                _ => Outcome::ok(
                    format!("有响应（HTTP {status}）"),
                    format!("answers (HTTP {status})"),
                )
                .with("http_status", status),
            }
        }
        Err(e) => {
            let chain = error_chain(&e);
            let lower = chain.to_lowercase();
            let code = if e.is_timeout() {
                DiagnosisCode::Timeout
            } else if lower.contains("certificate")
                || lower.contains("ssl")
                || lower.contains("tls")
            {
                DiagnosisCode::TlsFailure
            } else if lower.contains("dns") || lower.contains("lookup") {
                DiagnosisCode::DnsFailure
            } else {
                DiagnosisCode::Unreachable
            };
            let mut o = Outcome::of(CheckStatus::Fail, code, DiagnosisData::default());
            o.original = Some(chain);
            o
        }
    };
    (outcome, vec![ex])
}

/// An error with its causes (`a: b: c`): reqwest's own message is generic, the causes say what
/// really happened (a certificate, a lookup, a refusal).
pub(super) fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(x) = src {
        s.push_str(": ");
        s.push_str(&x.to_string());
        src = x.source();
    }
    s
}

/// Compares this machine's clock with the `Date` of a DingTalk answer.
pub async fn clock(http: &reqwest::Client, oapi: &str) -> (Outcome, Vec<Exchange>) {
    let url = format!("{oapi}/gettoken");
    let start = std::time::Instant::now();
    let (resp, mut ex) = get(http, &url).await;
    let r = match resp {
        Ok(r) => r,
        Err(e) => {
            let code = if e.is_timeout() {
                DiagnosisCode::Timeout
            } else {
                DiagnosisCode::Unreachable
            };
            return (
                Outcome::of(CheckStatus::Fail, code, DiagnosisData::default()),
                vec![ex],
            );
        }
    };
    let date = r
        .headers()
        .get(reqwest::header::DATE)
        .and_then(|d| d.to_str().ok())
        .map(str::to_string);
    ex.date = date.clone();
    let Some(server) = date
        .as_deref()
        .and_then(|d| httpdate::parse_http_date(d).ok())
    else {
        return (
            Outcome::manual(
                "钉钉的响应没有 Date 头，无法比较时间。",
                "DingTalk's answer had no Date header to compare with.",
            ),
            vec![ex],
        );
    };
    // Half the round trip is the best guess of when the server stamped its Date.
    let local = SystemTime::now() - start.elapsed() / 2;
    let skew = match local.duration_since(server) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    let outcome = match skew.unsigned_abs() {
        0..=10 => Outcome::ok(
            format!("本机时间与钉钉相差 {skew} 秒"),
            format!("This machine's clock is {skew} s off DingTalk's"),
        ),
        11..=60 => Outcome::of(
            CheckStatus::Warn,
            DiagnosisCode::ClockSkew,
            DiagnosisData::default(),
        ),
        _ => Outcome::of(
            CheckStatus::Fail,
            DiagnosisCode::ClockSkew,
            DiagnosisData::default(),
        ),
    };
    (outcome.with("skew_secs", skew), vec![ex])
}

#[cfg(test)]
mod tests {
    //! The URL probe against a local HTTPS server with a certificate made here (trusted through
    //! the extra CA file or not at all), and a name that does not resolve.
    use super::*;
    use crate::ca::test_certs::{ca_file, self_signed, serve};

    #[tokio::test]
    async fn generated_urls_are_probed_over_https() {
        let c = self_signed("localhost", 90);
        let domain = serve(&c);
        let ca = ca_file(&[&c]);
        let http = dingtalk::shared_client(Some(ca.path())).unwrap();
        let (ok, trace) = url(
            &http,
            &format!("https://{domain}/ok?corpId=$CORPID$"),
            Some("ding6ccabc44d2c8d38b"),
        )
        .await;
        assert_eq!(ok.status, CheckStatus::Ok, "{:?}", ok.message);
        assert_eq!(trace[0].status, Some(200));
        let (missing, _) = url(&http, &format!("https://{domain}/nope"), None).await;
        assert_eq!(
            (missing.status, missing.code),
            (CheckStatus::Warn, Some(DiagnosisCode::HttpStatus))
        );
        let (plain, _) = url(&http, "http://oa.example.com/", None).await;
        assert_eq!(
            (plain.status, plain.code),
            (CheckStatus::Warn, Some(DiagnosisCode::HttpsRequired))
        );
        let untrusted = dingtalk::shared_client(None).unwrap();
        let (bad, _) = url(&untrusted, &format!("https://{domain}/ok"), None).await;
        assert_eq!(
            (bad.status, bad.code),
            (CheckStatus::Fail, Some(DiagnosisCode::TlsFailure))
        );
    }

    #[tokio::test]
    async fn a_name_that_does_not_resolve_is_a_dns_failure() {
        let o = dns("nonexistent.invalid").await;
        assert_eq!(
            (o.status, o.code),
            (CheckStatus::Fail, Some(DiagnosisCode::DnsFailure))
        );
        assert_eq!(dns("127.0.0.1:8443").await.status, CheckStatus::Ok);
        assert_eq!(
            split_host("oa.example.com:8443"),
            ("oa.example.com".to_string(), 8443)
        );
    }
}
