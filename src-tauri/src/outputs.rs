//! The scan codes (show, copy as image, save as PNG) and the run history, as commands.

use crate::error::{ErrorCode, IpcError};
use crate::files::{file_name, save_dialog};
use crate::live::Live;
use dingbind_core::history::{RecordedRun, RunDiff, RunListItem};
use dingbind_core::i18n::Lang;
use dingbind_core::qr;
use dingbind_core::report;
use dingbind_core::scan::{ScanCode, ScanKind};
use dingbind_core::workspace::Workspace;
use serde::Deserialize;
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use ts_rs::TS;

type Res<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn scan_codes(ws: State<'_, Workspace>, live: State<'_, Live>) -> Res<Vec<ScanCode>> {
    let (cfg, _) = live.dingtalk().await;
    Ok(ws.scan_codes(&cfg.endpoints.login)?)
}

/// The URL of one code, or why there is none yet.
async fn code_url(ws: &Workspace, live: &Live, kind: ScanKind) -> Res<String> {
    let (cfg, _) = live.dingtalk().await;
    ws.scan_codes(&cfg.endpoints.login)?
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
#[tauri::command]
pub async fn copy_qr_image<R: tauri::Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    live: State<'_, Live>,
    kind: ScanKind,
) -> Res<()> {
    let url = code_url(&ws, &live, kind).await?;
    let (w, h, rgba) = qr::rgba(&url).map_err(qr_failed)?;
    app.clipboard()
        .write_image(&tauri::image::Image::new_owned(rgba, w, h))
        .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))
}

/// Saves the QR code as a PNG where the admin picks; `None` when they cancel.
#[tauri::command]
pub async fn save_qr_png<R: tauri::Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    live: State<'_, Live>,
    kind: ScanKind,
) -> Res<Option<String>> {
    let url = code_url(&ws, &live, kind).await?;
    let png = qr::png(&url).map_err(qr_failed)?;
    let name = format!("dingbind-{}.png", kind.key().replace('_', "-"));
    save_dialog(&app, &name, ("PNG", &["png"]), &png).await
}

#[tauri::command]
pub fn list_runs(ws: State<'_, Workspace>) -> Res<Vec<RunListItem>> {
    Ok(ws.runs()?)
}

#[tauri::command]
pub fn get_run(ws: State<'_, Workspace>, id: String) -> Res<RecordedRun> {
    Ok(ws.run(&id)?)
}

#[tauri::command]
pub fn diff_runs(ws: State<'_, Workspace>, before: String, after: String) -> Res<RunDiff> {
    Ok(ws.diff_runs(&before, &after)?)
}

#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Html,
    Md,
    Json,
}

/// Saves the binding report of the open profile (with its newest run); `None` when cancelled.
#[tauri::command]
pub async fn save_report<R: tauri::Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    live: State<'_, Live>,
    format: ReportFormat,
    lang: Lang,
) -> Res<Option<String>> {
    let (cfg, _) = live.dingtalk().await;
    let r = ws.report(&cfg.endpoints.login)?;
    let (text, ext, kind) = match format {
        ReportFormat::Html => (report::html(&r, lang), "html", "HTML"),
        ReportFormat::Md => (report::markdown(&r, lang), "md", "Markdown"),
        ReportFormat::Json => (report::json(&r), "json", "JSON"),
    };
    let stem = match lang {
        Lang::Zh => format!("钉钉绑定报告-{}", r.profile.name),
        Lang::En => format!("dingtalk-binding-report-{}", r.profile.name),
    };
    save_dialog(
        &app,
        &file_name(&stem, ext),
        (kind, &[ext]),
        text.as_bytes(),
    )
    .await
}
