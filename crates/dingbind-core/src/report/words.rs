//! The words both renderers use — section titles, column headings, status words, the verdict
//! banner, fixed phrases, time formats — in one place, so the HTML page and the Markdown never drift
//! apart, and a wording fix lands in both languages of both formats at once.

use super::{Report, Verdict};
use crate::checks::{CheckResult, CheckRun, CheckStatus, Summary};
use crate::history::LoginRecord;
use crate::i18n::Lang;
use serde_json::Value;

pub(super) fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The report's sections, in order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Section {
    /// The last run's failures and warnings, each with its fix (only when there are some).
    ToFix,
    Values,
    Urls,
    Steps,
    Scan,
    Run,
    Egress,
    /// The platform's manual way in (only when the template knows it).
    BreakGlass,
    /// The newest sync preview and who joined, left or moved (only when there is one).
    Sync,
}

impl Section {
    pub(super) fn title(self, lang: Lang) -> &'static str {
        match self {
            Section::ToFix => tr(lang, "需要处理", "To fix"),
            Section::Values => tr(lang, "绑定信息", "Binding values"),
            Section::Urls => tr(lang, "生成的地址", "Generated URLs"),
            Section::Steps => tr(lang, "设置步骤", "Setup steps"),
            Section::Scan => tr(lang, "扫码验证", "Scan to verify"),
            Section::Run => tr(lang, "最近一次检查", "Last check run"),
            Section::Egress => tr(lang, "钉钉看到的出口 IP", "Egress IP seen by DingTalk"),
            Section::BreakGlass => tr(
                lang,
                "钉钉登录出问题时（应急入口）",
                "If DingTalk login fails (break-glass)",
            ),
            Section::Sync => tr(lang, "同步预览", "Sync preview"),
        }
    }

    /// A stable name (CSS classes, anchors).
    pub(super) fn key(self) -> &'static str {
        match self {
            Section::ToFix => "fixes",
            Section::Values => "values",
            Section::Urls => "urls",
            Section::Steps => "steps",
            Section::Scan => "scan",
            Section::Run => "run",
            Section::Egress => "egress",
            Section::BreakGlass => "break-glass",
            Section::Sync => "sync",
        }
    }

    /// The column headings of the section's table (none for sections without one).
    pub(super) fn columns(self, lang: Lang) -> Vec<&'static str> {
        let cols: &[(&'static str, &'static str)] = match self {
            Section::Values => &[("字段", "Field"), ("值", "Value"), ("核对", "Check")],
            Section::Urls => &[
                ("地址", "URL"),
                ("内容", "Value"),
                ("填到控制台的哪里", "Where it goes in the console"),
            ],
            Section::Run => &[
                ("状态", "Status"),
                ("检查项", "Check"),
                ("用时", "Time"),
                ("诊断", "Diagnosis"),
                ("结果与处理", "Result and fix"),
            ],
            _ => &[],
        };
        cols.iter().map(|(zh, en)| tr(lang, zh, en)).collect()
    }
}

/// Fixed phrases.
#[derive(Debug, Clone, Copy)]
pub(super) enum Say {
    Title,
    NotEntered,
    Masked,
    StillNeeded,
    Done,
    NotDone,
    ConfirmedAt,
    NotConfirmed,
    NothingToScan,
    TooLongForQr,
    QrContent,
    YouShouldSee,
    IfNot,
    NotRun,
    ScopesToGrant,
    WaitsFor,
    Fix,
    DingTalkSaid,
    Details,
    Affects,
    ApplyOne,
    OpenConsole,
    Symptom,
    Cause,
    Where,
    EgressKnown,
    EgressUnknown,
    BreakGlassIntro,
    ManualLogin,
    ManualLoginPending,
    SwitchOff,
    DocumentedAt,
    Generated,
    MaskNote,
}

