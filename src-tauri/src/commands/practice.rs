//! Practice mode: the DingTalk simulator running in-process on loopback, with a scenario the admin
//! picks; while it runs, every live check, scan code and login test goes to it.

use super::Res;
use dingbind_core::checks::PracticeScenario;
use dingbind_core::workspace::{ProfileView, Workspace};
use dingbind_practice::{self as practice, Practice};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Mutex;
use ts_rs::TS;

/// The platform domain a practice profile gets: the simulator's registered login callback uses it.
const PRACTICE_DOMAIN: &str = "oa.example.com";

/// Whether practice mode runs (app state).
#[derive(Default)]
pub struct PracticeSlot(Mutex<Option<Practice>>);

impl PracticeSlot {
    /// Where DingTalk is for the next call: the simulator in practice mode (with its scenario),
    /// else the real one (or whatever `DINGBIND_*_URL` says).
    pub async fn dingtalk(&self) -> (dingtalk::Config, Option<PracticeScenario>) {
        let mut cfg = dingtalk::Config::from_env();
        let scenario = match self.0.lock().await.as_ref() {
            Some(p) => {
                cfg.endpoints = p.endpoints();
                Some(p.scenario.clone())
            }
            None => None,
        };
        (cfg, scenario)
    }

    async fn status(&self) -> PracticeStatus {
        PracticeStatus {
            scenario: self.0.lock().await.as_ref().map(|p| p.scenario.clone()),
            scenarios: practice::scenarios(),
        }
    }
}

/// Where DingTalk is for the next call (see [`PracticeSlot::dingtalk`]).
pub async fn target<R: Runtime>(
    app: &AppHandle<R>,
) -> (dingtalk::Config, Option<PracticeScenario>) {
    app.state::<PracticeSlot>().dingtalk().await
}

/// Practice mode as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PracticeStatus {
    /// The running scenario; `None` when checks go to the real DingTalk.
    pub scenario: Option<PracticeScenario>,
    /// Every built-in scenario, in the simulator's order.
    pub scenarios: Vec<PracticeScenario>,
}

/// Whether practice mode runs, and with which scenario.
pub async fn practice_status<R: Runtime>(app: &AppHandle<R>) -> Res<PracticeStatus> {
    Ok(app.state::<PracticeSlot>().status().await)
}

/// Starts practice mode with `scenario` (or switches the running simulator to it).
pub async fn start_practice<R: Runtime>(
    app: &AppHandle<R>,
    scenario: String,
) -> Res<PracticeStatus> {
    let slot = app.state::<PracticeSlot>();
    let mut running = slot.0.lock().await;
    match running.as_mut() {
        Some(p) => p.switch(&scenario)?,
        None => *running = Some(practice::start(&scenario).await?),
    }
    drop(running);
    Ok(slot.status().await)
}

/// Leaves practice mode: checks go to the real DingTalk again.
pub async fn stop_practice<R: Runtime>(app: &AppHandle<R>) -> Res<PracticeStatus> {
    let slot = app.state::<PracticeSlot>();
    let running = slot.0.lock().await.take();
    if let Some(p) = running {
        p.stop().await;
    }
    Ok(slot.status().await)
}

/// Fills the open profile with the simulated organisation's values, so a practice run has
/// something real to check.
pub fn fill_practice_values<R: Runtime>(app: &AppHandle<R>) -> Res<ProfileView> {
    let ws = app.state::<Workspace>();
    Ok(ws.fill_practice_values(&Practice::sample_values(), PRACTICE_DOMAIN)?)
}
