//! A typed async client for the DingTalk Open API subset Dingbind uses: tokens (both families and
//! the CorpId-scoped one), contacts, visible range, work notifications, SSO, attendance, todo
//! probes and the web-login exchange. Both error families are parsed into one [`ApiError`]; every exchange is recorded, redacted, in a [`Trace`]. No Tauri, no UI
//! concepts; base URLs, proxy and CA come from the environment ([`config`]).

pub mod api;
pub mod callback_crypto;
pub mod client;
pub mod config;
pub mod directory;
pub mod error;
mod http;
pub mod tls;
pub mod trace;
pub mod wire;

pub use client::{Credentials, DingTalk};
pub use config::{Config, Endpoints, CA_FILE_ENV};
pub use error::ApiError;
pub use http::{parse as parse_response, shared_client};
pub use trace::{Exchange, Trace};
