//! What an app may see: `GET /auth/scopes` (contact range and user fields, §3) and
//! `POST /microapp/visible_scopes` (the app's visible range).
//!
//! `/microapp/visible_scopes` is NOT in our reference. Its path and shape
//! (`{"errcode":0,"errmsg":"ok","isHidden":false,"deptVisibleScopes":[…],"userVisibleScopes":[…]}`)
//! follow public DingTalk SDK code (e.g. `OapiMicroappVisibleScopesResponse`). UNCONFIRMED: which
//! permission point it needs (none is enforced here), what an all-staff range returns (we answer
//! the root department `[1]`), and the error for an unknown agentId (we answer 40056).

use axum::Json;
use serde_json::{json, Value};

use crate::auth::OapiCaller;
use crate::body::OapiBody;
use crate::dingtalk_errors::OapiError;
use crate::reply::OapiOk;
use crate::scenario::{Range, ROOT_DEPT};
use crate::scope;

/// Department ids of a range as DingTalk lists them (`[1]` for everyone).
fn range_depts(range: &Range) -> Vec<i64> {
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
