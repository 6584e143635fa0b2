//! Which pages the app may open in the browser: https pages on DingTalk's console and doc hosts,
//! and the profile's own platform domain. Everything else is refused, so a hostile template or a
//! tampered profile cannot make the app open arbitrary links.

use url::Url;

/// DingTalk hosts the wizard links to (reference §12).
pub const ALLOWED_HOSTS: [&str; 5] = [
    "open-dev.dingtalk.com",
    "open.dingtalk.com",
    "oa.dingtalk.com",
    "developers.dingtalk.com",
    "login.dingtalk.com",
];

/// Checks a console link written in a template: an allow-listed https URL, or a page of the
/// platform itself (`https://{domain}/…`).
pub fn check_template_link(link: &str) -> Result<(), String> {
    if let Some(rest) = link.strip_prefix("https://{domain}") {
        return if rest.is_empty() || rest.starts_with('/') {
            Ok(())
        } else {
            Err("after `https://{domain}` comes `/`".into())
        };
    }
    let url = Url::parse(link).map_err(|e| format!("not a URL: {e}"))?;
    if url.scheme() != "https" {
        return Err("console links must be https".into());
    }
    match url.host_str() {
        Some(host) if ALLOWED_HOSTS.contains(&host) => Ok(()),
        _ => Err(format!(
            "console links may point to {} or https://{{domain}}",
            ALLOWED_HOSTS.join(", ")
        )),
    }
}

/// Resolves a link for opening: fills `{domain}` from the profile, then allows only https on an
/// allow-listed host or on the profile's own domain.
pub fn resolve(link: &str, domain: Option<&str>) -> Result<Url, String> {
    let filled = match (link.contains("{domain}"), domain) {
        (true, Some(d)) if !d.is_empty() => link.replace("{domain}", d),
        (true, _) => return Err("enter the platform domain first".into()),
        (false, _) => link.to_string(),
    };
    let url = Url::parse(&filled).map_err(|e| format!("not a URL: {e}"))?;
    let host = url.host_str().unwrap_or_default();
    let own = domain.is_some_and(|d| {
        let d = d.split(':').next().unwrap_or(d);
        !d.is_empty() && host == d
    });
    if url.scheme() == "https" && (ALLOWED_HOSTS.contains(&host) || own) {
        Ok(url)
    } else {
        Err(format!("refusing to open {filled}: only https DingTalk console pages and the platform's own domain"))
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
}
