//! The endpoints Dingbind uses, typed. Paths, bodies, response fields and permissions are those of
//! docs/dingtalk/endpoints.md, with their public sources there; old-family calls carry the token in
//! `?access_token=`, new-family calls in `x-acs-dingtalk-access-token`.

use crate::client::{unexpected, Base, DingTalk};
use crate::error::ApiError;
use crate::trace::Trace;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub dept_id: i64,
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub member_count: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub userid: String,
    #[serde(default)]
    pub unionid: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    #[serde(default)]
    pub has_more: bool,
    #[serde(default)]
    pub next_cursor: Option<i64>,
    #[serde(default)]
    pub list: Vec<User>,
}

/// `GET /auth/scopes` (docs/dingtalk/endpoints.md#contact-range-and-whitelist-probe): what the
/// token may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthScopes {
    pub user_fields: Vec<String>,
    pub authed_dept: Vec<i64>,
    pub authed_user: Vec<String>,
}

/// `GET /v1.0/microApp/apps/{agentId}/scopes` (`qyapi_microapp_manage`): who may use the app.
/// Replaces the deprecated `POST /microapp/visible_scopes`, whose permission new apps can no
/// longer obtain; unlike it, role-based ranges are visible (`roleIds`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppScopes {
    #[serde(rename = "userIds", default)]
    pub userids: Vec<String>,
    #[serde(rename = "deptIds", default)]
    pub dept_ids: Vec<i64>,
    #[serde(rename = "roleIds", default)]
    pub role_ids: Vec<i64>,
    #[serde(rename = "onlyAdminVisible", default)]
    pub only_admin_visible: bool,
}

/// `GET /v1.0/microApp/app/detail`: the calling app itself, identified by its token alone. Its
/// AgentId proves (or disproves) the AgentId the admin entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppDetail {
    #[serde(rename = "agentId", default)]
    pub agent_id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(rename = "homepageLink", default)]
    pub homepage_link: Option<String>,
    #[serde(rename = "pcHomepageLink", default)]
    pub pc_homepage_link: Option<String>,
    #[serde(rename = "ompLink", default)]
    pub omp_link: Option<String>,
}

/// `getsendresult` (docs/dingtalk/endpoints.md#work-notification-result).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResult {
    #[serde(default)]
    pub invalid_user_id_list: Vec<String>,
    #[serde(default)]
    pub forbidden_user_id_list: Vec<String>,
    #[serde(default)]
    pub failed_user_id_list: Vec<String>,
    #[serde(default)]
    pub read_user_id_list: Vec<String>,
    #[serde(default)]
    pub unread_user_id_list: Vec<String>,
    #[serde(default)]
    pub forbidden_list: Vec<ForbiddenEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForbiddenEntry {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub userid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceGroup {
    pub group_id: i64,
    #[serde(default)]
    pub group_name: String,
    #[serde(default)]
    pub member_count: Option<i64>,
}

/// `userAccessToken` (docs/dingtalk/login.md#code-exchange).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserToken {
    pub access_token: String,
    pub corp_id: Option<String>,
}

/// `topapi/user/getbyunionid` (docs/dingtalk/endpoints.md#user-by-unionid): who a unionId is in
/// this org. DingTalk's docs (docs/dingtalk/login.md#user-lookup) define `result.contact_type` as
/// 0 企业内部员工 (a member) and 1 企业外部联系人 (an external contact of the org, who also has a
/// userid here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionIdUser {
    pub userid: String,
    /// `result.contact_type`; `None` when the answer leaves it out (older answers: a member).
    pub contact_type: Option<i64>,
}

impl UnionIdUser {
    /// `contact_type` 1: an external contact of the org, not a member.
    pub fn is_external_contact(&self) -> bool {
        self.contact_type == Some(1)
    }
}

/// `/v1.0/contact/users/me` (docs/dingtalk/endpoints.md#current-user-profile,
/// docs/dingtalk/login.md#profile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    #[serde(default)]
    pub nick: String,
    #[serde(rename = "unionId", default)]
    pub union_id: String,
    #[serde(rename = "openId", default)]
    pub open_id: Option<String>,
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

