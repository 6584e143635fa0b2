//! Live checks, practice mode and the error explainer, as commands. A run streams its progress as
//! `check-event` events; practice mode keeps the DingTalk simulator running in-process on loopback
//! and points every run at it.

use crate::error::{ErrorCode, IpcError};
use dingbind_core::checks::{run, Cancel, CheckOptions, CheckRun};
use dingbind_core::diagnosis::{explain, Diagnosis};
use dingbind_core::workspace::{ProfileView, Workspace};
use dingbind_practice::{self as practice, Practice, PracticeError};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tokio::sync::Mutex;
use ts_rs::TS;

pub const CHECK_EVENT: &str = "check-event";
/// The platform domain a practice profile gets: the simulator's registered login callback uses it.
const PRACTICE_DOMAIN: &str = "oa.example.com";

#[derive(Default)]
pub struct Live {
    practice: Mutex<Option<Practice>>,
    cancel: std::sync::Mutex<Option<Cancel>>,
}

/// Practice mode as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PracticeStatus {
    /// The running scenario; `None` when checks go to the real DingTalk.
    pub scenario: Option<String>,
    pub scenarios: Vec<String>,
}

type Res<T> = Result<T, IpcError>;

impl Live {
    /// Where DingTalk is for the next call: the simulator in practice mode (with its scenario),
    /// else the real one (or whatever `DINGBIND_*_URL` says).
    pub async fn dingtalk(&self) -> (dingtalk::Config, Option<String>) {
        let mut cfg = dingtalk::Config::from_env();
        let scenario = match self.practice.lock().await.as_ref() {
            Some(p) => {
                cfg.endpoints = p.endpoints();
                Some(p.scenario.clone())
            }
            None => None,
        };
        (cfg, scenario)
    }
}

/// A scenario the simulator does not have is the caller's mistake; a simulator that cannot start
/// (no loopback port) or rejects a built-in scenario is ours.
fn practice_error(e: PracticeError) -> IpcError {
    let code = match e {
        PracticeError::UnknownScenario { .. } => ErrorCode::InvalidInput,
        PracticeError::Sim(_) => ErrorCode::Internal,
    };
    IpcError::new(code, e.to_string())
}

async fn status(live: &Live) -> PracticeStatus {
    PracticeStatus {
        scenario: live
            .practice
            .lock()
            .await
            .as_ref()
            .map(|p| p.scenario.clone()),
        scenarios: practice::scenario_names(),
    }
}

#[tauri::command]
pub async fn practice_status(live: State<'_, Live>) -> Res<PracticeStatus> {
    Ok(status(&live).await)
}

/// Starts practice mode with `scenario` (or switches the running simulator to it).
#[tauri::command]
pub async fn start_practice(live: State<'_, Live>, scenario: String) -> Res<PracticeStatus> {
    let mut slot = live.practice.lock().await;
    match slot.as_mut() {
        Some(p) => p.switch(&scenario).map_err(practice_error)?,
        None => *slot = Some(practice::start(&scenario).await.map_err(practice_error)?),
    }
    drop(slot);
    Ok(status(&live).await)
}

#[tauri::command]
pub async fn stop_practice(live: State<'_, Live>) -> Res<PracticeStatus> {
    if let Some(p) = live.practice.lock().await.take() {
        p.stop().await;
    }
    Ok(status(&live).await)
}

/// Fills the open profile with the simulated organisation's values, so a practice run has
/// something real to check.
#[tauri::command]
pub fn fill_practice_values(ws: State<'_, Workspace>) -> Res<ProfileView> {
    Ok(ws.fill_practice_values(&Practice::sample_values(), PRACTICE_DOMAIN)?)
}

/// Runs every check of the open profile, streaming `check-event`s, and returns the whole run.
#[tauri::command]
pub async fn run_checks<R: tauri::Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    live: State<'_, Live>,
    options: CheckOptions,
) -> Res<CheckRun> {
    let (cfg, scenario) = live.dingtalk().await;
    let input = ws.check_input(options, cfg)?;
    let cancel = Cancel::new();
    if let Ok(mut slot) = live.cancel.lock() {
        if let Some(previous) = slot.replace(cancel.clone()) {
            previous.cancel();
        }
    }
    let run = run(input, scenario, cancel, move |e| {
        let _ = app.emit(CHECK_EVENT, e);
    })
    .await;
    // A run that was kept can be compared later; not keeping it must not hide the result.
    if let Err(e) = ws.record_run(run.clone()) {
        eprintln!("run not kept in history: {e}");
    }
    Ok(run)
}

#[tauri::command]
pub fn cancel_checks(live: State<'_, Live>) {
    if let Some(c) = live.cancel.lock().ok().and_then(|mut s| s.take()) {
        c.cancel();
    }
}

/// "I have an error message": an errcode, a JSON body or a log line → cause, fix, console link.
#[tauri::command]
pub fn explain_error(text: String) -> Vec<Diagnosis> {
    explain(&text)
}
