//! The client against the simulator: every endpoint method on its documented success shape, the
//! token cache, and redaction of every recorded exchange. Error families, non-JSON answers,
//! retries and transport failures are in `client_errors.rs`; environment-driven configuration in
//! `config_env.rs`.

mod common;

use common::*;
use dingtalk::api::{AttendanceGroup, Department, ForbiddenEntry};
use dingtalk::{ApiError, Credentials, Trace};
use dingtalk_sim::scenarios::{CLIENT_ID, CLIENT_SECRET, WRONG_CORP_ID_REAL_CORP_ID};

// --- tokens -----------------------------------------------------------------------------------

#[tokio::test]
async fn access_token_is_fetched_from_the_new_family_and_recorded() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let token = dt.access_token(&mut trace).await.unwrap();
    assert_eq!(token.len(), 32, "{token}");
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    assert_eq!(trace.len(), 1);
    let ex = &trace[0];
    assert_eq!(ex.method, "POST");
    assert!(
        ex.url.ends_with("/api/v1.0/oauth2/accessToken"),
        "{}",
        ex.url
    );
    assert_eq!(ex.status, Some(200));
    assert!(
        ex.date.is_some(),
        "the Date header is kept for the clock check"
    );
    assert!(ex.error.is_none());
    let sent = ex.request_body.as_deref().unwrap();
    assert!(
        sent.contains(CLIENT_ID) && sent.contains(r#""appSecret":"***""#),
        "{sent}"
    );
    let got = ex.response_body.as_deref().unwrap();
    assert!(
        got.contains(r#""accessToken":"***""#) && got.contains("7200"),
        "{got}"
    );
    assert_eq!(dt.client_id(), CLIENT_ID);
    sim.shutdown().await;
}

#[tokio::test]
async fn gettoken_old_is_uncached_and_goes_to_the_old_family() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let a = dt.gettoken_old(&mut trace).await.unwrap();
    let b = dt.gettoken_old(&mut trace).await.unwrap();
    assert_eq!(a.len(), 32);
    // DingTalk hands out the same token within its lifetime
    // (docs/dingtalk/endpoints.md#token-lifetime-and-caching); the client still asks twice.
    assert_eq!(a, b);
    assert_eq!(sim.requests_to("/gettoken"), 2);
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 0);
    assert!(
        trace[0].url.contains("/oapi/gettoken?appkey="),
        "{}",
        trace[0].url
    );
    assert!(trace[0].url.contains("appsecret=***"), "{}", trace[0].url);
    sim.shutdown().await;
}

#[tokio::test]
async fn corp_token_with_the_orgs_corp_id() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let token = dt.corp_token(&mut trace, CORP_ID).await.unwrap();
    assert_eq!(token.len(), 32);
    assert_eq!(sim.requests_to(&format!("/v1.0/oauth2/{CORP_ID}/token")), 1);
    let sent = trace[0].request_body.as_deref().unwrap();
    assert!(sent.contains("client_credentials") && sent.contains(r#""client_secret":"***""#));
    sim.shutdown().await;

    // In `wrong-corp-id` the org's real CorpId works and the entered one does not (see errors).
    let sim = start("wrong-corp-id").await;
    let token = client(&sim)
        .corp_token(&mut Trace::new(), WRONG_CORP_ID_REAL_CORP_ID)
        .await
        .unwrap();
    assert_eq!(token.len(), 32);
    sim.shutdown().await;
}

#[tokio::test]
async fn sso_token_with_corp_id_and_sso_secret() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let token = dt.sso_token(&mut trace, CORP_ID, SSO_SECRET).await.unwrap();
    assert_eq!(token.len(), 32);
    assert!(
        trace[0].url.contains("/oapi/sso/gettoken?corpid="),
        "{}",
        trace[0].url
    );
    assert!(trace[0].url.contains("corpsecret=***"), "{}", trace[0].url);
    // The SSO token is org-level: no app token is fetched for it.
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 0);
    sim.shutdown().await;
}

// --- contacts ---------------------------------------------------------------------------------

