//! The corporate root certificate: on a network whose security gateway inspects HTTPS, the gateway
//! shows its own certificate for oapi.dingtalk.com, and every request fails with `tls_failure`
//! until that gateway's root is trusted. The admin adds the file IT gives them (PEM: `.pem`,
//! `.crt`, `.cer`) in the app; it is trusted beside the system store by this app only, for the
//! live checks and the login test. `DINGBIND_CA_FILE` does the same for the CLI and for a launch
//! from a shell.

use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Bigger than any bundle of root certificates (Debian's whole store is about 220 KB).
const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// What the admin's certificate file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaInfo {
    pub path: String,
    /// Each certificate's name (its CN, else its organisation or unit), in file order.
    pub subjects: Vec<String>,
    /// When the first certificate expires, as OpenSSL prints it (`Jan  1 00:00:00 2035 GMT`).
    pub not_after: String,
    /// Set from `DINGBIND_CA_FILE` rather than chosen in the app.
    pub from_env: bool,
    /// Why the file cannot be used now (moved, deleted, replaced by something else).
    pub problem: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CaError {
    #[error("{path}: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes: not a certificate file")]
    TooBig { path: String, size: u64 },
    #[error(
        "{path} holds no PEM certificate (a text file starting with -----BEGIN CERTIFICATE-----)"
    )]
    NotPem { path: String },
}

impl CaError {
    /// A stable code (see [`crate::error`]).
    pub fn code(&self) -> &'static str {
        match self {
            CaError::Unreadable { .. } => "certificate_unreadable",
            CaError::TooBig { .. } => "certificate_too_large",
            CaError::NotPem { .. } => "not_a_certificate",
        }
    }

    /// What happened and what to do, in both languages.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            CaError::Unreadable { path, source } => Text::new(
                format!("无法读取证书文件 {path}：{source}"),
                format!("Cannot read the certificate file {path}: {source}"),
            ),
            CaError::TooBig { path, size } => Text::new(
                format!("{path} 有 {size} 字节，太大了，不是证书文件。请向 IT 要公司的根证书文件（.pem、.crt 或 .cer）。"),
                format!("{path} is {size} bytes: too big for a certificate file. Ask IT for the company's root certificate (.pem, .crt or .cer)."),
            ),
            CaError::NotPem { path } => Text::new(
                format!("{path} 里没有 PEM 格式的证书（应是以 -----BEGIN CERTIFICATE----- 开头的文本文件）。请向 IT 要公司的根证书文件。"),
                format!("{path} holds no PEM certificate (a text file starting with -----BEGIN CERTIFICATE-----). Ask IT for the company's root certificate."),
            ),
        }
    }
}

