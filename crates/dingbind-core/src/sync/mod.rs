//! The sync preview (issue 11): walk the org as the platform's API will see it and say, side by
//! side, who will be synced (the contact permission range, 通讯录权限范围, what `auth/scopes`
//! lets the API read) and who can open the app (its visible range), with the reason for every
//! difference, which user fields come back, and whether the count matches what the platform
//! expects. Previews are kept per profile ([`keep`]) and two are compared ([`diff`]): joiners,
//! leavers and moves.
//!
//! The walk ([`walk`]) is polite: every API is paced below DingTalk's documented per-app, per-API
//! limit (20 calls/s for a standard-edition org, docs/dingtalk/limits.md#throttling-dimensions),
//! so it never causes 90018 on its own; if DingTalk throttles anyway it pauses and retries the
//! same page. It reports progress as it goes, stops in-flight requests when cancelled and hands
//! back a [`Checkpoint`] that resumes where it stopped. It keeps only ids, names, departments and
//! which fields were present.

pub mod diff;
pub mod keep;
mod preview;
mod walk;

pub use diff::{diff, PreviewDiff, PreviewMove, PreviewPerson};
pub use keep::{KeptPreview, PreviewSummary};
pub use preview::{
    DeptRow, DiffKind, Difference, FieldReport, FieldStatus, PersonRow, SyncPreview, SyncTotals,
    VisibleRange,
};
pub use walk::{Checkpoint, ContactScopes, DeptSeen, OutsideDept, PersonSeen, Task, Unreadable};

use crate::diagnosis::Diagnosis;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

/// DingTalk's per-app, per-API limit for a standard-edition org: 20 calls per second (DOCS 1433,
/// docs/dingtalk/limits.md#throttling-dimensions).
pub const DOCUMENTED_QPS_PER_API: u32 = 20;

/// How the walk paces itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncOptions {
    /// Calls per second per API. Default 16: below the documented 20, so that network jitter
    /// bunching a few calls together still stays under it.
    pub qps_per_api: u32,
    /// Requests in flight at once per API.
    pub concurrency_per_api: u32,
    /// Members per `v2/user/list` page (at most 100, DOCS 0062).
    pub page_size: u32,
    /// How long to pause every request after a throttle answer: DingTalk says "sleep 1秒"
    /// (DOCS 1433).
    pub throttle_pause_ms: u32,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            qps_per_api: 16,
            concurrency_per_api: 6,
            page_size: 100,
            throttle_pause_ms: 1000,
        }
    }
}

/// What a walk needs: the app's credentials, its AgentId (for the visible range), where DingTalk
/// is, and the number of accounts the platform expects, if the admin gave one.
#[derive(Debug, Clone)]
pub struct SyncInput {
    pub credentials: dingtalk::Credentials,
    pub agent_id: Option<i64>,
    pub dingtalk: dingtalk::Config,
    pub expected: Option<u32>,
    pub options: SyncOptions,
}

/// Progress, as the walk goes. The counters only grow; `waiting_for_rate_limit` is true while
/// the walk pauses after a throttle answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    /// Departments found so far.
    pub departments: u32,
    /// People the API has returned so far.
    pub people: u32,
    /// Requests made so far (this walk and the walk it resumes).
    pub requests: u32,
    /// Throttle answers DingTalk gave (each was retried).
    pub throttled: u32,
    pub waiting_for_rate_limit: bool,
}

/// How a walk ended.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncOutcome {
    Done {
        preview: Box<SyncPreview>,
    },
    /// Cancelled: resume with the checkpoint.
    Cancelled {
        checkpoint: Box<Checkpoint>,
    },
}

/// Why a walk could not finish.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SyncError {
    /// No Client ID or Client Secret to read the directory with.
    #[error("credentials missing")]
    NoCredentials,
    /// DingTalk refused a call the walk cannot do without; the checkpoint resumes the walk once
    /// the cause is fixed (a permission granted, the network back).
    #[error("{}", .diagnosis.cause.en)]
    Api {
        diagnosis: Box<Diagnosis>,
        checkpoint: Option<Box<Checkpoint>>,
    },
    /// The client could not be built (the CA file, say).
    #[error("{0}")]
    Client(String),
}

impl SyncError {
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::NoCredentials => "credentials_missing",
            SyncError::Api { .. } => "sync_refused",
            SyncError::Client(_) => "client",
        }
    }

    pub fn text(&self) -> Text {
        match self {
            SyncError::NoCredentials => Text::new(
                "没有 Client ID 和 Client Secret，无法读取通讯录：请先填写它们",
                "No Client ID and Client Secret to read the directory with: enter them first",
            ),
            SyncError::Api { diagnosis, .. } => Text::new(
                format!(
                    "钉钉拒绝了读取通讯录的请求：{} {}",
                    diagnosis.cause.zh, diagnosis.fix.zh
                ),
                format!(
                    "DingTalk refused to let the directory be read: {} {}",
                    diagnosis.cause.en, diagnosis.fix.en
                ),
            ),
            SyncError::Client(e) => Text::new(
                format!("无法连接钉钉：{e}"),
                format!("Cannot reach DingTalk: {e}"),
            ),
        }
    }

    /// The walk so far, when there is one to resume.
    pub fn checkpoint(&self) -> Option<&Checkpoint> {
        match self {
            SyncError::Api { checkpoint, .. } => checkpoint.as_deref(),
            _ => None,
        }
    }
}

/// Walks the org and builds the preview, or resumes `resume` (a walk cancelled or refused
/// before). `on_progress` is called as the counters change; cancelling `cancel` stops the
/// requests in flight and returns [`SyncOutcome::Cancelled`] with what was found so far.
pub async fn preview(
    input: &SyncInput,
    resume: Option<Checkpoint>,
    on_progress: impl Fn(SyncProgress) + Send + Sync,
    cancel: CancellationToken,
) -> Result<SyncOutcome, SyncError> {
    walk::run(input, resume, &on_progress, cancel).await
}