pub(crate) fn field<T: serde::de::DeserializeOwned>(
    v: &Value,
    pointer: &str,
) -> Result<T, ApiError> {
    v.pointer(pointer)
        .cloned()
        .and_then(|x| serde_json::from_value(x).ok())
        .ok_or_else(|| unexpected(v, pointer))
}

impl DingTalk {
    pub(crate) fn oapi(&self, path: &str, token: &str) -> String {
        format!(
            "{}?access_token={}",
            self.url(Base::Oapi, path),
            urlencode(token)
        )
    }

    pub(crate) async fn old_post(
        &self,
        trace: &mut Trace,
        path: &str,
        body: Value,
    ) -> Result<Value, ApiError> {
        self.call(trace, |t| self.http().post(self.oapi(path, t)).json(&body))
            .await
    }

    /// Old `gettoken` (docs/dingtalk/endpoints.md#old-gettoken), uncached: proves the credentials
    /// against the old family too.
    pub async fn gettoken_old(&self, trace: &mut Trace) -> Result<String, ApiError> {
        let url = self.url(Base::Oapi, "/gettoken");
        let q = [
            ("appkey", self.creds.client_id.as_str()),
            ("appsecret", self.creds.client_secret.as_str()),
        ];
        let v = self.send(trace, || self.http().get(&url).query(&q)).await?;
        field(&v, "/access_token")
    }

    /// `POST /v1.0/oauth2/{corpId}/token` (docs/dingtalk/endpoints.md#unified-token-with-corpid):
    /// the only token call that takes the CorpId, so it proves the CorpId belongs with these
    /// credentials.
    pub async fn corp_token(&self, trace: &mut Trace, corp_id: &str) -> Result<String, ApiError> {
        let url = self.url(
            Base::Api,
            &format!("/v1.0/oauth2/{}/token", urlencode(corp_id)),
        );
        let body = json!({"client_id": self.creds.client_id, "client_secret": self.creds.client_secret, "grant_type": "client_credentials"});
        let v = self
            .send(trace, || self.http().post(&url).json(&body))
            .await?;
        field(&v, "/access_token")
    }

    /// `topapi/user/count` (docs/dingtalk/endpoints.md#staff-count, `qyapi_get_member`).
    pub async fn user_count(&self, trace: &mut Trace) -> Result<i64, ApiError> {
        let v = self
            .old_post(trace, "/topapi/user/count", json!({"only_active": false}))
            .await?;
        field(&v, "/result/count")
    }

    /// `topapi/v2/department/listsub` (docs/dingtalk/endpoints.md#department-list,
    /// `qyapi_get_department_list`): direct children.
    pub async fn department_listsub(
        &self,
        trace: &mut Trace,
        dept_id: i64,
    ) -> Result<Vec<Department>, ApiError> {
        let v = self
            .old_post(
                trace,
                "/topapi/v2/department/listsub",
                json!({"dept_id": dept_id, "language": "zh_CN"}),
            )
            .await?;
        field(&v, "/result")
    }

    /// `topapi/v2/department/get` (docs/dingtalk/endpoints.md#department-details).
    pub async fn department_get(
        &self,
        trace: &mut Trace,
        dept_id: i64,
    ) -> Result<Department, ApiError> {
        let v = self
            .old_post(
                trace,
                "/topapi/v2/department/get",
                json!({"dept_id": dept_id, "language": "zh_CN"}),
            )
            .await?;
        field(&v, "/result")
    }

    /// `topapi/v2/user/list` (docs/dingtalk/endpoints.md#department-members,
    /// `qyapi_get_department_member`).
    pub async fn user_list(
        &self,
        trace: &mut Trace,
        dept_id: i64,
        cursor: i64,
        size: i64,
    ) -> Result<UserPage, ApiError> {
        let v = self.user_list_answer(trace, dept_id, cursor, size).await?;
        field(&v, "/result")
    }

