//! The words of a web page a person would see. Used where Dingbind reads an HTML answer: a
//! pasted error page (`diagnosis::explain`) and DingTalk's login page (the login preflight), where
//! words that sit only in a script (an i18n table) or a comment must not count as what the page
//! says.

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// The words of an HTML page a person would see: without tags, comments, scripts, styles, the
/// title and templates, entities decoded, whitespace collapsed. An unterminated script or comment
/// (a cut-off body) hides the rest of the page.
pub(crate) fn visible_text(html: &str) -> String {
    static HIDDEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?is)<!--.*?(?:-->|\z)|<script\b.*?(?:</script\s*>|\z)|<style\b.*?(?:</style\s*>|\z)|<title\b.*?(?:</title\s*>|\z)|<template\b.*?(?:</template\s*>|\z)",
        )
        .expect("regex")
    });
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("regex"));
    let text = TAG
        .replace_all(&HIDDEN.replace_all(html, " "), " ")
        .into_owned();
    let text = decode_entities(&text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`/`&#39;`, `&nbsp;` and numeric entities; anything
/// else stays as written.
fn decode_entities(text: &str) -> String {
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);")
            .expect("regex")
    });
    ENTITY
        .replace_all(text, |c: &Captures| {
            let name = &c[1];
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok()
            } else {
                None
            };
            match (name, code.and_then(char::from_u32)) {
                (_, Some(ch)) => ch.to_string(),
                ("amp", _) => "&".into(),
                ("lt", _) => "<".into(),
                ("gt", _) => ">".into(),
                ("quot", _) => "\"".into(),
                ("apos", _) => "'".into(),
                ("nbsp", _) => " ".into(),
                _ => c[0].to_string(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_words_count() {
        let page = r#"<html><head><title>重定向错误</title><style>p{}</style></head><body>
<!-- 重定向错误 --><script>var m = "<p>重定向错误</p>";</script><template><b>重定向错误</b></template>
<div id="root">正在加载 &amp; 请稍候&nbsp;…</div><script>var cut = "redirect_uri未授权"#;
        assert_eq!(visible_text(page), "正在加载 & 请稍候 …");
    }

    #[test]
    fn entities_are_decoded_and_unknown_ones_kept() {
        assert_eq!(visible_text("<p>重定向&#38169;&#x8BEF;</p>"), "重定向错误");
        assert_eq!(
            decode_entities("&lt;b&gt; &unknown; &#xZZ;"),
            "<b> &unknown; &#xZZ;"
        );
    }
}
