//! What the shell pushes to the UI without being asked. Event names and payload types are declared
//! in `commands/list.rs`; [`emit`] takes the payload, so the name always matches the type.

use dingbind_core::Text;
use serde::Serialize;
use tauri::Emitter;
use ts_rs::TS;

/// A payload type with its one event name (implemented from the `events!` table).
pub trait Event: Serialize + Clone {
    /// The event name the UI listens for.
    const NAME: &'static str;
}

/// Sends `event` to every window; a window that is gone is no error.
pub fn emit<R: tauri::Runtime, E: Event>(app: &tauri::AppHandle<R>, event: E) {
    let _ = app.emit(E::NAME, event);
}

/// After each autosave: which profile was saved and when, or why it could not be.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Saved {
    /// The profile saved, when it was.
    pub id: Option<String>,
    /// When it was saved (RFC 3339).
    pub updated_at: Option<String>,
    /// Why the profile could not be saved, in both languages.
    pub error: Option<Text>,
}