impl Say {
    pub(super) fn get(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Say::Title => ("Dingbind 钉钉绑定报告", "Dingbind binding report"),
            Say::NotEntered => ("未填写", "not entered"),
            Say::Masked => ("已遮盖", "masked"),
            Say::StillNeeded => ("还缺：", "Still needed: "),
            Say::Done => ("已完成", "Done"),
            Say::NotDone => ("未完成", "Not done"),
            Say::ConfirmedAt => ("确认于", "confirmed"),
            Say::NotConfirmed => ("未确认", "not confirmed"),
            Say::NothingToScan => ("这个平台没有需要扫码验证的地址。", "This platform has nothing to scan."),
            Say::TooLongForQr => ("地址太长，无法生成二维码", "Too long for a QR code"),
            Say::QrContent => ("二维码内容：", "QR code: "),
            Say::YouShouldSee => ("扫码后应看到：", "You should see: "),
            Say::IfNot => ("如果不是这样：", "If you see something else:"),
            Say::NotRun => ("还没有运行过检查。", "The checks have not been run yet."),
            Say::ScopesToGrant => ("需要开通的权限：", "Permissions to grant: "),
            Say::WaitsFor => ("等待的检查：", "Waits for: "),
            Say::Fix => ("怎么修：", "Fix: "),
            Say::DingTalkSaid => ("钉钉原话：", "DingTalk said: "),
            Say::Details => ("详情", "details"),
            Say::Affects => ("涉及的检查：", "Checks affected: "),
            Say::ApplyOne => ("申请开通这项权限", "Apply for this permission"),
            Say::OpenConsole => ("打开开发者后台的应用列表", "Open the developer console's app list"),
            Say::Symptom => ("现象：", "What you see: "),
            Say::Cause => ("原因：", "Why: "),
            Say::Where => ("去哪改：", "Where to fix: "),
            Say::EgressKnown => (
                "这是钉钉在最近一次检查中看到的请求来源 IP，它要出现在 应用 › 左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP 里。如果检查是在管理员自己的电脑上运行的，这是电脑的出口 IP，不是平台服务器的：平台服务器的出口 IP 请在服务器上运行 dingbind check 查看。",
                "This is the IP DingTalk saw the last run's requests come from; it must be listed under left menu › 开发配置 › 安全设置 › 服务器出口IP (Dev config › Security settings › Server egress IP). If the run was on the admin's own computer, this is that computer's IP, not the platform server's: run dingbind check on the server to see the server's.",
            ),
            Say::EgressUnknown => (
                "未知：钉钉只在拒绝请求（错误 60020）时才会说出它看到的 IP。要查看平台服务器的出口 IP，请在服务器上运行 dingbind check。",
                "Unknown: DingTalk names the IP it saw only when it refuses a request (error 60020). To see the platform server's egress IP, run dingbind check on the server.",
            ),
            Say::BreakGlassIntro => (
                "钉钉登录失效（例如重定向地址被改、应用被停用）或不得不关闭时，管理员可以这样进入平台，修好后再打开钉钉登录。请把这一节交给平台的管理员保管。",
                "If DingTalk login stops working (a changed redirect URL, a disabled app) or has to be switched off, the admin gets into the platform this way, fixes it and switches DingTalk login back on. Hand this section to the platform's administrators to keep.",
            ),
            Say::ManualLogin => ("平台自己的登录页：", "The platform's own login page: "),
            Say::ManualLoginPending => (
                "（填写平台域名后生成）",
                "(generated once the platform's domain is entered)",
            ),
            Say::SwitchOff => ("要关闭钉钉登录时：", "To switch DingTalk login off: "),
            Say::DocumentedAt => ("出处：", "Source: "),
            Say::Generated => ("生成于", "generated"),
            Say::MaskNote => (
                "报告中的密钥已遮盖，只显示前 4 位和长度。",
                "Secrets are masked: only their first 4 characters and length are shown.",
            ),
        };
        tr(lang, zh, en)
    }
}

/// The status's name as in JSON (`ok`, `fail`, …); the HTML uses it as a CSS class.
pub(super) fn status_key(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Ok => "ok",
        CheckStatus::Fail => "fail",
        CheckStatus::Warn => "warn",
        CheckStatus::Skipped => "skipped",
        CheckStatus::Manual => "manual",
    }
}

