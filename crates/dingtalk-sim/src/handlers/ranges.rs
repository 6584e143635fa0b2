//! What an app may see: `GET /auth/scopes` (contact range and user fields, DOCS 0053) and the
//! deprecated `POST /microapp/visible_scopes` (the app's visible range, DOCS 1606).
//!
//! `/microapp/visible_scopes` answers
//! `{"errcode":0,"errmsg":"ok","isHidden":false,"deptVisibleScopes":[…],"userVisibleScopes":[…]}`
//! (DOCS 1606, SDK-old `microapp.py`). It is under 历史文档（不推荐） and its permission "暂不支持新增
//! 申请" for internal apps (DOCS 1606), so a new app cannot hold it: the simulator gates it on
//! [`scope::MICROAPP_MANAGE`] (`qyapi_microapp_manage`) (the code is UNCONFIRMED; DOCS 1606 names
//! none) and a healthy new app gets a plain 60011. It has no field for roles, so role-based ranges
//! are invisible here (DOCS 1606; the v1.0 API lists `roleIds`, DOCS 0872). Also UNCONFIRMED:
//! what an all-staff range returns (we answer the root department `[1]`) and the error for an
//! agentId that is not in the org (we answer 40056); any agentId in the org is answered.

use axum::Json;
use serde_json::{json, Value};

use crate::auth::OapiCaller;
use crate::body::OapiBody;
use crate::dingtalk_errors::OapiError;
use crate::reply::OapiOk;
use crate::scenario::{Range, ROOT_DEPT};
use crate::scope;

/// Department ids of a range as DingTalk lists them (`[1]` for everyone; UNCONFIRMED).
pub fn range_depts(range: &Range) -> Vec<i64> {
    if range.all {
        vec![ROOT_DEPT]
    } else {
        range.dept_ids.clone()
    }
}

/// `GET /auth/scopes` → `auth_user_field`, `auth_org_scopes.{authed_dept, authed_user}`,
/// `condition_field`.
pub async fn auth_scopes(caller: OapiCaller) -> Result<OapiOk, OapiError> {
    caller.require(scope::BASE)?;
    let app = &caller.app;
    let mut fields = vec![
        "userid",
        "unionid",
        "name",
        "title",
        "dept_id_list",
        "admin",
        "active",
    ];
    if app.has_scope(scope::CONTACT_USER_MOBILE) {
        fields.push("mobile");
    }
    if app.has_scope(scope::FIELD_EMAIL) {
        fields.push("email");
    }
    Ok(OapiOk::new(json!({
        "auth_user_field": fields,
        "condition_field": [],
        "auth_org_scopes": {
            "authed_dept": range_depts(&app.contact_range),
            "authed_user": app.contact_range.userids,
        },
    })))
}

/// `POST /microapp/visible_scopes` `{"agentId": N}` → the app's visible range.
pub async fn visible_scopes(caller: OapiCaller, body: OapiBody) -> Result<Json<Value>, OapiError> {
    caller.require(scope::MICROAPP_MANAGE)?;
    let agent_id = body.require_int("agentId")?;
    let app = caller
        .scenario
        .app_by_agent_id(agent_id)
        .ok_or(OapiError::BadAgentId)?;
    let range = &app.visible_range;
    Ok(Json(json!({
        "errcode": 0,
        "errmsg": "ok",
        "isHidden": range.admin_only,
        "deptVisibleScopes": range_depts(range),
        "userVisibleScopes": range.userids,
    })))
}