#[tokio::test]
async fn user_count_counts_everyone() {
    let sim = start("healthy").await;
    let n = client(&sim).user_count(&mut Trace::new()).await.unwrap();
    assert_eq!(n, 6, "only_active=false counts the inactive user too");
    let req = &sim.requests()[1];
    assert_eq!(req.api_path, "/topapi/user/count");
    assert!(req.query.as_deref().unwrap().starts_with("access_token="));
    sim.shutdown().await;
}

#[tokio::test]
async fn department_listsub_returns_direct_children() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let root = dt.department_listsub(&mut trace, 1).await.unwrap();
    let ids: Vec<i64> = root.iter().map(|d| d.dept_id).collect();
    assert_eq!(ids, [466071001, 466071002, 466071004, 466071005]);
    assert!(root.iter().all(|d| d.parent_id == Some(1)));
    assert_eq!(root[1].name, "技术研发中心");
    let sub = dt.department_listsub(&mut trace, 466071002).await.unwrap();
    assert_eq!(
        sub,
        [Department {
            dept_id: 466071003,
            name: "前端组".into(),
            parent_id: Some(466071002),
            member_count: None,
        }]
    );
    assert!(dt
        .department_listsub(&mut trace, 466071003)
        .await
        .unwrap()
        .is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn department_get_reads_details() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let d = dt.department_get(&mut trace, 466071002).await.unwrap();
    assert_eq!(d.dept_id, 466071002);
    assert_eq!(d.name, "技术研发中心");
    assert_eq!(d.parent_id, Some(1));
    assert_eq!(d.member_count, Some(3), "the subtree: 李娜, 张伟, 赵磊");
    let root = dt.department_get(&mut trace, 1).await.unwrap();
    assert_eq!(root.parent_id, None);
    assert_eq!(root.name, "示例科技（杭州）有限公司");
    assert_eq!(root.member_count, Some(6));
    sim.shutdown().await;
}

#[tokio::test]
async fn user_list_pages_with_the_cursor() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let first = dt.user_list(&mut trace, 466071003, 0, 1).await.unwrap();
    assert!(first.has_more);
    assert_eq!(first.next_cursor, Some(1));
    assert_eq!(first.list.len(), 1);
    let u = &first.list[0];
    assert_eq!(u.userid, "015364222531");
    assert_eq!(u.name.as_deref(), Some("张伟"));
    assert_eq!(
        u.unionid.as_deref(),
        Some("vp1Bpk6UHh11Qpg33vVHjLKMlgTVqB7g")
    );
    assert_eq!(u.mobile.as_deref(), Some("13800138003"));
    assert_eq!(u.email.as_deref(), Some("zhangwei@example.com"));
    let second = dt
        .user_list(&mut trace, 466071003, first.next_cursor.unwrap(), 1)
        .await
        .unwrap();
    assert!(!second.has_more);
    assert_eq!(second.next_cursor, None);
    assert_eq!(second.list[0].userid, "2341178820");
    assert_eq!(second.list[0].email, None, "this user has no email");
    let all = dt.user_list(&mut trace, 466071001, 0, 100).await.unwrap();
    assert_eq!(all.list.len(), 1);
    assert!(!all.has_more);
    sim.shutdown().await;
}

#[tokio::test]
async fn user_get_and_userid_by_unionid() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let u = dt.user_get(&mut trace, ADMIN_USERID).await.unwrap();
    assert_eq!(u.userid, ADMIN_USERID);
    assert_eq!(u.unionid.as_deref(), Some(ADMIN_UNIONID));
    assert_eq!(u.name.as_deref(), Some("王建国"));
    assert_eq!(u.mobile.as_deref(), Some("13800138001"));
    assert_eq!(u.email.as_deref(), Some("wangjianguo@example.com"));
    let id = dt
        .userid_by_unionid(&mut trace, ADMIN_UNIONID)
        .await
        .unwrap();
    assert_eq!(id.userid, ADMIN_USERID);
    // contact_type 0: a member (企业内部员工), not an external contact.
    assert_eq!(id.contact_type, Some(0));
    assert!(!id.is_external_contact());
    sim.shutdown().await;
}

