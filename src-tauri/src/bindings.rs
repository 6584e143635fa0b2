//! The TypeScript side of IPC, generated into `ui/src/ipc/bindings.ts`: every type a command takes
//! or returns (found by walking the declared commands and events with ts-rs, so no list of types is
//! kept by hand), the `Commands` table, a typed `client()` with one function per command, and the
//! event names with their payloads. A renamed command, argument or field is a TypeScript compile
//! error in the UI. The test below fails when the committed file is stale; run it with
//! `UPDATE_BINDINGS=1` (`make bindings`) to regenerate.

use std::any::TypeId;
use std::collections::HashSet;
use ts_rs::{Config, TypeVisitor, TS};

/// One declared command: its name, its arguments (name, TS type) and its returned TS type.
type Command = (&'static str, Vec<(&'static str, String)>, String);

/// Collects what the generated file declares.
pub struct Ts {
    cfg: Config,
    seen: HashSet<TypeId>,
    /// (name, declaration): written sorted by name, so the file does not depend on the order
    /// ts-rs happens to visit dependencies in (which differs between feature sets of a build).
    decls: Vec<(String, String)>,
    commands: Vec<Command>,
    events: Vec<(&'static str, &'static str, String)>,
}

impl TypeVisitor for Ts {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Only named (derived) types have a declaration; `Vec`, `Option`, maps and primitives are
        // written inline by ts-rs.
        if T::output_path().is_some() {
            self.decls.push((T::ident(&self.cfg), T::decl(&self.cfg)));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

impl Ts {
    fn new() -> Self {
        Self {
            cfg: Config::default(),
            seen: HashSet::new(),
            decls: Vec::new(),
            commands: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Declares `T` (and what it refers to) and returns its TypeScript name.
    pub fn ty<T: TS + 'static + ?Sized>(&mut self) -> String {
        self.visit::<T>();
        T::name(&self.cfg)
    }

    /// Records a command with its arguments (name, TS type) and returned TS type.
    pub fn command(
        &mut self,
        name: &'static str,
        args: Vec<(&'static str, String)>,
        returns: String,
    ) {
        self.commands.push((name, args, returns));
    }

    /// Records an event with its wire name and payload TS type.
    pub fn event(&mut self, name: &'static str, wire: &'static str, payload: String) {
        self.events.push((name, wire, payload));
    }
}

/// `template_id` → `templateId`: Tauri's default for command arguments, and the UI's style.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `{ a; b }`, or `{}` when empty.
fn object(members: &[String], separator: &str) -> String {
    if members.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", members.join(separator))
    }
}

/// The whole bindings file.
pub fn typescript() -> String {
    let mut ts = Ts::new();
    crate::commands::declare(&mut ts);
    crate::commands::declare_events(&mut ts);
    ts.ty::<crate::error::IpcError>();

    let mut out = String::from(
        "// Generated from the Rust types and src-tauri/src/commands/list.rs by src-tauri/src/bindings.rs.\n\
         // Do not edit: run `make bindings` after changing a command or a type.\n\n",
    );
    ts.decls.sort();
    for (_, d) in &ts.decls {
        out.push_str("export ");
        out.push_str(d);
        out.push_str("\n\n");
    }

    out.push_str(
        "/** Every command: its arguments (as the UI passes them) and what it returns. */\n",
    );
    out.push_str("export interface Commands {\n");
    for (name, args, returns) in &ts.commands {
        let fields: Vec<String> = args
            .iter()
            .map(|(a, t)| format!("{}: {t}", camel(a)))
            .collect();
        out.push_str(&format!(
            "  {name}: {{ args: {}; returns: {returns} }};\n",
            object(&fields, "; ")
        ));
    }
    out.push_str("}\n\n");
    out.push_str(
        "/** Calls one command; rejects with whatever the shell sent as the error. */\n\
         export type Invoke = <K extends keyof Commands>(cmd: K, args: Commands[K]['args']) => Promise<Commands[K]['returns']>;\n\n",
    );
    out.push_str("/** One function per command, calling through `invoke`. */\n");
    out.push_str("export function client(invoke: Invoke) {\n  return {\n");
    for (name, args, _) in &ts.commands {
        let params: Vec<String> = args
            .iter()
            .map(|(a, t)| format!("{}: {t}", camel(a)))
            .collect();
        let names: Vec<String> = args.iter().map(|(a, _)| camel(a)).collect();
        out.push_str(&format!(
            "    {}: ({}) => invoke('{name}', {}),\n",
            camel(name),
            params.join(", "),
            object(&names, ", ")
        ));
    }
    out.push_str("  };\n}\n\n");

    out.push_str("/** What the shell pushes to the UI, by event name. */\n");
    out.push_str("export interface Events {\n");
    for (_, wire, payload) in &ts.events {
        out.push_str(&format!("  '{wire}': {payload};\n"));
    }
    out.push_str("}\n\n");
    out.push_str("export const EVENTS = {\n");
    for (name, wire, _) in &ts.events {
        out.push_str(&format!("  {}: '{wire}',\n", camel(name)));
    }
    out.push_str("} as const;\n");
    out
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

    #[test]
    fn arguments_are_camel_cased_as_tauri_expects() {
        assert_eq!(super::camel("template_id"), "templateId");
        assert_eq!(super::camel("id"), "id");
        assert_eq!(super::camel("profile_id"), "profileId");
    }
}
