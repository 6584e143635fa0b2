//! What the wizard hands out for a profile: the scan codes (shown, copied as an image, saved as
//! PNG) and the binding report.

use super::practice::target;
use super::Res;
use crate::dialogs::save_dialog;
use crate::error::IpcError;
use dingbind_core::i18n::Lang;
use dingbind_core::qr;
use dingbind_core::report::Format;
use dingbind_core::scan::{ScanCode, ScanKind};
use dingbind_core::workspace::Workspace;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;

/// The profile's scan codes, against DingTalk's login host (or the simulator's in practice mode).
pub async fn scan_codes<R: Runtime>(app: &AppHandle<R>, profile_id: String) -> Res<Vec<ScanCode>> {
    let (cfg, _) = target(app).await;
    let ws = app.state::<Workspace>();
    Ok(ws.scan_codes(&profile_id, &cfg.endpoints.login)?)
}

/// The URL of one code, or why there is none yet.
async fn code_url<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    kind: ScanKind,
) -> Res<String> {
    scan_codes(app, profile_id)
        .await?
        .into_iter()
        .find(|c| c.kind == kind)
        .and_then(|c| c.url)
        .ok_or_else(IpcError::code_not_ready)
}

/// Puts the QR code on the clipboard as an image (to paste into a chat or a document).
pub async fn copy_qr_image<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    kind: ScanKind,
) -> Res<()> {
    let url = code_url(app, profile_id, kind).await?;
    let (w, h, rgba) = qr::rgba(&url)?;
    app.clipboard()
        .write_image(&tauri::image::Image::new_owned(rgba, w, h))
        .map_err(IpcError::clipboard_failed)
}

/// Saves the QR code as a PNG where the admin picks; `None` when they cancel.
pub async fn save_qr_png<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    kind: ScanKind,
) -> Res<Option<String>> {
    let url = code_url(app, profile_id, kind).await?;
    let png = qr::png(&url)?;
    let name = format!("dingbind-{}.png", kind.key().replace('_', "-"));
    save_dialog(app, &name, ("PNG", &["png"]), &png).await
}

/// Saves the binding report of the profile (with its newest run) in `format` and `lang`, under
/// the name the core gives it; `None` when cancelled.
pub async fn save_report<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    format: Format,
    lang: Lang,
) -> Res<Option<String>> {
    let (cfg, _) = target(app).await;
    let report = app
        .state::<Workspace>()
        .report(&profile_id, &cfg.endpoints.login)?;
    let ext = format.extension();
    let filter = (format.label(), &[ext][..]);
    let text = format.render(&report, lang);
    let name = format.file_name(&report, lang);
    save_dialog(app, &name, filter, text.as_bytes()).await
}
