//! Old-family (`oapi.dingtalk.com`) errors: HTTP 200, `errcode`/`errmsg`/`request_id`
//! (`docs/dingtalk/errors.md`; PROBE P1/P8/P14).
//!
//! On `/topapi/*` the auth gateway wraps token, IP, permission and throttling failures (LIVE-88,
//! PROBE P8/P9, the 88/90002 golden fixture):
//!
//! ```json
//! {"errcode":88,"errmsg":"ding talk error[subcode=60011,submsg=应用尚未开通所需的权限：[qyapi_get_member]，点击链接申请并开通即可：https://open-dev.dingtalk.com/appscope/apply?content=<ClientID>%23qyapi_get_member, {requiredScopes=[qyapi_get_member]}]",
//!  "sub_code":"60011","sub_msg":"应用尚未开通所需的权限：[qyapi_get_member]，点击链接…","request_id":"…"}
//! ```
//!
//! `sub_code` is a JSON string. Other old paths (`/gettoken`, `/sso/gettoken`, `/auth/scopes`,
//! `/microapp/visible_scopes`) answer the same failures as plain errcodes; so do business errors
//! (60121, 50004, 40035, …) on every path. [`OapiError::on_path`] decides.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{is_topapi, permission_message, whitelist_message, whitelist_message_wrapped};
use crate::reply::old_request_id;

/// An old-family error. `Display` is DingTalk's `errmsg`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OapiError {
    /// 40096: wrong appkey/appsecret on `gettoken` (PROBE P1; not in the DOCS catalogue).
    #[error("不合法的appKey或appSecret")]
    BadAppCredentials,
    /// 40035 when `gettoken` gets no `appkey` at all (PROBE P2).
    #[error("缺少参数 corpid or appkey")]
    MissingAppKey,
    /// 40089: wrong SSOsecret on `sso/gettoken`. The DOCS 0013 catalogue text is about the
    /// corpid/corpsecret pair, which is what `sso/gettoken` takes; the pick is UNCONFIRMED.
    #[error("不合法的corpId或corpSecret")]
    BadCorpSecret,
    /// 40013: unknown corpid (`sso/gettoken`; DOCS 0013). UNCONFIRMED for this endpoint.
    #[error("不合法的corpid")]
    BadCorpId,
    /// 41001: no `access_token` on a non-topapi path (DOCS 0013). On topapi this becomes
    /// 88/40000 (PROBE P9). UNCONFIRMED off topapi.
    #[error("缺少access_token参数")]
    MissingToken,
    /// 40000 `access_token is blank`: the `sub_code`/`sub_msg` for a missing or empty token on
    /// topapi (PROBE P9).
    #[error("access_token is blank")]
    BlankToken,
    /// 40014: unknown token (DOCS 0013; wrapped in 88 on topapi, PROBE P8).
    #[error("不合法的access_token")]
    InvalidToken,
    /// 42001: token expired (the `token_expiry` fault; DOCS 0013). Wrapping it in 88 on topapi
    /// follows the other token failures; UNCONFIRMED.
    #[error("access_token超时")]
    TokenExpired,
    /// 40035: missing or malformed parameter (DOCS 0013).
    #[error("不合法的参数")]
    InvalidParam,
    /// 40056: agent_id is not this app's (DOCS 0013).
    #[error("不合法的agentid")]
    BadAgentId,
    /// 60011: permission point not granted; the text names the scope and the apply link
    /// (LIVE-88). A plain 60011 worded `应用未开通此接口权限：[scope]` has also been seen off
    /// topapi; which wording a plain 60011 carries today is UNCONFIRMED.
    #[error("{}", permission_message(client_id, scope))]
    NoPermission { scope: String, client_id: String },
    /// 50002: user outside the contact range (DOCS 0013).
    #[error("企业员工不在授权范围")]
    UserOutOfRange,
    /// 50004: department outside the contact range (observed text, `docs/dingtalk/errors.md`).
    #[error("请求的部门id不在授权范围内")]
    DeptOutOfRange,
    /// 60003: no such department (DOCS 0013).
    #[error("部门不存在")]
    DeptNotFound,
    /// 60121: no such user in this org (DOCS 0064; plain, never wrapped).
    #[error("找不到该用户")]
    UserNotFound,
    /// 60020: egress IP not whitelisted, with the observed `request ip=… appKey(…)` text: plain
    /// on non-topapi paths with the FAQ link (golden fixture `oapi_60020_plain`), 88-wrapped on
    /// topapi in the shorter form of [`whitelist_message_wrapped`] (LIVE-88 corroboration).
    #[error("{}", whitelist_message(ip, client_id))]
    IpNotWhitelisted { ip: String, client_id: String },
    /// 90018: per-app, per-API QPS limit (DOCS 1433). Text UNCONFIRMED; it follows 90002's. On
    /// topapi it is 88-wrapped, as the observed 88/90002 is (golden fixture `topapi_88_90002`);
    /// wrapping 90018 itself is UNCONFIRMED.
    #[error("您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了，禁用时长为1秒")]
    RateLimited,
    /// -1 系统繁忙 (DOCS 0013): the `server_error` fault.
    #[error("系统繁忙")]
    SystemBusy,
    /// An undocumented code (the `unknown_error` fault): 8888888 is deliberately in no catalogue.
    #[error("未知错误")]
    Unrecognised,
    /// 22 for an unknown old-family path, verbatim from PROBE P14 (`/topapi/v2/user/notexist`):
    /// `errmsg` `Invalid method[submsg=不合法ApiName，ApiName = dingtalk.oapi.v2.user.notexist]`
    /// plus the same text in `sub_msg`, no `sub_code`.
    #[error("Invalid method[submsg={}]", invalid_method_submsg(path))]
    InvalidMethod { path: String },
    /// 88 鉴权异常 wrapping an auth-gateway failure (DOCS 0013 "关注返回结果里的subCode和subMsg";
    /// LIVE-88; PROBE P8/P9): `errmsg` is `ding talk error[subcode=N,submsg=…]`.
    #[error("{}", gateway_errmsg(_0))]
    AuthGateway(Box<OapiError>),
}

