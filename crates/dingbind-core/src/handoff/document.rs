//! The outer checks of an import, before any field is looked at: is it text, is it JSON, is it a
//! hand-off at all, and one this build can read. These are the mistakes a person makes when picking
//! a file (a report, a profile, a future version), so each message names what was picked instead.

use super::import::{ImportError, ImportErrorCode};
use super::manifest::{KIND, SUPPORTED_VERSIONS};
use super::walk::{refuse, Object};
use crate::i18n::Text;
use serde_json::Value;

pub(crate) fn not_manifest(pointer: String, zh: &str, en: &str) -> ImportError {
    refuse(ImportErrorCode::NotManifest, pointer, Text::new(zh, en))
}

/// The bytes as JSON, or where they stop being JSON.
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        refuse(ImportErrorCode::NotJson, String::new(), Text::new(
            "这个文件不是文本文件，可能选错了文件。Dingbind 交接文件是 .json 文件或加密的 .age 文件。",
            "This file is not text; perhaps the wrong file was chosen. A Dingbind hand-off is a .json file or an encrypted .age file.",
        ))
    })?;
    // Windows editors put a byte-order mark in front; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(refuse(
            ImportErrorCode::NotJson,
            String::new(),
            Text::new("文件是空的。", "The file is empty."),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let message = if e.is_eof() {
            Text::new(
                format!("文件在第 {line} 行第 {column} 列提前结束，可能没有复制完整。"),
                format!("The file ends early at line {line}, column {column}; it was probably not copied completely."),
            )
        } else {
            Text::new(
                format!("第 {line} 行第 {column} 列不是有效的 JSON。文件可能被手工改坏了，请让对方重新导出。"),
                format!("This is not valid JSON at line {line}, column {column}. The file was probably damaged by hand-editing; ask for a fresh export."),
            )
        };
        refuse(ImportErrorCode::NotJson, String::new(), message)
    })
}

/// `kind` must be ours; a profile or a report given by mistake is named as such.
pub(crate) fn check_kind(root: &Object) -> Result<(), ImportError> {
    match root.get("kind") {
        Some(Value::String(k)) if k == KIND => Ok(()),
        Some(Value::String(k)) => Err(not_manifest("/kind".into(),
            &format!("这个文件的类型是“{k}”，不是 Dingbind 交接文件（{KIND}）。"),
            &format!("This file is of kind “{k}”, not a Dingbind hand-off ({KIND})."),
        )),
        Some(_) => Err(not_manifest("/kind".into(),
            &format!("这个文件的“kind”不是 {KIND}，不是 Dingbind 交接文件。"),
            &format!("This file's “kind” is not {KIND}: it is not a Dingbind hand-off."),
        )),
        None if root.contains_key("template_id") && root.contains_key("values") => Err(not_manifest("/kind".into(),
            "这是 Dingbind 的绑定配置文件（profile），不是交接文件。请在 Dingbind 里用“导出给服务器团队”生成交接文件。",
            "This is a Dingbind profile file, not a hand-off. Use “Export for the server team” in Dingbind to make one.",
        )),
        None if root.contains_key("checks") => Err(not_manifest("/kind".into(),
            "这是一份检查报告，不是交接文件。请在 Dingbind 里用“导出给服务器团队”生成交接文件。",
            "This is a check report, not a hand-off. Use “Export for the server team” in Dingbind to make one.",
        )),
        None => Err(not_manifest("/kind".into(),
            &format!("这个 JSON 文件不是 Dingbind 交接文件（缺少 \"kind\": \"{KIND}\"）。"),
            &format!("This JSON file is not a Dingbind hand-off (it has no \"kind\": \"{KIND}\")."),
        )),
    }
}

pub(crate) fn check_version(root: &Object) -> Result<(), ImportError> {
    let supported: Vec<String> = SUPPORTED_VERSIONS.iter().map(u32::to_string).collect();
    let supported = supported.join(", ");
    let found = match root.get("schema_version") {
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => String::new(),
        Some(_) => {
            return Err(refuse(
                ImportErrorCode::WrongType,
                "/schema_version".into(),
                Text::new(
                    format!("“schema_version”应是一个数字（本版支持 {supported}）。"),
                    format!(
                        "“schema_version” should be a number (this version reads {supported})."
                    ),
                ),
            ))
        }
    };
    let ok = root
        .get("schema_version")
        .and_then(Value::as_u64)
        .is_some_and(|v| SUPPORTED_VERSIONS.iter().any(|&s| u64::from(s) == v));
    if ok {
        return Ok(());
    }
    let message = if found.is_empty() {
        Text::new(
            format!("文件里缺少格式版本“schema_version”。本版 Dingbind 能读取的版本：{supported}。"),
            format!("The file has no “schema_version”. This version of Dingbind reads versions {supported}."),
        )
    } else {
        Text::new(
            format!("这个文件的格式版本是 {found}，本版 Dingbind 只能读取版本 {supported}。请升级 Dingbind，或让对方用相同版本重新导出。"),
            format!("This file is format version {found}; this version of Dingbind reads only version {supported}. Update Dingbind, or ask for an export from the same version."),
        )
    };
    Err(refuse(
        ImportErrorCode::UnsupportedVersion,
        "/schema_version".into(),
        message,
    ))
}
