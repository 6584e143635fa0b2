//! A binding as both hosts hand it to the core: a profile, its template and the secret values this
//! session can read. The desktop app builds one for a stored profile
//! ([`Workspace::binding`](crate::workspace::Workspace::binding)); the CLI builds one from a profile
//! file or from `--set` values. What follows from a binding — its evaluation, scan codes, report,
//! live-check input and hand-off — is written once here, so the same profile gives the same
//! answers from either host.

use crate::checks::{CheckInput, CheckOptions, CheckRun, CheckStatus};
use crate::field::Field;
use crate::handoff::{self, Export, HandoffError};
use crate::history::LoginRecord;
use crate::login::{LoginError, LoginInput};
use crate::profile::{evaluate, Profile};
use crate::report::{self, Report, ReportInput};
use crate::scan::{self, ScanCode, ScanInput};
use crate::template::Template;
use crate::workspace::ProfileView;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

pub struct Binding {
    pub profile: Profile,
    pub template: Arc<Template>,
    /// The secret values this session can read (keychain, session memory or environment); they
    /// only ever leave through the masked evaluation, the check input and the encrypted hand-off.
    pub secrets: BTreeMap<Field, String>,
    /// The app keeps this profile under its id (keychain entries, history, the codes' `state`).
    /// False for a profile made in memory of the CLI's `--set` values, whose id means nothing.
    pub stored: bool,
}

impl std::fmt::Debug for Binding {
    // Never print a secret value, only which secrets are known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Binding")
            .field("profile", &self.profile.id)
            .field("template", &self.template.id)
            .field("secrets", &self.secrets.keys().collect::<Vec<_>>())
            .field("stored", &self.stored)
            .finish()
    }
}

impl Binding {
    /// The profile with every verdict the wizard shows (secrets masked).
    pub fn view(&self) -> ProfileView {
        ProfileView {
            evaluation: evaluate(&self.template, &self.profile, &self.secrets),
            profile: self.profile.clone(),
        }
    }

    /// The `state` of the login code: fixed per stored profile so its codes do not change between
    /// renders (and the app and the CLI print the same codes for it).
    fn state(&self) -> String {
        match self.stored {
            true => format!(
                "dingbind-{}",
                self.profile.id.chars().take(8).collect::<String>()
            ),
            false => "dingbind".to_string(),
        }
    }

    /// The codes to scan, from the valid values and generated URLs. `login_base` is DingTalk's
    /// login host (or the simulator's in practice mode).
    pub fn scan_codes(&self, login_base: &str) -> Vec<ScanCode> {
        codes_of(&self.view(), login_base, &self.state())
    }

    /// The binding report: the profile as it is, its codes, and `last_run` / `login` when there
    /// are (the kept history, or a run made just now). `generated_at` is RFC 3339.
    pub fn report(
        &self,
        login_base: &str,
        last_run: Option<&CheckRun>,
        login: Option<&LoginRecord>,
        sync: Option<&crate::sync::PreviewSummary>,
        generated_at: &str,
    ) -> Report {
        let view = self.view();
        report::build(&ReportInput {
            profile: &self.profile,
            template: &self.template,
            evaluation: &view.evaluation,
            scan_codes: &codes_of(&view, login_base, &self.state()),
            last_run,
            login,
            sync,
            app_version: env!("CARGO_PKG_VERSION"),
            generated_at,
        })
    }

    /// What a live-check run needs. `login` is the profile's newest login round trip (what it
    /// proves counts only when it was made with this Client ID); `ca_file` the corporate root
    /// certificate to trust instead of whatever `dingtalk` names.
    pub fn check_input(
        &self,
        options: CheckOptions,
        dingtalk: dingtalk::Config,
        login: Option<&LoginRecord>,
        ca_file: Option<PathBuf>,
    ) -> CheckInput {
        let mut input = CheckInput::new(
            Template::clone(&self.template),
            &self.profile.values,
            &self.profile.url_patterns,
            &self.secrets,
            options,
            dingtalk,
        );
        (input.login_passed_at, input.login_corp_id) =
            login_proof(login, input.value(Field::ClientId));
        if let Some(path) = ca_file {
            input.dingtalk.extra_ca_file = Some(path);
        }
        input
    }

