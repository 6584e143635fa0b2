//! DingTalk HTTP event-callback crypto (事件订阅 · HTTP 推送加解密).
//!
//! This module owns the message-level crypto of DingTalk's HTTP push mode: the `aes_key` /
//! `token` pair from 开发配置 › 事件订阅, the AES-256-CBC envelope with its owner-key trailer,
//! the SHA-1 request signature, the encrypted `"success"` reply that a `check_url` event
//! requires, and the DingTalk-side view of the same operations (building an inbound event,
//! checking a reply) for simulators and tests. It does no HTTP itself.
//!
//! The algorithm is DingTalk's, as implemented by the official `DingTalk-Callback-Crypto`
//! library and written up in docs/dingtalk/callback.md#crypto (aes_key and token rules in
//! docs/dingtalk/callback.md#settings, error codes 900004/900005/900010 in
//! docs/dingtalk/errors.md#callback-codes; callback pitfalls in
//! docs/dingtalk/errors.md#fm9-event-subscription-and-callback-url-check-failures):
//!
//! * `AESKey = base64decode(aes_key + "=")` (32 bytes), AES-256-CBC, `IV = AESKey[0..16]`;
//! * plaintext `= random(16) || len(msg) as u32 big-endian || msg (UTF-8) || owner_key`,
//!   PKCS#7-padded to a **32-byte** block (a full 32-byte block when already aligned);
//! * `signature = hex(sha1(concat(sort([token, timestamp, nonce, encrypt]))))`, lowercase.
//!
//! The owner key is the app's **Client ID (AppKey)** for events configured in the developer
//! console, the **CorpId** for callbacks registered with the old `call_back/register_call_back`
//! API, and the suiteKey for third-party apps. Using the wrong one is the classic
//! `900010 计算解密文字corpid不匹配`; [`CryptoError::OwnerKeyMismatch`] reports what DingTalk used.
//!
//! ```
//! use dingtalk::callback_crypto::{Crypto, CHECK_URL_EVENT};
//!
//! let aes_key = "kZ3pQ8rT1vX6yB2nM5wL9cF4hJ7dG0sA2eR8tY6uI1p";
//! let dingtalk = Crypto::new("Dbx7TokenQ2mN9", aes_key, "ding4vzvutha4q5gtg9q").unwrap();
//! let platform = dingtalk.clone();
//!
//! let (query, body) = dingtalk.check_url_event("1700000000123", "Dn7kQ2xP9sLm4VbR");
//! let event = platform
//!     .decrypt_request(&query.signature, &query.timestamp, &query.nonce, &body.encrypt)
//!     .unwrap();
//! assert_eq!(event, CHECK_URL_EVENT);
//!
//! let reply = platform.success_reply(); // serialise as the HTTP 200 JSON body
//! assert_eq!(dingtalk.decrypt_reply(&reply).unwrap(), "success");
//! ```

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use aes::Aes256;
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::Engine as _;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use rand::distributions::Alphanumeric;
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

/// Length of a valid `aes_key` (EncodingAESKey): exactly 43 characters of `[A-Za-z0-9]`.
pub const AES_KEY_LEN: usize = 43;
/// DingTalk's PKCS#7 block size. Not AES's 16: the official libraries pad to 32.
pub const PAD_BLOCK: usize = 32;
/// Length of the random prefix of every plaintext.
pub const RANDOM_PREFIX_LEN: usize = 16;
/// Allowed length range of a callback `token` (letters or digits).
pub const TOKEN_LEN_RANGE: std::ops::RangeInclusive<usize> = 3..=32;
/// Length of [`generate_token`]'s tokens.
pub const GENERATED_TOKEN_LEN: usize = 24;
/// Length of [`generate_nonce`]'s nonces (what the official `getEncryptedMap` uses).
pub const NONCE_LEN: usize = 16;
/// The decrypted body of DingTalk's URL-verification event.
pub const CHECK_URL_EVENT: &str = r#"{"EventType":"check_url"}"#;
/// The text that must come back, encrypted, from every callback (see [`Crypto::success_reply`]).
pub const SUCCESS: &str = "success";

