//! Starting, steering and stopping a simulator: [`Sim::start`] and the [`SimHandle`] it returns.
//!
//! One HTTP server on 127.0.0.1 serves all three DingTalk hosts under path prefixes (see
//! [`crate::requests`]). The handle exposes the base URLs to configure a client with
//! (`DINGBIND_OAPI_URL`, `DINGBIND_API_URL`, `DINGBIND_LOGIN_URL`), the request log, live scenario
//! switching, and shutdown (explicit, or on drop).

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::{Result, SimError};
use crate::requests::{RequestRecord, API_PREFIX, LOGIN_PREFIX, OAPI_PREFIX};
use crate::router::router;
use crate::scenario::Scenario;
use crate::state::SimState;

/// How long [`SimHandle::shutdown`] waits for in-flight requests before aborting the server.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Entry point: `Sim::start(scenario, port).await`.
pub struct Sim;

impl Sim {
    /// Serve the scenario on `127.0.0.1:port` (`0` = any free port). Must run inside a tokio
    /// runtime; the server runs as a task on it until the handle is shut down or dropped.
    pub async fn start(scenario: Scenario, port: u16) -> Result<SimHandle> {
        scenario.validate()?;
        let bind_err = |source| SimError::Bind { port, source };
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(bind_err)?;
        let addr = listener.local_addr().map_err(bind_err)?;
        let (stop_tx, stop_rx) = watch::channel(false);
        let state = Arc::new(SimState::new(scenario, stop_rx.clone()));
        let app = router(state.clone());
        let mut stop = stop_rx;
        let task = tokio::spawn(async move {
            let signal = async move {
                let _ = stop.wait_for(|stopped| *stopped).await;
            };
            // An accept error ends the server; the handle's URLs then refuse connections, which
            // is what a test would see from a dead DingTalk anyway.
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(signal)
                .await;
        });
        Ok(SimHandle {
            addr,
            state,
            stop: stop_tx,
            task: Some(task),
        })
    }
}

/// A running simulator.
pub struct SimHandle {
    addr: SocketAddr,
    state: Arc<SimState>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl SimHandle {
    /// The socket address the simulator listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stand-in for `https://oapi.dingtalk.com` (`DINGBIND_OAPI_URL`): `{base}/oapi`.
    pub fn oapi_url(&self) -> String {
        format!("{}{OAPI_PREFIX}", self.base_url())
    }

    /// Stand-in for `https://api.dingtalk.com` (`DINGBIND_API_URL`): `{base}/api`.
    pub fn api_url(&self) -> String {
        format!("{}{API_PREFIX}", self.base_url())
    }

    /// Stand-in for `https://login.dingtalk.com` (`DINGBIND_LOGIN_URL`): `{base}/login`.
    pub fn login_url(&self) -> String {
        format!("{}{LOGIN_PREFIX}", self.base_url())
    }

    /// The scenario in force.
    pub fn scenario(&self) -> Scenario {
        (*self.state.scenario()).clone()
    }

    /// Switch to another scenario without restarting. Login codes, user tokens, sent messages,
    /// todos and fault counters are forgotten; app tokens survive for apps whose Client ID and
    /// Secret are unchanged (so a cached token meets the new scopes, ranges and whitelist); the
    /// request log is kept.
    pub fn set_scenario(&self, scenario: Scenario) -> Result<()> {
        scenario.validate()?;
        self.state.set_scenario(scenario);
        Ok(())
    }

    /// Requests received so far (including ones still in progress).
    pub fn request_count(&self) -> usize {
        self.state.log().len()
    }

    /// A copy of the request log, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.state.log().clone()
    }

    /// How many requests went to a documented path containing `fragment` (e.g. `"/gettoken"`).
    pub fn requests_to(&self, fragment: &str) -> usize {
        self.state
            .log()
            .iter()
            .filter(|r| r.api_path.contains(fragment))
            .count()
    }

    /// Calls refused so far for exceeding the scenario's `qps_per_api` (answered 90018 or 403
    /// `QpsLimitForAppkeyAndApi`).
    pub fn throttled(&self) -> usize {
        self.state.throttled()
    }

    /// The most calls one app made to one API within any one second so far (counted only under
    /// a `qps_per_api` limit).
    pub fn peak_qps(&self) -> usize {
        self.state.peak_qps()
    }

    /// Forget the request log.
    pub fn clear_requests(&self) {
        self.state.log().clear();
    }

    /// Stop serving: wake hanging requests, let in-flight ones finish (up to 5 s), close the port.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }
}

impl Drop for SimHandle {
    /// Signals shutdown; the server task winds down on its runtime.
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

impl fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimHandle")
            .field("base_url", &self.base_url())
            .field("scenario", &self.state.scenario().name)
            .finish()
    }
}
