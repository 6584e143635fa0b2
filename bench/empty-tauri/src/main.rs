//! The start-up baseline for `make bench`: one window, one page, one command the page calls
//! before it paints its one div, and `mark`, which the page calls once that div has been drawn
//! (the same mark Dingbind's start screen gives, see scripts/bench-start.py).

use std::io::Write;

/// The page's one IPC round trip before it paints.
#[tauri::command]
fn hello() -> String {
    "hello".to_string()
}

/// The page is drawn: say so on stdout, with the page's milestones (ms since it began loading),
/// when the benchmark asks (DINGBIND_READY_MARK), as Dingbind's `ui_ready` does.
#[tauri::command]
fn mark(marks: Vec<(String, f64)>) {
    if std::env::var_os("DINGBIND_READY_MARK").is_some() {
        let marks: Vec<String> = marks.iter().map(|(n, ms)| format!("{n}={ms:.0}")).collect();
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "dingbind-ready {}", marks.join(" "));
        let _ = out.flush();
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![hello, mark])
        .run(tauri::generate_context!())
        .expect("error while running the empty app");
}
