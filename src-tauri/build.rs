//! Declares the app's own commands so the capability file can allow exactly them and nothing else.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&COMMANDS)),
    )
    .expect("tauri build script");
}

/// Keep in step with `commands::handler()`; a missing entry makes the command unreachable from the UI.
const COMMANDS: [&str; 41] = [
    "app_info",
    "list_templates",
    "add_template",
    "choose_ca_file",
    "clear_ca_file",
    "list_profiles",
    "create_profile",
    "open_profile",
    "close_profile",
    "update_profile",
    "rename_profile",
    "duplicate_profile",
    "delete_profile",
    "set_secret",
    "reveal_secret",
    "generate_secret",
    "open_link",
    "set_language",
    "flush_profile",
    "practice_status",
    "start_practice",
    "stop_practice",
    "fill_practice_values",
    "run_checks",
    "cancel_checks",
    "explain_error",
    "scan_codes",
    "copy_qr_image",
    "save_qr_png",
    "list_runs",
    "get_run",
    "diff_runs",
    "save_report",
    "open_saved",
    "login_redirect_url",
    "login_start",
    "login_finish",
    "login_cancel",
    "export_handoff",
    "import_file",
    "import_with_passphrase",
];
