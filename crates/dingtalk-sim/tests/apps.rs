//! The v1.0 app-management reads: `GET /v1.0/microApp/apps/{agentId}/scopes` (DOCS 0872,
//! SDK-new `GetMicroAppScope`) and `GET /v1.0/microApp/app/detail` (SDK-new `ListAppByClientId`),
//! with and without `qyapi_microapp_manage`, and role-based visible ranges.

mod common;

use common::*;
use dingtalk_sim::scenarios::{
    AGENT_ID, OTHER_APP_AGENT_ID, ROLE_ID, WRONG_AGENT_ID_REAL_AGENT_ID,
};

fn scopes_path(agent: i64) -> String {
    format!("/v1.0/microApp/apps/{agent}/scopes")
}

const DETAIL: &str = "/v1.0/microApp/app/detail";

#[tokio::test]
async fn scopes_without_microapp_manage_is_403_naming_it() {
    let sim = start("healthy").await;
    let token = new_app_token(&sim).await;
    let (status, body) = api_get(&sim, &scopes_path(AGENT_ID), &token).await;
    assert_api_permission(status, &body, "qyapi_microapp_manage");
}

#[tokio::test]
async fn scopes_with_microapp_manage_answers_result() {
    let sim = start("microapp-manage-granted").await;
    let token = new_app_token(&sim).await;
    let (status, body) = api_get(&sim, &scopes_path(AGENT_ID), &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"result": {"userIds": [], "deptIds": [1], "roleIds": [], "onlyAdminVisible": false}})
    );
    // Any AgentId of the org, not just the caller's own.
    let (status, body) = api_get(&sim, &scopes_path(OTHER_APP_AGENT_ID), &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["deptIds"], json!([466071004]));
    // Not in the org: 400 invalidParam (UNCONFIRMED choice).
    let (status, body) = api_get(&sim, &scopes_path(1), &token).await;
    assert_api_err(status, &body, 400, "invalidParam");
    let (status, body) = api_get(&sim, "/v1.0/microApp/apps/abc/scopes", &token).await;
    assert_api_err(status, &body, 400, "invalidParam");
}

#[tokio::test]
async fn admin_only_ranges_list_nothing() {
    let mut s = scenario("microapp-manage-granted");
    s.apps[0].visible_range.admin_only = true;
    let sim = start_with(s).await;
    let token = new_app_token(&sim).await;
    let (_, body) = api_get(&sim, &scopes_path(AGENT_ID), &token).await;
    assert_eq!(
        body["result"],
        json!({"userIds": [], "deptIds": [], "roleIds": [], "onlyAdminVisible": true})
    );
}

#[tokio::test]
async fn role_ranges_show_in_the_new_api_and_not_in_the_old() {
    let sim = start("role-visible-range").await;
    let token = new_app_token(&sim).await;
    let (status, body) = api_get(&sim, &scopes_path(AGENT_ID), &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["deptIds"], json!([466071002]));
    assert_eq!(body["result"]["roleIds"], json!([ROLE_ID]));
    assert_eq!(body["result"]["userIds"], json!([]));

    let (_, old) = oapi_post(
        &sim,
        "/microapp/visible_scopes",
        &token,
        json!({"agentId": AGENT_ID}),
    )
    .await;
    assert_eq!(
        (old["errcode"].as_i64(), old["errmsg"].as_str()),
        (Some(0), Some("ok"))
    );
    assert_eq!(old["deptVisibleScopes"], json!([466071002]));
    assert_eq!(old["userVisibleScopes"], json!([]));
    assert!(
        old.get("roleVisibleScopes").is_none(),
        "no role field (DOCS 1606)"
    );
}

#[tokio::test]
async fn detail_answers_the_calling_app_with_token_only() {
    let mut s = scenario("healthy");
    s.apps[0].scopes.clear();
    let sim = start_with(s).await;
    let token = new_app_token(&sim).await;
    let (status, body) = api_get(&sim, DETAIL, &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["agentId"], AGENT_ID);
    assert_eq!(body["name"], "宜点云私有云");
    assert_eq!(body["appId"], 0, "internal apps (DOCS 0865)");
    assert_eq!(body["appStatus"], 1);
    assert_eq!(body["developType"], 0);
    assert_eq!(
        body["homepageLink"],
        "https://oa.example.com/dingding/dingding_auth_corp?corpId=$CORPID$"
    );
    assert!(body["pcHomepageLink"].is_string());
    assert!(body["ompLink"].as_str().unwrap().contains("usertype=admin"));
}

#[tokio::test]
async fn detail_leaves_out_unset_links_and_can_demand_a_scope() {
    let mut s = scenario("healthy");
    s.apps[0].omp_link = None;
    s.app_detail_scope = Some("qyapi_get_microapp_list".into());
    let sim = start_with(s.clone()).await;
    let token = new_app_token(&sim).await;
    let (status, body) = api_get(&sim, DETAIL, &token).await;
    assert_api_permission(status, &body, "qyapi_get_microapp_list");
    s.app_detail_scope = None;
    sim.set_scenario(s).unwrap();
    let (_, body) = api_get(&sim, DETAIL, &token).await;
    assert!(body.get("ompLink").is_none(), "{body}");
}

#[tokio::test]
async fn detail_reveals_the_real_agent_id() {
    let sim = start("wrong-agent-id").await;
    let token = new_app_token(&sim).await;
    let (_, body) = api_get(&sim, DETAIL, &token).await;
    assert_eq!(body["agentId"], WRONG_AGENT_ID_REAL_AGENT_ID);
    assert_ne!(body["agentId"], AGENT_ID);
}

#[tokio::test]
async fn app_apis_need_the_header_token() {
    let sim = start("healthy").await;
    let (status, body) = api_get(&sim, DETAIL, "").await;
    assert_api_err(status, &body, 400, "AuthenticationFailed.MissingParameter");
    let (status, body) = api_get(&sim, DETAIL, "bogus").await;
    assert_api_err(status, &body, 400, "InvalidAuthentication");
}