/// Length of the plaintext header: random prefix + 4-byte big-endian message length.
const HEADER_LEN: usize = RANDOM_PREFIX_LEN + 4;
/// How much of a mismatching owner-key trailer [`CryptoError::OwnerKeyMismatch`] keeps.
const FOUND_OWNER_KEY_MAX_CHARS: usize = 64;

/// Decodes `aes_key + "="`. The 43rd character carries two unused low bits that DingTalk's
/// keys often set (its Java and Python decoders ignore them), so a strict decoder is wrong here.
const AES_KEY_ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

type Aes256CbcEnc = cbc::Encryptor<Aes256>;
type Aes256CbcDec = cbc::Decryptor<Aes256>;

/// A callback crypto failure, with DingTalk's error code ([`CryptoError::code`]) and its
/// Chinese message ([`CryptoError::message_zh`]). `Display` gives `[code] 中文: English detail`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// 900004 不合法的aes key: the `aes_key` is not exactly 43 characters of `[A-Za-z0-9]`.
    #[error(
        "[900004] 不合法的aes key: the aes_key must be exactly 43 letters or digits [A-Za-z0-9]"
    )]
    BadAesKey,
    /// 900005 签名不匹配: the signature does not match token + timestamp + nonce + encrypt.
    #[error(
        "[900005] 签名不匹配: signature mismatch (wrong token, or the timestamp, nonce or body was altered)"
    )]
    BadSignature,
    /// 900008 计算解密文字错误: the ciphertext is not valid base64, is not a whole number of
    /// AES blocks, has bad padding, a bad length field or a non-UTF-8 message. Usually the
    /// `aes_key` is wrong. `reason` says which check failed.
    #[error(
        "[900008] 计算解密文字错误: cannot decrypt the callback body ({reason}); check the aes_key"
    )]
    Decrypt { reason: &'static str },
    /// 900010 计算解密文字corpid不匹配: decryption worked but the owner-key trailer differs.
    /// `found` is what DingTalk used (lossy UTF-8, at most 64 chars): a CorpId where a Client ID
    /// was expected means the callback was registered through the API, and vice versa.
    #[error(
        "[900010] 计算解密文字corpid不匹配: the message was encrypted for owner key {found:?}, \
         not {expected:?} (console-configured events use the app's Client ID, API-registered \
         callbacks the CorpId)"
    )]
    OwnerKeyMismatch { expected: String, found: String },
}

impl CryptoError {
    /// DingTalk's numeric code for this error (`DingTalkEncryptException` codes).
    pub fn code(&self) -> u32 {
        match self {
            CryptoError::BadAesKey => 900_004,
            CryptoError::BadSignature => 900_005,
            CryptoError::Decrypt { .. } => 900_008,
            CryptoError::OwnerKeyMismatch { .. } => 900_010,
        }
    }

    /// DingTalk's own (Chinese) message for this error, verbatim.
    pub fn message_zh(&self) -> &'static str {
        match self {
            CryptoError::BadAesKey => "不合法的aes key",
            CryptoError::BadSignature => "签名不匹配",
            CryptoError::Decrypt { .. } => "计算解密文字错误",
            CryptoError::OwnerKeyMismatch { .. } => "计算解密文字corpid不匹配",
        }
    }
}

fn decrypt_error(reason: &'static str) -> CryptoError {
    CryptoError::Decrypt { reason }
}

/// The JSON body of the HTTP 200 reply to a callback (`getEncryptedMap` in the official
/// library). Serialises exactly as `{"msg_signature","timeStamp","nonce","encrypt"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedReply {
    pub msg_signature: String,
    #[serde(rename = "timeStamp")]
    pub time_stamp: String,
    pub nonce: String,
    pub encrypt: String,
}

