//! `dingbind check` and `dingbind explain`: the live checks headless (on the platform's server,
//! which is where the egress IP that DingTalk whitelists really is) and the error explainer.

use crate::binding::Opened;
use crate::error::CliError;
use crate::Out;
use dingbind_core::checks::{
    run, Cancel, CheckEvent, CheckOptions, CheckResult, CheckRun, CheckStatus,
};
use dingbind_core::diagnosis::{explain, Advice, ScopeApply};
use dingbind_core::history;
use dingbind_core::report::status_icon as icon;
use dingbind_core::Lang;
use serde_json::{json, Value};

fn check_json(out: &Out, c: &CheckResult) -> Value {
    json!({
        "id": c.id,
        "status": c.status,
        "code": c.code,
        "data": c.data,
        "message": out.t(&c.message),
        "fix": c.fix.as_ref().map(|f| out.t(f)),
        "fix_url": c.fix_url,
        "original": c.original,
        "duration_ms": c.duration_ms,
        "skipped_because": c.skipped_because,
    })
}

/// One live-check run of `o` (its secrets filled) against DingTalk, or the simulator with
/// `practice`, with the same input the app builds (a login test the app kept for a saved profile
/// counts too). With `progress`, each finished check is announced on stderr in that language.
/// Shared by `check` and `report`.
pub async fn run_checks(
    o: &Opened,
    options: CheckOptions,
    practice: Option<String>,
    progress: Option<Lang>,
) -> Result<CheckRun, CliError> {
    let cfg = dingtalk::Config::from_env();
    #[cfg(feature = "practice")]
    let (cfg, sim) = match &practice {
        Some(name) => {
            let sim = dingbind_practice::start(name).await?;
            let endpoints = sim.endpoints();
            (dingtalk::Config { endpoints, ..cfg }, Some(sim))
        }
        None => (cfg, None),
    };
    #[cfg(not(feature = "practice"))]
    if practice.is_some() {
        return Err(CliError::NoPractice);
    }
    let login = o
        .kept()
        .and_then(|s| history::last_login(&s, &o.binding.profile.id).ok()?);
    let input = o.binding.check_input(options, cfg, login.as_ref(), None);
    #[cfg(feature = "practice")]
    let scenario = sim.as_ref().map(|s| s.scenario.clone());
    #[cfg(not(feature = "practice"))]
    let scenario = None;
    let result = run(input, scenario, Cancel::new(), move |e| {
        if let (Some(lang), CheckEvent::Finished { result: c }) = (progress, e) {
            eprintln!("{} {:<36} {}", icon(c.status), c.id, c.message.get(lang));
        }
    })
    .await;
    #[cfg(feature = "practice")]
    if let Some(sim) = sim {
        sim.stop().await;
    }
    Ok(result)
}

pub async fn cmd_check(
    out: &Out,
    b: &Opened,
    options: CheckOptions,
    practice: Option<String>,
) -> u8 {
    let progress = (!out.json).then_some(out.lang);
    let result = match run_checks(b, options, practice, progress).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("✗ {}", e.message(out.lang));
            return 2;
        }
    };
    if out.json {
        out.json(&json!({
            "checks": result.checks.iter().map(|c| check_json(out, c)).collect::<Vec<_>>(),
            "summary": result.summary,
            "duration_ms": result.duration_ms,
            "cancelled": result.cancelled,
            "deadline_hit": result.deadline_hit,
            "practice": result.practice.as_ref().map(|p| &p.id),
        }));
    } else {
        for c in result
            .checks
            .iter()
            .filter(|c| matches!(c.status, CheckStatus::Fail | CheckStatus::Warn))
        {
            outln!(
                "{} {} — {}",
                icon(c.status),
                out.t(&c.title),
                out.t(&c.message)
            );
            match (&c.advice, &c.fix) {
                (Some(a), _) => print_advice(out, a, "    "),
                (None, Some(fix)) => outln!("    {}{}", out.say("修复：", "Fix: "), out.t(fix)),
                (None, None) => {}
            }
            if let Some(url) = &c.fix_url {
                outln!("    {url}");
            }
            let applies: Vec<ScopeApply> = c
                .data
                .get("scope_apply")
                .and_then(|v| serde_json::from_value(v.clone()).ok())
                .unwrap_or_default();
            print_applies(out, &applies, "    ");
            if let Some(o) = &c.original {
                outln!("    {}{o}", out.say("钉钉原话：", "DingTalk said: "));
            }
        }
        let s = result.summary;
        outln!(
            "{}",
            out.say(
                &format!(
                    "通过 {} · 失败 {} · 注意 {} · 跳过 {} · 需人工确认 {} · 用时 {} ms",
                    s.ok, s.fail, s.warn, s.skipped, s.manual, result.duration_ms
                ),
                &format!(
                    "ok {} · fail {} · warn {} · skipped {} · manual {} · {} ms",
                    s.ok, s.fail, s.warn, s.skipped, s.manual, result.duration_ms
                ),
            )
        );
    }
    if result.summary.fail > 0 {
        1
    } else {
        0
    }
}

