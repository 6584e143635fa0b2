//! URL generation. A template's URL patterns carry two kinds of holes: `{field}`, which the wizard
//! fills from the profile, and DingTalk's `$CORPID$`, which must reach the console literally because
//! DingTalk replaces it with the visiting user's org id when the app opens from the workbench
//! (docs/dingtalk/console.md#homepage-url-and-corpid-placeholder). Seed 003 uses both in one
//! template: the admin URL carries the real CorpId, the two home URLs carry `$CORPID$`.

use crate::field::Field;
use crate::i18n::Text;
use crate::template::Template;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// DingTalk's workbench placeholder, the only one documented for app home URLs.
pub const DINGTALK_CORPID: &str = "$CORPID$";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    Field(Field),
    DingTalkCorpId,
}

/// Why a URL pattern cannot be used; the text is shown next to the pattern (template errors, the
/// wizard's URL list, a refused import).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("a URL pattern starts with https:// (or http://, which the wizard warns about)")]
    NotHttp,
    #[error("`}}` without a matching `{{`")]
    UnmatchedClose,
    #[error("`{{` without a closing `}}`")]
    UnclosedOpen,
    #[error("unknown placeholder `{{{key}}}`; use one of {{domain}}, {{corp_id}}, {{agent_id}}, {{client_id}}, {{corp_name}}")]
    UnknownPlaceholder { key: String },
    /// A known field written with spaces inside the braces (`{ domain }`).
    #[error("write `{{{field}}}` without spaces")]
    Spaces { field: Field },
    #[error(
        "a lone `$`: DingTalk's placeholder is written exactly $CORPID$ (uppercase, no spaces)"
    )]
    LoneDollar,
    #[error("`{token}` is not a DingTalk placeholder; DingTalk only replaces $CORPID$ (uppercase, no spaces)")]
    NotDingTalkPlaceholder { token: String },
    #[error("`{{{field}}}` would put a secret into a URL")]
    SecretInUrl { field: Field },
    #[error("`{{{field}}}` is not in `needs`")]
    NotNeeded { field: Field },
}

impl PatternError {
    /// What is wrong with the pattern, in both languages (for the template author and for the
    /// admin who edits an address in the wizard).
    pub fn text(&self) -> Text {
        let en = self.to_string();
        let zh = match self {
            PatternError::NotHttp => {
                "地址要以 https:// 开头（也可以是 http://，但向导会提醒不安全）".to_string()
            }
            PatternError::UnmatchedClose => "有 `}` 却没有对应的 `{`".to_string(),
            PatternError::UnclosedOpen => "有 `{` 却没有对应的 `}`".to_string(),
            PatternError::UnknownPlaceholder { key } => format!(
                "没有 `{{{key}}}` 这个占位符；可用的有 {{domain}}、{{corp_id}}、{{agent_id}}、{{client_id}}、{{corp_name}}"
            ),
            PatternError::Spaces { field } => format!("`{{{field}}}` 的花括号里不要有空格"),
            PatternError::LoneDollar => {
                "有一个单独的 `$`：钉钉的占位符必须写成 $CORPID$（大写、没有空格）".to_string()
            }
            PatternError::NotDingTalkPlaceholder { token } => format!(
                "`{token}` 不是钉钉的占位符：钉钉只替换 $CORPID$（大写、没有空格）"
            ),
            PatternError::SecretInUrl { field } => {
                format!("`{{{field}}}` 会把密钥放进地址里，不允许")
            }
            PatternError::NotNeeded { field } => format!("`{{{field}}}` 不在 `needs` 里"),
        };
        Text::new(zh, en)
    }
}

/// The holes in a pattern, or why the pattern is malformed.
pub fn placeholders(pattern: &str) -> Result<Vec<Placeholder>, PatternError> {
    let mut found = Vec::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(['{', '}', '$']) {
        let c = rest.as_bytes()[i];
        let after = &rest[i + 1..];
        match c {
            b'}' => return Err(PatternError::UnmatchedClose),
            b'{' => {
                let end = after.find('}').ok_or(PatternError::UnclosedOpen)?;
                let key = &after[..end];
                let field =
                    Field::parse(key.trim()).ok_or_else(|| PatternError::UnknownPlaceholder {
                        key: key.to_string(),
                    })?;
                if key != field.key() {
                    return Err(PatternError::Spaces { field });
                }
                found.push(Placeholder::Field(field));
                rest = &after[end + 1..];
            }
            _ => {
                let end = after.find('$').ok_or(PatternError::LoneDollar)?;
                let token = &rest[i..i + end + 2];
                if token != DINGTALK_CORPID {
                    return Err(PatternError::NotDingTalkPlaceholder {
                        token: token.to_string(),
                    });
                }
                found.push(Placeholder::DingTalkCorpId);
                rest = &after[end + 1..];
            }
        }
    }
    Ok(found)
}

