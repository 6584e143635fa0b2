//! Errors of the simulator itself: loading a scenario and starting the server.
//!
//! These are *not* DingTalk errors. What the simulated DingTalk answers (errcode 60011,
//! `Forbidden.AccessDenied.IpNotInWhiteList`, …) lives in [`crate::dingtalk_errors`]; this enum
//! is what a test or the desktop app sees when the simulator cannot do its job.

use std::path::PathBuf;

/// Why a scenario could not be loaded or the simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The scenario file could not be read.
    #[error("cannot read scenario file {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The scenario text is not valid TOML or does not match the scenario schema.
    #[error("scenario is not valid TOML for the simulator: {0}")]
    Parse(#[from] toml::de::Error),
    /// The scenario parsed but is inconsistent (unknown department, no root, duplicate app, …).
    #[error("scenario is inconsistent: {0}")]
    Invalid(String),
    /// Neither a readable file nor the name of a built-in scenario.
    #[error("no scenario file or built-in scenario named {name:?} (built-ins: {known})")]
    UnknownScenario { name: String, known: String },
    /// The listening socket could not be opened.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
}

/// Result alias for the simulator's own operations.
pub type Result<T, E = SimError> = std::result::Result<T, E>;
