//! Profiles and app settings on disk. Every write is atomic — a temp file in the same folder,
//! fsync, rename over the old file, fsync the folder — so a crash or kill at any moment leaves
//! either the previous version or the new one, never a torn file. A profile file that cannot be
//! read is listed as broken and left alone: nothing the admin typed is ever deleted by the app.

use crate::i18n::Lang;
use crate::profile::{Profile, SCHEMA_VERSION};
use crate::template::Template;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no profile with id `{0}`")]
    NotFound(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a readable profile: {message}")]
    Corrupt { path: PathBuf, message: String },
    #[error("{path} was written by a newer Dingbind (schema_version {found}, this one reads {SCHEMA_VERSION})")]
    NewerSchema { path: PathBuf, found: u32 },
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    /// A stable code (see [`crate::error`]).
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound(_) => "profile_not_found",
            StoreError::Io { .. } => "storage_failed",
            StoreError::Corrupt { .. } => "profile_unreadable",
            StoreError::NewerSchema { .. } => "newer_version",
            StoreError::Invalid(_) => "invalid_value",
        }
    }

    /// What happened and what to do, in both languages.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            StoreError::NotFound(_) => Text::new(
                "找不到这个配置（可能已被删除）。",
                "This profile cannot be found (it may have been deleted).",
            ),
            StoreError::Io { path, source } => Text::new(
                format!("无法读写 {}：{source}。请检查磁盘空间和文件夹权限。", path.display()),
                format!("Cannot read or write {}: {source}. Check the disk space and the folder's permissions.", path.display()),
            ),
            StoreError::Corrupt { path, message } => Text::new(
                format!("配置文件 {} 已损坏，无法读取（{message}）。文件原样保留，没有被删除。", path.display()),
                format!("The profile file {} is damaged and cannot be read ({message}). It was left as it is.", path.display()),
            ),
            StoreError::NewerSchema { path, found } => Text::new(
                format!("配置文件 {} 是更新版本的 Dingbind 保存的（格式版本 {found}，这个版本只能读 {SCHEMA_VERSION}），请先升级 Dingbind。", path.display()),
                format!("The profile file {} was saved by a newer Dingbind (format version {found}; this one reads {SCHEMA_VERSION}). Update Dingbind first.", path.display()),
            ),
            StoreError::Invalid(message) => Text::new(
                format!("无法保存：{message}"),
                format!("Cannot save: {message}"),
            ),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The UTC offset of this computer, read once at start by [`init_local_offset`] (UTC until then).
static LOCAL_OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();

/// Reads this computer's UTC offset. Call it first thing in `main`, before any thread starts: on
/// Linux the offset can only be read soundly while the process has one thread. Where it cannot be
/// read, times stay in UTC (still correct, only less familiar).
pub fn init_local_offset() {
    if let Ok(offset) = time::UtcOffset::current_local_offset() {
        let _ = LOCAL_OFFSET.set(offset);
    }
}

/// Now, in RFC 3339 with this computer's offset (`2026-03-04T16:30:05+08:00`): a report read on
/// another continent still says when it was made *for the person who made it*.
pub fn now() -> String {
    let offset = LOCAL_OFFSET.get().copied().unwrap_or(time::UtcOffset::UTC);
    OffsetDateTime::now_utc()
        .to_offset(offset)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// Writes `bytes` to `path` atomically. `before_rename` runs after the temp file is durable and
/// before it replaces `path`; tests use it to simulate a crash at the worst moment.
pub fn atomic_write_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .ok_or_else(|| StoreError::Invalid(format!("{} has no folder", path.display())))?;
    fs::create_dir_all(dir).map_err(io(dir))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".dingbind-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    tmp.write_all(bytes).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    before_rename().map_err(io(path))?;
    tmp.persist(path).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    // The rename is durable only once the folder entry is.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    atomic_write_with(path, bytes, || Ok(()))
}

/// App-wide settings, next to the profiles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    #[serde(default)]
    pub language: Lang,
    /// The profile open when the app last stopped; reopened at start so a crash loses nothing.
    #[serde(default)]
    pub last_profile_id: Option<String>,
    /// A corporate root certificate to trust beside the system store (see [`crate::ca`]).
    #[serde(default)]
    pub ca_file: Option<String>,
}

/// One row of the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub template_id: String,
    pub current_step: String,
    pub updated_at: String,
    /// Set when the file could not be read; the file is left as it is.
    pub broken: Option<String>,
}

