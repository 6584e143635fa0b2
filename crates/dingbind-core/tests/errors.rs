//! Every error an admin can see speaks both languages and has a stable code: a representative value
//! of every variant of every such type, each with a non-empty zh (with Chinese in it) and en text,
//! and a snake_case code unique within its type. The codes the UI branches on must exist.

use dingbind_core::ca::CaError;
use dingbind_core::console::LinkError;
use dingbind_core::handoff::{HandoffError, ImportError, ImportErrorCode};
use dingbind_core::host::FileError;
use dingbind_core::login::LoginError;
use dingbind_core::qr::QrError;
use dingbind_core::secrets::KeychainError;
use dingbind_core::store::StoreError;
use dingbind_core::sync::SyncError;
use dingbind_core::template::TemplateError;
use dingbind_core::workspace::WorkspaceError;
use dingbind_core::{Field, Text, UserError};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn io() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied")
}

fn store() -> Vec<StoreError> {
    vec![
        StoreError::NotFound("p1".into()),
        StoreError::Io {
            path: PathBuf::from("/data/profiles/p1.json"),
            source: io(),
        },
        StoreError::Corrupt {
            path: PathBuf::from("/data/profiles/p1.json"),
            message: "expected value at line 1".into(),
        },
        StoreError::NewerSchema {
            path: PathBuf::from("/data/profiles/p1.json"),
            found: 9,
        },
        StoreError::Invalid("a profile needs a name".into()),
    ]
}

fn ca() -> Vec<CaError> {
    vec![
        CaError::Unreadable {
            path: "/ca.pem".into(),
            source: io(),
        },
        CaError::TooBig {
            path: "/ca.pem".into(),
            size: 9_000_000,
        },
        CaError::NotPem {
            path: "/ca.pem".into(),
        },
    ]
}

fn link() -> Vec<LinkError> {
    vec![
        LinkError::NotAUrl("relative URL without a base".into()),
        LinkError::AfterDomain,
        LinkError::NotHttps,
        LinkError::TemplateHost,
        LinkError::NoDomain,
        LinkError::Refused("https://evil.example/".into()),
    ]
}

fn handoff() -> Vec<HandoffError> {
    vec![
        HandoffError::EmptyPassphrase,
        HandoffError::WrongPassphrase,
        HandoffError::NotPassphraseEncrypted,
        HandoffError::Damaged {
            detail: "cut off".into(),
        },
        HandoffError::Encrypt {
            detail: "no entropy".into(),
        },
        HandoffError::InvalidSecret {
            field: Field::ClientSecret,
            message: Text::new("太短了", "too short"),
        },
        HandoffError::NothingWaiting,
    ]
}

fn import() -> Vec<ImportError> {
    use ImportErrorCode as C;
    [
        C::PassphraseNeeded,
        C::WrongPassphrase,
        C::Damaged,
        C::NotJson,
        C::NotManifest,
        C::UnsupportedVersion,
        C::UnknownTemplate,
        C::WrongType,
        C::Invalid,
        C::PlainSecrets,
    ]
    .into_iter()
    .map(|code| ImportError {
        code,
        pointer: "/values/corp_id".into(),
        message: Text::new("这个值不对", "This value is wrong"),
    })
    .collect()
}

fn login() -> Vec<LoginError> {
    vec![
        LoginError::PortBusy { port: 27180 },
        LoginError::Bind {
            port: 27180,
            detail: "permission denied".into(),
        },
        LoginError::Client(dingtalk::ApiError::Old {
            http_status: 200,
            errcode: 40014,
            errmsg: "不合法的access_token".into(),
            sub_code: None,
            sub_msg: None,
            request_id: None,
        }),
        LoginError::Browser("no redirect".into()),
        LoginError::NoCredentials,
        LoginError::NotWaiting,
        LoginError::NotAllowed(LinkError::Refused("https://evil.example/".into())),
        LoginError::Profile(Box::new(WorkspaceError::Store(StoreError::NotFound(
            "p1".into(),
        )))),
    ]
}

