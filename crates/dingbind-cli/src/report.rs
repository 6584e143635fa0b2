//! `dingbind report`: the binding report the app saves, headless — what was bound, what the admin
//! confirmed, what to scan and what the last check run found. Secrets appear only masked.

use crate::binding::{BindingArgs, Opened};
use crate::{block_on, check, secrets, Out};
use dingbind_core::checks::CheckOptions;
use dingbind_core::history;
use dingbind_core::report::Format;
use dingbind_core::store;
use serde_json::json;
use std::path::PathBuf;

/// The core's [`Format`] as a command-line value (`markdown` is accepted for `md`).
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One self-contained page that prints to A4.
    Html,
    /// GitHub Markdown.
    #[value(alias = "markdown")]
    Md,
    /// The self-describing document support mode (and `dingbind import`) reads back.
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Md => Format::Md,
            FormatArg::Json => Format::Json,
        }
    }
}

#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    binding: BindingArgs,
    /// html, md or json (default: html; json with --json).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Write the report to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Run the live checks now and report that run (exit 1 if a check fails). Without it the
    /// report shows the newest run the app kept for a saved profile, or "not tested yet".
    #[arg(long)]
    run_checks: bool,
    /// With --run-checks: against the built-in simulator with this scenario.
    #[arg(long, requires = "run_checks", value_name = "SCENARIO")]
    practice: Option<String>,
}

pub fn cmd_report(out: &Out, args: &ReportArgs) -> u8 {
    let Some(mut b) = Opened::load_lenient(&args.binding, out) else {
        return 2;
    };
    secrets::fill(&mut b, true);
    let format = args.format.map_or(
        if out.json { Format::Json } else { Format::Html },
        Format::from,
    );
    let kept = b.kept();
    let run = if args.run_checks {
        let progress = (!out.json).then_some(out.lang);
        let run = check::run_checks(&b, CheckOptions::default(), args.practice.clone(), progress);
        match block_on(run) {
            None => return 2,
            Some(Err(e)) => return out.fail("practice", &e.message(out.lang)),
            Some(Ok(run)) => Some(run),
        }
    } else {
        kept.as_ref()
            .and_then(|s| Some(history::latest(s, &b.binding.profile.id).ok()??.run))
    };
    let login = kept
        .as_ref()
        .and_then(|s| history::last_login(s, &b.binding.profile.id).ok()?);

    let sync = kept
        .as_ref()
        .and_then(|s| dingbind_core::sync::keep::summary(s, &b.binding.profile.id).ok()?);

    let login_base = dingtalk::Config::from_env().endpoints.login;
    let report = b.binding.report(
        &login_base,
        run.as_ref(),
        login.as_ref(),
        sync.as_ref(),
        &store::now(),
    );
    let text = format.render(&report, out.lang);
    if let Err(code) = out.write(args.output.as_deref(), text.as_bytes()) {
        return code;
    }
    if let Some(path) = &args.output {
        let verdict = report.summary.verdict;
        if out.json {
            out.json(&json!({ "written": path, "verdict": verdict }));
        } else {
            let verdict = serde_json::to_value(verdict).unwrap_or_default();
            let verdict = verdict.as_str().unwrap_or_default();
            outln!(
                "✓ {} {} ({verdict})",
                out.say("报告已写入", "report written to"),
                path.display()
            );
        }
    }
    match &run {
        Some(r) if args.run_checks && r.summary.fail > 0 => 1,
        _ => 0,
    }
}
