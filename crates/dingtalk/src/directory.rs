//! The directory walk's calls (docs/dingtalk/endpoints.md#department-members and neighbours):
//! one page of a department's members with only what a sync preview keeps, the direct member ids
//! of a department outside the contact range, and one user. Each answer is read from the
//! documented shape; which optional user fields came back is recorded, not their values.

use crate::api::field;
use crate::client::DingTalk;
use crate::error::ApiError;
use crate::trace::Trace;
use serde_json::{json, Value};

/// Largest `size` `topapi/v2/user/list` accepts (DOCS 0062: 1–100).
pub const USER_PAGE_MAX: i64 = 100;

/// The optional user fields a preview reports on, as `topapi/v2/user/list` and `v2/user/get`
/// name them (DOCS 0062, DOCS 0056). `mobile` needs 企业员工手机号信息 and `email` and
/// `work_place` need 邮箱等个人信息 (DOCS 0056, DOCS 0062); the others need no field permission
/// that the docs name, so when empty they were simply not filled in.
pub const USER_FIELDS: [&str; 8] = [
    "mobile",
    "email",
    "org_email",
    "job_number",
    "title",
    "telephone",
    "work_place",
    "hired_date",
];

/// A member as the walk keeps them: no phone, no email, only which fields were present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub userid: String,
    pub name: String,
    /// `dept_id_list`: every department the person belongs to directly.
    pub dept_ids: Vec<i64>,
    /// `admin` (org administrator).
    pub admin: bool,
    /// Bit `i` set when [`USER_FIELDS`]`[i]` came back non-empty.
    pub fields: u16,
}

impl Member {
    /// Reads one entry of `result.list` (DOCS 0062) or `result` of `v2/user/get` (DOCS 0056).
    pub fn from_value(v: &Value) -> Option<Self> {
        let userid = v.get("userid")?.as_str()?.to_owned();
        let mut fields = 0u16;
        for (i, key) in USER_FIELDS.iter().enumerate() {
            let present = match v.get(*key) {
                Some(Value::String(s)) => !s.trim().is_empty(),
                Some(Value::Number(_)) => true,
                _ => false,
            };
            if present {
                fields |= 1 << i;
            }
        }
        Some(Member {
            userid,
            name: v
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            dept_ids: v
                .get("dept_id_list")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default(),
            admin: v.get("admin").and_then(Value::as_bool).unwrap_or(false),
            fields,
        })
    }

    /// Whether [`USER_FIELDS`]`[i]` came back.
    pub fn has_field(&self, i: usize) -> bool {
        self.fields & (1 << i) != 0
    }
}

/// One page of `topapi/v2/user/list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPage {
    pub members: Vec<Member>,
    /// `next_cursor` when `has_more` is true.
    pub next_cursor: Option<i64>,
}

impl DingTalk {
    /// `topapi/v2/user/list` (docs/dingtalk/endpoints.md#department-members,
    /// `qyapi_get_department_member`, DOCS 0062): one page of the department's direct members,
    /// kept as [`Member`]s. `has_more` without a `next_cursor` is read as the end (a page is
    /// never asked twice).
    pub async fn member_page(
        &self,
        trace: &mut Trace,
        dept_id: i64,
        cursor: i64,
        size: i64,
    ) -> Result<MemberPage, ApiError> {
        let v = self
            .user_list_answer(trace, dept_id, cursor, size.clamp(1, USER_PAGE_MAX))
            .await?;
        let list: Vec<Value> = field(&v, "/result/list")?;
        let has_more = v
            .pointer("/result/has_more")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let next_cursor = v
            .pointer("/result/next_cursor")
            .and_then(Value::as_i64)
            .filter(|_| has_more);
        Ok(MemberPage {
            members: list.iter().filter_map(Member::from_value).collect(),
            next_cursor,
        })
    }

    /// `topapi/user/listid` (docs/dingtalk/endpoints.md#simulator-only-endpoints, DOCS 0065,
    /// `qyapi_get_member`): the userids of the department's direct members. "本接口不受通讯录权限
    /// 范围限制", so it answers for a department the contact range leaves out.
    pub async fn member_ids(
        &self,
        trace: &mut Trace,
        dept_id: i64,
    ) -> Result<Vec<String>, ApiError> {
        let v = self
            .old_post(trace, "/topapi/user/listid", json!({"dept_id": dept_id}))
            .await?;
        field(&v, "/result/userid_list")
    }

    /// `topapi/v2/user/get` (DOCS 0056) as a [`Member`].
    pub async fn member(&self, trace: &mut Trace, userid: &str) -> Result<Member, ApiError> {
        let v = self.user_get_answer(trace, userid).await?;
        v.get("result")
            .and_then(Member::from_value)
            .ok_or_else(|| crate::client::unexpected(&v, "result.userid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_user_keeps_ids_names_departments_and_which_fields_came_back() {
        // DOCS 0062's sample entry, trimmed; mobile present, email absent, title empty.
        let v = json!({"userid": "zhangsan", "unionid": "z", "name": "张三", "mobile": "1380000",
            "title": "", "job_number": "4", "dept_id_list": [2, 3], "admin": true, "active": true});
        let m = Member::from_value(&v).unwrap();
        assert_eq!(m.userid, "zhangsan");
        assert_eq!(m.name, "张三");
        assert_eq!(m.dept_ids, vec![2, 3]);
        assert!(m.admin);
        assert!(m.has_field(0)); // mobile
        assert!(!m.has_field(1)); // email
        assert!(m.has_field(3)); // job_number
        assert!(!m.has_field(4)); // title, empty
        assert!(Member::from_value(&json!({"name": "no id"})).is_none());
    }
}