#[tokio::test]
async fn userid_by_unionid_tells_an_external_contact() {
    let sim = start("external-contact-login").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let found = dt
        .userid_by_unionid(&mut trace, "Zm8Qw2ExtC0ntactUn10n77")
        .await
        .unwrap();
    // contact_type 1: 企业外部联系人, with a userid of its own, but not a member.
    assert_eq!(found.userid, "ext_zhoumin_01");
    assert_eq!(found.contact_type, Some(1));
    assert!(found.is_external_contact());
    sim.shutdown().await;
}

#[tokio::test]
async fn user_fields_follow_the_field_permissions() {
    let mut s = scenario("healthy");
    s.apps[0]
        .scopes
        .retain(|x| x != "Contact.User.mobile" && x != "fieldEmail");
    let sim = start_with(s).await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let u = dt.user_get(&mut trace, ADMIN_USERID).await.unwrap();
    assert_eq!((u.mobile, u.email), (None, None));
    let scopes = dt.auth_scopes(&mut trace).await.unwrap();
    assert!(!scopes
        .user_fields
        .iter()
        .any(|f| f == "mobile" || f == "email"));
    sim.shutdown().await;
}

// --- ranges -----------------------------------------------------------------------------------

#[tokio::test]
async fn auth_scopes_reads_fields_and_contact_range() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let scopes = dt.auth_scopes(&mut Trace::new()).await.unwrap();
    for f in ["userid", "unionid", "name", "mobile", "email"] {
        assert!(scopes.user_fields.iter().any(|x| x == f), "{f}: {scopes:?}");
    }
    assert_eq!(scopes.authed_dept, [1]);
    assert!(scopes.authed_user.is_empty());
    assert_eq!(sim.requests()[1].method, "GET");
    sim.shutdown().await;

    let mut s = scenario("narrow-visible-range");
    s.apps[0].contact_range.userids = vec![ADMIN_USERID.into()];
    let sim = start_with(s).await;
    let scopes = client(&sim).auth_scopes(&mut Trace::new()).await.unwrap();
    assert_eq!(scopes.authed_dept, [466071002]);
    assert_eq!(scopes.authed_user, [ADMIN_USERID]);
    sim.shutdown().await;
}

#[tokio::test]
async fn app_scopes_reads_the_visible_range_with_roles() {
    let sim = start("role-visible-range").await;
    let v = client(&sim)
        .app_scopes(&mut Trace::new(), AGENT_ID)
        .await
        .unwrap();
    assert!(!v.only_admin_visible);
    assert!(!v.dept_ids.is_empty() && !v.role_ids.is_empty(), "{v:?}");
    assert_eq!(sim.requests()[1].method, "GET");
    sim.shutdown().await;

    // A healthy new app does not hold qyapi_microapp_manage: DingTalk names it.
    let sim = start("healthy").await;
    let e = client(&sim)
        .app_scopes(&mut Trace::new(), AGENT_ID)
        .await
        .unwrap_err();
    assert_eq!(e.required_scopes(), ["qyapi_microapp_manage".to_string()]);
    sim.shutdown().await;
}

#[tokio::test]
async fn app_detail_names_the_apps_own_agent_id() {
    let sim = start("healthy").await;
    let d = client(&sim).app_detail(&mut Trace::new()).await.unwrap();
    assert_eq!(d.agent_id, Some(AGENT_ID));
    assert!(d.name.is_some());
    sim.shutdown().await;
}

// --- work notifications -----------------------------------------------------------------------

