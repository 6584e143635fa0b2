//! The Stream (WebSocket) gateway's first step, `POST /v1.0/gateway/connections/open`
//! (`docs/dingtalk/endpoints.md#stream-gateway`), as the official SDKs call it
//! (open-dingtalk/dingtalk-stream-sdk-python `stream.py`, dingtalk-stream-sdk-go
//! `client/client.go`): a JSON body `{clientId, clientSecret, subscriptions, ua, localIp}`.
//!
//! Answers: 200 `{"endpoint":"wss://wss-open-connection.dingtalk.com:443/connect","ticket":"…"}`
//! for an app's credentials (GH zhayujie/CowAgent#1685 logs exactly these two keys); 401
//! `authFailed` 鉴权失败 for any other pair, a missing one included (GH
//! zfanswer/dify-on-dingtalk#28); 400 `systemError` 系统错误 when the scenario's app has
//! `stream_gateway = "system_error"` (GH AstrBotDevs/AstrBot#1628, cause UNCONFIRMED).
//!
//! The simulator has no WebSocket: the endpoint it hands out is DingTalk's real one, and nothing
//! here accepts a connection. Whether the real gateway checks the 服务器出口IP whitelist is
//! UNCONFIRMED, so it is not checked. A ticket is random per call.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::body::ApiBody;
use crate::dingtalk_errors::ApiError;
use crate::reply::random_hex;
use crate::scenario::StreamGateway;
use crate::state::Shared;

/// DingTalk's gateway endpoint, as the SDK logs show it.
pub const ENDPOINT: &str = "wss://wss-open-connection.dingtalk.com:443/connect";

/// `POST /v1.0/gateway/connections/open`.
pub async fn connections_open(
    State(state): State<Shared>,
    body: ApiBody,
) -> Result<Json<Value>, ApiError> {
    let scenario = state.scenario();
    let app = body
        .text("clientId")
        .zip(body.text("clientSecret"))
        .and_then(|(id, secret)| scenario.app_by_credentials(id, secret))
        .ok_or_else(ApiError::stream_auth_failed)?;
    match app.stream_gateway {
        StreamGateway::SystemError => Err(ApiError::stream_system_error()),
        StreamGateway::Ok => {
            let h = random_hex(32);
            let ticket = format!(
                "{}-{}-{}-{}-{}",
                &h[..8],
                &h[8..12],
                &h[12..16],
                &h[16..20],
                &h[20..]
            );
            Ok(Json(json!({"endpoint": ENDPOINT, "ticket": ticket})))
        }
    }
}