/// The one icon per status both the report and the CLI print.
/// One 如果不是这样 item as text: what is seen, then what it means ("「重定向错误」：…"). A report
/// from before the list carries only the meaning.
pub fn symptom_parts(s: &crate::scan::Symptom, lang: Lang) -> (&str, &'static str, &str) {
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    (s.seen.get(lang), sep, s.means.get(lang))
}

pub fn status_icon(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Ok => "✓",
        CheckStatus::Fail => "✗",
        CheckStatus::Warn => "!",
        CheckStatus::Skipped => "–",
        CheckStatus::Manual => "?",
    }
}

pub(super) fn status_word(s: CheckStatus, lang: Lang) -> &'static str {
    match s {
        CheckStatus::Ok => tr(lang, "通过", "OK"),
        CheckStatus::Fail => tr(lang, "失败", "Failed"),
        CheckStatus::Warn => tr(lang, "注意", "Warning"),
        CheckStatus::Skipped => tr(lang, "跳过", "Skipped"),
        CheckStatus::Manual => tr(lang, "人工确认", "Manual"),
    }
}

pub(super) fn counts(s: Summary) -> [(CheckStatus, u32); 5] {
    [
        (CheckStatus::Ok, s.ok),
        (CheckStatus::Fail, s.fail),
        (CheckStatus::Warn, s.warn),
        (CheckStatus::Skipped, s.skipped),
        (CheckStatus::Manual, s.manual),
    ]
}

/// The header's facts, as plain text (label, value); empty ones are left out.
pub(super) fn meta(r: &Report, lang: Lang) -> Vec<(&'static str, String)> {
    let p = &r.profile;
    let corp = p
        .values
        .get(&crate::Field::CorpName)
        .cloned()
        .unwrap_or_default();
    let rows = [
        (tr(lang, "企业", "Organisation"), corp),
        (
            tr(lang, "平台模板", "Platform template"),
            format!("{} ({})", p.template_name.get(lang), p.template_id),
        ),
        (
            tr(lang, "生成时间", "Generated at"),
            pretty_time(&r.generated_at),
        ),
        (
            tr(lang, "应用版本", "App version"),
            format!("Dingbind {}", r.app_version),
        ),
        (
            tr(lang, "绑定最后修改", "Binding last changed"),
            pretty_time(&p.updated_at),
        ),
    ];
    rows.into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect()
}

/// The line above the run's table: when, how long, and whether it was practice or cut short.
pub(super) fn run_meta(run: &CheckRun, lang: Lang) -> Vec<String> {
    let mut parts = vec![
        format!(
            "{} {}",
            tr(lang, "开始于", "Started"),
            pretty_time(&run.started_at)
        ),
        format!("{} {}", tr(lang, "用时", "took"), duration(run.duration_ms)),
    ];
    if let Some(p) = &run.practice {
        parts.push(format!(
            "{} {}",
            tr(lang, "练习模式", "practice"),
            p.title.get(lang)
        ));
    }
    if run.cancelled {
        parts.push(tr(lang, "已取消", "cancelled").to_owned());
    }
    if run.deadline_hit {
        parts.push(tr(lang, "超过总时限", "deadline hit").to_owned());
    }
    parts
}

/// The login round trip as a row of the run's table, with when it was made in its title.
pub(super) fn login_row(l: &LoginRecord) -> CheckResult {
    let mut c = l.result.clone();
    let at = pretty_time(&l.at);
    c.title = crate::i18n::Text::new(
        format!("{}（{at}）", c.title.zh),
        format!("{} ({at})", c.title.en),
    );
    c
}

