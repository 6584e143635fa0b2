//! The IPC commands. `list.rs` declares each one once (name, arguments, what it returns); the
//! macros below turn that table into the Tauri adapters, the handler and the typed TypeScript
//! client, so the Rust function, the permission, the capability and the UI's call cannot drift
//! apart. Each `<module>.rs` holds the functions for one domain: `fn name(&AppHandle, args…)`
//! (`async fn` unless the command is `#[in_order]`) calling the core.

use crate::bindings::Ts;
use crate::error::IpcError;
use crate::events::Saved;
use dingbind_core::checks::{CheckEvent, CheckOptions, CheckResult, CheckRun};
use dingbind_core::diagnosis::Diagnosis;
use dingbind_core::field::Field;
use dingbind_core::history::{RecordedRun, RunDiff, RunListItem};
use dingbind_core::i18n::Lang;
use dingbind_core::profile::Profile;
use dingbind_core::report::Format as ReportFormat;
use dingbind_core::scan::{ScanCode, ScanKind};
use dingbind_core::store::ProfileSummary;
use dingbind_core::sync::SyncProgress;
use dingbind_core::template::Template;
use dingbind_core::workspace::{AppInfo, ImportOutcome, LoginStarted, ProfileView, TemplateAdded};
use practice::PracticeStatus;
use sync::{SyncEnd, SyncOverview};

pub mod app;
pub mod checks;
pub mod handoff;
pub mod login;
pub mod outputs;
pub mod practice;
pub mod profiles;
pub mod secrets;
pub mod sync;
pub mod templates;

/// What every command returns.
pub type Res<T> = Result<T, IpcError>;

/// One adapter: `#[in_order]` commands run on the main thread one after another, in the order the
/// UI sent them (an edit must never overtake the edit typed before it, nor a read the edit before
/// it); the others run on the async runtime so slow work never freezes the window.
macro_rules! command {
    (#[in_order] $module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty) => {
        #[tauri::command]
        fn $name<R: tauri::Runtime>(app: tauri::AppHandle<R>, $($arg: $ty),*) -> Res<$ret> {
            $module::$name(&app, $($arg),*)
        }
    };
    ($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty) => {
        #[tauri::command]
        async fn $name<R: tauri::Runtime>(app: tauri::AppHandle<R>, $($arg: $ty),*) -> Res<$ret> {
            $module::$name(&app, $($arg),*).await
        }
    };
}

macro_rules! commands {
    ($($module:ident { $($(#[$mode:ident])? $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty ;)* })*) => {
        $($(
            command!($(#[$mode])? $module::$name($($arg: $ty),*) -> $ret);
        )*)*

        /// The Tauri handler for every declared command.
        pub fn handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($name),*),*]
        }

        /// Every command's name, in declaration order.
        pub const NAMES: &[&str] = &[$($(stringify!($name)),*),*];

        /// Declares each command (and every type it takes or returns) to the TypeScript generator.
        pub(crate) fn declare(ts: &mut Ts) {
            $($(
                let args = vec![$((stringify!($arg), ts.ty::<$ty>())),*];
                let returns = ts.ty::<$ret>();
                ts.command(stringify!($name), args, returns);
            )*)*
        }
    };
}

macro_rules! events {
    ($($name:ident = $wire:literal => $payload:ty;)*) => {
        $(
            impl crate::events::Event for $payload {
                const NAME: &'static str = $wire;
            }
        )*

        /// Every event's name as the UI listens for it.
        pub const EVENTS: &[&str] = &[$($wire),*];

        /// Declares each event and its payload to the TypeScript generator.
        pub(crate) fn declare_events(ts: &mut Ts) {
            $(
                let payload = ts.ty::<$payload>();
                ts.event(stringify!($name), $wire, payload);
            )*
        }
    };
}

include!("list.rs");
