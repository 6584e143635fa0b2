//! What the wizard hands out for a profile: the codes to scan, the report, the live-check runs
//! (made, cancelled, kept and compared). Kept apart from the editing methods in `mod.rs` so each
//! file owns one concern.

use super::{lock, Result, Workspace, WorkspaceError};
use crate::checks::{
    self, Cancel, CheckEvent, CheckInput, CheckOptions, CheckResult, CheckRun, PracticeScenario,
};
use crate::history::{self, LoginRecord, RecordedRun, RunDiff, RunListItem};
use crate::profile::Profile;
use crate::report::Report;
use crate::scan::ScanCode;

impl Workspace {
    /// The scan codes of profile `profile_id`. `login_base` is DingTalk's login host (or the
    /// simulator's in practice mode).
    pub fn scan_codes(&self, profile_id: &str, login_base: &str) -> Result<Vec<ScanCode>> {
        Ok(self.binding(profile_id)?.scan_codes(login_base))
    }

    /// The binding report of profile `profile_id` with its newest kept run and login test.
    pub fn report(&self, profile_id: &str, login_base: &str) -> Result<Report> {
        let binding = self.binding(profile_id)?;
        let last = history::latest(&self.store, profile_id)?;
        let login = history::last_login(&self.store, profile_id)?;
        let sync = crate::sync::keep::summary(&self.store, profile_id)?;
        Ok(binding.report(
            login_base,
            last.as_ref().map(|r| &r.run),
            login.as_ref(),
            sync.as_ref(),
            &crate::store::now(),
        ))
    }

    /// What a live-check run of profile `profile_id` needs: its values, URL patterns and secrets,
    /// what its newest login test proves, and the corporate root certificate to trust.
    pub fn check_input(
        &self,
        profile_id: &str,
        options: CheckOptions,
        dingtalk: dingtalk::Config,
    ) -> Result<CheckInput> {
        let binding = self.binding(profile_id)?;
        let login = history::last_login(&self.store, profile_id).ok().flatten();
        let ca = self.ca_file().map(|(path, _)| path);
        Ok(binding.check_input(options, dingtalk, login.as_ref(), ca))
    }

    /// Runs every check of profile `profile_id` against `dingtalk` (the simulator's endpoints with
    /// `practice_scenario` in practice mode), telling `on_event` as each check starts and ends, and
    /// keeps the finished run in the profile's history. A run still going is cancelled first.
    pub async fn run_checks(
        &self,
        profile_id: &str,
        options: CheckOptions,
        dingtalk: dingtalk::Config,
        practice_scenario: Option<PracticeScenario>,
        on_event: impl Fn(CheckEvent) + Send + Sync + 'static,
    ) -> Result<CheckRun> {
        let input = self.check_input(profile_id, options, dingtalk)?;
        let cancel = Cancel::new();
        if let Some(previous) = lock(&self.checks).replace(cancel.clone()) {
            previous.cancel();
        }
        let run = checks::run(input, practice_scenario, cancel, on_event).await;
        // A run that was kept can be compared later; not keeping it must not hide the result.
        if let Err(e) = history::record(&self.store, profile_id, run.clone(), None) {
            eprintln!("run not kept in history: {e}");
        }
        Ok(run)
    }

    /// Stops the run in progress (its unfinished checks end as cancelled).
    pub fn cancel_checks(&self) {
        if let Some(c) = lock(&self.checks).take() {
            c.cancel();
        }
    }

    /// Keeps the newest login round trip of `profile_id` (made with `client_id`).
    pub fn record_login(
        &self,
        profile_id: &str,
        client_id: &str,
        result: CheckResult,
    ) -> Result<()> {
        let login = LoginRecord {
            at: crate::store::now(),
            client_id: client_id.to_string(),
            result,
        };
        Ok(history::record_login(&self.store, profile_id, &login)?)
    }

    /// The kept runs of profile `profile_id`, newest first.
    pub fn runs(&self, profile_id: &str) -> Result<Vec<RunListItem>> {
        self.profile_of(profile_id)?;
        Ok(history::list(&self.store, profile_id)?)
    }

    pub fn run(&self, profile_id: &str, run_id: &str) -> Result<RecordedRun> {
        self.profile_of(profile_id)?;
        Ok(history::get(&self.store, profile_id, run_id)?)
    }

    /// What changed from run `before` to run `after` of profile `profile_id`.
    pub fn diff_runs(&self, profile_id: &str, before: &str, after: &str) -> Result<RunDiff> {
        let before = self.run(profile_id, before)?;
        let after = self.run(profile_id, after)?;
        Ok(history::diff(&before.run, &after.run))
    }

    /// A copy of the open profile (the editing session's, with edits not yet saved).
    pub fn current(&self) -> Result<Profile> {
        self.open_slot()
            .clone()
            .ok_or(WorkspaceError::NoOpenProfile)
    }

    /// Keeps a run of profile `profile_id` made elsewhere (a report's run, a test's).
    pub fn record_run(&self, profile_id: &str, run: CheckRun) -> Result<RecordedRun> {
        self.profile_of(profile_id)?;
        Ok(history::record(&self.store, profile_id, run, None)?)
    }
}
