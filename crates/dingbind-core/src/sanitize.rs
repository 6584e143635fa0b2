//! Paste cleaning. Admins copy values out of the DingTalk console, chat windows and Word documents;
//! what arrives carries zero-width characters, full-width letters from a Chinese IME, trailing
//! newlines, surrounding quotes and labels such as `CorpId：ding…`. Cleaning removes all of that and
//! says what it removed, so the admin sees why the box changed. It never judges the value itself —
//! that is [`crate::validate`]'s job.

use crate::field::Field;
use crate::i18n::Text;
use regex::Regex;
use std::sync::LazyLock;

/// The result of cleaning a pasted value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub value: String,
    /// What cleaning did, in words for the admin.
    pub notes: Vec<Text>,
    /// The field named by a label the admin pasted along with the value (`Client ID: …`).
    pub label_field: Option<Field>,
}

const ZERO_WIDTH: [char; 6] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// Whether a pasted value carries characters cleaning removes from an identifier or secret:
/// spaces (full-width and non-breaking ones too), line breaks, tabs or zero-width characters.
/// What the wizard stores and checks is cleaned; a platform given the raw paste is not, and
/// DingTalk then refuses the pair (GH zfanswer/dify-on-dingtalk#28: Stream `authFailed`).
pub fn has_stray_chars(raw: &str) -> bool {
    raw.chars()
        .any(|c| c.is_whitespace() || c == '\u{3000}' || ZERO_WIDTH.contains(&c))
}

/// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space map one-to-one onto ASCII, so
/// character positions survive the fold (label stripping relies on that).
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '\u{3002}' => '.',
        _ => c,
    }
}

const QUOTE_PAIRS: [(char, char); 8] = [
    ('"', '"'),
    ('\'', '\''),
    ('`', '`'),
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
    ('<', '>'),
];

/// Labels as they appear in the console, in docs and in JSON/env files, and the field they name.
static LABELS: LazyLock<Vec<(Regex, Field)>> = LazyLock::new(|| {
    let table: [(&str, Field); 9] = [
        (r"corp[\s_-]*id|企业\s*id|组织\s*id", Field::CorpId),
        (
            r"corp[\s_-]*name|企业名称|团队名称|组织名称",
            Field::CorpName,
        ),
        (r"agent[\s_-]*id", Field::AgentId),
        (
            r"client[\s_-]*id|app[\s_-]*key|suite[\s_-]*key",
            Field::ClientId,
        ),
        (
            r"client[\s_-]*secret|app[\s_-]*secret|suite[\s_-]*secret",
            Field::ClientSecret,
        ),
        (r"sso[\s_-]*secret", Field::SsoSecret),
        (r"私有云域名|平台域名|域名|domain", Field::Domain),
        (
            r"(?:签名\s*)?token|event[\s_-]*token|callback[\s_-]*token",
            Field::EventToken,
        ),
        (
            r"(?:加密\s*)?aes[\s_-]*key|encoding[\s_-]*aes[\s_-]*key",
            Field::AesKey,
        ),
    ];
    table
        .into_iter()
        .map(|(label, field)| {
            // Optional env-style prefixes (DINGTALK_CLIENT_ID=…, VITE_DINGTALK_CORP_ID=…), optional
            // quotes around the label (JSON), an optional parenthesised aside (`Client ID（原 AppKey）`),
            // then `:`/`=` or whitespace.
            let re = format!(
                r#"(?i)^(?:[a-z]+_)*["'“‘]?\s*(?:{label})\s*["'”’]?\s*(?:\([^)]*\))?\s*(?:[:=]\s*|\s+)"#
            );
            (Regex::new(&re).expect("label regex"), field)
        })
        .collect()
});

