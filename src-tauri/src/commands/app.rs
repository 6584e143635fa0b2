//! The app as a whole: what the UI needs at start, the language, the corporate root certificate,
//! and opening links and saved files with the system.

use super::Res;
use crate::dialogs::{pick_open_path, Written};
use crate::error::IpcError;
use dingbind_core::i18n::Lang;
use dingbind_core::workspace::{AppInfo, Workspace};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};

/// What the UI needs at start: version, data folder, keychain state, settings, field labels.
pub fn app_info<R: Runtime>(app: &AppHandle<R>) -> Res<AppInfo> {
    Ok(app.state::<Workspace>().info())
}

/// Keeps the admin's language for the next start.
pub fn set_language<R: Runtime>(app: &AppHandle<R>, language: Lang) -> Res<()> {
    Ok(app.state::<Workspace>().set_language(language)?)
}

/// Asks for the corporate root certificate (PEM) and trusts it for the live checks and the login
/// test; `None` when the admin cancels the dialog. A file without a certificate is refused.
pub async fn choose_ca_file<R: Runtime>(app: &AppHandle<R>) -> Res<Option<AppInfo>> {
    let filter = ("PEM", &["pem", "crt", "cer"][..]);
    let Some(path) = pick_open_path(app, filter).await? else {
        return Ok(None);
    };
    Ok(Some(app.state::<Workspace>().set_ca_file(Some(&path))?))
}

/// Trusts the system store only again.
pub fn clear_ca_file<R: Runtime>(app: &AppHandle<R>) -> Res<AppInfo> {
    Ok(app.state::<Workspace>().set_ca_file(None)?)
}

/// Opens an allow-listed console page (or the platform's own domain) in the default browser.
pub fn open_link<R: Runtime>(app: &AppHandle<R>, url: String) -> Res<String> {
    let target = app.state::<Workspace>().link_target(&url)?;
    open::that_detached(&target).map_err(IpcError::open_failed)?;
    Ok(target)
}

/// Opens a file this app saved (a report) with the system's default program.
pub fn open_saved<R: Runtime>(app: &AppHandle<R>, path: String) -> Res<()> {
    let path = PathBuf::from(path);
    if !app.state::<Written>().contains(&path) {
        return Err(IpcError::not_saved_here(&path));
    }
    open::that_detached(&path).map_err(IpcError::open_failed)
}

/// The UI's first screen is drawn and answers input (see `ui/src/ready.ts`); `marks` are the
/// page's own milestones, in ms since it started loading. With `DINGBIND_READY_MARK` set, prints
/// `dingbind-ready` and the marks on one line of stdout: what `make bench` times the start-up by
/// (`scripts/bench-start.py`). Otherwise it does nothing.
pub async fn ui_ready<R: Runtime>(_app: &AppHandle<R>, marks: Vec<(String, f64)>) -> Res<()> {
    if std::env::var_os(READY_MARK_ENV).is_some() {
        use std::io::Write;
        let marks: Vec<String> = marks
            .iter()
            .map(|(name, ms)| format!("{name}={ms:.0}"))
            .collect();
        let mut out = std::io::stdout().lock();
        // Nobody may be reading (a closed pipe): the mark is for the benchmark only.
        let _ = writeln!(out, "dingbind-ready {}", marks.join(" "));
        let _ = out.flush();
    }
    Ok(())
}

/// Asks [`ui_ready`] to print its mark.
pub const READY_MARK_ENV: &str = "DINGBIND_READY_MARK";
