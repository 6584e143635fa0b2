//! Where the CLI finds secrets and passphrases: the environment first (servers, CI), then the
//! keychain entries a saved profile records — never argv. `DINGBIND_KEYCHAIN=off` keeps the OS
//! keychain out of it, exactly as in the app (secrets then live only as long as the command).

use crate::binding::Binding;
use dingbind_core::secrets::{KeychainError, Secrets};
use dingbind_core::Field;
use std::collections::BTreeMap;

/// Where each secret comes from on a server or in CI.
pub const SECRET_ENV: [(Field, &str); 4] = [
    (Field::ClientSecret, "DINGBIND_CLIENT_SECRET"),
    (Field::SsoSecret, "DINGBIND_SSO_SECRET"),
    (Field::EventToken, "DINGBIND_EVENT_TOKEN"),
    (Field::AesKey, "DINGBIND_AES_KEY"),
];
/// The hand-off passphrase (export --encrypt, import of an .age file).
pub const PASSPHRASE_ENV: &str = "DINGBIND_PASSPHRASE";
/// `off` forces session-only secrets, as `DINGBIND_KEYCHAIN=off` does in the app.
pub const KEYCHAIN_ENV: &str = "DINGBIND_KEYCHAIN";
/// The app's keychain service name: the CLI reads and writes the same entries.
pub const KEYCHAIN_SERVICE: &str = "dingbind";

/// The app's secret store: the OS keychain, unless it is switched off or does not answer.
pub fn store() -> Secrets {
    match std::env::var(KEYCHAIN_ENV).as_deref() {
        Ok("off") => Secrets::new(Err(KeychainError::Off(format!("{KEYCHAIN_ENV}=off")))),
        _ => Secrets::os(KEYCHAIN_SERVICE),
    }
}

/// A non-empty environment variable.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Every secret this command can see for `b`: from the environment, else (with `keychain`) from
/// the keychain entries the saved profile records. The keychain is only opened when needed.
pub fn values(b: &Binding, keychain: bool) -> BTreeMap<Field, String> {
    let mut opened: Option<Secrets> = None;
    SECRET_ENV
        .iter()
        .filter_map(|&(field, name)| {
            let value = env(name).or_else(|| {
                let id = b.profile_id.as_deref()?;
                if !keychain || !b.profile.secrets.contains_key(&field) {
                    return None;
                }
                opened.get_or_insert_with(store).get(id, field)
            })?;
            Some((field, value))
        })
        .collect()
}
