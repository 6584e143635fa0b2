//! The admin's saved bindings: list, create, open, edit (autosaved), rename, copy, delete.

use super::Res;
use dingbind_core::profile::Profile;
use dingbind_core::store::ProfileSummary;
use dingbind_core::workspace::{ProfileView, Workspace};
use tauri::{AppHandle, Manager, Runtime};

/// Every saved binding (a file that cannot be read is listed with why).
pub fn list_profiles<R: Runtime>(app: &AppHandle<R>) -> Res<Vec<ProfileSummary>> {
    Ok(app.state::<Workspace>().list()?)
}

/// Creates a binding from a template and opens it.
pub fn create_profile<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    template_id: String,
) -> Res<ProfileView> {
    Ok(app.state::<Workspace>().create(&name, &template_id)?)
}

/// Opens a saved binding (its edits are autosaved from now on).
pub fn open_profile<R: Runtime>(app: &AppHandle<R>, id: String) -> Res<ProfileView> {
    Ok(app.state::<Workspace>().open_profile(&id)?)
}

/// Closes the open binding after writing its pending edits.
pub fn close_profile<R: Runtime>(app: &AppHandle<R>) -> Res<()> {
    Ok(app.state::<Workspace>().close()?)
}

/// Takes the UI's edit of the open profile and returns the new verdicts; saving follows shortly.
pub fn update_profile<R: Runtime>(app: &AppHandle<R>, profile: Profile) -> Res<ProfileView> {
    Ok(app.state::<Workspace>().update(profile)?)
}

/// Writes pending edits now (before the window closes or the list is shown).
pub fn flush_profile<R: Runtime>(app: &AppHandle<R>) -> Res<()> {
    app.state::<Workspace>().flush();
    Ok(())
}

/// Renames a binding.
pub fn rename_profile<R: Runtime>(
    app: &AppHandle<R>,
    id: String,
    name: String,
) -> Res<ProfileSummary> {
    Ok(app.state::<Workspace>().rename(&id, &name)?)
}

/// Copies a binding under a new name, secrets included (in the keychain).
pub fn duplicate_profile<R: Runtime>(
    app: &AppHandle<R>,
    id: String,
    name: String,
) -> Res<ProfileSummary> {
    Ok(app.state::<Workspace>().duplicate(&id, &name)?)
}

/// Deletes a binding, its secrets and its history.
pub fn delete_profile<R: Runtime>(app: &AppHandle<R>, id: String) -> Res<()> {
    Ok(app.state::<Workspace>().delete(&id)?)
}
