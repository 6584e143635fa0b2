//! Todo (SDK-new `todo_1_0`): create, the side-effect-free permission probe, query, and their 4xx shapes.

mod common;

use common::*;
use dingtalk_sim::scenarios::{ADMIN_UNIONID, CLIENT_ID, CLIENT_SECRET};
use dingtalk_sim::SimHandle;

fn create_path() -> String {
    format!("/v1.0/todo/users/{ADMIN_UNIONID}/tasks?operatorId={ADMIN_UNIONID}")
}

fn query_path() -> String {
    format!("/v1.0/todo/users/{ADMIN_UNIONID}/org/tasks/query")
}

async fn new_token(sim: &SimHandle) -> String {
    let (_, body) = access_token(sim, CLIENT_ID, CLIENT_SECRET).await;
    body["accessToken"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn create_then_query() {
    let sim = start("healthy").await;
    let token = new_token(&sim).await;
    let detail = json!({"appUrl": "https://oa.example.com/todo/1", "pcUrl": "https://oa.example.com/todo/1"});
    let (status, created) = api_post(
        &sim,
        &create_path(),
        &token,
        json!({
            "subject": "钉钉绑定测试待办",
            "executorIds": [ADMIN_UNIONID],
            "detailUrl": detail,
            "sourceId": "dingbind-test-1",
        }),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    assert!(created["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert_eq!(created["subject"], "钉钉绑定测试待办");
    assert_eq!(created["sourceId"], "dingbind-test-1");

    // A todo without detailUrl is created but not listed (documented).
    api_post(
        &sim,
        &create_path(),
        &token,
        json!({"subject": "no detail"}),
    )
    .await;

    let (status, listed) = api_post(
        &sim,
        &query_path(),
        &token,
        json!({"nextToken": "0", "isDone": false}),
    )
    .await;
    assert_eq!(status, 200, "{listed}");
    let cards = listed["todoCards"].as_array().unwrap();
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0]["taskId"], created["id"]);
    assert_eq!(cards[0]["isDone"], false);

    let (status, dup) = api_post(
        &sim,
        &create_path(),
        &token,
        json!({"subject": "again", "sourceId": "dingbind-test-1"}),
    )
    .await;
    assert_api_err(status, &dup, 400, "todo.taskCreate.paramError");
    assert_eq!(dup["message"], "task exist");
}

#[tokio::test]
async fn empty_subject_probe_is_param_error_when_granted() {
    let sim = start("healthy").await;
    let token = new_token(&sim).await;
    let (status, body) = api_post(&sim, &create_path(), &token, json!({"subject": ""})).await;
    assert_api_err(status, &body, 400, "todo.taskCreate.paramError");
    let (status, body) = api_post(&sim, &create_path(), &token, json!({})).await;
    assert_api_err(status, &body, 400, "todo.taskCreate.paramError");
}

#[tokio::test]
async fn missing_todo_permissions_name_the_required_scope() {
    let sim = start("missing-todo-scope").await;
    let token = new_token(&sim).await;
    let (status, body) = api_post(&sim, &create_path(), &token, json!({"subject": ""})).await;
    assert_api_permission(status, &body, "Todo.Todo.Write");

    let (status, body) = api_post(&sim, &query_path(), &token, json!({})).await;
    assert_api_permission(status, &body, "Todo.Todo.Read");
}

#[tokio::test]
async fn non_json_body_is_rejected_after_the_permission_check() {
    let sim = start("healthy").await;
    let token = new_token(&sim).await;
    let response = client()
        .post(format!("{}{}", sim.api_url(), create_path()))
        .header("x-acs-dingtalk-access-token", &token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("subject=x")
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("body is mandatory"),
        "{body}"
    );
}
