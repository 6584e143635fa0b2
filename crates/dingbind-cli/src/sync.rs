//! `dingbind sync-preview`: who the platform's sync will have and who can open the app, walked
//! politely through DingTalk's directory (the core's [`dingbind_core::sync`]), with progress on
//! stderr when it is a terminal and Ctrl-C to stop. The preview is kept with a saved profile and
//! compared with the one before it (joiners, leavers, moves). `--csv` writes one row per person
//! for Excel (UTF-8 with a BOM, which Excel on a Chinese Windows needs to read UTF-8).

use crate::binding::{BindingArgs, Opened};
use crate::error::CliError;
use crate::{secrets, Out};
use dingbind_core::sync::{
    self, keep, DiffKind, Difference, FieldStatus, PersonRow, PreviewDiff, SyncOptions,
    SyncOutcome, SyncPreview, SyncProgress, VisibleRange,
};
use dingbind_core::{Lang, Text};
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;
use tokio_util::sync::CancellationToken;

/// Exit code after Ctrl-C (128 + SIGINT, as shells report it).
const CANCELLED: u8 = 130;
/// At most this many departments and names per list in the human output; `--json` and `--csv`
/// have them all.
const SHOWN: usize = 40;

#[derive(clap::Args)]
pub struct SyncArgs {
    #[command(flatten)]
    binding: BindingArgs,
    /// The number of accounts the platform expects; the preview says whether it matches.
    #[arg(long)]
    expected: Option<u32>,
    /// Also write one row per person to this CSV file (UTF-8 with BOM, for Excel).
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Calls per second per DingTalk API (DingTalk allows 20 for a standard-edition org).
    #[arg(long, default_value_t = SyncOptions::default().qps_per_api, value_parser = clap::value_parser!(u32).range(1..=20))]
    qps: u32,
    /// Run against the built-in simulator with this scenario (ranges-differ, healthy, ...).
    #[arg(long)]
    practice: Option<String>,
}

fn yes_no(out: &Out, v: Option<bool>) -> String {
    match v {
        Some(true) => out.say("是", "yes"),
        Some(false) => out.say("否", "no"),
        None => out.say("未知", "unknown"),
    }
}

/// A reason as a terminal shows it (the bold marks are for the app).
fn plain(t: &str) -> String {
    t.replace("**", "")
}

pub fn cmd_sync_preview(out: &Out, args: &SyncArgs) -> u8 {
    let Some(mut o) = Opened::load(&args.binding, out) else {
        return 2;
    };
    secrets::fill(&mut o, true);
    crate::block_on(run(out, &o, args)).unwrap_or(2)
}

async fn run(out: &Out, o: &Opened, args: &SyncArgs) -> u8 {
    let cfg = dingtalk::Config::from_env();
    #[cfg(feature = "practice")]
    let (cfg, sim) = match &args.practice {
        Some(name) => match dingbind_practice::start(name).await {
            Ok(sim) => (
                dingtalk::Config {
                    endpoints: sim.endpoints(),
                    ..cfg
                },
                Some(sim),
            ),
            Err(e) => return out.fail("practice", &CliError::from(e).message(out.lang)),
        },
        None => (cfg, None),
    };
    #[cfg(not(feature = "practice"))]
    if args.practice.is_some() {
        return out.fail("practice", &CliError::NoPractice.message(out.lang));
    }
    let options = SyncOptions {
        qps_per_api: args.qps,
        ..SyncOptions::default()
    };
    let input = match o.binding.sync_input(cfg, args.expected, options) {
        Ok(i) => i,
        Err(e) => return out.fail(e.code(), out.t(&e.text())),
    };
    let cancel = CancellationToken::new();
    let on_ctrl_c = {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
            }
        })
    };
    let terminal = std::io::stderr().is_terminal();
    let lang = out.lang;
    let result = sync::preview(
        &input,
        None,
        move |p| {
            if terminal {
                show_progress(lang, &p);
            }
        },
        cancel,
    )
    .await;
    on_ctrl_c.abort();
    if terminal {
        eprintln!();
    }
    #[cfg(feature = "practice")]
    if let Some(sim) = sim {
        sim.stop().await;
    }
    let preview = match result {
        Ok(SyncOutcome::Done { preview }) => *preview,
        Ok(SyncOutcome::Cancelled { checkpoint }) => {
            let msg = out.say(
                &format!(
                    "已取消：取消前读到 {} 个部门、{} 人",
                    checkpoint.departments.len(),
                    checkpoint.people.len()
                ),
                &format!(
                    "Cancelled: {} departments and {} people read before that",
                    checkpoint.departments.len(),
                    checkpoint.people.len()
                ),
            );
            out.fail("cancelled", &msg);
            return CANCELLED;
        }
        Err(e) => return out.fail(e.code(), out.t(&e.text())),
    };
    // Kept with a saved profile, and compared with the preview before.
    let mut diff: Option<(String, PreviewDiff)> = None;
    if let Some(store) = o.kept() {
        let id = &o.binding.profile.id;
        let before = keep::list(&store, id)
            .ok()
            .and_then(|ids| ids.first().and_then(|i| keep::get(&store, id, i).ok()));
        match keep::record(&store, id, &preview) {
            Ok(now) => {
                diff = before.map(|b| (b.generated_at.clone(), sync::diff(&b.people, &now.people)));
            }
            Err(e) => eprintln!("✗ {}", out.t(&e.text())),
        }
    }
    if let Some(path) = &args.csv {
        if let Err(code) = out.write(Some(path), &csv(out, &preview)) {
            return code;
        }
    }
    if out.json {
        let mut v = serde_json::to_value(&preview).unwrap_or_default();
        if let Some((at, d)) = &diff {
            v["previous_at"] = json!(at);
            v["diff"] = serde_json::to_value(d).unwrap_or_default();
        }
        out.json(&v);
    } else {
        print_preview(out, &preview);
        if let Some((at, d)) = &diff {
            print_diff(out, at, d);
        }
        if let Some(path) = &args.csv {
            outln!(
                "{}{}",
                out.say("已写入 CSV：", "CSV written: "),
                path.display()
            );
        }
    }
    match preview.totals.expected_matches {
        Some(false) => 1,
        _ => 0,
    }
}