/// Cleans a pasted value. `fold_width` turns full-width ASCII into ASCII; it is off for free text
/// (an organisation name keeps its Chinese punctuation), where only the label is read folded.
pub fn clean(raw: &str, fold_width: bool) -> Cleaned {
    let mut notes = Vec::new();

    let without_zw: String = raw.chars().filter(|c| !ZERO_WIDTH.contains(c)).collect();
    if without_zw.chars().count() != raw.chars().count() {
        notes.push(Text::new(
            "已去除不可见的零宽字符",
            "removed invisible zero-width characters",
        ));
    }

    let folded: String = without_zw.chars().map(fold_char).collect();
    let mut value: Vec<char> = if fold_width {
        if folded.trim() != without_zw.trim() {
            notes.push(Text::new(
                "已将全角字符转为半角",
                "converted full-width characters to half-width",
            ));
        }
        folded.chars().collect()
    } else {
        without_zw
            .chars()
            .map(|c| {
                if c == '\u{3000}' || c == '\u{00A0}' {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    };
    // The folded view is what labels and quotes are recognised in; `value` is cut in step with it.
    let mut view: Vec<char> = folded.chars().collect();

    let (mut trimmed, mut unquoted, mut label_field) = (false, false, None);
    loop {
        let start_len = view.len();
        trimmed |= trim(&mut value, &mut view);
        unquoted |= strip_quotes(&mut value, &mut view);
        if label_field.is_none() {
            if let Some((cut, field)) = find_label(&view) {
                let label: String = value[..cut].iter().collect();
                notes.push(Text::new(
                    format!("已去掉前缀“{}”", label.trim()),
                    format!("removed the label “{}”", label.trim()),
                ));
                value.drain(..cut);
                view.drain(..cut);
                label_field = Some(field);
            }
        }
        // A line copied out of JSON or a config file ends in `,` or `;`, a chat sentence in `。`; no
        // ID, secret or domain ends in a full stop (an organisation name may: `Co., Ltd.`), while
        // `...` marks a cut-off value that validation must still see.
        while matches!(view.last(), Some(',' | ';'))
            || fold_width && view.ends_with(&['.']) && !view.ends_with(&['.', '.'])
        {
            value.pop();
            view.pop();
            trimmed = true;
        }
        if view.len() == start_len {
            break;
        }
    }
    if unquoted {
        notes.push(Text::new(
            "已去掉两边的引号",
            "removed the surrounding quotes",
        ));
    }
    if trimmed {
        notes.push(Text::new(
            "已去掉首尾的空格、换行或标点",
            "removed leading/trailing spaces, newlines or punctuation",
        ));
    }
    let value: String = value.into_iter().collect();
    Cleaned {
        value,
        notes,
        label_field,
    }
}

/// Finds a known label at the start of `view`; returns how many chars it spans and the field it
/// names. A label with nothing after it is a value, not a label.
fn find_label(view: &[char]) -> Option<(usize, Field)> {
    let s: String = view.iter().collect();
    LABELS.iter().find_map(|(re, field)| {
        let m = re.find(&s)?;
        (!s[m.end()..].trim().is_empty()).then(|| (s[..m.end()].chars().count(), *field))
    })
}

fn trim(value: &mut Vec<char>, view: &mut Vec<char>) -> bool {
    let len = view.len();
    while view.first().is_some_and(|c| c.is_whitespace()) {
        value.remove(0);
        view.remove(0);
    }
    while view.last().is_some_and(|c| c.is_whitespace()) {
        value.pop();
        view.pop();
    }
    view.len() != len
}

fn strip_quotes(value: &mut Vec<char>, view: &mut Vec<char>) -> bool {
    if view.len() < 2 {
        return false;
    }
    let (first, last) = (view[0], view[view.len() - 1]);
    if QUOTE_PAIRS
        .iter()
        .any(|&(open, close)| first == open && last == close)
    {
        value.remove(0);
        view.remove(0);
        value.pop();
        view.pop();
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_with_fullwidth_colon_and_aside() {
        let c = clean("Client ID（原 AppKey）：dingabc\n", true);
        assert_eq!(c.value, "dingabc");
        assert_eq!(c.label_field, Some(Field::ClientId));
    }

    #[test]
    fn free_text_keeps_fullwidth_punctuation() {
        let c = clean("企业名称：北京某某科技（集团）有限公司 ", false);
        assert_eq!(c.value, "北京某某科技（集团）有限公司");
        assert_eq!(c.label_field, Some(Field::CorpName));
    }

    #[test]
    fn a_bare_label_is_not_stripped() {
        assert_eq!(clean("domain", true).value, "domain");
    }
}
