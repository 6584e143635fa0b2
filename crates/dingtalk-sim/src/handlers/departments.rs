//! Department reads (DOCS 0082, 0081): `v2/department/listsub`, `listsubid`, `v2/department/get`.
//!
//! All need `qyapi_get_department_list` (60011 otherwise) and are limited by the app's contact
//! range (通讯录授权范围): a department outside it answers 50004 "请求的部门id不在授权范围内"; an
//! unknown one 60003 部门不存在.

use serde_json::{json, Value};

use crate::auth::OapiCaller;
use crate::body::OapiBody;
use crate::dingtalk_errors::OapiError;
use crate::reply::OapiOk;
use crate::scenario::{Department, ROOT_DEPT};
use crate::scope;

/// The department, if it exists and lies inside the caller's contact range.
pub fn readable_dept(caller: &OapiCaller, dept_id: i64) -> Result<&Department, OapiError> {
    let org = &caller.scenario.org;
    let dept = org.dept(dept_id).ok_or(OapiError::DeptNotFound)?;
    if org.dept_in_range(&caller.app.contact_range, dept_id) {
        Ok(dept)
    } else {
        Err(OapiError::DeptOutOfRange)
    }
}

/// `POST /topapi/v2/department/listsub` `{"dept_id":1}` → direct children.
pub async fn listsub(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_DEPARTMENT_LIST)?;
    let dept_id = body.int("dept_id").unwrap_or(ROOT_DEPT);
    readable_dept(&caller, dept_id)?;
    let children: Vec<Value> = caller
        .scenario
        .org
        .children(dept_id)
        .map(|d| {
            json!({
                "dept_id": d.dept_id,
                "name": d.name,
                "parent_id": d.parent_id,
                "create_dept_group": true,
                "auto_add_user": true,
            })
        })
        .collect();
    Ok(OapiOk::result(Value::Array(children)))
}

/// `POST /topapi/v2/department/listsubid` `{"dept_id":1}` → `result.dept_id_list`.
pub async fn listsubid(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_DEPARTMENT_LIST)?;
    let dept_id = body.require_int("dept_id")?;
    readable_dept(&caller, dept_id)?;
    let ids: Vec<i64> = caller
        .scenario
        .org
        .children(dept_id)
        .map(|d| d.dept_id)
        .collect();
    Ok(OapiOk::result(json!({ "dept_id_list": ids })))
}

/// `POST /topapi/v2/department/get` `{"dept_id":1}` → department details.
pub async fn get(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    caller.require(scope::GET_DEPARTMENT_LIST)?;
    let dept_id = body.require_int("dept_id")?;
    let dept = readable_dept(&caller, dept_id)?;
    let org = &caller.scenario.org;
    let mut result = json!({
        "dept_id": dept.dept_id,
        "name": dept.name,
        "member_count": org.subtree_members(dept_id).len(),
        "dept_manager_userid_list": [],
        "create_dept_group": true,
        "auto_add_user": true,
    });
    if let Some(parent) = dept.parent_id {
        result["parent_id"] = parent.into();
    }
    Ok(OapiOk::result(result))
}