fn show_progress(lang: Lang, p: &SyncProgress) {
    let wait = |zh: &'static str, en: &'static str| {
        if p.waiting_for_rate_limit {
            Text::new(zh, en)
        } else {
            Text::new("", "")
        }
    };
    let w = wait(" · 钉钉限流，稍候继续", " · DingTalk throttled, waiting");
    let line = match lang {
        Lang::Zh => format!(
            "部门 {} · 人员 {} · 请求 {}{}",
            p.departments, p.people, p.requests, w.zh
        ),
        Lang::En => format!(
            "departments {} · people {} · requests {}{}",
            p.departments, p.people, p.requests, w.en
        ),
    };
    eprint!("\r\x1b[2K{line}");
}

fn print_preview(out: &Out, p: &SyncPreview) {
    let t = &p.totals;
    let range = if p.contact_all {
        out.say("全员", "everyone")
    } else {
        let d: Vec<String> = p.contact_dept_ids.iter().map(|d| d.to_string()).collect();
        let mut s = out.say("部门 ", "departments ") + &d.join(", ");
        if !p.contact_userids.is_empty() {
            s += &out.say(" 及人员 ", " and people ");
            s += &p.contact_userids.join(", ");
        }
        s
    };
    outln!("{}{range}", out.say("通讯录权限范围：", "Contact range: "));
    let visible = match &p.visible {
        VisibleRange::Read {
            admin_only: true, ..
        } => out.say("仅限管理员", "admins only"),
        VisibleRange::Read { all: true, .. } => out.say("全员", "everyone"),
        VisibleRange::Read {
            dept_ids,
            userids,
            role_ids,
            ..
        } => out.say(
            &format!(
                "部门 {:?} · 人员 {:?} · 角色 {:?}",
                dept_ids, userids, role_ids
            ),
            &format!(
                "departments {:?} · people {:?} · roles {:?}",
                dept_ids, userids, role_ids
            ),
        ),
        VisibleRange::Unreadable { reason, .. } => out.t(reason).to_string(),
        VisibleRange::NoAgentId => out.say("没有 AgentId，无法读取", "no AgentId, cannot be read"),
    };
    outln!("{}{visible}", out.say("应用可见范围：", "Visible range: "));
    outln!("");
    outln!(
        "{}",
        out.say(
            "部门（人数含子部门）：",
            "Departments (members incl. sub-departments):"
        )
    );
    for d in p.departments.iter().take(SHOWN) {
        let mark = match d.can_open {
            Some(false) => out.say("  ⊘ 不在可见范围", "  ⊘ not in the visible range"),
            _ => String::new(),
        };
        outln!(
            "  {}{} ({}){mark}",
            "  ".repeat(d.depth as usize),
            d.name,
            d.members
        );
    }
    if p.departments.len() > SHOWN {
        outln!(
            "  … {}",
            out.say(
                &format!("共 {} 个部门，全部见 --json 或 --csv", p.departments.len()),
                &format!(
                    "{} departments in all; see --json or --csv",
                    p.departments.len()
                )
            )
        );
    }
    outln!("");
    let can_open = t
        .can_open
        .map_or(out.say("未知", "unknown"), |n| n.to_string());
    outln!(
        "{}",
        out.say(
            &format!(
                "会同步 {} 人 · 能打开应用 {can_open} 人 · 能打开但不会同步 {} 人 · 会同步但打不开 {} 人",
                t.synced, t.open_not_synced, t.synced_not_open
            ),
            &format!(
                "will be synced {} · can open the app {can_open} · can open but not synced {} · synced but cannot open {}",
                t.synced, t.open_not_synced, t.synced_not_open
            ),
        )
    );
    for d in &p.differences {
        let icon = match d.kind {
            DiffKind::OpenNotSynced => "▲",
            DiffKind::SyncedNotOpen => "▼",
        };
        outln!("{icon} {}", plain(out.t(&d.reason)));
    }
    for n in &p.notes {
        outln!("! {}", plain(out.t(n)));
    }
    outln!("");
    outln!("{}", out.say("用户字段：", "User fields:"));
    for f in &p.fields {
        let status = match f.status {
            FieldStatus::Returned => out.say("✓ 都有", "✓ for everyone"),
            FieldStatus::Partial => out.say("部分人未填写", "some left it empty"),
            FieldStatus::Empty => out.say(
                "都为空（钉钉里没人填写）",
                "empty for everyone (nobody filled it in)",
            ),
            FieldStatus::MissingPermission => {
                let perm = f
                    .permission
                    .as_ref()
                    .map(|p| out.t(p).to_string())
                    .unwrap_or_default();
                out.say(
                    &format!("✗ 都为空：缺少字段权限「{perm}」，在 左侧菜单 › 开发配置 › 权限管理 开通"),
                    &format!("✗ empty for everyone: the field permission {perm} is missing; enable it under left menu › 开发配置 › 权限管理 (Dev config › Permission management)"),
                )
            }
        };
        outln!(
            "  {:<10} {}/{}  {status}",
            out.t(&f.label),
            f.returned,
            t.synced
        );
    }
    if let (Some(e), Some(m)) = (t.expected, t.expected_matches) {
        outln!("");
        outln!(
            "{}",
            match m {
                true => out.say(
                    &format!("✓ 期望 {e} 个账号，与会同步的人数一致"),
                    &format!("✓ {e} accounts expected: matches the people synced")
                ),
                false => out.say(
                    &format!("✗ 期望 {e} 个账号，会同步的是 {} 人", t.synced),
                    &format!(
                        "✗ {e} accounts expected, {} people will be synced",
                        t.synced
                    )
                ),
            }
        );
    }
    outln!(
        "{}",
        out.say(
            &format!("（请求 {} 次，被限流 {} 次）", t.requests, t.throttled),
            &format!("({} requests, {} throttled)", t.requests, t.throttled)
        )
    );
}

