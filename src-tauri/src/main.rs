// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Before any thread starts (see `init_local_offset`): reports say the admin's local time.
    dingbind_core::store::init_local_offset();
    // Without the WebView2 runtime there is no window to show: say so in the admin's language.
    #[cfg(windows)]
    dingbind_app_lib::webview2::ensure_runtime();
    dingbind_app_lib::run();
}
