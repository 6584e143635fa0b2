//! The DingTalk checks. Calls several checks need (the token, the staff count, the department list,
//! one page of members) are shared futures: made once, awaited by every check that needs them, so a
//! check starts the moment its input is ready and nothing is asked of DingTalk twice.
//!
//! This module holds the shared context ([`Ctx`]) and the dispatch from a check's id to its probe;
//! the probes themselves are grouped by what they prove: [`credentials`] (token, IP whitelist,
//! CorpId, AgentId), [`scopes`] (permissions), [`contact`] (departments, staff, visible range),
//! [`features`] (work message, SSO, attendance), [`platform`] (the platform's own domain, URLs
//! and event callback) and [`stream`] (the Stream gateway, for platforms that take events by
//! Stream).

use super::network;
use super::outcome::{diagnose, Outcome};
use super::plan::{PlannedCheck, STREAM, TOKEN};
use super::{CheckInput, PracticeScenario};
use crate::diagnosis::{Diagnosis, DiagnosisCode, DiagnosisData};
use crate::field::Field;
use dingtalk::api::{AuthScopes, Department, UserPage};
use dingtalk::{ApiError, Credentials, DingTalk, Exchange};
use futures::future::{BoxFuture, FutureExt, Shared};
use std::sync::Arc;

/// Runs one client call with a fresh trace: `traced!(|t| client.call(&mut t, ..))`.
macro_rules! traced {
    (|$t:ident| $call:expr) => {{
        let mut $t = Vec::new();
        let r = $call.await;
        (r, $t)
    }};
}

mod contact;
mod credentials;
mod features;
mod platform;
mod scopes;
mod stream;

/// A shared call's result with the exchanges it made.
#[derive(Clone)]
pub struct Fetched<T: Clone> {
    pub result: Result<T, Blocked>,
    pub trace: Vec<Exchange>,
}

/// Why a shared call did not happen or failed.
#[derive(Clone, Debug)]
pub enum Blocked {
    /// Values not entered yet.
    Missing(Vec<Field>),
    /// A check it depends on failed.
    Upstream(String),
    Api(ApiError),
}

type Shared_<T> = Shared<BoxFuture<'static, Fetched<T>>>;

pub struct Ctx {
    pub input: CheckInput,
    pub practice: Option<PracticeScenario>,
    pub http: reqwest::Client,
    client: Option<Arc<DingTalk>>,
    token: Shared_<()>,
    count: Shared_<i64>,
    depts: Shared_<Vec<Department>>,
    members: Shared_<UserPage>,
    /// `GET /auth/scopes`: needs only `qyapi_base`, which every app holds, so it is the business
    /// call that proves the egress-IP whitelist, and it also tells the contact range.
    scopes: Shared_<AuthScopes>,
}

/// The check that reports an egress IP DingTalk refused; every other check skips on it.
const WHITELIST: &str = "network.ip_whitelist";

fn shared<T: Clone + Send + Sync + 'static>(
    f: impl std::future::Future<Output = Fetched<T>> + Send + 'static,
) -> Shared_<T> {
    f.boxed().shared()
}

