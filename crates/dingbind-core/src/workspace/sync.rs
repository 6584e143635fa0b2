//! The sync preview as a use case of a profile: walk with the profile's credentials and AgentId
//! (and the corporate CA file the app trusts), keep the finished preview, list and compare kept
//! previews. The app's page calls these through its commands; the CLI uses the same core
//! ([`crate::sync`]) through [`crate::binding::Binding::sync_input`].

use super::{Result, Workspace};
use crate::sync::{
    self, keep, Checkpoint, PreviewDiff, PreviewSummary, SyncOptions, SyncOutcome, SyncProgress,
};
use tokio_util::sync::CancellationToken;

impl Workspace {
    /// Walks the org for profile `profile_id` against `dingtalk` (the simulator's endpoints in
    /// practice mode), or resumes `resume` (a walk cancelled or refused before), telling
    /// `on_progress` as it goes; cancelling `cancel` ends it with
    /// [`SyncOutcome::Cancelled`] and a checkpoint. A finished preview is kept with the profile.
    pub async fn sync_preview(
        &self,
        profile_id: &str,
        dingtalk: dingtalk::Config,
        expected: Option<u32>,
        resume: Option<Checkpoint>,
        cancel: CancellationToken,
        on_progress: impl Fn(SyncProgress) + Send + Sync,
    ) -> Result<SyncOutcome> {
        let binding = self.binding(profile_id)?;
        let mut input = binding.sync_input(dingtalk, expected, SyncOptions::default())?;
        if let Some((path, _)) = self.ca_file() {
            input.dingtalk.extra_ca_file = Some(path);
        }
        let out = sync::preview(&input, resume, on_progress, cancel).await?;
        if let SyncOutcome::Done { preview } = &out {
            // Not keeping it must not hide the preview.
            if let Err(e) = keep::record(&self.store, profile_id, preview) {
                eprintln!("sync preview not kept: {e}");
            }
        }
        Ok(out)
    }

    /// The kept previews' ids of profile `profile_id`, newest first.
    pub fn sync_previews(&self, profile_id: &str) -> Result<Vec<String>> {
        self.profile_of(profile_id)?;
        Ok(keep::list(&self.store, profile_id)?)
    }

    /// The newest kept preview's totals and who joined, left or moved since the one before.
    pub fn sync_summary(&self, profile_id: &str) -> Result<Option<PreviewSummary>> {
        self.profile_of(profile_id)?;
        Ok(keep::summary(&self.store, profile_id)?)
    }

    /// Who joined, left and moved from kept preview `before` to kept preview `after`.
    pub fn diff_sync_previews(
        &self,
        profile_id: &str,
        before: &str,
        after: &str,
    ) -> Result<PreviewDiff> {
        self.profile_of(profile_id)?;
        let before = keep::get(&self.store, profile_id, before)?;
        let after = keep::get(&self.store, profile_id, after)?;
        Ok(sync::diff(&before.people, &after.people))
    }
}
