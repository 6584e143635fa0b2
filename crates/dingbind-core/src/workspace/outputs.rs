//! What the wizard hands out for a profile: the codes to scan, the report, the live-check runs
//! (made, cancelled, kept and compared). Kept apart from the editing methods in `mod.rs` so each
//! file owns one concern. The methods without a profile id are the shell's older calls on the open
//! profile, kept until it moves to the id-keyed ones.

use super::{lock, Result, Workspace, WorkspaceError};
use crate::checks::{self, Cancel, CheckEvent, CheckInput, CheckOptions, CheckResult, CheckRun};
use crate::history::{self, LoginRecord, RecordedRun, RunDiff, RunListItem};
use crate::profile::Profile;
use crate::report::Report;
use crate::scan::ScanCode;

impl Workspace {
    /// The scan codes of profile `profile_id`. `login_base` is DingTalk's login host (or the
    /// simulator's in practice mode).
    pub fn scan_codes_of(&self, profile_id: &str, login_base: &str) -> Result<Vec<ScanCode>> {
        Ok(self.binding(profile_id)?.scan_codes(login_base))
    }

    /// The binding report of profile `profile_id` with its newest kept run and login test.
    pub fn report_of(&self, profile_id: &str, login_base: &str) -> Result<Report> {
        let binding = self.binding(profile_id)?;
        let last = history::latest(&self.store, profile_id)?;
        let login = history::last_login(&self.store, profile_id)?;
        Ok(binding.report(
            login_base,
            last.as_ref().map(|r| &r.run),
            login.as_ref(),
            &crate::store::now(),
        ))
    }

    /// What a live-check run of profile `profile_id` needs: its values, URL patterns and secrets,
    /// what its newest login test proves, and the corporate root certificate to trust.
    pub fn check_input_of(
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
        practice_scenario: Option<String>,
        on_event: impl Fn(CheckEvent) + Send + Sync + 'static,
    ) -> Result<CheckRun> {
        let input = self.check_input_of(profile_id, options, dingtalk)?;
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
    pub(super) fn record_login_of(
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
    pub fn runs_of(&self, profile_id: &str) -> Result<Vec<RunListItem>> {
        self.profile_of(profile_id)?;
        Ok(history::list(&self.store, profile_id)?)
    }

    pub fn run_of(&self, profile_id: &str, run_id: &str) -> Result<RecordedRun> {
        self.profile_of(profile_id)?;
        Ok(history::get(&self.store, profile_id, run_id)?)
    }

    /// What changed from run `before` to run `after` of profile `profile_id`.
    pub fn diff_runs_of(&self, profile_id: &str, before: &str, after: &str) -> Result<RunDiff> {
        let before = self.run_of(profile_id, before)?;
        let after = self.run_of(profile_id, after)?;
        Ok(history::diff(&before.run, &after.run))
    }

    /// A copy of the open profile.
    // shell compat: removed when src-tauri moves to the id-keyed API
    #[doc(hidden)]
    pub fn current(&self) -> Result<Profile> {
        self.open_slot()
            .clone()
            .ok_or(WorkspaceError::NoOpenProfile)
    }

    /// The open profile's id.
    fn current_id(&self) -> Result<String> {
        Ok(self.current()?.id)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API
    #[doc(hidden)]
    pub fn scan_codes(&self, login_base: &str) -> Result<Vec<ScanCode>> {
        self.scan_codes_of(&self.current_id()?, login_base)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API
    #[doc(hidden)]
    pub fn report(&self, login_base: &str) -> Result<Report> {
        self.report_of(&self.current_id()?, login_base)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API
    #[doc(hidden)]
    pub fn check_input(
        &self,
        options: CheckOptions,
        dingtalk: dingtalk::Config,
    ) -> Result<CheckInput> {
        self.check_input_of(&self.current_id()?, options, dingtalk)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API (`run_checks` keeps its runs)
    #[doc(hidden)]
    pub fn record_run(&self, run: CheckRun) -> Result<RecordedRun> {
        Ok(history::record(
            &self.store,
            &self.current_id()?,
            run,
            None,
        )?)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API (`login_finish` keeps it)
    #[doc(hidden)]
    pub fn record_login(&self, client_id: &str, result: CheckResult) -> Result<()> {
        self.record_login_of(&self.current_id()?, client_id, result)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API
    #[doc(hidden)]
    pub fn runs(&self) -> Result<Vec<RunListItem>> {
        self.runs_of(&self.current_id()?)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API
    #[doc(hidden)]
    pub fn run(&self, run_id: &str) -> Result<RecordedRun> {
        self.run_of(&self.current_id()?, run_id)
    }

    // shell compat: removed when src-tauri moves to the id-keyed API
    #[doc(hidden)]
    pub fn diff_runs(&self, before: &str, after: &str) -> Result<RunDiff> {
        self.diff_runs_of(&self.current_id()?, before, after)
    }
}