    /// One page of `topapi/v2/user/list` as DingTalk sent it (read as [`UserPage`] by the checks,
    /// as members by the sync walk).
    pub(crate) async fn user_list_answer(
        &self,
        trace: &mut Trace,
        dept_id: i64,
        cursor: i64,
        size: i64,
    ) -> Result<Value, ApiError> {
        self.old_post(
            trace,
            "/topapi/v2/user/list",
            json!({"dept_id": dept_id, "cursor": cursor, "size": size}),
        )
        .await
    }

    /// `topapi/v2/user/get` (docs/dingtalk/endpoints.md#user-details, `qyapi_get_member`).
    pub async fn user_get(&self, trace: &mut Trace, userid: &str) -> Result<User, ApiError> {
        let v = self.user_get_answer(trace, userid).await?;
        field(&v, "/result")
    }

    /// `topapi/v2/user/get` as DingTalk sent it (read as [`User`] by the checks, as a member by the
    /// sync walk).
    pub(crate) async fn user_get_answer(
        &self,
        trace: &mut Trace,
        userid: &str,
    ) -> Result<Value, ApiError> {
        self.old_post(
            trace,
            "/topapi/v2/user/get",
            json!({"userid": userid, "language": "zh_CN"}),
        )
        .await
    }

    /// `topapi/user/getbyunionid` (docs/dingtalk/endpoints.md#user-by-unionid): 60121 when the
    /// person is not in this org. An answer is not yet membership: `result.contact_type` 1 is an
    /// external contact of the org (see [`UnionIdUser`]).
    pub async fn userid_by_unionid(
        &self,
        trace: &mut Trace,
        unionid: &str,
    ) -> Result<UnionIdUser, ApiError> {
        let v = self
            .old_post(
                trace,
                "/topapi/user/getbyunionid",
                json!({"unionid": unionid}),
            )
            .await?;
        // A number in DingTalk's docs; a numeric string is read the same way.
        let contact_type = v
            .pointer("/result/contact_type")
            .and_then(|t| t.as_i64().or_else(|| t.as_str()?.trim().parse().ok()));
        Ok(UnionIdUser {
            userid: field(&v, "/result/userid")?,
            contact_type,
        })
    }

    /// `GET /auth/scopes` (docs/dingtalk/endpoints.md#contact-range-and-whitelist-probe).
    pub async fn auth_scopes(&self, trace: &mut Trace) -> Result<AuthScopes, ApiError> {
        let v = self
            .call(trace, |t| self.http().get(self.oapi("/auth/scopes", t)))
            .await?;
        Ok(AuthScopes {
            user_fields: v
                .get("auth_user_field")
                .cloned()
                .and_then(|x| serde_json::from_value(x).ok())
                .unwrap_or_default(),
            authed_dept: field(&v, "/auth_org_scopes/authed_dept").unwrap_or_default(),
            authed_user: field(&v, "/auth_org_scopes/authed_user").unwrap_or_default(),
        })
    }

    /// `GET /v1.0/microApp/apps/{agentId}/scopes` (`qyapi_microapp_manage`).
    pub async fn app_scopes(
        &self,
        trace: &mut Trace,
        agent_id: i64,
    ) -> Result<AppScopes, ApiError> {
        let url = self.url(Base::Api, &format!("/v1.0/microApp/apps/{agent_id}/scopes"));
        let v = self
            .call(trace, |t| self.http().get(&url).header(TOKEN_HEADER, t))
            .await?;
        field(&v, "/result")
    }

    /// `GET /v1.0/microApp/app/detail`: the app the token belongs to.
    pub async fn app_detail(&self, trace: &mut Trace) -> Result<AppDetail, ApiError> {
        let url = self.url(Base::Api, "/v1.0/microApp/app/detail");
        let v = self
            .call(trace, |t| self.http().get(&url).header(TOKEN_HEADER, t))
            .await?;
        serde_json::from_value(v.clone()).map_err(|_| unexpected(&v, "agentId"))
    }

    /// `asyncsend_v2` (docs/dingtalk/endpoints.md#work-notification-send): a text work
    /// notification; returns the task id.
    pub async fn send_text(
        &self,
        trace: &mut Trace,
        agent_id: i64,
        userids: &[&str],
        text: &str,
    ) -> Result<i64, ApiError> {
        let body = json!({
            "agent_id": agent_id,
            "userid_list": userids.join(","),
            "msg": {"msgtype": "text", "text": {"content": text}},
        });
        let v = self
            .old_post(trace, "/topapi/message/corpconversation/asyncsend_v2", body)
            .await?;
        field(&v, "/task_id")
    }