/// Runs `call` once the token is there; otherwise reports why not.
fn after_token<T, F, Fut>(client: Option<Arc<DingTalk>>, token: Shared_<()>, call: F) -> Shared_<T>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce(Arc<DingTalk>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = (Result<T, ApiError>, Vec<Exchange>)> + Send,
{
    shared(async move {
        match (token.await.result, client) {
            (Ok(()), Some(c)) => {
                let (r, trace) = call(c).await;
                Fetched {
                    result: r.map_err(Blocked::Api),
                    trace,
                }
            }
            (Err(Blocked::Missing(m)), _) => Fetched {
                result: Err(Blocked::Missing(m)),
                trace: Vec::new(),
            },
            _ => Fetched {
                result: Err(Blocked::Upstream(TOKEN.into())),
                trace: Vec::new(),
            },
        }
    })
}

// `Err(Outcome)` is a check's final answer, produced once per check: its size costs nothing.
#[allow(clippy::result_large_err)]
impl Ctx {
    pub fn new(input: CheckInput, practice: Option<PracticeScenario>) -> Result<Self, ApiError> {
        let http = dingtalk::shared_client(input.dingtalk.extra_ca_file.as_deref())?;
        let mut missing = Vec::new();
        if input.value(Field::ClientId).is_none() {
            missing.push(Field::ClientId);
        }
        if input.secret(Field::ClientSecret).is_none() {
            missing.push(Field::ClientSecret);
        }
        let client = if missing.is_empty() {
            let creds = Credentials {
                client_id: input.value(Field::ClientId).unwrap_or_default().to_string(),
                client_secret: input
                    .secret(Field::ClientSecret)
                    .unwrap_or_default()
                    .to_string(),
            };
            Some(Arc::new(DingTalk::new(input.dingtalk.clone(), creds)?))
        } else {
            None
        };
        let c = client.clone();
        let token: Shared_<()> = shared(async move {
            match c {
                None => Fetched {
                    result: Err(Blocked::Missing(missing)),
                    trace: Vec::new(),
                },
                Some(c) => {
                    let (r, trace) = traced!(|t| c.access_token(&mut t));
                    Fetched {
                        result: r.map(|_| ()).map_err(Blocked::Api),
                        trace,
                    }
                }
            }
        });
        let count = after_token(client.clone(), token.clone(), |c| async move {
            traced!(|t| c.user_count(&mut t))
        });
        let depts = after_token(client.clone(), token.clone(), |c| async move {
            traced!(|t| c.department_listsub(&mut t, 1))
        });
        let members = after_token(client.clone(), token.clone(), |c| async move {
            traced!(|t| c.user_list(&mut t, 1, 0, 10))
        });
        let scopes = after_token(client.clone(), token.clone(), |c| async move {
            traced!(|t| c.auth_scopes(&mut t))
        });
        Ok(Self {
            input,
            practice,
            http,
            client,
            token,
            count,
            depts,
            members,
            scopes,
        })
    }

    fn client(&self) -> Arc<DingTalk> {
        self.client.clone().expect("awaited the token first")
    }

    /// The outcome for a check whose shared input was blocked.
    fn blocked(&self, b: &Blocked) -> Outcome {
        match b {
            Blocked::Missing(fields) => Outcome::missing(fields),
            Blocked::Upstream(id) => Outcome::skipped(
                vec![id.clone()],
                format!("“{id}”未通过，暂不检查"),
                format!("Not checked: “{id}” did not pass"),
            ),
            Blocked::Api(e) => Outcome::from_diagnosis(self.diagnose(e)),
        }
    }

    /// The diagnosis of a DingTalk answer, knowing which app asked: a missing permission gets
    /// DingTalk's apply link for this Client ID even when DingTalk's text did not carry it.
    fn diagnose(&self, e: &ApiError) -> Diagnosis {
        let d = diagnose(e);
        match (&d.data.app_key, self.input.value(Field::ClientId)) {
            (None, Some(id)) if d.code == DiagnosisCode::MissingScope => {
                let data = DiagnosisData {
                    app_key: Some(id.to_string()),
                    ..d.data.clone()
                };
                d.with_data(data)
            }
            _ => d,
        }
    }

    /// A failed call as a check's outcome ([`Outcome::from_diagnosis`]'s rules). A refused egress
    /// IP is reported once, by the whitelist check, and only skips here; should this call be
    /// refused while the whitelist's own call passed, it is this check's failure.
    async fn error(&self, e: &ApiError) -> Outcome {
        let d = self.diagnose(e);
        if d.code == DiagnosisCode::IpNotWhitelisted {
            let ip_refused = |f: &Result<_, Blocked>| matches!(f, Err(Blocked::Api(w)) if diagnose(w).code == DiagnosisCode::IpNotWhitelisted);
            let token = self.token.clone().await.result;
            if ip_refused(&token) || ip_refused(&self.scopes.clone().await.result.map(drop)) {
                return self.blocked(&Blocked::Upstream(WHITELIST.into()));
            }
        }
        Outcome::from_diagnosis(d)
    }

    /// Awaits the token; `Err` is this check's outcome when it is not there.
    async fn token(&self) -> Result<(), Outcome> {
        match self.token.clone().await.result {
            Ok(()) => Ok(()),
            Err(Blocked::Api(e)) if diagnose(&e).code == DiagnosisCode::IpNotWhitelisted => {
                Err(self.blocked(&Blocked::Upstream(WHITELIST.into())))
            }
            Err(Blocked::Api(_)) => Err(self.blocked(&Blocked::Upstream(TOKEN.into()))),
            Err(b) => Err(self.blocked(&b)),
        }
    }

    fn agent(&self) -> Result<i64, Outcome> {
        self.input
            .value(Field::AgentId)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| Outcome::missing(&[Field::AgentId]))
    }

    pub async fn run(&self, check: &PlannedCheck) -> (Outcome, Vec<Exchange>) {
        let id = check.id.as_str();
        if let Some(scope) = id.strip_prefix("scope.") {
            return self.scope(scope).await;
        }
        if let Some(name) = id.strip_prefix("url.") {
            return self.url(name).await;
        }
        match id {
            "domain.dns" | "domain.tls" => (self.domain(id).await, Vec::new()),
            "clock.skew" => network::clock(&self.http, &self.input.dingtalk.endpoints.oapi).await,
            TOKEN => self.credentials().await,
            STREAM => self.stream_credentials().await,
            WHITELIST => self.whitelist().await,
            "credentials.corp_id" => self.corp_id().await,
            "app.agent_id" => self.agent_id().await,
            "contact.departments" => self.departments().await,
            "contact.users" => self.users().await,
            "contact.visible_range" => self.visible_range().await,
            "message.send" => self.message().await,
            "sso.token" => self.sso().await,
            "attendance.groups" => self.attendance().await,
            "event.check_url" => self.event_callback().await,
            other => (
                Outcome::manual(
                    format!("没有“{other}”的自动检查"),
                    format!("No automatic check for “{other}”"),
                ),
                Vec::new(),
            ),
        }
    }
}
