//! `dingbind`: the same core as the desktop app, for servers, scripts and support staff. Every
//! command takes `--json` and `--lang zh|en`. Exit codes: 0 = valid / all generated / no blocking
//! check failed, 1 = a value was rejected or a check failed, 2 = bad input or usage; the same on
//! Windows, where `dingbind.exe` is tested under wine (`make test-windows`, `tests/wine.rs`).

/// `println!` for the command's output; see [`print_line`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::print_line(format_args!($($arg)*))
    };
}

mod binding;
mod check;
mod error;
mod handoff;
mod help;
mod report;
mod secrets;
mod sync;
mod text;

use binding::{BindingArgs, Opened};
use clap::{Parser, Subcommand};
use dingbind_core::checks::CheckOptions;
use dingbind_core::host::{read_user_file, FileError, MAX_TEMPLATE_BYTES};
use dingbind_core::template::{self, builtins};
use dingbind_core::validate::validate;
use dingbind_core::{Field, Lang, Text};
use serde_json::{json, Value};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dingbind",
    version,
    about = "钉钉绑定向导 · DingTalk binding wizard (headless)",
    after_help = help::AFTER_HELP
)]
struct Cli {
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: zh or en.
    #[arg(long, global = true, default_value = "zh")]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean and judge one value as the wizard would (e.g. `--field corp_id "CorpId：ding…"`).
    /// `-` reads the value from stdin, the only way a secret field takes one (argv shows in `ps`).
    Validate {
        #[arg(long)]
        field: String,
        value: String,
    },
    /// Print the URLs to register in the DingTalk console.
    Urls {
        #[command(flatten)]
        binding: BindingArgs,
    },
    /// Run the live checks against DingTalk (or the simulator with --practice). Secrets come from
    /// DINGBIND_CLIENT_SECRET, DINGBIND_SSO_SECRET, DINGBIND_EVENT_TOKEN, DINGBIND_AES_KEY or the
    /// profile's keychain entries, never argv.
    Check {
        #[command(flatten)]
        binding: BindingArgs,
        /// Also send a timestamped test work notification to this userid.
        #[arg(long)]
        message_userid: Option<String>,
        /// Overall deadline in seconds.
        #[arg(long, default_value_t = 30)]
        deadline: u32,
        /// Run against the built-in simulator with this scenario (healthy, missing-contact-scope, ...).
        #[arg(long)]
        practice: Option<String>,
    },
    /// Explain an errcode, an error JSON body or a log line (`-` reads stdin).
    Explain { text: String },
    /// Write the binding report: one printable HTML page, Markdown, or JSON (what support mode
    /// reads back). The last run is a fresh one with --run-checks, else the profile's newest kept run.
    Report(report::ReportArgs),
    /// The hand-off for the server team: the manifest (JSON) or a .env, never with a secret; with
    /// --encrypt an age file that holds the secrets (passphrase from DINGBIND_PASSPHRASE).
    Export(handoff::ExportArgs),
    /// Add a hand-off file (.json or encrypted .age) or someone's report to the app's profiles
    /// (DINGBIND_DATA_DIR, else the app's data folder); --env-out writes a .env for a server instead.
    #[command(after_help = help::DATA_FOLDER)]
    Import(handoff::ImportArgs),
    /// Who the platform's sync will have and who can open the app: walks DingTalk's directory
    /// (politely, within its rate limits; Ctrl-C stops it) and shows the department tree with member
    /// counts, the differences between the contact range and the visible range with the reason
    /// for each, which user fields come back, and, for a saved profile, who joined, left or moved
    /// since the last preview. --csv writes one row per person. Exit 1 when --expected does not match.
    SyncPreview(sync::SyncArgs),
    /// List the built-in templates, or check a template file.
    Templates {
        /// A template file to check; reports the field and line of the first problem.
        #[arg(long)]
        check: Option<std::path::PathBuf>,
    },
}

pub(crate) struct Out {
    json: bool,
    lang: Lang,
}