    /// `getsendresult` (docs/dingtalk/endpoints.md#work-notification-result).
    pub async fn send_result(
        &self,
        trace: &mut Trace,
        agent_id: i64,
        task_id: i64,
    ) -> Result<SendResult, ApiError> {
        let v = self
            .old_post(
                trace,
                "/topapi/message/corpconversation/getsendresult",
                json!({"agent_id": agent_id, "task_id": task_id}),
            )
            .await?;
        field(&v, "/send_result")
    }

    /// Old `sso/gettoken` (docs/dingtalk/endpoints.md#sso-token-old): proves the SSOsecret
    /// (org-level) with the CorpId.
    pub async fn sso_token(
        &self,
        trace: &mut Trace,
        corp_id: &str,
        sso_secret: &str,
    ) -> Result<String, ApiError> {
        let url = self.url(Base::Oapi, "/sso/gettoken");
        let q = [("corpid", corp_id), ("corpsecret", sso_secret)];
        let v = self.send(trace, || self.http().get(&url).query(&q)).await?;
        field(&v, "/access_token")
    }

    /// `topapi/attendance/getsimplegroups`: the attendance groups (seed 004).
    pub async fn attendance_groups(
        &self,
        trace: &mut Trace,
    ) -> Result<Vec<AttendanceGroup>, ApiError> {
        let v = self
            .old_post(
                trace,
                "/topapi/attendance/getsimplegroups",
                json!({"offset": 0, "size": 10}),
            )
            .await?;
        field(&v, "/result/groups")
    }

    /// `POST /v1.0/todo/users/{unionId}/tasks` with an empty body (no `subject`, which DingTalk
    /// requires), so no todo can be created. What the answer proves is the caller's to judge:
    /// which DingTalk checks first, the permission or the body, is not documented.
    pub async fn todo_create_empty(
        &self,
        trace: &mut Trace,
        union_id: &str,
    ) -> Result<Value, ApiError> {
        let url = self.url(
            Base::Api,
            &format!(
                "/v1.0/todo/users/{0}/tasks?operatorId={0}",
                urlencode(union_id)
            ),
        );
        self.call(trace, |t| {
            self.http()
                .post(&url)
                .header(TOKEN_HEADER, t)
                .json(&json!({}))
        })
        .await
    }

    /// `org/tasks/query` (docs/dingtalk/endpoints.md#todo-list-permission-probe,
    /// `Todo.Todo.Read`).
    pub async fn todo_query(&self, trace: &mut Trace, union_id: &str) -> Result<Value, ApiError> {
        let url = self.url(
            Base::Api,
            &format!("/v1.0/todo/users/{}/org/tasks/query", urlencode(union_id)),
        );
        let body = json!({"nextToken": "0", "isDone": false});
        self.call(trace, |t| {
            self.http().post(&url).header(TOKEN_HEADER, t).json(&body)
        })
        .await
    }

    /// `userAccessToken` (docs/dingtalk/login.md#code-exchange): a login code for the user's
    /// token.
    pub async fn user_access_token(
        &self,
        trace: &mut Trace,
        code: &str,
    ) -> Result<UserToken, ApiError> {
        let url = self.url(Base::Api, "/v1.0/oauth2/userAccessToken");
        let body = json!({"clientId": self.creds.client_id, "clientSecret": self.creds.client_secret, "code": code, "grantType": "authorization_code"});
        let v = self
            .send(trace, || self.http().post(&url).json(&body))
            .await?;
        Ok(UserToken {
            access_token: field(&v, "/accessToken")?,
            corp_id: field(&v, "/corpId").ok(),
        })
    }

