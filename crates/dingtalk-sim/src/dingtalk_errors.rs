//! The error answers the simulated DingTalk gives, in DingTalk's documented JSON.
//!
//! Two families (reference §0, §6): the old `oapi` family answers **HTTP 200** with
//! `{"errcode": n, "errmsg": "…", "request_id": "…"}`; the new `api` family answers **4xx** with
//! `{"code": "…", "message": "…", "requestid": "…"}` plus `accessdenieddetail.requiredScopes` on a
//! missing permission. Codes and texts come from the reference's catalogue or from observed
//! bodies it cites; where we had to choose, the variant says so.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::reply::{new_request_id, old_request_id};

/// The help link DingTalk embeds in permission errors (observed on the new family; §3).
const PERMISSION_HELP: &str =
    "没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission";

/// The observed whitelist message (§6b, failure-modes #1), shared by both families.
pub fn whitelist_message(ip: &str, client_id: &str) -> String {
    format!(
        "访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip={ip} appKey({client_id})"
    )
}

/// An old-family (`oapi`) error. `Display` is DingTalk's `errmsg`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OapiError {
    /// 40089: wrong appkey/appsecret on `gettoken`, wrong SSOsecret on `sso/gettoken` (observed).
    #[error("不合法的corpId或corpSecret")]
    BadCredentials,
    /// 40013: unknown corpid (`sso/gettoken`).
    #[error("不合法的corpid")]
    BadCorpId,
    /// 41001: no `access_token` in the query.
    #[error("缺少access_token参数")]
    MissingToken,
    /// 40014: unknown token.
    #[error("不合法的access_token")]
    InvalidToken,
    /// 42001: token expired (the `token_expiry` fault).
    #[error("access_token超时")]
    TokenExpired,
    /// 40035: missing or malformed parameter.
    #[error("不合法的参数")]
    InvalidParam,
    /// 40056: agent_id is not this app's.
    #[error("不合法的agentid")]
    BadAgentId,
    /// 60011: permission point not granted. The old family does not name the scope (§3).
    #[error("{PERMISSION_HELP}")]
    NoPermission,
    /// 50002: user outside the contact range.
    #[error("企业员工不在授权范围")]
    UserOutOfRange,
    /// 50004: department outside the contact range (observed text).
    #[error("请求的部门id不在授权范围内")]
    DeptOutOfRange,
    /// 60003: no such department.
    #[error("部门不存在")]
    DeptNotFound,
    /// 60121: no such user in this org.
    #[error("找不到该用户")]
    UserNotFound,
    /// 60020: egress IP not whitelisted. Whether the real 60020 text carries the IP is
    /// UNCONFIRMED; we send the observed new-family text, as the brief asks.
    #[error("{}", whitelist_message(ip, client_id))]
    IpNotWhitelisted { ip: String, client_id: String },
    /// 90018: per-app, per-API QPS limit. The text is not in the catalogue (UNCONFIRMED); it
    /// follows the wording of 90002.
    #[error("您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了，禁用时长为1秒")]
    RateLimited,
}

impl OapiError {
    pub fn errcode(&self) -> i64 {
        match self {
            Self::BadCredentials => 40089,
            Self::BadCorpId => 40013,
            Self::MissingToken => 41001,
            Self::InvalidToken => 40014,
            Self::TokenExpired => 42001,
            Self::InvalidParam => 40035,
            Self::BadAgentId => 40056,
            Self::NoPermission => 60011,
            Self::UserOutOfRange => 50002,
            Self::DeptOutOfRange => 50004,
            Self::DeptNotFound => 60003,
            Self::UserNotFound => 60121,
            Self::IpNotWhitelisted { .. } => 60020,
            Self::RateLimited => 90018,
        }
    }
}

impl IntoResponse for OapiError {
    fn into_response(self) -> Response {
        let body = json!({
            "errcode": self.errcode(),
            "errmsg": self.to_string(),
            "request_id": old_request_id(),
        });
        (StatusCode::OK, Json(body)).into_response()
    }
}

/// A new-family (`api`) error: status, `code`, `message`, `requestid`, optional
/// `accessdenieddetail.requiredScopes`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    /// `None` = generate one; `Some("")` reproduces bodies observed with an empty requestid.
    pub requestid: Option<String>,
    pub required_scopes: Option<Vec<String>>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            requestid: None,
            required_scopes: None,
        }
    }

    /// 400 `InvalidAuthentication` 不合法的access_token (observed, satori #240): missing, unknown
    /// or expired token.
    pub fn invalid_authentication() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "InvalidAuthentication",
            "不合法的access_token",
        )
    }

    /// 400 `invalidClientIdOrSecret` (§1b).
    pub fn invalid_client_id_or_secret() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalidClientIdOrSecret",
            "无效的clientId或者clientSecret",
        )
    }

    /// 400 for a missing or non-JSON body. Observed through the Aliyun SDK as
    /// `[Missingbody] code: 400, body is mandatory for this action.` (§1b); exact code casing
    /// UNCONFIRMED.
    pub fn missing_body() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "Missingbody",
            "body is mandatory for this action.",
        )
    }

    /// 403 `Forbidden.AccessDenied.AccessTokenPermissionDenied` naming the missing scope (§3).
    pub fn permission_denied(scope: &str) -> Self {
        Self {
            required_scopes: Some(vec![scope.to_owned()]),
            ..Self::new(
                StatusCode::FORBIDDEN,
                "Forbidden.AccessDenied.AccessTokenPermissionDenied",
                PERMISSION_HELP,
            )
        }
    }

    /// 403 `Forbidden.AccessDenied.IpNotInWhiteList` with the observed message (§6b).
    pub fn ip_not_whitelisted(ip: &str, client_id: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "Forbidden.AccessDenied.IpNotInWhiteList",
            whitelist_message(ip, client_id),
        )
    }

    /// 403 `Forbidden.AccessDenied.QpsLimitForAppkeyAndApi` (§6b, §13); text UNCONFIRMED.
    pub fn qps_limit() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi",
            "您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了，禁用时长为1秒",
        )
    }

    /// 400 `invalidParameter.authCode.notFound` 不合法的临时授权码, with the empty requestid
    /// seen in the observed body (failure-modes #2).
    pub fn auth_code_not_found() -> Self {
        Self {
            requestid: Some(String::new()),
            ..Self::new(
                StatusCode::BAD_REQUEST,
                "invalidParameter.authCode.notFound",
                "不合法的临时授权码",
            )
        }
    }

    /// 404 `invalidParameter.user.notFound` 找不到该用户 (§3, §6b).
    pub fn user_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "invalidParameter.user.notFound",
            "找不到该用户",
        )
    }

    /// 400 `todo.taskCreate.paramError` (§4).
    pub fn todo_param_error(message: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "todo.taskCreate.paramError",
            message,
        )
    }

    /// 404 for an unknown API. Not in the reference: observed from api.dingtalk.com in
    /// aliyun/alibabacloud-go-sdk#5.
    pub fn unknown_api() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
        )
    }

    fn body(&self) -> Value {
        let mut body = json!({
            "code": self.code,
            "message": self.message,
            "requestid": self.requestid.clone().unwrap_or_else(new_request_id),
        });
        if let Some(scopes) = &self.required_scopes {
            body["accessdenieddetail"] = json!({ "requiredScopes": scopes });
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}
