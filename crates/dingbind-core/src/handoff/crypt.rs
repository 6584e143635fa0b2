//! Passphrase encryption of the hand-off with age (scrypt recipient, binary `age-encryption.org/v1`
//! format), so the server team can open it with the standard `age -d` and no Dingbind. A passphrase
//! rather than a key pair because the admin and the server team share nothing else; the passphrase
//! travels by another channel (phone, chat) than the file.

use crate::field::Field;
use crate::i18n::Text;
use age::secrecy::SecretString;
use base64::Engine;
use serde::Serialize;
use std::io::Read;
use ts_rs::TS;

/// The first bytes of every binary age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/";
const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const ARMOR_END: &str = "-----END AGE ENCRYPTED FILE-----";
/// The scrypt work factor (log2 N) we accept when decrypting: the reference `age` CLI's own limit.
/// It bounds the memory a hostile file can make us spend (128 · 8 · 2^22 bytes = 4 GiB at most);
/// files from `age -p` (18) and from Dingbind (about one second of work) are well under it.
const MAX_WORK_FACTOR: u8 = 22;

/// Why encrypting, decrypting or exporting failed. Serialised for IPC as `{ "code": ..., ... }`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum HandoffError {
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// An age file encrypted to a key (`age -r`), which a passphrase cannot open.
    #[error("the file is encrypted to a key, not with a passphrase")]
    NotPassphraseEncrypted,
    #[error("the encrypted file is damaged: {detail}")]
    Damaged { detail: String },
    #[error("encryption failed: {detail}")]
    Encrypt { detail: String },
    /// A secret to be exported fails validation (the message says why; never the value).
    #[error("the {field} is not valid: {}", message.en)]
    InvalidSecret { field: Field, message: Text },
    /// A passphrase came for an encrypted import, but no encrypted file is waiting for one.
    #[error("no encrypted file is waiting for its passphrase")]
    NothingWaiting,
}

impl HandoffError {
    /// A stable code (see [`crate::error`]): the tag this error is serialised with.
    pub fn code(&self) -> &'static str {
        match self {
            HandoffError::EmptyPassphrase => "empty_passphrase",
            HandoffError::WrongPassphrase => "wrong_passphrase",
            HandoffError::NotPassphraseEncrypted => "not_passphrase_encrypted",
            HandoffError::Damaged { .. } => "damaged",
            HandoffError::Encrypt { .. } => "encrypt",
            HandoffError::InvalidSecret { .. } => "invalid_secret",
            HandoffError::NothingWaiting => "nothing_waiting",
        }
    }

    /// The same as [`HandoffError::message`], under the name every admin-facing error uses.
    pub fn text(&self) -> Text {
        self.message()
    }

    /// What to tell the admin.
    pub fn message(&self) -> Text {
        match self {
            HandoffError::EmptyPassphrase => Text::new(
                "请设置一个口令：加密文件要靠它打开。",
                "Choose a passphrase: the encrypted file is opened with it.",
            ),
            HandoffError::WrongPassphrase => Text::new(
                "口令不对，无法打开这个加密文件。请向发送文件的人核对口令（区分大小写）。",
                "That passphrase does not open this encrypted file. Check it with whoever sent the file (it is case-sensitive).",
            ),
            HandoffError::NotPassphraseEncrypted => Text::new(
                "这个文件是用密钥（而不是口令）加密的，Dingbind 打不开。请让对方用口令重新加密。",
                "This file was encrypted to a key, not with a passphrase, so Dingbind cannot open it. Ask for it to be encrypted with a passphrase.",
            ),
            HandoffError::Damaged { .. } => Text::new(
                "加密文件已损坏或不完整（可能传输时被截断或改动），请让对方重新导出。",
                "The encrypted file is damaged or incomplete (cut off or altered on the way). Ask for a fresh export.",
            ),
            HandoffError::Encrypt { detail } => Text::new(
                format!("加密失败：{detail}"),
                format!("Encryption failed: {detail}"),
            ),
            HandoffError::InvalidSecret { field, message } => Text::new(
                format!("「{}」无效，未导出：{}", field.label().zh, message.zh),
                format!(
                    "The {} is not valid, so nothing was exported: {}",
                    field.label().en,
                    message.en
                ),
            ),
            HandoffError::NothingWaiting => Text::new(
                "没有等待输入口令的加密文件，请重新选择要导入的文件。",
                "No encrypted file is waiting for its passphrase; choose the file to import again.",
            ),
        }
    }
}

