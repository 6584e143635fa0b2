//! Hand-off export and import. Files are picked in Rust, so the webview never passes a path; the
//! core decides what a hand-off consists of and keeps an encrypted import while the admin types
//! its passphrase.

use super::Res;
use crate::dialogs::{pick_open_path, pick_save_path, write};
use dingbind_core::handoff::manifest_file_name;
use dingbind_core::host::{read_user_file, MAX_IMPORT_BYTES};
use dingbind_core::workspace::{ImportOutcome, Workspace};
use tauri::{AppHandle, Manager, Runtime};

/// Writes `<name>.dingbind.json` where the admin picks, with `<name>.env` next to it and, with a
/// passphrase, `<name>.dingbind.json.age`. Returns the files written; `None` when cancelled.
pub async fn export_handoff<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    passphrase: Option<String>,
) -> Res<Option<Vec<String>>> {
    let (export, name) = {
        let ws = app.state::<Workspace>();
        let name = ws.binding(&profile_id)?.profile.name;
        (ws.export(&profile_id, passphrase.as_deref())?, name)
    };
    let suggested = manifest_file_name(&name);
    let Some(manifest) = pick_save_path(app, &suggested, ("JSON", &["json"])).await? else {
        return Ok(None);
    };
    let files = export.files(&manifest);
    files
        .iter()
        .map(|(path, bytes)| write(app, path, bytes))
        .collect::<Res<Vec<_>>>()
        .map(Some)
}

/// Picks a manifest (plain or `.age`) or a report and imports it; `None` when cancelled.
pub async fn import_file<R: Runtime>(app: &AppHandle<R>) -> Res<Option<ImportOutcome>> {
    let Some(path) = pick_open_path(app, ("Dingbind", &["json", "age"])).await? else {
        return Ok(None);
    };
    let bytes = read_user_file(&path, MAX_IMPORT_BYTES)?;
    Ok(Some(app.state::<Workspace>().import_file(bytes)?))
}

/// Imports the encrypted file picked last, with its passphrase.
pub fn import_with_passphrase<R: Runtime>(
    app: &AppHandle<R>,
    passphrase: String,
) -> Res<ImportOutcome> {
    Ok(app
        .state::<Workspace>()
        .import_with_passphrase(&passphrase)?)
}
