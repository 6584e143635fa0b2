//! What the report puts first: the last run's failures, then its warnings, each with a one-line
//! fix, and the permissions missing across all of them merged into one instruction with one link,
//! so support and the admin see "what to do" before the table of everything that was checked.
//! Both renderers use this; the order of the run's own table comes from [`ordered`].

use super::words::{login_row, required_scopes, tr};
use super::Report;
use crate::checks::{CheckResult, CheckStatus};
use crate::diagnosis::{links, DiagnosisCode};
use crate::i18n::{Lang, Text};
use serde_json::Value;

/// Every missing permission of the run, once each, in the order the checks named them.
pub(crate) struct Permissions<'a> {
    /// Code and, when known, the console's name for it.
    pub scopes: Vec<(String, Option<Text>)>,
    /// The checks whose whole problem is one of these permissions.
    pub checks: Vec<&'a CheckResult>,
    /// One link: the permission's own apply page when only one is missing, else the app list
    /// (the instruction names the path from there).
    pub link: String,
}

/// The report's "to fix" list.
pub(crate) struct ToFix<'a> {
    pub permissions: Option<Permissions<'a>>,
    /// The other failures, then the warnings, in the run's order within each.
    pub items: Vec<CheckResult>,
    /// How many checks failed (the banner's "N failed" links here).
    pub failed: usize,
}

impl ToFix<'_> {
    pub fn is_empty(&self) -> bool {
        self.permissions.is_none() && self.items.is_empty()
    }
}

/// The run's rows plus the login round trip, as the report shows them.
pub(crate) fn rows(r: &Report) -> Vec<CheckResult> {
    let mut rows: Vec<CheckResult> = r
        .last_run
        .iter()
        .flat_map(|run| run.checks.iter().cloned())
        .collect();
    rows.extend(r.login.as_ref().map(login_row));
    rows
}

fn rank(s: CheckStatus) -> u8 {
    match s {
        CheckStatus::Fail => 0,
        CheckStatus::Warn => 1,
        CheckStatus::Manual => 2,
        CheckStatus::Skipped => 3,
        CheckStatus::Ok => 4,
    }
}

/// The rows in the order the table shows them: failed, warnings, to confirm by hand, skipped
/// (each in the run's order), and apart from them the passes, which the table folds away.
pub(crate) fn ordered(rows: &[CheckResult]) -> (Vec<&CheckResult>, Vec<&CheckResult>) {
    let mut shown: Vec<&CheckResult> = rows
        .iter()
        .filter(|c| c.status != CheckStatus::Ok)
        .collect();
    shown.sort_by_key(|c| rank(c.status));
    let passed = rows
        .iter()
        .filter(|c| c.status == CheckStatus::Ok)
        .collect();
    (shown, passed)
}

fn scope_names(c: &CheckResult) -> Vec<(String, Option<Text>)> {
    let applied: Vec<(String, Option<Text>)> = c
        .data
        .get("scope_apply")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    let scope = e.get("scope")?.as_str()?.to_owned();
                    let name = e
                        .get("name")
                        .and_then(|n| serde_json::from_value::<Text>(n.clone()).ok());
                    Some((scope, name))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = applied;
    for s in required_scopes(c) {
        if !out.iter().any(|(have, _)| have == s) {
            let name = links::scope_label(s).map(|(zh, en)| Text::new(zh, en));
            out.push((s.to_owned(), name));
        }
    }
    out
}

fn apply_url(c: &CheckResult, scope: &str) -> Option<String> {
    c.data
        .get("scope_apply")?
        .as_array()?
        .iter()
        .find(|e| e.get("scope").and_then(Value::as_str) == Some(scope))?
        .get("url")?
        .as_str()
        .map(str::to_owned)
}