    /// `POST /v1.0/gateway/connections/open` (docs/dingtalk/endpoints.md#stream-gateway): the
    /// first step of a Stream (WebSocket) client, sent exactly as the official SDKs send it
    /// (open-dingtalk/dingtalk-stream-sdk-python `stream.py` `open_connection`,
    /// dingtalk-stream-sdk-go `client/client.go` `GetConnectionEndpoint`): JSON with
    /// `Content-Type` and `Accept: application/json`, body `clientId`, `clientSecret`,
    /// `subscriptions`, `ua`, `localIp`. Valid credentials get an endpoint and a ticket; a bad
    /// pair gets 401 `authFailed`. Only this request is made: no socket is opened, so the
    /// platform's own Stream connection is never touched.
    pub async fn stream_open(&self, trace: &mut Trace) -> Result<StreamEndpoint, ApiError> {
        let url = self.url(Base::Api, "/v1.0/gateway/connections/open");
        let local_ip = local_ip_toward(&url).await;
        let body = json!({
            "clientId": self.creds.client_id,
            "clientSecret": self.creds.client_secret,
            "subscriptions": [{"type": "EVENT", "topic": STREAM_EVENT_SUBSCRIPTION}],
            "ua": concat!("dingbind/", env!("CARGO_PKG_VERSION")),
            "localIp": local_ip,
        });
        let v = self
            .send(trace, || {
                self.http()
                    .post(&url)
                    .header(reqwest::header::ACCEPT, "application/json")
                    .json(&body)
            })
            .await?;
        serde_json::from_value(v.clone()).map_err(|_| unexpected(&v, "endpoint"))
    }

    /// `/v1.0/contact/users/me` with a user token (docs/dingtalk/login.md#profile).
    pub async fn contact_me(&self, trace: &mut Trace, user_token: &str) -> Result<Me, ApiError> {
        let url = self.url(Base::Api, "/v1.0/contact/users/me");
        let v = self
            .send(trace, || {
                self.http().get(&url).header(TOKEN_HEADER, user_token)
            })
            .await?;
        serde_json::from_value(v.clone()).map_err(|_| unexpected(&v, "unionId"))
    }
}

/// What the Stream gateway hands a client for valid credentials
/// (docs/dingtalk/endpoints.md#stream-gateway): where to open the WebSocket and the one-time
/// ticket for it. Dingbind never connects with them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct StreamEndpoint {
    #[serde(default)]
    pub endpoint: String,
    #[serde(default)]
    pub ticket: String,
}

impl StreamEndpoint {
    /// A `wss://` (or `ws://`) URL with a host, and a ticket: what the official SDKs go on to
    /// connect with (the Go SDK's `ConnectionEndpointResponse.Valid` requires both non-empty).
    pub fn is_well_formed(&self) -> bool {
        let url_ok = url::Url::parse(&self.endpoint)
            .is_ok_and(|u| matches!(u.scheme(), "wss" | "ws") && u.host_str().is_some());
        url_ok && !self.ticket.trim().is_empty()
    }
}

/// The subscription an event-consuming Stream client sends: every event topic, as the Python
/// SDK does when an event handler is registered (`{"type":"EVENT","topic":"*"}`).
pub const STREAM_EVENT_SUBSCRIPTION: &str = "*";

/// This machine's address on the route to `url`'s host, as the SDKs report it in `localIp` (the
/// Python SDK connects a UDP socket and reads its local address; the Go SDK takes the first LAN
/// address, and sends an empty string when it finds none, as this does). A UDP `connect` sends
/// no packet.
async fn local_ip_toward(url: &str) -> String {
    let Some((host, port)) = url::Url::parse(url)
        .ok()
        .and_then(|u| Some((u.host_str()?.to_string(), u.port_or_known_default()?)))
    else {
        return String::new();
    };
    let found = async {
        let addr = tokio::net::lookup_host((host.as_str(), port))
            .await
            .ok()?
            .next()?;
        let any = if addr.is_ipv4() {
            "0.0.0.0:0"
        } else {
            "[::]:0"
        };
        let socket = tokio::net::UdpSocket::bind(any).await.ok()?;
        socket.connect(addr).await.ok()?;
        Some(socket.local_addr().ok()?.ip().to_string())
    };
    tokio::time::timeout(std::time::Duration::from_secs(2), found)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
