//! The v1.0 app-management reads (new family, header token `x-acs-dingtalk-access-token`;
//! `docs/dingtalk/endpoints.md`):
//!
//! * `GET /v1.0/microApp/apps/{agentId}/scopes` (DOCS 0872, SDK-new `GetMicroAppScope`) needs
//!   `qyapi_microapp_manage` and answers
//!   `{"result":{"userIds":[…],"deptIds":[…],"roleIds":[…],"onlyAdminVisible":bool}}` for any
//!   agentId in the org. With `onlyAdminVisible` true the three lists are empty (DOCS 0872). An
//!   all-staff range is listed as root department `[1]` and an agentId outside the org answers
//!   400 `invalidParam` 参数错误 (from the error table of DOCS 0872); both UNCONFIRMED.
//! * `GET /v1.0/microApp/app/detail` (SDK-new `ListAppByClientId`) answers the *calling* app at
//!   top level: `agentId`, `appId` (0 for internal apps, DOCS 0865), `appStatus` (1 = 启用),
//!   `developType` (0 = H5 微应用), `name`, and `homepageLink`/`pcHomepageLink`/`ompLink` when the
//!   scenario sets them. Its permission is undocumented, so by default it needs none (the
//!   scenario's `app_detail_scope` can demand one); unset links, `desc` and `icon` are left out.
//!   Both choices UNCONFIRMED.

use axum::extract::Path;
use axum::Json;
use serde_json::{json, Value};

use super::ranges::range_depts;
use crate::auth::ApiCaller;
use crate::dingtalk_errors::ApiError;
use crate::scope;

/// `GET /v1.0/microApp/apps/{agentId}/scopes` → the app's visible range.
pub async fn scopes(
    caller: ApiCaller,
    Path(agent_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(scope::MICROAPP_MANAGE)?;
    let app = agent_id
        .parse::<i64>()
        .ok()
        .and_then(|id| caller.scenario.app_by_agent_id(id))
        .ok_or_else(|| ApiError::invalid_param("agentId"))?;
    let range = &app.visible_range;
    let result = if range.admin_only {
        json!({ "userIds": [], "deptIds": [], "roleIds": [], "onlyAdminVisible": true })
    } else {
        json!({
            "userIds": range.userids,
            "deptIds": range_depts(range),
            "roleIds": range.role_ids,
            "onlyAdminVisible": false,
        })
    };
    Ok(Json(json!({ "result": result })))
}

/// `GET /v1.0/microApp/app/detail` → the calling app's details.
pub async fn detail(caller: ApiCaller) -> Result<Json<Value>, ApiError> {
    if let Some(required) = &caller.scenario.app_detail_scope {
        caller.require(required)?;
    }
    let app = &caller.app;
    let mut answer = json!({
        "agentId": app.agent_id,
        "appId": 0,
        "appStatus": 1,
        "developType": 0,
        "name": app.name,
    });
    for (key, link) in [
        ("homepageLink", &app.homepage_link),
        ("pcHomepageLink", &app.pc_homepage_link),
        ("ompLink", &app.omp_link),
    ] {
        if let Some(link) = link {
            answer[key] = link.as_str().into();
        }
    }
    Ok(Json(answer))
}