fn print_diff(out: &Out, at: &str, d: &PreviewDiff) {
    outln!("");
    outln!(
        "{}",
        out.say(
            &format!(
                "与上次预览（{at}）相比：新加入 {} · 离开 {}（平台下次同步会删除）· 调动部门 {}",
                d.joiners.len(),
                d.leavers.len(),
                d.moves.len()
            ),
            &format!(
                "Since the preview of {at}: joined {} · left {} (the platform's next sync removes them) · moved {}",
                d.joiners.len(),
                d.leavers.len(),
                d.moves.len()
            ),
        )
    );
    for p in d.joiners.iter().take(SHOWN) {
        outln!("  + {} ({}) {}", p.name, p.userid, p.dept_names.join("、"));
    }
    for p in d.leavers.iter().take(SHOWN) {
        outln!("  - {} ({}) {}", p.name, p.userid, p.dept_names.join("、"));
    }
    for m in d.moves.iter().take(SHOWN) {
        outln!(
            "  ~ {} ({}) {} → {}",
            m.name,
            m.userid,
            m.from.join("、"),
            m.to.join("、")
        );
    }
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
pub fn csv(out: &Out, p: &SyncPreview) -> Vec<u8> {
    let header = match out.lang {
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
            .map(|d| plain(out.t(&d.reason)))
            .unwrap_or_default();
        let row = [
            cell(&r.userid),
            cell(&r.name),
            cell(&r.dept_names.join("、")),
            cell(&ids.join(";")),
            yes_no(out, Some(r.synced)),
            yes_no(out, r.can_open),
            yes_no(out, Some(r.admin)),
            cell(&r.fields.join(";")),
            cell(&reason),
        ];
        s += &row.join(",");
        s += "\r\n";
    }
    s.into_bytes()
}
