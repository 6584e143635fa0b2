//! Member reads (`docs/dingtalk/endpoints.md`): `user/count` (DOCS 0059), `user/listid`
//! (DOCS 0065), `v2/user/list` (DOCS 0062), `v2/user/get` (DOCS 0056), `user/getbyunionid`
//! (DOCS 0064).
//!
//! `count`, `listid` and `getbyunionid` need `qyapi_get_member` and ignore the contact range
//! (DOCS 0059 and 0065 say so for the first two; for `getbyunionid` it is UNCONFIRMED). `v2/user/list` needs
//! `qyapi_get_department_member` and a department inside the contact range (50004); `v2/user/get`
//! needs `qyapi_get_member` and a user inside it (50002). Unknown users answer 60121 找不到该用户,
//! plain even on topapi (DOCS 0064). `mobile`/`email` appear only with the field permissions in
//! [`crate::scope`].

use serde_json::{json, Value};

use super::departments::readable_dept;
use crate::auth::OapiCaller;
use crate::body::OapiBody;
use crate::dingtalk_errors::OapiError;
use crate::reply::OapiOk;
use crate::scenario::{App, User};
use crate::scope;

/// Largest page `v2/user/list` serves.
const MAX_PAGE: i64 = 100;

/// A user as `v2/user/get` and `v2/user/list` return it, trimmed to the app's field permissions.
pub fn render_user(app: &App, user: &User) -> Value {
    let mut v = json!({
        "userid": user.userid,
        "unionid": user.unionid,
        "name": user.name,
        "title": user.title.clone().unwrap_or_default(),
        "dept_id_list": user.dept_ids,
        "admin": user.admin,
        "boss": false,
        "active": user.active,
        "leader": false,
    });
    if let (true, Some(mobile)) = (app.has_scope(scope::CONTACT_USER_MOBILE), &user.mobile) {
        v["mobile"] = mobile.as_str().into();
        v["state_code"] = "86".into();
    }
    if let (true, Some(email)) = (app.has_scope(scope::FIELD_EMAIL), &user.email) {
        v["email"] = email.as_str().into();
    }
    v
}

/// `POST /topapi/user/count` `{"only_active":false}` → `result.count`.
pub async fn count(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_MEMBER)?;
    let only_active = body.boolean("only_active").ok_or(OapiError::InvalidParam)?;
    let count = caller
        .scenario
        .org
        .users
        .iter()
        .filter(|u| u.active || !only_active)
        .count();
    Ok(OapiOk::result(json!({ "count": count })))
}

/// `POST /topapi/user/listid` `{"dept_id":1}` → `result.userid_list` (direct members).
pub async fn listid(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_MEMBER)?;
    let dept_id = body.require_int("dept_id")?;
    let org = &caller.scenario.org;
    org.dept(dept_id).ok_or(OapiError::DeptNotFound)?;
    let ids: Vec<&str> = org
        .direct_members(dept_id)
        .map(|u| u.userid.as_str())
        .collect();
    Ok(OapiOk::result(json!({ "userid_list": ids })))
}

/// `POST /topapi/v2/user/list` `{"dept_id":1,"cursor":0,"size":10}` → one page of direct members.
pub async fn list(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_DEPARTMENT_MEMBER)?;
    let dept_id = body.require_int("dept_id")?;
    let cursor = body.require_int("cursor")?;
    let size = body.require_int("size")?;
    if cursor < 0 || !(1..=MAX_PAGE).contains(&size) {
        return Err(OapiError::InvalidParam);
    }
    readable_dept(&caller, dept_id)?;
    let members: Vec<&User> = caller.scenario.org.direct_members(dept_id).collect();
    let start = (cursor as usize).min(members.len());
    let end = (start + size as usize).min(members.len());
    let page: Vec<Value> = members[start..end]
        .iter()
        .map(|u| render_user(&caller.app, u))
        .collect();
    let mut result = json!({ "has_more": end < members.len(), "list": page });
    if end < members.len() {
        result["next_cursor"] = end.into();
    }
    Ok(OapiOk::result(result))
}

/// `POST /topapi/v2/user/get` `{"userid":"…"}` → user details.
pub async fn get(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_MEMBER)?;
    let userid = body.require_text("userid")?;
    let org = &caller.scenario.org;
    let user = org.user(userid).ok_or(OapiError::UserNotFound)?;
    if !org.user_in_range(&caller.app.contact_range, user) {
        return Err(OapiError::UserOutOfRange);
    }
    Ok(OapiOk::result(render_user(&caller.app, user)))
}

/// `POST /topapi/user/getbyunionid` `{"unionid":"…"}` → `result.{contact_type, userid}`
/// (DOCS 0064): `contact_type` 0 for an org member (企业内部员工), 1 with the contact's userid for
/// an external contact (企业外部联系人; a third-party record shows the same shape); 60121 for
/// anyone else. What `v2/user/get` then says about an external contact's userid is UNCONFIRMED
/// (the simulator answers 60121, as they are not members).
pub async fn getbyunionid(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_MEMBER)?;
    let unionid = body.require_text("unionid")?;
    let org = &caller.scenario.org;
    let (contact_type, userid) = match org.user_by_unionid(unionid) {
        Some(user) => (0, &user.userid),
        None => {
            let contact = org
                .external_by_unionid(unionid)
                .ok_or(OapiError::UserNotFound)?;
            (1, &contact.userid)
        }
    };
    Ok(OapiOk::result(
        json!({ "contact_type": contact_type, "userid": userid }),
    ))
}
