//! What the wizard hands out for the open profile: the codes to scan and the kept live-test runs.
//! Kept apart from the editing methods in `mod.rs` so each file owns one concern.

use super::{ProfileView, Result, Workspace, WorkspaceError};
use crate::checks::{CheckResult, CheckRun, CheckStatus};
use crate::field::Field;
use crate::history::{self, LoginRecord, RecordedRun, RunDiff, RunListItem};
use crate::profile::Profile;
use crate::report::{self, Report, ReportInput};
use crate::scan::{self, ScanCode, ScanInput};
use std::collections::BTreeMap;

impl Workspace {
    /// A copy of the open profile.
    pub fn current(&self) -> Result<Profile> {
        self.open_slot()
            .clone()
            .ok_or(WorkspaceError::NoOpenProfile)
    }

    /// The scan codes of the open profile. `login_base` is DingTalk's login host (or the
    /// simulator's in practice mode).
    pub fn scan_codes(&self, login_base: &str) -> Result<Vec<ScanCode>> {
        Ok(codes_of(&self.view(self.current()?)?, login_base))
    }

    /// The binding report of the open profile with its newest run.
    pub fn report(&self, login_base: &str) -> Result<Report> {
        let view = self.view(self.current()?)?;
        let profile = &view.profile;
        let last = history::latest(&self.store, &profile.id)?;
        let login = history::last_login(&self.store, &profile.id)?;
        let template = self.template(&profile.template_id)?;
        Ok(report::build(&ReportInput {
            profile,
            template: &template,
            evaluation: &view.evaluation,
            scan_codes: &codes_of(&view, login_base),
            last_run: last.as_ref().map(|r| &r.run),
            login: login.as_ref(),
            app_version: env!("CARGO_PKG_VERSION"),
            generated_at: &crate::store::now(),
        }))
    }

    /// Keeps a finished run of the open profile.
    pub fn record_run(&self, run: CheckRun) -> Result<RecordedRun> {
        let profile = self.current()?;
        Ok(history::record(&self.store, &profile.id, run, None)?)
    }

    /// Keeps the open profile's newest login round trip (made with `client_id`).
    pub fn record_login(&self, client_id: &str, result: CheckResult) -> Result<()> {
        let profile = self.current()?;
        let login = LoginRecord {
            at: crate::store::now(),
            client_id: client_id.to_string(),
            result,
        };
        Ok(history::record_login(&self.store, &profile.id, &login)?)
    }

    /// What the profile's newest login round trip proves, if it was made with this Client ID: when
    /// it passed (`ok` only: it read the user through `Contact.User.Read`), and the CorpId DingTalk
    /// returned for it (`ok` or `warn`: the exchange, the profile and the membership all passed;
    /// a CorpId other than the profile's fails the login).
    pub(super) fn login_proof(
        &self,
        profile_id: &str,
        client_id: Option<&str>,
    ) -> (Option<String>, Option<String>) {
        let Some(login) = history::last_login(&self.store, profile_id).ok().flatten() else {
            return (None, None);
        };
        if Some(login.client_id.as_str()) != client_id {
            return (None, None);
        }
        let status = login.result.status;
        let corp_id = matches!(status, CheckStatus::Ok | CheckStatus::Warn)
            .then(|| login.result.data.get(crate::login::LOGIN_CORP_ID)?.as_str())
            .flatten()
            .map(str::to_owned);
        ((status == CheckStatus::Ok).then_some(login.at), corp_id)
    }

    /// The open profile's runs, newest first.
    pub fn runs(&self) -> Result<Vec<RunListItem>> {
        Ok(history::list(&self.store, &self.current()?.id)?)
    }

    pub fn run(&self, run_id: &str) -> Result<RecordedRun> {
        Ok(history::get(&self.store, &self.current()?.id, run_id)?)
    }

    /// What changed from run `before` to run `after`.
    pub fn diff_runs(&self, before: &str, after: &str) -> Result<RunDiff> {
        Ok(history::diff(&self.run(before)?.run, &self.run(after)?.run))
    }
}

/// The codes of an evaluated profile, from its valid values and generated URLs. The `state` is
/// fixed per profile so the codes do not change between renders.
fn codes_of(view: &ProfileView, login_base: &str) -> Vec<ScanCode> {
    let values: BTreeMap<Field, String> = view
        .evaluation
        .fields
        .iter()
        .filter(|(f, v)| v.ok && !f.is_secret() && !v.value.is_empty())
        .map(|(f, v)| (*f, v.value.clone()))
        .collect();
    let id = &view.profile.id;
    let state = format!("dingbind-{}", &id[..id.len().min(8)]);
    scan::codes(&ScanInput {
        values: &values,
        urls: &view.evaluation.urls,
        login_base,
        state: &state,
    })
}
