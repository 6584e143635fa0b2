//! The `.env` rendering of a manifest, for servers configured through environment variables. The
//! variable names are a contract with the server team (see `docs/handoff.md`). Every value is
//! single-quoted so that `set -a; . ./dingtalk.env` in a POSIX shell and dotenv loaders both read it
//! back byte for byte: DingTalk's `$CORPID$` must not be expanded, `&` in a query string must not
//! background anything, and a Chinese CorpName must survive untouched.

use super::manifest::{Manifest, SecretState};
use crate::field::Field;
use std::fmt::Write;

/// The environment variable that carries `field`.
pub fn env_var(field: Field) -> &'static str {
    match field {
        Field::Domain => "DINGTALK_DOMAIN",
        Field::CorpId => "DINGTALK_CORP_ID",
        Field::CorpName => "DINGTALK_CORP_NAME",
        Field::AgentId => "DINGTALK_AGENT_ID",
        Field::ClientId => "DINGTALK_CLIENT_ID",
        Field::ClientSecret => "DINGTALK_CLIENT_SECRET",
        Field::SsoSecret => "DINGTALK_SSO_SECRET",
        Field::EventToken => "DINGTALK_EVENT_TOKEN",
        Field::AesKey => "DINGTALK_AES_KEY",
    }
}

/// `DINGTALK_URL_<NAME>` for the URL called `name` (`pc_home` → `DINGTALK_URL_PC_HOME`); anything
/// that is not a letter or digit becomes `_` so the result is always a valid shell name.
pub fn url_var(name: &str) -> String {
    let tail: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("DINGTALK_URL_{tail}")
}

/// A POSIX single-quoted word: nothing inside is special except `'`, which is closed, escaped and
/// reopened (`'\''`).
pub(crate) fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// Comment text must stay on its comment line whatever a profile name contains.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n']).collect::<Vec<_>>().join(" ")
}

/// Why a field's line is commented out; the server team reads this.
fn comment_for(field: Field, m: &Manifest) -> &'static str {
    if field.is_secret() {
        return match m.secrets.get(&field) {
            None => "(not used by this template)",
            Some(SecretState::Absent) => "(absent: not entered in Dingbind yet)",
            Some(SecretState::Present | SecretState::Included) => {
                "(not exported; the admin has it — ask for the encrypted .age file)"
            }
        };
    }
    if m.missing.contains(&field) {
        "(not entered in Dingbind yet)"
    } else {
        "(not used by this template)"
    }
}

/// Renders `m` as `KEY='value'` lines. Secret lines carry values only when `m.secret_values` does
/// (a manifest read from the encrypted file); otherwise they are comments saying why.
pub fn render_env(m: &Manifest) -> String {
    let mut out = String::new();
    // `write!` into a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(
        out,
        "# Dingbind hand-off (钉钉绑定交接): binding “{}”",
        one_line(&m.profile_name)
    );
    let _ = writeln!(
        out,
        "# Template: {} / {} ({})",
        one_line(&m.template.name.zh),
        one_line(&m.template.name.en),
        one_line(&m.template.id)
    );
    let _ = writeln!(
        out,
        "# Generated {} by Dingbind {} (manifest schema_version {})",
        one_line(&m.generated_at),
        one_line(&m.app_version),
        m.schema_version
    );
    out.push_str("# Load with: set -a; . ./dingtalk.env; set +a   (values are single-quoted)\n");
    if m.secret_values.is_some() {
        out.push_str("# CONTAINS SECRETS: keep this file out of version control and delete it once loaded.\n");
    }
    for field in Field::ALL {
        let label = field.label();
        out.push('\n');
        if label.zh == label.en {
            let _ = writeln!(out, "# {}", label.en);
        } else {
            let _ = writeln!(out, "# {} / {}", label.zh, label.en);
        }
        let value = if field.is_secret() {
            m.secret_values.as_ref().and_then(|s| s.get(&field))
        } else {
            None
        }
        .map(String::as_str)
        .or_else(|| m.value(field));
        match value {
            Some(v) => {
                let _ = writeln!(out, "{}={}", env_var(field), quote(v));
            }
            None => {
                let _ = writeln!(out, "# {}= {}", env_var(field), comment_for(field, m));
            }
        }
    }
    if let Some(b) = &m.break_glass {
        out.push_str("\n# If DingTalk login fails or has to be switched off (break-glass) / 钉钉登录出问题时（应急入口）\n");
        match (&b.login_url, &b.login_url_pattern) {
            (Some(url), _) => {
                let _ = writeln!(out, "DINGTALK_BREAK_GLASS_LOGIN_URL={}", quote(url));
            }
            (None, Some(pattern)) => {
                let _ = writeln!(
                    out,
                    "# DINGTALK_BREAK_GLASS_LOGIN_URL= (not generated yet: {})",
                    one_line(pattern)
                );
            }
            (None, None) => {}
        }
        if let Some(off) = &b.switch_off {
            let _ = writeln!(out, "# To switch DingTalk login off: {}", one_line(&off.en));
            let _ = writeln!(out, "# 关闭钉钉登录：{}", one_line(&off.zh));
        }
        let _ = writeln!(out, "# Source / 出处: {}", one_line(&b.source));
    }
    if !m.urls.is_empty() {
        out.push_str("\n# URLs registered in the DingTalk console; $CORPID$ is DingTalk's own placeholder, kept literally.\n");
        for (name, url) in &m.urls {
            let _ = writeln!(out, "{}={}", url_var(name), quote(url));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_names_become_shell_names() {
        assert_eq!(url_var("pc_home"), "DINGTALK_URL_PC_HOME");
        assert_eq!(
            url_var("event-callback.v2"),
            "DINGTALK_URL_EVENT_CALLBACK_V2"
        );
    }

    #[test]
    fn single_quotes_are_closed_escaped_and_reopened() {
        assert_eq!(quote("a$b&c"), "'a$b&c'");
        assert_eq!(quote("O'Brien"), r"'O'\''Brien'");
    }
}