#[tokio::test]
async fn send_text_then_send_result_read_unread_invalid() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let task = dt
        .send_text(
            &mut trace,
            AGENT_ID,
            &[ADMIN_USERID, "0167291043", "nobody-here"],
            "绑定测试 1",
        )
        .await
        .unwrap();
    assert!(task > 0);
    let sent = exchanges_to(&trace, "asyncsend_v2")[0]
        .request_body
        .clone()
        .unwrap();
    assert!(
        sent.contains(r#""userid_list":"manager4220,0167291043,nobody-here""#),
        "userid_list is a comma-separated string: {sent}"
    );
    let r = dt.send_result(&mut trace, AGENT_ID, task).await.unwrap();
    assert_eq!(r.read_user_id_list, [ADMIN_USERID]);
    assert_eq!(r.unread_user_id_list, ["0167291043"]);
    assert_eq!(r.invalid_user_id_list, ["nobody-here"]);
    assert!(r.forbidden_user_id_list.is_empty());
    assert!(r.failed_user_id_list.is_empty());
    assert!(r.forbidden_list.is_empty());

    // The identical message again is dropped as a duplicate: forbidden_list code 143106.
    let again = dt
        .send_text(&mut trace, AGENT_ID, &[ADMIN_USERID], "绑定测试 1")
        .await
        .unwrap();
    assert_ne!(again, task);
    let r = dt.send_result(&mut trace, AGENT_ID, again).await.unwrap();
    assert!(r.read_user_id_list.is_empty());
    assert_eq!(
        r.forbidden_list,
        [ForbiddenEntry {
            code: "143106".into(),
            userid: Some(ADMIN_USERID.into()),
        }]
    );
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn send_result_lists_users_outside_the_visible_range_as_failed() {
    let sim = start("narrow-visible-range").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let task = dt
        .send_text(
            &mut trace,
            AGENT_ID,
            &[ADMIN_USERID, "2246663532780303"],
            "hi",
        )
        .await
        .unwrap();
    let r = dt.send_result(&mut trace, AGENT_ID, task).await.unwrap();
    assert_eq!(r.failed_user_id_list, [ADMIN_USERID]);
    assert!(
        r.forbidden_user_id_list.is_empty(),
        "forbidden means throttled"
    );
    assert_eq!(r.read_user_id_list, ["2246663532780303"]);
    sim.shutdown().await;
}

// --- attendance and todo ----------------------------------------------------------------------

#[tokio::test]
async fn attendance_groups_lists_groups() {
    let sim = start("healthy").await;
    let groups = client(&sim)
        .attendance_groups(&mut Trace::new())
        .await
        .unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(
        groups[0],
        AttendanceGroup {
            group_id: 551001,
            group_name: "总部固定班制".into(),
            member_count: Some(4),
        }
    );
    assert_eq!(groups[2].group_name, "市场外勤");
    sim.shutdown().await;
}

#[tokio::test]
async fn the_empty_todo_is_refused_without_creating_a_todo() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let e = dt
        .todo_create_empty(&mut trace, ADMIN_UNIONID)
        .await
        .unwrap_err();
    assert!(e.code().is_some_and(|c| c.starts_with("todo.")), "{e:?}");
    let probe = exchanges_to(&trace, "/tasks")[0];
    assert_eq!(
        probe.status,
        Some(400),
        "the probe is answered with a parameter error"
    );
    assert!(probe.url.contains(&format!(
        "/v1.0/todo/users/{ADMIN_UNIONID}/tasks?operatorId={ADMIN_UNIONID}"
    )));
    let listed = dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap();
    assert_eq!(listed["todoCards"], serde_json::json!([]), "{listed}");
    assert_eq!(sim.requests_to("/org/tasks/query"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn todo_query_returns_the_documented_body() {
    let sim = start("healthy").await;
    let v = client(&sim)
        .todo_query(&mut Trace::new(), ADMIN_UNIONID)
        .await
        .unwrap();
    assert!(v["todoCards"].is_array(), "{v}");
    let req = sim
        .requests()
        .into_iter()
        .find(|r| r.api_path.ends_with("/org/tasks/query"))
        .unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.api_path,
        format!("/v1.0/todo/users/{ADMIN_UNIONID}/org/tasks/query")
    );
    sim.shutdown().await;
}

// --- web login --------------------------------------------------------------------------------

#[tokio::test]
async fn login_code_for_user_token_then_contact_me() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let code = login_code(&sim, "openid").await;
    let user = dt.user_access_token(&mut trace, &code).await.unwrap();
    assert_eq!(user.access_token.len(), 32);
    assert_eq!(user.corp_id, None, "scope=openid asks for no corpId");
    let me = dt.contact_me(&mut trace, &user.access_token).await.unwrap();
    assert_eq!(me.nick, "王建国");
    assert_eq!(me.union_id, ADMIN_UNIONID);
    assert!(me.open_id.is_some());
    assert_eq!(me.mobile.as_deref(), Some("13800138001"));
    assert_eq!(me.email.as_deref(), Some("wangjianguo@example.com"));
    // The login's user lookup (docs/dingtalk/login.md#user-lookup): the unionId maps to the
    // admin's userid.
    let userid = dt
        .userid_by_unionid(&mut trace, &me.union_id)
        .await
        .unwrap()
        .userid;
    assert_eq!(userid, ADMIN_USERID);
    // The user token is not the app token: no app token was needed until getbyunionid.
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn login_with_corpid_scope_returns_the_corp_id() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let code = login_code(&sim, "openid corpid").await;
    let user = dt
        .user_access_token(&mut Trace::new(), &code)
        .await
        .unwrap();
    assert_eq!(user.corp_id.as_deref(), Some(CORP_ID));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_login_code_is_single_use() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let code = login_code(&sim, "openid").await;
    dt.user_access_token(&mut trace, &code).await.unwrap();
    let e = dt.user_access_token(&mut trace, &code).await.unwrap_err();
    assert!(
        matches!(&e, ApiError::New { http_status: 400, code, .. } if code == "invalidParameter.authCode.notFound"),
        "{e:?}"
    );
    assert_no_secrets(&trace, &[&code, CLIENT_SECRET]);
    sim.shutdown().await;
}

// --- token cache ------------------------------------------------------------------------------

#[tokio::test]
async fn one_token_request_serves_many_calls() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let first = dt.access_token(&mut trace).await.unwrap();
    dt.user_count(&mut trace).await.unwrap();
    dt.department_listsub(&mut trace, 1).await.unwrap();
    dt.department_get(&mut trace, 1).await.unwrap();
    dt.user_list(&mut trace, 1, 0, 10).await.unwrap();
    dt.user_get(&mut trace, ADMIN_USERID).await.unwrap();
    dt.auth_scopes(&mut trace).await.unwrap();
    dt.app_detail(&mut trace).await.unwrap();
    dt.attendance_groups(&mut trace).await.unwrap();
    dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap();
    dt.todo_create_empty(&mut trace, ADMIN_UNIONID)
        .await
        .unwrap_err();
    assert_eq!(dt.access_token(&mut trace).await.unwrap(), first);
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    assert_eq!(exchanges_to(&trace, "/oauth2/accessToken").len(), 1);
    // Every call carried the cached token, old family in the query.
    let with_token = sim
        .requests()
        .iter()
        .filter(|r| r.query.as_deref() == Some(&format!("access_token={first}")))
        .count();
    assert_eq!(with_token, 7, "the seven old-family calls");
    sim.shutdown().await;
}

