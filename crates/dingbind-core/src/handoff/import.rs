//! Importing a hand-off: bytes in (plain JSON or an age file), the makings of a new profile out, or
//! one refusal that says where and why. Refusing is the point: a wrong CorpId taken in silently
//! costs an afternoon of "errcode 40089" later. A secret in a plain file is refused outright —
//! accepting it would teach people that mailing secrets in JSON works.
//!
//! The function is pure: it writes nothing and stores no secret; the caller decides.

use super::document::{check_kind, check_version, not_manifest, parse};
use super::manifest::{assemble, Manifest, SecretState};
use super::walk::{self, opt_object, opt_str, opt_text, pointer, refuse};
use super::{crypt, HandoffError};
use crate::field::Field;
use crate::i18n::Text;
use crate::profile::{evaluate, Profile, SUMMARY_STEP};
use crate::secrets::mask;
use crate::template::Template;
use crate::urls::generate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Why an import was refused; the UI switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportErrorCode {
    /// The file is encrypted and no passphrase was given: ask for one and try again.
    PassphraseNeeded,
    WrongPassphrase,
    /// An age file that is cut off, altered, or encrypted to a key.
    Damaged,
    NotJson,
    /// JSON, but not a hand-off (a profile, a report, anything else).
    NotManifest,
    UnsupportedVersion,
    UnknownTemplate,
    WrongType,
    /// A value that validation rejects, or a name the template does not know.
    Invalid,
    /// Secret values in a file that was not encrypted.
    PlainSecrets,
}

/// A refusal: what kind, where (RFC 6901 pointer into the manifest; `""` is the whole file) and a
/// message for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{} (at `{pointer}`)", message.en)]
pub struct ImportError {
    pub code: ImportErrorCode,
    pub pointer: String,
    pub message: Text,
}

impl ImportErrorCode {
    /// The snake_case name it is serialised with.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportErrorCode::PassphraseNeeded => "passphrase_needed",
            ImportErrorCode::WrongPassphrase => "wrong_passphrase",
            ImportErrorCode::Damaged => "damaged",
            ImportErrorCode::NotJson => "not_json",
            ImportErrorCode::NotManifest => "not_manifest",
            ImportErrorCode::UnsupportedVersion => "unsupported_version",
            ImportErrorCode::UnknownTemplate => "unknown_template",
            ImportErrorCode::WrongType => "wrong_type",
            ImportErrorCode::Invalid => "invalid",
            ImportErrorCode::PlainSecrets => "plain_secrets",
        }
    }
}

impl ImportError {
    /// A stable code (see [`crate::error`]): the name of [`ImportError::code`]'s kind.
    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }

    /// What to tell the admin (the pointer is shown beside it).
    pub fn text(&self) -> Text {
        self.message.clone()
    }
}

impl From<HandoffError> for ImportError {
    fn from(e: HandoffError) -> Self {
        let code = match e {
            HandoffError::EmptyPassphrase => ImportErrorCode::PassphraseNeeded,
            HandoffError::WrongPassphrase => ImportErrorCode::WrongPassphrase,
            _ => ImportErrorCode::Damaged,
        };
        refuse(code, String::new(), e.message())
    }
}

/// Something odd but harmless, shown after a successful import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportWarning {
    pub pointer: String,
    pub message: Text,
}

/// What a hand-off file holds, checked. Deliberately not `Serialize`: it carries secret values,
/// and the caller should move them to the keychain rather than pass the whole thing around.
#[derive(Clone, PartialEq, Eq)]
pub struct Imported {
    /// The manifest as Dingbind reads it: values normalised, URLs regenerated from them, secret
    /// states as they now are, and never `secret_values` (those are in `secrets`).
    pub manifest: Manifest,
    /// Non-secret values, validated and normalised; the keys of a profile's `values`.
    pub profile_values: BTreeMap<Field, String>,
    pub url_patterns: BTreeMap<String, String>,
    pub confirmations: BTreeMap<String, String>,
    /// Secret values; empty unless the file was encrypted.
    pub secrets: BTreeMap<Field, String>,
    /// Whether the file was an age file.
    pub encrypted: bool,
    pub warnings: Vec<ImportWarning>,
}

