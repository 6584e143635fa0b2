//! Work notifications (工作通知): `asyncsend_v2` (DOCS 0769) and `getsendresult` (DOCS 0773).
//!
//! `agent_id` must be the calling app's own (40056 不合法的agentid otherwise). `userid_list` and
//! `dept_id_list` must be comma-separated *strings* (a JSON array is 40035, catching the classic
//! client mistake). Sending always succeeds with a `task_id`; what happened to each recipient shows
//! up in `getsendresult`: unknown userids in `invalid_user_id_list` (inferred), an identical repeat
//! to the same user in `forbidden_list` with code 143106 and in `forbidden_user_id_list` (DOCS
//! 0773 defines both as flow-control (限流) victims), users outside the app's visible range in
//! `failed_user_id_list` (UNCONFIRMED: no source says where DingTalk lists them, only that it is
//! not the flow-control lists), the rest read or unread per the user's `reads_messages` flag.

use serde_json::{json, Map, Value};

use crate::auth::OapiCaller;
use crate::body::OapiBody;
use crate::dingtalk_errors::OapiError;
use crate::reply::OapiOk;
use crate::scenario::User;
use crate::store::SendResult;

/// Documented `msgtype` values.
const MSG_TYPES: [&str; 8] = [
    "text",
    "image",
    "voice",
    "file",
    "link",
    "oa",
    "markdown",
    "action_card",
];

/// Split a comma-separated string field; 40035 if the field is present but not a string.
fn csv_field(body: &OapiBody, key: &str) -> Result<Vec<String>, OapiError> {
    match body.get(key) {
        None => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()),
        Some(_) => Err(OapiError::InvalidParam),
    }
}

fn valid_msg(msg: &Map<String, Value>) -> bool {
    msg.get("msgtype")
        .and_then(Value::as_str)
        .is_some_and(|t| MSG_TYPES.contains(&t))
}

/// `POST /topapi/message/corpconversation/asyncsend_v2` → `{"errcode":0,"task_id":…}`.
pub async fn asyncsend_v2(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    let agent_id = body.require_int("agent_id")?;
    if agent_id != caller.app.agent_id {
        return Err(OapiError::BadAgentId);
    }
    let msg = body
        .object("msg")
        .filter(valid_msg)
        .ok_or(OapiError::InvalidParam)?;
    let userids = csv_field(&body, "userid_list")?;
    let dept_ids = csv_field(&body, "dept_id_list")?;
    let to_all = body.boolean("to_all_user").unwrap_or(false);

    let org = &caller.scenario.org;
    let mut result = SendResult {
        agent_id,
        ..SendResult::default()
    };
    let mut recipients: Vec<&User> = Vec::new();
    for id in &userids {
        match org.user(id) {
            Some(user) => recipients.push(user),
            None => result.invalid_user_id_list.push(id.clone()),
        }
    }
    for raw in &dept_ids {
        let dept: i64 = raw.parse().map_err(|_| OapiError::InvalidParam)?;
        match org.dept(dept) {
            Some(_) => recipients.extend(org.subtree_members(dept)),
            None => result.invalid_dept_id_list.push(dept),
        }
    }
    if to_all {
        recipients.extend(org.users.iter());
    }
    let mut seen = std::collections::HashSet::new();
    recipients.retain(|u| seen.insert(u.userid.clone()));

    let content = Value::Object(msg).to_string();
    let mut store = caller.state.store();
    for user in recipients {
        let id = user.userid.clone();
        if !org.user_in_range(&caller.app.visible_range, user) {
            result.failed_user_id_list.push(id);
        } else if !store.delivered.insert((id.clone(), content.clone())) {
            result.forbidden_user_id_list.push(id.clone());
            result.forbidden_list.push(("143106".into(), id));
        } else if user.reads_messages {
            result.read_user_id_list.push(id);
        } else {
            result.unread_user_id_list.push(id);
        }
    }
    let task_id = store.record_send(result);
    Ok(OapiOk::new(json!({ "task_id": task_id })))
}

/// `POST /topapi/message/corpconversation/getsendresult` `{"agent_id","task_id"}` → `send_result`.
pub async fn getsendresult(caller: OapiCaller, body: OapiBody) -> Result<OapiOk, OapiError> {
    let agent_id = body.require_int("agent_id")?;
    if agent_id != caller.app.agent_id {
        return Err(OapiError::BadAgentId);
    }
    let task_id = body.require_int("task_id")?;
    let store = caller.state.store();
    let r = store
        .send_result(task_id)
        .filter(|r| r.agent_id == agent_id)
        .ok_or(OapiError::InvalidParam)?;
    let forbidden_list: Vec<Value> = r
        .forbidden_list
        .iter()
        .map(|(code, userid)| json!({ "code": code, "count": 1, "userid": userid }))
        .collect();
    Ok(OapiOk::new(json!({
        "send_result": {
            "invalid_user_id_list": r.invalid_user_id_list,
            "forbidden_user_id_list": r.forbidden_user_id_list,
            "failed_user_id_list": r.failed_user_id_list,
            "read_user_id_list": r.read_user_id_list,
            "unread_user_id_list": r.unread_user_id_list,
            "invalid_dept_id_list": r.invalid_dept_id_list,
            "forbidden_list": forbidden_list,
        }
    })))
}
