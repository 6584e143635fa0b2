//! What every error that can reach the admin offers the hosts: a stable `code` the UI or a script
//! switches on, and a `text` in both languages, so no host shows an English `Display` string to a
//! Chinese-first admin or invents its own wording.
//!
//! The codes are a contract like the diagnosis codes: snake_case, never renamed or reused. They
//! are, per type (see each type's `code()`):
//! - [`WorkspaceError`](crate::workspace::WorkspaceError): `template_not_found`,
//!   `no_open_profile`, `not_a_secret`, and its source's code for the wrapped errors.
//! - [`StoreError`](crate::store::StoreError): `profile_not_found`, `storage_failed`,
//!   `profile_unreadable`, `newer_version`, `invalid_value`.
//! - [`CaError`](crate::ca::CaError): `certificate_unreadable`, `certificate_too_large`,
//!   `not_a_certificate`.
//! - [`LinkError`](crate::console::LinkError): `not_a_url`, `link_after_domain`,
//!   `link_not_https`, `link_host_not_allowed`, `no_domain`, `not_allowed`.
//! - [`QrError`](crate::qr::QrError): `qr_too_long`, `qr_encode_failed`.
//! - [`KeychainError`](crate::secrets::KeychainError): `keychain_unavailable`, `keychain_off`.
//! - [`HandoffError`](crate::handoff::HandoffError): its serialised tags, `empty_passphrase`,
//!   `wrong_passphrase`, `not_passphrase_encrypted`, `damaged`, `encrypt`, `invalid_secret`,
//!   `nothing_waiting`.
//! - [`ImportError`](crate::handoff::ImportError): its [`ImportErrorCode`](crate::handoff::ImportErrorCode)
//!   names (`passphrase_needed`, `wrong_passphrase`, `damaged`, `not_json`, `not_manifest`,
//!   `unsupported_version`, `unknown_template`, `wrong_type`, `invalid`, `plain_secrets`).
//! - [`LoginError`](crate::login::LoginError): `port_busy`, `bind_failed`, `client`, `browser`,
//!   `credentials_missing`, `no_login_waiting`, and its source's code for a refused login page
//!   (`not_allowed`) or a profile that cannot be read.
//! - [`TemplateError`](crate::template::TemplateError): `template_invalid`.
//! - [`FileError`](crate::host::FileError): `file_too_large`, `file_unreadable`.
//! - [`SyncError`](crate::sync::SyncError): `credentials_missing`, `sync_refused`, `client`.
//!
//! Each type has `code()` and `text()` of its own; [`UserError`] names the pair so a host can turn
//! any of them into its error shape once (`impl<E: UserError> From<E> for IpcError`).

use crate::i18n::Text;

/// An error an admin may see: a stable snake_case code and what happened, in both languages.
pub trait UserError: std::error::Error {
    fn code(&self) -> &'static str;
    fn text(&self) -> Text;
}

macro_rules! user_errors {
    ($($t:ty),* $(,)?) => {
        $(impl UserError for $t {
            fn code(&self) -> &'static str {
                <$t>::code(self)
            }
            fn text(&self) -> Text {
                <$t>::text(self)
            }
        })*
    };
}

user_errors!(
    crate::workspace::WorkspaceError,
    crate::store::StoreError,
    crate::ca::CaError,
    crate::console::LinkError,
    crate::qr::QrError,
    crate::secrets::KeychainError,
    crate::handoff::HandoffError,
    crate::handoff::ImportError,
    crate::login::LoginError,
    crate::template::TemplateError,
    crate::host::FileError,
    crate::sync::SyncError,
);
