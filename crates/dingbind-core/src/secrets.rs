//! Secrets (Client Secret, SSOsecret) live in the OS keychain, keyed by profile id and field, and
//! never in a profile file. When no keychain is reachable (no Secret Service on a bare Linux box,
//! a locked keyring) they stay in this process's memory for the session, and the caller is told so
//! it can say it in the UI.

use crate::field::Field;
use crate::profile::SecretLocation;
use std::collections::HashMap;
use std::sync::Mutex;

/// Why a keychain cannot be used, or an operation on it failed. The text is what the UI shows as
/// the reason secrets stay in session memory.
#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// The OS keychain refused or did not answer (no Secret Service, a locked keyring, …).
    #[error("{0}")]
    Os(#[from] keyring::Error),
    /// The keychain was switched off on purpose (`DINGBIND_KEYCHAIN=off`, a test); the text says
    /// how.
    #[error("{0}")]
    Off(String),
}

impl KeychainError {
    /// A stable code (see [`crate::error`]).
    pub fn code(&self) -> &'static str {
        match self {
            KeychainError::Os(_) => "keychain_unavailable",
            KeychainError::Off(_) => "keychain_off",
        }
    }

    /// What it means for the admin's secrets, in both languages.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            KeychainError::Os(e) => Text::new(
                format!("系统钥匙串不可用（{e}）：密钥只在这次运行期间保存在内存里，关闭后需要重新填写。"),
                format!("The system keychain is not available ({e}): secrets are kept in memory for this session only and must be entered again next time."),
            ),
            KeychainError::Off(how) => Text::new(
                format!("钥匙串已按设置关闭（{how}）：密钥只在这次运行期间保存在内存里。"),
                format!("The keychain is switched off ({how}): secrets are kept in memory for this session only."),
            ),
        }
    }
}

/// The keychain operations Dingbind needs; the OS keychain in the app, a fake in tests.
pub trait Keychain: Send + Sync {
    fn set(&self, account: &str, value: &str) -> Result<(), KeychainError>;
    fn get(&self, account: &str) -> Result<Option<String>, KeychainError>;
    fn delete(&self, account: &str) -> Result<(), KeychainError>;
}

