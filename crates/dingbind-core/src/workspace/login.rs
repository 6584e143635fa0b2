//! The login round trip of a profile as one use case: [`Workspace::login_start`] checks there is
//! something to log in with, listens on the loopback port, asks DingTalk's login page whether the
//! redirect URL is registered, applies the link policy to the page, and keeps the waiting session
//! here; [`Workspace::login_finish`] waits for the browser and keeps the result with the profile's
//! history. The host only opens the browser (or, in practice mode, lets the simulated phone scan).

use super::{lock, Workspace};
use crate::checks::{Cancel, CheckResult, CheckStatus};
use crate::console;
use crate::i18n::Text;
use crate::login::{self, LoginError, LoginSession, DEFAULT_PORT};
use serde::Serialize;
use std::sync::Mutex;
use std::time::Duration;
use ts_rs::TS;

/// DingTalk login codes live 5 minutes; waiting longer is pointless.
const WAIT: Duration = Duration::from_secs(300);

/// What the UI shows once the wizard listens.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LoginStarted {
    pub redirect_url: String,
    /// The login page to open: DingTalk's, or the login gateway the admin configured (checked).
    pub auth_url: String,
    /// DingTalk's login page visibly says the redirect URL is not registered: the test ends here
    /// with this result, and no browser opens.
    pub preflight: Option<CheckResult>,
    /// Something odd about the login page (an unusual HTTP status, the page unreachable from the
    /// wizard) worth showing beside the login; the browser opens anyway.
    pub preflight_warning: Option<Text>,
}

/// The login test waiting for its callback, and the cancel of the one being finished.
#[derive(Default)]
pub(super) struct LoginSlot {
    waiting: Mutex<Option<Waiting>>,
    cancel: Mutex<Option<Cancel>>,
}

struct Waiting {
    session: LoginSession,
    /// Whose history keeps the result, and the Client ID it logs in with.
    profile_id: String,
    client_id: String,
}

impl Workspace {
    /// Starts the login test of profile `profile_id` against `dingtalk`. Refused without a valid
    /// Client ID and Client Secret, and when the port is busy. A test still waiting is replaced
    /// (its port freed first). Unless the preflight already ended the test, the host then opens
    /// [`LoginStarted::auth_url`] and calls [`Workspace::login_finish`].
    pub async fn login_start(
        &self,
        profile_id: &str,
        dingtalk: dingtalk::Config,
    ) -> Result<LoginStarted, LoginError> {
        let ca = self.ca_file().map(|(path, _)| path);
        let login_input = self.binding(profile_id)?.login_input(dingtalk, ca)?;
        let login_base = login_input.dingtalk.endpoints.login.clone();
        let client_id = login_input.client_id.clone();
        // A new test replaces one still waiting (and frees its port first).
        self.login_cancel();
        drop(lock(&self.login.waiting).take());
        let session = login::start(login_input, DEFAULT_PORT).await?;
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
        // The same rule as every other link the app opens: DingTalk's login page, or the login
        // gateway the admin configured (the simulator's, in practice mode), nothing else.
        let page = console::resolve_login(&started.auth_url, &login_base)?;
        *lock(&self.login.waiting) = Some(Waiting {
            session,
            profile_id: profile_id.to_owned(),
            client_id,
        });
        Ok(LoginStarted {
            auth_url: page.to_string(),
            ..started
        })
    }

    /// Waits for the browser to come back and verifies the login. A finished test is kept with the
    /// profile's history: a passed one proves `Contact.User.Read` to the next live test.
    pub async fn login_finish(&self) -> Result<CheckResult, LoginError> {
        let waiting = lock(&self.login.waiting)
            .take()
            .ok_or(LoginError::NotWaiting)?;
        let cancel = Cancel::new();
        *lock(&self.login.cancel) = Some(cancel.clone());
        let result = waiting.session.finish(WAIT, cancel).await;
        if result.status != CheckStatus::Skipped {
            self.record_login(&waiting.profile_id, &waiting.client_id, result.clone())?;
        }
        Ok(result)
    }

    /// Stops waiting for the login being finished (it ends as skipped).
    pub fn login_cancel(&self) {
        if let Some(c) = lock(&self.login.cancel).take() {
            c.cancel();
        }
    }
}
