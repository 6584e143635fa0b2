//! The loopback end of the login: a deliberately tiny HTTP/1.1 server on 127.0.0.1 that takes the
//! browser's `GET /dingbind/login?code=…&state=…`, hands it to [`super::LoginSession::finish`] and
//! later answers it with a self-contained bilingual page. Hand-written on tokio rather than a web
//! framework: it serves one kind of request, once, and `dingbind-core` stays free of a server
//! stack. It listens from `start` on, so a browser that comes back before `finish` is called waits
//! instead of being refused; dropping the session stops it.

use super::LOGIN_PATH;
use crate::checks::{CheckResult, CheckStatus};
use crate::i18n::Text;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};

/// A browser that opens a connection and says nothing (a preconnect) is dropped after this.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// A request head larger than this is not a login callback.
const MAX_HEAD: usize = 16 * 1024;

/// What the browser brought back. No `Debug`: it holds the login code.
pub(super) struct Callback {
    /// The full URL the browser opened, for the (redacted) trace.
    pub url: String,
    /// `code` (or its twin `authCode`).
    pub code: Option<String>,
    pub state: Option<String>,
    /// An OAuth `error` / `error_description`, if DingTalk sent one instead of a code.
    pub error: Option<String>,
}

impl Callback {
    fn parse(port: u16, target: &str) -> Self {
        let query = target.split_once('?').map_or("", |(_, q)| q);
        let mut c = Callback {
            url: format!("http://127.0.0.1:{port}{target}"),
            code: None,
            state: None,
            error: None,
        };
        let mut errors = Vec::new();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            let v = v.trim().to_string();
            match k.as_ref() {
                "code" if !v.is_empty() => c.code = Some(v),
                "authCode" if c.code.is_none() && !v.is_empty() => c.code = Some(v),
                "state" => c.state = Some(v),
                "error" | "error_description" if !v.is_empty() => errors.push(v),
                _ => {}
            }
        }
        c.error = (!errors.is_empty()).then(|| errors.join(": "));
        c
    }
}

/// A callback with the connection to answer it on.
pub(super) struct Pending {
    pub callback: Callback,
    pub stream: TcpStream,
}

/// The running loopback server.
pub(super) struct Listener {
    rx: mpsc::Receiver<Pending>,
    task: JoinHandle<()>,
}

impl Listener {
    pub fn spawn(listener: TcpListener) -> Self {
        let (tx, rx) = mpsc::channel(8);
        let task = tokio::spawn(accept(listener, tx));
        Self { rx, task }
    }

    /// The next login callback; `None` only if the server stopped.
    pub async fn next(&mut self) -> Option<Pending> {
        self.rx.recv().await
    }
}

impl Drop for Listener {
    /// Closes the port and every connection still open.
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept(listener: TcpListener, tx: mpsc::Sender<Pending>) {
    let port = listener.local_addr().map_or(0, |a| a.port());
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        match listener.accept().await {
            Ok((stream, _)) => {
                connections.spawn(serve(stream, tx.clone(), port));
            }
            // Out of file descriptors, say: wait instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

async fn serve(mut stream: TcpStream, tx: mpsc::Sender<Pending>, port: u16) {
    let Some(target) = read_target(&mut stream).await else {
        return;
    };
    let path = target.split('?').next().unwrap_or_default();
    if path != LOGIN_PATH {
        let page = html(
            "",
            &Text::new(
                "这里不是登录回调地址。",
                "This is not the login callback address.",
            ),
            None,
        );
        respond(&mut stream, "404 Not Found", &page).await;
        return;
    }
    let callback = Callback::parse(port, &target);
    if let Err(mpsc::error::SendError(mut p)) = tx.send(Pending { callback, stream }).await {
        let gone = Text::new(
            "这次登录测试已经结束，请在钉钉绑定向导里重新开始。",
            "This login test is over; start it again in the Dingbind wizard.",
        );
        respond(&mut p.stream, "410 Gone", &html("", &gone, None)).await;
    }
}

/// The request target of a `GET`/`HEAD`, after reading the whole head (closing a socket with
/// unread data would reset it, and the browser would show an error instead of our page).
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::with_capacity(1024);
    let read = async {
        loop {
            if stream.read_buf(&mut head).await.ok()? == 0 {
                return None;
            }
            if head.windows(4).any(|w| w == b"\r\n\r\n") {
                return Some(());
            }
            if head.len() > MAX_HEAD {
                return None;
            }
        }
    };
    tokio::time::timeout(READ_TIMEOUT, read).await.ok()??;
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next()?.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    matches!(method, "GET" | "HEAD").then(|| target.to_string())
}

/// Answers the browser with the outcome and closes the connection.
pub(super) async fn answer(stream: &mut TcpStream, r: &CheckResult) {
    let (mark, headline) = match r.status {
        CheckStatus::Ok | CheckStatus::Warn => (
            "✓",
            Text::new(
                "登录测试完成，请回到钉钉绑定向导查看结果",
                "Login test complete. Go back to the Dingbind wizard to see the result.",
            ),
        ),
        CheckStatus::Skipped => (
            "–",
            Text::new(
                "登录测试已取消，请回到钉钉绑定向导",
                "The login test was cancelled. Go back to the Dingbind wizard.",
            ),
        ),
        _ => (
            "✗",
            Text::new(
                "登录测试没有通过，请回到钉钉绑定向导查看原因和解决办法",
                "The login test failed. Go back to the Dingbind wizard to see why and how to fix it.",
            ),
        ),
    };
    respond(stream, "200 OK", &html(mark, &headline, Some(&r.message))).await;
}

async fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    // The page is self-contained; the URL held a login code, so it is neither cached nor sent on.
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n\
         Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// A small bilingual page, Chinese first.
fn html(mark: &str, headline: &Text, detail: Option<&Text>) -> String {
    let detail = |pick: fn(&Text) -> &str| {
        detail.map_or(String::new(), |d| format!("<p>{}</p>", escape(pick(d))))
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>钉钉绑定向导 · 登录测试 / Dingbind login test</title>
<style>body{{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2329;line-height:1.6}}.mark{{font-size:2.5rem}}.en{{color:#646a73;border-top:1px solid #dee0e3;margin-top:2rem}}</style>
</head><body>
<div class="mark">{mark}</div>
<h1>{zh}</h1>{detail_zh}
<div class="en" lang="en"><h2>{en}</h2>{detail_en}</div>
</body></html>
"#,
        zh = escape(&headline.zh),
        en = escape(&headline.en),
        detail_zh = detail(|t| &t.zh),
        detail_en = detail(|t| &t.en),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
