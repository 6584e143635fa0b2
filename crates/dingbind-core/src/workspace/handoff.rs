//! Files in and out of the workspace: the hand-off export of a profile, and importing a hand-off
//! manifest (plain or age-encrypted) or — support mode — someone else's report into a new profile.
//! An import writes nothing until the whole file has been accepted, so a refused file leaves every
//! existing profile as it was. An encrypted file waits here for its passphrase, so the host keeps
//! no state between the two calls. The host reads the file (with [`crate::host::read_user_file`]
//! and [`crate::host::MAX_IMPORT_BYTES`]) and writes the export's [`Export::files`].

use super::{lock, ProfileView, Result, Workspace};
use crate::field::Field;
use crate::handoff::{self, Export, HandoffError, ImportErrorCode, ImportWarning};
use crate::history;
use crate::i18n::Text;
use crate::profile::{confirmation_key, Profile};
use crate::report::{self, Report};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// How an import went. A refusal is an answer, not a failure: the UI shows the pointer and reason.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new profile was made (and opened).
    Imported {
        view: Box<ProfileView>,
        /// It came from a report: the sender's last run is in the history (support mode).
        from_report: bool,
        /// Accepted with remarks (a URL that differs from what the values give, ...).
        warnings: Vec<ImportWarning>,
    },
    /// The file is encrypted: ask for the passphrase and try again.
    NeedsPassphrase,
    /// Refused; nothing was changed. `pointer` is the JSON pointer of the bad part ("" = the file).
    Refused {
        code: String,
        pointer: String,
        message: Text,
    },
}

impl Workspace {
    /// The hand-off of profile `profile_id`; secrets only inside the encrypted file, made when a
    /// passphrase is given. [`Export::files`] says which files to write where.
    pub fn export(&self, profile_id: &str, passphrase: Option<&str>) -> Result<Export> {
        let binding = self.binding(profile_id)?;
        Ok(binding.export(passphrase, &crate::store::now())?)
    }

    /// Imports a file the admin picked. An encrypted one is kept until
    /// [`Workspace::import_with_passphrase`] opens it (or another file is picked).
    pub fn import_file(&self, bytes: Vec<u8>) -> Result<ImportOutcome> {
        let outcome = self.import(&bytes, None)?;
        *lock(&self.pending_import) =
            matches!(outcome, ImportOutcome::NeedsPassphrase).then_some(bytes);
        Ok(outcome)
    }

    /// Imports the encrypted file picked last with its passphrase. A wrong passphrase keeps the
    /// file waiting for another try.
    pub fn import_with_passphrase(&self, passphrase: &str) -> Result<ImportOutcome> {
        let mut pending = lock(&self.pending_import);
        let bytes = pending.as_ref().ok_or(HandoffError::NothingWaiting)?;
        let outcome = self.import(bytes, Some(passphrase))?;
        if matches!(outcome, ImportOutcome::Imported { .. }) {
            *pending = None;
        }
        Ok(outcome)
    }

    /// Imports a hand-off manifest or a report into a new profile and opens it.
    pub fn import(&self, bytes: &[u8], passphrase: Option<&str>) -> Result<ImportOutcome> {
        if !handoff::is_encrypted(bytes) && looks_like_report(bytes) {
            return match report::parse(bytes) {
                Ok(r) => self.adopt_report(&r),
                Err(e) => Ok(ImportOutcome::Refused {
                    code: code_name(e.code),
                    pointer: e.pointer,
                    message: e.message,
                }),
            };
        }
        let imported = match handoff::import(bytes, passphrase, |id| {
            self.template(id).ok().map(|t| (*t).clone())
        }) {
            Ok(i) => i,
            Err(e) if e.code == ImportErrorCode::PassphraseNeeded => {
                return Ok(ImportOutcome::NeedsPassphrase)
            }
            Err(e) => {
                return Ok(ImportOutcome::Refused {
                    code: code_name(e.code),
                    pointer: e.pointer,
                    message: e.message,
                })
            }
        };
        let template = self.template(&imported.manifest.template.id)?;
        let profile = imported.profile(new_id(), &template, crate::store::now());
        let view = self.adopt(profile, &imported.secrets)?;
        Ok(ImportOutcome::Imported {
            view: Box::new(view),
            from_report: false,
            warnings: imported.warnings,
        })
    }

    /// Support mode: the sender's binding as a new profile (no secrets: whoever re-runs enters
    /// them), with their last run kept in its history to compare a new run against.
    fn adopt_report(&self, r: &Report) -> Result<ImportOutcome> {
        let Ok(template) = self.template(&r.profile.template_id) else {
            return Ok(ImportOutcome::Refused {
                code: "unknown_template".into(),
                pointer: "/profile/template_id".into(),
                message: Text::new(
                    format!("报告用的平台模板「{}」在这台电脑上没有，请先把这个模板文件放进模板文件夹。", r.profile.template_id),
                    format!("The report's platform template `{}` is not on this computer; add its template file first.", r.profile.template_id),
                ),
            });
        };
        let mut profile = Profile::new(
            new_id(),
            format!(
                "{}（{}）",
                r.profile.name,
                r.generated_at.get(..10).unwrap_or("")
            ),
            &template,
            crate::store::now(),
        );
        profile.values = r.profile.values.clone();
        profile.values.retain(|f, _| !f.is_secret());
        profile.url_patterns = r.profile.url_patterns.clone();
        profile.confirmations = r
            .steps
            .iter()
            .flat_map(|s| {
                s.confirmations
                    .iter()
                    .filter_map(|c| Some((confirmation_key(&s.id, &c.id), c.confirmed_at.clone()?)))
            })
            .collect();
        profile.current_step = "history".into();
        let view = self.adopt(profile, &BTreeMap::new())?;
        if let Some(run) = &r.last_run {
            let origin = history::ReportOrigin {
                profile_name: r.profile.name.clone(),
                generated_at: r.generated_at.clone(),
                app_version: r.app_version.clone(),
            };
            history::record(&self.store, &view.profile.id, run.clone(), Some(origin))?;
        }
        Ok(ImportOutcome::Imported {
            view: Box::new(view),
            from_report: true,
            warnings: Vec::new(),
        })
    }

    /// Saves a new profile with its secrets and opens it.
    fn adopt(
        &self,
        mut profile: Profile,
        secrets: &BTreeMap<Field, String>,
    ) -> Result<ProfileView> {
        for (&f, v) in secrets {
            if let Some(location) = self.secrets.set(&profile.id, f, v) {
                profile.secrets.insert(f, location);
            }
        }
        self.autosaver.flush();
        match self.store.save(profile.clone()) {
            Ok(saved) => self.activate(saved),
            Err(e) => {
                self.secrets.delete_all(&profile.id);
                Err(e.into())
            }
        }
    }
}

/// The snake_case name an error code serialises to.
fn code_name(code: impl Serialize) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A JSON object whose `kind` is the report's (anything else goes to the manifest reader, whose
/// refusals name what the file is instead).
fn looks_like_report(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
        .ok()
        .and_then(|v| v.get("kind")?.as_str().map(|k| k == report::KIND))
        .unwrap_or(false)
}