impl Out {
    fn t<'a>(&self, text: &'a Text) -> &'a str {
        text.get(self.lang)
    }
    fn say(&self, zh: &str, en: &str) -> String {
        match self.lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }
    fn json(&self, v: &Value) {
        let text = serde_json::to_string_pretty(v).unwrap_or_default();
        outln!("{}", text::json_for_stdout(text));
    }
    /// Says why a command cannot go on (`{"error", "message"}` with --json) and returns exit code 2.
    fn fail(&self, error: &str, message: &str) -> u8 {
        if self.json {
            self.json(&json!({ "error": error, "message": message }));
        } else {
            eprintln!("✗ {message}");
        }
        2
    }
    /// Writes a command's product to `path` (atomically), or to stdout without one.
    fn write(&self, path: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), u8> {
        let result = match path {
            Some(p) => dingbind_core::store::atomic_write(p, bytes)
                .map_err(|e| self.t(&e.text()).to_string()),
            None => {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(bytes)
                    .and_then(|()| stdout.flush())
                    .map_err(|e| {
                        if text::reader_gone(&e) {
                            std::process::exit(0);
                        }
                        e.to_string()
                    })
            }
        };
        result.map_err(|e| self.fail("write_failed", &e))
    }
}

/// Runs a future on a fresh runtime (the live checks); `None` when no runtime can be made.
fn block_on<F: std::future::Future>(future: F) -> Option<F::Output> {
    match tokio::runtime::Runtime::new() {
        Ok(rt) => Some(rt.block_on(future)),
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

fn main() -> ExitCode {
    // Before any thread starts (see `init_local_offset`): reports say the local time.
    dingbind_core::store::init_local_offset();
    let cli = Cli::parse();
    let out = Out {
        json: cli.json,
        lang: cli.lang,
    };
    let code = match cli.command {
        Command::Validate { field, value } => cmd_validate(&out, &field, &value),
        Command::Urls { binding } => Opened::load(&binding, &out).map_or(2, |b| cmd_urls(&out, &b)),
        Command::Templates { check } => cmd_templates(&out, check.as_deref()),
        Command::Explain { text } => check::cmd_explain(&out, &text),
        Command::Check {
            binding,
            message_userid,
            deadline,
            practice,
        } => match Opened::load(&binding, &out) {
            None => 2,
            Some(mut b) => {
                secrets::fill(&mut b, true);
                let options = CheckOptions {
                    message_userid,
                    deadline_ms: deadline.saturating_mul(1000),
                };
                block_on(check::cmd_check(&out, &b, options, practice)).unwrap_or(2)
            }
        },
        Command::Report(args) => report::cmd_report(&out, &args),
        Command::Export(args) => handoff::cmd_export(&out, &args),
        Command::SyncPreview(args) => sync::cmd_sync_preview(&out, &args),
        Command::Import(args) => handoff::cmd_import(&out, &args),
    };
    ExitCode::from(code)
}

/// One line to stdout. When the reader has gone (`dingbind … | head`), the command ends quietly
/// with 0 as other Unix tools do, instead of `println!`'s panic (Rust ignores SIGPIPE).
pub(crate) fn print_line(args: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(e) = writeln!(std::io::stdout().lock(), "{args}") {
        if text::reader_gone(&e) {
            std::process::exit(0);
        }
        eprintln!("{e}");
    }
}

/// The argument itself, or stdin for `-`, decoded as Windows tools write text (see
/// [`text::decode`]); the field's own cleaning trims what is around the value (CRLF included).
pub(crate) fn arg_or_stdin(value: &str) -> String {
    if value != "-" {
        return value.to_string();
    }
    let mut bytes = Vec::new();
    match std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
        Ok(_) => text::decode(&bytes),
        Err(e) => {
            eprintln!("stdin: {e}");
            String::new()
        }
    }
}

fn unknown_field(out: &Out, field: &str) -> u8 {
    let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    let msg = out.say(
        &format!("未知字段 `{field}`，可用：{}", known.join(", ")),
        &format!("unknown field `{field}`; known: {}", known.join(", ")),
    );
    if out.json {
        out.json(&json!({ "error": "unknown_field", "message": msg }));
    } else {
        eprintln!("{msg}");
    }
    2
}

fn cmd_validate(out: &Out, field: &str, value: &str) -> u8 {
    let Some(field) = Field::parse(field) else {
        return unknown_field(out, field);
    };
    if field.is_secret() && value != "-" {
        return out.fail(
            "secret_on_command_line",
            &out.say(
                &format!("{field} 是密钥，不能写在命令行上（会留在 shell 历史和 ps 里）：改用 `-` 从标准输入读取，例如 `{}`", help::stdin_example(field.key(), "文件")),
                &format!("{field} is a secret and is not taken from the command line (shell history and `ps` would keep it): pass `-` and give it on stdin, e.g. `{}`", help::stdin_example(field.key(), "file")),
            ),
        );
    }
    let v = validate(field, &arg_or_stdin(value));
    if out.json {
        out.json(&json!({
            "field": v.field,
            "ok": v.ok,
            "value": if field.is_secret() { dingbind_core::secrets::mask(&v.value) } else { v.value.clone() },
            "code": v.code,
            "suggested_field": v.suggested_field,
            "message": v.message.as_ref().map(|m| out.t(m)),
            "warnings": v.warnings.iter().map(|w| json!({"code": w.code, "message": out.t(&w.message), "suggested_field": w.suggested_field})).collect::<Vec<_>>(),
            "cleaned": v.cleaned.iter().map(|c| out.t(c)).collect::<Vec<_>>(),
        }));
    } else {
        let shown = if field.is_secret() {
            dingbind_core::secrets::mask(&v.value)
        } else {
            v.value.clone()
        };
        match &v.message {
            Some(m) => outln!("✗ {field}: {}", out.t(m)),
            None => outln!("✓ {field}: {shown}"),
        }
        for w in &v.warnings {
            outln!("  ! {}", out.t(&w.message));
        }
        for c in &v.cleaned {
            outln!("  · {}", out.t(c));
        }
    }
    if v.ok {
        0
    } else {
        1
    }
}

fn cmd_urls(out: &Out, b: &Opened) -> u8 {
    let urls = b.urls();
    let complete = urls.iter().all(|u| u.url.is_some());
    if out.json {
        let map: serde_json::Map<String, Value> = urls
            .iter()
            .map(|u| (u.name.clone(), json!(u.url)))
            .collect();
        let problems: Vec<Value> = urls
            .iter()
            .filter(|u| u.url.is_none())
            .map(|u| json!({"name": u.name, "missing": u.missing, "error": u.error.as_ref().map(|e| out.t(e))}))
            .collect();
        out.json(&json!({ "template": b.binding.template.id, "urls": map, "problems": problems }));
    } else {
        for u in &urls {
            outln!("{}  ({})", out.t(&u.label), out.t(&u.destination));
            match (&u.url, &u.error) {
                (Some(url), _) => outln!("  {url}"),
                (None, Some(e)) => outln!("  ✗ {}", out.t(e)),
                (None, None) => {
                    let missing: Vec<&str> = u.missing.iter().map(|f| f.key()).collect();
                    outln!(
                        "  ✗ {}{}",
                        out.say("缺少：", "missing: "),
                        missing.join(", ")
                    );
                }
            }
        }
    }
    if complete {
        0
    } else {
        2
    }
}

fn cmd_templates(out: &Out, check: Option<&std::path::Path>) -> u8 {
    if let Some(path) = check {
        // The app's limit for a template file: a bigger one is refused unread.
        let result = match read_user_file(path, MAX_TEMPLATE_BYTES as u64) {
            Err(e @ FileError::TooLarge { .. }) => return out.fail(e.code(), out.t(&e.text())),
            Err(FileError::Unreadable { source, .. }) => Err(template::TemplateError {
                line: 0,
                field: String::new(),
                message: dingbind_core::Text::new(
                    format!("无法读取文件：{source}"),
                    format!("cannot read the file: {source}"),
                ),
            }),
            Ok(src) => template::parse(&String::from_utf8_lossy(&src)),
        };
        return match result {
            Ok(t) => {
                if out.json {
                    out.json(&json!({"ok": true, "id": t.id, "steps": t.steps.len()}));
                } else {
                    outln!(
                        "✓ {} — {} ({} {})",
                        t.id,
                        out.t(&t.name),
                        t.steps.len(),
                        out.say("步", "steps")
                    );
                }
                0
            }
            Err(e) => {
                if out.json {
                    out.json(&json!({"ok": false, "line": e.line, "field": e.field, "message": out.t(&e.message)}));
                } else {
                    eprintln!(
                        "✗ {}:{}: `{}`: {}",
                        path.display(),
                        e.line,
                        e.field,
                        out.t(&e.message)
                    );
                }
                2
            }
        };
    }
    if out.json {
        let list: Vec<Value> = builtins()
            .iter()
            .map(|t| json!({"id": t.id, "name": out.t(&t.name), "needs": t.needs, "steps": t.steps.len()}))
            .collect();
        out.json(&json!({ "templates": list }));
    } else {
        for t in builtins() {
            outln!("{:<28} {}", t.id, out.t(&t.name));
        }
    }
    0
}
