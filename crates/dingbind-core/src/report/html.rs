//! The report as one self-contained HTML page: inline CSS, QR codes as inline SVG, no script and
//! nothing loaded from anywhere (a Content-Security-Policy tells the browser so too), because it is
//! emailed, opened offline and printed to A4 PDF by admins who will not fix a broken page. Every
//! interpolated string is escaped here: profile values are the admin's typing and run messages
//! quote DingTalk, so either could carry markup.

use super::fixes::{self, one_line, ordered, passes_phrase, permissions_text};
use super::words::{
    counts, duration, field_list, meta, pretty_time, required_scopes, run_meta, status_icon,
    status_key, status_word, verdict_text, Say, Section,
};
use super::{Report, Verdict};
use crate::checks::{CheckResult, CheckStatus};
use crate::field::Field;
use crate::i18n::Lang;
use std::fmt::Write;

/// Ant Design's palette on light fills, so a printout stays readable and needs little ink. Print
/// rules drop the grey page and shadows; rows, steps and scan cards never split across pages.
const CSS: &str = r#"
:root{--primary:#1677ff;--ok:#52c41a;--fail:#ff4d4f;--warn:#faad14;--text:rgba(0,0,0,.88);--muted:rgba(0,0,0,.55);--line:#f0f0f0}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#f5f5f5;color:var(--text);font:14px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Noto Sans SC",sans-serif}
.page{max-width:980px;margin:24px auto;padding:0 16px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
a{color:var(--primary);text-decoration:none}
.head,.card{background:#fff;border-radius:8px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.head{border-top:4px solid var(--primary);padding:22px 28px}
.head h1{margin:0;font-size:15px;font-weight:600;color:var(--primary);letter-spacing:.02em}
.head .name{margin:4px 0 14px;font-size:24px;font-weight:600;line-height:1.3;overflow-wrap:anywhere}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:8px 24px;margin:0}
.meta div{min-width:0}.meta dt{color:var(--muted);font-size:12px}.meta dd{margin:0;overflow-wrap:anywhere}
.verdict{display:flex;gap:16px;align-items:flex-start;border:1px solid;border-radius:8px;padding:16px 20px;margin-bottom:16px;break-inside:avoid}
.verdict .big{flex:none;width:40px;height:40px;border-radius:50%;display:grid;place-items:center;color:#fff;font-size:22px;font-weight:700}
.verdict h2{margin:0 0 4px;font-size:18px}.verdict p{margin:2px 0}
.v-ok{background:#f6ffed;border-color:#b7eb8f}.v-ok .big{background:var(--ok)}
.v-fail{background:#fff2f0;border-color:#ffccc7}.v-fail .big{background:var(--fail)}
.v-warn{background:#fffbe6;border-color:#ffe58f}.v-warn .big{background:var(--warn)}
.v-info{background:#e6f4ff;border-color:#91caff}.v-info .big{background:var(--primary)}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.chip{border:1px solid #d9d9d9;background:#fff;border-radius:4px;padding:0 8px;font-size:12px;white-space:nowrap}
.card{padding:18px 22px}
.card h2{margin:0 0 12px;font-size:16px;font-weight:600;padding-left:10px;border-left:3px solid var(--primary);break-after:avoid}
table{width:100%;border-collapse:collapse;font-size:13px}
thead{display:table-header-group}
th{background:#fafafa;text-align:left;font-weight:600;padding:8px 10px;border-bottom:1px solid var(--line);white-space:nowrap}
td{padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
tr,.scan,.step{break-inside:avoid;page-break-inside:avoid}
.t-values td:first-child{width:26%}.t-urls td:first-child{width:20%}.t-urls td:last-child{width:30%}
.t-run th:first-child{width:92px}.t-run td:nth-child(2){width:23%}.t-run td:nth-child(3){white-space:nowrap}.t-run td:nth-child(4){width:13%;overflow-wrap:normal;word-break:break-word}
.muted,.sub{color:var(--muted)}.sub{font-size:12px}.url{word-break:break-all}
.tag{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;line-height:20px;border:1px solid #d9d9d9;background:#fafafa;white-space:nowrap}
.t-ok{color:#389e0d;background:#f6ffed;border-color:#b7eb8f}.t-warn{color:#d48806;background:#fffbe6;border-color:#ffe58f}
.st{display:inline-flex;align-items:center;gap:6px;white-space:nowrap;font-weight:500}
.st i{font-style:normal;display:inline-grid;place-items:center;width:18px;height:18px;border-radius:50%;color:#fff;font-size:11px;font-weight:700}
.s-ok{color:#389e0d}.s-ok i{background:var(--ok)}.s-fail{color:#cf1322}.s-fail i{background:var(--fail)}
.s-warn{color:#d48806}.s-warn i{background:var(--warn)}.s-skipped{color:var(--muted)}.s-skipped i{background:#bfbfbf}
.s-manual{color:#0958d9}.s-manual i{background:var(--primary)}
.row-fail td{background:#fffafa}.row-warn td{background:#fffef5}
.fix{margin-top:4px}.fix b,.said b{font-weight:600}
.said{margin-top:4px;padding:4px 8px;background:#fafafa;border-left:3px solid #d9d9d9;font-size:12px;overflow-wrap:anywhere}
.steps{list-style:none;margin:0;padding:0}
.step{display:flex;gap:12px;padding:10px 0;border-bottom:1px solid var(--line)}.step:last-child{border-bottom:0}
.num{flex:none;width:24px;height:24px;border-radius:50%;display:grid;place-items:center;font-size:12px;font-weight:600;background:#f0f0f0;color:var(--muted)}
.done .num{background:var(--ok);color:#fff}.step-title{font-weight:500;margin-right:8px}
.confirms{list-style:none;margin:4px 0 0;padding:0;font-size:13px}
.confirms .yes::before{content:"✓ ";color:var(--ok);font-weight:700}.confirms .no::before{content:"○ ";color:var(--warn);font-weight:700}
.scans{display:grid;gap:12px}
.scan{display:flex;gap:18px;border:1px solid var(--line);border-radius:8px;padding:14px}
.qr{flex:none;width:210px;min-height:180px;display:grid;place-items:center}.qr svg{display:block;max-width:100%;height:auto}
.qr-missing{border:1px dashed #d9d9d9;border-radius:6px;padding:12px;text-align:center;color:var(--muted);font-size:12px}
.scan h3{margin:0 0 6px;font-size:15px}.scan p{margin:4px 0;font-size:13px}
.ip{font-size:22px;font-weight:600;margin:0 0 6px}
.foot{color:var(--muted);font-size:12px;text-align:center;padding:8px 0 24px}
.verdict h2 a{color:inherit;text-decoration:underline}
.fixes{list-style:none;margin:0;padding:0}
.fx{display:flex;gap:10px;padding:10px 0;border-bottom:1px solid var(--line);break-inside:avoid}.fx:last-child{border-bottom:0}
.fx .st{padding-top:1px}.fx-title{font-weight:600}.fx-line{margin-top:2px}
.steps-n{margin:4px 0 0;padding-left:20px}.notes{margin:4px 0 0;padding-left:18px;color:var(--muted);font-size:12px}
.part b{font-weight:600}
details.passes{margin-top:12px}details.passes summary{cursor:pointer;color:var(--primary);font-weight:500;padding:4px 0}
@page{size:A4;margin:14mm}
@media print{
body{background:#fff;font-size:12px}.page{max-width:none;margin:0;padding:0}
.head,.card{box-shadow:none;border:1px solid var(--line);padding:12px 14px}.head{border-top:4px solid var(--primary)}
a{color:inherit}table{font-size:11.5px}code,.mono{font-size:10.5px}th,td{padding:5px 6px}.foot{padding:4px 0 0}
}
"#;

/// Escapes text for HTML element content and quoted attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escaped, with line breaks kept (knowledge-base texts and DingTalk's replies have them).
fn esc_lines(s: &str) -> String {
    esc(s.trim()).replace('\n', "<br>")
}

/// A clickable link only for http(s): a `javascript:` pattern an admin typed must stay text, and
/// `dingtalk://` means nothing in a browser.
fn link(url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a class=\"url mono\" href=\"{0}\">{0}</a>", esc(url))
    } else {
        format!("<span class=\"url mono\">{}</span>", esc(url))
    }
}

fn status(s: CheckStatus, lang: Lang) -> String {
    let (class, icon, word) = (status_key(s), status_icon(s), status_word(s, lang));
    format!("<span class=\"st s-{class}\"><i>{icon}</i>{word}</span>")
}

fn missing(fields: &[Field], lang: Lang) -> String {
    let (say, list) = (Say::StillNeeded.get(lang), field_list(fields, lang));
    format!("<span class=\"muted\">{say}{}</span>", esc(&list))
}

/// Opens a section card: its heading, `intro` (HTML, may be empty), and the head of its table when
/// it has one.
fn open(o: &mut String, section: Section, lang: Lang, intro: &str) {
    let (key, title) = (section.key(), section.title(lang));
    let _ = writeln!(
        o,
        "<section class=\"card\" id=\"{key}\">\n<h2>{title}</h2>\n{intro}"
    );
    let cols = section.columns(lang);
    if !cols.is_empty() {
        let cols = cols.join("</th><th>");
        let _ = writeln!(
            o,
            "<table class=\"t-{key}\">\n<thead><tr><th>{cols}</th></tr></thead>\n<tbody>"
        );
    }
}

/// Closes what [`open`] opened.
fn close(o: &mut String, section: Section) {
    if !section.columns(Lang::En).is_empty() {
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

/// One table row; the cells are HTML already.
fn row(o: &mut String, class: &str, cells: &[String]) {
    let _ = writeln!(o, "<tr{class}><td>{}</td></tr>", cells.join("</td><td>"));
}

pub fn html(r: &Report, lang: Lang) -> String {
    let mut o = String::with_capacity(96 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main class=\"page\">\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        Say::Title.get(lang),
        esc(&r.profile.name)
    );
    header(&mut o, r, lang);
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
    let _ = write!(
        o,
        "<footer class=\"foot\">Dingbind {} · {} {} · {}</footer>\n</main>\n</body>\n</html>\n",
        esc(&r.app_version),
        Say::Generated.get(lang),
        esc(&pretty_time(&r.generated_at)),
        Say::MaskNote.get(lang)
    );
    o
}

fn header(o: &mut String, r: &Report, lang: Lang) {
    let _ = write!(
        o,
        "<header class=\"head\">\n<h1>{}</h1>\n<div class=\"name\">{}</div>\n<dl class=\"meta\">\n",
        Say::Title.get(lang),
        esc(&r.profile.name)
    );
    for (k, v) in meta(r, lang) {
        let _ = writeln!(o, "<div><dt>{k}</dt><dd>{}</dd></div>", esc(&v));
    }
    o.push_str("</dl>\n</header>\n");
}

fn banner(o: &mut String, r: &Report, lang: Lang) {
    let (class, icon) = match r.summary.verdict {
        Verdict::Passed => ("v-ok", "✓"),
        Verdict::Failed => ("v-fail", "✗"),
        Verdict::Warnings | Verdict::Incomplete => ("v-warn", "!"),
        Verdict::NotTested => ("v-info", "i"),
    };
    let (headline, lines) = verdict_text(r, lang);
    let rows = fixes::rows(r);
    let todo = fixes::to_fix(&rows);
    // "N failed" takes the reader to the failures and their fixes.
    let headline = if todo.is_empty() {
        esc(&headline)
    } else {
        format!(
            "<a href=\"#fixes\" data-failed=\"{}\">{}</a>",
            todo.failed,
            esc(&headline)
        )
    };
    let _ = writeln!(
        o,
        "<section class=\"verdict {class}\">\n<div class=\"big\">{icon}</div>\n<div>\n<h2>{headline}</h2>"
    );
    for line in &lines {
        let _ = writeln!(o, "<p>{}</p>", esc(line));
    }
    if let Some(s) = r.summary.checks {
        o.push_str("<div class=\"chips\">");
        for (st, n) in counts(s) {
            let (class, icon, word) = (status_key(st), status_icon(st), status_word(st, lang));
            let _ = write!(o, "<span class=\"chip s-{class}\">{icon} {word} {n}</span>");
        }
        o.push_str("</div>\n");
    }
    o.push_str("</div>\n</section>\n");
}

/// The failures, then the warnings, each with its one-line fix and a link to its row; missing
/// permissions as one instruction with one link.
fn to_fix(o: &mut String, r: &Report, lang: Lang) {
    let rows = fixes::rows(r);
    let todo = fixes::to_fix(&rows);
    if todo.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<section class=\"card\" id=\"fixes\">\n<h2>{}</h2>\n<ol class=\"fixes\">",
        Section::ToFix.title(lang)
    );
    if let Some(p) = &todo.permissions {
        let (headline, how) = permissions_text(p.scopes.len(), lang);
        let list: Vec<String> = p
            .scopes
            .iter()
            .map(|(code, name)| match name {
                Some(n) if lang == Lang::Zh => {
                    format!("<code>{}</code>（{}）", esc(code), esc(n.get(lang)))
                }
                Some(n) => format!("<code>{}</code> ({})", esc(code), esc(n.get(lang))),
                None => format!("<code>{}</code>", esc(code)),
            })
            .collect();
        let how = fixes::bold_place(&esc(how), "<b>", "</b>");
        let link_label = if p.scopes.len() == 1 && p.link != crate::diagnosis::links::CONSOLE_APPS {
            Say::ApplyOne.get(lang)
        } else {
            Say::OpenConsole.get(lang)
        };
        let _ = write!(
            o,
            "<li class=\"fx\" id=\"fix-permissions\">{}<div><div class=\"fx-title\">{}</div><div class=\"fx-line\">{how}{}</div>",
            status(CheckStatus::Fail, lang),
            esc(&headline),
            list.join(tr_sep(lang))
        );
        if !p.checks.is_empty() {
            let names: Vec<String> = p
                .checks
                .iter()
                .map(|c| {
                    format!(
                        "<a href=\"#check-{0}\">{1}</a>",
                        esc(&c.id),
                        esc(c.title.get(lang))
                    )
                })
                .collect();
            let _ = write!(
                o,
                "<div class=\"sub\">{}{}</div>",
                Say::Affects.get(lang),
                names.join(tr_sep(lang))
            );
        }
        let _ = writeln!(
            o,
            "<div class=\"sub\"><a href=\"{}\">{link_label}</a></div></div></li>",
            esc(&p.link)
        );
    }
    for c in &todo.items {
        let _ = writeln!(
            o,
            "<li class=\"fx\">{}<div><div class=\"fx-title\">{}</div><div class=\"fx-line\">{}</div><div class=\"sub\"><a href=\"#check-{}\">{}</a></div></div></li>",
            status(c.status, lang),
            esc(c.title.get(lang)),
            fixes::bold_place(&esc(&one_line(c, lang)), "<b>", "</b>"),
            esc(&c.id),
            Say::Details.get(lang)
        );
    }
    o.push_str("</ol>\n</section>\n");
}

fn tr_sep(lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        "、"
    } else {
        ", "
    }
}

/// A diagnosis in its three parts: 现象, 原因, 去哪改 (the place in bold, the steps numbered, what
/// else to know as a list).
fn advice(a: &crate::diagnosis::Advice, lang: Lang) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<div class=\"part\"><b>{}</b>{}</div><div class=\"part\"><b>{}</b>{}</div><div class=\"part fix\"><b>{}</b>",
        Say::Symptom.get(lang),
        esc_lines(a.symptom.get(lang)),
        Say::Cause.get(lang),
        esc_lines(a.cause.get(lang)),
        Say::Where.get(lang),
    );
    if let Some(place) = &a.place {
        let _ = write!(o, "<b class=\"place\">{}</b>", esc(place.get(lang)));
    }
    if !a.steps.is_empty() {
        o.push_str("<ol class=\"steps-n\">");
        for s in &a.steps {
            let _ = write!(o, "<li>{}</li>", esc_lines(s.get(lang)));
        }
        o.push_str("</ol>");
    }
    o.push_str("</div>");
    if !a.notes.is_empty() {
        o.push_str("<ul class=\"notes\">");
        for n in &a.notes {
            let _ = write!(o, "<li>{}</li>", esc_lines(n.get(lang)));
        }
        o.push_str("</ul>");
    }
    o
}

fn values(o: &mut String, r: &Report, lang: Lang) {
    open(o, Section::Values, lang, "");
    for f in &r.fields {
        let value = if f.value.is_empty() {
            format!("<span class=\"muted\">{}</span>", Say::NotEntered.get(lang))
        } else if f.secret {
            let masked = Say::Masked.get(lang);
            format!(
                "<code>{}</code> <span class=\"tag\">{masked}</span>",
                esc(&f.value)
            )
        } else {
            format!("<code>{}</code>", esc(&f.value))
        };
        let st = if f.ok {
            CheckStatus::Ok
        } else {
            CheckStatus::Fail
        };
        let mut verdict = status(st, lang);
        for m in f.message.iter().chain(&f.warnings) {
            let _ = write!(
                verdict,
                "<div class=\"sub\">{}</div>",
                esc_lines(m.get(lang))
            );
        }
        row(o, "", &[esc(f.label.get(lang)), value, verdict]);
    }
    close(o, Section::Values);
}

fn urls(o: &mut String, r: &Report, lang: Lang) {
    open(o, Section::Urls, lang, "");
    for u in &r.urls {
        let name = format!(
            "{}<div class=\"sub mono\">{}</div>",
            esc(u.label.get(lang)),
            esc(&u.name)
        );
        let url = u
            .url
            .as_deref()
            .map_or_else(|| missing(&u.missing, lang), link);
        row(o, "", &[name, url, esc(u.destination.get(lang))]);
    }
    close(o, Section::Urls);
}

fn steps(o: &mut String, r: &Report, lang: Lang) {
    open(o, Section::Steps, lang, "");
    o.push_str("<ol class=\"steps\">\n");
    for (i, s) in r.steps.iter().enumerate() {
        let (class, tag, word) = if s.complete {
            ("done", "t-ok", Say::Done.get(lang))
        } else {
            ("todo", "t-warn", Say::NotDone.get(lang))
        };
        let _ = write!(
            o,
            "<li class=\"step {class}\"><span class=\"num\">{}</span><div><span class=\"step-title\">{}</span><span class=\"tag {tag}\">{word}</span>",
            i + 1,
            esc(s.title.get(lang))
        );
        if !s.confirmations.is_empty() {
            o.push_str("<ul class=\"confirms\">");
            for c in &s.confirmations {
                let (class, when) = match &c.confirmed_at {
                    Some(t) => (
                        "yes",
                        format!("{} {}", Say::ConfirmedAt.get(lang), esc(&pretty_time(t))),
                    ),
                    None => ("no", Say::NotConfirmed.get(lang).to_owned()),
                };
                let label = esc(c.label.get(lang));
                let _ = write!(
                    o,
                    "<li class=\"{class}\">{label} <span class=\"sub\">— {when}</span></li>"
                );
            }
            o.push_str("</ul>");
        }
        o.push_str("</div></li>\n");
    }
    o.push_str("</ol>\n");
    close(o, Section::Steps);
}

fn scans(o: &mut String, r: &Report, lang: Lang) {
    open(o, Section::Scan, lang, "");
    if r.scan_codes.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", Say::NothingToScan.get(lang));
    }
    o.push_str("<div class=\"scans\">\n");
    for c in &r.scan_codes {
        let qr = match c.url.as_deref().map(|u| crate::qr::svg(u, 180)) {
            Some(Ok(svg)) => format!("<div class=\"qr\">{svg}</div>"),
            Some(Err(_)) => format!(
                "<div class=\"qr qr-missing\">{}</div>",
                Say::TooLongForQr.get(lang)
            ),
            None => format!(
                "<div class=\"qr qr-missing\">{}</div>",
                missing(&c.missing, lang)
            ),
        };
        let _ = write!(
            o,
            "<div class=\"scan\">{qr}<div>\n<h3>{}</h3>\n<p><b>{}</b>{}</p>\n<p><b>{}</b></p>\n<ul class=\"notes\">",
            esc(c.title.get(lang)),
            Say::YouShouldSee.get(lang),
            esc_lines(c.expect.get(lang)),
            Say::IfNot.get(lang),
        );
        for s in &c.if_not {
            let (seen, sep, means) = super::words::symptom_parts(s, lang);
            let _ = if seen.is_empty() {
                write!(o, "<li>{}</li>", esc_lines(means))
            } else {
                write!(o, "<li><b>{}</b>{sep}{}</li>", esc(seen), esc_lines(means))
            };
        }
        o.push_str("</ul>\n");
        if let Some(url) = &c.url {
            let _ = writeln!(
                o,
                "<p class=\"sub\">{}{}</p>",
                Say::QrContent.get(lang),
                link(url)
            );
        }
        o.push_str("</div></div>\n");
    }
    o.push_str("</div>\n");
    close(o, Section::Scan);
}

fn run(o: &mut String, r: &Report, lang: Lang) {
    let facts = match &r.last_run {
        Some(run) => esc(&run_meta(run, lang).join(" · ")),
        None if r.login.is_some() => esc(Say::NotRun.get(lang)),
        None => {
            let _ = writeln!(
                o,
                "<section class=\"card\">\n<h2>{}</h2>\n<p class=\"muted\">{}</p>\n</section>",
                Section::Run.title(lang),
                Say::NotRun.get(lang)
            );
            return;
        }
    };
    let rows = fixes::rows(r);
    let (shown, passed) = ordered(&rows);
    open(
        o,
        Section::Run,
        lang,
        &format!("<p class=\"sub\">{facts}</p>"),
    );
    for c in &shown {
        check_row(o, c, lang);
    }
    o.push_str("</tbody>\n</table>\n");
    // What passed is folded away: open it to see each pass.
    if !passed.is_empty() {
        let cols = Section::Run.columns(lang).join("</th><th>");
        let _ = writeln!(
            o,
            "<details class=\"passes\" id=\"passes\"><summary>{}</summary>\n<table class=\"t-run\">\n<thead><tr><th>{cols}</th></tr></thead>\n<tbody>",
            esc(&passes_phrase(passed.len(), lang))
        );
        for c in &passed {
            check_row(o, c, lang);
        }
        o.push_str("</tbody>\n</table>\n</details>\n");
    }
    o.push_str("</section>\n");
}

fn check_row(o: &mut String, c: &CheckResult, lang: Lang) {
    let class = match c.status {
        CheckStatus::Fail => " class=\"row-fail\"",
        CheckStatus::Warn => " class=\"row-warn\"",
        _ => "",
    };
    let title = format!(
        "{}<div class=\"sub mono\">{}</div>",
        esc(c.title.get(lang)),
        esc(&c.id)
    );
    let code = c
        .code
        .map(|d| format!("<code>{}</code>", esc(&d.to_string())));
    let mut detail = match &c.advice {
        Some(a) => advice(a, lang),
        None => esc_lines(c.message.get(lang)),
    };
    let scopes = required_scopes(c);
    if !scopes.is_empty() {
        let (say, list) = (Say::ScopesToGrant.get(lang), esc(&scopes.join(", ")));
        let _ = write!(
            detail,
            "<div class=\"fix\"><b>{say}</b><code>{list}</code></div>"
        );
    }
    if !c.skipped_because.is_empty() {
        let (say, list) = (Say::WaitsFor.get(lang), esc(&c.skipped_because.join(", ")));
        let _ = write!(detail, "<div class=\"sub\">{say}<code>{list}</code></div>");
    }
    if let (Some(fix), None) = (&c.fix, &c.advice) {
        let (say, fix) = (Say::Fix.get(lang), esc_lines(fix.get(lang)));
        let _ = write!(detail, "<div class=\"fix\"><b>{say}</b>{fix}</div>");
    }
    if let Some(url) = &c.fix_url {
        let _ = write!(detail, "<div class=\"sub\">{}</div>", link(url));
    }
    if let Some(said) = c.original.as_deref().filter(|s| !s.trim().is_empty()) {
        let (say, said) = (Say::DingTalkSaid.get(lang), esc_lines(said));
        let _ = write!(
            detail,
            "<div class=\"said\"><b>{say}</b><span class=\"mono\">{said}</span></div>"
        );
    }
    let time = format!("<span class=\"sub\">{}</span>", duration(c.duration_ms));
    let cells = [
        status(c.status, lang),
        title,
        time,
        code.unwrap_or_default(),
        detail,
    ];
    let _ = writeln!(
        o,
        "<tr id=\"check-{}\"{class}><td>{}</td></tr>",
        esc(&c.id),
        cells.join("</td><td>")
    );
}

fn egress(o: &mut String, r: &Report, lang: Lang) {
    open(o, Section::Egress, lang, "");
    let _ = match &r.egress_ip {
        Some(ip) => writeln!(
            o,
            "<p class=\"ip mono\">{}</p>\n<p>{}</p>",
            esc(ip),
            Say::EgressKnown.get(lang)
        ),
        None => writeln!(o, "<p class=\"muted\">{}</p>", Say::EgressUnknown.get(lang)),
    };
    close(o, Section::Egress);
}

/// The platform's manual way in, only when the template knows it.
fn break_glass(o: &mut String, r: &Report, lang: Lang) {
    let Some(b) = &r.break_glass else { return };
    let intro = format!("<p>{}</p>\n<ul>\n", Say::BreakGlassIntro.get(lang));
    open(o, Section::BreakGlass, lang, &intro);
    match (&b.login_url, &b.login_url_pattern) {
        (Some(url), _) => {
            let _ = writeln!(
                o,
                "<li><b>{}</b>{}</li>",
                Say::ManualLogin.get(lang),
                link(url)
            );
        }
        (None, Some(pattern)) => {
            let _ = writeln!(
                o,
                "<li><b>{}</b><span class=\"url mono\">{}</span> <span class=\"muted\">{}</span></li>",
                Say::ManualLogin.get(lang),
                esc(pattern),
                Say::ManualLoginPending.get(lang)
            );
        }
        (None, None) => {}
    }
    if let Some(off) = &b.switch_off {
        let _ = writeln!(
            o,
            "<li><b>{}</b>{}</li>",
            Say::SwitchOff.get(lang),
            esc_lines(off.get(lang))
        );
    }
    let _ = writeln!(
        o,
        "<li><b>{}</b>{}</li>\n</ul>",
        Say::DocumentedAt.get(lang),
        esc(&b.source)
    );
    close(o, Section::BreakGlass);
}

fn sync(o: &mut String, r: &Report, lang: Lang) {
    let Some(s) = &r.sync else { return };
    open(o, Section::Sync, lang, "");
    let (head, people) = super::words::sync_lines(s, lang);
    for l in head {
        let _ = writeln!(o, "<p>{}</p>", esc(&l));
    }
    if !people.is_empty() {
        o.push_str("<ul class=\"sync\">\n");
        for (c, l) in people {
            let _ = writeln!(o, "<li><span class=\"mono\">{c}</span> {}</li>", esc(&l));
        }
        o.push_str("</ul>\n");
    }
    close(o, Section::Sync);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let s = esc(r#"<a href="x">'&'</a>"#);
        assert_eq!(s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(esc_lines("a<b\nc"), "a&lt;b<br>c");
    }

    #[test]
    fn only_http_urls_become_links() {
        let l = link("https://oa.example.com/?a=1&b=2");
        assert!(
            l.contains("href=\"https://oa.example.com/?a=1&amp;b=2\""),
            "{l}"
        );
        assert!(!link("javascript:alert(1)").contains("href"));
        assert!(!link("dingtalk://dingtalkclient/action/openapp").contains("href"));
    }
}
