//! Contact reads: success shapes, permission (88/60011 on topapi), range (50004/50002), not-found
//! (60121/60003), paging, field permissions, `/auth/scopes`, `/microapp/visible_scopes`.

mod common;

use common::*;
use dingtalk_sim::scenarios::{ADMIN_UNIONID, ADMIN_USERID, AGENT_ID, OTHER_APP_AGENT_ID};

#[tokio::test]
async fn user_count_counts_everyone_or_only_active() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let (_, body) = user_count(&sim, &token).await;
    assert_oapi_ok(&body);
    assert_eq!(body["result"]["count"], 6);
    let (_, body) = oapi_post(
        &sim,
        "/topapi/user/count",
        &token,
        json!({"only_active": true}),
    )
    .await;
    assert_eq!(body["result"]["count"], 5);
    let (status, body) = oapi_post(&sim, "/topapi/user/count", &token, json!({})).await;
    assert_oapi_err(status, &body, 40035);
}

#[tokio::test]
async fn department_listsub_and_get() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let (_, body) = oapi_post(
        &sim,
        "/topapi/v2/department/listsub",
        &token,
        json!({"dept_id": 1}),
    )
    .await;
    assert_oapi_ok(&body);
    let depts = body["result"].as_array().unwrap();
    assert_eq!(depts.len(), 4, "direct children of the root only");
    assert_eq!(depts[0]["parent_id"], 1);
    for key in [
        "dept_id",
        "name",
        "parent_id",
        "create_dept_group",
        "auto_add_user",
    ] {
        assert!(depts[0].get(key).is_some(), "{key} in {}", depts[0]);
    }

    let (_, body) = oapi_post(
        &sim,
        "/topapi/v2/department/get",
        &token,
        json!({"dept_id": 466071002}),
    )
    .await;
    assert_oapi_ok(&body);
    assert_eq!(body["result"]["name"], "技术研发中心");
    assert_eq!(
        body["result"]["member_count"], 3,
        "李娜 + 张伟 + 赵磊 in the subtree"
    );

    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/department/get",
        &token,
        json!({"dept_id": 999}),
    )
    .await;
    assert_oapi_err(status, &body, 60003);

    let (_, body) = oapi_post(
        &sim,
        "/topapi/v2/department/listsubid",
        &token,
        json!({"dept_id": 466071002}),
    )
    .await;
    assert_eq!(body["result"]["dept_id_list"], json!([466071003]));
}

#[tokio::test]
async fn form_urlencoded_bodies_are_accepted_by_the_old_family() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let response = client()
        .post(format!("{}/topapi/v2/department/get", sim.oapi_url()))
        .query(&[("access_token", &token)])
        .header("content-type", "application/x-www-form-urlencoded")
        .body("dept_id=466071004")
        .send()
        .await
        .unwrap();
    let (_, body) = json_of(response).await;
    assert_oapi_ok(&body);
    assert_eq!(body["result"]["name"], "市场部");
}

#[tokio::test]
async fn user_list_pages_with_a_cursor_and_shows_fields_by_permission() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let path = "/topapi/v2/user/list";
    let (_, page1) = oapi_post(
        &sim,
        path,
        &token,
        json!({"dept_id": 466071003, "cursor": 0, "size": 1}),
    )
    .await;
    assert_oapi_ok(&page1);
    let result = &page1["result"];
    assert_eq!(result["has_more"], true);
    assert_eq!(result["next_cursor"], 1);
    let first = &result["list"][0];
    assert_eq!(first["name"], "张伟");
    assert_eq!(first["mobile"], "13800138003");
    assert_eq!(first["email"], "zhangwei@example.com");
    for key in ["userid", "unionid", "dept_id_list", "admin", "active"] {
        assert!(first.get(key).is_some(), "{key}");
    }

    let (_, page2) = oapi_post(
        &sim,
        path,
        &token,
        json!({"dept_id": 466071003, "cursor": 1, "size": 1}),
    )
    .await;
    assert_eq!(page2["result"]["has_more"], false);
    assert!(page2["result"].get("next_cursor").is_none());
    assert_eq!(page2["result"]["list"][0]["name"], "赵磊");

    let (status, body) = oapi_post(&sim, path, &token, json!({"dept_id": 1})).await;
    assert_oapi_err(status, &body, 40035);
}