pub fn cmd_explain(out: &Out, text: &str) -> u8 {
    let text = crate::arg_or_stdin(text);
    let found = explain(&text);
    if found.is_empty() {
        eprintln!(
            "{}",
            out.say(
                "请给出错误码、报错 JSON 或日志行",
                "give an errcode, an error body or a log line"
            )
        );
        return 2;
    }
    if out.json {
        // Always the contract's object, for the first error found; any further ones follow in
        // `more` (same shape), so a script reading `.code` works however much was pasted.
        let mut list = found.iter().map(|d| d.explain_json(out.lang));
        let mut first = list.next().unwrap_or_default();
        if let Value::Object(map) = &mut first {
            map.insert("more".into(), Value::Array(list.collect()));
        }
        out.json(&first);
    } else {
        for d in &found {
            let errcode = d
                .errcode
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            outln!("● {}{errcode}", d.code);
            print_advice(out, &d.advice, "  ");
            if let Some(url) = &d.fix_url {
                outln!("  {url}");
            }
            print_applies(out, &d.data.scope_apply, "  ");
            if let Some(o) = &d.original {
                outln!("  {}{o}", out.say("钉钉原话：", "DingTalk said: "));
            }
        }
    }
    0
}

/// A diagnosis as an admin follows it: 现象, 原因, then 去哪改 with the menu path and numbered steps,
/// then what else to know, one per line.
fn print_advice(out: &Out, a: &Advice, indent: &str) {
    outln!(
        "{indent}{}{}",
        out.say("现象：", "What you see: "),
        out.t(&a.symptom)
    );
    outln!("{indent}{}{}", out.say("原因：", "Why: "), out.t(&a.cause));
    let place = a
        .place
        .as_ref()
        .map(|p| out.t(p).to_owned())
        .unwrap_or_default();
    outln!("{indent}{}{place}", out.say("去哪改：", "Where to fix: "));
    for (i, step) in a.steps.iter().enumerate() {
        outln!("{indent}  {}. {}", i + 1, out.t(step));
    }
    if !a.notes.is_empty() {
        outln!(
            "{indent}{}",
            out.say("如果还不行：", "If that does not help:")
        );
        for note in &a.notes {
            outln!("{indent}  - {}", out.t(note));
        }
    }
}

/// One line per missing permission with DingTalk's apply page, when there are several (a single
/// one is already the fix link).
fn print_applies(out: &Out, applies: &[ScopeApply], indent: &str) {
    if applies.len() < 2 {
        return;
    }
    for a in applies {
        let name = a
            .name
            .as_ref()
            .map(|n| format!(" {}", out.t(n)))
            .unwrap_or_default();
        outln!(
            "{indent}{}{}{name}: {}",
            out.say("申请开通 ", "Apply for "),
            a.scope,
            a.url
        );
    }
}
