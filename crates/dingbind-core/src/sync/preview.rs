//! The preview built from a finished walk: the department tree with member counts, everyone the
//! API returned (will be synced) and whether they can open the app, the differences between the
//! two ranges each with the reason and the console place to fix it, the user fields that came back
//! and the ones empty for lack of a field permission, and the expected account count.

use super::walk::{Checkpoint, PersonSeen};
use crate::diagnosis::from_api_error;
use crate::i18n::{count_en, Text};
use dingtalk::api::AppScopes;
use dingtalk::directory::USER_FIELDS;
use dingtalk::ApiError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ts_rs::TS;

const ROOT: i64 = 1;
/// Where the contact range is changed (the console's labels, tests/labels.rs).
const CONTACT_PLACE_ZH: &str = "左侧菜单 › 开发配置 › 权限管理 › 通讯录权限 › 授权范围";
const CONTACT_PLACE_EN: &str = "left menu › 开发配置 › 权限管理 › 通讯录权限 › 授权范围 (Dev config › Permission management › Contact permissions › Authorised range)";
/// Where the visible range is changed.
const VISIBLE_PLACE_ZH: &str = "左侧菜单 › 应用发布 › 版本管理与发布 › 应用可见范围";
const VISIBLE_PLACE_EN: &str =
    "left menu › 应用发布 › 版本管理与发布 › 应用可见范围 (App release › Versions › Visible range)";

/// The visible range (who can open the app), as `/v1.0/microApp/apps/{agentId}/scopes` gives it
/// (DOCS 0872), or why it could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VisibleRange {
    Read {
        /// Root department 1 is in it: everyone. How DingTalk writes an all-staff range in this
        /// answer is not documented (docs/dingtalk/endpoints.md#visible-range-new).
        all: bool,
        dept_ids: Vec<i64>,
        userids: Vec<String>,
        role_ids: Vec<i64>,
        /// 仅限管理员可见.
        admin_only: bool,
    },
    /// Not readable (usually: no `qyapi_microapp_manage`, which the platform does not need).
    Unreadable {
        reason: Text,
        errcode: Option<String>,
    },
    /// The profile has no AgentId.
    NoAgentId,
}

impl VisibleRange {
    pub(super) fn read(s: AppScopes) -> Self {
        VisibleRange::Read {
            all: s.dept_ids.contains(&ROOT),
            dept_ids: s.dept_ids,
            userids: s.userids,
            role_ids: s.role_ids,
            admin_only: s.only_admin_visible,
        }
    }

    pub(super) fn unreadable(e: &ApiError) -> Self {
        let d = from_api_error(e);
        VisibleRange::Unreadable {
            reason: Text::new(
                format!("读不到应用可见范围（{}）：本预览只比较通讯录权限范围。平台同步不需要这项权限，不必为此申请。", d.cause.zh),
                format!("The visible range cannot be read ({}): this preview shows the contact range only. The platform's sync does not need that permission; do not apply for it for this.", d.cause.en),
            ),
            errcode: d.errcode,
        }
    }
}

/// Which side of the comparison a difference is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// Can open the app, but the API cannot read them: the platform will not sync them.
    OpenNotSynced,
    /// The platform will sync them, but they cannot open the app.
    SyncedNotOpen,
}

/// One difference between the ranges, for a department or one person, with its reason and fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Difference {
    pub kind: DiffKind,
    pub dept_id: Option<i64>,
    pub dept_name: Option<String>,
    pub userid: Option<String>,
    pub name: Option<String>,
    /// How many people it concerns.
    pub people: u32,
    pub reason: Text,
}

/// A department in the tree (pre-order; `depth` 0 for the walk's roots).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeptRow {
    pub dept_id: i64,
    pub name: String,
    pub parent_id: Option<i64>,
    pub depth: u32,
    /// Direct members.
    pub direct_members: u32,
    /// Members of the department and its sub-departments, each person once.
    pub members: u32,
    /// Inside the visible range; `None` when it could not be read.
    pub can_open: Option<bool>,
}

