//! What a command binds: a saved profile (`--profile FILE`) or a template with values given on the
//! command line (`--template ID|FILE --set key=value ...`), so a server script needs no profile.
//! Secrets never come from argv.

use crate::Out;
use dingbind_core::field::Field;
use dingbind_core::profile::Profile;
use dingbind_core::template::{self, Template};
use dingbind_core::urls::{generate, GeneratedUrl};
use dingbind_core::validate::validate;
use std::collections::BTreeMap;
use std::path::PathBuf;

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
}

fn load_template(id_or_path: &str) -> Result<Template, String> {
    if let Some(t) = template::builtin(id_or_path) {
        return Ok(t.clone());
    }
    let src = std::fs::read_to_string(id_or_path).map_err(|e| {
        format!("`{id_or_path}` is neither a built-in template nor a readable file: {e}")
    })?;
    template::parse(&src)
        .map_err(|e| format!("{id_or_path}:{}: `{}`: {}", e.line, e.field, e.message))
}

impl Binding {
    /// Loads and validates; on failure prints why and returns `None` (exit code 2).
    pub fn load(args: &BindingArgs, out: &Out) -> Option<Binding> {
        match Self::try_load(args, out) {
            Ok(b) => Some(b),
            Err(problems) => {
                if out.json {
                    out.json(&serde_json::json!({ "error": "bad_input", "problems": problems }));
                } else {
                    for p in problems {
                        eprintln!("✗ {p}");
                    }
                }
                None
            }
        }
    }

    fn try_load(args: &BindingArgs, out: &Out) -> Result<Binding, Vec<String>> {
        let mut profile_id = None;
        let (template, raw, url_patterns) = match (&args.profile, &args.template) {
            (Some(path), _) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| vec![format!("{}: {e}", path.display())])?;
                let p: Profile = serde_json::from_str(&text)
                    .map_err(|e| vec![format!("{}: {e}", path.display())])?;
                let template = load_template(args.template.as_deref().unwrap_or(&p.template_id))
                    .map_err(|e| vec![e])?;
                profile_id = Some(p.id.clone());
                (template, p.values, p.url_patterns)
            }
            (None, Some(t)) => (
                load_template(t).map_err(|e| vec![e])?,
                BTreeMap::new(),
                BTreeMap::new(),
            ),
            (None, None) => {
                return Err(vec![out.say(
                    "需要 --profile FILE 或 --template ID",
                    "give --profile FILE or --template ID",
                )])
            }
        };
        let mut raw = raw;
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
                }
                None => problems.push(format!("--set {k}: unknown key")),
            }
        }
        let mut values = BTreeMap::new();
        for (f, v) in raw.into_iter().filter(|(f, _)| !f.is_secret()) {
            let verdict = validate(f, &v);
            match verdict.message {
                Some(m) if !verdict.ok => problems.push(format!("{f}: {}", out.t(&m))),
                _ => {
                    values.insert(f, verdict.value);
                }
            }
        }
        if problems.is_empty() {
            Ok(Binding {
                profile_id,
                template,
                values,
                url_patterns,
            })
        } else {
            Err(problems)
        }
    }

    pub fn urls(&self) -> Vec<GeneratedUrl> {
        generate(&self.template, &self.values, &self.url_patterns)
    }
}
