//! Request-body extractors for the two families.
//!
//! The old family accepts JSON (as JumpServer and Casdoor send it) or form-urlencoded (as the
//! docs' curl examples do, `docs/dingtalk/endpoints.md`); form values arrive as strings, so the accessors accept `"1"` where
//! a number is expected. The new family accepts only JSON: anything else is the observed
//! `400 … body is mandatory for this action.` (GH alibabacloud-php-sdk#36).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde_json::{Map, Value};

use crate::dingtalk_errors::{ApiError, OapiError};

fn content_type(req: &Request) -> String {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// An old-family body: JSON object or form fields.
#[derive(Debug, Default)]
pub struct OapiBody(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for OapiBody {
    type Rejection = OapiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, OapiError> {
        let form = content_type(&req).contains("x-www-form-urlencoded");
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| OapiError::InvalidParam)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        if form {
            let fields = url::form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect();
            return Ok(Self(fields));
        }
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            _ => Err(OapiError::InvalidParam),
        }
    }
}

impl OapiBody {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    /// A number, or a string holding one.
    pub fn int(&self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A required number: 40035 if absent or malformed.
    pub fn require_int(&self, key: &str) -> Result<i64, OapiError> {
        self.int(key).ok_or(OapiError::InvalidParam)
    }

    /// A string (only a JSON string; numbers are not silently converted).
    pub fn text(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }

    /// A required non-empty string: 40035 otherwise.
    pub fn require_text(&self, key: &str) -> Result<&str, OapiError> {
        self.text(key)
            .filter(|s| !s.trim().is_empty())
            .ok_or(OapiError::InvalidParam)
    }

    /// A boolean, or the string `true`/`false`.
    pub fn boolean(&self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// A JSON object, or (form bodies) a string holding one.
    pub fn object(&self, key: &str) -> Option<Map<String, Value>> {
        match self.get(key)? {
            Value::Object(map) => Some(map.clone()),
            Value::String(s) => match serde_json::from_str(s) {
                Ok(Value::Object(map)) => Some(map),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A new-family JSON body.
#[derive(Debug)]
pub struct ApiBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for ApiBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !content_type(&req).contains("json") {
            return Err(ApiError::missing_body());
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::missing_body())?;
        match serde_json::from_slice(&bytes) {
            Ok(value @ Value::Object(_)) => Ok(Self(value)),
            _ => Err(ApiError::missing_body()),
        }
    }
}

impl ApiBody {
    /// A string field, empty strings counted as absent.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.0.get(key)?.as_str().filter(|s| !s.is_empty())
    }
}
