//! The error answers the simulated DingTalk gives, in production DingTalk's JSON
//! (`docs/dingtalk/errors.md`).
//!
//! Two families. The old `oapi` family answers **HTTP 200** with
//! `{"errcode": n, "errmsg": "…", "request_id": "…"}` ([`OapiError`]); on `/topapi/*` paths its
//! auth gateway wraps token, IP and permission failures in `errcode 88` with the real code in
//! `sub_code`/`sub_msg` (LIVE-88, PROBE P8/P9). The new `api` family answers **4xx/5xx** with
//! `{"code": "…", "message": "…", "requestid": "…"}` ([`ApiError`]), plus
//! `accessdenieddetail.requiredScopes` on a missing permission (GH casdoor#4469).
//!
//! Each variant's doc comment names its source tag; where nothing public settles a choice, it
//! says UNCONFIRMED.

mod api;
mod oapi;

pub use api::ApiError;
pub use oapi::{OapiError, WithoutRequestId};

/// Where the permission apply link in 60011 / `AccessTokenPermissionDenied` messages points
/// (LIVE-88 and its corroborations).
pub const APPLY_URL: &str = "https://open-dev.dingtalk.com/appscope/apply";

/// `https://open-dev.dingtalk.com/appscope/apply?content=<ClientID>%23<scope>` (LIVE-88).
pub fn apply_link(client_id: &str, scope: &str) -> String {
    format!("{APPLY_URL}?content={client_id}%23{scope}")
}

/// The missing-permission text real bodies carry, naming the scope and the one-click apply link:
/// old-family `sub_msg` (LIVE-88), plain 60011 and new-family 403 messages (public fixtures cited
/// in `docs/dingtalk/errors.md`).
pub fn permission_message(client_id: &str, scope: &str) -> String {
    format!(
        "应用尚未开通所需的权限：[{scope}]，点击链接申请并开通即可：{}",
        apply_link(client_id, scope)
    )
}

/// The observed whitelist message (GH aircode#46 for the new family; the 60020 corroborations of
/// LIVE-88 for the old), shared by both families.
pub fn whitelist_message(ip: &str, client_id: &str) -> String {
    format!(
        "访问ip不在白名单之中，请参考FAQ：https://open.dingtalk.com/document/org-faq/app-faq,request ip={ip} appKey({client_id})"
    )
}

/// The whitelist text inside an 88/60020 wrapper, as observed there (LIVE-88 corroboration,
/// golden fixture `topapi_88_60020`): no FAQ link, a half-width comma. DOCS 1447's sample uses
/// the same `访问ip不在白名单之中,request ip=… appKey(…)` form.
pub fn whitelist_message_wrapped(ip: &str, client_id: &str) -> String {
    format!("访问ip不在白名单之中,request ip={ip} appKey({client_id})")
}

/// Whether an old-family path goes through the `topapi` gateway that wraps auth failures in 88.
pub fn is_topapi(api_path: &str) -> bool {
    api_path.starts_with("/topapi/")
}
