//! The IPC commands: each takes the workspace from app state and calls one core method.

use crate::error::{ErrorCode, IpcError};
use dingbind_core::field::Field;
use dingbind_core::i18n::Lang;
use dingbind_core::profile::Profile;
use dingbind_core::store::ProfileSummary;
use dingbind_core::template::Template;
use dingbind_core::workspace::{
    AppInfo, ProfileView, TemplateAdded, Workspace, MAX_TEMPLATE_BYTES,
};
use std::io::Read;
use tauri::State;

type Ws<'a> = State<'a, Workspace>;
type Res<T> = Result<T, IpcError>;

pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app_info,
        list_templates,
        add_template,
        choose_ca_file,
        clear_ca_file,
        list_profiles,
        create_profile,
        open_profile,
        close_profile,
        update_profile,
        flush_profile,
        rename_profile,
        duplicate_profile,
        delete_profile,
        set_secret,
        reveal_secret,
        generate_secret,
        open_link,
        set_language,
        crate::live::practice_status,
        crate::live::start_practice,
        crate::live::stop_practice,
        crate::live::fill_practice_values,
        crate::live::run_checks,
        crate::live::cancel_checks,
        crate::live::explain_error,
        crate::outputs::scan_codes,
        crate::outputs::copy_qr_image,
        crate::outputs::save_qr_png,
        crate::outputs::list_runs,
        crate::outputs::get_run,
        crate::outputs::diff_runs,
        crate::outputs::save_report,
        crate::files::open_saved,
        crate::login_cmd::login_redirect_url,
        crate::login_cmd::login_start,
        crate::login_cmd::login_finish,
        crate::login_cmd::login_cancel,
        crate::handoff_cmd::export_handoff,
        crate::handoff_cmd::import_file,
        crate::handoff_cmd::import_with_passphrase,
    ]
}

#[tauri::command]
pub fn app_info(ws: Ws) -> AppInfo {
    ws.info()
}

#[tauri::command]
pub fn list_templates(ws: Ws) -> Vec<Template> {
    ws.templates()
}

/// Asks for a template file (`.toml`) and adds it (checked, stored, offered); `None` when the
/// admin cancels the dialog.
#[tauri::command]
pub async fn add_template<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    ws: State<'_, Workspace>,
) -> Res<Option<TemplateAdded>> {
    let Some(path) = crate::files::pick_open_path(&app, ("TOML", &["toml"])).await? else {
        return Ok(None);
    };
    // One byte past the limit is enough for the core to refuse a file that is no template.
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|f| std::io::Read::take(f, MAX_TEMPLATE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| IpcError::new(ErrorCode::Storage, format!("{}: {e}", path.display())))?;
    Ok(Some(ws.add_template(&path.display().to_string(), &bytes)?))
}

/// Asks for the corporate root certificate (PEM) and trusts it for the live checks and the login
/// test; `None` when the admin cancels the dialog. A file without a certificate is refused.
#[tauri::command]
pub async fn choose_ca_file<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    ws: State<'_, Workspace>,
) -> Res<Option<AppInfo>> {
    let filter = ("PEM", &["pem", "crt", "cer"][..]);
    let Some(path) = crate::files::pick_open_path(&app, filter).await? else {
        return Ok(None);
    };
    Ok(Some(ws.set_ca_file(Some(&path))?))
}

/// Trusts the system store only again.
#[tauri::command]
pub fn clear_ca_file(ws: Ws) -> Res<AppInfo> {
    Ok(ws.set_ca_file(None)?)
}

#[tauri::command]
pub fn list_profiles(ws: Ws) -> Res<Vec<ProfileSummary>> {
    Ok(ws.list()?)
}

#[tauri::command]
pub fn create_profile(ws: Ws, name: String, template_id: String) -> Res<ProfileView> {
    Ok(ws.create(&name, &template_id)?)
}

#[tauri::command]
pub fn open_profile(ws: Ws, id: String) -> Res<ProfileView> {
    Ok(ws.open_profile(&id)?)
}

#[tauri::command]
pub fn close_profile(ws: Ws) -> Res<()> {
    Ok(ws.close()?)
}

#[tauri::command]
pub fn update_profile(ws: Ws, profile: Profile) -> Res<ProfileView> {
    Ok(ws.update(profile)?)
}

#[tauri::command]
pub fn flush_profile(ws: Ws) {
    ws.flush();
}

#[tauri::command]
pub fn rename_profile(ws: Ws, id: String, name: String) -> Res<ProfileSummary> {
    Ok(ws.rename(&id, &name)?)
}

#[tauri::command]
pub fn duplicate_profile(ws: Ws, id: String, name: String) -> Res<ProfileSummary> {
    Ok(ws.duplicate(&id, &name)?)
}

#[tauri::command]
pub fn delete_profile(ws: Ws, id: String) -> Res<()> {
    Ok(ws.delete(&id)?)
}

#[tauri::command]
pub fn set_secret(ws: Ws, profile_id: String, field: Field, value: String) -> Res<ProfileView> {
    Ok(ws.set_secret(&profile_id, field, &value)?)
}

#[tauri::command]
pub fn generate_secret(ws: Ws, profile_id: String, field: Field) -> Res<ProfileView> {
    Ok(ws.generate_secret(&profile_id, field)?)
}

#[tauri::command]
pub fn reveal_secret(ws: Ws, profile_id: String, field: Field) -> Res<Option<String>> {
    Ok(ws.reveal_secret(&profile_id, field)?)
}

/// Opens an allow-listed console page (or the platform's own domain) in the default browser.
#[tauri::command]
pub fn open_link(ws: Ws, url: String) -> Res<String> {
    let target = ws.link_target(&url)?;
    open::that_detached(&target).map_err(|e| IpcError {
        detail: Some(e.to_string()),
        ..IpcError::new(ErrorCode::Internal, "could not start a browser")
    })?;
    Ok(target)
}

#[tauri::command]
pub fn set_language(ws: Ws, language: Lang) -> Res<()> {
    Ok(ws.set_language(language)?)
}