/// The permission codes a failed scope check wants granted.
pub(super) fn required_scopes(c: &CheckResult) -> Vec<&str> {
    c.data
        .get("required_scopes")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The banner: a headline and the lines under it.
pub(super) fn verdict_text(r: &Report, lang: Lang) -> (String, Vec<String>) {
    let zh = lang == Lang::Zh;
    let s = r.summary.checks.unwrap_or_default();
    let plural = crate::i18n::count_en;
    let headline = match r.summary.verdict {
        Verdict::NotTested => tr(lang, "尚未检查", "Not tested yet").to_owned(),
        Verdict::Passed => tr(lang, "全部检查通过", "All checks passed").to_owned(),
        Verdict::Warnings if zh => format!("检查通过，{} 项需要注意", s.warn),
        Verdict::Warnings => format!(
            "Passed, {} to look at",
            plural(s.warn, "warning", "warnings")
        ),
        Verdict::Failed if zh => format!("{} 项检查未通过", s.fail),
        Verdict::Failed => format!("{} failed", plural(s.fail, "check", "checks")),
        Verdict::Incomplete => tr(lang, "检查没有完成", "The check run did not finish").to_owned(),
    };
    let mut lines = Vec::new();
    match &r.last_run {
        None => lines.push(tr(lang, "在向导的检查步骤运行检查后再导出报告，报告里就会有每一项检查的结果。", "Run the checks in the wizard and export the report again: it will then show the result of every check.").to_owned()),
        Some(run) => {
            let failed: Vec<&str> = run.checks.iter().filter(|c| c.status == CheckStatus::Fail).map(|c| c.title.get(lang)).collect();
            if !failed.is_empty() {
                lines.push(format!("{}{}", tr(lang, "未通过：", "Failed: "), failed.join(tr(lang, "、", ", "))));
            }
            if s.manual > 0 {
                lines.push(if zh { format!("{} 项需要人工确认（见下表）。", s.manual) } else { format!("{} need a person to confirm (see the table).", s.manual) });
            }
            if run.cancelled {
                lines.push(tr(lang, "检查被中途取消，未完成的项目没有结果。", "The run was cancelled; unfinished checks have no result.").to_owned());
            } else if run.deadline_hit {
                lines.push(tr(lang, "检查超过了总时限，未完成的项目没有结果。", "The run hit its deadline; unfinished checks have no result.").to_owned());
            }
            if let Some(p) = &run.practice {
                let scenario = p.title.get(lang);
                lines.push(if zh { format!("这是练习模式（模拟场景「{scenario}」）的结果，不是真实钉钉的结果。") } else { format!("This is a practice run against the simulator (scenario “{scenario}”), not real DingTalk.") });
            }
        }
    }
    lines.extend(r.reminders.iter().map(|t| t.get(lang).to_owned()));
    let todo = r
        .summary
        .steps_total
        .saturating_sub(r.summary.steps_complete);
    if todo > 0 {
        lines.push(if zh {
            format!("设置步骤还有 {todo} 步没有完成。")
        } else {
            format!(
                "{} of the setup are not complete yet.",
                plural(todo, "step", "steps")
            )
        });
    }
    (headline, lines)
}

/// `2025-05-01T02:03:04.123Z` → `2025-05-01 02:03:04 UTC`; anything unparsable is shown as is.
pub(super) fn pretty_time(s: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) else {
        return s.to_owned();
    };
    let o = t.offset();
    let zone = if o.is_utc() {
        "UTC".to_owned()
    } else {
        let (h, m, _) = o.as_hms();
        format!(
            "UTC{}{:02}:{:02}",
            if o.is_negative() { '-' } else { '+' },
            h.abs(),
            m.abs()
        )
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {zone}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

pub(super) fn duration(ms: u32) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", f64::from(ms) / 1000.0)
    }
}

/// The label of each field in `fields`, joined, for "still missing: …".
pub(super) fn field_list(fields: &[crate::Field], lang: Lang) -> String {
    let labels: Vec<String> = fields
        .iter()
        .map(|f| f.label().get(lang).to_owned())
        .collect();
    labels.join(tr(lang, "、", ", "))
}

/// At most this many people per list (joiners, leavers, moves) in a report; the app and
/// `dingbind sync-preview --csv` have them all.
const SYNC_LISTED: usize = 200;

