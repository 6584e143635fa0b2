//! New-family (`api.dingtalk.com`) errors: HTTP 4xx/5xx with `{"code","message","requestid"}`
//! (PROBE P3/P6; `docs/dingtalk/errors.md`), plus `accessdenieddetail.requiredScopes` on a
//! missing permission (GH casdoor#4469).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{permission_message, whitelist_message};
use crate::reply::new_request_id;

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

    /// 400 `InvalidAuthentication` 不合法的access_token: unknown or expired token (PROBE P6).
    pub fn invalid_authentication() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "InvalidAuthentication",
            "不合法的access_token",
        )
    }

    /// 400 `AuthenticationFailed.MissingParameter` when the `x-acs-dingtalk-access-token` header
    /// is absent (PROBE P7, P10: a token in the query or as `Bearer` is ignored). An empty
    /// header is treated the same; UNCONFIRMED.
    pub fn missing_token_header() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "AuthenticationFailed.MissingParameter",
            "缺少参数：x-acs-dingtalk-access-token",
        )
    }

    /// 400 `invalidClientIdOrSecret` (PROBE P3; SDK-new `GetAccessToken`).
    pub fn invalid_client_id_or_secret() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalidClientIdOrSecret",
            "无效的clientId或者clientSecret",
        )
    }

    /// 400 for a missing or non-JSON body. Observed through an SDK's rendering as
    /// `[Missingbody] code: 400, body is mandatory for this action.` (GH alibabacloud-php-sdk#36);
    /// exact code casing UNCONFIRMED.
    pub fn missing_body() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "Missingbody",
            "body is mandatory for this action.",
        )
    }

    /// 403 `Forbidden.AccessDenied.AccessTokenPermissionDenied`: the message names the scope and
    /// the apply link (public fixtures, `docs/dingtalk/errors.md`) and the body keeps
    /// `accessdenieddetail.requiredScopes` (GH casdoor#4469).
    pub fn permission_denied(scope: &str, client_id: &str) -> Self {
        Self {
            required_scopes: Some(vec![scope.to_owned()]),
            ..Self::new(
                StatusCode::FORBIDDEN,
                "Forbidden.AccessDenied.AccessTokenPermissionDenied",
                permission_message(client_id, scope),
            )
        }
    }

    /// 403 `Forbidden.AccessDenied.IpNotInWhiteList` with the observed message (GH aircode#46).
    pub fn ip_not_whitelisted(ip: &str, client_id: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "Forbidden.AccessDenied.IpNotInWhiteList",
            whitelist_message(ip, client_id),
        )
    }

    /// 403 `Forbidden.AccessDenied.QpsLimitForAppkeyAndApi` (DOCS 0013); text UNCONFIRMED.
    pub fn qps_limit() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi",
            "您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了，禁用时长为1秒",
        )
    }

    /// 400 `invalidParameter.authCode.notFound` 不合法的临时授权码, with the empty requestid seen
    /// in the observed body
    /// (docs/dingtalk/errors.md#fm2-whitelist-failure-disguised-as-a-bad-auth-code).
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

    /// 404 `invalidParameter.user.notFound` 找不到该用户 (DOCS 0054, DOCS 0013).
    pub fn user_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "invalidParameter.user.notFound",
            "找不到该用户",
        )
    }

    /// 400 `todo.taskCreate.paramError` (DOCS 0793). Messages other than the documented
    /// `task exist` / oversize are UNCONFIRMED.
    pub fn todo_param_error(message: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "todo.taskCreate.paramError",
            message,
        )
    }

    /// 400 `invalidParam` `参数错误: <detail>` (the error table of DOCS 0872).
    pub fn invalid_param(detail: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalidParam",
            format!("参数错误: {detail}"),
        )
    }

    /// 500 `unknownError` 未知错误: `POST /v1.0/oauth2/{corpId}/token` with a CorpId that is not
    /// the app's org (PROBE P4).
    pub fn unknown_error() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "unknownError",
            "未知错误",
        )
    }

    /// 500 `systemError` 系统错误 (the error tables of many DOCS API pages): the `server_error`
    /// fault.
    pub fn system_error() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "systemError", "系统错误")
    }

    /// 401 `authFailed` 鉴权失败: the Stream gateway's `connections/open` with a Client ID and
    /// Secret that are not an app's (GH zfanswer/dify-on-dingtalk#28, MAyang38/dify-on-dingding-go#2).
    pub fn stream_auth_failed() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "authFailed", "鉴权失败")
    }

    /// 400 `systemError` 系统错误: the Stream gateway refusing `connections/open` for valid-looking
    /// credentials, with no reason given (GH AstrBotDevs/AstrBot#1628,
    /// chzealot/dingtalk-dify-connector#5; the cause is UNCONFIRMED).
    pub fn stream_system_error() -> Self {
        Self::new(StatusCode::BAD_REQUEST, "systemError", "系统错误")
    }

    /// 403 `Forbidden.Unrecognised`: a code in no catalogue, for the `unknown_error` fault
    /// (deliberately undocumented, so a client's fallback path gets exercised).
    pub fn unrecognised() -> Self {
        Self::new(StatusCode::FORBIDDEN, "Forbidden.Unrecognised", "未知错误")
    }

    /// 404 `InvalidAction.NotFound` for an unknown `/v1.0/…` path (GH CowAgent#2490; the message
    /// is the one in aliyun/alibabacloud-go-sdk#5).
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
