//! The Dingbind desktop shell: a Tauri window around `dingbind-core`. It owns only what needs a
//! desktop — the window, the OS keychain, the browser opener, the clipboard plugin, events — and
//! hands every decision to the core's [`Workspace`](dingbind_core::workspace::Workspace).
//! `commands/list.rs` is the whole IPC surface.

pub mod bindings;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod events;

use dingbind_core::secrets::{KeychainError, Secrets};
use dingbind_core::workspace::{Workspace, WorkspaceError};
use events::Saved;
use std::path::PathBuf;
use tauri::Manager;

/// `DINGBIND_DATA_DIR` overrides where profiles live (tests, portable installs).
pub const DATA_DIR_ENV: &str = "DINGBIND_DATA_DIR";
/// `DINGBIND_KEYCHAIN=off` forces session-only secrets (to see the app as it is without a keychain).
pub const KEYCHAIN_ENV: &str = "DINGBIND_KEYCHAIN";
pub const KEYCHAIN_SERVICE: &str = "dingbind";

pub fn secrets_from_env() -> Secrets {
    match std::env::var(KEYCHAIN_ENV).as_deref() {
        Ok("off") => Secrets::new(Err(KeychainError::Off(format!("{KEYCHAIN_ENV}=off")))),
        _ => Secrets::os(KEYCHAIN_SERVICE),
    }
}

/// Why the app could not start: its data folder could not be opened as a workspace.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{0}")]
    Workspace(#[from] WorkspaceError),
}

/// Opens the workspace and registers it and the shell's own state (practice mode, the run and the
/// login test in progress, the pending import, the files written) as app state; autosave results
/// become `profile-saved` events.
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
                error: Some(e.to_string()),
            },
        };
        events::emit(&handle, saved);
    })?;
    app.manage(workspace);
    app.manage(commands::practice::PracticeSlot::default());
    app.manage(commands::checks::RunningCheck::default());
    app.manage(commands::login::LoginState::default());
    app.manage(commands::handoff::PendingImport::default());
    app.manage(dialogs::Written::default());
    Ok(())
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let dir = match std::env::var_os(DATA_DIR_ENV) {
                Some(d) => PathBuf::from(d),
                None => app.path().app_data_dir()?,
            };
            setup_workspace(app, dir, secrets_from_env())?;
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
