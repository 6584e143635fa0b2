// The app's whole IPC surface, declared once. `commands/mod.rs` turns this table into the Tauri
// handler, the `#[tauri::command]` adapters (each calls `<module>::<name>(&app, args…)`, so a
// declaration that drifts from its function does not compile) and the typed TypeScript client in
// `ui/src/ipc/bindings.ts`; `build.rs` includes this same file for the permission list and the
// capability. Adding a command is one line here plus its function in `commands/<module>.rs`.
//
// Grammar: `module { name(arg: Type, …) -> Returned; … }` — the returned type is what the UI gets
// on success; every command can also fail with an `IpcError`. Arguments arrive camelCased from JS.
// `#[in_order]` commands run on the main thread in the order the UI sent them: those that edit or
// read the open profile and its files, so a read never sees the state before an earlier edit.
// The rest (dialogs, network, the simulator) are async and never block the window.
commands! {
    app {
        #[in_order] app_info() -> AppInfo;
        #[in_order] set_language(language: Lang) -> ();
        choose_ca_file() -> Option<AppInfo>;
        #[in_order] clear_ca_file() -> AppInfo;
        #[in_order] open_link(url: String) -> String;
        #[in_order] open_saved(path: String) -> ();
        ui_ready(marks: Vec<(String, f64)>) -> ();
    }
    templates {
        #[in_order] list_templates() -> Vec<Template>;
        add_template() -> Option<TemplateAdded>;
    }
    profiles {
        #[in_order] list_profiles() -> Vec<ProfileSummary>;
        #[in_order] create_profile(name: String, template_id: String) -> ProfileView;
        #[in_order] open_profile(id: String) -> ProfileView;
        #[in_order] close_profile() -> ();
        #[in_order] update_profile(profile: Profile) -> ProfileView;
        #[in_order] flush_profile() -> ();
        #[in_order] rename_profile(id: String, name: String) -> ProfileSummary;
        #[in_order] duplicate_profile(id: String, name: String) -> ProfileSummary;
        #[in_order] delete_profile(id: String) -> ();
    }
    secrets {
        #[in_order] set_secret(profile_id: String, field: Field, value: String) -> ProfileView;
        #[in_order] reveal_secret(profile_id: String, field: Field) -> Option<String>;
        #[in_order] generate_secret(profile_id: String, field: Field) -> ProfileView;
    }
    practice {
        practice_status() -> PracticeStatus;
        start_practice(scenario: String) -> PracticeStatus;
        stop_practice() -> PracticeStatus;
        #[in_order] fill_practice_values() -> ProfileView;
    }
    checks {
        run_checks(profile_id: String, options: CheckOptions) -> CheckRun;
        #[in_order] cancel_checks() -> ();
        #[in_order] explain_error(text: String) -> Vec<Diagnosis>;
        #[in_order] list_runs(profile_id: String) -> Vec<RunListItem>;
        #[in_order] get_run(profile_id: String, id: String) -> RecordedRun;
        #[in_order] diff_runs(profile_id: String, before: String, after: String) -> RunDiff;
    }
    login {
        #[in_order] login_redirect_url() -> String;
        login_start(profile_id: String) -> LoginStarted;
        login_finish() -> CheckResult;
        #[in_order] login_cancel() -> ();
    }
    sync {
        sync_overview(profile_id: String) -> SyncOverview;
        sync_preview(profile_id: String, expected: Option<u32>, resume: bool) -> SyncEnd;
        cancel_sync_preview() -> ();
        save_sync_csv(profile_id: String, lang: Lang) -> Option<String>;
    }
    outputs {
        scan_codes(profile_id: String) -> Vec<ScanCode>;
        copy_qr_image(profile_id: String, kind: ScanKind) -> ();
        save_qr_png(profile_id: String, kind: ScanKind) -> Option<String>;
        save_report(profile_id: String, format: ReportFormat, lang: Lang) -> Option<String>;
    }
    handoff {
        export_handoff(profile_id: String, passphrase: Option<String>) -> Option<Vec<String>>;
        import_file() -> Option<ImportOutcome>;
        #[in_order] import_with_passphrase(passphrase: String) -> ImportOutcome;
    }
}

// What the shell pushes to the UI unasked: `name = "event-name" => Payload;`.
events! {
    check_event = "check-event" => CheckEvent;
    sync_progress = "sync-progress" => SyncProgress;
    profile_saved = "profile-saved" => Saved;
}
