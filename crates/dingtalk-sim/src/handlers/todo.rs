//! Todo (待办, new family; SDK-new `todo_1_0`, DOCS 0793/0798): create
//! `POST /v1.0/todo/users/{unionId}/tasks` (`Todo.Todo.Write`) and list
//! `POST /v1.0/todo/users/{unionId}/org/tasks/query` (`Todo.Todo.Read`).
//!
//! The permission is checked *before* the body, so a side-effect-free probe works: a create with
//! an empty `subject` answers 403 `AccessTokenPermissionDenied` (`requiredScopes:
//! ["Todo.Todo.Write"]`) without the permission and 400 `todo.taskCreate.paramError` with it.
//! That order is UNCONFIRMED: no public source says which check comes first. As documented, the
//! list returns only todos created with a `detailUrl`. Unknown unionIds: create answers
//! `paramError` and query an empty list (both UNCONFIRMED).

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::Path;
use axum::Json;
use serde_json::{json, Value};

use crate::auth::ApiCaller;
use crate::body::ApiBody;
use crate::dingtalk_errors::ApiError;
use crate::reply::{new_request_id, random_alnum};
use crate::scope;
use crate::store::TodoTask;

/// Documented maximum subject length.
const MAX_SUBJECT: usize = 1024;
/// Cards per query page.
const PAGE: usize = 10;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Create a todo; answers the created task with its id in `id`.
pub async fn create(
    caller: ApiCaller,
    Path(union_id): Path<String>,
    body: Result<ApiBody, ApiError>,
) -> Result<Json<Value>, ApiError> {
    caller.require(scope::TODO_WRITE)?;
    let body = body?.0;
    let subject = body.get("subject").and_then(Value::as_str).unwrap_or("");
    if subject.trim().is_empty() {
        return Err(ApiError::todo_param_error("subject is empty"));
    }
    if subject.chars().count() > MAX_SUBJECT {
        return Err(ApiError::todo_param_error("subject is oversize"));
    }
    if caller.scenario.org.user_by_unionid(&union_id).is_none() {
        return Err(ApiError::todo_param_error("user not exist"));
    }
    let mut store = caller.state.store();
    let source_id = body.get("sourceId").and_then(Value::as_str);
    if source_id.is_some_and(|s| store.todos.iter().any(|t| t.body["sourceId"] == s)) {
        return Err(ApiError::todo_param_error("task exist"));
    }
    let created = now_ms();
    let field = |key: &str, default: Value| body.get(key).cloned().unwrap_or(default);
    let task = json!({
        "id": random_alnum(24),
        "subject": subject,
        "description": field("description", json!("")),
        "dueTime": field("dueTime", Value::Null),
        "done": false,
        "creatorId": field("creatorId", json!(union_id)),
        "executorIds": field("executorIds", json!([])),
        "participantIds": field("participantIds", json!([])),
        "detailUrl": field("detailUrl", Value::Null),
        "source": caller.app.name,
        "sourceId": field("sourceId", Value::Null),
        "priority": field("priority", json!(20)),
        "bizTag": "",
        "createdTime": created,
        "modifiedTime": created,
        "requestId": new_request_id(),
    });
    store.todos.push(TodoTask {
        id: task["id"].as_str().unwrap_or_default().to_owned(),
        owner: union_id,
        body: task.clone(),
        created_ms: created,
    });
    Ok(Json(task))
}

/// List a user's org todos (`{"nextToken","isDone","roleTypes","todoType"}`).
pub async fn query(
    caller: ApiCaller,
    Path(union_id): Path<String>,
    body: Result<ApiBody, ApiError>,
) -> Result<Json<Value>, ApiError> {
    caller.require(scope::TODO_READ)?;
    let body = body?.0;
    let want_done = body.get("isDone").and_then(Value::as_bool).unwrap_or(false);
    let start: usize = match body.get("nextToken") {
        Some(Value::String(s)) => s.parse().unwrap_or(0),
        Some(Value::Number(n)) => n.as_u64().unwrap_or(0) as usize,
        _ => 0,
    };
    let store = caller.state.store();
    let mine: Vec<&TodoTask> = store
        .todos
        .iter()
        .filter(|t| involves(t, &union_id) && !t.body["detailUrl"].is_null())
        .filter(|t| t.body["done"].as_bool() == Some(want_done))
        .collect();
    let end = (start + PAGE).min(mine.len());
    let cards: Vec<Value> = mine[start.min(end)..end].iter().map(|t| card(t)).collect();
    let mut out = json!({ "todoCards": cards });
    if end < mine.len() {
        out["nextToken"] = end.to_string().into();
    }
    Ok(Json(out))
}

fn involves(task: &TodoTask, union_id: &str) -> bool {
    let listed = |key: &str| {
        task.body[key]
            .as_array()
            .is_some_and(|ids| ids.iter().any(|id| id == union_id))
    };
    task.owner == union_id || task.body["creatorId"] == union_id || listed("executorIds")
}

fn card(task: &TodoTask) -> Value {
    let b = &task.body;
    json!({
        "taskId": task.id,
        "subject": b["subject"],
        "dueTime": b["dueTime"],
        "detailUrl": b["detailUrl"],
        "priority": b["priority"],
        "createdTime": task.created_ms,
        "modifiedTime": b["modifiedTime"],
        "creatorId": b["creatorId"],
        "sourceId": b["sourceId"],
        "bizTag": b["bizTag"],
        "isDone": b["done"],
        "todoType": "TODO",
    })
}