#[tokio::test]
async fn mobile_and_email_need_field_permissions() {
    let mut s = scenario("healthy");
    s.apps[0]
        .scopes
        .retain(|x| x != "Contact.User.mobile" && x != "fieldEmail");
    let sim = start_with(s).await;
    let token = app_token(&sim).await;
    let (_, body) = oapi_post(
        &sim,
        "/topapi/v2/user/get",
        &token,
        json!({"userid": ADMIN_USERID}),
    )
    .await;
    assert_oapi_ok(&body);
    assert_eq!(body["result"]["name"], "王建国");
    assert!(body["result"].get("mobile").is_none());
    assert!(body["result"].get("email").is_none());
}

#[tokio::test]
async fn user_get_and_getbyunionid() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let (_, body) = oapi_post(
        &sim,
        "/topapi/v2/user/get",
        &token,
        json!({"userid": ADMIN_USERID}),
    )
    .await;
    assert_eq!(body["result"]["unionid"], ADMIN_UNIONID);
    assert_eq!(body["result"]["admin"], true);
    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/user/get",
        &token,
        json!({"userid": "ghost"}),
    )
    .await;
    assert_oapi_err(status, &body, 60121);

    let (_, body) = oapi_post(
        &sim,
        "/topapi/user/getbyunionid",
        &token,
        json!({"unionid": ADMIN_UNIONID}),
    )
    .await;
    assert_oapi_ok(&body);
    assert_eq!(body["result"]["userid"], ADMIN_USERID);
    assert_eq!(
        body["result"]["contact_type"], 0,
        "an org member (DOCS 0064)"
    );
    let (status, body) = oapi_post(
        &sim,
        "/topapi/user/getbyunionid",
        &token,
        json!({"unionid": "notInOrg"}),
    )
    .await;
    assert_plain(status, &body, 60121);
}

#[tokio::test]
async fn missing_contact_permission_is_88_60011_naming_the_scope() {
    let sim = start("missing-contact-scope").await;
    let token = app_token(&sim).await;
    for (path, body, scope) in [
        (
            "/topapi/user/count",
            json!({"only_active": false}),
            "qyapi_get_member",
        ),
        (
            "/topapi/v2/department/listsub",
            json!({"dept_id": 1}),
            "qyapi_get_department_list",
        ),
        (
            "/topapi/v2/user/list",
            json!({"dept_id": 1, "cursor": 0, "size": 10}),
            "qyapi_get_department_member",
        ),
        (
            "/topapi/v2/user/get",
            json!({"userid": ADMIN_USERID}),
            "qyapi_get_member",
        ),
        (
            "/topapi/user/getbyunionid",
            json!({"unionid": ADMIN_UNIONID}),
            "qyapi_get_member",
        ),
    ] {
        let (status, answer) = oapi_post(&sim, path, &token, body).await;
        assert_wrapped_permission(status, &answer, scope);
    }
    // /auth/scopes needs only qyapi_base, held by every app.
    let (_, body) = oapi_get(&sim, "/auth/scopes", &token).await;
    assert_oapi_ok(&body);
}

#[tokio::test]
async fn narrow_contact_range_is_50004_and_50002() {
    let sim = start("narrow-visible-range").await;
    let token = app_token(&sim).await;
    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/department/listsub",
        &token,
        json!({"dept_id": 1}),
    )
    .await;
    assert_oapi_err(status, &body, 50004);
    assert_eq!(body["errmsg"], "请求的部门id不在授权范围内");
    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/user/list",
        &token,
        json!({"dept_id": 1, "cursor": 0, "size": 10}),
    )
    .await;
    assert_oapi_err(status, &body, 50004);
    let (status, body) = oapi_post(
        &sim,
        "/topapi/v2/user/get",
        &token,
        json!({"userid": ADMIN_USERID}),
    )
    .await;
    assert_oapi_err(status, &body, 50002);

    // Inside the range everything works, sub-departments included.
    let (_, body) = oapi_post(
        &sim,
        "/topapi/v2/user/list",
        &token,
        json!({"dept_id": 466071003, "cursor": 0, "size": 10}),
    )
    .await;
    assert_oapi_ok(&body);
    assert_eq!(body["result"]["list"].as_array().unwrap().len(), 2);
    // user/count ignores the contact range.
    let (_, body) = user_count(&sim, &token).await;
    assert_eq!(body["result"]["count"], 6);
}

