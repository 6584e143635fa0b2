//! The login round trip: start listening and open the login page (or, in practice mode, let the
//! simulated phone scan), wait for the callback, cancel.

use super::practice::target;
use super::Res;
use crate::error::{ErrorCode, IpcError};
use dingbind_core::checks::{Cancel, CheckOptions, CheckResult, CheckStatus};
use dingbind_core::console;
use dingbind_core::field::Field;
use dingbind_core::i18n::Text;
use dingbind_core::login::{self, LoginInput, LoginSession, DEFAULT_PORT};
use dingbind_core::workspace::Workspace;
use serde::Serialize;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Mutex;
use ts_rs::TS;

/// DingTalk login codes live 5 minutes; waiting longer is pointless.
const WAIT: Duration = Duration::from_secs(300);

/// The login test in progress (app state).
#[derive(Default)]
pub struct LoginState {
    /// The test waiting for its callback, and the Client ID it logs in with.
    session: Mutex<Option<(LoginSession, String)>>,
    cancel: std::sync::Mutex<Option<Cancel>>,
}

/// What the UI shows once the wizard listens.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LoginStarted {
    pub redirect_url: String,
    pub auth_url: String,
    /// DingTalk's login page visibly says the redirect URL is not registered: the test ends here
    /// with this result, and no browser opens.
    pub preflight: Option<CheckResult>,
    /// Something odd about the login page (an unusual HTTP status, the page unreachable from the
    /// wizard) worth showing beside the login; the browser opens anyway.
    pub preflight_warning: Option<Text>,
}

pub fn login_redirect_url<R: Runtime>(_app: &AppHandle<R>) -> Res<String> {
    Ok(login::redirect_url(DEFAULT_PORT))
}

pub async fn login_start<R: Runtime>(app: &AppHandle<R>) -> Res<LoginStarted> {
    let (cfg, practice) = target(app).await;
    let input = app
        .state::<Workspace>()
        .check_input(CheckOptions::default(), cfg)?;
    let (Some(client_id), Some(client_secret)) = (
        input.value(Field::ClientId),
        input.secret(Field::ClientSecret),
    ) else {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            "请先填写有效的 Client ID 和 Client Secret / Enter a valid Client ID and Client Secret first",
        ));
    };
    let login_base = input.dingtalk.endpoints.login.clone();
    let login_input = LoginInput {
        client_id: client_id.to_owned(),
        client_secret: client_secret.to_owned(),
        corp_id: input.value(Field::CorpId).map(str::to_owned),
        corp_name: input.value(Field::CorpName).map(str::to_owned),
        dingtalk: input.dingtalk.clone(),
    };
    // A new test replaces one still waiting (and frees its port first).
    login_cancel(app)?;
    let state = app.state::<LoginState>();
    state.session.lock().await.take();
    let session = login::start(login_input, DEFAULT_PORT)
        .await
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, e.to_string()))?;
    let preflight = session.preflight().await;
    let started = LoginStarted {
        redirect_url: session.redirect_url().to_owned(),
        auth_url: session.auth_url().to_owned(),
        preflight: preflight.blocked().cloned(),
        preflight_warning: preflight.warning().cloned(),
    };
    if started.preflight.is_some() {
        return Ok(started);
    }
    let auth_url = started.auth_url.clone();
    if practice.is_some() {
        // The simulated phone scans and confirms, a moment after the UI shows it is waiting.
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(Duration::from_millis(400)).await;
            if let Err(e) = login::simulate_browser(&auth_url).await {
                eprintln!("simulated login: {e}");
            }
        });
    } else {
        // The same rule as every other link the app opens: DingTalk's login page, or the login
        // gateway the admin configured, nothing else.
        let page = console::resolve_login(&auth_url, &login_base)
            .map_err(|e| IpcError::new(ErrorCode::NotAllowed, e.to_string()))?;
        open::that_detached(page.as_str())
            .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?;
    }
    *state.session.lock().await = Some((session, client_id.to_owned()));
    Ok(started)
}

/// Waits for the browser to come back and verifies the login. A finished test is kept with the
/// profile's history: a passed one proves `Contact.User.Read` to the next live test.
pub async fn login_finish<R: Runtime>(app: &AppHandle<R>) -> Res<CheckResult> {
    let state = app.state::<LoginState>();
    let (session, client_id) = state
        .session
        .lock()
        .await
        .take()
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, "no login test is waiting"))?;
    let cancel = Cancel::new();
    if let Ok(mut slot) = state.cancel.lock() {
        *slot = Some(cancel.clone());
    }
    let result = session.finish(WAIT, cancel).await;
    if result.status != CheckStatus::Skipped {
        app.state::<Workspace>()
            .record_login(&client_id, result.clone())?;
    }
    Ok(result)
}

pub fn login_cancel<R: Runtime>(app: &AppHandle<R>) -> Res<()> {
    let state = app.state::<LoginState>();
    if let Some(c) = state.cancel.lock().ok().and_then(|mut s| s.take()) {
        c.cancel();
    }
    Ok(())
}
