//! Which pages the app may open in the browser: https pages on DingTalk's console and doc hosts,
//! and the profile's own platform domain. Everything else is refused, so a hostile template or a
//! tampered profile cannot make the app open arbitrary links.

use url::Url;

/// Why a link is not opened (or, in a template, not accepted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("not a URL: {0}")]
    NotAUrl(String),
    #[error("after `https://{{domain}}` comes `/`")]
    AfterDomain,
    #[error("console links must be https")]
    NotHttps,
    #[error("console links may point to {} or https://{{domain}}", ALLOWED_HOSTS.join(", "))]
    TemplateHost,
    #[error("enter the platform domain first")]
    NoDomain,
    #[error(
        "refusing to open {0}: only https DingTalk console pages and the platform's own domain"
    )]
    Refused(String),
}

impl LinkError {
    /// A stable code (see [`crate::error`]); `not_allowed` is the refusal the UI explains.
    pub fn code(&self) -> &'static str {
        match self {
            LinkError::NotAUrl(_) => "not_a_url",
            LinkError::AfterDomain => "link_after_domain",
            LinkError::NotHttps => "link_not_https",
            LinkError::TemplateHost => "link_host_not_allowed",
            LinkError::NoDomain => "no_domain",
            LinkError::Refused(_) => "not_allowed",
        }
    }

    /// What happened and what to do, in both languages.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        let hosts = ALLOWED_HOSTS.join(", ");
        match self {
            LinkError::NotAUrl(e) => Text::new(
                format!("这不是一个有效的网址（{e}）。"),
                format!("This is not a valid URL ({e})."),
            ),
            LinkError::AfterDomain => Text::new(
                "链接里 `https://{domain}` 后面必须紧跟 `/`。",
                "In a link, `https://{domain}` must be followed by `/`.",
            ),
            LinkError::NotHttps => Text::new(
                "控制台链接必须以 https:// 开头。",
                "Console links must start with https://.",
            ),
            LinkError::TemplateHost => Text::new(
                format!("控制台链接只能指向 {hosts} 或 https://{{domain}}。"),
                format!("Console links may only point to {hosts} or https://{{domain}}."),
            ),
            LinkError::NoDomain => Text::new(
                "请先填写平台域名，再打开平台自己的页面。",
                "Enter the platform domain first, then open the platform's own page.",
            ),
            LinkError::Refused(url) => Text::new(
                format!("出于安全考虑，向导不会打开 {url}：只打开钉钉的 https 页面和本平台自己的域名。"),
                format!("For safety the wizard does not open {url}: only DingTalk's https pages and the platform's own domain."),
            ),
        }
    }
}

/// DingTalk hosts the wizard links to (docs/dingtalk/console.md#pages-and-labels).
pub const ALLOWED_HOSTS: [&str; 5] = [
    "open-dev.dingtalk.com",
    "open.dingtalk.com",
    "oa.dingtalk.com",
    "developers.dingtalk.com",
    "login.dingtalk.com",
];

/// Checks a console link written in a template: an allow-listed https URL, or a page of the
/// platform itself (`https://{domain}/…`).
pub fn check_template_link(link: &str) -> Result<(), LinkError> {
    if let Some(rest) = link.strip_prefix("https://{domain}") {
        return if rest.is_empty() || rest.starts_with('/') {
            Ok(())
        } else {
            Err(LinkError::AfterDomain)
        };
    }
    let url = parse(link)?;
    if url.scheme() != "https" {
        return Err(LinkError::NotHttps);
    }
    match url.host_str() {
        Some(host) if ALLOWED_HOSTS.contains(&host) => Ok(()),
        _ => Err(LinkError::TemplateHost),
    }
}

fn parse(link: &str) -> Result<Url, LinkError> {
    Url::parse(link).map_err(|e| LinkError::NotAUrl(e.to_string()))
}

/// Resolves a link for opening: fills `{domain}` from the profile, then allows only https on an
/// allow-listed host or on the profile's own domain.
pub fn resolve(link: &str, domain: Option<&str>) -> Result<Url, LinkError> {
    let filled = match (link.contains("{domain}"), domain) {
        (true, Some(d)) if !d.is_empty() => link.replace("{domain}", d),
        (true, _) => return Err(LinkError::NoDomain),
        (false, _) => link.to_string(),
    };
    let url = parse(&filled)?;
    let host = url.host_str().unwrap_or_default();
    let own = domain.is_some_and(|d| {
        let d = d.split(':').next().unwrap_or(d);
        !d.is_empty() && host == d
    });
    if url.scheme() == "https" && (ALLOWED_HOSTS.contains(&host) || own) {
        Ok(url)
    } else {
        Err(LinkError::Refused(filled))
    }
}

/// The login test's page for the browser: DingTalk's own login host over https, or the login
/// gateway the admin configured (`DINGBIND_LOGIN_URL`: same scheme, host and port). Anything else
/// is refused, so a tampered setting cannot make the app open an arbitrary link.
pub fn resolve_login(auth_url: &str, login_base: &str) -> Result<Url, LinkError> {
    let url = parse(auth_url)?;
    let base = parse(login_base)?;
    let dingtalk = url.scheme() == "https" && url.host_str() == Some("login.dingtalk.com");
    let gateway = matches!(url.scheme(), "https" | "http")
        && url.scheme() == base.scheme()
        && url.host_str() == base.host_str()
        && url.port_or_known_default() == base.port_or_known_default();
    if dingtalk || gateway {
        Ok(url)
    } else {
        Err(LinkError::Refused(auth_url.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dingtalk_and_own_domain() {
        assert!(resolve("https://open-dev.dingtalk.com/fe/app#/corp/app", None).is_ok());
        assert!(resolve("https://{domain}/admin", Some("oa.example.com:8443")).is_ok());
        assert!(resolve("https://evil.example/", Some("oa.example.com")).is_err());
        assert!(resolve("http://open-dev.dingtalk.com/", None).is_err());
        assert!(resolve("https://open-dev.dingtalk.com.evil.example/", None).is_err());
        assert!(resolve("https://{domain}/x", None).is_err());
    }

    #[test]
    fn the_login_page_only_on_dingtalk_or_the_configured_gateway() {
        let auth = "https://login.dingtalk.com/oauth2/auth?client_id=x";
        assert!(resolve_login(auth, "https://login.dingtalk.com").is_ok());
        let sim = "http://127.0.0.1:4100/oauth2/auth?client_id=x";
        assert!(resolve_login(sim, "http://127.0.0.1:4100").is_ok());
        assert!(resolve_login(sim, "http://127.0.0.1:4101").is_err());
        assert!(resolve_login("file:///etc/passwd", "https://login.dingtalk.com").is_err());
        assert!(
            resolve_login("http://login.dingtalk.com/x", "https://login.dingtalk.com").is_err()
        );
        assert!(resolve_login("https://evil.example/x", "https://login.dingtalk.com").is_err());
        assert_eq!(
            resolve_login("https://evil.example/", "https://login.dingtalk.com"),
            Err(LinkError::Refused("https://evil.example/".into()))
        );
    }
}
