//! Errors as they cross IPC: `{ code, message, detail? }`, with a small code the UI switches on.

use dingbind_core::store::StoreError;
use dingbind_core::workspace::WorkspaceError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "IpcErrorCode")]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    Storage,
    NotAllowed,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub detail: Option<String>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            detail: None,
        }
    }
}

impl From<WorkspaceError> for IpcError {
    fn from(e: WorkspaceError) -> Self {
        let code = match &e {
            WorkspaceError::Store(StoreError::NotFound(_))
            | WorkspaceError::UnknownTemplate(_)
            | WorkspaceError::NoOpenProfile => ErrorCode::NotFound,
            WorkspaceError::Store(StoreError::Invalid(_))
            | WorkspaceError::NotSecret(_)
            | WorkspaceError::Handoff(_)
            | WorkspaceError::Certificate(_) => ErrorCode::InvalidInput,
            WorkspaceError::Store(_) => ErrorCode::Storage,
            WorkspaceError::NotAllowed(_) => ErrorCode::NotAllowed,
        };
        let detail = match &e {
            WorkspaceError::Store(StoreError::Io { source, .. }) => {
                Some(format!("{:?}", source.kind()))
            }
            _ => None,
        };
        Self {
            code,
            message: e.to_string(),
            detail,
        }
    }
}