/// A person on either side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonRow {
    pub userid: String,
    /// Empty for someone the API cannot read.
    pub name: String,
    pub dept_ids: Vec<i64>,
    pub dept_names: Vec<String>,
    pub admin: bool,
    /// The API returns them: the platform will sync them.
    pub synced: bool,
    /// Inside the visible range; `None` when it could not be read or depends on a role.
    pub can_open: Option<bool>,
    /// The optional fields that came back for them (`mobile`, `email`, …), never their values.
    pub fields: Vec<String>,
    pub difference: Option<DiffKind>,
}

/// How one user field came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldStatus {
    /// For everyone.
    Returned,
    /// For some: the others have none filled in.
    Partial,
    /// For nobody, and the app lacks the field permission it needs.
    MissingPermission,
    /// For nobody, though no field permission is missing: not filled in in DingTalk.
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldReport {
    /// The API's name (`mobile`).
    pub field: String,
    pub label: Text,
    pub returned: u32,
    pub status: FieldStatus,
    /// The field permission it needs (console name), when the docs name one.
    pub permission: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct SyncTotals {
    pub departments: u32,
    /// People the API returns: the platform's sync will have them.
    pub synced: u32,
    /// People who can open the app, as far as it is known; `None` when the range is unreadable.
    pub can_open: Option<u32>,
    pub open_not_synced: u32,
    pub synced_not_open: u32,
    pub expected: Option<u32>,
    /// The expected count equals `synced`.
    pub expected_matches: Option<bool>,
    pub requests: u32,
    pub throttled: u32,
}

/// The whole preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncPreview {
    pub generated_at: String,
    pub totals: SyncTotals,
    /// The contact range (`auth/scopes`): everyone, or these departments and people.
    pub contact_all: bool,
    pub contact_dept_ids: Vec<i64>,
    pub contact_userids: Vec<String>,
    pub visible: VisibleRange,
    pub departments: Vec<DeptRow>,
    pub people: Vec<PersonRow>,
    pub differences: Vec<Difference>,
    pub fields: Vec<FieldReport>,
    /// What else the admin should know (roles, refused departments, the expected count).
    pub notes: Vec<Text>,
}

fn field_info(f: &str) -> (Text, Option<Text>) {
    let t = Text::new;
    match f {
        "mobile" => (
            t("手机号", "Mobile"),
            Some(t(
                "企业员工手机号信息",
                "企业员工手机号信息 (employees' mobile numbers)",
            )),
        ),
        "email" => (
            t("邮箱", "Email"),
            Some(t(
                "邮箱等个人信息",
                "邮箱等个人信息 (email and other personal info)",
            )),
        ),
        "work_place" => (
            t("办公地点", "Work place"),
            Some(t(
                "邮箱等个人信息",
                "邮箱等个人信息 (email and other personal info)",
            )),
        ),
        "org_email" => (t("企业邮箱", "Company email"), None),
        "job_number" => (t("工号", "Job number"), None),
        "title" => (t("职位", "Title"), None),
        "telephone" => (t("分机号", "Extension"), None),
        "hired_date" => (t("入职时间", "Hire date"), None),
        other => (t(other, other), None),
    }
}

struct Ctx<'a> {
    cp: &'a Checkpoint,
    /// Department → inside the visible range (memoised up the tree).
    visible_dept: HashMap<i64, bool>,
}

impl Ctx<'_> {
    fn dept_name(&self, d: i64) -> String {
        self.cp
            .departments
            .get(&d)
            .map(|s| s.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| d.to_string())
    }

    fn dept_visible(&mut self, d: i64, listed: &[i64]) -> bool {
        let mut chain = Vec::new();
        let mut cur = Some(d);
        let mut found = false;
        while let Some(id) = cur {
            if let Some(v) = self.visible_dept.get(&id) {
                found = *v;
                break;
            }
            if listed.contains(&id) {
                found = true;
                chain.push(id);
                break;
            }
            if chain.contains(&id) {
                break;
            }
            chain.push(id);
            cur = self.cp.departments.get(&id).and_then(|s| s.parent_id);
        }
        for id in chain {
            self.visible_dept.insert(id, found);
        }
        found
    }

    fn can_open(&mut self, userid: &str, p: &PersonSeen) -> Option<bool> {
        match &self.cp.visible {
            Some(VisibleRange::Read {
                all,
                dept_ids,
                userids,
                role_ids,
                admin_only,
            }) => {
                if *admin_only {
                    return Some(p.admin);
                }
                let dept_ids = dept_ids.clone();
                let yes = *all
                    || userids.iter().any(|u| u == userid)
                    || p.dept_ids.iter().any(|d| self.dept_visible(*d, &dept_ids));
                // Holders of a listed role can open it too; who they are is not read.
                match (yes, role_ids.is_empty()) {
                    (true, _) => Some(true),
                    (false, true) => Some(false),
                    (false, false) => None,
                }
            }
            _ => None,
        }
    }
}

