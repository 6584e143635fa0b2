//! A DingTalk Open API simulator for Dingbind's tests, benchmarks and practice mode.
//!
//! It serves a configurable org (departments, users, roles, external contacts), enterprise
//! internal apps (credentials, granted permission points, visible and contact ranges, egress-IP
//! whitelist, registered login redirects, home-page links), latency, clock skew and injected
//! faults, and answers as production DingTalk does: every body's shape follows a public source
//! (`docs/dingtalk/endpoints.md`, `docs/dingtalk/errors.md`, `docs/dingtalk/login.md`), never our
//! client, so a wrong shape in the client is caught rather than mirrored. Where no public source
//! settles an answer, the code says UNCONFIRMED. It depends on nothing of Dingbind's.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dingtalk_sim::SimError> {
//! let sim = dingtalk_sim::Sim::start(dingtalk_sim::scenarios::builtin("healthy").unwrap(), 0).await?;
//! println!("DINGBIND_OAPI_URL={}", sim.oapi_url()); // http://127.0.0.1:PORT/oapi
//! println!("DINGBIND_API_URL={}", sim.api_url()); // http://127.0.0.1:PORT/api
//! println!("DINGBIND_LOGIN_URL={}", sim.login_url()); // http://127.0.0.1:PORT/login
//! sim.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
mod body;
pub mod dingtalk_errors;
pub mod error;
mod faults;
mod gateway;
mod handlers;
mod pages;
mod reply;
pub mod requests;
mod router;
pub mod scenario;
pub mod scenarios;
pub mod scope;
mod server;
mod state;
mod store;

pub use error::SimError;
pub use requests::{ApiFamily, RequestRecord};
pub use scenario::{Fault, FaultKind, Scenario};
pub use server::{Sim, SimHandle};