/// The OS keychain through the `keyring` crate (Secret Service on Linux, Keychain on macOS,
/// Credential Manager on Windows).
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, KeychainError> {
        Ok(keyring::Entry::new(&self.service, account)?)
    }

    /// Whether the keychain answers at all: reading an absent entry is `NoEntry` when it works.
    pub fn probe(&self) -> Result<(), KeychainError> {
        match self.entry("dingbind-probe")?.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

impl Keychain for OsKeychain {
    fn set(&self, account: &str, value: &str) -> Result<(), KeychainError> {
        Ok(self.entry(account)?.set_password(value)?)
    }
    fn get(&self, account: &str) -> Result<Option<String>, KeychainError> {
        match self.entry(account)?.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// Secrets for all profiles: the keychain when there is one, session memory otherwise. Values read
/// from the keychain are cached, so the UI's frequent re-evaluation does not go to D-Bus each time.
pub struct Secrets {
    keychain: Option<Box<dyn Keychain>>,
    /// Why there is no keychain, for the UI (the [`KeychainError`]'s text).
    pub unavailable_reason: Option<String>,
    cache: Mutex<HashMap<String, String>>,
}

fn account(profile_id: &str, field: Field) -> String {
    format!("{profile_id}/{}", field.key())
}

impl Secrets {
    pub fn new(keychain: Result<Box<dyn Keychain>, KeychainError>) -> Self {
        let (keychain, unavailable_reason) = match keychain {
            Ok(k) => (Some(k), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Self {
            keychain,
            unavailable_reason,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The OS keychain if it answers, else session memory.
    pub fn os(service: &str) -> Self {
        let os = OsKeychain::new(service);
        Self::new(os.probe().map(|()| Box::new(os) as Box<dyn Keychain>))
    }

    pub fn keychain_available(&self) -> bool {
        self.keychain.is_some()
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stores a secret; returns where it went. An empty value deletes it.
    pub fn set(&self, profile_id: &str, field: Field, value: &str) -> Option<SecretLocation> {
        let key = account(profile_id, field);
        if value.is_empty() {
            self.delete(profile_id, field);
            return None;
        }
        self.cache().insert(key.clone(), value.to_string());
        match &self.keychain {
            Some(k) if k.set(&key, value).is_ok() => Some(SecretLocation::Keychain),
            _ => Some(SecretLocation::Session),
        }
    }

    pub fn get(&self, profile_id: &str, field: Field) -> Option<String> {
        let key = account(profile_id, field);
        if let Some(v) = self.cache().get(&key) {
            return Some(v.clone());
        }
        let value = self.keychain.as_ref()?.get(&key).ok()??;
        self.cache().insert(key, value.clone());
        Some(value)
    }

    pub fn delete(&self, profile_id: &str, field: Field) {
        let key = account(profile_id, field);
        self.cache().remove(&key);
        if let Some(k) = &self.keychain {
            // Best effort: a keychain that fails to delete leaves an orphan, not a leak into files.
            let _ = k.delete(&key);
        }
    }

    pub fn delete_all(&self, profile_id: &str) {
        for field in Field::ALL.into_iter().filter(|f| f.is_secret()) {
            self.delete(profile_id, field);
        }
    }

    /// Copies every secret of one profile to another (profile duplication).
    pub fn copy(&self, from: &str, to: &str) -> Vec<(Field, SecretLocation)> {
        Field::ALL
            .into_iter()
            .filter(|f| f.is_secret())
            .filter_map(|f| Some((f, self.set(to, f, &self.get(from, f)?)?)))
            .collect()
    }
}

/// How a secret is shown where it must not be read: its first four characters and its length,
/// e.g. `GT-l…(64)` — enough for support to tell two secrets apart, useless to an attacker.
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    if n == 0 {
        return String::new();
    }
    let head: String = if n >= 12 {
        secret.chars().take(4).collect()
    } else {
        String::new()
    };
    format!("{head}…({n})")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An in-memory keychain.
    #[derive(Default)]
    pub struct FakeKeychain {
        pub entries: Mutex<HashMap<String, String>>,
    }

    impl Keychain for std::sync::Arc<FakeKeychain> {
        fn set(&self, account: &str, value: &str) -> Result<(), KeychainError> {
            self.entries
                .lock()
                .unwrap()
                .insert(account.into(), value.into());
            Ok(())
        }
        fn get(&self, account: &str) -> Result<Option<String>, KeychainError> {
            Ok(self.entries.lock().unwrap().get(account).cloned())
        }
        fn delete(&self, account: &str) -> Result<(), KeychainError> {
            self.entries.lock().unwrap().remove(account);
            Ok(())
        }
    }

    #[test]
    fn keychain_or_session() {
        let fake = std::sync::Arc::new(FakeKeychain::default());
        let s = Secrets::new(Ok(Box::new(fake.clone())));
        assert_eq!(
            s.set("p1", Field::ClientSecret, "abc"),
            Some(SecretLocation::Keychain)
        );
        assert_eq!(
            fake.entries
                .lock()
                .unwrap()
                .get("p1/client_secret")
                .map(String::as_str),
            Some("abc")
        );
        assert_eq!(
            s.copy("p1", "p2"),
            vec![(Field::ClientSecret, SecretLocation::Keychain)]
        );
        s.delete_all("p1");
        assert_eq!(s.get("p1", Field::ClientSecret), None);
        assert_eq!(s.get("p2", Field::ClientSecret).as_deref(), Some("abc"));

        let none = Secrets::new(Err(KeychainError::Off("no Secret Service".into())));
        assert_eq!(
            none.unavailable_reason.as_deref(),
            Some("no Secret Service")
        );
        assert_eq!(
            none.set("p1", Field::SsoSecret, "x"),
            Some(SecretLocation::Session)
        );
        assert_eq!(none.get("p1", Field::SsoSecret).as_deref(), Some("x"));
    }

    #[test]
    fn masks_keep_only_a_hint() {
        assert_eq!(mask(&format!("GT-l{}", "a".repeat(60))), "GT-l…(64)");
        assert_eq!(mask("short"), "…(5)");
    }
}
