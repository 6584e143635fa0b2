//! What a command binds: a saved profile (`--profile FILE`) or a template with values given on the
//! command line (`--template ID|FILE --set key=value ...`), so a server script needs no profile.
//! Secrets never come from argv.

use crate::error::CliError;
use crate::Out;
use dingbind_core::binding::Binding;
use dingbind_core::field::Field;
use dingbind_core::host::{read_user_file, Templates, MAX_IMPORT_BYTES, MAX_TEMPLATE_BYTES};
use dingbind_core::profile::Profile;
use dingbind_core::store;
use dingbind_core::template::{self, Template};
use dingbind_core::urls::{generate, GeneratedUrl};
use dingbind_core::validate::validate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A profile file is as small as a hand-off; the same limit keeps a wrong file out of memory.
const MAX_PROFILE_BYTES: u64 = MAX_IMPORT_BYTES;

#[derive(clap::Args)]
pub struct BindingArgs {
    /// A profile file saved by the app.
    #[arg(long, conflicts_with = "template")]
    profile: Option<PathBuf>,
    /// A built-in template id, or a template file.
    #[arg(long)]
    template: Option<String>,
    /// A value as key=value (keys as in the template's `needs`: domain, corp_id, agent_id, ...).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

/// A profile opened from a file or from `--set`: the core's [`Binding`] (what every command hands to
/// the same code as the app), plus what only the CLI needs.
pub struct Opened {
    /// Its `secrets` are empty until a command asks for them ([`crate::secrets::fill`]), so the
    /// keychain is only opened by commands that use secrets.
    pub binding: Binding,
    /// Valid, normalised non-secret values (what `urls` generates from).
    pub values: BTreeMap<Field, String>,
    /// The profile file, when one was given.
    pub path: Option<PathBuf>,
}

/// The app's data folder a profile file lives in (`<data>/profiles/<id>.json`), if it does.
pub fn data_dir_of(path: &Path, profile_id: &str) -> Option<PathBuf> {
    let folder = path.parent()?;
    let named = path.file_stem()? == profile_id && folder.file_name()? == "profiles";
    named.then(|| folder.parent().map(Path::to_path_buf))?
}

/// A built-in template, one of the admin's own in `data_dir` (a profile made from it lives next to
/// it), or a template file, read with the app's size limit.
fn load_template(id_or_path: &str, data_dir: Option<&Path>) -> Result<Arc<Template>, CliError> {
    if let Some(t) = Templates::load(data_dir).find(id_or_path) {
        return Ok(t);
    }
    let src =
        read_user_file(Path::new(id_or_path), MAX_TEMPLATE_BYTES as u64).map_err(|source| {
            CliError::TemplateUnreadable {
                id_or_path: id_or_path.to_string(),
                source,
            }
        })?;
    let src = String::from_utf8_lossy(&src);
    template::parse(&src)
        .map(Arc::new)
        .map_err(|source| CliError::TemplateInvalid {
            id_or_path: id_or_path.to_string(),
            source,
        })
}

impl Opened {
    /// Loads and validates; on failure prints why and returns `None` (exit code 2).
    pub fn load(args: &BindingArgs, out: &Out) -> Option<Opened> {
        Self::load_with(args, out, false)
    }

    /// Like [`Binding::load`], but a saved profile's value that the wizard rejects is kept in
    /// `profile` (and left out of `values`) rather than refused: a report or a hand-off shows an
    /// unfinished binding as it is. A rejected `--set` value is still refused.
    pub fn load_lenient(args: &BindingArgs, out: &Out) -> Option<Opened> {
        Self::load_with(args, out, true)
    }

    fn load_with(args: &BindingArgs, out: &Out, lenient: bool) -> Option<Opened> {
        match Self::try_load(args, out, lenient) {
            Ok(b) => Some(b),
            Err(problems) => {
                if out.json {
                    // `message` as in every other JSON error; `problems` keeps them one by one.
                    let message = problems.join("; ");
                    out.json(&serde_json::json!({ "error": "bad_input", "message": message, "problems": problems }));
                } else {
                    for p in problems {
                        eprintln!("✗ {p}");
                    }
                }
                None
            }
        }
    }

