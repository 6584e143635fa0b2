//! The CLI's own errors: what goes wrong before a command reaches the core's answer (a template
//! that cannot be loaded, practice mode that cannot start). Printed as `✗ message` or as the JSON
//! error's `message`; the texts are part of the CLI's output.

use dingbind_core::host::FileError;
use dingbind_core::template::TemplateError;
use dingbind_core::Lang;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// `--template` is no built-in id, no template of the data folder, and no readable file (or
    /// one too big to be a template).
    #[error("`{id_or_path}` is neither a built-in template nor a readable file: {}", source.text().en)]
    TemplateUnreadable {
        id_or_path: String,
        source: FileError,
    },
    /// The template file was read but is not a valid template.
    #[error("{id_or_path}:{}: `{}`: {}", source.line, source.field, source.message.en)]
    TemplateInvalid {
        id_or_path: String,
        source: TemplateError,
    },
    /// `--practice` named no scenario, or the simulator could not start.
    #[cfg(feature = "practice")]
    #[error("{0}")]
    Practice(#[from] dingbind_practice::PracticeError),
    /// `--practice` in a build without practice mode (the one meant for servers).
    #[cfg(not(feature = "practice"))]
    #[error("this dingbind has no practice mode: it is the build for servers (practice mode needs `cargo build -p dingbind-cli --features practice`)")]
    NoPractice,
}

impl CliError {
    /// What to print, in the language asked for (`--lang`); the core's part in its own words.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CliError::TemplateUnreadable { id_or_path, source }, Lang::Zh) => format!(
                "`{id_or_path}` 既不是内置模板，也不是能读取的模板文件：{}",
                source.text().zh
            ),
            (CliError::TemplateInvalid { id_or_path, source }, _) => {
                format!("{id_or_path}: {}", source.text().get(lang))
            }
            #[cfg(feature = "practice")]
            (CliError::Practice(e), _) => dingbind_core::UserError::text(e).get(lang).to_string(),
            _ => self.to_string(),
        }
    }
}
