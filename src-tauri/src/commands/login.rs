//! The login round trip. The core starts listening, checks the login page and keeps the waiting
//! test; the shell only opens the page in the browser (or, in practice mode, lets the simulated
//! phone scan it).

use super::practice::target;
use super::Res;
use crate::error::IpcError;
use dingbind_core::checks::CheckResult;
use dingbind_core::login::{self, DEFAULT_PORT};
use dingbind_core::workspace::{LoginStarted, Workspace};
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// The loopback redirect URL the admin registers for the login test.
pub fn login_redirect_url<R: Runtime>(_app: &AppHandle<R>) -> Res<String> {
    Ok(login::redirect_url(DEFAULT_PORT))
}

/// Starts the login test of the profile and opens DingTalk's login page (or, in practice mode,
/// lets the simulated phone scan it); a preflight that already failed ends the test here.
pub async fn login_start<R: Runtime>(app: &AppHandle<R>, profile_id: String) -> Res<LoginStarted> {
    let (cfg, practice) = target(app).await;
    let started = app
        .state::<Workspace>()
        .login_start(&profile_id, cfg)
        .await?;
    if started.preflight.is_some() {
        return Ok(started);
    }
    if practice.is_some() {
        // The simulated phone scans and confirms, a moment after the UI shows it is waiting.
        let auth_url = started.auth_url.clone();
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(Duration::from_millis(400)).await;
            if let Err(e) = login::simulate_browser(&auth_url).await {
                eprintln!("simulated login: {e}");
            }
        });
    } else {
        open::that_detached(&started.auth_url).map_err(IpcError::open_failed)?;
    }
    Ok(started)
}

/// Waits for the browser to come back and verifies the login; the core keeps the result with the
/// profile's history (a passed one proves `Contact.User.Read` to the next live test).
pub async fn login_finish<R: Runtime>(app: &AppHandle<R>) -> Res<CheckResult> {
    Ok(app.state::<Workspace>().login_finish().await?)
}

/// Stops waiting for the login (it ends as skipped).
pub fn login_cancel<R: Runtime>(app: &AppHandle<R>) -> Res<()> {
    app.state::<Workspace>().login_cancel();
    Ok(())
}
