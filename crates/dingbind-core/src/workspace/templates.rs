//! Adding the admin's own template file: checked exactly as at start-up (field and line of the
//! first problem), then copied into `<data>/templates/` so it is there next time, and offered at
//! once. A built-in's id is refused; a user template with the same id is replaced in place.

use super::{Result, Workspace};
use crate::host::MAX_TEMPLATE_BYTES;
use crate::i18n::Text;
use crate::store::atomic_write;
use crate::template::{self, Template, TemplateProblem};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use ts_rs::TS;

/// What adding a template file gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplateAdded {
    /// Stored and offered; `replaced` when it took the place of an older version of itself.
    Added { template: Template, replaced: bool },
    /// Not a usable template: where and why (nothing was stored).
    Refused { problem: TemplateProblem },
}

impl Workspace {
    /// Checks `src` (read from `file`, named in problems) and, when it is a good template, stores
    /// it in the templates folder and adds it to [`Workspace::templates`].
    pub fn add_template(&self, file: &str, src: &[u8]) -> Result<TemplateAdded> {
        let refuse = |line, field: &str, message: Text| {
            Ok(TemplateAdded::Refused {
                problem: TemplateProblem {
                    file: file.to_string(),
                    line,
                    field: field.to_string(),
                    message,
                },
            })
        };
        if src.len() > MAX_TEMPLATE_BYTES {
            let size = src.len();
            return refuse(
                0,
                "",
                Text::new(
                    format!("文件有 {size} 字节，太大了，不是模板文件"),
                    format!("{size} bytes is too big for a template"),
                ),
            );
        }
        let Ok(text) = std::str::from_utf8(src) else {
            return refuse(
                0,
                "",
                Text::new("不是 UTF-8 编码的文本文件", "not a UTF-8 text file"),
            );
        };
        let parsed = match template::parse(text) {
            Ok(t) => t,
            Err(e) => return refuse(e.line, &e.field, e.message),
        };
        if template::builtin(&parsed.id).is_some() {
            let message = Text::new(
                format!("`{}` 是内置模板的 id，请给你的模板换一个 id", parsed.id),
                format!(
                    "`{}` is the id of a built-in template; give yours its own id",
                    parsed.id
                ),
            );
            return refuse(id_line(text), "id", message);
        }
        let dir = self.store.templates_dir();
        let existing = file_with_id(&dir, &parsed.id);
        let path = existing
            .clone()
            .unwrap_or_else(|| dir.join(format!("{}.toml", parsed.id)));
        atomic_write(&path, text.as_bytes())?;

        let mut list = self.templates.write().unwrap_or_else(|p| p.into_inner());
        let fresh = Arc::new(parsed.clone());
        let replaced = match list.iter_mut().find(|t| t.id == parsed.id) {
            Some(slot) => {
                *slot = fresh;
                true
            }
            None => {
                list.push(fresh);
                existing.is_some()
            }
        };
        Ok(TemplateAdded::Added {
            template: parsed,
            replaced,
        })
    }
}

/// The line of the top-level `id = …` key (for pointing at it).
fn id_line(src: &str) -> usize {
    src.lines()
        .position(|l| l.split_once('=').is_some_and(|(key, _)| key.trim() == "id"))
        .map_or(0, |i| i + 1)
}

/// The template file in `dir` that already declares `id`, so a new version replaces it rather
/// than making a second file with the same id (which start-up would refuse).
fn file_with_id(dir: &Path, id: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .find(|p| {
            std::fs::read_to_string(p)
                .ok()
                .and_then(|src| template::parse(&src).ok())
                .is_some_and(|t| t.id == id)
        })
}