    /// What a login round trip needs; refused (`credentials_missing`) without a valid Client ID
    /// and a Client Secret, since there is nothing to log in with.
    pub fn login_input(
        &self,
        dingtalk: dingtalk::Config,
        ca_file: Option<PathBuf>,
    ) -> Result<LoginInput, LoginError> {
        let input = self.check_input(CheckOptions::default(), dingtalk, None, ca_file);
        let (Some(client_id), Some(client_secret)) = (
            input.value(Field::ClientId),
            input.secret(Field::ClientSecret),
        ) else {
            return Err(LoginError::NoCredentials);
        };
        Ok(LoginInput {
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            corp_id: input.value(Field::CorpId).map(str::to_owned),
            corp_name: input.value(Field::CorpName).map(str::to_owned),
            dingtalk: input.dingtalk.clone(),
        })
    }

    /// What a sync preview needs: the app's credentials and AgentId (from the same validated
    /// values the live checks use); refused (`credentials_missing`) without a Client ID and a
    /// Client Secret.
    pub fn sync_input(
        &self,
        dingtalk: dingtalk::Config,
        expected: Option<u32>,
        options: crate::sync::SyncOptions,
    ) -> Result<crate::sync::SyncInput, crate::sync::SyncError> {
        let input = self.check_input(CheckOptions::default(), dingtalk, None, None);
        let (Some(client_id), Some(client_secret)) = (
            input.value(Field::ClientId),
            input.secret(Field::ClientSecret),
        ) else {
            return Err(crate::sync::SyncError::NoCredentials);
        };
        Ok(crate::sync::SyncInput {
            credentials: dingtalk::Credentials {
                client_id: client_id.to_owned(),
                client_secret: client_secret.to_owned(),
            },
            agent_id: input.value(Field::AgentId).and_then(|a| a.parse().ok()),
            dingtalk: input.dingtalk.clone(),
            expected,
            options,
        })
    }

    /// The hand-off files' contents; secrets only inside the encrypted one (with a passphrase).
    pub fn export(&self, passphrase: Option<&str>, now: &str) -> Result<Export, HandoffError> {
        handoff::export(
            &self.profile,
            &self.template,
            &self.secrets,
            passphrase,
            env!("CARGO_PKG_VERSION"),
            now,
        )
    }
}

/// What a login round trip proves, if it was made with this Client ID: when it passed (`ok` only:
/// it read the user through `Contact.User.Read`), and the CorpId DingTalk returned for it (`ok` or
/// `warn`: the exchange, the profile and the membership all passed; a CorpId other than the
/// profile's fails the login).
fn login_proof(
    login: Option<&LoginRecord>,
    client_id: Option<&str>,
) -> (Option<String>, Option<String>) {
    let Some(login) = login.filter(|l| Some(l.client_id.as_str()) == client_id) else {
        return (None, None);
    };
    let status = login.result.status;
    let corp_id = matches!(status, CheckStatus::Ok | CheckStatus::Warn)
        .then(|| login.result.data.get(crate::login::LOGIN_CORP_ID)?.as_str())
        .flatten()
        .map(str::to_owned);
    (
        (status == CheckStatus::Ok).then(|| login.at.clone()),
        corp_id,
    )
}

/// The codes of an evaluated profile, from its valid values and generated URLs.
fn codes_of(view: &ProfileView, login_base: &str, state: &str) -> Vec<ScanCode> {
    let values: BTreeMap<Field, String> = view
        .evaluation
        .fields
        .iter()
        .filter(|(f, v)| v.ok && !f.is_secret() && !v.value.is_empty())
        .map(|(f, v)| (*f, v.value.clone()))
        .collect();
    scan::codes(&ScanInput {
        values: &values,
        urls: &view.evaluation.urls,
        login_base,
        state,
    })
}
