//! The shared state behind every request: the current scenario (switchable live), the remembered
//! world ([`Store`]), the request log and the shutdown signal.
//!
//! It also owns the one authentication rule both API families share: token → app → expiry fault
//! → IP whitelist. The families differ only in how they *word* a failure, which the extractors in
//! [`crate::auth`] decide.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::requests::RequestRecord;
use crate::scenario::{App, Scenario};
use crate::store::{Store, UserGrant, TOKEN_TTL};

/// Why a request could not be authenticated; each family words this differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthFailure {
    Missing,
    Invalid,
    Expired,
    IpBlocked { ip: String, client_id: String },
}

/// A successfully authenticated caller.
#[derive(Debug, Clone)]
pub struct Authed {
    pub scenario: Arc<Scenario>,
    pub app: App,
}

/// State shared by all handlers.
pub struct SimState {
    scenario: RwLock<Arc<Scenario>>,
    store: Mutex<Store>,
    log: Mutex<Vec<RequestRecord>>,
    shutdown: watch::Receiver<bool>,
    /// Arrivals in the last second, per (Client ID, API path), for `qps_per_api`.
    windows: Mutex<HashMap<(String, String), VecDeque<Instant>>>,
    /// Calls refused for exceeding `qps_per_api`.
    throttled: AtomicUsize,
    /// The most calls served in one second to one (app, API) so far.
    peak_qps: AtomicUsize,
}

impl SimState {
    pub fn new(scenario: Scenario, shutdown: watch::Receiver<bool>) -> Self {
        Self {
            scenario: RwLock::new(Arc::new(scenario)),
            store: Mutex::new(Store::default()),
            log: Mutex::new(Vec::new()),
            shutdown,
            windows: Mutex::new(HashMap::new()),
            throttled: AtomicUsize::new(0),
            peak_qps: AtomicUsize::new(0),
        }
    }

    /// The scenario in force right now.
    pub fn scenario(&self) -> Arc<Scenario> {
        self.scenario
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Switch worlds: login codes, messages, todos and fault counters are forgotten. App tokens
    /// survive only for apps whose Client ID and Secret are unchanged, as a console edit (scope,
    /// range, whitelist) does not revoke tokens but a different secret means a different app.
    pub fn set_scenario(&self, scenario: Scenario) {
        let mut store = self.store();
        let mut current = self.scenario.write().unwrap_or_else(|e| e.into_inner());
        let unchanged = |client_id: &str| {
            let secret = |s: &Scenario| {
                s.app_by_client_id(client_id)
                    .map(|a| a.client_secret.clone())
            };
            secret(&current).is_some() && secret(&current) == secret(&scenario)
        };
        *store = store.carry_over_tokens(unchanged);
        *current = Arc::new(scenario);
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn log(&self) -> MutexGuard<'_, Vec<RequestRecord>> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sleep, but wake up early when the simulator shuts down. Returns false if interrupted.
    pub async fn sleep(&self, duration: Duration) -> bool {
        let mut shutdown = self.shutdown.clone();
        tokio::select! {
            _ = tokio::time::sleep(duration) => true,
            _ = shutdown.wait_for(|stop| *stop) => false,
        }
    }

    /// Admits a call of `client_id` to `api_path` under a per-app, per-API limit of `limit` calls
    /// in any one second (DOCS 1433), or refuses it (counted in [`Self::throttled`]). Refused
    /// calls do not count towards the window.
    pub fn admit(&self, client_id: &str, api_path: &str, limit: u32) -> bool {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let window = windows
            .entry((client_id.to_owned(), api_path.to_owned()))
            .or_default();
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            window.pop_front();
        }
        if window.len() >= limit as usize {
            self.throttled.fetch_add(1, Ordering::Relaxed);
            return false;
        }
        window.push_back(now);
        self.peak_qps.fetch_max(window.len(), Ordering::Relaxed);
        true
    }

    /// Calls refused by the per-app, per-API limit so far.
    pub fn throttled(&self) -> usize {
        self.throttled.load(Ordering::Relaxed)
    }

    /// The most calls one app made to one API within one second so far.
    pub fn peak_qps(&self) -> usize {
        self.peak_qps.load(Ordering::Relaxed)
    }

    /// Authenticate an app access token (either family) for a request to `api_path`.
    pub fn authenticate_app(
        &self,
        token: Option<&str>,
        api_path: &str,
    ) -> Result<Authed, AuthFailure> {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or(AuthFailure::Missing)?;
        let scenario = self.scenario();
        let mut store = self.store();
        let entry = store.app_token_mut(token).ok_or(AuthFailure::Invalid)?;
        let (client_id, uses, age) = (entry.client_id.clone(), entry.uses, entry.issued.elapsed());
        let app = scenario
            .app_by_client_id(&client_id)
            .ok_or(AuthFailure::Invalid)?
            .clone();
        if age >= TOKEN_TTL || store.take_token_expiry(&scenario, api_path, uses) {
            store.revoke_app_token(token);
            return Err(AuthFailure::Expired);
        }
        if let Some(entry) = store.app_token_mut(token) {
            entry.uses += 1;
        }
        drop(store);
        check_ip(&scenario, &app)?;
        Ok(Authed { scenario, app })
    }

    /// Authenticate a user access token (from `userAccessToken`).
    pub fn authenticate_user(
        &self,
        token: Option<&str>,
    ) -> Result<(Authed, UserGrant), AuthFailure> {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or(AuthFailure::Missing)?;
        let scenario = self.scenario();
        let grant = self
            .store()
            .user_token(token)
            .cloned()
            .ok_or(AuthFailure::Invalid)?;
        let app = scenario
            .app_by_client_id(&grant.client_id)
            .ok_or(AuthFailure::Invalid)?
            .clone();
        check_ip(&scenario, &app)?;
        Ok((Authed { scenario, app }, grant))
    }

    /// Note a request's arrival; returns its index for [`Self::log_status`].
    pub fn log_arrival(&self, record: RequestRecord) -> usize {
        let mut log = self.log();
        log.push(record);
        log.len() - 1
    }

    /// Fill in the status of a logged request.
    pub fn log_status(&self, index: usize, status: u16) {
        if let Some(record) = self.log().get_mut(index) {
            record.status = Some(status);
        }
    }
}

/// The 服务器出口IP check, shared by token endpoints and authenticated calls.
pub fn check_ip(scenario: &Scenario, app: &App) -> Result<(), AuthFailure> {
    if app.allows_ip(&scenario.egress_ip) {
        Ok(())
    } else {
        Err(AuthFailure::IpBlocked {
            ip: scenario.egress_ip.clone(),
            client_id: app.client_id.clone(),
        })
    }
}

/// Shared pointer type handlers receive.
pub type Shared = Arc<SimState>;
