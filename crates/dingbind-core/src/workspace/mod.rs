//! The app's working state, without any UI: the profile store, the secrets, the autosaver, the
//! templates (built-in and the admin's own), the profile that is open, and what waits between two
//! calls (a run to cancel, a login test waiting for its callback, an encrypted import waiting for
//! its passphrase). The use cases are keyed by profile id (`report`, `run_checks`,
//! `login_start`, …): the open profile's id reads its unsaved edits, any other id is loaded from the
//! store. The desktop shell's commands are thin adapters over these methods, and the CLI hands a
//! [`Binding`] of its own to the same code; keeping the logic here keeps it testable without a
//! window.

use crate::autosave::Autosaver;
use crate::binding::Binding;
use crate::checks::Cancel;
use crate::console;
use crate::field::{Field, FieldInfo};
use crate::i18n::Lang;
use crate::i18n::Text;
use crate::profile::{evaluate, Evaluation, Profile};
use crate::secrets::Secrets;
use crate::store::{ProfileSummary, Settings, Store, StoreError};
use crate::template::{Template, TemplateProblem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use ts_rs::TS;

mod handoff;
mod login;
mod outputs;
mod sync;
mod templates;

pub use handoff::ImportOutcome;
pub use login::LoginStarted;
pub use templates::TemplateAdded;

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
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
}

impl WorkspaceError {
    /// A stable code (see [`crate::error`]); a wrapped error gives its own.
    pub fn code(&self) -> &'static str {
        match self {
            WorkspaceError::Store(e) => e.code(),
            WorkspaceError::UnknownTemplate(_) => "template_not_found",
            WorkspaceError::NoOpenProfile => "no_open_profile",
            WorkspaceError::NotSecret(_) => "not_a_secret",
            WorkspaceError::NotAllowed(e) => e.code(),
            WorkspaceError::Certificate(e) => e.code(),
            WorkspaceError::Handoff(e) => e.code(),
            WorkspaceError::Sync(e) => e.code(),
        }
    }

    /// What happened and what to do, in both languages.
    pub fn text(&self) -> Text {
        match self {
            WorkspaceError::Store(e) => e.text(),
            WorkspaceError::UnknownTemplate(id) => Text::new(
                format!("这台电脑上没有平台模板「{id}」：请先把这个模板文件放进模板文件夹。"),
                format!("The platform template `{id}` is not on this computer: add its template file first."),
            ),
            WorkspaceError::NoOpenProfile => Text::new(
                "请先打开一个配置。",
                "Open a profile first.",
            ),
            WorkspaceError::NotSecret(field) => Text::new(
                format!("「{}」不是密钥字段。", field.label().zh),
                format!("The {} is not a secret field.", field.label().en),
            ),
            WorkspaceError::NotAllowed(e) => e.text(),
            WorkspaceError::Certificate(e) => e.text(),
            WorkspaceError::Handoff(e) => e.text(),
            WorkspaceError::Sync(e) => e.text(),
        }
    }
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
    /// The live-check run in progress: a new run or `cancel_checks` cancels it.
    checks: Mutex<Option<Cancel>>,
    /// The login test waiting for its callback.
    login: login::LoginSlot,
    /// The encrypted hand-off waiting for its passphrase.
    pending_import: Mutex<Option<Vec<u8>>>,
}

type Result<T> = std::result::Result<T, WorkspaceError>;

/// A poisoned lock still holds usable state (a panic elsewhere does not make it wrong), so it is
/// recovered, the same everywhere in the workspace.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Workspace {
    /// Opens the data folder. `on_saved` hears about every autosave (to tell the UI "saved" or why not).
    pub fn open(
        dir: impl Into<PathBuf>,
        secrets: Secrets,
        on_saved: impl Fn(std::result::Result<Profile, StoreError>) + Send + 'static,
    ) -> Result<Self> {
        let store = Store::open(dir)?;
        let templates = crate::host::Templates::load(Some(store.dir()));
        let autosaver = Autosaver::spawn(store.clone(), on_saved);
        Ok(Self {
            store,
            secrets,
            autosaver,
            templates: RwLock::new(templates.list),
            template_problems: templates.problems,
            open: Mutex::new(None),
            checks: Mutex::new(None),
            login: login::LoginSlot::default(),
            pending_import: Mutex::new(None),
        })
    }

    fn open_slot(&self) -> MutexGuard<'_, Option<Profile>> {
        lock(&self.open)
    }

    /// The profile `id` as the admin last left it: the open copy (with edits the autosaver has not
    /// written yet) when it is the open one, else the stored file.
    fn profile_of(&self, id: &str) -> Result<Profile> {
        if let Some(open) = self.open_slot().as_ref().filter(|p| p.id == id) {
            return Ok(open.clone());
        }
        Ok(self.store.load(id)?)
    }

    /// Profile `id` with its template and the secrets this session can read: what every use case
    /// below works on, and what the CLI builds from a file instead.
    pub fn binding(&self, profile_id: &str) -> Result<Binding> {
        let profile = self.profile_of(profile_id)?;
        let template = self.template(&profile.template_id)?;
        Ok(Binding {
            secrets: self.secret_values(&profile),
            profile,
            template,
            stored: true,
        })
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
        crate::sync::keep::delete(&self.store, id)?;
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

    /// The corporate root certificate to trust: the one chosen in the app, else
    /// `DINGBIND_CA_FILE` (`true` when it comes from there).
    fn ca_file(&self) -> Option<(PathBuf, bool)> {
        crate::host::ca_file(Some(&self.store.settings()))
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
