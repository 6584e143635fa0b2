//! The app's working state, without any UI: the profile store, the secrets, the autosaver, the
//! templates (built-in and the admin's own) and the profile that is open. The desktop shell's
//! commands are thin adapters over these methods; keeping the logic here keeps it testable without
//! a window.

use crate::autosave::Autosaver;
use crate::console;
use crate::field::{Field, FieldInfo};
use crate::i18n::Lang;
use crate::profile::{evaluate, Evaluation, Profile};
use crate::secrets::Secrets;
use crate::store::{ProfileSummary, Settings, Store, StoreError};
use crate::template::{self, Template, TemplateProblem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use ts_rs::TS;

mod handoff;
mod outputs;
mod templates;

pub use handoff::ImportOutcome;
pub use templates::{TemplateAdded, MAX_TEMPLATE_BYTES};

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no template with id `{0}`")]
    UnknownTemplate(String),
    #[error("no profile is open")]
    NoOpenProfile,
    #[error("`{0}` is not a secret field")]
    NotSecret(Field),
    #[error(transparent)]
    NotAllowed(#[from] crate::console::LinkError),
    #[error(transparent)]
    Certificate(#[from] crate::ca::CaError),
    /// Said in both languages: the app shows it as it is.
    #[error("{} / {}", .0.message().zh, .0.message().en)]
    Handoff(#[from] crate::handoff::HandoffError),
}

/// A profile together with everything derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileView {
    pub profile: Profile,
    pub evaluation: Evaluation,
}

/// What the UI needs to know at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// False when secrets can only be kept in memory for this session.
    pub keychain_available: bool,
    pub keychain_problem: Option<String>,
    pub settings: Settings,
    /// User templates that could not be loaded, with file, line and field.
    pub template_problems: Vec<TemplateProblem>,
    pub fields: Vec<FieldInfo>,
    /// The corporate root certificate the live checks trust, chosen in the app or from
    /// `DINGBIND_CA_FILE`; `None` when only the system store counts.
    pub ca: Option<crate::ca::CaInfo>,
}

pub struct Workspace {
    store: Store,
    secrets: Secrets,
    autosaver: Autosaver,
    /// Built-ins first, then the admin's own; grows when the admin adds a template file.
    templates: RwLock<Vec<Arc<Template>>>,
    template_problems: Vec<TemplateProblem>,
    open: Mutex<Option<Profile>>,
}

type Result<T> = std::result::Result<T, WorkspaceError>;

impl Workspace {
    /// Opens the data folder. `on_saved` hears about every autosave (to tell the UI "saved" or why not).
    pub fn open(
        dir: impl Into<PathBuf>,
        secrets: Secrets,
        on_saved: impl Fn(std::result::Result<Profile, StoreError>) + Send + 'static,
    ) -> Result<Self> {
        let store = Store::open(dir)?;
        let (user, template_problems) = template::load_dir(&store.templates_dir());
        let templates = template::builtins()
            .iter()
            .cloned()
            .chain(user)
            .map(Arc::new)
            .collect();
        let autosaver = Autosaver::spawn(store.clone(), on_saved);
        Ok(Self {
            store,
            secrets,
            autosaver,
            templates: RwLock::new(templates),
            template_problems,
            open: Mutex::new(None),
        })
    }

    fn open_slot(&self) -> MutexGuard<'_, Option<Profile>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.store.dir().display().to_string(),
            keychain_available: self.secrets.keychain_available(),
            keychain_problem: self.secrets.unavailable_reason.clone(),
            settings: self.store.settings(),
            template_problems: self.template_problems.clone(),
            fields: Field::ALL.into_iter().map(Field::info).collect(),
            ca: self
                .ca_file()
                .map(|(path, from_env)| crate::ca::status(&path, from_env)),
        }
    }

    pub fn templates(&self) -> Vec<Template> {
        self.template_list().iter().map(|t| (**t).clone()).collect()
    }

    fn template_list(&self) -> std::sync::RwLockReadGuard<'_, Vec<Arc<Template>>> {
        self.templates.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn template(&self, id: &str) -> Result<Arc<Template>> {
        self.template_list()
            .iter()
            .find(|t| t.id == id)
            .cloned()
            .ok_or_else(|| WorkspaceError::UnknownTemplate(id.to_string()))
    }

    pub fn list(&self) -> Result<Vec<ProfileSummary>> {
        // Pending edits first, so the list shows what the admin last typed.
        self.autosaver.flush();
        Ok(self.store.list()?)
    }

    fn secret_values(&self, profile: &Profile) -> BTreeMap<Field, String> {
        profile
            .secrets
            .keys()
            .filter_map(|&f| Some((f, self.secrets.get(&profile.id, f)?)))
            .collect()
    }

    fn view(&self, profile: Profile) -> Result<ProfileView> {
        let template = self.template(&profile.template_id)?;
        let evaluation = evaluate(&template, &profile, &self.secret_values(&profile));
        Ok(ProfileView {
            profile,
            evaluation,
        })
    }

    fn remember_open(&self, id: Option<String>) -> Result<()> {
        let mut settings = self.store.settings();
        if settings.last_profile_id != id {
            settings.last_profile_id = id;
            self.store.save_settings(&settings)?;
        }
        Ok(())
    }

    pub fn create(&self, name: &str, template_id: &str) -> Result<ProfileView> {
        let template = self.template(template_id)?;
        let profile = self.store.create(name, &template)?;
        self.activate(profile)
    }

    pub fn open_profile(&self, id: &str) -> Result<ProfileView> {
        self.autosaver.flush();
        let profile = self.store.load(id)?;
        self.template(&profile.template_id)?;
        self.activate(profile)
    }

    fn activate(&self, profile: Profile) -> Result<ProfileView> {
        self.remember_open(Some(profile.id.clone()))?;
        *self.open_slot() = Some(profile.clone());
        self.view(profile)
    }

    pub fn close(&self) -> Result<()> {
        self.autosaver.flush();
        *self.open_slot() = None;
        self.remember_open(None)
    }

    /// Takes the UI's edit of the open profile, queues it for saving and returns the new verdicts.
    /// Identity and secret locations are the workspace's, not the UI's: a stale copy in the UI cannot
    /// undo a secret stored a moment ago.
    pub fn update(&self, edited: Profile) -> Result<ProfileView> {
        let mut slot = self.open_slot();
        let open = slot
            .as_mut()
            .filter(|p| p.id == edited.id)
            .ok_or(WorkspaceError::NoOpenProfile)?;
        open.name = edited.name;
        open.values = edited.values;
        open.values.retain(|f, _| !f.is_secret());
        open.url_patterns = edited.url_patterns;
        open.current_step = edited.current_step;
        open.confirmations = edited.confirmations;
        let profile = open.clone();
        drop(slot);
        self.autosaver.save(profile.clone());
        self.view(profile)
    }

    pub fn flush(&self) {
        self.autosaver.flush();
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<ProfileSummary> {
        self.autosaver.flush();
        let profile = self.store.rename(id, name)?;
        if let Some(open) = self.open_slot().as_mut().filter(|p| p.id == id) {
            open.name = profile.name.clone();
        }
        Ok(ProfileSummary::of(&profile))
    }

    pub fn duplicate(&self, id: &str, name: &str) -> Result<ProfileSummary> {
        self.autosaver.flush();
        let mut copy = self.store.duplicate(id, name)?;
        copy.secrets = self.secrets.copy(id, &copy.id).into_iter().collect();
        let copy = self.store.save(copy)?;
        Ok(ProfileSummary::of(&copy))
    }

    pub fn delete(&self, id: &str) -> Result<()> {
        self.autosaver.flush();
        self.store.delete(id)?;
        self.secrets.delete_all(id);
        crate::history::delete(&self.store, id)?;
        let mut slot = self.open_slot();
        if slot.as_ref().is_some_and(|p| p.id == id) {
            *slot = None;
            drop(slot);
            self.remember_open(None)?;
        }
        Ok(())
    }

    /// Stores a secret of the open profile (cleaned of paste debris first) and saves where it went.
    pub fn set_secret(&self, profile_id: &str, field: Field, value: &str) -> Result<ProfileView> {
        if !field.is_secret() {
            return Err(WorkspaceError::NotSecret(field));
        }
        let cleaned = crate::sanitize::clean(value, true).value;
        let mut slot = self.open_slot();
        let open = slot
            .as_mut()
            .filter(|p| p.id == profile_id)
            .ok_or(WorkspaceError::NoOpenProfile)?;
        match self.secrets.set(profile_id, field, &cleaned) {
            Some(location) => open.secrets.insert(field, location),
            None => open.secrets.remove(&field),
        };
        let profile = open.clone();
        drop(slot);
        self.autosaver.save(profile.clone());
        self.view(profile)
    }

    /// Generates an event-subscription token or aes_key (DingTalk lets the admin choose them) and
    /// stores it like a typed secret.
    pub fn generate_secret(&self, profile_id: &str, field: Field) -> Result<ProfileView> {
        let value = match field {
            Field::EventToken => dingtalk::callback_crypto::generate_token(),
            Field::AesKey => dingtalk::callback_crypto::generate_aes_key(),
            other => return Err(WorkspaceError::NotSecret(other)),
        };
        self.set_secret(profile_id, field, &value)
    }

    pub fn reveal_secret(&self, profile_id: &str, field: Field) -> Result<Option<String>> {
        if !field.is_secret() {
            return Err(WorkspaceError::NotSecret(field));
        }
        Ok(self.secrets.get(profile_id, field))
    }

    /// Resolves a link the UI wants opened: only allow-listed DingTalk pages and the open profile's
    /// own domain (see [`console::resolve`]).
    pub fn link_target(&self, link: &str) -> Result<String> {
        let domain = self
            .open_slot()
            .as_ref()
            .and_then(|p| p.values.get(&Field::Domain).cloned())
            .map(|raw| crate::validate::validate(Field::Domain, &raw).value);
        Ok(console::resolve(link, domain.as_deref())?.to_string())
    }

    /// What a live-check run of the open profile needs: its values, URL patterns and secrets.
    pub fn check_input(
        &self,
        options: crate::checks::CheckOptions,
        dingtalk: dingtalk::Config,
    ) -> Result<crate::checks::CheckInput> {
        let profile = self.current()?;
        let template = self.template(&profile.template_id)?;
        let mut input = crate::checks::CheckInput::new(
            Template::clone(&template),
            &profile.values,
            &profile.url_patterns,
            &self.secret_values(&profile),
            options,
            dingtalk,
        );
        (input.login_passed_at, input.login_corp_id) =
            self.login_proof(&profile.id, input.value(Field::ClientId));
        if let Some((path, _)) = self.ca_file() {
            input.dingtalk.extra_ca_file = Some(path);
        }
        Ok(input)
    }

    /// The corporate root certificate to trust: the one chosen in the app, else
    /// `DINGBIND_CA_FILE` (`true` when it comes from there).
    fn ca_file(&self) -> Option<(PathBuf, bool)> {
        match self.store.settings().ca_file {
            Some(path) => Some((PathBuf::from(path), false)),
            None => std::env::var_os(dingtalk::CA_FILE_ENV)
                .filter(|v| !v.is_empty())
                .map(|v| (PathBuf::from(v), true)),
        }
    }

    /// Trusts the certificate file at `path` (checked first: a file that holds no certificate is
    /// refused and nothing changes), or none again with `None`.
    pub fn set_ca_file(&self, path: Option<&std::path::Path>) -> Result<AppInfo> {
        let chosen = match path {
            Some(p) => Some(crate::ca::inspect(p, false)?.path),
            None => None,
        };
        let mut settings = self.store.settings();
        settings.ca_file = chosen;
        self.store.save_settings(&settings)?;
        Ok(self.info())
    }

    /// Fills the open profile with the simulated organisation's values (practice mode).
    pub fn fill_practice_values(
        &self,
        values: &[(Field, String)],
        domain: &str,
    ) -> Result<ProfileView> {
        let mut profile = self.current()?;
        profile.values.insert(Field::Domain, domain.to_string());
        for (f, v) in values.iter().filter(|(f, _)| !f.is_secret()) {
            profile.values.insert(*f, v.clone());
        }
        self.update(profile.clone())?;
        let mut view = None;
        for (f, v) in values.iter().filter(|(f, _)| f.is_secret()) {
            view = Some(self.set_secret(&profile.id, *f, v)?);
        }
        match view {
            Some(v) => Ok(v),
            None => self.view(profile),
        }
    }

    pub fn set_language(&self, language: Lang) -> Result<()> {
        let mut settings = self.store.settings();
        settings.language = language;
        Ok(self.store.save_settings(&settings)?)
    }
}
