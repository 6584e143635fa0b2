//! The live checks (streamed as `check-event`s), the kept runs, and the error explainer.

use super::practice::target;
use super::Res;
use crate::events::emit;
use dingbind_core::checks::{run, Cancel, CheckOptions, CheckRun};
use dingbind_core::diagnosis::{explain, Diagnosis};
use dingbind_core::history::{RecordedRun, RunDiff, RunListItem};
use dingbind_core::workspace::Workspace;
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};

/// The run in progress, so the admin can cancel it (app state).
#[derive(Default)]
pub struct RunningCheck(Mutex<Option<Cancel>>);

/// Runs every check of the open profile, streaming `check-event`s, and returns the whole run.
pub async fn run_checks<R: Runtime>(app: &AppHandle<R>, options: CheckOptions) -> Res<CheckRun> {
    let (cfg, scenario) = target(app).await;
    let ws = app.state::<Workspace>();
    let input = ws.check_input(options, cfg)?;
    let cancel = Cancel::new();
    if let Ok(mut slot) = app.state::<RunningCheck>().0.lock() {
        if let Some(previous) = slot.replace(cancel.clone()) {
            previous.cancel();
        }
    }
    let events = app.clone();
    let run = run(input, scenario, cancel, move |e| emit(&events, e)).await;
    // A run that was kept can be compared later; not keeping it must not hide the result.
    if let Err(e) = ws.record_run(run.clone()) {
        eprintln!("run not kept in history: {e}");
    }
    Ok(run)
}

pub fn cancel_checks<R: Runtime>(app: &AppHandle<R>) -> Res<()> {
    if let Some(c) = app
        .state::<RunningCheck>()
        .0
        .lock()
        .ok()
        .and_then(|mut s| s.take())
    {
        c.cancel();
    }
    Ok(())
}

/// "I have an error message": an errcode, a JSON body or a log line → cause, fix, console link.
pub fn explain_error<R: Runtime>(_app: &AppHandle<R>, text: String) -> Res<Vec<Diagnosis>> {
    Ok(explain(&text))
}

/// The open profile's kept runs, newest first.
pub fn list_runs<R: Runtime>(app: &AppHandle<R>) -> Res<Vec<RunListItem>> {
    Ok(app.state::<Workspace>().runs()?)
}

pub fn get_run<R: Runtime>(app: &AppHandle<R>, id: String) -> Res<RecordedRun> {
    Ok(app.state::<Workspace>().run(&id)?)
}

/// What changed from run `before` to run `after`.
pub fn diff_runs<R: Runtime>(app: &AppHandle<R>, before: String, after: String) -> Res<RunDiff> {
    Ok(app.state::<Workspace>().diff_runs(&before, &after)?)
}
