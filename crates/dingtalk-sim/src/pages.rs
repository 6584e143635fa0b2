//! The non-JSON answers: gateway error pages, the corporate-proxy page a fault injects, and the
//! login host's error pages.
//!
//! These exist so a client meets HTML where it expects JSON, as it does behind proxies and
//! failing gateways (DOCS 1433: an IP-throttled caller gets an HTML page instead of JSON). The
//! login error text "重定向错误" is only known from a screenshot (GH JeecgBoot#4309), so the page
//! wording is UNCONFIRMED.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// An HTML response with the given status.
pub fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A Tengine-style gateway error page (Tengine is the web server in front of DingTalk's hosts).
pub fn gateway_page(status: StatusCode) -> Response {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    html(
        status,
        format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n"
        ),
    )
}

/// A corporate proxy's login page (what an intranet egress proxy returns instead of the API).
pub fn proxy_login_page(status: StatusCode) -> Response {
    html(
        status,
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>上网认证 - 企业安全网关</title></head>
<body>
<h2>上网行为管理：请先登录</h2>
<p>您访问的网址需要认证后才能访问外网。Please sign in to the corporate proxy to continue.</p>
<form method="post" action="/portal/login">
  <label>账号 <input name="username"></label>
  <label>密码 <input name="password" type="password"></label>
  <button type="submit">登录</button>
</form>
</body>
</html>
"#
        .to_owned(),
    )
}

/// The login host's error page (HTTP 400): redirect URI not registered, unknown client_id, or
/// bad parameters.
pub fn login_error_page(title: &str, detail: &str) -> Response {
    html(
        StatusCode::BAD_REQUEST,
        format!(
            r#"<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>钉钉统一身份认证</title></head>
<body>
<div class="error">
  <h1>{title}</h1>
  <p>{detail}</p>
</div>
</body>
</html>
"#,
            title = escape(title),
            detail = escape(detail)
        ),
    )
}

/// Minimal HTML escaping for values echoed into pages.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
