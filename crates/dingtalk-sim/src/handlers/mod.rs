//! The endpoint handlers, one file per DingTalk product area. Each handler validates token,
//! permission point and range in that order, then answers in its family's documented JSON.

pub mod apps;
pub mod attendance;
pub mod departments;
pub mod login;
pub mod messages;
pub mod ranges;
pub mod stream;
pub mod todo;
pub mod token;
pub mod users;
