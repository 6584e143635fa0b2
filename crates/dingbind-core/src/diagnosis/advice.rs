//! A fix an admin can follow, in three labelled parts: 现象 (what they see), 原因 (why) and 去哪改
//! (the menu path to click through, then one short step per line, then what else to know). The
//! knowledge base writes its texts in this shape, so every host shows them the same way: the UI as
//! a labelled card with the path in bold, the report and the CLI as labelled lines, and the flat
//! sentence kept for the `fix` of older readers ([`Advice::flat_fix`]).

use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 现象 → 原因 → 去哪改.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Advice {
    /// 现象: what the admin sees or what DingTalk answered, in one sentence.
    pub symptom: Text,
    /// 原因: why it happens.
    pub cause: Text,
    /// 去哪改: the menu path where the fix happens, with `›` between the labels exactly as the
    /// console or the platform shows them (`左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP`); shown in
    /// bold. `None` when the fix is not a place in a menu (scan again, wait, tell the engineers).
    pub place: Option<Text>,
    /// What to do there, in order, one short sentence each.
    pub steps: Vec<Text>,
    /// If that does not help, and what else to know: one case each.
    pub notes: Vec<Text>,
}

/// Writes an [`Advice`] the way the knowledge base reads best: `Advice::new(symptom, cause)
/// .at(place).step(…).note(…)`.
impl Advice {
    /// English parts start as sentences (the knowledge base may write a cause as the clause after
    /// a colon).
    pub fn new(symptom: Text, mut cause: Text) -> Self {
        cause.en = upper_first(&cause.en);
        Self {
            symptom,
            cause,
            place: None,
            steps: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, place: Text) -> Self {
        self.place = Some(place);
        self
    }

    pub fn step(mut self, step: Text) -> Self {
        self.steps.push(step);
        self
    }

    pub fn note(mut self, note: Text) -> Self {
        self.notes.push(note);
        self
    }

    /// 现象 and 原因 as one sentence (a check result's `message`, a diagnosis's `cause`).
    pub fn flat_cause(&self) -> Text {
        join(
            [&self.symptom, &self.cause].into_iter(),
            ("：", ". "),
            false,
        )
    }

    /// The whole fix as one paragraph, for readers that take one text (`dingbind explain --json`'s
    /// `fix`, reports and runs saved before the parts existed).
    pub fn flat_fix(&self) -> Text {
        let place = self
            .place
            .as_ref()
            .map(|p| Text::new(format!("去 {}：", p.zh), format!("Go to {}: ", p.en)));
        let body = join(self.steps.iter().chain(&self.notes), ("", " "), true);
        match place {
            Some(p) => Text::new(p.zh + &body.zh, p.en + &body.en),
            None => body,
        }
    }

    /// The fix in one line, for a list of failures: where to go and the first thing to do there.
    pub fn one_line(&self, lang: Lang) -> String {
        let first = self.steps.first().map(|s| s.get(lang)).unwrap_or_default();
        match (&self.place, lang) {
            (Some(p), Lang::Zh) => format!("去 {}：{first}", p.zh),
            (Some(p), Lang::En) => format!("Go to {}: {first}", p.en),
            (None, _) => first.to_owned(),
        }
    }
}

/// Joins texts with `sep` (zh, en), ending each part with a full stop when `sentences`.
fn join<'a>(parts: impl Iterator<Item = &'a Text>, sep: (&str, &str), sentences: bool) -> Text {
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for p in parts {
        let (z, e) = (p.zh.trim(), p.en.trim());
        if z.is_empty() && e.is_empty() {
            continue;
        }
        if sentences {
            zh.push(stop(z, "。"));
            en.push(stop(e, "."));
        } else {
            zh.push(z.trim_end_matches(['。', '：']).to_owned());
            en.push(e.trim_end_matches(['.', ':']).to_owned());
        }
    }
    let (mut z, mut e) = (zh.join(sep.0), en.join(sep.1));
    if !sentences && !z.is_empty() {
        z.push('。');
        e.push('.');
    }
    Text::new(z, e)
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => s.to_owned(),
    }
}

fn stop(s: &str, mark: &str) -> String {
    if s.ends_with(['。', '！', '？', '.', '!', '?', '）', ')']) {
        s.to_owned()
    } else {
        format!("{s}{mark}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(zh: &str, en: &str) -> Text {
        Text::new(zh, en)
    }

    #[test]
    fn the_parts_flatten_into_sentences_an_older_reader_can_show() {
        let a = Advice::new(
            t(
                "钉钉拒绝了调用（错误码 60020）",
                "DingTalk refused the call (error code 60020)",
            ),
            t("这个 IP 不在白名单里", "the IP is not on the whitelist"),
        )
        .at(t(
            "左侧菜单 › 开发配置 › 安全设置",
            "left menu › 开发配置 › 安全设置",
        ))
        .step(t(
            "把 1.2.3.4 加进服务器出口IP",
            "Add 1.2.3.4 to 服务器出口IP",
        ))
        .step(t("保存后重新检查", "Save and check again"))
        .note(t("只能填公网 IP。", "Only a public IP works."));
        assert_eq!(
            a.flat_cause().zh,
            "钉钉拒绝了调用（错误码 60020）：这个 IP 不在白名单里。"
        );
        assert_eq!(
            a.flat_cause().en,
            "DingTalk refused the call (error code 60020). The IP is not on the whitelist."
        );
        assert_eq!(
            a.flat_fix().zh,
            "去 左侧菜单 › 开发配置 › 安全设置：把 1.2.3.4 加进服务器出口IP。保存后重新检查。只能填公网 IP。"
        );
        assert_eq!(
            a.flat_fix().en,
            "Go to left menu › 开发配置 › 安全设置: Add 1.2.3.4 to 服务器出口IP. Save and check again. Only a public IP works."
        );
        assert_eq!(
            a.one_line(Lang::Zh),
            "去 左侧菜单 › 开发配置 › 安全设置：把 1.2.3.4 加进服务器出口IP"
        );
        let no_place = Advice::new(t("a", "a"), t("b", "b")).step(t("重新扫码", "Scan again"));
        assert_eq!(no_place.one_line(Lang::En), "Scan again");
        assert_eq!(no_place.flat_fix().zh, "重新扫码。");
    }
}