/// `ding talk error[subcode=60011,submsg=<sub_msg>, {requiredScopes=[<scope>]}]` (LIVE-88). Only
/// the permission failure carries the `{requiredScopes=…}` tail.
fn gateway_errmsg(inner: &OapiError) -> String {
    let tail = match inner {
        OapiError::NoPermission { scope, .. } => format!(", {{requiredScopes=[{scope}]}}"),
        _ => String::new(),
    };
    format!(
        "ding talk error[subcode={},submsg={}{tail}]",
        inner.errcode(),
        inner.sub_msg()
    )
}

/// `不合法ApiName，ApiName = dingtalk.oapi.v2.user.notexist` (PROBE P14).
fn invalid_method_submsg(path: &str) -> String {
    format!("不合法ApiName，ApiName = {}", api_name(path))
}

/// `/topapi/v2/user/notexist` → `dingtalk.oapi.v2.user.notexist` (PROBE P14). Off topapi the
/// same rule is applied; UNCONFIRMED.
fn api_name(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    let rest = trimmed.strip_prefix("topapi/").unwrap_or(trimmed);
    format!(
        "dingtalk.oapi.{}",
        rest.trim_end_matches('/').replace('/', ".")
    )
}

impl OapiError {
    /// 60011 for this app and scope.
    pub fn no_permission(scope: &str, client_id: &str) -> Self {
        Self::NoPermission {
            scope: scope.to_owned(),
            client_id: client_id.to_owned(),
        }
    }

