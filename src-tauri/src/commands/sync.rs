//! The sync preview page: walk the org as the platform's sync will (streamed as `sync-progress`),
//! cancel it and resume it, keep and compare previews, and save the preview as a CSV for Excel.
//!
//! The walk's checkpoint (after a cancel or a refusal) and the last finished preview stay in the
//! shell: the UI gets what it shows, and a 100,000-person checkpoint never crosses the IPC.

use super::practice::target;
use super::Res;
use crate::dialogs::save_dialog;
use crate::error::IpcError;
use crate::events::emit;
use dingbind_core::i18n::Lang;
use dingbind_core::sync::{
    self, Checkpoint, PreviewSummary, SyncOutcome, SyncPreview, SyncProgress,
};
use dingbind_core::workspace::{Workspace, WorkspaceError};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

/// The walk in flight, the walk to resume and the last preview, per profile (app state).
#[derive(Default)]
pub struct SyncSlot(Mutex<SyncState>);

#[derive(Default)]
struct SyncState {
    cancel: Option<CancellationToken>,
    /// (profile id, where its last walk stopped).
    resume: Option<(String, Checkpoint)>,
    /// (profile id, its last finished preview), for the CSV.
    last: Option<(String, SyncPreview)>,
}

/// How a walk ended, as the page shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncEnd {
    /// The preview, and the kept previews' totals with the change since the one before.
    Done {
        /// Who will be synced, who can open the app, and why they differ.
        preview: Box<SyncPreview>,
        /// The newest kept preview (this one) and who joined, left or moved since the one before.
        summary: Option<PreviewSummary>,
    },
    /// Stopped by the admin; `resume` goes on from here.
    Cancelled {
        /// What the walk had counted when it stopped.
        progress: SyncProgress,
    },
}

/// What the page shows before a walk: the newest kept preview's summary, and whether a stopped
/// walk can be resumed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncOverview {
    /// The newest kept preview's totals and changes; `None` before the first preview.
    pub summary: Option<PreviewSummary>,
    /// A walk of this profile was stopped (cancelled or refused) and can go on where it stopped.
    pub resumable: bool,
}

/// The newest kept preview's totals and changes, and whether a stopped walk of this profile waits.
pub async fn sync_overview<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
) -> Res<SyncOverview> {
    let summary = app.state::<Workspace>().sync_summary(&profile_id)?;
    let state = app.state::<SyncSlot>();
    let resumable = matches!(&state.0.lock().await.resume, Some((id, _)) if *id == profile_id);
    Ok(SyncOverview { summary, resumable })
}

/// Walks the org for the profile (or, with `resume`, goes on from where its last walk stopped),
/// streaming `sync-progress`; a finished preview is kept.
pub async fn sync_preview<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    expected: Option<u32>,
    resume: bool,
) -> Res<SyncEnd> {
    let (cfg, _) = target(app).await;
    let slot = app.state::<SyncSlot>();
    let cancel = CancellationToken::new();
    let checkpoint = {
        let mut state = slot.0.lock().await;
        if let Some(running) = state.cancel.replace(cancel.clone()) {
            running.cancel();
        }
        match state.resume.take() {
            Some((id, c)) if resume && id == profile_id => Some(c),
            _ => None,
        }
    };
    let events = app.clone();
    let ws = app.state::<Workspace>();
    let result = ws
        .sync_preview(&profile_id, cfg, expected, checkpoint, cancel, move |p| {
            emit(&events, p)
        })
        .await;
    let mut state = slot.0.lock().await;
    state.cancel = None;
    match result {
        Ok(SyncOutcome::Done { preview }) => {
            state.last = Some((profile_id.clone(), (*preview).clone()));
            drop(state);
            let summary = ws.sync_summary(&profile_id)?;
            Ok(SyncEnd::Done { preview, summary })
        }
        Ok(SyncOutcome::Cancelled { checkpoint }) => {
            let progress = checkpoint.progress(false);
            state.resume = Some((profile_id, *checkpoint));
            Ok(SyncEnd::Cancelled { progress })
        }
        Err(WorkspaceError::Sync(e)) => {
            if let Some(c) = e.checkpoint() {
                state.resume = Some((profile_id, c.clone()));
            }
            Err(WorkspaceError::Sync(e).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Stops the walk in flight (it ends as cancelled, with a checkpoint to resume).
pub async fn cancel_sync_preview<R: Runtime>(app: &AppHandle<R>) -> Res<()> {
    if let Some(c) = &app.state::<SyncSlot>().0.lock().await.cancel {
        c.cancel();
    }
    Ok(())
}

/// Saves the profile's last preview as a CSV (one row per person, UTF-8 with a BOM for Excel)
/// where the admin picks; `None` when they cancel.
pub async fn save_sync_csv<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    lang: Lang,
) -> Res<Option<String>> {
    let csv = match &app.state::<SyncSlot>().0.lock().await.last {
        Some((id, preview)) if *id == profile_id => sync::csv(preview, lang),
        _ => return Err(IpcError::no_sync_preview()),
    };
    let name = match lang {
        Lang::Zh => "钉钉同步预览.csv",
        Lang::En => "dingtalk-sync-preview.csv",
    };
    save_dialog(app, name, ("CSV", &["csv"]), &csv).await
}
