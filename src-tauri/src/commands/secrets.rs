//! The profile's secrets: kept in the OS keychain (or for this session only), never in its file.

use super::Res;
use dingbind_core::field::Field;
use dingbind_core::workspace::{ProfileView, Workspace};
use tauri::{AppHandle, Manager, Runtime};

/// Stores a secret of the open profile (cleaned of paste debris) in the keychain.
pub fn set_secret<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    field: Field,
    value: String,
) -> Res<ProfileView> {
    Ok(app
        .state::<Workspace>()
        .set_secret(&profile_id, field, &value)?)
}

/// A stored secret in clear, when the admin asks to see or copy it.
pub fn reveal_secret<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    field: Field,
) -> Res<Option<String>> {
    Ok(app.state::<Workspace>().reveal_secret(&profile_id, field)?)
}

/// Makes up an event-subscription token or aes_key (DingTalk lets the admin choose them).
pub fn generate_secret<R: Runtime>(
    app: &AppHandle<R>,
    profile_id: String,
    field: Field,
) -> Res<ProfileView> {
    Ok(app
        .state::<Workspace>()
        .generate_secret(&profile_id, field)?)
}
