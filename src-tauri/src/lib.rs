//! The Dingbind desktop shell: a Tauri window around `dingbind-core`. It owns only what needs a
//! desktop — the window, native dialogs, the browser opener, the clipboard, events, practice mode's
//! simulator — and hands every decision to the core's
//! [`Workspace`](dingbind_core::workspace::Workspace). `commands/list.rs` is the whole IPC surface.

#![warn(missing_docs)]

pub mod bindings;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod events;
pub mod webview2;

use dingbind_core::secrets::Secrets;
use dingbind_core::workspace::{Workspace, WorkspaceError};
use events::Saved;
use std::path::PathBuf;
use tauri::Manager;

/// Why the app could not start: its data folder could not be opened as a workspace.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{0}")]
    /// The data folder could not be opened as a workspace.
    Workspace(#[from] WorkspaceError),
    #[error("no data folder: set DINGBIND_DATA_DIR")]
    /// There is no data folder (no home directory) and `DINGBIND_DATA_DIR` is not set.
    NoDataDir,
}

/// Opens the workspace and registers it, practice mode and the files written as app state;
/// autosave results become `profile-saved` events.
pub fn setup_workspace<R: tauri::Runtime>(
    app: &tauri::App<R>,
    dir: PathBuf,
    secrets: Secrets,
) -> Result<(), SetupError> {
    let handle = app.handle().clone();
    let workspace = Workspace::open(dir, secrets, move |result| {
        let saved = match result {
            Ok(p) => Saved {
                id: Some(p.id),
                updated_at: Some(p.updated_at),
                error: None,
            },
            Err(e) => Saved {
                id: None,
                updated_at: None,
                error: Some(e.text()),
            },
        };
        events::emit(&handle, saved);
    })?;
    app.manage(workspace);
    app.manage(commands::practice::PracticeSlot::default());
    app.manage(commands::sync::SyncSlot::default());
    app.manage(dialogs::Written::default());
    Ok(())
}

/// Starts the desktop app: plugins, the workspace in the data folder, the command handler.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // The same folder and keychain as the CLI (`DINGBIND_DATA_DIR`, `DINGBIND_KEYCHAIN`).
            let dir = dingbind_core::host::data_dir().ok_or(SetupError::NoDataDir)?;
            setup_workspace(app, dir, dingbind_core::host::secrets())?;
            Ok(())
        })
        .invoke_handler(commands::handler())
        .on_window_event(|window, event| {
            // Whatever is pending is written before the window goes away.
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                if let Some(ws) = window.try_state::<Workspace>() {
                    ws.flush();
                }
            }
        })
        .run(tauri::generate_context!())
        .expect("error while running Dingbind");
}