impl std::fmt::Debug for Imported {
    // Secrets are masked so a stray `{:?}` in a log cannot leak them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let masked: BTreeMap<_, _> = self.secrets.iter().map(|(k, v)| (k, mask(v))).collect();
        f.debug_struct("Imported")
            .field("manifest", &self.manifest)
            .field("profile_values", &self.profile_values)
            .field("url_patterns", &self.url_patterns)
            .field("confirmations", &self.confirmations)
            .field("secrets", &masked)
            .field("encrypted", &self.encrypted)
            .field("warnings", &self.warnings)
            .finish()
    }
}

impl Imported {
    /// A new profile holding the imported binding, on the first step still to do. Secrets are not
    /// in it (store `self.secrets` in the keychain and record their locations).
    pub fn profile(&self, id: String, template: &Template, now: String) -> Profile {
        let mut p = Profile::new(id, self.manifest.profile_name.clone(), template, now);
        p.values = self.profile_values.clone();
        p.url_patterns = self.url_patterns.clone();
        p.confirmations = self.confirmations.clone();
        p.current_step = evaluate(template, &p, &self.secrets)
            .steps
            .iter()
            .find(|s| !s.complete)
            .map_or_else(|| SUMMARY_STEP.to_string(), |s| s.id.clone());
        p
    }
}

