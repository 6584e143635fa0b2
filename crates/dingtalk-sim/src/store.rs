//! What the simulated DingTalk remembers between requests: issued tokens, login codes, sent work
//! notifications, created todos, and how often each fault has fired.
//!
//! All of it is reset when the scenario is switched (app tokens of unchanged apps excepted, see
//! [`crate::state::SimState::set_scenario`]). Lifetimes: app and user tokens 7200 s
//! (re-requesting an app token returns the same one and extends it, DOCS 0033), login codes 5
//! minutes and single use (`docs/dingtalk/login.md`).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::reply::{random_alnum, random_hex};
use crate::scenario::{Fault, FaultKind, Scenario};

/// Lifetime of app and user access tokens (`expires_in` / `expireIn`).
pub const TOKEN_TTL: Duration = Duration::from_secs(7200);
/// Default lifetime of a login code.
pub const CODE_TTL: Duration = Duration::from_secs(300);

/// An app access token.
#[derive(Debug, Clone)]
pub struct AppToken {
    pub client_id: String,
    pub issued: Instant,
    /// Successful authentications so far (drives `token_expiry.after_uses`).
    pub uses: u32,
}

/// Who a login code or user token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserGrant {
    pub client_id: String,
    pub unionid: String,
    /// The login asked for `scope=openid corpid`, so `userAccessToken` returns `corpId`.
    pub with_corp_id: bool,
}

#[derive(Debug, Clone)]
struct Expiring<T> {
    value: T,
    issued: Instant,
    ttl: Duration,
}

impl<T> Expiring<T> {
    fn alive(&self) -> bool {
        self.issued.elapsed() < self.ttl
    }
}

/// The `send_result` of one `asyncsend_v2` task (DOCS 0773).
#[derive(Debug, Clone, Default)]
pub struct SendResult {
    pub agent_id: i64,
    pub invalid_user_id_list: Vec<String>,
    pub forbidden_user_id_list: Vec<String>,
    pub failed_user_id_list: Vec<String>,
    pub read_user_id_list: Vec<String>,
    pub unread_user_id_list: Vec<String>,
    pub invalid_dept_id_list: Vec<i64>,
    /// `(code, userid)` entries of `forbidden_list`, e.g. `("143106", "manager4220")`.
    pub forbidden_list: Vec<(String, String)>,
}

/// A todo created through the API (DOCS 0793).
#[derive(Debug, Clone)]
pub struct TodoTask {
    pub id: String,
    /// The unionId in the creation path.
    pub owner: String,
    pub body: Value,
    pub created_ms: i64,
}

/// The mutable world. Guarded by one mutex in [`crate::state::SimState`].
#[derive(Debug, Default)]
pub struct Store {
    app_tokens: HashMap<String, AppToken>,
    user_tokens: HashMap<String, Expiring<UserGrant>>,
    refresh_tokens: HashMap<String, UserGrant>,
    codes: HashMap<String, Expiring<UserGrant>>,
    sends: HashMap<i64, SendResult>,
    /// `(userid, message JSON)` pairs already delivered: DingTalk drops identical repeats (143106).
    pub delivered: HashSet<(String, String)>,
    pub todos: Vec<TodoTask>,
    fault_fired: Vec<u32>,
    next_task_id: i64,
}

impl Store {
    /// The current app token for this app, extended; or a fresh one.
    pub fn issue_app_token(&mut self, client_id: &str) -> String {
        let existing = self
            .app_tokens
            .iter_mut()
            .find(|(_, t)| t.client_id == client_id && t.issued.elapsed() < TOKEN_TTL);
        if let Some((token, entry)) = existing {
            entry.issued = Instant::now();
            return token.clone();
        }
        self.app_tokens.retain(|_, t| t.client_id != client_id);
        let token = random_hex(32);
        self.app_tokens.insert(
            token.clone(),
            AppToken {
                client_id: client_id.to_owned(),
                issued: Instant::now(),
                uses: 0,
            },
        );
        token
    }

