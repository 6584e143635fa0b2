//! `dingbind report`: the binding report the app saves, headless — what was bound, what the admin
//! confirmed, what to scan and what the last check run found. Secrets appear only masked.

use crate::binding::{data_dir_of, Binding, BindingArgs};
use crate::{block_on, check, secrets, Out};
use dingbind_core::checks::CheckOptions;
use dingbind_core::profile::evaluate;
use dingbind_core::report::{self, ReportInput};
use dingbind_core::scan::{self, ScanInput};
use dingbind_core::store::{self, Store};
use dingbind_core::{history, Field};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained page that prints to A4.
    Html,
    /// GitHub Markdown.
    #[value(alias = "markdown")]
    Md,
    /// The self-describing document support mode (and `dingbind import`) reads back.
    Json,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    binding: BindingArgs,
    /// html, md or json (default: html; json with --json).
    #[arg(long, value_enum)]
    format: Option<Format>,
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

/// The history the app keeps for a profile saved in its data folder (`<data>/profiles/<id>.json`,
/// runs in `<data>/history/<id>.json`).
fn kept_history(b: &Binding) -> Option<Store> {
    let data = data_dir_of(b.path.as_deref()?, &b.profile.id)?;
    Store::open(data).ok()
}

pub fn cmd_report(out: &Out, args: &ReportArgs) -> u8 {
    let Some(b) = Binding::load_lenient(&args.binding, out) else {
        return 2;
    };
    let format = args
        .format
        .unwrap_or(if out.json { Format::Json } else { Format::Html });
    let kept = kept_history(&b);
    let run = if args.run_checks {
        let progress = (!out.json).then_some(out.lang);
        let run = check::run_checks(&b, CheckOptions::default(), args.practice.clone(), progress);
        match block_on(run) {
            None => return 2,
            Some(Err(e)) => return out.fail("practice", &e.to_string()),
            Some(Ok(run)) => Some(run),
        }
    } else {
        kept.as_ref()
            .and_then(|s| Some(history::latest(s, &b.profile.id).ok()??.run))
    };
    let login = kept
        .as_ref()
        .and_then(|s| history::last_login(s, &b.profile.id).ok()?);

    let evaluation = evaluate(&b.template, &b.profile, &secrets::values(&b, true));
    let values: BTreeMap<Field, String> = evaluation
        .fields
        .iter()
        .filter(|(f, v)| v.ok && !f.is_secret() && !v.value.is_empty())
        .map(|(f, v)| (*f, v.value.clone()))
        .collect();
    // The same `state` as the app's codes for a saved profile, so both print the same QR codes.
    let state = match &b.profile_id {
        Some(id) => format!("dingbind-{}", id.chars().take(8).collect::<String>()),
        None => "dingbind".to_string(),
    };
    let login_base = dingtalk::Config::from_env().endpoints.login;
    let codes = scan::codes(&ScanInput {
        values: &values,
        urls: &evaluation.urls,
        login_base: &login_base,
        state: &state,
    });
    let report = report::build(&ReportInput {
        profile: &b.profile,
        template: &b.template,
        evaluation: &evaluation,
        scan_codes: &codes,
        last_run: run.as_ref(),
        login: login.as_ref(),
        app_version: env!("CARGO_PKG_VERSION"),
        generated_at: &store::now(),
    });
    let text = match format {
        Format::Html => report::html(&report, out.lang),
        Format::Md => report::markdown(&report, out.lang),
        Format::Json => report::json(&report),
    };
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