impl ProfileSummary {
    pub fn of(p: &Profile) -> Self {
        ProfileSummary {
            id: p.id.clone(),
            name: p.name.clone(),
            template_id: p.template_id.clone(),
            current_step: p.current_step.clone(),
            updated_at: p.updated_at.clone(),
            broken: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl Store {
    /// Opens (creating) the data folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let dir = dir.into();
        let profiles = dir.join("profiles");
        fs::create_dir_all(&profiles).map_err(io(&profiles))?;
        Ok(Self { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn profile_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        self.path_of("profiles", id)
    }

    /// `<data>/<folder>/<id>.json` for a well-formed profile id (never a path out of the folder).
    pub(crate) fn path_of(&self, folder: &str, id: &str) -> Result<PathBuf, StoreError> {
        if !valid_id(id) {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(self.dir.join(folder).join(format!("{id}.json")))
    }

    pub fn list(&self) -> Result<Vec<ProfileSummary>, StoreError> {
        let dir = self.dir.join("profiles");
        let mut out = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io(&dir))? {
            let path = entry.map_err(io(&dir))?.path();
            let Some(id) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".json"))
            else {
                continue;
            };
            if !valid_id(id) {
                continue;
            }
            out.push(match self.load(id) {
                Ok(p) => ProfileSummary::of(&p),
                Err(e) => ProfileSummary {
                    id: id.to_string(),
                    name: id.to_string(),
                    template_id: String::new(),
                    current_step: String::new(),
                    updated_at: String::new(),
                    broken: Some(e.to_string()),
                },
            });
        }
        out.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name)));
        Ok(out)
    }

    pub fn load(&self, id: &str) -> Result<Profile, StoreError> {
        let path = self.profile_path(id)?;
        let text = match fs::read_to_string(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound(id.to_string()))
            }
            other => other.map_err(io(&path))?,
        };
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                path: path.clone(),
                message: e.to_string(),
            })?;
        let found = value
            .get("schema_version")
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as u32;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path, found });
        }
        let profile: Profile = serde_json::from_value(value).map_err(|e| StoreError::Corrupt {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if profile.id != id {
            return Err(StoreError::Corrupt {
                path,
                message: format!("the file holds profile `{}`", profile.id),
            });
        }
        Ok(profile)
    }

    /// Saves a profile (stamping `updated_at`) and returns what was written.
    pub fn save(&self, profile: Profile) -> Result<Profile, StoreError> {
        let mut profile = profile.without_secret_values();
        profile.updated_at = now();
        let path = self.profile_path(&profile.id)?;
        let json =
            serde_json::to_vec_pretty(&profile).map_err(|e| StoreError::Invalid(e.to_string()))?;
        atomic_write(&path, &json)?;
        Ok(profile)
    }

    pub fn create(&self, name: &str, template: &Template) -> Result<Profile, StoreError> {
        let name = checked_name(name)?;
        let profile = Profile::new(uuid::Uuid::new_v4().to_string(), name, template, now());
        self.save(profile)
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<Profile, StoreError> {
        let mut profile = self.load(id)?;
        profile.name = checked_name(name)?;
        self.save(profile)
    }

    /// A copy under a new id; secrets are copied by the caller ([`crate::secrets::Secrets::copy`]).
    pub fn duplicate(&self, id: &str, name: &str) -> Result<Profile, StoreError> {
        let mut profile = self.load(id)?;
        profile.id = uuid::Uuid::new_v4().to_string();
        profile.name = checked_name(name)?;
        profile.created_at = now();
        profile.secrets.clear();
        self.save(profile)
    }

    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        let path = self.profile_path(id)?;
        match fs::remove_file(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(StoreError::NotFound(id.to_string()))
            }
            other => other.map_err(io(&path)),
        }
    }

    pub fn settings(&self) -> Settings {
        fs::read_to_string(self.dir.join("settings.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        let json =
            serde_json::to_vec_pretty(settings).map_err(|e| StoreError::Invalid(e.to_string()))?;
        atomic_write(&self.dir.join("settings.json"), &json)
    }

    /// Folder for the admin's own templates (`*.toml`).
    pub fn templates_dir(&self) -> PathBuf {
        self.dir.join("templates")
    }
}

fn checked_name(name: &str) -> Result<String, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("a profile needs a name".into()));
    }
    if name.chars().count() > 80 {
        return Err(StoreError::Invalid(
            "keep the name under 80 characters".into(),
        ));
    }
    Ok(name.to_string())
}
