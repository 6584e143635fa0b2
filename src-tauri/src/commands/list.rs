// The app's whole IPC surface, declared once. `commands/mod.rs` turns this table into the Tauri
// handler, the `#[tauri::command]` adapters (each calls `<module>::<name>(&app, args…)`, so a
// declaration that drifts from its function does not compile) and the typed TypeScript client in
// `ui/src/ipc/bindings.ts`; `build.rs` includes this same file for the permission list and the
// capability. Adding a command is one line here plus its function in `commands/<module>.rs`.
//
// Grammar: `module { name(arg: Type, …) -> Returned; … }` — the returned type is what the UI gets
// on success; every command can also fail with an `IpcError`. Arguments arrive camelCased from JS.
commands! {
    app {
        app_info() -> AppInfo;
        set_language(language: Lang) -> ();
        choose_ca_file() -> Option<AppInfo>;
        clear_ca_file() -> AppInfo;
        open_link(url: String) -> String;
        open_saved(path: String) -> ();
    }
    templates {
        list_templates() -> Vec<Template>;
        add_template() -> Option<TemplateAdded>;
    }
    profiles {
        list_profiles() -> Vec<ProfileSummary>;
        create_profile(name: String, template_id: String) -> ProfileView;
        open_profile(id: String) -> ProfileView;
        close_profile() -> ();
        update_profile(profile: Profile) -> ProfileView;
        flush_profile() -> ();
        rename_profile(id: String, name: String) -> ProfileSummary;
        duplicate_profile(id: String, name: String) -> ProfileSummary;
        delete_profile(id: String) -> ();
    }
    secrets {
        set_secret(profile_id: String, field: Field, value: String) -> ProfileView;
        reveal_secret(profile_id: String, field: Field) -> Option<String>;
        generate_secret(profile_id: String, field: Field) -> ProfileView;
    }
    practice {
        practice_status() -> PracticeStatus;
        start_practice(scenario: String) -> PracticeStatus;
        stop_practice() -> PracticeStatus;
        fill_practice_values() -> ProfileView;
    }
    checks {
        run_checks(options: CheckOptions) -> CheckRun;
        cancel_checks() -> ();
        explain_error(text: String) -> Vec<Diagnosis>;
        list_runs() -> Vec<RunListItem>;
        get_run(id: String) -> RecordedRun;
        diff_runs(before: String, after: String) -> RunDiff;
    }
    login {
        login_redirect_url() -> String;
        login_start() -> LoginStarted;
        login_finish() -> CheckResult;
        login_cancel() -> ();
    }
    outputs {
        scan_codes() -> Vec<ScanCode>;
        copy_qr_image(kind: ScanKind) -> ();
        save_qr_png(kind: ScanKind) -> Option<String>;
        save_report(format: ReportFormat, lang: Lang) -> Option<String>;
    }
    handoff {
        export_handoff(passphrase: Option<String>) -> Option<Vec<String>>;
        import_file() -> Option<ImportOutcome>;
        import_with_passphrase(passphrase: String) -> ImportOutcome;
    }
}

// What the shell pushes to the UI unasked: `name = "event-name" => Payload;`.
events! {
    check_event = "check-event" => CheckEvent;
    profile_saved = "profile-saved" => Saved;
}
