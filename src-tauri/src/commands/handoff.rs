//! Hand-off export and import. The file to import is picked in Rust and kept here while the admin
//! types the passphrase, so the webview never passes a path.

use super::Res;
use crate::dialogs::{file_name, pick_open_path, pick_save_path, write};
use crate::error::{ErrorCode, IpcError};
use dingbind_core::workspace::{ImportOutcome, Workspace};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};

/// Hand-off files are small; anything bigger is not one (and is not read into memory).
const MAX_IMPORT_BYTES: u64 = 4 * 1024 * 1024;

/// The picked file waiting for its passphrase (app state).
#[derive(Default)]
pub struct PendingImport(Mutex<Option<Vec<u8>>>);

/// Writes `<name>.dingbind.json` where the admin picks, with `<name>.env` next to it and, with a
/// passphrase, `<name>.dingbind.json.age`. Returns the files written; `None` when cancelled.
pub async fn export_handoff<R: Runtime>(
    app: &AppHandle<R>,
    passphrase: Option<String>,
) -> Res<Option<Vec<String>>> {
    let ws = app.state::<Workspace>();
    let export = ws.export(passphrase.as_deref())?;
    let name = ws.current()?.name;
    let suggested = file_name(&name, "dingbind.json");
    let Some(manifest) = pick_save_path(app, &suggested, ("JSON", &["json"])).await? else {
        return Ok(None);
    };
    let stem = manifest
        .to_string_lossy()
        .trim_end_matches(".json")
        .trim_end_matches(".dingbind")
        .to_owned();
    let mut files = vec![(manifest.clone(), export.manifest_json.into_bytes())];
    files.push((format!("{stem}.env").into(), export.env.into_bytes()));
    if let Some(age) = export.encrypted {
        files.push((format!("{}.age", manifest.display()).into(), age));
    }
    files
        .into_iter()
        .map(|(path, bytes): (PathBuf, Vec<u8>)| write(app, &path, &bytes))
        .collect::<Res<Vec<_>>>()
        .map(Some)
}

/// Picks a manifest (plain or `.age`) or a report and imports it; `None` when cancelled.
pub async fn import_file<R: Runtime>(app: &AppHandle<R>) -> Res<Option<ImportOutcome>> {
    let Some(path) = pick_open_path(app, ("Dingbind", &["json", "age"])).await? else {
        return Ok(None);
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_IMPORT_BYTES {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} is {size} bytes: not a Dingbind hand-off file or report",
                path.display()
            ),
        ));
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| IpcError::new(ErrorCode::Storage, format!("{}: {e}", path.display())))?;
    let outcome = app.state::<Workspace>().import(&bytes, None)?;
    if let Ok(mut slot) = app.state::<PendingImport>().0.lock() {
        *slot = matches!(outcome, ImportOutcome::NeedsPassphrase).then_some(bytes);
    }
    Ok(Some(outcome))
}

/// Imports the encrypted file picked last, with its passphrase.
pub fn import_with_passphrase<R: Runtime>(
    app: &AppHandle<R>,
    passphrase: String,
) -> Res<ImportOutcome> {
    let pending = app.state::<PendingImport>();
    let mut slot = pending
        .0
        .lock()
        .map_err(|_| IpcError::new(ErrorCode::Internal, "import state poisoned"))?;
    let bytes = slot
        .as_ref()
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, "no encrypted file is waiting"))?;
    let outcome = app.state::<Workspace>().import(bytes, Some(&passphrase))?;
    // A wrong passphrase keeps the file waiting for another try.
    if matches!(outcome, ImportOutcome::Imported { .. }) {
        *slot = None;
    }
    Ok(outcome)
}