#[tokio::test]
async fn concurrent_first_calls_share_one_token_request() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let (mut t1, mut t2, mut t3, mut t4, mut t5) = Default::default();
    let (a, b, c, d, e) = tokio::join!(
        dt.user_count(&mut t1),
        dt.department_listsub(&mut t2, 1),
        dt.auth_scopes(&mut t3),
        dt.attendance_groups(&mut t4),
        dt.todo_query(&mut t5, ADMIN_UNIONID),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    d.unwrap();
    e.unwrap();
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn separate_clients_have_separate_caches() {
    let sim = start("healthy").await;
    client(&sim).user_count(&mut Trace::new()).await.unwrap();
    client(&sim).user_count(&mut Trace::new()).await.unwrap();
    assert_eq!(sim.requests_to("/v1.0/oauth2/accessToken"), 2);
    sim.shutdown().await;
}

// --- redaction --------------------------------------------------------------------------------

#[tokio::test]
async fn no_exchange_of_a_full_run_holds_a_secret() {
    let sim = start("healthy").await;
    let dt = client(&sim);
    let mut trace = Trace::new();
    let app_token = dt.access_token(&mut trace).await.unwrap();
    let old_token = dt.gettoken_old(&mut trace).await.unwrap();
    let corp_token = dt.corp_token(&mut trace, CORP_ID).await.unwrap();
    let sso_token = dt.sso_token(&mut trace, CORP_ID, SSO_SECRET).await.unwrap();
    dt.user_count(&mut trace).await.unwrap();
    dt.department_listsub(&mut trace, 1).await.unwrap();
    dt.department_get(&mut trace, 466071002).await.unwrap();
    dt.user_list(&mut trace, 1, 0, 10).await.unwrap();
    dt.user_get(&mut trace, ADMIN_USERID).await.unwrap();
    dt.auth_scopes(&mut trace).await.unwrap();
    dt.app_detail(&mut trace).await.unwrap();
    let task = dt
        .send_text(&mut trace, AGENT_ID, &[ADMIN_USERID], "redaction")
        .await
        .unwrap();
    dt.send_result(&mut trace, AGENT_ID, task).await.unwrap();
    dt.attendance_groups(&mut trace).await.unwrap();
    dt.todo_create_empty(&mut trace, ADMIN_UNIONID)
        .await
        .unwrap_err();
    dt.todo_query(&mut trace, ADMIN_UNIONID).await.unwrap();
    let code = login_code(&sim, "openid corpid").await;
    let user = dt.user_access_token(&mut trace, &code).await.unwrap();
    dt.contact_me(&mut trace, &user.access_token).await.unwrap();
    dt.userid_by_unionid(&mut trace, ADMIN_UNIONID)
        .await
        .unwrap();
    // And an error answer or two.
    dt.user_get(&mut trace, "nobody").await.unwrap_err();
    let bad_sso = dt
        .sso_token(&mut trace, CORP_ID, "wrong")
        .await
        .unwrap_err();
    assert_eq!(bad_sso.code().as_deref(), Some("40089"));

    assert_eq!(trace.len(), 21, "one exchange per request: {trace:#?}");
    assert_no_secrets(
        &trace,
        &[
            CLIENT_SECRET,
            SSO_SECRET,
            &app_token,
            &old_token,
            &corp_token,
            &sso_token,
            &code,
            &user.access_token,
        ],
    );
    // Redacted, not dropped: the shape stays readable.
    let user_token_ex = exchanges_to(&trace, "userAccessToken")[0];
    let sent = user_token_ex.request_body.as_deref().unwrap();
    assert!(sent.contains(r#""code":"***""#) && sent.contains(r#""clientSecret":"***""#));
    let got = user_token_ex.response_body.as_deref().unwrap();
    assert!(got.contains(r#""accessToken":"***""#), "{got}");
    assert!(got.contains(r#""refreshToken":"***""#), "{got}");
    assert!(got.contains(CORP_ID), "non-secret fields stay: {got}");
    let count_ex = exchanges_to(&trace, "/topapi/user/count")[0];
    assert!(
        count_ex
            .url
            .ends_with("/topapi/user/count?access_token=***"),
        "{}",
        count_ex.url
    );
    let old = exchanges_to(&trace, "/oapi/gettoken")[0];
    assert!(old
        .response_body
        .as_deref()
        .unwrap()
        .contains(r#""access_token":"***""#));
    let corp = exchanges_to(&trace, "/token")
        .into_iter()
        .find(|e| e.url.contains(CORP_ID))
        .unwrap();
    assert!(corp
        .response_body
        .as_deref()
        .unwrap()
        .contains(r#""access_token":"***""#));
    // Error codes in responses are not mistaken for login codes.
    let nobody = trace
        .iter()
        .find(|e| {
            e.response_body
                .as_deref()
                .is_some_and(|b| b.contains("60121"))
        })
        .expect("the 60121 answer is recorded");
    assert!(nobody.error.as_deref().unwrap().contains("60121"));
    sim.shutdown().await;
}

#[test]
fn credentials_debug_hides_the_secret() {
    let c = Credentials {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
    };
    for shown in [format!("{c:?}"), format!("{c:#?}")] {
        assert!(shown.contains(CLIENT_ID), "{shown}");
        assert!(!shown.contains(CLIENT_SECRET), "{shown}");
        assert!(shown.contains("***"), "{shown}");
    }
}
