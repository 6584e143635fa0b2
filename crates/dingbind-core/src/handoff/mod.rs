//! The server-team hand-off: what leaves the wizard when a binding is done, and how such a file comes
//! back in. The admin exports a [`Manifest`] (JSON) and a `.env` rendering of it for the server team;
//! both are plain text and never carry a secret. Secrets travel only inside an age file encrypted
//! with a passphrase the admin chooses ([`encrypt`]); the passphrase goes to the server team by
//! another channel. [`import`] reads either form back into what a new profile needs, refusing
//! anything doubtful with a JSON pointer and a message an admin can act on.
//!
//! Everything here is pure: no files, no keychain, no clock (the caller passes `now`). The desktop
//! shell and the CLI do the I/O, so the same rules hold in both and tests need no fixtures.
//! The field names and `.env` variable names are a contract with the server team, written down in
//! `docs/handoff.md`; change them only with a new `schema_version`.

mod crypt;
mod document;
mod env;
mod import;
mod manifest;
mod walk;

pub use crypt::{decrypt, encrypt, is_encrypted, HandoffError};
pub use env::{env_var, render_env, url_var};
pub use import::{import, ImportError, ImportErrorCode, ImportWarning, Imported};
pub use manifest::{
    manifest, Manifest, Scope, SecretState, TemplateRef, KIND, SCHEMA_VERSION, SUPPORTED_VERSIONS,
};

use crate::field::Field;
use crate::profile::Profile;
use crate::template::Template;
use crate::validate::validate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The three things an export produces. Only `encrypted` may hold secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Export {
    /// The manifest, pretty-printed; no `secret_values`, whatever was passed in.
    pub manifest_json: String,
    /// The same data as `KEY='value'` lines; secret lines are comments.
    pub env: String,
    /// An age file (binary, `age-encryption.org/v1`) of the manifest JSON *with* `secret_values`,
    /// present only when a passphrase was given.
    pub encrypted: Option<Vec<u8>>,
}

impl std::fmt::Debug for Export {
    // The ciphertext is noise in a debug print; its size is what a reader wants.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Export")
            .field("manifest_json", &self.manifest_json)
            .field("env", &self.env)
            .field("encrypted", &self.encrypted.as_ref().map(Vec::len))
            .finish()
    }
}

impl Export {
    /// The files of a hand-off, decided once for both hosts: the manifest at `manifest` (the path
    /// the admin chose, normally `<stem>.dingbind.json`), the `.env` beside it as `<stem>.env`,
    /// and with a passphrase the encrypted manifest as `<manifest>.age`. The host writes them.
    pub fn files(self, manifest: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let shown = manifest.to_string_lossy();
        let stem = shown
            .trim_end_matches(".json")
            .trim_end_matches(".dingbind");
        let mut files = vec![
            (manifest.to_path_buf(), self.manifest_json.into_bytes()),
            (PathBuf::from(format!("{stem}.env")), self.env.into_bytes()),
        ];
        if let Some(age) = self.encrypted {
            files.push((PathBuf::from(format!("{shown}.age")), age));
        }
        files
    }
}

/// The manifest's file name to suggest for a profile called `profile_name`.
pub fn manifest_file_name(profile_name: &str) -> String {
    crate::host::file_name(profile_name, "dingbind.json")
}

/// Builds the hand-off for `profile`. `secrets` holds the secret values this session can read; a
/// secret the profile records (`profile.secrets`) but that is not passed is still reported as
/// `present`. With a passphrase, every secret the template needs and `secrets` holds goes into the
/// encrypted file; one that fails validation stops the export rather than being left out quietly,
/// because the admin asked for a file the server can start with.
pub fn export(
    profile: &Profile,
    template: &Template,
    secrets: &BTreeMap<Field, String>,
    passphrase: Option<&str>,
    app_version: &str,
    now: &str,
) -> Result<Export, HandoffError> {
    if passphrase == Some("") {
        // Checked first so a refused export costs no work.
        return Err(HandoffError::EmptyPassphrase);
    }
    let known = |f: &Field| secrets.get(f).is_some_and(|v| !v.trim().is_empty());
    let present: BTreeSet<Field> = Field::ALL
        .into_iter()
        .filter(|f| f.is_secret() && (known(f) || profile.secrets.contains_key(f)))
        .collect();
    let plain = manifest(profile, template, &present, app_version, now);
    let encrypted = match passphrase {
        None => None,
        Some(passphrase) => {
            let mut full = plain.clone();
            let mut values = BTreeMap::new();
            for (field, state) in full.secrets.iter_mut() {
                let Some(raw) = secrets.get(field).filter(|_| known(field)) else {
                    continue;
                };
                let verdict = validate(*field, raw);
                if !verdict.ok {
                    return Err(HandoffError::InvalidSecret {
                        field: *field,
                        message: verdict.message.unwrap_or_else(|| field.label()),
                    });
                }
                values.insert(*field, verdict.value);
                *state = SecretState::Included;
            }
            full.secret_values = Some(values);
            Some(encrypt(full.to_json().as_bytes(), passphrase)?)
        }
    };
    Ok(Export {
        manifest_json: plain.to_json(),
        env: render_env(&plain),
        encrypted,
    })
}