    fn try_load(args: &BindingArgs, out: &Out, lenient: bool) -> Result<Opened, Vec<String>> {
        let (template, saved) = match (&args.profile, &args.template) {
            (Some(path), _) => {
                let bytes = read_user_file(path, MAX_PROFILE_BYTES)
                    .map_err(|e| vec![out.t(&e.text()).to_string()])?;
                // Notepad on older Windows saves UTF-8 with a byte-order mark.
                let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                let p: Profile = serde_json::from_slice(json).map_err(|e| {
                    vec![out.say(
                        &format!("{} 不是 Dingbind 保存的档案文件：{e}", path.display()),
                        &format!(
                            "{} is not a profile file saved by Dingbind: {e}",
                            path.display()
                        ),
                    )]
                })?;
                let template = load_template(
                    args.template.as_deref().unwrap_or(&p.template_id),
                    data_dir_of(path, &p.id).as_deref(),
                )
                .map_err(|e| vec![e.message(out.lang)])?;
                (template, Some(p.without_secret_values()))
            }
            (None, Some(t)) => (
                load_template(t, None).map_err(|e| vec![e.message(out.lang)])?,
                None,
            ),
            (None, None) => {
                return Err(vec![out.say(
                    "需要 --profile FILE 或 --template ID",
                    "give --profile FILE or --template ID",
                )])
            }
        };
        let stored = saved.is_some();
        let mut raw = saved.as_ref().map(|p| p.values.clone()).unwrap_or_default();
        let mut given = Vec::new();
        let mut problems = Vec::new();
        for kv in &args.set {
            let Some((k, v)) = kv.split_once('=') else {
                problems.push(format!("--set {kv}: expected key=value"));
                continue;
            };
            match Field::parse(k.trim()) {
                Some(f) if f.is_secret() => problems.push(out.say(
                    &format!("--set {k}: 密钥不能写在命令行里，请用环境变量"),
                    &format!(
                        "--set {k}: secrets never come from the command line; use the environment"
                    ),
                )),
                Some(f) => {
                    raw.insert(f, v.to_string());
                    given.push(f);
                }
                None => problems.push(format!("--set {k}: unknown key")),
            }
        }
        let mut values = BTreeMap::new();
        for (f, v) in raw.iter().filter(|(f, _)| !f.is_secret()) {
            let verdict = validate(*f, v);
            match verdict.message {
                Some(_) if !verdict.ok && lenient && !given.contains(f) => {}
                Some(m) if !verdict.ok => problems.push(format!("{f}: {}", out.t(&m))),
                _ => {
                    values.insert(*f, verdict.value);
                }
            }
        }
        let profile = match saved {
            Some(mut p) => {
                for f in &given {
                    if let Some(v) = values.get(f) {
                        p.values.insert(*f, v.clone());
                    }
                }
                p
            }
            None => {
                let name = values
                    .get(&Field::CorpName)
                    .cloned()
                    .unwrap_or_else(|| out.t(&template.name).to_string());
                let mut p = Profile::new("cli".into(), name, &template, store::now());
                p.values = values.clone();
                p
            }
        };
        if problems.is_empty() {
            Ok(Opened {
                binding: Binding {
                    profile,
                    template,
                    secrets: BTreeMap::new(),
                    stored,
                },
                values,
                path: args.profile.clone(),
            })
        } else {
            Err(problems)
        }
    }

    /// The app's store of a profile file saved in its data folder (`<data>/profiles/<id>.json`):
    /// where its kept runs and login test are (`<data>/history/<id>.json`).
    pub fn kept(&self) -> Option<store::Store> {
        let data = data_dir_of(self.path.as_deref()?, &self.binding.profile.id)?;
        store::Store::open(data).ok()
    }

    pub fn urls(&self) -> Vec<GeneratedUrl> {
        let b = &self.binding;
        generate(&b.template, &self.values, &b.profile.url_patterns)
    }
}
