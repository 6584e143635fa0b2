//! `dingbind export` and `dingbind import`: the hand-off to the server team (docs/handoff.md)
//! headless. Export writes the manifest or `.env` (never a secret) or, with `--encrypt`, the age
//! file that holds the secrets. Import adds a hand-off or a report to the app's profile list through
//! the app's own workspace, so both accept and refuse exactly the same files; a refused file
//! changes nothing. Passphrases come from the environment, never argv.

use crate::binding::{BindingArgs, Opened};
use crate::secrets::{self, PASSPHRASE_ENV};
use crate::Out;
use dingbind_core::handoff::{self, ImportError, ImportWarning};
use dingbind_core::host::{self, Templates, DATA_DIR_ENV, MAX_IMPORT_BYTES};
use dingbind_core::profile::SecretLocation;
use dingbind_core::store;
use dingbind_core::workspace::{ImportOutcome, Workspace};
use dingbind_core::{Field, Text};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The manifest (`kind: dingbind-manifest`).
    Json,
    /// The same values as `DINGTALK_*='…'` lines.
    Env,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    binding: BindingArgs,
    /// json (the manifest) or env.
    #[arg(long, value_enum, default_value = "json")]
    format: ExportFormat,
    /// Write to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write the age-encrypted manifest with the secrets to -o FILE.age instead.
    #[arg(long, requires = "output", conflicts_with = "format")]
    encrypt: bool,
    /// The environment variable that holds the passphrase.
    #[arg(long, value_name = "VAR", default_value = PASSPHRASE_ENV)]
    passphrase_env: String,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// A hand-off manifest (.json), its encrypted form (.age) or a binding report (.json); - is stdin.
    file: PathBuf,
    /// The environment variable that holds the passphrase of an encrypted file.
    #[arg(long, value_name = "VAR", default_value = PASSPHRASE_ENV)]
    passphrase_env: String,
    /// Do not import: write the hand-off as a .env for the server, with the secrets when the file
    /// is encrypted (the file is created readable by its owner only).
    #[arg(long, value_name = "FILE")]
    env_out: Option<PathBuf>,
}

fn passphrase_missing(out: &Out, var: &str) -> String {
    out.say(
        &format!("需要口令：请把口令放在环境变量 {var} 里（口令不能写在命令行上）"),
        &format!("A passphrase is needed: put it in the environment variable {var} (never on the command line)"),
    )
}

pub fn cmd_export(out: &Out, args: &ExportArgs) -> u8 {
    let Some(mut b) = Opened::load_lenient(&args.binding, out) else {
        return 2;
    };
    let passphrase = match (args.encrypt, secrets::env(&args.passphrase_env)) {
        (false, _) => None,
        (true, Some(p)) => Some(p),
        (true, None) => {
            return out.fail(
                "passphrase_needed",
                &passphrase_missing(out, &args.passphrase_env),
            )
        }
    };
    // Only the encrypted file carries secret values; the plain forms just say which exist, so
    // the keychain is only opened for the encrypted one.
    secrets::fill(&mut b, args.encrypt);
    let secrets = &b.binding.secrets;
    let export = match b.binding.export(passphrase.as_deref(), &store::now()) {
        Ok(x) => x,
        Err(e) => return out.fail("bad_export", out.t(&e.text())),
    };
    let manifest: Value = serde_json::from_str(&export.manifest_json).unwrap_or_default();
    let mut states = manifest["secrets"].clone();
    let bytes = match (export.encrypted, args.format) {
        (Some(age), _) => {
            if let Some(map) = states.as_object_mut() {
                for (key, state) in map.iter_mut() {
                    if Field::parse(key).is_some_and(|f| secrets.contains_key(&f)) {
                        *state = json!("included");
                    }
                }
            }
            age
        }
        (None, ExportFormat::Json) => export.manifest_json.into_bytes(),
        (None, ExportFormat::Env) => export.env.into_bytes(),
    };
    if let Err(code) = out.write(args.output.as_deref(), &bytes) {
        return code;
    }
    let Some(path) = &args.output else {
        return 0;
    };
    if out.json {
        out.json(&json!({ "written": path, "encrypted": args.encrypt, "secrets": states }));
    } else {
        outln!("✓ {} {}", out.say("已写入", "written to"), path.display());
        let included: Vec<&String> = states
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, s)| *s == "included")
            .map(|(k, _)| k)
            .collect();
        if args.encrypt && included.is_empty() {
            outln!(
                "  ! {}",
                out.say(
                    "文件里没有任何密钥：请用环境变量（如 DINGBIND_CLIENT_SECRET）或钥匙串提供",
                    "the file holds no secret: give them in the environment (e.g. DINGBIND_CLIENT_SECRET) or the keychain",
                )
            );
        } else if args.encrypt {
            let names: Vec<&str> = included.iter().map(|s| s.as_str()).collect();
            outln!(
                "  {}{}",
                out.say("含密钥：", "secrets inside: "),
                names.join(", ")
            );
        }
    }
    0
}

/// A refusal: `✗ <pointer>: <message>`, or `{"error":"bad_import","code","pointer","message"}`.
fn refuse(out: &Out, code: &str, pointer: &str, message: &Text) -> u8 {
    if out.json {
        out.json(&json!({"error": "bad_import", "code": code, "pointer": pointer, "message": out.t(message)}));
    } else {
        eprintln!("✗ {pointer}: {}", out.t(message));
    }
    2
}

fn refuse_error(out: &Out, e: &ImportError) -> u8 {
    let code = serde_json::to_value(e.code).unwrap_or_default();
    refuse(
        out,
        code.as_str().unwrap_or_default(),
        &e.pointer,
        &e.message,
    )
}

