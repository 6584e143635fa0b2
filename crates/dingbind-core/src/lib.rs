//! Dingbind's domain, with no UI and no Tauri: what a DingTalk binding is (the [`field`]s an admin
//! enters), how pasted values are cleaned and judged ([`sanitize`], [`validate`]), which platform is
//! being bound ([`template`]), the URLs it needs ([`urls`]), and how a binding in progress is kept
//! ([`profile`], [`store`], [`secrets`]). The desktop shell and the CLI are thin adapters over this
//! crate: both start from one environment ([`host`]), hand a [`binding::Binding`] or a profile id
//! to the same use cases ([`workspace`]), and show errors by their code and bilingual text
//! ([`error`]). It must never depend on either host, nor on the simulator (`make lint` fails if
//! `tauri`, `dingtalk-sim` or `axum` shows up in its tree).

pub mod autosave;
pub mod binding;
pub mod ca;
pub mod checks;
pub mod console;
pub mod diagnosis;
pub mod error;
pub mod field;
pub mod handoff;
pub mod history;
pub mod host;
mod html;
pub mod i18n;
pub mod login;
pub mod profile;
pub mod qr;
pub mod report;
pub mod sanitize;
pub mod scan;
pub mod secrets;
pub mod store;
pub mod sync;
pub mod template;
pub mod urls;
pub mod validate;
pub mod workspace;

pub use error::UserError;
pub use field::Field;
pub use i18n::{Lang, Text};
