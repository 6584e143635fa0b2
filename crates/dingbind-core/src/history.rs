//! Run history: every live-test run of a profile is kept (the newest [`KEEP`]) in
//! `<data>/history/<profile id>.json`, next to — not inside — the profile, so the autosaved profile
//! stays small and a history write can never lose a value the admin typed. [`diff`] says which
//! checks changed between two runs and why: the question support staff ask first ("what is different
//! since it last worked?").
//!
//! Runs are stored as the engine produced them; their traces are already redacted. The newest
//! login round trip is kept beside them, in `<data>/logins/<profile id>.json`: a small file of its
//! own, because every live test reads it (a passed login proves `Contact.User.Read`) and that must
//! not mean parsing fifty runs with their traces.

use crate::checks::{CheckResult, CheckRun, CheckStatus, PracticeScenario, Summary};
use crate::i18n::Text;
use crate::store::{atomic_write, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::fs;
use ts_rs::TS;

/// How many runs a profile keeps.
pub const KEEP: usize = 50;
const SCHEMA_VERSION: u32 = 1;
const FOLDER: &str = "history";
const LOGINS: &str = "logins";

/// One kept run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecordedRun {
    pub id: String,
    pub run: CheckRun,
    /// Set when the run was not made here: it came in a report someone sent (support mode).
    #[serde(default)]
    pub imported_from: Option<String>,
    /// The report it came in: whose, when (the sender's local time with its offset) and from
    /// which version of the app. Runs kept before this existed have none.
    #[serde(default)]
    pub origin: Option<ReportOrigin>,
}

/// Where an imported run comes from, as support needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportOrigin {
    /// The binding's name on the sender's computer.
    pub profile_name: String,
    /// When the report was made, RFC 3339 in the sender's local time (`…+08:00`).
    pub generated_at: String,
    pub app_version: String,
}

/// A line of the history view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunListItem {
    pub id: String,
    pub started_at: String,
    pub duration_ms: u32,
    pub summary: Summary,
    pub practice: Option<PracticeScenario>,
    pub cancelled: bool,
    pub imported_from: Option<String>,
}

impl RunListItem {
    fn of(r: &RecordedRun) -> Self {
        RunListItem {
            id: r.id.clone(),
            started_at: r.run.started_at.clone(),
            duration_ms: r.run.duration_ms,
            summary: r.run.summary,
            practice: r.run.practice.clone(),
            cancelled: r.run.cancelled,
            imported_from: r.imported_from.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    schema_version: u32,
    /// Oldest first.
    runs: Vec<RecordedRun>,
}

fn load(store: &Store, profile_id: &str) -> Result<Vec<RecordedRun>, StoreError> {
    let path = store.path_of(FOLDER, profile_id)?;
    let text = match fs::read_to_string(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        other => other.map_err(|source| StoreError::Io {
            path: path.clone(),
            source,
        })?,
    };
    match serde_json::from_str::<File>(&text) {
        Ok(f) => Ok(f.runs),
        Err(e) => {
            // Keep the unreadable file for a human instead of overwriting it with the next run.
            let aside = path.with_extension("json.corrupt");
            let _ = fs::rename(&path, &aside);
            eprintln!(
                "history {} unreadable ({e}); moved to {}",
                path.display(),
                aside.display()
            );
            Ok(Vec::new())
        }
    }
}

fn save(store: &Store, profile_id: &str, runs: Vec<RecordedRun>) -> Result<(), StoreError> {
    let path = store.path_of(FOLDER, profile_id)?;
    let file = File {
        schema_version: SCHEMA_VERSION,
        runs,
    };
    let json = serde_json::to_vec(&file).map_err(|e| StoreError::Invalid(e.to_string()))?;
    atomic_write(&path, &json)
}

/// Keeps a run (dropping the oldest beyond [`KEEP`]) and returns it with its id.
pub fn record(
    store: &Store,
    profile_id: &str,
    run: CheckRun,
    origin: Option<ReportOrigin>,
) -> Result<RecordedRun, StoreError> {
    let mut runs = load(store, profile_id)?;
    let recorded = RecordedRun {
        id: uuid::Uuid::new_v4().to_string(),
        run,
        imported_from: origin
            .as_ref()
            .map(|o| format!("{} · {}", o.profile_name, o.generated_at)),
        origin,
    };
    runs.push(recorded.clone());
    let excess = runs.len().saturating_sub(KEEP);
    runs.drain(..excess);
    save(store, profile_id, runs)?;
    Ok(recorded)
}

/// A login round trip: when it finished, with which app, and what it found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LoginRecord {
    pub at: String,
    /// The Client ID it logged in with: after the admin changes it, the login proves nothing.
    pub client_id: String,
    pub result: CheckResult,
}

/// Keeps the newest login round trip (replacing the one before).
pub fn record_login(
    store: &Store,
    profile_id: &str,
    login: &LoginRecord,
) -> Result<(), StoreError> {
    let json = serde_json::to_vec(login).map_err(|e| StoreError::Invalid(e.to_string()))?;
    atomic_write(&store.path_of(LOGINS, profile_id)?, &json)
}

/// The newest login round trip, if one was made (an unreadable file counts as none).
pub fn last_login(store: &Store, profile_id: &str) -> Result<Option<LoginRecord>, StoreError> {
    let path = store.path_of(LOGINS, profile_id)?;
    match fs::read(&path) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StoreError::Io { path, source }),
    }
}

