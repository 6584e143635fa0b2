//! Scenarios: the TOML description of one simulated DingTalk world, and its loading and
//! consistency checks.
//!
//! A scenario says what exists (org, departments, users, apps with their secrets, granted
//! permission points, visible and contact ranges, whitelist, registered redirect URIs), what the
//! caller looks like from DingTalk's side (egress IP, clock skew, latency) and which faults to
//! inject. The schema is [`Scenario`] and its parts; the annotated reference is
//! `scenarios/example.toml`.

mod fault;
mod generate;
mod model;
mod query;

use std::collections::HashSet;
use std::path::Path;

pub use model::{
    App, Attendance, AttendanceGroup, Department, ExternalContact, Fault, FaultKind, Generate,
    Login, Org, Range, Role, Scenario, StreamGateway, User,
};
pub use query::ROOT_DEPT;

use crate::error::{Result, SimError};

/// Who "is logged in" on the simulated login page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginIdentity {
    pub unionid: String,
    pub nick: String,
    /// The org member, if the identity belongs to the org.
    pub userid: Option<String>,
}

impl Scenario {
    /// Parse and check a scenario.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let mut scenario: Scenario = toml::from_str(text)?;
        scenario.org.expand_generated();
        scenario.validate()?;
        Ok(scenario)
    }

    /// Read, parse and check a scenario file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| SimError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml_str(&text)
    }

    /// The scenario as TOML (for saving an edited practice scenario).
    pub fn to_toml_string(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// Reject scenarios that would make the simulator answer nonsense.
    pub fn validate(&self) -> Result<()> {
        let org = &self.org;
        let invalid = |msg: String| Err(SimError::Invalid(msg));
        if org.dept(ROOT_DEPT).is_none() {
            return invalid(
                "org.departments must contain the root department (dept_id = 1)".into(),
            );
        }
        let mut seen = HashSet::new();
        for d in &org.departments {
            if !seen.insert(d.dept_id) {
                return invalid(format!("department {} is declared twice", d.dept_id));
            }
            match d.parent_id {
                None if d.dept_id != ROOT_DEPT => {
                    return invalid(format!("department {} has no parent_id", d.dept_id))
                }
                Some(p) if org.dept(p).is_none() => {
                    return invalid(format!("department {} has unknown parent {p}", d.dept_id))
                }
                _ => {}
            }
            if !org.lineage(d.dept_id).contains(&ROOT_DEPT) {
                return invalid(format!("department {} is not under the root", d.dept_id));
            }
        }
        let (mut ids, mut unions) = (HashSet::new(), HashSet::new());
        for u in &org.users {
            if !ids.insert(&u.userid) || !unions.insert(&u.unionid) {
                return invalid(format!("user {} is declared twice", u.userid));
            }
            if let Some(d) = u.dept_ids.iter().find(|d| org.dept(**d).is_none()) {
                return invalid(format!("user {} is in unknown department {d}", u.userid));
            }
        }
        for c in &org.external_contacts {
            if !ids.insert(&c.userid) || !unions.insert(&c.unionid) {
                return invalid(format!(
                    "external contact {} reuses a userid or unionid",
                    c.unionid
                ));
            }
        }
        let mut role_ids = HashSet::new();
        for r in &org.roles {
            if !role_ids.insert(r.role_id) {
                return invalid(format!("role {} is declared twice", r.role_id));
            }
            if let Some(u) = r.userids.iter().find(|u| org.user(u).is_none()) {
                return invalid(format!("role {} names unknown user {u}", r.role_id));
            }
        }
        let mut client_ids = HashSet::new();
        for a in &self.apps {
            if !client_ids.insert(&a.client_id) {
                return invalid(format!("app {} is declared twice", a.client_id));
            }
            for range in [&a.visible_range, &a.contact_range] {
                if let Some(r) = range.role_ids.iter().find(|r| !role_ids.contains(*r)) {
                    return invalid(format!("app {} names unknown role {r}", a.client_id));
                }
            }
        }
        if let Some(userid) = &self.login.userid {
            if org.user(userid).is_none() {
                return invalid(format!("login.userid {userid} is not an org user"));
            }
        }
        Ok(())
    }

    /// The identity that auto-consents on the login page: `login.userid`, else `login.unionid`
    /// (an org user, an external contact, or someone unknown to the org), else the first admin,
    /// else the first user.
    pub fn login_identity(&self) -> Option<LoginIdentity> {
        let org = &self.org;
        let from_user = |u: &User| LoginIdentity {
            unionid: u.unionid.clone(),
            nick: u.name.clone(),
            userid: Some(u.userid.clone()),
        };
        if let Some(u) = self.login.userid.as_deref().and_then(|id| org.user(id)) {
            return Some(from_user(u));
        }
        if let Some(unionid) = &self.login.unionid {
            if let Some(u) = org.user_by_unionid(unionid) {
                return Some(from_user(u));
            }
            let nick = self
                .login
                .nick
                .clone()
                .or_else(|| org.external_by_unionid(unionid).map(|c| c.name.clone()))
                .unwrap_or_else(|| "外部用户".into());
            return Some(LoginIdentity {
                unionid: unionid.clone(),
                nick,
                userid: None,
            });
        }
        org.users
            .iter()
            .find(|u| u.admin)
            .or_else(|| org.users.first())
            .map(from_user)
    }
}
