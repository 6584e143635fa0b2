//! The TypeScript types of everything that crosses IPC, generated from the Rust types with ts-rs
//! into `ui/src/ipc/bindings.ts`. The test below fails when the committed file is stale; run it with
//! `UPDATE_BINDINGS=1` to regenerate.

use ts_rs::{Config, TS};

macro_rules! decls {
    ($($t:ty),* $(,)?) => {{
        let cfg = Config::default();
        vec![$(<$t as TS>::decl(&cfg)),*]
    }};
}

/// The whole bindings file.
pub fn typescript() -> String {
    use dingbind_core::{field, i18n, profile, store, template, urls, validate, workspace};
    let decls = decls![
        i18n::Text,
        i18n::Lang,
        field::Field,
        field::FieldInfo,
        validate::ErrorCode,
        validate::WarningCode,
        validate::Warning,
        validate::Validation,
        template::Template,
        template::UrlSpec,
        template::Permission,
        template::Step,
        template::ConsoleLink,
        template::Confirm,
        template::TemplateProblem,
        urls::GeneratedUrl,
        profile::SecretLocation,
        profile::Profile,
        profile::StepState,
        profile::Evaluation,
        store::Settings,
        store::ProfileSummary,
        workspace::ProfileView,
        workspace::AppInfo,
        dingbind_core::diagnosis::DiagnosisCode,
        dingbind_core::diagnosis::ScopeApply,
        dingbind_core::diagnosis::DiagnosisData,
        dingbind_core::diagnosis::Diagnosis,
        dingbind_core::checks::CheckStatus,
        dingbind_core::checks::TraceEntry,
        dingbind_core::checks::CheckResult,
        dingbind_core::checks::Summary,
        dingbind_core::checks::CheckRun,
        dingbind_core::checks::CheckOptions,
        dingbind_core::checks::PlannedCheck,
        dingbind_core::checks::CheckEvent,
        dingbind_core::scan::ScanKind,
        dingbind_core::scan::ScanCode,
        dingbind_core::history::RecordedRun,
        dingbind_core::history::RunListItem,
        dingbind_core::history::CheckSide,
        dingbind_core::history::ChangeKind,
        dingbind_core::history::CheckChange,
        dingbind_core::history::RunDiff,
        crate::outputs::ReportFormat,
        crate::login_cmd::LoginStarted,
        dingbind_core::handoff::ImportWarning,
        dingbind_core::workspace::ImportOutcome,
        dingbind_core::workspace::TemplateAdded,
        dingbind_core::ca::CaInfo,
        crate::live::PracticeStatus,
        crate::error::ErrorCode,
        crate::error::IpcError,
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs). Do not edit:\n// run `UPDATE_BINDINGS=1 cargo test -p dingbind-app bindings` after changing a type.\n\n",
    );
    for d in decls {
        // The shell's error code would clash with validation's; it is exported as IpcErrorCode.
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.trim_end().to_string() + "\n"
}

/// What the core sends the UI about built-ins (templates, field labels), as the UI's unit tests'
/// fixture: derived from the Rust sources, so the tests never drift from them.
pub fn ui_fixtures() -> String {
    let fields: Vec<_> = dingbind_core::Field::ALL
        .into_iter()
        .map(dingbind_core::Field::info)
        .collect();
    let v =
        serde_json::json!({ "templates": dingbind_core::template::builtins(), "fields": fields });
    serde_json::to_string_pretty(&v).expect("fixtures serialise") + "\n"
}

#[cfg(test)]
mod tests {
    /// Compares a generated file with the committed one (rewriting it under `UPDATE_BINDINGS=1`).
    fn check(relative: &str, fresh: String) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{relative} is stale: run `make bindings`"
        );
    }

    #[test]
    fn committed_bindings_are_current() {
        check("../ui/src/ipc/bindings.ts", super::typescript());
    }

    #[test]
    fn committed_ui_fixtures_are_current() {
        check("../ui/src/test/core-fixtures.json", super::ui_fixtures());
    }
}
