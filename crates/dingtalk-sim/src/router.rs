//! The route table: which documented path, under which host prefix, reaches which handler.
//!
//! Old-family paths live under [`OAPI_PREFIX`], new-family paths under [`API_PREFIX`], the login
//! page under [`LOGIN_PREFIX`]. Unknown paths answer the way each host's gateway does (see
//! [`crate::gateway`]: errcode 22 on the old host, `InvalidAction.NotFound` or errcode 404 on the
//! new one, an HTML 404 elsewhere).

use axum::middleware;
use axum::routing::{get, post};
use axum::Router;

use crate::gateway::{gateway, not_found_api, not_found_oapi, not_found_page};
use crate::handlers::{
    apps, attendance, departments, login, messages, ranges, stream, todo, token, users,
};
use crate::requests::{API_PREFIX, LOGIN_PREFIX, OAPI_PREFIX};
use crate::state::Shared;

/// `https://oapi.dingtalk.com` paths.
fn oapi() -> Router<Shared> {
    const SEND: &str = "/topapi/message/corpconversation";
    Router::new()
        .route("/gettoken", get(token::gettoken))
        .route("/sso/gettoken", get(token::sso_gettoken))
        .route("/topapi/user/count", post(users::count))
        .route("/topapi/user/listid", post(users::listid))
        .route("/topapi/v2/user/list", post(users::list))
        .route("/topapi/v2/user/get", post(users::get))
        .route("/topapi/user/getbyunionid", post(users::getbyunionid))
        .route("/topapi/v2/department/listsub", post(departments::listsub))
        .route(
            "/topapi/v2/department/listsubid",
            post(departments::listsubid),
        )
        .route("/topapi/v2/department/get", post(departments::get))
        .route("/auth/scopes", get(ranges::auth_scopes))
        .route("/microapp/visible_scopes", post(ranges::visible_scopes))
        .route(
            &format!("{SEND}/asyncsend_v2"),
            post(messages::asyncsend_v2),
        )
        .route(
            &format!("{SEND}/getsendresult"),
            post(messages::getsendresult),
        )
        .route(
            "/topapi/attendance/getsimplegroups",
            post(attendance::getsimplegroups),
        )
        .fallback(not_found_oapi)
}

/// `https://api.dingtalk.com` paths.
fn api() -> Router<Shared> {
    Router::new()
        .route("/v1.0/oauth2/accessToken", post(token::access_token))
        .route("/v1.0/oauth2/{corp_id}/token", post(token::corp_token))
        .route("/v1.0/oauth2/ssoAccessToken", post(token::sso_access_token))
        .route(
            "/v1.0/oauth2/userAccessToken",
            post(login::user_access_token),
        )
        .route("/v1.0/contact/users/{union_id}", get(login::users_me))
        .route("/v1.0/todo/users/{union_id}/tasks", post(todo::create))
        .route(
            "/v1.0/todo/users/{union_id}/org/tasks/query",
            post(todo::query),
        )
        .route("/v1.0/microApp/apps/{agent_id}/scopes", get(apps::scopes))
        .route("/v1.0/microApp/app/detail", get(apps::detail))
        .route(
            "/v1.0/gateway/connections/open",
            post(stream::connections_open),
        )
        .fallback(not_found_api)
}

/// `https://login.dingtalk.com` paths.
fn login_host() -> Router<Shared> {
    Router::new()
        .route("/oauth2/auth", get(login::authorize))
        .fallback(not_found_page)
}

/// The whole simulated DingTalk, wrapped in the gateway middleware.
pub fn router(state: Shared) -> Router {
    Router::new()
        .nest(OAPI_PREFIX, oapi())
        .nest(API_PREFIX, api())
        .nest(LOGIN_PREFIX, login_host())
        .fallback(not_found_page)
        .layer(middleware::from_fn_with_state(state.clone(), gateway))
        .with_state(state)
}