    /// A fresh store that keeps only the app tokens of apps `keep` accepts.
    pub fn carry_over_tokens(&self, keep: impl Fn(&str) -> bool) -> Store {
        let app_tokens = self
            .app_tokens
            .iter()
            .filter(|(_, t)| keep(&t.client_id))
            .map(|(k, t)| (k.clone(), t.clone()))
            .collect();
        Store {
            app_tokens,
            ..Store::default()
        }
    }

    /// The Client ID an app token was issued to (expired or not).
    pub fn app_token_client(&self, token: &str) -> Option<String> {
        self.app_tokens.get(token).map(|t| t.client_id.clone())
    }

    pub fn app_token_mut(&mut self, token: &str) -> Option<&mut AppToken> {
        self.app_tokens.get_mut(token)
    }

    pub fn revoke_app_token(&mut self, token: &str) {
        self.app_tokens.remove(token);
    }

    /// A single-use login code; `expired` issues one that is already dead.
    pub fn issue_code(&mut self, grant: UserGrant, ttl: Duration, expired: bool) -> String {
        let code = random_hex(32);
        let ttl = if expired { Duration::ZERO } else { ttl };
        let entry = Expiring {
            value: grant,
            issued: Instant::now(),
            ttl,
        };
        self.codes.insert(code.clone(), entry);
        code
    }

    /// Consume a login code issued to this app: `None` if unknown, used, expired or foreign.
    pub fn redeem_code(&mut self, code: &str, client_id: &str) -> Option<UserGrant> {
        let entry = self.codes.get(code)?;
        if entry.value.client_id != client_id {
            return None;
        }
        let entry = self.codes.remove(code)?;
        entry.alive().then_some(entry.value)
    }

    /// A user access token and refresh token for the grant.
    pub fn issue_user_token(&mut self, grant: UserGrant) -> (String, String) {
        let token = random_hex(32);
        let refresh = random_alnum(32);
        self.refresh_tokens.insert(refresh.clone(), grant.clone());
        let entry = Expiring {
            value: grant,
            issued: Instant::now(),
            ttl: TOKEN_TTL,
        };
        self.user_tokens.insert(token.clone(), entry);
        (token, refresh)
    }

    /// Consume a refresh token issued to this app.
    pub fn redeem_refresh(&mut self, refresh: &str, client_id: &str) -> Option<UserGrant> {
        let grant = self.refresh_tokens.get(refresh)?;
        if grant.client_id != client_id {
            return None;
        }
        self.refresh_tokens.remove(refresh)
    }

    pub fn user_token(&self, token: &str) -> Option<&UserGrant> {
        self.user_tokens
            .get(token)
            .filter(|e| e.alive())
            .map(|e| &e.value)
    }

    /// Store a send result and return its `task_id`.
    pub fn record_send(&mut self, result: SendResult) -> i64 {
        if self.next_task_id == 0 {
            self.next_task_id = 256_271_667_526; // the documented example task_id
        }
        self.next_task_id += 1 + rand::random::<u8>() as i64;
        self.sends.insert(self.next_task_id, result);
        self.next_task_id
    }

    pub fn send_result(&self, task_id: i64) -> Option<&SendResult> {
        self.sends.get(&task_id)
    }

    /// Fire the first fault that `wanted` accepts, that matches the path and that has uses left.
    pub fn take_fault(
        &mut self,
        scenario: &Scenario,
        api_path: &str,
        wanted: impl Fn(&Fault) -> bool,
    ) -> Option<Fault> {
        self.fault_fired.resize(scenario.faults.len(), 0);
        let (index, fault) = scenario.faults.iter().enumerate().find(|(i, f)| {
            wanted(f)
                && f.path.as_deref().is_none_or(|p| api_path.contains(p))
                && f.count.is_none_or(|n| self.fault_fired[*i] < n)
        })?;
        self.fault_fired[index] += 1;
        Some(fault.clone())
    }

    /// Whether the `token_expiry` fault should expire this token now (consumes one use).
    pub fn take_token_expiry(&mut self, scenario: &Scenario, api_path: &str, uses: u32) -> bool {
        self.take_fault(scenario, api_path, |f| {
            f.kind == FaultKind::TokenExpiry && uses >= f.after_uses
        })
        .is_some()
    }
}