fn warning_json(out: &Out, w: &ImportWarning) -> Value {
    json!({ "pointer": w.pointer, "message": out.t(&w.message) })
}

fn print_warnings(out: &Out, warnings: &[ImportWarning]) {
    for w in warnings {
        outln!("  ! {}: {}", w.pointer, out.t(&w.message));
    }
}

pub fn cmd_import(out: &Out, args: &ImportArgs) -> u8 {
    // The app's limit for a hand-off or report: a bigger file is refused unread, with its code.
    let read = if args.file == Path::new("-") {
        host::read_user_input(std::io::stdin(), "-", MAX_IMPORT_BYTES)
    } else {
        host::read_user_file(&args.file, MAX_IMPORT_BYTES)
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e @ host::FileError::TooLarge { .. }) => return out.fail(e.code(), out.t(&e.text())),
        Err(host::FileError::Unreadable { source, .. }) => {
            return out.fail("unreadable", &format!("{}: {source}", args.file.display()))
        }
    };
    let encrypted = handoff::is_encrypted(&bytes);
    let passphrase = secrets::env(&args.passphrase_env).filter(|_| encrypted);
    if encrypted && passphrase.is_none() {
        let message = passphrase_missing(out, &args.passphrase_env);
        return refuse(
            out,
            "passphrase_needed",
            "",
            &Text::new(message.clone(), message),
        );
    }
    let dir = host::data_dir();
    if let Some(path) = &args.env_out {
        return to_env(out, &bytes, passphrase.as_deref(), dir.as_deref(), path);
    }
    let Some(dir) = dir else {
        return out.fail("no_data_dir", &format!("set {DATA_DIR_ENV}"));
    };
    let workspace = match Workspace::open(&dir, host::secrets(), |_| {}) {
        Ok(w) => w,
        Err(e) => {
            let message = format!("{}: {}", dir.display(), out.t(&e.text()));
            return out.fail("no_data_dir", &message);
        }
    };
    let outcome = match workspace.import(&bytes, passphrase.as_deref()) {
        Ok(o) => o,
        Err(e) => return out.fail("import_failed", out.t(&e.text())),
    };
    workspace.flush();
    let (view, from_report, mut warnings) = match outcome {
        ImportOutcome::Imported {
            view,
            from_report,
            warnings,
        } => (view, from_report, warnings),
        ImportOutcome::NeedsPassphrase => {
            let message = passphrase_missing(out, &args.passphrase_env);
            return refuse(
                out,
                "passphrase_needed",
                "",
                &Text::new(message.clone(), message),
            );
        }
        ImportOutcome::Refused {
            code,
            pointer,
            message,
        } => return refuse(out, &code, &pointer, &message),
    };
    let p = &view.profile;
    // Without a keychain a secret lives only as long as this command: say so rather than pretend.
    for (field, _) in p
        .secrets
        .iter()
        .filter(|(_, l)| **l == SecretLocation::Session)
    {
        warnings.push(ImportWarning {
            pointer: format!("/secret_values/{}", field.key()),
            message: Text::new(
                format!("没有可用的钥匙串，「{}」没有保存：请在 Dingbind 里重新填写，或在服务器上用环境变量提供", field.label().zh),
                format!("No keychain is available, so the {} was not kept: enter it again in Dingbind, or give it in the environment on a server", field.label().en),
            ),
        });
    }
    if out.json {
        out.json(&json!({
            "imported": {
                "id": p.id,
                "name": p.name,
                "template_id": p.template_id,
                "from_report": from_report,
                "secrets": p.secrets,
                "path": dir.join("profiles").join(format!("{}.json", p.id)),
            },
            "warnings": warnings.iter().map(|w| warning_json(out, w)).collect::<Vec<_>>(),
        }));
    } else {
        outln!(
            "✓ {}{} ({})",
            out.say("已导入：", "imported: "),
            p.name,
            p.id
        );
        outln!(
            "  {}",
            dir.join("profiles")
                .join(format!("{}.json", p.id))
                .display()
        );
        print_warnings(out, &warnings);
    }
    0
}

/// `import --env-out`: the hand-off as a `.env` for the server, secrets included when the file was
/// encrypted. Nothing is added to the app's profiles.
fn to_env(
    out: &Out,
    bytes: &[u8],
    passphrase: Option<&str>,
    dir: Option<&Path>,
    path: &Path,
) -> u8 {
    let templates = Templates::load(dir);
    let find = |id: &str| templates.find(id).map(|t| (*t).clone());
    let imported = match handoff::import(bytes, passphrase, find) {
        Ok(i) => i,
        Err(e) => return refuse_error(out, &e),
    };
    let mut manifest = imported.manifest.clone();
    if !imported.secrets.is_empty() {
        manifest.secret_values = Some(imported.secrets.clone());
    }
    // Written through a temporary file, which is created with mode 600.
    if let Err(code) = out.write(Some(path), handoff::render_env(&manifest).as_bytes()) {
        return code;
    }
    let included: Vec<&str> = imported.secrets.keys().map(|f| f.key()).collect();
    if out.json {
        out.json(&json!({
            "written": path,
            "secrets": included,
            "warnings": imported.warnings.iter().map(|w| warning_json(out, w)).collect::<Vec<_>>(),
        }));
    } else {
        outln!("✓ {} {}", out.say("已写入", "written to"), path.display());
        if !included.is_empty() {
            outln!(
                "  {}{}",
                out.say("含密钥：", "secrets inside: "),
                included.join(", ")
            );
        }
        print_warnings(out, &imported.warnings);
    }
    0
}