fn fields_of(bits: u16) -> Vec<String> {
    USER_FIELDS
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, f)| f.to_string())
        .collect()
}

pub(super) fn build(cp: &Checkpoint, expected: Option<u32>) -> SyncPreview {
    let mut ctx = Ctx {
        cp,
        visible_dept: HashMap::new(),
    };
    let read = matches!(cp.visible, Some(VisibleRange::Read { .. }));
    let admin_only = matches!(
        cp.visible,
        Some(VisibleRange::Read {
            admin_only: true,
            ..
        })
    );
    let mut notes = Vec::new();

    // People the API returns.
    let mut people = Vec::with_capacity(cp.people.len());
    // Synced but not visible, grouped by the department that would have to be added.
    let mut not_open: BTreeMap<i64, u32> = BTreeMap::new();
    for (userid, p) in &cp.people {
        let can_open = ctx.can_open(userid, p);
        let difference = (can_open == Some(false)).then_some(DiffKind::SyncedNotOpen);
        if difference.is_some() {
            *not_open
                .entry(p.dept_ids.first().copied().unwrap_or(ROOT))
                .or_default() += 1;
        }
        people.push(PersonRow {
            userid: userid.clone(),
            name: p.name.clone(),
            dept_ids: p.dept_ids.clone(),
            dept_names: p.dept_ids.iter().map(|d| ctx.dept_name(*d)).collect(),
            admin: p.admin,
            synced: true,
            can_open,
            fields: fields_of(p.fields),
            difference,
        });
    }

    let mut differences = Vec::new();
    // Visible, but the API cannot read them.
    let mut open_not_synced: BTreeSet<String> = BTreeSet::new();
    for o in &cp.outside {
        let fresh: Vec<&String> = o
            .userids
            .iter()
            .filter(|u| !cp.people.contains_key(*u))
            .collect();
        for u in &fresh {
            if open_not_synced.insert((*u).clone()) {
                people.push(outside_row(u, Some(o.dept_id)));
            }
        }
        let d = o.dept_id;
        differences.push(Difference {
            kind: DiffKind::OpenNotSynced,
            dept_id: Some(d),
            dept_name: None,
            userid: None,
            name: None,
            people: fresh.len() as u32,
            reason: Text::new(
                format!("能打开应用但接口读不到：部门 {d} 的 {} 名直属成员在应用可见范围内，却不在通讯录权限范围内，平台不会同步他们 — 在 **{CONTACT_PLACE_ZH}** 添加部门 {d}（其子部门的人数要加入后才能数到）", fresh.len()),
                format!("Can open the app but the API cannot read them: {} of department {d} {} in the visible range but outside the contact range, so the platform will not sync them — add department {d} under **{CONTACT_PLACE_EN}** (its sub-departments can only be counted once it is added)", count_en(fresh.len() as u32, "direct member", "direct members"), if fresh.len() == 1 { "is" } else { "are" }),
            ),
        });
    }
    if let Some(VisibleRange::Read { userids, .. }) = &cp.visible {
        for u in userids.iter().filter(|u| !cp.people.contains_key(*u)) {
            if !open_not_synced.insert(u.clone()) {
                continue;
            }
            people.push(outside_row(u, None));
            let reason = if cp.contact.all {
                Text::new(
                    format!("能打开应用但接口读不到：{u} 在应用可见范围内，但通讯录里没有这个人（可能已离职）— 在 **{VISIBLE_PLACE_ZH}** 移除此人"),
                    format!("Can open the app but the API cannot read them: {u} is in the visible range but not in the directory (perhaps they left) — remove them under **{VISIBLE_PLACE_EN}**"),
                )
            } else {
                Text::new(
                    format!("能打开应用但接口读不到：{u} 在应用可见范围内，却不在通讯录权限范围内，平台不会同步此人 — 在 **{CONTACT_PLACE_ZH}** 添加此人或其所在部门"),
                    format!("Can open the app but the API cannot read them: {u} is in the visible range but outside the contact range, so the platform will not sync them — add them or their department under **{CONTACT_PLACE_EN}**"),
                )
            };
            differences.push(Difference {
                kind: DiffKind::OpenNotSynced,
                dept_id: None,
                dept_name: None,
                userid: Some(u.clone()),
                name: None,
                people: 1,
                reason,
            });
        }
    }
    // Synced, but cannot open the app.
    if admin_only {
        let n: u32 = not_open.values().sum();
        if n > 0 {
            differences.push(Difference {
                kind: DiffKind::SyncedNotOpen,
                dept_id: None,
                dept_name: None,
                userid: None,
                name: None,
                people: n,
                reason: Text::new(
                    format!("会同步但打不开应用：应用设为「仅限管理员可见」，{n} 名非管理员打不开 — 在 **{VISIBLE_PLACE_ZH}** 改为「全部员工」或「部分员工」，并发布新版本"),
                    format!("Will be synced but cannot open the app: it is visible to admins only, so {} who are not admins cannot open it — under **{VISIBLE_PLACE_EN}** choose all staff (全部员工) or some staff (部分员工), and publish a new version", count_en(n, "person", "people")),
                ),
            });
        }
    } else {
        for (d, n) in &not_open {
            let name = ctx.dept_name(*d);
            differences.push(Difference {
                kind: DiffKind::SyncedNotOpen,
                dept_id: Some(*d),
                dept_name: Some(name.clone()),
                userid: None,
                name: None,
                people: *n,
                reason: Text::new(
                    format!("会同步但打不开应用：部门「{name}」的 {n} 人在通讯录权限范围内，却不在应用可见范围内 — 在 **{VISIBLE_PLACE_ZH}** 添加部门「{name}」，并发布新版本"),
                    format!("Will be synced but cannot open the app: {} of department “{name}” {} in the contact range but not in the visible range — add department “{name}” under **{VISIBLE_PLACE_EN}**, and publish a new version", count_en(*n, "person", "people"), if *n == 1 { "is" } else { "are" }),
                ),
            });
        }
    }
    if let Some(VisibleRange::Read { role_ids, .. }) = &cp.visible {
        if !role_ids.is_empty() {
            let ids: Vec<String> = role_ids.iter().map(|r| r.to_string()).collect();
            notes.push(Text::new(
                format!("应用可见范围还包含角色 {}：本预览不读取角色成员，只因角色能打开应用的人标为「未知」。", ids.join("、")),
                format!("The visible range also names roles {}: this preview does not read who holds them, so people who can open the app only through a role show as unknown.", ids.join(", ")),
            ));
        }
    }
    for u in &cp.unreadable {
        let what = match (&u.dept_id, &u.userid) {
            (Some(d), _) => format!("{d}"),
            (_, Some(id)) => id.clone(),
            _ => continue,
        };
        let code = u.errcode.clone().unwrap_or_default();
        notes.push(Text::new(
            format!("通讯录权限范围列出的 {what} 读不到（钉钉错误码 {code}）：它可能已被删除，或不在授权范围内 — 在 **{CONTACT_PLACE_ZH}** 核对"),
            format!("{what}, listed in the contact range, cannot be read (DingTalk code {code}): it may have been deleted, or be outside the authorised range — check under **{CONTACT_PLACE_EN}**"),
        ));
    }

    let departments = tree(cp, &mut ctx, read);
    let fields = field_reports(cp);
    let synced = cp.people.len() as u32;
    let both = people
        .iter()
        .filter(|p| p.synced && p.can_open == Some(true))
        .count() as u32;
    let open_not = open_not_synced.len() as u32;
    let can_open = read.then_some(both + open_not);
    let expected_matches = expected.map(|e| e == synced);
    if let (Some(e), Some(false), Some(c)) = (expected, expected_matches, can_open) {
        if e == c {
            notes.push(Text::new(
                format!("期望的 {e} 个账号与能打开应用的人数相同，而不是接口能读到的 {synced} 人：如果平台按可见范围同步，这就是一致的。"),
                format!("The expected {e} accounts equal the people who can open the app, not the {synced} the API reads: if the platform syncs by visible range, that is a match."),
            ));
        }
    }
    SyncPreview {
        generated_at: crate::store::now(),
        totals: SyncTotals {
            departments: departments.len() as u32,
            synced,
            can_open,
            open_not_synced: open_not,
            synced_not_open: not_open.values().sum(),
            expected,
            expected_matches,
            requests: cp.requests,
            throttled: cp.throttled,
        },
        contact_all: cp.contact.all,
        contact_dept_ids: cp.contact.dept_ids.clone(),
        contact_userids: cp.contact.userids.clone(),
        visible: cp.visible.clone().unwrap_or(VisibleRange::NoAgentId),
        departments,
        people,
        differences,
        fields,
        notes,
    }
}