pub(crate) fn to_fix(rows: &[CheckResult]) -> ToFix<'_> {
    let problems: Vec<&CheckResult> = {
        let mut p: Vec<&CheckResult> = rows
            .iter()
            .filter(|c| matches!(c.status, CheckStatus::Fail | CheckStatus::Warn))
            .collect();
        p.sort_by_key(|c| rank(c.status));
        p
    };
    let mut scopes: Vec<(String, Option<Text>)> = Vec::new();
    let mut covered: Vec<&CheckResult> = Vec::new();
    let mut links_found: Vec<String> = Vec::new();
    for c in &problems {
        let names = scope_names(c);
        for (scope, name) in &names {
            if !scopes.iter().any(|(s, _)| s == scope) {
                scopes.push((scope.clone(), name.clone()));
                links_found.extend(apply_url(c, scope));
            }
        }
        if !names.is_empty() && c.code == Some(DiagnosisCode::MissingScope) {
            covered.push(c);
        }
    }
    let permissions = (!scopes.is_empty()).then(|| Permissions {
        link: match (scopes.len(), links_found.as_slice()) {
            (1, [one]) => one.clone(),
            _ => links::CONSOLE_APPS.to_owned(),
        },
        scopes,
        checks: covered.clone(),
    });
    let items = problems
        .iter()
        .filter(|c| !covered.iter().any(|d| std::ptr::eq::<CheckResult>(**c, *d)))
        .map(|c| (*c).clone())
        .collect();
    ToFix {
        permissions,
        items,
        failed: rows
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count(),
    }
}

/// The merged instruction's headline and its one line (the scopes are listed by the renderer).
pub(crate) fn permissions_text(n: usize, lang: Lang) -> (String, &'static str) {
    let headline = match lang {
        Lang::Zh => format!("开通 {n} 项接口权限"),
        Lang::En if n == 1 => "Grant 1 API permission".to_owned(),
        Lang::En => format!("Grant {n} API permissions"),
    };
    let how = tr(
        lang,
        "在开发者后台打开这个应用，去 左侧菜单 › 开发配置 › 权限管理：搜索下面每个权限代码，点「立即开通」，开通后重新检查。要开通的是：",
        "Open this app in the developer console and go to left menu › 开发配置 › 权限管理 (Dev config › Permission management): search each code below, click 立即开通 (Enable now), then check again. To grant: ",
    );
    (headline, how)
}

/// The fix of one failure in one line: the place and first step of its advice when it has parts,
/// else the first sentence of its fix (or of what happened, when there is no fix).
pub(crate) fn one_line(c: &CheckResult, lang: Lang) -> String {
    if let Some(a) = &c.advice {
        return a.one_line(lang);
    }
    let text = c.fix.as_ref().unwrap_or(&c.message).get(lang);
    first_sentence(text)
}

fn first_sentence(s: &str) -> String {
    let s = s.trim();
    let mut end = s.len();
    for (i, ch) in s.char_indices() {
        let next = s[i + ch.len_utf8()..].chars().next();
        let ends = match ch {
            '。' | '！' | '？' | '\n' => true,
            '.' | '!' | '?' => next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if ends {
            end = i + if ch == '\n' { 0 } else { ch.len_utf8() };
            break;
        }
    }
    s[..end].trim().to_owned()
}

/// The banner's count of failures as a phrase (the link text).
pub(crate) fn failed_phrase(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 项未通过"),
        Lang::En if n == 1 => "1 failed".to_owned(),
        Lang::En => format!("{n} failed"),
    }
}

/// The fold of the passes.
pub(crate) fn passes_phrase(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("通过的 {n} 项"),
        Lang::En if n == 1 => "1 check passed".to_owned(),
        Lang::En => format!("{n} checks passed"),
    }
}

/// The menu path of a line that says where to go (`去 A › B：…` / `Go to A › B: …`), set between
/// `open` and `close` (HTML `<b>`/`</b>`, Markdown `**`); other lines are returned as they are.
pub fn bold_place(line: &str, open: &str, close: &str) -> String {
    for (lead, end) in [("去 ", "："), ("Go to ", ": "), ("go to ", " (")] {
        if let Some(at) = line.find(lead) {
            let from = at + lead.len();
            if let Some(len) = line[from..].find(end) {
                let place = &line[from..from + len];
                if place.contains('›') {
                    return format!(
                        "{}{open}{place}{close}{}",
                        &line[..from],
                        &line[from + len..]
                    );
                }
            }
        }
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sentence_of_a_fix() {
        assert_eq!(first_sentence("先重新扫码。再不行就找人。"), "先重新扫码。");
        assert_eq!(
            first_sentence("Scan again. If that fails, call."),
            "Scan again."
        );
        assert_eq!(first_sentence("v1.2 is fine"), "v1.2 is fine");
        assert_eq!(first_sentence("要登记的地址\n第二行"), "要登记的地址");
    }
}
