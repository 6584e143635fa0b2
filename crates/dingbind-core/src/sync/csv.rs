//! The preview as a spreadsheet: one row per person, for Excel on a Chinese Windows (UTF-8 with a
//! BOM, CRLF), written by the CLI's `--csv` and the app's 导出 CSV alike.

use super::{Difference, PersonRow, SyncPreview};
use crate::i18n::Lang;

/// A reason as plain text (the bold marks are for the app).
pub fn plain(t: &str) -> String {
    t.replace("**", "")
}

fn yes_no(lang: Lang, v: Option<bool>) -> String {
    match (v, lang) {
        (Some(true), Lang::Zh) => "是",
        (Some(true), Lang::En) => "yes",
        (Some(false), Lang::Zh) => "否",
        (Some(false), Lang::En) => "no",
        (None, Lang::Zh) => "未知",
        (None, Lang::En) => "unknown",
    }
    .to_owned()
}

/// The difference that concerns a person: theirs by id, or their department's.
fn reason_of<'a>(p: &PersonRow, diffs: &'a [Difference]) -> Option<&'a Difference> {
    let kind = p.difference?;
    diffs.iter().find(|d| {
        d.kind == kind
            && (d.userid.as_deref() == Some(p.userid.as_str())
                || (d.userid.is_none()
                    && (d.dept_id.is_none() || d.dept_id == p.dept_ids.first().copied())))
    })
}

/// One CSV cell: quoted when it must be, and a leading `=`, `+`, `-` or `@` defused so Excel
/// never reads a name as a formula.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One row per person (the synced, then those who can open the app but are not synced), UTF-8
/// with a BOM and CRLF line ends, as Excel expects.
pub fn csv(p: &SyncPreview, lang: Lang) -> Vec<u8> {
    let header = match lang {
        Lang::Zh => [
            "userid",
            "姓名",
            "部门",
            "部门ID",
            "会同步",
            "能打开应用",
            "管理员",
            "返回的字段",
            "差异原因",
        ],
        Lang::En => [
            "userid",
            "name",
            "departments",
            "department ids",
            "synced",
            "can open the app",
            "admin",
            "fields returned",
            "reason",
        ],
    };
    let mut s = String::from("\u{feff}");
    s += &header.join(",");
    s += "\r\n";
    for r in &p.people {
        let ids: Vec<String> = r.dept_ids.iter().map(|d| d.to_string()).collect();
        let reason = reason_of(r, &p.differences)
            .map(|d| plain(d.reason.get(lang)))
            .unwrap_or_default();
        let row = [
            cell(&r.userid),
            cell(&r.name),
            cell(&r.dept_names.join("、")),
            cell(&ids.join(";")),
            yes_no(lang, Some(r.synced)),
            yes_no(lang, r.can_open),
            yes_no(lang, Some(r.admin)),
            cell(&r.fields.join(";")),
            cell(&reason),
        ];
        s += &row.join(",");
        s += "\r\n";
    }
    s.into_bytes()
}