/// The sync section as plain lines: the totals, then one line per joiner (`+`), leaver (`-`)
/// and move (`~`), ids and names only. Each renderer escapes them.
pub(super) fn sync_lines(
    s: &crate::sync::PreviewSummary,
    lang: Lang,
) -> (Vec<String>, Vec<(char, String)>) {
    let t = &s.totals;
    let when = pretty_time(&s.generated_at);
    let can_open = t.can_open.map_or_else(
        || tr(lang, "未知", "unknown").to_string(),
        |n| n.to_string(),
    );
    let mut head = vec![match lang {
        Lang::Zh => format!(
            "{when}：会同步 {} 人（{} 个部门）· 能打开应用 {can_open} 人 · 能打开但不会同步 {} 人 · 会同步但打不开 {} 人",
            t.synced, t.departments, t.open_not_synced, t.synced_not_open
        ),
        Lang::En => format!(
            "{when}: {} people will be synced ({} departments) · {can_open} can open the app · {} can open it but will not be synced · {} will be synced but cannot open it",
            t.synced, t.departments, t.open_not_synced, t.synced_not_open
        ),
    }];
    if let (Some(e), Some(m)) = (t.expected, t.expected_matches) {
        head.push(match (lang, m) {
            (Lang::Zh, true) => format!("平台期望 {e} 个账号：一致"),
            (Lang::Zh, false) => format!("平台期望 {e} 个账号：不一致（会同步 {} 人）", t.synced),
            (Lang::En, true) => format!("The platform expects {e} accounts: a match"),
            (Lang::En, false) => format!(
                "The platform expects {e} accounts: no match ({} will be synced)",
                t.synced
            ),
        });
    }
    let mut people = Vec::new();
    match (&s.diff, &s.previous_at) {
        (Some(d), Some(prev)) => {
            let prev = pretty_time(prev);
            head.push(match lang {
                Lang::Zh => format!(
                    "与 {prev} 的预览相比：新加入 {} 人 · 离开 {} 人（平台下次同步会删除）· 调动部门 {} 人",
                    d.joiners.len(), d.leavers.len(), d.moves.len()
                ),
                Lang::En => format!(
                    "Since the preview of {prev}: {} joined · {} left (the platform's next sync removes them) · {} moved department",
                    d.joiners.len(), d.leavers.len(), d.moves.len()
                ),
            });
            let line = |p: &crate::sync::PreviewPerson| {
                format!("{} ({}) {}", p.name, p.userid, p.dept_names.join("、"))
            };
            let mut more = 0;
            for (c, lines) in [
                ('+', d.joiners.iter().map(line).collect::<Vec<_>>()),
                ('-', d.leavers.iter().map(line).collect()),
                (
                    '~',
                    d.moves
                        .iter()
                        .map(|m| {
                            format!(
                                "{} ({}) {} → {}",
                                m.name,
                                m.userid,
                                m.from.join("、"),
                                m.to.join("、")
                            )
                        })
                        .collect(),
                ),
            ] {
                more += lines.len().saturating_sub(SYNC_LISTED);
                people.extend(lines.into_iter().take(SYNC_LISTED).map(|l| (c, l)));
            }
            if more > 0 {
                head.push(match lang {
                    Lang::Zh => format!("另有 {more} 人未列出：完整名单见应用的同步预览或 dingbind sync-preview --csv"),
                    Lang::En => format!("{more} more not listed: see the app's sync preview or dingbind sync-preview --csv"),
                });
            }
        }
        _ => head.push(
            tr(
                lang,
                "这是第一次预览，还没有可比较的上一次。",
                "This is the first preview: there is none before it to compare with.",
            )
            .to_string(),
        ),
    }
    (head, people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_readable() {
        assert_eq!(
            pretty_time("2025-05-01T02:03:04.123Z"),
            "2025-05-01 02:03:04 UTC"
        );
        assert_eq!(
            pretty_time("2025-05-01T10:03:04+08:00"),
            "2025-05-01 10:03:04 UTC+08:00"
        );
        assert_eq!(pretty_time("yesterday"), "yesterday");
        assert_eq!(duration(812), "812 ms");
        assert_eq!(duration(1520), "1.5 s");
    }
}