/// The query string of an inbound callback: `?signature=…&timestamp=…&nonce=…`.
/// Deserialisation also accepts the `msg_signature` and `timeStamp` spellings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackQuery {
    #[serde(alias = "msg_signature")]
    pub signature: String,
    #[serde(alias = "timeStamp")]
    pub timestamp: String,
    pub nonce: String,
}

/// The JSON body of an inbound callback: `{"encrypt":"<base64>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackBody {
    pub encrypt: String,
}

/// One callback configuration: token, AES key and owner key (Client ID / CorpId / suiteKey).
///
/// The same value serves both sides: the platform decrypts requests and builds replies, and a
/// simulator playing DingTalk builds requests and checks replies. `Debug` hides the secrets.
#[derive(Clone)]
pub struct Crypto {
    token: String,
    key: [u8; 32],
    owner_key: String,
}

impl fmt::Debug for Crypto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Crypto")
            .field("token", &"<redacted>")
            .field("key", &"<redacted>")
            .field("owner_key", &self.owner_key)
            .finish()
    }
}

impl Crypto {
    /// Builds a crypto context. `encoding_aes_key` must be exactly 43 characters of
    /// `[A-Za-z0-9]` (else [`CryptoError::BadAesKey`], 900004). The token is not validated
    /// (DingTalk's rule is [`is_valid_token`]; a wizard should warn, not refuse).
    pub fn new(token: &str, encoding_aes_key: &str, owner_key: &str) -> Result<Self, CryptoError> {
        if !is_valid_aes_key(encoding_aes_key) {
            return Err(CryptoError::BadAesKey);
        }
        let decoded = AES_KEY_ENGINE
            .decode(format!("{encoding_aes_key}="))
            .map_err(|_| CryptoError::BadAesKey)?;
        let key: [u8; 32] = decoded.try_into().map_err(|_| CryptoError::BadAesKey)?;
        Ok(Crypto {
            token: token.to_owned(),
            key,
            owner_key: owner_key.to_owned(),
        })
    }

    /// The owner key this context encrypts for and expects in decrypted messages.
    pub fn owner_key(&self) -> &str {
        &self.owner_key
    }

    fn iv(&self) -> [u8; 16] {
        let mut iv = [0u8; 16];
        iv.copy_from_slice(&self.key[..16]);
        iv
    }

    /// Encrypts `msg` to DingTalk's base64 envelope. `random16` fixes the 16-byte random prefix
    /// (for known-answer tests); `None` draws 16 random `[A-Za-z0-9]` bytes as the official
    /// library does.
    ///
    /// # Panics
    /// If `msg` is 4 GiB or longer (the length field is 32 bits).
    pub fn encrypt(&self, msg: &str, random16: Option<[u8; 16]>) -> String {
        let random = random16.unwrap_or_else(random_prefix);
        let body = msg.as_bytes();
        let len = u32::try_from(body.len()).expect("callback message must be shorter than 4 GiB");

        let unpadded = HEADER_LEN + body.len() + self.owner_key.len();
        let pad = PAD_BLOCK - unpadded % PAD_BLOCK; // 1..=32; a full block when aligned
        let mut buf = Vec::with_capacity(unpadded + pad);
        buf.extend_from_slice(&random);
        buf.extend_from_slice(&len.to_be_bytes());
        buf.extend_from_slice(body);
        buf.extend_from_slice(self.owner_key.as_bytes());
        // `pad` is at most 32, so the cast is lossless.
        buf.resize(unpadded + pad, pad as u8);

        let total = buf.len();
        let ciphertext = Aes256CbcEnc::new(&self.key.into(), &self.iv().into())
            .encrypt_padded_mut::<NoPadding>(&mut buf, total)
            .expect("plaintext is padded to a multiple of the AES block size");
        STANDARD.encode(ciphertext)
    }