/// Newest first.
pub fn list(store: &Store, profile_id: &str) -> Result<Vec<RunListItem>, StoreError> {
    Ok(load(store, profile_id)?
        .iter()
        .rev()
        .map(RunListItem::of)
        .collect())
}

pub fn get(store: &Store, profile_id: &str, run_id: &str) -> Result<RecordedRun, StoreError> {
    load(store, profile_id)?
        .into_iter()
        .find(|r| r.id == run_id)
        .ok_or_else(|| StoreError::NotFound(run_id.to_string()))
}

/// The newest run, if any.
pub fn latest(store: &Store, profile_id: &str) -> Result<Option<RecordedRun>, StoreError> {
    Ok(load(store, profile_id)?.pop())
}

/// Forgets a deleted profile's runs and login.
pub fn delete(store: &Store, profile_id: &str) -> Result<(), StoreError> {
    for folder in [FOLDER, LOGINS] {
        let path = store.path_of(folder, profile_id)?;
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(StoreError::Io { path, source: e })
            }
            _ => {}
        }
    }
    Ok(())
}

/// One side of a changed check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckSide {
    pub status: CheckStatus,
    pub code: Option<crate::diagnosis::DiagnosisCode>,
    pub message: Text,
    pub fix: Option<Text>,
    pub original: Option<String>,
}

impl CheckSide {
    fn of(c: &CheckResult) -> Self {
        CheckSide {
            status: c.status,
            code: c.code,
            message: c.message.clone(),
            fix: c.fix.clone(),
            original: c.original.clone(),
        }
    }
}

