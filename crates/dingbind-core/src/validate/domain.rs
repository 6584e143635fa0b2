//! The platform domain. Admins paste whatever is in the address bar — a whole URL with path and
//! query, a Chinese IDN, `:443` — and the wizard keeps what DingTalk needs: the host and a
//! non-default port, in punycode. Anything DingTalk's servers cannot reach warns; anything that
//! cannot be a host blocks.

use super::mixups::wrong_box;
use super::shapes::{certain_kind, CLIENT_ID, CORP_ID};
use super::{ErrorCode, Verdict, WarningCode};
use crate::field::Field;
use crate::i18n::Text;
use std::net::IpAddr;
use url::{Host, Url};

pub(super) fn domain(v: &str) -> Verdict {
    if v.contains("私有云域名") || v.contains("你的域名") || v.contains("your-domain") {
        return Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                "这是说明里的占位文字，请填你自己平台的域名，例如 oa.example.com。",
                "That is the placeholder from the instructions; enter your own platform's domain, e.g. oa.example.com.",
            ),
        );
    }
    // Another box's value would otherwise pass as a dotless intranet host, or a number as an IPv4
    // address (836390886 → 49.218.79.230).
    if !v.contains(['.', ':', '/']) {
        // `ding…` is certain only in an ID's full shape: `dingtalk` may be an intranet host's name.
        let kind = certain_kind(v).filter(|&k| match k {
            Field::Domain => false,
            Field::CorpId | Field::ClientId => CORP_ID.is_match(v) || CLIENT_ID.is_match(v),
            _ => true,
        });
        if let Some(kind) = kind {
            return wrong_box(Field::Domain, v, kind);
        }
    }
    if v.chars().any(char::is_whitespace) {
        return Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new("域名中不能有空格。", "A domain cannot contain spaces."),
        );
    }
    let scheme = v.find("://").map(|i| v[..i].to_ascii_lowercase());
    if let Some(scheme) = &scheme {
        if scheme != "http" && scheme != "https" {
            return Verdict::err(
                v,
                ErrorCode::BadFormat,
                Text::new(
                    format!("不支持 {scheme}:// 地址，平台需通过 https 访问。"),
                    format!("{scheme}:// addresses are not supported; the platform must be served over https."),
                ),
            );
        }
    }
    let with_scheme = if scheme.is_some() {
        v.to_string()
    } else {
        format!("https://{v}")
    };
    let url = match Url::parse(&with_scheme) {
        Ok(url) => url,
        Err(_) => return not_a_host(v),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Verdict::err(
            v,
            ErrorCode::BadFormat,
            Text::new(
                "地址中带有用户名或密码，请只填域名。",
                "The address carries a user name or password; enter just the domain.",
            ),
        );
    }
    let Some(host) = url.host() else {
        return not_a_host(v);
    };
    let host_text = match &host {
        Host::Domain(d) => d.trim_end_matches('.').to_string(),
        Host::Ipv4(ip) => ip.to_string(),
        Host::Ipv6(ip) => format!("[{ip}]"),
    };
    if host_text.is_empty() || host_text.len() > 253 {
        return not_a_host(v);
    }
    // Checked on the text without the trailing dot of a fully qualified name (`oa.example.com。`).
    let bad_label = |label: &str| {
        label.is_empty() || label.len() > 63 || label.starts_with('-') || label.ends_with('-')
    };
    if matches!(host, Host::Domain(_)) && host_text.split('.').any(bad_label) {
        return not_a_host(v);
    }
    let value = match url.port() {
        Some(port) => format!("{host_text}:{port}"),
        None => host_text.clone(),
    };
    let mut verdict = Verdict::ok(value);

    if host_text.starts_with("xn--") || host_text.contains(".xn--") {
        verdict.notes.push(Text::new(
            format!("中文域名已转换为 {host_text}（钉钉使用这种写法）"),
            format!(
                "converted the internationalised domain to {host_text} (the form DingTalk uses)"
            ),
        ));
    }
    if url.port().is_none() && has_explicit_port(v) {
        verdict.notes.push(Text::new(
            "已去掉默认端口（https 的 443），否则回调地址与钉钉登记的不一致",
            "dropped the default port (443 for https), which would make callback URLs differ from what DingTalk has registered",
        ));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        verdict = verdict.warn(
            WarningCode::PathDropped,
            Text::new(
                "只保留了域名，去掉了后面的路径。如果平台部署在子路径下，请改用“自定义地址”模板。",
                "Kept only the domain and dropped the path after it. If the platform lives under a sub-path, use the “custom URLs” template.",
            ),
            None,
        );
    }
    if url.scheme() == "http" {
        verdict = verdict.warn(
            WarningCode::PlainHttp,
            Text::new(
                "填的是 http 地址。钉钉要求 https（错误 43003），生成的地址都用 https，请确认平台已配置证书。",
                "This is an http address. DingTalk requires https (error 43003) and the generated URLs use https; make sure the platform has a certificate.",
            ),
            None,
        );
    }
    match host {
        Host::Ipv4(_) | Host::Ipv6(_) => {
            let ip: Option<IpAddr> = host_text.trim_matches(['[', ']']).parse().ok();
            if ip.is_some_and(is_internal) {
                verdict = not_public(verdict);
            } else {
                verdict = verdict.warn(
                    WarningCode::IpAddress,
                    Text::new(
                        "这是 IP 地址。可以使用，但 https 证书通常签发给域名，建议填写域名。",
                        "This is an IP address. It can work, but https certificates are issued for domains; a domain is better.",
                    ),
                    None,
                );
            }
        }
        Host::Domain(d) => {
            let d = d.trim_end_matches('.');
            if d == "localhost"
                || d.ends_with(".localhost")
                || d.ends_with(".local")
                || !d.contains('.')
            {
                verdict = not_public(verdict);
            }
        }
    }
    verdict
}

fn has_explicit_port(v: &str) -> bool {
    let rest = v.split_once("://").map_or(v, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_unspecified()
        }
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.is_unspecified() || (v6.segments()[0] & 0xfe00) == 0xfc00
        }
    }
}

fn not_public(verdict: Verdict) -> Verdict {
    verdict.warn(
        WarningCode::NotPublic,
        Text::new(
            "这是内网或本机地址，钉钉服务器和员工手机在外网无法访问。正式绑定请使用公网域名。",
            "This is an intranet or local address: DingTalk's servers and phones outside the network cannot reach it. Use a public domain for the real binding.",
        ),
        None,
    )
}

fn not_a_host(v: &str) -> Verdict {
    Verdict::err(
        v,
        ErrorCode::BadFormat,
        Text::new(
            "这不是有效的域名，例如 oa.example.com 或 oa.example.com:8443。",
            "This is not a valid domain; e.g. oa.example.com or oa.example.com:8443.",
        ),
    )
}
