//! The templates the wizard is built from: the built-ins and the admin's own files.

use super::Res;
use crate::dialogs::pick_open_path;
use crate::error::{ErrorCode, IpcError};
use dingbind_core::template::Template;
use dingbind_core::workspace::{TemplateAdded, Workspace, MAX_TEMPLATE_BYTES};
use std::io::Read;
use tauri::{AppHandle, Manager, Runtime};

pub fn list_templates<R: Runtime>(app: &AppHandle<R>) -> Res<Vec<Template>> {
    Ok(app.state::<Workspace>().templates())
}

/// Asks for a template file (`.toml`) and adds it (checked, stored, offered); `None` when the
/// admin cancels the dialog.
pub async fn add_template<R: Runtime>(app: &AppHandle<R>) -> Res<Option<TemplateAdded>> {
    let Some(path) = pick_open_path(app, ("TOML", &["toml"])).await? else {
        return Ok(None);
    };
    // One byte past the limit is enough for the core to refuse a file that is no template.
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|f| {
            f.take(MAX_TEMPLATE_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| IpcError::new(ErrorCode::Storage, format!("{}: {e}", path.display())))?;
    let ws = app.state::<Workspace>();
    Ok(Some(ws.add_template(&path.display().to_string(), &bytes)?))
}