    /// Decrypts a base64 envelope and returns the message. ASCII whitespace in the input is
    /// ignored (some libraries wrap base64 lines). Errors: [`CryptoError::Decrypt`] for bad
    /// base64, length, padding or UTF-8; [`CryptoError::OwnerKeyMismatch`] (900010) when the
    /// trailer is not this context's owner key. Never panics on malformed input.
    pub fn decrypt(&self, encrypt_b64: &str) -> Result<String, CryptoError> {
        let compact: String = encrypt_b64
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let mut buf = STANDARD
            .decode(compact)
            .map_err(|_| decrypt_error("not valid base64"))?;
        if buf.is_empty() || buf.len() % 16 != 0 {
            return Err(decrypt_error(
                "ciphertext is not a whole number of AES blocks",
            ));
        }

        let plain = Aes256CbcDec::new(&self.key.into(), &self.iv().into())
            .decrypt_padded_mut::<NoPadding>(&mut buf)
            .map_err(|_| decrypt_error("ciphertext is not a whole number of AES blocks"))?;

        let pad = usize::from(plain[plain.len() - 1]);
        if pad == 0 || pad > PAD_BLOCK || pad > plain.len() {
            return Err(decrypt_error("bad padding"));
        }
        let (unpadded, padding) = plain.split_at(plain.len() - pad);
        if padding.iter().any(|&b| usize::from(b) != pad) {
            return Err(decrypt_error("bad padding"));
        }
        if unpadded.len() < HEADER_LEN {
            return Err(decrypt_error("plaintext shorter than its 20-byte header"));
        }

        let len_field: [u8; 4] = unpadded[RANDOM_PREFIX_LEN..HEADER_LEN]
            .try_into()
            .map_err(|_| decrypt_error("plaintext shorter than its 20-byte header"))?;
        let msg_end = usize::try_from(u32::from_be_bytes(len_field))
            .ok()
            .and_then(|len| HEADER_LEN.checked_add(len))
            .filter(|&end| end <= unpadded.len())
            .ok_or_else(|| decrypt_error("message length field exceeds the plaintext"))?;
        let (msg, trailer) = unpadded[HEADER_LEN..].split_at(msg_end - HEADER_LEN);

        let msg = std::str::from_utf8(msg).map_err(|_| decrypt_error("message is not UTF-8"))?;
        if trailer != self.owner_key.as_bytes() {
            return Err(CryptoError::OwnerKeyMismatch {
                expected: self.owner_key.clone(),
                found: String::from_utf8_lossy(trailer)
                    .chars()
                    .take(FOUND_OWNER_KEY_MAX_CHARS)
                    .collect(),
            });
        }
        Ok(msg.to_owned())
    }

    /// DingTalk's signature: lowercase hex SHA-1 of `token`, `timestamp`, `nonce` and `encrypt`,
    /// sorted lexicographically and concatenated.
    pub fn signature(&self, timestamp: &str, nonce: &str, encrypt: &str) -> String {
        let mut parts = [self.token.as_str(), timestamp, nonce, encrypt];
        parts.sort_unstable();
        let mut sha = Sha1::new();
        for part in parts {
            sha.update(part.as_bytes());
        }
        hex::encode(sha.finalize())
    }

