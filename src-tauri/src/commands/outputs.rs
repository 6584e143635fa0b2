//! What the wizard hands out: the scan codes (shown, copied as an image, saved as PNG) and the
//! binding report.

use super::practice::target;
use super::Res;
use crate::dialogs::{file_name, save_dialog};
use crate::error::{ErrorCode, IpcError};
use dingbind_core::i18n::Lang;
use dingbind_core::qr;
use dingbind_core::report;
use dingbind_core::scan::{ScanCode, ScanKind};
use dingbind_core::workspace::Workspace;
use serde::Deserialize;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use ts_rs::TS;

pub async fn scan_codes<R: Runtime>(app: &AppHandle<R>) -> Res<Vec<ScanCode>> {
    let (cfg, _) = target(app).await;
    Ok(app.state::<Workspace>().scan_codes(&cfg.endpoints.login)?)
}

/// The URL of one code, or why there is none yet.
async fn code_url<R: Runtime>(app: &AppHandle<R>, kind: ScanKind) -> Res<String> {
    scan_codes(app)
        .await?
        .into_iter()
        .find(|c| c.kind == kind)
        .and_then(|c| c.url)
        .ok_or_else(|| {
            IpcError::new(
                ErrorCode::NotFound,
                "this code needs values not entered yet",
            )
        })
}

fn qr_failed(e: qr::QrError) -> IpcError {
    IpcError::new(ErrorCode::InvalidInput, e.to_string())
}

/// Puts the QR code on the clipboard as an image (to paste into a chat or a document).
pub async fn copy_qr_image<R: Runtime>(app: &AppHandle<R>, kind: ScanKind) -> Res<()> {
    let url = code_url(app, kind).await?;
    let (w, h, rgba) = qr::rgba(&url).map_err(qr_failed)?;
    app.clipboard()
        .write_image(&tauri::image::Image::new_owned(rgba, w, h))
        .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))
}

/// Saves the QR code as a PNG where the admin picks; `None` when they cancel.
pub async fn save_qr_png<R: Runtime>(app: &AppHandle<R>, kind: ScanKind) -> Res<Option<String>> {
    let url = code_url(app, kind).await?;
    let png = qr::png(&url).map_err(qr_failed)?;
    let name = format!("dingbind-{}.png", kind.key().replace('_', "-"));
    save_dialog(app, &name, ("PNG", &["png"]), &png).await
}

#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Html,
    Md,
    Json,
}

/// Saves the binding report of the open profile (with its newest run); `None` when cancelled.
pub async fn save_report<R: Runtime>(
    app: &AppHandle<R>,
    format: ReportFormat,
    lang: Lang,
) -> Res<Option<String>> {
    let (cfg, _) = target(app).await;
    let r = app.state::<Workspace>().report(&cfg.endpoints.login)?;
    let (text, ext, kind) = match format {
        ReportFormat::Html => (report::html(&r, lang), "html", "HTML"),
        ReportFormat::Md => (report::markdown(&r, lang), "md", "Markdown"),
        ReportFormat::Json => (report::json(&r), "json", "JSON"),
    };
    let stem = match lang {
        Lang::Zh => format!("钉钉绑定报告-{}", r.profile.name),
        Lang::En => format!("dingtalk-binding-report-{}", r.profile.name),
    };
    let name = file_name(&stem, ext);
    save_dialog(app, &name, (kind, &[ext]), text.as_bytes()).await
}
