//! What a command binds: a saved profile (`--profile FILE`) or a template with values given on the
//! command line (`--template ID|FILE --set key=value ...`), so a server script needs no profile.
//! Secrets never come from argv.

use crate::error::CliError;
use crate::Out;
use dingbind_core::field::Field;
use dingbind_core::profile::Profile;
use dingbind_core::store;
use dingbind_core::template::{self, Template};
use dingbind_core::urls::{generate, GeneratedUrl};
use dingbind_core::validate::validate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

pub struct Binding {
    /// The profile's id, for its keychain entries.
    pub profile_id: Option<String>,
    pub template: Template,
    /// Valid, normalised non-secret values.
    pub values: BTreeMap<Field, String>,
    pub url_patterns: BTreeMap<String, String>,
    /// The whole profile: the file's with the `--set` values applied, or a new one in memory made
    /// of the `--set` values (named after `corp_name`, else the template).
    pub profile: Profile,
    /// The profile file, when one was given.
    pub path: Option<PathBuf>,
}

/// The app's data folder a profile file lives in (`<data>/profiles/<id>.json`), if it does.
pub fn data_dir_of(path: &Path, profile_id: &str) -> Option<PathBuf> {
    let folder = path.parent()?;
    let named = path.file_stem()? == profile_id && folder.file_name()? == "profiles";
    named.then(|| folder.parent().map(Path::to_path_buf))?
}

fn load_template(id_or_path: &str, data_dir: Option<&Path>) -> Result<Template, CliError> {
    if let Some(t) = template::builtin(id_or_path) {
        return Ok(t.clone());
    }
    // A profile made from one of the admin's own templates, next to it in the data folder.
    if let Some(t) = data_dir
        .map(|d| template::load_dir(&d.join("templates")).0)
        .and_then(|ts| ts.into_iter().find(|t| t.id == id_or_path))
    {
        return Ok(t);
    }
    let src =
        std::fs::read_to_string(id_or_path).map_err(|source| CliError::TemplateUnreadable {
            id_or_path: id_or_path.to_string(),
            source,
        })?;
    template::parse(&src).map_err(|source| CliError::TemplateInvalid {
        id_or_path: id_or_path.to_string(),
        source,
    })
}

impl Binding {
    /// Loads and validates; on failure prints why and returns `None` (exit code 2).
    pub fn load(args: &BindingArgs, out: &Out) -> Option<Binding> {
        Self::load_with(args, out, false)
    }

    /// Like [`Binding::load`], but a saved profile's value that the wizard rejects is kept in
    /// `profile` (and left out of `values`) rather than refused: a report or a hand-off shows an
    /// unfinished binding as it is. A rejected `--set` value is still refused.
    pub fn load_lenient(args: &BindingArgs, out: &Out) -> Option<Binding> {
        Self::load_with(args, out, true)
    }

    fn load_with(args: &BindingArgs, out: &Out, lenient: bool) -> Option<Binding> {
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

    fn try_load(args: &BindingArgs, out: &Out, lenient: bool) -> Result<Binding, Vec<String>> {
        let (template, saved) = match (&args.profile, &args.template) {
            (Some(path), _) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| vec![format!("{}: {e}", path.display())])?;
                let p: Profile = serde_json::from_str(&text)
                    .map_err(|e| vec![format!("{}: {e}", path.display())])?;
                let template = load_template(
                    args.template.as_deref().unwrap_or(&p.template_id),
                    data_dir_of(path, &p.id).as_deref(),
                )
                .map_err(|e| vec![e.to_string()])?;
                (template, Some(p.without_secret_values()))
            }
            (None, Some(t)) => (
                load_template(t, None).map_err(|e| vec![e.to_string()])?,
                None,
            ),
            (None, None) => {
                return Err(vec![out.say(
                    "需要 --profile FILE 或 --template ID",
                    "give --profile FILE or --template ID",
                )])
            }
        };
        let profile_id = saved.as_ref().map(|p| p.id.clone());
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
            Ok(Binding {
                profile_id,
                template,
                values,
                url_patterns: profile.url_patterns.clone(),
                profile,
                path: args.profile.clone(),
            })
        } else {
            Err(problems)
        }
    }

    pub fn urls(&self) -> Vec<GeneratedUrl> {
        generate(&self.template, &self.values, &self.url_patterns)
    }
}