/// Whether a change made things better or worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Worse than before (e.g. ok → fail).
    Regressed,
    /// Better than before (e.g. fail → ok).
    Fixed,
    /// Same status, different reason (another diagnosis code).
    Reason,
    /// Only in the later run (a new check, or a template change).
    Added,
    /// Only in the earlier run.
    Removed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckChange {
    pub id: String,
    pub title: Text,
    pub kind: ChangeKind,
    pub before: Option<CheckSide>,
    pub after: Option<CheckSide>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunDiff {
    /// Regressions first, then fixes, then the rest; in check order within each.
    pub changes: Vec<CheckChange>,
    /// Checks with the same status and reason in both runs.
    pub unchanged: u32,
}

/// How good a status is, for telling a regression from a fix.
fn rank(s: CheckStatus) -> u8 {
    match s {
        CheckStatus::Ok => 4,
        CheckStatus::Manual => 3,
        CheckStatus::Warn => 2,
        CheckStatus::Skipped => 1,
        CheckStatus::Fail => 0,
    }
}

/// What changed from `before` to `after`.
pub fn diff(before: &CheckRun, after: &CheckRun) -> RunDiff {
    let find = |run: &CheckRun, id: &str| run.checks.iter().find(|c| c.id == id).cloned();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for a in &after.checks {
        let change = match find(before, &a.id) {
            None => Some(ChangeKind::Added),
            Some(b) if b.status != a.status => Some(if rank(a.status) < rank(b.status) {
                ChangeKind::Regressed
            } else {
                ChangeKind::Fixed
            }),
            Some(b) if b.code != a.code => Some(ChangeKind::Reason),
            Some(_) => None,
        };
        match change {
            Some(kind) => changes.push(CheckChange {
                id: a.id.clone(),
                title: a.title.clone(),
                kind,
                before: find(before, &a.id).as_ref().map(CheckSide::of),
                after: Some(CheckSide::of(a)),
            }),
            None => unchanged += 1,
        }
    }
    for b in before
        .checks
        .iter()
        .filter(|b| find(after, &b.id).is_none())
    {
        changes.push(CheckChange {
            id: b.id.clone(),
            title: b.title.clone(),
            kind: ChangeKind::Removed,
            before: Some(CheckSide::of(b)),
            after: None,
        });
    }
    // Stable: check order is kept within each kind.
    changes.sort_by_key(|c| c.kind);
    RunDiff { changes, unchanged }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::DiagnosisCode;

    fn check(id: &str, status: CheckStatus, code: Option<DiagnosisCode>) -> CheckResult {
        CheckResult {
            id: id.into(),
            title: Text::new(id, id),
            status,
            code,
            data: Default::default(),
            message: Text::new(format!("{id} 说明"), format!("{id} says")),
            fix: None,
            fix_url: None,
            advice: None,
            original: None,
            duration_ms: 1,
            skipped_because: vec![],
            trace: vec![],
        }
    }

    fn run(started_at: &str, checks: Vec<CheckResult>) -> CheckRun {
        CheckRun {
            started_at: started_at.into(),
            duration_ms: 10,
            summary: Summary::of(&checks),
            checks,
            cancelled: false,
            deadline_hit: false,
            practice: None,
        }
    }

    use CheckStatus::*;

    #[test]
    fn diff_names_regressions_fixes_reasons_and_added_removed() {
        let before = run(
            "2026-11-20T10:00:00Z",
            vec![
                check("credentials.token", Ok, None),
                check(
                    "scope.qyapi_get_member",
                    Fail,
                    Some(DiagnosisCode::MissingScope),
                ),
                check("network.ip_whitelist", Ok, None),
                check("contact.users", Fail, Some(DiagnosisCode::MissingScope)),
                check("sso.token", Ok, None),
            ],
        );
        let after = run(
            "2026-11-21T10:00:00Z",
            vec![
                check("credentials.token", Ok, None),
                check("scope.qyapi_get_member", Ok, None),
                check(
                    "network.ip_whitelist",
                    Fail,
                    Some(DiagnosisCode::IpNotWhitelisted),
                ),
                check("contact.users", Fail, Some(DiagnosisCode::OutOfRange)),
                check("message.send", Warn, None),
            ],
        );
        let d = diff(&before, &after);
        let got: Vec<(&str, ChangeKind)> =
            d.changes.iter().map(|c| (c.id.as_str(), c.kind)).collect();
        assert_eq!(
            got,
            [
                ("network.ip_whitelist", ChangeKind::Regressed),
                ("scope.qyapi_get_member", ChangeKind::Fixed),
                ("contact.users", ChangeKind::Reason),
                ("message.send", ChangeKind::Added),
                ("sso.token", ChangeKind::Removed),
            ]
        );
        assert_eq!(d.unchanged, 1);
        let ip = &d.changes[0];
        assert_eq!(ip.before.as_ref().unwrap().status, Ok);
        assert_eq!(
            ip.after.as_ref().unwrap().code,
            Some(DiagnosisCode::IpNotWhitelisted)
        );
        assert_eq!(
            ip.after.as_ref().unwrap().message.en,
            "network.ip_whitelist says"
        );
        assert_eq!(diff(&after, &after).changes, []);
    }

    #[test]
    fn keeps_the_newest_fifty_and_lists_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let id = "p-1";
        assert!(list(&store, id).unwrap().is_empty());
        let mut ids = Vec::new();
        for i in 0..(KEEP + 3) {
            let r = record(
                &store,
                id,
                run(
                    &format!("2026-11-21T10:{:02}:00Z", i % 60),
                    vec![check("a", Ok, None)],
                ),
                None,
            )
            .unwrap();
            ids.push(r.id);
        }
        let listed = list(&store, id).unwrap();
        assert_eq!(listed.len(), KEEP);
        assert_eq!(listed[0].id, *ids.last().unwrap());
        assert_eq!(listed.last().unwrap().id, ids[3]);
        assert!(get(&store, id, &ids[0]).is_err(), "the oldest were dropped");
        assert_eq!(
            latest(&store, id).unwrap().unwrap().id,
            *ids.last().unwrap()
        );
        delete(&store, id).unwrap();
        assert!(list(&store, id).unwrap().is_empty());
    }

    #[test]
    fn an_unreadable_history_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let path = store.path_of(FOLDER, "p-2").unwrap();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "{not json").unwrap();
        record(&store, "p-2", run("2026-11-21T10:00:00Z", vec![]), None).unwrap();
        assert_eq!(
            fs::read_to_string(path.with_extension("json.corrupt")).unwrap(),
            "{not json"
        );
        assert_eq!(list(&store, "p-2").unwrap().len(), 1);
    }

    #[test]
    fn a_path_like_id_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(record(&store, "../x", run("t", vec![]), None).is_err());
    }
}
