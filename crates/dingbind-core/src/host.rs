//! The one environment both hosts run in: where the data folder is, whether the OS keychain is
//! used, which templates exist, which extra root certificate the checks trust, and how big a file
//! the admin picks may be. The desktop shell and the CLI both start from here, so a profile saved
//! by one is found by the other, and a file one refuses the other refuses with the same code.

use crate::i18n::Text;
use crate::secrets::{KeychainError, Secrets};
use crate::store::Settings;
use crate::template::{self, Template, TemplateProblem};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The app's identifier; equal to `identifier` in `src-tauri/tauri.conf.json` (a test compares
/// them), because the data folder is named after it.
pub const APP_ID: &str = "com.dingbind.wizard";
/// Overrides where profiles live (tests, portable installs, a server's own folder).
pub const DATA_DIR_ENV: &str = "DINGBIND_DATA_DIR";
/// `DINGBIND_KEYCHAIN=off` forces session-only secrets (to see the app as it is without a
/// keychain, and so tests never touch the developer's keychain).
pub const KEYCHAIN_ENV: &str = "DINGBIND_KEYCHAIN";
/// The keychain service both hosts read and write, so a secret stored by the app is found by the
/// CLI on the same computer.
pub const KEYCHAIN_SERVICE: &str = "dingbind";
/// Hand-off files and reports are small; anything bigger is not one (and is not read into memory).
pub const MAX_IMPORT_BYTES: u64 = 4 * 1024 * 1024;
/// Bigger than any real template by far; a bigger file is not one.
pub const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// The data folder: `DINGBIND_DATA_DIR`, else the per-user folder exactly where Tauri's
/// `app_data_dir()` puts it (`dirs::data_dir()` joined with [`APP_ID`]: `%APPDATA%` on Windows,
/// `$XDG_DATA_HOME` or `~/.local/share` on Linux, `~/Library/Application Support` on macOS).
/// `None` only when the OS names no such folder (no home directory).
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => Some(dir.into()),
        None => Some(dirs::data_dir()?.join(APP_ID)),
    }
}

/// The secret store: the OS keychain, unless `DINGBIND_KEYCHAIN=off` or it does not answer (then
/// secrets live in memory for the session, and [`Secrets::unavailable_reason`] says why).
pub fn secrets() -> Secrets {
    match std::env::var(KEYCHAIN_ENV).as_deref() {
        Ok("off") => Secrets::new(Err(KeychainError::Off(format!("{KEYCHAIN_ENV}=off")))),
        _ => Secrets::os(KEYCHAIN_SERVICE),
    }
}

/// The corporate root certificate the checks trust: the one chosen in the app (`settings`), else
/// `DINGBIND_CA_FILE` (`true` when it comes from there).
pub fn ca_file(settings: Option<&Settings>) -> Option<(PathBuf, bool)> {
    match settings.and_then(|s| s.ca_file.clone()) {
        Some(path) => Some((PathBuf::from(path), false)),
        None => std::env::var_os(dingtalk::CA_FILE_ENV)
            .filter(|v| !v.is_empty())
            .map(|v| (PathBuf::from(v), true)),
    }
}

/// Every template this computer offers: the built-ins first, then the admin's own from
/// `<data>/templates` (loaded once; a broken file is a problem to show, never fatal).
#[derive(Debug, Clone)]
pub struct Templates {
    pub list: Vec<Arc<Template>>,
    /// The admin's files that could not be loaded, with file, line and field.
    pub problems: Vec<TemplateProblem>,
}

impl Templates {
    /// The built-ins, plus the admin's own when there is a data folder.
    pub fn load(data_dir: Option<&Path>) -> Self {
        let (own, problems) = data_dir
            .map(|d| template::load_dir(&d.join("templates")))
            .unwrap_or_default();
        let list = template::builtins()
            .iter()
            .cloned()
            .chain(own)
            .map(Arc::new)
            .collect();
        Self { list, problems }
    }

    pub fn find(&self, id: &str) -> Option<Arc<Template>> {
        self.list.iter().find(|t| t.id == id).cloned()
    }
}

/// Why a file the admin chose was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Bigger than any file of that kind: refused before it is read into memory.
    #[error("{path} is {size} bytes, more than the {limit} a file of this kind can be")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
}

impl FileError {
    pub fn code(&self) -> &'static str {
        match self {
            FileError::TooLarge { .. } => "file_too_large",
            FileError::Unreadable { .. } => "file_unreadable",
        }
    }

    pub fn text(&self) -> Text {
        match self {
            FileError::TooLarge { path, size, limit } => Text::new(
                format!("文件 {path} 有 {size} 字节，超过这类文件的上限（{limit} 字节），不是 Dingbind 能读取的文件，已拒绝。"),
                format!("{path} is {size} bytes, more than a file of this kind can be ({limit} bytes); it was refused."),
            ),
            FileError::Unreadable { path, source } => Text::new(
                format!("无法读取文件 {path}：{source}"),
                format!("Cannot read {path}: {source}"),
            ),
        }
    }
}

/// Reads a file the admin picked, refusing one bigger than `limit` (its kind's size, e.g.
/// [`MAX_IMPORT_BYTES`]) before reading it, and never reading past the limit should it grow.
pub fn read_user_file(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    let shown = path.display().to_string();
    let unreadable = |source| FileError::Unreadable {
        path: shown.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > limit {
        return Err(FileError::TooLarge {
            path: shown,
            size,
            limit,
        });
    }
    read_limited(file, &shown, limit)
}

/// [`read_user_file`] for a stream (the CLI's `-`, stdin): the same limit, counted while reading.
pub fn read_user_input(input: impl Read, name: &str, limit: u64) -> Result<Vec<u8>, FileError> {
    read_limited(input, name, limit)
}

fn read_limited(input: impl Read, name: &str, limit: u64) -> Result<Vec<u8>, FileError> {
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| FileError::Unreadable {
            path: name.to_string(),
            source,
        })?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(FileError::TooLarge {
            path: name.to_string(),
            size,
            limit,
        });
    }
    Ok(bytes)
}

/// A file name from what the admin typed (a profile name): no path separators or characters
/// Windows refuses.
pub fn file_name(stem: &str, ext: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}.{ext}", clean.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_id_is_the_shells_identifier() {
        let conf = include_str!("../../../src-tauri/tauri.conf.json");
        let conf: serde_json::Value = serde_json::from_str(conf).unwrap();
        assert_eq!(conf["identifier"], APP_ID);
    }

    #[test]
    fn a_file_over_its_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 11]).unwrap();
        let e = read_user_file(&path, 10).unwrap_err();
        assert_eq!(e.code(), "file_too_large");
        assert_eq!(read_user_file(&path, 11).unwrap().len(), 11);
        let e = read_user_input(&[b'x'; 11][..], "-", 10).unwrap_err();
        assert_eq!(e.code(), "file_too_large");
        let e = read_user_file(&dir.path().join("missing"), 10).unwrap_err();
        assert_eq!(e.code(), "file_unreadable");
    }

    #[test]
    fn file_names_lose_what_windows_refuses() {
        assert_eq!(file_name(" a/b:c ", "json"), "a_b_c.json");
    }
}