#[tokio::test]
async fn auth_scopes_reports_the_contact_range() {
    let sim = start("narrow-visible-range").await;
    let token = app_token(&sim).await;
    let (_, body) = oapi_get(&sim, "/auth/scopes", &token).await;
    assert_oapi_ok(&body);
    assert_eq!(body["auth_org_scopes"]["authed_dept"], json!([466071002]));
    assert_eq!(body["auth_org_scopes"]["authed_user"], json!([]));
    assert!(body["auth_user_field"]
        .as_array()
        .unwrap()
        .contains(&json!("mobile")));
    assert!(body["condition_field"].is_array());

    let healthy = start("healthy").await;
    let token = app_token(&healthy).await;
    let (_, body) = oapi_get(&healthy, "/auth/scopes", &token).await;
    assert_eq!(body["auth_org_scopes"]["authed_dept"], json!([1]));
}

#[tokio::test]
async fn visible_scopes_is_a_plain_60011_for_a_healthy_new_app() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let (status, body) = oapi_post(
        &sim,
        "/microapp/visible_scopes",
        &token,
        json!({"agentId": AGENT_ID}),
    )
    .await;
    assert_plain(status, &body, 60011);
    assert_eq!(
        body["errmsg"],
        permission_text("qyapi_microapp_manage").as_str()
    );
}

#[tokio::test]
async fn visible_scopes_shape_with_microapp_manage() {
    let sim = start("microapp-manage-granted").await;
    let token = app_token(&sim).await;
    let post = |agent: i64| {
        oapi_post(
            &sim,
            "/microapp/visible_scopes",
            &token,
            json!({"agentId": agent}),
        )
    };
    let (_, body) = post(AGENT_ID).await;
    // DOCS 1606's sample: errcode, errmsg and the three fields (no request_id shown).
    assert_eq!(body["errcode"], 0, "{body}");
    assert_eq!(body["errmsg"], "ok");
    assert_eq!(body["isHidden"], false);
    assert_eq!(body["deptVisibleScopes"], json!([1]));
    assert_eq!(body["userVisibleScopes"], json!([]));
    // Any AgentId in the org is answered: it proves nothing about *this* app.
    let (_, body) = post(OTHER_APP_AGENT_ID).await;
    assert_eq!(body["deptVisibleScopes"], json!([466071004]));
    let (status, body) = post(1).await;
    assert_plain(status, &body, 40056);

    let mut narrow = scenario("narrow-visible-range");
    narrow.apps[0].scopes.push("qyapi_microapp_manage".into());
    sim.set_scenario(narrow).unwrap();
    let (_, body) = post(AGENT_ID).await;
    assert_eq!(body["deptVisibleScopes"], json!([466071002]));
}

#[tokio::test]
async fn attendance_groups_and_their_permission() {
    let sim = start("healthy").await;
    let token = app_token(&sim).await;
    let path = "/topapi/attendance/getsimplegroups";
    let (_, body) = oapi_post(&sim, path, &token, json!({"offset": 0, "size": 2})).await;
    assert_oapi_ok(&body);
    assert_eq!(body["result"]["has_more"], true);
    let group = &body["result"]["groups"][0];
    assert_eq!(group["group_name"], "总部固定班制");
    for key in ["group_id", "member_count", "type"] {
        assert!(group.get(key).is_some(), "{key}");
    }

    // The default permission is qyapi_base (DOCS 0179), which even a bare app holds.
    let mut bare = scenario("healthy");
    bare.apps[0].scopes.clear();
    assert_eq!(bare.attendance.required_scope, "qyapi_base");
    sim.set_scenario(bare).unwrap();
    let (_, body) = oapi_post(&sim, path, &token, json!({"offset": 0, "size": 10})).await;
    assert_oapi_ok(&body);

    let mut s = scenario("healthy");
    s.attendance.required_scope = "qyapi_attendance_group_read".into();
    sim.set_scenario(s).unwrap();
    let (status, body) = oapi_post(&sim, path, &token, json!({"offset": 0, "size": 10})).await;
    assert_wrapped_permission(status, &body, "qyapi_attendance_group_read");
}