/// Reads a hand-off file. An age file (binary or armoured) needs `passphrase`; a plain file
/// ignores it. `find_template` looks a template up by id (built-ins and the admin's own).
pub fn import(
    bytes: &[u8],
    passphrase: Option<&str>,
    find_template: impl Fn(&str) -> Option<Template>,
) -> Result<Imported, ImportError> {
    let encrypted = crypt::is_encrypted(bytes);
    let plain = if encrypted {
        let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
            return Err(refuse(
                ImportErrorCode::PassphraseNeeded,
                String::new(),
                Text::new(
                    "这个文件是加密的（里面有密钥），请输入导出时设置的口令。",
                    "This file is encrypted (it holds secrets). Enter the passphrase it was exported with.",
                ),
            ));
        };
        crypt::decrypt(bytes, passphrase)?
    } else {
        bytes.to_vec()
    };
    let doc = parse(&plain)?;
    let Value::Object(root) = &doc else {
        return Err(not_manifest(
            String::new(),
            "这个文件不是 Dingbind 交接文件：内容不是一个 JSON 对象。",
            "This is not a Dingbind hand-off file: it is not a JSON object.",
        ));
    };
    check_kind(root)?;
    check_version(root)?;
    let template_obj = opt_object(root, "template", "")?.ok_or_else(|| {
        refuse(
            ImportErrorCode::WrongType,
            "/template".into(),
            Text::new(
                "文件里缺少“template”（用的是哪个平台模板）。请让对方重新导出。",
                "The file has no “template” (which platform template it is for). Ask for a fresh export.",
            ),
        )
    })?;
    let template_id = opt_str(template_obj, "id", "/template")?.unwrap_or_default();
    let file_name = opt_text(template_obj, "name", "/template")?;
    let template = find_template(template_id).ok_or_else(|| {
        let name = file_name.clone().unwrap_or_else(|| Text::new(template_id, template_id));
        refuse(
            ImportErrorCode::UnknownTemplate,
            "/template/id".into(),
            Text::new(
                format!("这个文件用的平台模板「{}」（{template_id}）在本机没有。请先导入该模板，再导入此文件。", name.zh),
                format!("This file uses the platform template “{}” ({template_id}), which is not on this computer. Import that template first, then this file.", name.en),
            ),
        )
    })?;

    // A secret at the top level is how a hand-written file would carry one; it is still a secret.
    for field in Field::ALL.into_iter().filter(|f| f.is_secret()) {
        let carried = root
            .get(field.key())
            .is_some_and(|v| !v.is_null() && v.as_str() != Some(""));
        if carried {
            return Err(if encrypted {
                refuse(
                    ImportErrorCode::Invalid,
                    pointer("", field.key()),
                    Text::new(
                        format!(
                            "「{}」应放在“secret_values”里，而不是文件顶层。",
                            field.label().zh
                        ),
                        format!(
                            "The {} belongs under “secret_values”, not at the top level.",
                            field.label().en
                        ),
                    ),
                )
            } else {
                plain_secrets(pointer("", field.key()))
            });
        }
    }
    let found_secret_values = opt_object(root, "secret_values", "")?;
    if found_secret_values.is_some() && !encrypted {
        return Err(plain_secrets("/secret_values".into()));
    }

    let mut warnings = Vec::new();
    let generated_at = opt_str(root, "generated_at", "")?
        .unwrap_or_default()
        .to_string();
    let app_version = opt_str(root, "app_version", "")?
        .unwrap_or_default()
        .to_string();
    let profile_name = opt_str(root, "profile_name", "")?
        .unwrap_or_default()
        .to_string();
    let values = walk::values(root, &template, &mut warnings)?;
    let url_patterns = walk::url_patterns(root, &template)?;
    let generated = generate(&template, &values, &url_patterns);
    for (name, url) in walk::string_map(root, "urls")? {
        match generated.iter().find(|g| g.name == name).map(|g| g.url.as_deref()) {
            Some(Some(ours)) if ours == url => {}
            Some(Some(ours)) => warnings.push(ImportWarning {
                pointer: pointer("/urls", &name),
                message: Text::new(
                    format!("文件里的地址与按这些值生成的不同，将使用 {ours}"),
                    format!("The file's URL differs from the one these values give; Dingbind uses {ours}"),
                ),
            }),
            _ => warnings.push(ImportWarning {
                pointer: pointer("/urls", &name),
                message: Text::new(
                    format!("模板「{}」现在不生成“{name}”地址，已忽略。", template.name.zh),
                    format!("The template “{}” no longer makes a “{name}” URL; ignored.", template.name.en),
                ),
            }),
        }
    }
    if let Some(v) = root
        .get("required_scopes")
        .filter(|v| !v.is_array() && !v.is_null())
    {
        return Err(refuse(
            ImportErrorCode::WrongType,
            "/required_scopes".into(),
            Text::new(
                format!(
                    "文件中“required_scopes”应是列表，实际是{}。",
                    if v.is_object() { "对象" } else { "单个值" }
                ),
                "“required_scopes” in the file should be a list.",
            ),
        ));
    }
    let confirmations = walk::confirmations(root, &template, &mut warnings)?;
    let states = walk::secret_states(root)?;
    let secrets = match found_secret_values {
        Some(found) => walk::secret_values(found, &template, &values, &mut warnings)?,
        None => BTreeMap::new(),
    };
    for (field, state) in &states {
        if *state == SecretState::Included && !secrets.contains_key(field) {
            return Err(refuse(ImportErrorCode::Invalid, pointer("/secret_values", field.key()), Text::new(
                format!("文件写明包含「{}」，但找不到它的值。文件可能被改动过，请让对方重新导出。", field.label().zh),
                format!("The file says it includes the {}, but its value is not there. The file may have been altered; ask for a fresh export.", field.label().en),
            )));
        }
    }

    let mut manifest = assemble(
        &template,
        &values,
        url_patterns.clone(),
        confirmations.clone(),
        |f| match (secrets.contains_key(&f), states.get(&f)) {
            (true, _) => SecretState::Included,
            (false, Some(SecretState::Present)) => SecretState::Present,
            _ => SecretState::Absent,
        },
    );
    manifest.generated_at = generated_at;
    manifest.app_version = app_version;
    manifest.profile_name = profile_name;
    Ok(Imported {
        manifest,
        profile_values: values,
        url_patterns,
        confirmations,
        secrets,
        encrypted,
        warnings,
    })
}

fn plain_secrets(pointer: String) -> ImportError {
    refuse(ImportErrorCode::PlainSecrets, pointer, Text::new(
        "这个未加密的文件里有密钥，已拒绝导入：密钥只能放在加密文件里传递。请让对方删除此文件，改用“加密导出”并通过电话等其他渠道告知口令；如果密钥已经外泄，请在钉钉后台重置。",
        "This unencrypted file contains secrets, so it was refused: secrets may only travel in an encrypted file. Ask the sender to delete it and use the encrypted export, telling you the passphrase another way (e.g. by phone). If the secret has leaked, reset it in the DingTalk console.",
    ))
}