    /// The error as the gateway in front of `api_path` words it: gateway failures on `/topapi/*`
    /// (token, IP, permission, QPS limit, the injected unknown code) are wrapped in 88, and a
    /// missing token becomes 88/40000 (PROBE P9); business errors, and every failure on other
    /// paths, stay plain.
    pub fn on_path(self, api_path: &str) -> Self {
        if !is_topapi(api_path) {
            return self;
        }
        match self {
            Self::MissingToken | Self::BlankToken => Self::AuthGateway(Box::new(Self::BlankToken)),
            e @ (Self::InvalidToken
            | Self::TokenExpired
            | Self::NoPermission { .. }
            | Self::IpNotWhitelisted { .. }
            | Self::RateLimited
            | Self::Unrecognised) => Self::AuthGateway(Box::new(e)),
            other => other,
        }
    }

    /// The text as `sub_msg` of an 88 wrapper carries it.
    fn sub_msg(&self) -> String {
        match self {
            Self::IpNotWhitelisted { ip, client_id } => whitelist_message_wrapped(ip, client_id),
            other => other.to_string(),
        }
    }

    pub fn errcode(&self) -> i64 {
        match self {
            Self::BadAppCredentials => 40096,
            Self::MissingAppKey | Self::InvalidParam => 40035,
            Self::BadCorpSecret => 40089,
            Self::BadCorpId => 40013,
            Self::MissingToken => 41001,
            Self::BlankToken => 40000,
            Self::InvalidToken => 40014,
            Self::TokenExpired => 42001,
            Self::BadAgentId => 40056,
            Self::NoPermission { .. } => 60011,
            Self::UserOutOfRange => 50002,
            Self::DeptOutOfRange => 50004,
            Self::DeptNotFound => 60003,
            Self::UserNotFound => 60121,
            Self::IpNotWhitelisted { .. } => 60020,
            Self::RateLimited => 90018,
            Self::SystemBusy => -1,
            Self::Unrecognised => 8_888_888,
            Self::InvalidMethod { .. } => 22,
            Self::AuthGateway(_) => 88,
        }
    }
}

impl OapiError {
    fn body(&self, request_id: bool) -> Value {
        let mut body = json!({ "errcode": self.errcode(), "errmsg": self.to_string() });
        match self {
            Self::AuthGateway(inner) => {
                body["sub_code"] = inner.errcode().to_string().into();
                body["sub_msg"] = inner.sub_msg().into();
            }
            Self::InvalidMethod { path } => {
                body["sub_msg"] = invalid_method_submsg(path).into();
            }
            _ => {}
        }
        if request_id {
            body["request_id"] = old_request_id().into();
        }
        body
    }
}

impl IntoResponse for OapiError {
    fn into_response(self) -> Response {
        (StatusCode::OK, Json(self.body(true))).into_response()
    }
}

/// An old-family error answered without `request_id`, as `gettoken` answers its errors (the PROBE
/// P1 and P2 bodies carry none, while P8, P9 and P14 do).
#[derive(Debug)]
pub struct WithoutRequestId(pub OapiError);

impl From<OapiError> for WithoutRequestId {
    fn from(e: OapiError) -> Self {
        Self(e)
    }
}

impl IntoResponse for WithoutRequestId {
    fn into_response(self) -> Response {
        (StatusCode::OK, Json(self.0.body(false))).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_follow_the_probe() {
        assert_eq!(
            api_name("/topapi/v2/user/notexist"),
            "dingtalk.oapi.v2.user.notexist"
        );
        assert_eq!(api_name("/foo/bar"), "dingtalk.oapi.foo.bar");
    }

    #[test]
    fn wrapping_happens_only_on_topapi() {
        let e = OapiError::InvalidToken;
        assert_eq!(e.clone().on_path("/auth/scopes"), OapiError::InvalidToken);
        assert_eq!(e.on_path("/topapi/user/count").errcode(), 88);
        assert_eq!(
            OapiError::UserNotFound
                .on_path("/topapi/v2/user/get")
                .errcode(),
            60121
        );
        assert_eq!(
            OapiError::MissingToken.on_path("/topapi/x").to_string(),
            "ding talk error[subcode=40000,submsg=access_token is blank]"
        );
    }
}