fn workspace() -> Vec<WorkspaceError> {
    vec![
        WorkspaceError::Store(StoreError::NotFound("p1".into())),
        WorkspaceError::UnknownTemplate("acme-erp".into()),
        WorkspaceError::NoOpenProfile,
        WorkspaceError::NotSecret(Field::CorpId),
        WorkspaceError::NotAllowed(LinkError::Refused("https://evil.example/".into())),
        WorkspaceError::Certificate(CaError::NotPem {
            path: "/ca.pem".into(),
        }),
        WorkspaceError::Handoff(HandoffError::WrongPassphrase),
        WorkspaceError::Sync(SyncError::Client("bad CA file".into())),
    ]
}

fn others() -> Vec<(&'static str, Vec<Box<dyn UserError>>)> {
    fn boxed<E: UserError + 'static>(v: Vec<E>) -> Vec<Box<dyn UserError>> {
        v.into_iter()
            .map(|e| Box::new(e) as Box<dyn UserError>)
            .collect()
    }
    vec![
        ("StoreError", boxed(store())),
        ("CaError", boxed(ca())),
        ("LinkError", boxed(link())),
        (
            "QrError",
            boxed(vec![QrError::TooLong(5000), QrError::Png("io".into())]),
        ),
        (
            "KeychainError",
            boxed(vec![
                KeychainError::Os(keyring::Error::NoEntry),
                KeychainError::Off("DINGBIND_KEYCHAIN=off".into()),
            ]),
        ),
        ("HandoffError", boxed(handoff())),
        ("ImportError", boxed(import())),
        ("LoginError", boxed(login())),
        (
            "TemplateError",
            boxed(vec![TemplateError {
                line: 3,
                field: "steps[0].id".into(),
                message: Text::new("TOML 写法有误：missing field `id`", "missing field `id`"),
            }]),
        ),
        (
            "FileError",
            boxed(vec![
                FileError::TooLarge {
                    path: "/big.json".into(),
                    size: 5_000_000,
                    limit: 4_194_304,
                },
                FileError::Unreadable {
                    path: "/gone.json".into(),
                    source: io(),
                },
            ]),
        ),
        ("WorkspaceError", boxed(workspace())),
        (
            "SyncError",
            boxed(vec![
                SyncError::NoCredentials,
                SyncError::Api {
                    diagnosis: Box::new(dingbind_core::diagnosis::from_api_error(
                        &dingtalk::ApiError::Old {
                            http_status: 200,
                            errcode: 88,
                            errmsg: "ding talk error[subcode=60011,submsg=应用尚未开通所需的权限：[qyapi_get_department_member]]".into(),
                            sub_code: Some("60011".into()),
                            sub_msg: Some("应用尚未开通所需的权限：[qyapi_get_department_member]".into()),
                            request_id: None,
                        },
                    )),
                    checkpoint: None,
                },
                SyncError::Client("bad CA file".into()),
            ]),
        ),
    ]
}

fn is_snake_case(code: &str) -> bool {
    !code.is_empty()
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !code.contains("__")
        && !code.ends_with('_')
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_admin_facing_error_speaks_both_languages_with_a_stable_code() {
    let mut all_codes = BTreeSet::new();
    for (name, errors) in others() {
        let mut codes = BTreeSet::new();
        for e in &errors {
            let (code, text) = (e.code(), e.text());
            assert!(is_snake_case(code), "{name}: `{code}` is not snake_case");
            assert!(codes.insert(code), "{name}: `{code}` is used twice");
            assert!(!text.en.trim().is_empty(), "{name}/{code}: no English");
            assert!(
                has_cjk(&text.zh),
                "{name}/{code}: zh has no Chinese: {}",
                text.zh
            );
            all_codes.insert(code);
        }
    }
    for needed in [
        "profile_not_found",
        "keychain_unavailable",
        "file_too_large",
        "port_busy",
        "not_allowed",
        "credentials_missing",
    ] {
        assert!(
            all_codes.contains(needed),
            "no error has the code `{needed}`"
        );
    }
}

#[test]
fn a_missing_profile_says_so_in_chinese() {
    let e = WorkspaceError::Store(StoreError::NotFound("p1".into()));
    assert_eq!(e.code(), "profile_not_found");
    assert_eq!(e.text().zh, "找不到这个配置（可能已被删除）。");
}

#[test]
fn handoff_and_import_codes_are_their_serialised_names() {
    for e in handoff() {
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], e.code(), "{e:?}");
    }
    for e in import() {
        assert_eq!(serde_json::to_value(e.code).unwrap(), e.code(), "{e:?}");
    }
}
