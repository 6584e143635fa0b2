//! Success answers and the small random identifiers DingTalk puts in them.
//!
//! Old-family successes are `{"errcode":0,"errmsg":"ok",…,"request_id":"…"}` (HTTP 200); new-family
//! successes are the documented body alone. Identifiers imitate the documented look: old
//! `request_id` is short lowercase base36 (`4jzllmte0wau`), new `requestid` an upper-case UUID
//! (`3579DCC5-B528-782E-A633-2F11646E46B2`), tokens and codes 32 hex characters.

use axum::response::{IntoResponse, Response};
use axum::Json;
use rand::distributions::{Alphanumeric, DistString};
use rand::Rng;
use serde_json::{Map, Value};

/// An old-family success: the given fields plus `errcode: 0`, `errmsg: "ok"`, `request_id`.
pub struct OapiOk(pub Map<String, Value>);

impl OapiOk {
    /// Build from a `json!({...})` object; non-objects are wrapped as `result`.
    pub fn new(fields: Value) -> Self {
        match fields {
            Value::Object(map) => Self(map),
            other => Self(Map::from_iter([("result".to_owned(), other)])),
        }
    }

    /// `{"errcode":0,"errmsg":"ok","result":…}`.
    pub fn result(result: Value) -> Self {
        Self(Map::from_iter([("result".to_owned(), result)]))
    }
}

impl IntoResponse for OapiOk {
    fn into_response(self) -> Response {
        let mut body = Map::new();
        body.insert("errcode".into(), 0.into());
        body.insert("errmsg".into(), "ok".into());
        body.extend(self.0);
        body.insert("request_id".into(), old_request_id().into());
        Json(Value::Object(body)).into_response()
    }
}

/// Old-family `request_id`, e.g. `4jzllmte0wau`.
pub fn old_request_id() -> String {
    const BASE36: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| BASE36[rng.gen_range(0..BASE36.len())] as char)
        .collect()
}

/// New-family `requestid`, e.g. `3579DCC5-B528-782E-A633-2F11646E46B2`.
pub fn new_request_id() -> String {
    let hex = random_hex(32).to_uppercase();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Lowercase hex of the given length: access tokens, auth codes.
pub fn random_hex(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| char::from_digit(rng.gen_range(0..16), 16).unwrap_or('0'))
        .collect()
}

/// Letters and digits: todo ids, refresh tokens.
pub fn random_alnum(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), len)
}