/// One URL the admin copies into the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GeneratedUrl {
    pub name: String,
    pub label: Text,
    pub destination: Text,
    /// The pattern used (the template's, or the admin's override).
    pub pattern: String,
    /// The finished URL; `None` while a value it needs is missing or the pattern is broken.
    pub url: Option<String>,
    /// Fields still needed before the URL can be generated.
    pub missing: Vec<Field>,
    /// Why the pattern cannot be used (an admin-edited pattern with a typo in `$CORPID$`, say).
    pub error: Option<Text>,
    pub editable: bool,
}

/// Fills every URL of `template`. `values` holds valid, normalised field values; `overrides` the
/// admin's own patterns for editable URLs.
pub fn generate(
    template: &Template,
    values: &BTreeMap<Field, String>,
    overrides: &BTreeMap<String, String>,
) -> Vec<GeneratedUrl> {
    template
        .urls
        .iter()
        .map(|spec| {
            let pattern = overrides
                .get(&spec.name)
                .filter(|p| spec.editable && !p.trim().is_empty())
                .map(|p| p.trim().to_string())
                .unwrap_or_else(|| spec.pattern.clone());
            let (url, missing, error) = match fill(&pattern, template, values) {
                Ok(url) => (Some(url), Vec::new(), None),
                Err(Unfilled::Missing(missing)) => (None, missing, None),
                Err(Unfilled::Broken(e)) => (None, Vec::new(), Some(e.text())),
            };
            GeneratedUrl {
                name: spec.name.clone(),
                label: spec.label.clone(),
                destination: spec.destination.clone(),
                pattern,
                url,
                missing,
                error,
                editable: spec.editable,
            }
        })
        .collect()
}

/// One pattern of `template` (its break-glass login page, say) filled with `values`; `None` while a
/// value it needs is missing or the pattern is broken.
pub(crate) fn fill_one(
    template: &Template,
    pattern: &str,
    values: &BTreeMap<Field, String>,
) -> Option<String> {
    fill(pattern, template, values).ok()
}

enum Unfilled {
    Missing(Vec<Field>),
    Broken(PatternError),
}

fn fill(
    pattern: &str,
    template: &Template,
    values: &BTreeMap<Field, String>,
) -> Result<String, Unfilled> {
    crate::template::check_pattern(pattern, &template.needs).map_err(Unfilled::Broken)?;
    let mut missing = Vec::new();
    let mut out = pattern.to_string();
    for field in Field::ALL {
        let hole = format!("{{{}}}", field.key());
        if !out.contains(&hole) {
            continue;
        }
        match values.get(&field).filter(|v| !v.is_empty()) {
            // The domain is a host[:port] and goes in as is; anything else is encoded for a URL.
            Some(v) if field == Field::Domain => out = out.replace(&hole, v),
            Some(v) => {
                out = out.replace(
                    &hole,
                    &url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>(),
                )
            }
            None => missing.push(field),
        }
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(Unfilled::Missing(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_typos_are_named() {
        assert!(placeholders("https://{domain}/?corpId=$CORPID$").is_ok());
        for (bad, message) in [
            (
                "https://x/?c=$ CORPID$",
                "`$ CORPID$` is not a DingTalk placeholder; DingTalk only replaces $CORPID$ (uppercase, no spaces)",
            ),
            (
                "https://x/?c=$corpid$",
                "`$corpid$` is not a DingTalk placeholder; DingTalk only replaces $CORPID$ (uppercase, no spaces)",
            ),
            (
                "https://x/?c=$CORPID",
                "a lone `$`: DingTalk's placeholder is written exactly $CORPID$ (uppercase, no spaces)",
            ),
            (
                "https://{domian}/",
                "unknown placeholder `{domian}`; use one of {domain}, {corp_id}, {agent_id}, {client_id}, {corp_name}",
            ),
            ("https://{domain/", "`{` without a closing `}`"),
            ("https://domain}/", "`}` without a matching `{`"),
            ("https://{ domain }/", "write `{domain}` without spaces"),
        ] {
            assert_eq!(placeholders(bad).unwrap_err().to_string(), message, "{bad}");
        }
    }
}
