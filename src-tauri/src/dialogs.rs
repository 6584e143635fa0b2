//! The native open and save dialogs, and writing the files the admin asked for. Paths are chosen
//! in Rust and never come from the webview, so the UI cannot read or write anywhere it likes.
//!
//! `DINGBIND_SAVE_DIR` skips the dialog and saves into that folder under the suggested name — for
//! automation and the end-to-end tests, which cannot drive a native GTK dialog.

use crate::error::IpcError;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// `DINGBIND_SAVE_DIR` answers the save dialog with that folder (automation, end-to-end tests).
pub const SAVE_DIR_ENV: &str = "DINGBIND_SAVE_DIR";
/// `DINGBIND_OPEN_FILE` answers the open dialog with this file (automation, end-to-end tests).
pub const OPEN_FILE_ENV: &str = "DINGBIND_OPEN_FILE";

/// Asks which file to open (or uses `DINGBIND_OPEN_FILE`); `None` when the admin cancels.
pub async fn pick_open_path<R: tauri::Runtime>(
    app: &AppHandle<R>,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, IpcError> {
    if let Some(file) = std::env::var_os(OPEN_FILE_ENV) {
        return Ok(Some(PathBuf::from(file)));
    }
    let dialog = app.dialog().file().add_filter(filter.0, filter.1);
    ask(move || dialog.blocking_pick_file()).await
}

/// Runs a blocking native dialog off the async runtime; the picked path, `None` when cancelled.
async fn ask(
    dialog: impl FnOnce() -> Option<tauri_plugin_dialog::FilePath> + Send + 'static,
) -> Result<Option<PathBuf>, IpcError> {
    let picked = tauri::async_runtime::spawn_blocking(dialog)
        .await
        .map_err(IpcError::dialog_failed)?;
    picked
        .map(|p| p.into_path().map_err(IpcError::dialog_failed))
        .transpose()
}

/// Asks where to save `name` (or uses `DINGBIND_SAVE_DIR`); `None` when the admin cancels.
pub async fn pick_save_path<R: tauri::Runtime>(
    app: &AppHandle<R>,
    name: &str,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, IpcError> {
    if let Some(dir) = std::env::var_os(SAVE_DIR_ENV) {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let dialog = app
        .dialog()
        .file()
        .set_file_name(name)
        .add_filter(filter.0, filter.1);
    ask(move || dialog.blocking_save_file()).await
}

/// Files this run of the app wrote: the only local files "open" may hand to the OS.
#[derive(Default)]
pub struct Written(Mutex<Vec<PathBuf>>);

impl Written {
    fn remember(&self, path: PathBuf) {
        if let Ok(mut v) = self.0.lock() {
            v.push(path);
        }
    }

    pub(crate) fn contains(&self, path: &std::path::Path) -> bool {
        self.0.lock().is_ok_and(|v| v.iter().any(|p| p == path))
    }
}

/// Saves `bytes` where the admin picks; returns the path written, `None` when cancelled.
pub async fn save_dialog<R: tauri::Runtime>(
    app: &AppHandle<R>,
    name: &str,
    filter: (&str, &[&str]),
    bytes: &[u8],
) -> Result<Option<String>, IpcError> {
    let Some(path) = pick_save_path(app, name, filter).await? else {
        return Ok(None);
    };
    write(app, &path, bytes).map(Some)
}

/// Writes a file the admin chose (atomically) and remembers it as one this app wrote.
pub fn write<R: tauri::Runtime>(
    app: &AppHandle<R>,
    path: &std::path::Path,
    bytes: &[u8],
) -> Result<String, IpcError> {
    dingbind_core::store::atomic_write(path, bytes).map_err(|e| IpcError::write_failed(path, e))?;
    if let Some(w) = app.try_state::<Written>() {
        w.remember(path.to_path_buf());
    }
    Ok(path.display().to_string())
}
