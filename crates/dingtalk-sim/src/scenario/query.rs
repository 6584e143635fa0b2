//! Read-only questions about a scenario: the department tree, who is inside a range, which app a
//! credential belongs to, whether an IP passes a whitelist.
//!
//! Handlers ask these instead of walking the structs themselves, so the range rules
//! ("a department in range brings its whole subtree") live in exactly one place.

use std::collections::BTreeSet;

use super::model::{App, Department, ExternalContact, Org, Range, Role, Scenario, User};

/// Permission points every internal app has from creation (身份验证和消息通知接口权限).
const DEFAULT_SCOPES: [&str; 2] = ["qyapi_base", "open_app_api_base"];

/// The root department's id.
pub const ROOT_DEPT: i64 = 1;

impl Scenario {
    /// The app with this Client ID.
    pub fn app_by_client_id(&self, client_id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.client_id == client_id)
    }

    /// The app with this Client ID *and* Client Secret.
    pub fn app_by_credentials(&self, client_id: &str, secret: &str) -> Option<&App> {
        self.app_by_client_id(client_id)
            .filter(|a| a.client_secret == secret)
    }

    /// The app with this AgentId.
    pub fn app_by_agent_id(&self, agent_id: i64) -> Option<&App> {
        self.apps.iter().find(|a| a.agent_id == agent_id)
    }
}

impl App {
    /// Whether the permission point is granted (or is one every app has).
    pub fn has_scope(&self, scope: &str) -> bool {
        DEFAULT_SCOPES.contains(&scope) || self.scopes.iter().any(|s| s == scope)
    }

    /// Whether the egress IP passes 服务器出口IP. An empty list allows everyone (UNCONFIRMED:
    /// DingTalk does not document the empty case).
    pub fn allows_ip(&self, ip: &str) -> bool {
        self.ip_whitelist.is_empty() || self.ip_whitelist.iter().any(|p| ip_matches(p, ip))
    }

    /// Whether the redirect URI is registered (exact match, or a `*` entry).
    pub fn allows_redirect(&self, uri: &str) -> bool {
        self.redirect_urls.iter().any(|r| r == "*" || r == uri)
    }
}

/// One whitelist entry: an exact IP, or a pattern with a single `*` (e.g. `203.0.113.*`).
fn ip_matches(pattern: &str, ip: &str) -> bool {
    let pattern = pattern.trim();
    match pattern.split_once('*') {
        None => pattern == ip,
        Some((prefix, suffix)) => {
            ip.len() >= prefix.len() + suffix.len()
                && ip.starts_with(prefix)
                && ip.ends_with(suffix)
        }
    }
}

impl Org {
    pub fn dept(&self, dept_id: i64) -> Option<&Department> {
        self.departments.iter().find(|d| d.dept_id == dept_id)
    }

    pub fn user(&self, userid: &str) -> Option<&User> {
        self.users.iter().find(|u| u.userid == userid)
    }

    pub fn user_by_unionid(&self, unionid: &str) -> Option<&User> {
        self.users.iter().find(|u| u.unionid == unionid)
    }

    /// An external contact (外部联系人) by unionId.
    pub fn external_by_unionid(&self, unionid: &str) -> Option<&ExternalContact> {
        self.external_contacts.iter().find(|c| c.unionid == unionid)
    }

    pub fn role(&self, role_id: i64) -> Option<&Role> {
        self.roles.iter().find(|r| r.role_id == role_id)
    }

    /// Direct sub-departments, in scenario order.
    pub fn children(&self, dept_id: i64) -> impl Iterator<Item = &Department> {
        self.departments
            .iter()
            .filter(move |d| d.parent_id == Some(dept_id))
    }

    /// The department itself and every department above it.
    pub fn lineage(&self, dept_id: i64) -> Vec<i64> {
        let mut out = Vec::new();
        let mut cur = Some(dept_id);
        while let Some(id) = cur {
            if out.contains(&id) {
                break; // a cycle; validation rejects these, but never loop forever
            }
            out.push(id);
            cur = self.dept(id).and_then(|d| d.parent_id);
        }
        out
    }

    /// The department and all departments below it.
    pub fn subtree(&self, dept_id: i64) -> BTreeSet<i64> {
        self.departments
            .iter()
            .filter(|d| self.lineage(d.dept_id).contains(&dept_id))
            .map(|d| d.dept_id)
            .collect()
    }

    /// Users who belong directly to the department, in scenario order.
    pub fn direct_members(&self, dept_id: i64) -> impl Iterator<Item = &User> {
        self.users
            .iter()
            .filter(move |u| u.dept_ids.contains(&dept_id))
    }

    /// Users anywhere in the department's subtree.
    pub fn subtree_members(&self, dept_id: i64) -> Vec<&User> {
        let tree = self.subtree(dept_id);
        self.users
            .iter()
            .filter(|u| u.dept_ids.iter().any(|d| tree.contains(d)))
            .collect()
    }

    /// Whether a department lies inside a range (listed, or below a listed department).
    pub fn dept_in_range(&self, range: &Range, dept_id: i64) -> bool {
        range.all
            || self
                .lineage(dept_id)
                .iter()
                .any(|d| range.dept_ids.contains(d))
    }

    /// Whether a user lies inside a range (listed, in a department inside it, or holding a
    /// listed role).
    pub fn user_in_range(&self, range: &Range, user: &User) -> bool {
        range.all
            || range.userids.contains(&user.userid)
            || user.dept_ids.iter().any(|d| self.dept_in_range(range, *d))
            || range
                .role_ids
                .iter()
                .filter_map(|r| self.role(*r))
                .any(|r| r.userids.contains(&user.userid))
    }
}

#[cfg(test)]
mod tests {
    use super::ip_matches;

    #[test]
    fn whitelist_patterns() {
        assert!(ip_matches("203.0.113.45", "203.0.113.45"));
        assert!(!ip_matches("203.0.113.4", "203.0.113.45"));
        assert!(ip_matches("203.0.113.*", "203.0.113.45"));
        assert!(ip_matches("*", "10.0.0.1"));
        assert!(!ip_matches("198.51.100.*", "203.0.113.45"));
    }
}
