//! `POST /topapi/attendance/getsimplegroups` `{"offset":0,"size":10}` → attendance groups.
//!
//! The answer `{"errcode":0,"result":{"has_more","groups":[{group_id, group_name, member_count,
//! type}]}}` follows DOCS 0179 and SDK-old `attendance.py`. The permission point is the scenario's
//! `attendance.required_scope`, default `qyapi_base` (DOCS 0179), which every app holds; without
//! it the answer is 88/60011 (a topapi path).

use serde_json::{json, Value};

use crate::auth::OapiCaller;
use crate::body::OapiBody;
use crate::dingtalk_errors::OapiError;
use crate::reply::OapiOk;

/// Page size when the caller gives none.
const DEFAULT_SIZE: i64 = 10;

pub async fn getsimplegroups(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    let attendance = &caller.scenario.attendance;
    caller.require(&attendance.required_scope)?;
    let offset = body.int("offset").unwrap_or(0);
    let size = body.int("size").unwrap_or(DEFAULT_SIZE);
    if offset < 0 || size < 1 {
        return Err(OapiError::InvalidParam);
    }
    let all = &attendance.groups;
    let start = (offset as usize).min(all.len());
    let end = (start + size as usize).min(all.len());
    let groups: Vec<Value> = all[start..end]
        .iter()
        .map(|g| {
            json!({
                "group_id": g.group_id,
                "group_name": g.group_name,
                "member_count": g.member_count,
                "type": g.kind,
            })
        })
        .collect();
    Ok(OapiOk::result(json!({
        "has_more": end < all.len(),
        "groups": groups,
    })))
}
