//! Work notifications: asyncsend_v2 → task_id → getsendresult (DOCS 0769, 0773).

mod common;

use common::*;
use dingtalk_sim::scenarios::{ADMIN_USERID, AGENT_ID, WRONG_AGENT_ID_REAL_AGENT_ID};
use dingtalk_sim::SimHandle;
use serde_json::Value;

const SEND: &str = "/topapi/message/corpconversation/asyncsend_v2";
const RESULT: &str = "/topapi/message/corpconversation/getsendresult";

fn text(content: &str, userids: &str) -> Value {
    json!({
        "agent_id": AGENT_ID,
        "userid_list": userids,
        "msg": { "msgtype": "text", "text": { "content": content } },
    })
}

async fn send_and_fetch(sim: &SimHandle, token: &str, body: Value) -> Value {
    let (_, sent) = oapi_post(sim, SEND, token, body).await;
    assert_oapi_ok(&sent);
    let task_id = sent["task_id"].as_i64().expect("numeric task_id");
    let (_, result) = oapi_post(
        sim,
        RESULT,
        token,
        json!({"agent_id": AGENT_ID, "task_id": task_id}),
    )
    .await;
    assert_oapi_ok(&result);
    result["send_result"].clone()
}

#[tokio::test]
async fn send_then_result_lists_read_unread_and_invalid() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let result = send_and_fetch(
        &sim,
        &token,
        text("绑定测试 1", "manager4220,0167291043,test"),
    )
    .await;
    assert_eq!(result["read_user_id_list"], json!([ADMIN_USERID]));
    assert_eq!(result["unread_user_id_list"], json!(["0167291043"]));
    assert_eq!(result["invalid_user_id_list"], json!(["test"]));
    for key in [
        "forbidden_user_id_list",
        "failed_user_id_list",
        "invalid_dept_id_list",
        "forbidden_list",
    ] {
        assert!(result[key].is_array(), "{key}");
    }
}

#[tokio::test]
async fn identical_content_twice_is_dropped_as_143106() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    send_and_fetch(&sim, &token, text("same", ADMIN_USERID)).await;
    let result = send_and_fetch(&sim, &token, text("same", ADMIN_USERID)).await;
    assert_eq!(result["read_user_id_list"], json!([]));
    assert_eq!(result["forbidden_list"][0]["code"], "143106");
    assert_eq!(result["forbidden_list"][0]["userid"], ADMIN_USERID);
    // DOCS 0773: forbidden_user_id_list holds the flow-control victims.
    assert_eq!(result["forbidden_user_id_list"], json!([ADMIN_USERID]));
}

#[tokio::test]
async fn wrong_agent_id_is_40056() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let mut body = text("x", ADMIN_USERID);
    body["agent_id"] = 123456789.into();
    let (status, answer) = oapi_post(&sim, SEND, &token, body).await;
    assert_oapi_err(status, &answer, 40056);
    assert_eq!(answer["errmsg"], "不合法的agentid");
}

#[tokio::test]
async fn userid_list_must_be_a_comma_separated_string() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let mut body = text("x", ADMIN_USERID);
    body["userid_list"] = json!([ADMIN_USERID]);
    let (status, answer) = oapi_post(&sim, SEND, &token, body).await;
    assert_oapi_err(status, &answer, 40035);
}

#[tokio::test]
async fn users_outside_the_visible_range_fail_without_flow_control() {
    let sim = start("narrow-visible-range").await;
    let token = app_token(&sim).await;
    let result = send_and_fetch(&sim, &token, text("x", "manager4220,2246663532780303")).await;
    assert_eq!(result["failed_user_id_list"], json!([ADMIN_USERID]));
    assert_eq!(result["forbidden_user_id_list"], json!([]));
    assert_eq!(result["forbidden_list"], json!([]));
    assert_eq!(result["read_user_id_list"], json!(["2246663532780303"]));
}

#[tokio::test]
async fn role_members_in_the_visible_range_receive_messages() {
    let sim = start("role-visible-range").await;
    let token = app_token(&sim).await;
    // manager4220 holds the role; 陈静 (172455301129) is in neither the department nor the role.
    let result = send_and_fetch(&sim, &token, text("x", "manager4220,172455301129")).await;
    assert_eq!(result["read_user_id_list"], json!([ADMIN_USERID]));
    assert_eq!(result["failed_user_id_list"], json!(["172455301129"]));
}

#[tokio::test]
async fn the_shared_agent_id_is_40056_in_wrong_agent_id() {
    let sim = start("wrong-agent-id").await;
    let token = app_token(&sim).await;
    let (status, answer) = oapi_post(&sim, SEND, &token, text("x", ADMIN_USERID)).await;
    assert_plain(status, &answer, 40056);
    let mut body = text("x", ADMIN_USERID);
    body["agent_id"] = WRONG_AGENT_ID_REAL_AGENT_ID.into();
    let (_, answer) = oapi_post(&sim, SEND, &token, body).await;
    assert_oapi_ok(&answer);
}

#[tokio::test]
async fn unknown_task_is_an_error() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let (status, body) = oapi_post(
        &sim,
        RESULT,
        &token,
        json!({"agent_id": AGENT_ID, "task_id": 1}),
    )
    .await;
    assert_oapi_err(status, &body, 40035);
}