/// Reads `path` and says what it holds, or why it is not a certificate file.
pub fn inspect(path: &Path, from_env: bool) -> Result<CaInfo, CaError> {
    let shown = path.display().to_string();
    let unreadable = |source| CaError::Unreadable {
        path: shown.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_BYTES {
        return Err(CaError::TooBig { path: shown, size });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let certs = openssl::x509::X509::stack_from_pem(&bytes).unwrap_or_default();
    let Some(first) = certs.first() else {
        return Err(CaError::NotPem { path: shown });
    };
    let subjects = certs
        .iter()
        .map(|c| {
            use openssl::nid::Nid;
            let name = c.subject_name();
            [
                Nid::COMMONNAME,
                Nid::ORGANIZATIONNAME,
                Nid::ORGANIZATIONALUNITNAME,
            ]
            .into_iter()
            .find_map(|nid| name.entries_by_nid(nid).next())
            .or_else(|| name.entries().next())
            .and_then(|e| String::from_utf8(e.data().as_slice().to_vec()).ok())
            .unwrap_or_default()
        })
        .collect();
    Ok(CaInfo {
        path: shown,
        subjects,
        not_after: first.not_after().to_string(),
        from_env,
        problem: None,
    })
}

/// What the app shows for a file it was told to trust: its contents, or the file with what is
/// wrong with it now.
pub fn status(path: &Path, from_env: bool) -> CaInfo {
    inspect(path, from_env).unwrap_or_else(|e| CaInfo {
        path: path.display().to_string(),
        subjects: Vec::new(),
        not_after: String::new(),
        from_env,
        problem: Some(e.to_string()),
    })
}

/// Self-signed certificates for tests (here and for the platform TLS checks).
#[cfg(test)]
pub(crate) mod test_certs {
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkey::{PKey, Private};
    use openssl::rsa::Rsa;
    use openssl::x509::extension::SubjectAlternativeName;
    use openssl::x509::{X509NameBuilder, X509};

    /// A self-signed certificate named `cn` (also its DNS name), valid for `days`, and its key.
    pub fn self_signed(cn: &str, days: u32) -> (X509, PKey<Private>) {
        let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
        let mut name = X509NameBuilder::new().unwrap();
        name.append_entry_by_text("CN", cn).unwrap();
        let name = name.build();
        let mut b = X509::builder().unwrap();
        b.set_version(2).unwrap();
        b.set_subject_name(&name).unwrap();
        b.set_issuer_name(&name).unwrap();
        b.set_pubkey(&key).unwrap();
        b.set_not_before(&Asn1Time::days_from_now(0).unwrap())
            .unwrap();
        b.set_not_after(&Asn1Time::days_from_now(days).unwrap())
            .unwrap();
        let san = SubjectAlternativeName::new()
            .dns(cn)
            .build(&b.x509v3_context(None, None))
            .unwrap();
        b.append_extension(san).unwrap();
        b.sign(&key, MessageDigest::sha256()).unwrap();
        (b.build(), key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pem(cn: &str) -> Vec<u8> {
        test_certs::self_signed(cn, 3650).0.to_pem().unwrap()
    }

    #[test]
    fn a_gateway_root_is_named_and_anything_else_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("corp-root.crt");
        let mut two = pem("示例科技 Security Gateway Root CA");
        two.extend(pem("Second CA"));
        std::fs::write(&file, &two).unwrap();
        let info = inspect(&file, false).unwrap();
        assert_eq!(
            info.subjects,
            ["示例科技 Security Gateway Root CA", "Second CA"]
        );
        assert!(info.not_after.ends_with("GMT"), "{}", info.not_after);
        assert_eq!(info.problem, None);

        let text = dir.path().join("readme.txt");
        std::fs::write(&text, "请把证书发给我").unwrap();
        assert!(matches!(inspect(&text, false), Err(CaError::NotPem { .. })));
        let gone = dir.path().join("gone.pem");
        assert!(matches!(
            inspect(&gone, false),
            Err(CaError::Unreadable { .. })
        ));
        let status = status(&gone, true);
        assert!(status.from_env && status.problem.is_some());
    }

    /// Chosen in the app: kept in the settings, shown in the app info, and given to every run; a
    /// file without a certificate changes nothing; removing it trusts the system store only.
    #[test]
    fn the_workspace_trusts_the_chosen_file_for_its_runs() {
        use crate::checks::CheckOptions;
        use crate::secrets::{KeychainError, Secrets};
        use crate::workspace::Workspace;
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(Err(KeychainError::Off("test".into())));
        let ws = Workspace::open(dir.path().join("data"), secrets, |_| {}).unwrap();
        let id = ws
            .create("A", "yidianyun-private-cloud")
            .unwrap()
            .profile
            .id;
        let run_ca = |ws: &Workspace| {
            ws.check_input(&id, CheckOptions::default(), dingtalk::Config::default())
                .unwrap()
                .dingtalk
                .extra_ca_file
        };

        let file = dir.path().join("corp-root.pem");
        std::fs::write(&file, pem("Gateway Root")).unwrap();
        let info = ws.set_ca_file(Some(&file)).unwrap();
        let ca = info.ca.expect("shown in the app info");
        assert_eq!(
            (ca.subjects.as_slice(), ca.from_env),
            (&["Gateway Root".to_string()][..], false)
        );
        assert_eq!(run_ca(&ws), Some(file.clone()));

        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a certificate").unwrap();
        assert!(ws.set_ca_file(Some(&text)).is_err());
        assert_eq!(run_ca(&ws), Some(file), "a refused file changes nothing");

        assert_eq!(ws.set_ca_file(None).unwrap().settings.ca_file, None);
        assert_eq!(run_ca(&ws), None);
    }
}