    /// Checks `signature` against [`Crypto::signature`] (constant-time comparison).
    /// Errors with [`CryptoError::BadSignature`] (900005).
    pub fn verify_signature(
        &self,
        signature: &str,
        timestamp: &str,
        nonce: &str,
        encrypt: &str,
    ) -> Result<(), CryptoError> {
        let expected = self.signature(timestamp, nonce, encrypt);
        if constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
            Ok(())
        } else {
            Err(CryptoError::BadSignature)
        }
    }

    /// Platform side: verifies an inbound callback's signature, then decrypts its body's
    /// `encrypt` field (`getDecryptMsg` in the official library).
    pub fn decrypt_request(
        &self,
        signature: &str,
        timestamp: &str,
        nonce: &str,
        body_encrypt: &str,
    ) -> Result<String, CryptoError> {
        self.verify_signature(signature, timestamp, nonce, body_encrypt)?;
        self.decrypt(body_encrypt)
    }

    /// Encrypts `msg` (with a random prefix) and signs it: the reply body DingTalk expects
    /// (`getEncryptedMap`). For a callback's answer `msg` is [`SUCCESS`].
    pub fn encrypted_map(&self, msg: &str, timestamp: &str, nonce: &str) -> EncryptedReply {
        let encrypt = self.encrypt(msg, None);
        EncryptedReply {
            msg_signature: self.signature(timestamp, nonce, &encrypt),
            time_stamp: timestamp.to_owned(),
            nonce: nonce.to_owned(),
            encrypt,
        }
    }

    /// The reply to any successfully handled callback, `check_url` included: the encrypted
    /// `"success"` with the current time in milliseconds and a fresh 16-character nonce.
    pub fn success_reply(&self) -> EncryptedReply {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        self.encrypted_map(SUCCESS, &now_ms.to_string(), &generate_nonce())
    }

    /// DingTalk side: verifies a platform's reply and returns its decrypted text (which must be
    /// `"success"` for DingTalk to accept the callback URL).
    pub fn decrypt_reply(&self, reply: &EncryptedReply) -> Result<String, CryptoError> {
        self.decrypt_request(
            &reply.msg_signature,
            &reply.time_stamp,
            &reply.nonce,
            &reply.encrypt,
        )
    }

    /// DingTalk side: builds an inbound callback for `msg` as DingTalk sends it: the query
    /// parameters and the `{"encrypt": …}` body.
    pub fn event_request(
        &self,
        msg: &str,
        timestamp: &str,
        nonce: &str,
    ) -> (CallbackQuery, CallbackBody) {
        let encrypt = self.encrypt(msg, None);
        let query = CallbackQuery {
            signature: self.signature(timestamp, nonce, &encrypt),
            timestamp: timestamp.to_owned(),
            nonce: nonce.to_owned(),
        };
        (query, CallbackBody { encrypt })
    }

    /// DingTalk side: the URL-verification event ([`CHECK_URL_EVENT`]) sent when an admin
    /// saves the callback URL in the console.
    pub fn check_url_event(&self, timestamp: &str, nonce: &str) -> (CallbackQuery, CallbackBody) {
        self.event_request(CHECK_URL_EVENT, timestamp, nonce)
    }
}

/// Whether `aes_key` has DingTalk's format: exactly 43 characters of `[A-Za-z0-9]`.
pub fn is_valid_aes_key(aes_key: &str) -> bool {
    aes_key.len() == AES_KEY_LEN && aes_key.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `token` has DingTalk's format: 3 to 32 letters or digits.
pub fn is_valid_token(token: &str) -> bool {
    TOKEN_LEN_RANGE.contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn random_alphanumeric(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

fn random_prefix() -> [u8; 16] {
    let mut prefix = [0u8; 16];
    for (slot, byte) in prefix
        .iter_mut()
        .zip(rand::thread_rng().sample_iter(&Alphanumeric))
    {
        *slot = byte;
    }
    prefix
}

/// A fresh `aes_key`: 43 random `[A-Za-z0-9]` characters.
pub fn generate_aes_key() -> String {
    random_alphanumeric(AES_KEY_LEN)
}

/// A fresh callback `token`: [`GENERATED_TOKEN_LEN`] random `[A-Za-z0-9]` characters.
pub fn generate_token() -> String {
    random_alphanumeric(GENERATED_TOKEN_LEN)
}

/// A fresh reply nonce: [`NONCE_LEN`] random `[A-Za-z0-9]` characters.
pub fn generate_nonce() -> String {
    random_alphanumeric(NONCE_LEN)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
