//! Where the CLI finds secrets and passphrases: the environment first (servers, CI), then the
//! keychain entries a saved profile records — never argv. The keychain is the app's own, opened as
//! the app opens it ([`dingbind_core::host::secrets`], so `DINGBIND_KEYCHAIN=off` works the same).

use crate::binding::Opened;
use dingbind_core::secrets::Secrets;
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

/// A non-empty environment variable.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A secret from the environment, cleaned as the wizard cleans a pasted one: cmd.exe's
/// `set NAME=value && dingbind …` keeps the space before `&&` in the value, and a value copied
/// from the console may carry its label or full-width characters.
fn env_secret(field: Field, name: &str) -> Option<String> {
    let raw = env(name)?;
    let cleaned = dingbind_core::validate::validate(field, &raw).value;
    Some(if cleaned.is_empty() { raw } else { cleaned })
}

/// Gives `opened` every secret this command can see: from the environment, else (with `keychain`)
/// from the keychain entries the saved profile records. The keychain is only opened when needed.
pub fn fill(opened: &mut Opened, keychain: bool) {
    let b = &opened.binding;
    let mut store: Option<Secrets> = None;
    let values: BTreeMap<Field, String> = SECRET_ENV
        .iter()
        .filter_map(|&(field, name)| {
            let value = env_secret(field, name).or_else(|| {
                if !keychain || !b.stored || !b.profile.secrets.contains_key(&field) {
                    return None;
                }
                store
                    .get_or_insert_with(dingbind_core::host::secrets)
                    .get(&b.profile.id, field)
            })?;
            Some((field, value))
        })
        .collect();
    opened.binding.secrets = values;
}
