//! The templates the wizard is built from: the built-ins and the admin's own files.

use super::Res;
use crate::dialogs::pick_open_path;
use dingbind_core::host::{read_user_file, MAX_TEMPLATE_BYTES};
use dingbind_core::template::Template;
use dingbind_core::workspace::{TemplateAdded, Workspace};
use tauri::{AppHandle, Manager, Runtime};

/// The templates on offer: built-ins first, then the admin's own.
pub fn list_templates<R: Runtime>(app: &AppHandle<R>) -> Res<Vec<Template>> {
    Ok(app.state::<Workspace>().templates())
}

/// Asks for a template file (`.toml`) and adds it (checked, stored, offered); `None` when the
/// admin cancels the dialog.
pub async fn add_template<R: Runtime>(app: &AppHandle<R>) -> Res<Option<TemplateAdded>> {
    let Some(path) = pick_open_path(app, ("TOML", &["toml"])).await? else {
        return Ok(None);
    };
    let bytes = read_user_file(&path, MAX_TEMPLATE_BYTES as u64)?;
    let ws = app.state::<Workspace>();
    Ok(Some(ws.add_template(&path.display().to_string(), &bytes)?))
}
