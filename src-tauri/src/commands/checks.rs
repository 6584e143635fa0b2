//! The live checks (streamed as `check-event`s), the kept runs, and the error explainer.

use super::practice::target;
use super::Res;
use crate::events::emit;
use dingbind_core::checks::{CheckOptions, CheckRun};
use dingbind_core::diagnosis::{explain, Diagnosis};
use dingbind_core::history::{RecordedRun, RunDiff, RunListItem};
use dingbind_core::workspace::Workspace;
use tauri::{AppHandle, Manager, Runtime};

/// Runs every check of the profile, streaming `check-event`s, keeps the run and returns it.
pub async fn run_checks<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    options: CheckOptions,
) -> Res<CheckRun> {
    let (cfg, scenario) = target(app).await;
    let events = app.clone();
    let ws = app.state::<Workspace>();
    let on_event = move |e| emit(&events, e);
    Ok(ws
        .run_checks(&profile_id, options, cfg, scenario, on_event)
        .await?)
}

/// Stops the run in progress (its unfinished checks end as cancelled).
pub fn cancel_checks<R: Runtime>(app: &AppHandle<R>) -> Res<()> {
    app.state::<Workspace>().cancel_checks();
    Ok(())
}

/// "I have an error message": an errcode, a JSON body or a log line → cause, fix, console link.
pub fn explain_error<R: Runtime>(_app: &AppHandle<R>, text: String) -> Res<Vec<Diagnosis>> {
    Ok(explain(&text))
}

/// The profile's kept runs, newest first.
pub fn list_runs<R: Runtime>(app: &AppHandle<R>, profile_id: String) -> Res<Vec<RunListItem>> {
    Ok(app.state::<Workspace>().runs(&profile_id)?)
}

/// One kept run of the profile, with every result.
pub fn get_run<R: Runtime>(app: &AppHandle<R>, profile_id: String, id: String) -> Res<RecordedRun> {
    Ok(app.state::<Workspace>().run(&profile_id, &id)?)
}

/// What changed from run `before` to run `after`.
pub fn diff_runs<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    before: String,
    after: String,
) -> Res<RunDiff> {
    Ok(app
        .state::<Workspace>()
        .diff_runs(&profile_id, &before, &after)?)
}
