//! The report as GitHub-flavoured Markdown: the same sections as the HTML page, for pasting into a
//! ticket, a wiki or a chat with the server team. QR codes become their URLs. Everything the admin
//! or DingTalk wrote is escaped, so a `|` in a company name cannot break a table and a `<` cannot
//! become markup in a renderer that allows HTML.

use super::fixes::{self, failed_phrase, one_line, ordered, passes_phrase, permissions_text};
use super::words::{
    counts, duration, field_list, meta, pretty_time, required_scopes, run_meta, status_icon,
    status_word, tr, verdict_text, Say, Section,
};
use super::{Report, Verdict};
use crate::checks::{CheckResult, CheckStatus};
use crate::field::Field;
use crate::i18n::Lang;
use std::fmt::Write;

/// Inline text: Markdown's punctuation is backslash-escaped, HTML's is entity-escaped, and line
/// breaks become `<br>` so the text stays inside its table cell or list item.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.trim().chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// A code span (ids, values, URLs: copied exactly, `$CORPID$` and all). In a table `|` still ends
/// the cell unless escaped, even inside a code span. Nothing else can be escaped inside one, so a
/// value with `<` or `>` is shown as escaped text instead: renderers do escape code spans, but a
/// raw `<script>` in the file is one careless viewer away from running.
fn code(s: &str, in_table: bool) -> String {
    if s.contains(['<', '>']) {
        return text(s);
    }
    let s = s.replace(['\r', '\n'], " ");
    let s = if in_table { s.replace('|', "\\|") } else { s };
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn status(s: CheckStatus, lang: Lang) -> String {
    format!("{} {}", status_icon(s), status_word(s, lang))
}

fn missing(fields: &[Field], lang: Lang) -> String {
    let (say, list) = (Say::StillNeeded.get(lang), text(&field_list(fields, lang)));
    format!("_{say}{list}_")
}

/// A section heading, with the head of its table when it has one.
fn heading(o: &mut String, section: Section, lang: Lang) {
    let _ = write!(o, "\n## {}\n\n", section.title(lang));
    let cols = section.columns(lang);
    if !cols.is_empty() && !matches!(section, Section::Run) {
        table_head(o, &cols);
    }
}

fn table_head(o: &mut String, cols: &[&str]) {
    let _ = writeln!(
        o,
        "| {} |\n|{}",
        cols.join(" | "),
        "---|".repeat(cols.len())
    );
}

fn row(o: &mut String, cells: &[String]) {
    let _ = writeln!(o, "| {} |", cells.join(" | "));
}

pub fn markdown(r: &Report, lang: Lang) -> String {
    let mut o = String::with_capacity(32 * 1024);
    let _ = write!(
        o,
        "# {}\n\n**{}**\n\n",
        Say::Title.get(lang),
        text(&r.profile.name)
    );
    table_head(
        &mut o,
        &[tr(lang, "项目", "Item"), tr(lang, "内容", "Value")],
    );
    for (k, v) in meta(r, lang) {
        row(&mut o, &[k.to_owned(), text(&v)]);
    }
    banner(&mut o, r, lang);
    to_fix(&mut o, r, lang);
    values(&mut o, r, lang);
    urls(&mut o, r, lang);
    steps(&mut o, r, lang);
    scans(&mut o, r, lang);
    run(&mut o, r, lang);
    egress(&mut o, r, lang);
    break_glass(&mut o, r, lang);
    sync(&mut o, r, lang);
    let _ = writeln!(
        o,
        "\n---\n\n_Dingbind {} · {} {} · {}_",
        text(&r.app_version),
        Say::Generated.get(lang),
        text(&pretty_time(&r.generated_at)),
        Say::MaskNote.get(lang)
    );
    o
}

fn banner(o: &mut String, r: &Report, lang: Lang) {
    let icon = match r.summary.verdict {
        Verdict::Passed => "✅",
        Verdict::Failed => "❌",
        Verdict::Warnings | Verdict::Incomplete => "⚠️",
        Verdict::NotTested => "ℹ️",
    };
    let (headline, lines) = verdict_text(r, lang);
    let _ = write!(o, "\n> {icon} **{}**\n", text(&headline));
    let rows = fixes::rows(r);
    let todo = fixes::to_fix(&rows);
    if todo.failed > 0 {
        // GitHub's anchor of the "to fix" heading.
        let anchor = Section::ToFix.title(lang).to_lowercase().replace(' ', "-");
        let _ = write!(
            o,
            ">\n> [{}](#{anchor})\n",
            text(&failed_phrase(todo.failed, lang))
        );
    }
    for line in &lines {
        let _ = write!(o, ">\n> {}\n", text(line));
    }
    if let Some(s) = r.summary.checks {
        let chips: Vec<String> = counts(s)
            .iter()
            .map(|(st, n)| format!("{} {n}", status(*st, lang)))
            .collect();
        let _ = write!(o, ">\n> {}\n", chips.join(" · "));
    }
}

/// The failures, then the warnings, each with its one-line fix; missing permissions as one item.
fn to_fix(o: &mut String, r: &Report, lang: Lang) {
    let rows = fixes::rows(r);
    let todo = fixes::to_fix(&rows);
    if todo.is_empty() {
        return;
    }
    heading(o, Section::ToFix, lang);
    let mut n = 0;
    if let Some(p) = &todo.permissions {
        n += 1;
        let (headline, how) = permissions_text(p.scopes.len(), lang);
        let list: Vec<String> = p
            .scopes
            .iter()
            .map(|(c, name)| match name {
                Some(nm) if lang == Lang::Zh => {
                    format!("{}（{}）", code(c, false), text(nm.get(lang)))
                }
                Some(nm) => format!("{} ({})", code(c, false), text(nm.get(lang))),
                None => code(c, false),
            })
            .collect();
        let _ = writeln!(
            o,
            "{n}. {} **{}** — {}{} <{}>",
            status(CheckStatus::Fail, lang),
            text(&headline),
            fixes::bold_place(&text(how), "**", "**"),
            list.join(if lang == Lang::Zh { "、" } else { ", " }),
            p.link
        );
    }
    for c in &todo.items {
        n += 1;
        let _ = writeln!(
            o,
            "{n}. {} **{}** — {}",
            status(c.status, lang),
            text(c.title.get(lang)),
            fixes::bold_place(&text(&one_line(c, lang)), "**", "**")
        );
    }
}

fn values(o: &mut String, r: &Report, lang: Lang) {
    heading(o, Section::Values, lang);
    for f in &r.fields {
        let value = if f.value.is_empty() {
            format!("_{}_", Say::NotEntered.get(lang))
        } else if f.secret {
            format!("{} ({})", code(&f.value, true), Say::Masked.get(lang))
        } else {
            code(&f.value, true)
        };
        let st = if f.ok {
            CheckStatus::Ok
        } else {
            CheckStatus::Fail
        };
        let mut verdict = status(st, lang);
        for m in f.message.iter().chain(&f.warnings) {
            let _ = write!(verdict, "<br>{}", text(m.get(lang)));
        }
        row(o, &[text(f.label.get(lang)), value, verdict]);
    }
}

fn urls(o: &mut String, r: &Report, lang: Lang) {
    heading(o, Section::Urls, lang);
    for u in &r.urls {
        let name = format!("{} ({})", text(u.label.get(lang)), code(&u.name, true));
        let url = u
            .url
            .as_deref()
            .map_or_else(|| missing(&u.missing, lang), |url| code(url, true));
        row(o, &[name, url, text(u.destination.get(lang))]);
    }
}

fn steps(o: &mut String, r: &Report, lang: Lang) {
    heading(o, Section::Steps, lang);
    for (i, s) in r.steps.iter().enumerate() {
        let state = if s.complete {
            format!("✓ {}", Say::Done.get(lang))
        } else {
            format!("○ {}", Say::NotDone.get(lang))
        };
        let _ = writeln!(o, "{}. **{}** — {state}", i + 1, text(s.title.get(lang)));
        for c in &s.confirmations {
            let label = text(c.label.get(lang));
            let _ = match &c.confirmed_at {
                Some(t) => {
                    let when = text(&pretty_time(t));
                    writeln!(
                        o,
                        "   - [x] {label} — {} {when}",
                        Say::ConfirmedAt.get(lang)
                    )
                }
                None => writeln!(o, "   - [ ] {label} — {}", Say::NotConfirmed.get(lang)),
            };
        }
    }
}

fn scans(o: &mut String, r: &Report, lang: Lang) {
    heading(o, Section::Scan, lang);
    if r.scan_codes.is_empty() {
        let _ = writeln!(o, "_{}_", Say::NothingToScan.get(lang));
    }
    for c in &r.scan_codes {
        let what = c
            .url
            .as_deref()
            .map_or_else(|| missing(&c.missing, lang), |u| code(u, false));
        let _ = write!(
            o,
            "### {}\n\n- {}{what}\n- {}{}\n- {}\n",
            text(c.title.get(lang)),
            Say::QrContent.get(lang),
            Say::YouShouldSee.get(lang),
            text(c.expect.get(lang)),
            Say::IfNot.get(lang),
        );
        for s in &c.if_not {
            let (seen, sep, means) = super::words::symptom_parts(s, lang);
            let _ = if seen.is_empty() {
                writeln!(o, "  - {}", text(means))
            } else {
                writeln!(o, "  - **{}**{sep}{}", text(seen), text(means))
            };
        }
        o.push('\n');
    }
}

fn run(o: &mut String, r: &Report, lang: Lang) {
    heading(o, Section::Run, lang);
    // The run's facts go between the heading and the table.
    match &r.last_run {
        Some(run) => {
            let _ = writeln!(o, "{}\n", text(&run_meta(run, lang).join(" · ")));
        }
        None if r.login.is_some() => {
            let _ = writeln!(o, "_{}_\n", Say::NotRun.get(lang));
        }
        None => {
            let _ = writeln!(o, "_{}_", Say::NotRun.get(lang));
            return;
        }
    }
    let rows = fixes::rows(r);
    let (shown, passed) = ordered(&rows);
    if !shown.is_empty() {
        table_head(o, &Section::Run.columns(lang));
        for c in &shown {
            check_row(o, c, lang);
        }
    }
    // What passed, in short, after everything that did not.
    if !passed.is_empty() {
        let _ = writeln!(o, "\n**{}**\n", text(&passes_phrase(passed.len(), lang)));
        for c in &passed {
            let _ = writeln!(
                o,
                "- {} {} ({})",
                status_icon(CheckStatus::Ok),
                text(c.title.get(lang)),
                code(&c.id, false)
            );
        }
    }
}

/// A label in bold. GFM does not close `**` after a space, so the English labels' trailing space
/// goes outside.
fn bold(say: Say, lang: Lang) -> String {
    let s = say.get(lang);
    let trimmed = s.trim_end();
    format!("**{trimmed}**{}", &s[trimmed.len()..])
}

fn check_row(o: &mut String, c: &CheckResult, lang: Lang) {
    let code_cell = c.code.map(|d| code(&d.to_string(), true));
    let mut detail = match &c.advice {
        Some(a) => advice(a, lang),
        None => text(c.message.get(lang)),
    };
    let scopes: Vec<String> = required_scopes(c).iter().map(|s| code(s, true)).collect();
    if !scopes.is_empty() {
        let say = bold(Say::ScopesToGrant, lang);
        let _ = write!(detail, "<br>{say}{}", scopes.join(", "));
    }
    if !c.skipped_because.is_empty() {
        let list = code(&c.skipped_because.join(", "), true);
        let _ = write!(detail, "<br>{}{list}", Say::WaitsFor.get(lang));
    }
    if let (Some(fix), None) = (&c.fix, &c.advice) {
        let _ = write!(
            detail,
            "<br>{}{}",
            bold(Say::Fix, lang),
            text(fix.get(lang))
        );
    }
    if let Some(url) = &c.fix_url {
        let _ = write!(detail, "<br>{}", code(url, true));
    }
    if let Some(said) = c.original.as_deref().filter(|s| !s.trim().is_empty()) {
        let say = bold(Say::DingTalkSaid, lang);
        let _ = write!(detail, "<br>{say}{}", code(said, true));
    }
    let title = format!("{} ({})", text(c.title.get(lang)), code(&c.id, true));
    let cells = [
        status(c.status, lang),
        title,
        duration(c.duration_ms),
        code_cell.unwrap_or_default(),
        detail,
    ];
    row(o, &cells);
}

/// A diagnosis in its three parts inside a table cell: 现象, 原因, 去哪改 (the place in bold, the
/// steps numbered, what else to know after a dash).
fn advice(a: &crate::diagnosis::Advice, lang: Lang) -> String {
    let mut o = format!(
        "{}{}<br>{}{}<br>{}",
        bold(Say::Symptom, lang),
        text(a.symptom.get(lang)),
        bold(Say::Cause, lang),
        text(a.cause.get(lang)),
        bold(Say::Where, lang)
    );
    if let Some(place) = &a.place {
        let _ = write!(o, "**{}**", text(place.get(lang)));
    }
    for (i, s) in a.steps.iter().enumerate() {
        let _ = write!(o, "<br>{}. {}", i + 1, text(s.get(lang)));
    }
    for n in &a.notes {
        let _ = write!(o, "<br>– {}", text(n.get(lang)));
    }
    o
}

fn egress(o: &mut String, r: &Report, lang: Lang) {
    heading(o, Section::Egress, lang);
    let _ = match &r.egress_ip {
        Some(ip) => writeln!(
            o,
            "**{}**\n\n{}",
            code(ip, false),
            text(Say::EgressKnown.get(lang))
        ),
        None => writeln!(o, "_{}_", text(Say::EgressUnknown.get(lang))),
    };
}

/// The platform's manual way in, only when the template knows it.
fn break_glass(o: &mut String, r: &Report, lang: Lang) {
    let Some(b) = &r.break_glass else { return };
    heading(o, Section::BreakGlass, lang);
    let _ = writeln!(o, "{}\n", text(Say::BreakGlassIntro.get(lang)));
    match (&b.login_url, &b.login_url_pattern) {
        (Some(url), _) => {
            let _ = writeln!(o, "- {}{}", bold(Say::ManualLogin, lang), code(url, false));
        }
        (None, Some(pattern)) => {
            let _ = writeln!(
                o,
                "- {}{} {}",
                bold(Say::ManualLogin, lang),
                code(pattern, false),
                text(Say::ManualLoginPending.get(lang))
            );
        }
        (None, None) => {}
    }
    if let Some(off) = &b.switch_off {
        let _ = writeln!(o, "- {}{}", bold(Say::SwitchOff, lang), text(off.get(lang)));
    }
    let _ = writeln!(o, "- {}{}", bold(Say::DocumentedAt, lang), text(&b.source));
}

fn sync(o: &mut String, r: &Report, lang: Lang) {
    let Some(s) = &r.sync else { return };
    heading(o, Section::Sync, lang);
    let (head, people) = super::words::sync_lines(s, lang);
    for l in head {
        let _ = writeln!(o, "{}\n", text(&l));
    }
    for (c, l) in people {
        let _ = writeln!(o, "- {} {}", code(&c.to_string(), false), text(&l));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_tables_or_become_markup() {
        assert_eq!(text("a|b\nc"), "a\\|b<br>c");
        assert_eq!(text("<script>"), "&lt;script&gt;");
        assert_eq!(text("**x**"), "\\*\\*x\\*\\*");
        assert_eq!(code("a|b", true), "`a\\|b`");
        assert_eq!(code("a`b", false), "`` a`b ``");
        assert_eq!(code("<b>", true), "&lt;b&gt;");
        assert_eq!(bold(Say::Fix, Lang::En), "**Fix:** ");
        assert_eq!(bold(Say::Fix, Lang::Zh), "**怎么修：**");
    }
}