/// Whether `bytes` is an age file, binary or ASCII-armoured.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC) || bytes.trim_ascii_start().starts_with(ARMOR_BEGIN.as_bytes())
}

/// Encrypts `plain` with `passphrase` into a binary age file.
pub fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, HandoffError> {
    if passphrase.is_empty() {
        return Err(HandoffError::EmptyPassphrase);
    }
    let recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    age::encrypt(&recipient, plain).map_err(|e| HandoffError::Encrypt {
        detail: e.to_string(),
    })
}

/// Decrypts an age file (binary or armoured) made with a passphrase.
pub fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, HandoffError> {
    if passphrase.is_empty() {
        return Err(HandoffError::EmptyPassphrase);
    }
    let binary = dearmor(bytes)?;
    let damaged = |e: &dyn std::fmt::Display| HandoffError::Damaged {
        detail: e.to_string(),
    };
    let decryptor = age::Decryptor::new_buffered(binary.as_slice()).map_err(|e| damaged(&e))?;
    if !decryptor.is_scrypt() {
        return Err(HandoffError::NotPassphraseEncrypted);
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            // The scrypt stanza is the only one and it did not open: the passphrase is wrong.
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                HandoffError::WrongPassphrase
            }
            other => damaged(&other),
        })?;
    let mut plain = Vec::new();
    // Past the header the passphrase is known good, so a failure here is a cut or altered payload.
    reader.read_to_end(&mut plain).map_err(|e| damaged(&e))?;
    Ok(plain)
}

/// The binary age file inside ASCII armour (RFC 7468-style base64 between the BEGIN/END lines), or
/// `bytes` unchanged when it is not armoured. Done here rather than with age's `armor` feature so a
/// file pasted through a chat window (stray spaces, CRLF) still opens.
fn dearmor(bytes: &[u8]) -> Result<Vec<u8>, HandoffError> {
    let trimmed = bytes.trim_ascii_start();
    if !trimmed.starts_with(ARMOR_BEGIN.as_bytes()) {
        return Ok(bytes.to_vec());
    }
    let damaged = |detail: &str| HandoffError::Damaged {
        detail: detail.to_string(),
    };
    let text = std::str::from_utf8(trimmed).map_err(|_| damaged("armour is not text"))?;
    let body = text[ARMOR_BEGIN.len()..]
        .split(ARMOR_END)
        .next()
        .filter(|_| text.contains(ARMOR_END))
        .ok_or_else(|| damaged("the END line of the armour is missing"))?;
    let b64: String = body.split_ascii_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|e| damaged(&format!("armour: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn armour_is_recognised_and_unwrapped() {
        let inner = b"age-encryption.org/v1\nrest";
        let b64 = base64::engine::general_purpose::STANDARD.encode(inner);
        let armoured = format!("\r\n{ARMOR_BEGIN}\r\n{b64}\r\n{ARMOR_END}\r\n");
        assert!(is_encrypted(armoured.as_bytes()));
        assert_eq!(dearmor(armoured.as_bytes()).unwrap(), inner);
        assert!(matches!(
            dearmor(format!("{ARMOR_BEGIN}\n{b64}\n").as_bytes()),
            Err(HandoffError::Damaged { .. })
        ));
        assert!(!is_encrypted(b"{\"kind\": \"dingbind-manifest\"}"));
    }

    #[test]
    fn empty_passphrases_are_refused_before_any_work() {
        assert_eq!(encrypt(b"x", ""), Err(HandoffError::EmptyPassphrase));
        assert_eq!(decrypt(b"x", ""), Err(HandoffError::EmptyPassphrase));
    }
}