fn outside_row(userid: &str, dept: Option<i64>) -> PersonRow {
    PersonRow {
        userid: userid.to_owned(),
        name: String::new(),
        dept_ids: dept.into_iter().collect(),
        dept_names: dept.map(|d| d.to_string()).into_iter().collect(),
        admin: false,
        synced: false,
        can_open: Some(true),
        fields: Vec::new(),
        difference: Some(DiffKind::OpenNotSynced),
    }
}

/// The departments in pre-order, with direct and (unique) subtree member counts.
fn tree(cp: &Checkpoint, ctx: &mut Ctx, read: bool) -> Vec<DeptRow> {
    let mut children: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut roots = Vec::new();
    for (id, d) in &cp.departments {
        match d
            .parent_id
            .filter(|p| cp.departments.contains_key(p) && p != id)
        {
            Some(p) => children.entry(p).or_default().push(*id),
            None => roots.push(*id),
        }
    }
    // Each person counts once in every department above any of theirs.
    let mut members: HashMap<i64, u32> = HashMap::new();
    let mut above = BTreeSet::new();
    for p in cp.people.values() {
        above.clear();
        for d in &p.dept_ids {
            let mut cur = Some(*d);
            while let Some(id) = cur {
                if !above.insert(id) {
                    break;
                }
                cur = cp.departments.get(&id).and_then(|s| s.parent_id);
            }
        }
        for id in &above {
            *members.entry(*id).or_default() += 1;
        }
    }
    let listed = match &cp.visible {
        Some(VisibleRange::Read { dept_ids, .. }) => dept_ids.clone(),
        _ => Vec::new(),
    };
    let all = matches!(&cp.visible, Some(VisibleRange::Read { all: true, .. }));
    let mut out = Vec::with_capacity(cp.departments.len());
    let mut stack: Vec<(i64, u32)> = roots.iter().rev().map(|r| (*r, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        let d = &cp.departments[&id];
        let can_open = read.then(|| all || ctx.dept_visible(id, &listed));
        out.push(DeptRow {
            dept_id: id,
            name: ctx.dept_name(id),
            parent_id: d.parent_id,
            depth,
            direct_members: d.direct,
            members: members.get(&id).copied().unwrap_or(0),
            can_open,
        });
        if let Some(kids) = children.get(&id) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    out
}

fn field_reports(cp: &Checkpoint) -> Vec<FieldReport> {
    let total = cp.people.len() as u32;
    USER_FIELDS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let returned = cp
                .people
                .values()
                .filter(|p| p.fields & (1 << i) != 0)
                .count() as u32;
            let (label, permission) = field_info(f);
            let granted = cp.contact.user_fields.iter().any(|g| g == f);
            let status = match (returned, permission.is_some() && !granted) {
                (0, true) => FieldStatus::MissingPermission,
                (0, false) => FieldStatus::Empty,
                (n, _) if n == total => FieldStatus::Returned,
                _ => FieldStatus::Partial,
            };
            FieldReport {
                field: f.to_string(),
                label,
                returned,
                status,
                permission,
            }
        })
        .collect()
}
