//! The corporate root certificate: on a network whose security gateway inspects HTTPS, the gateway
//! shows its own certificate for oapi.dingtalk.com, and every request fails with `tls_failure`
//! until that gateway's root is trusted. The admin adds the file IT gives them (PEM: `.pem`,
//! `.crt`, `.cer`) in the app; it is trusted beside the system store by this app only, for the
//! live checks and the login test. `DINGBIND_CA_FILE` does the same for the CLI and for a launch
//! from a shell.

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use x509_parser::prelude::{parse_x509_certificate, X509Name};

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
    // Like the client that will trust the file (`dingtalk::tls`): every CERTIFICATE section,
    // other sections (a key) skipped. A section that does not decode makes the file unusable.
    let ders = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_default();
    let certs = ders
        .iter()
        .map(|d| parse_x509_certificate(d).ok().map(|(_, c)| c))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    let Some(first) = certs.first() else {
        return Err(CaError::NotPem { path: shown });
    };
    Ok(CaInfo {
        path: shown,
        subjects: certs.iter().map(|c| name_of(c.subject())).collect(),
        not_after: openssl_date(first.validity().not_after.to_datetime()),
        from_env,
        problem: None,
    })
}

/// What a certificate is called: its CN, else its organisation, else its unit, else the first
/// part of the name (a gateway's root often has no CN). Empty when that is not text.
pub(crate) fn name_of(name: &X509Name) -> String {
    [
        name.iter_common_name().next(),
        name.iter_organization().next(),
        name.iter_organizational_unit().next(),
        name.iter_attributes().next(),
    ]
    .into_iter()
    .flatten()
    .next()
    .and_then(|e| String::from_utf8(e.as_slice().to_vec()).ok())
    .unwrap_or_default()
}

/// A certificate date as `openssl x509 -enddate` and most IT tools print it
/// (`Jan  1 00:00:00 2035 GMT`), so the admin can compare it with what IT sees.
pub(crate) fn openssl_date(t: time::OffsetDateTime) -> String {
    const FORMAT: &[time::format_description::FormatItem<'_>] = time::macros::format_description!(
        "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(FORMAT)
        .unwrap_or_else(|_| t.to_string())
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

/// Certificates for tests (here and for the platform checks), made with rcgen, and a local https
/// server that presents one.
#[cfg(test)]
pub(crate) mod test_certs {
    use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair};
    use time::{Duration, OffsetDateTime};

    /// A certificate and its key.
    pub struct Cert {
        pub cert: rcgen::Certificate,
        pub key: KeyPair,
    }

    impl Cert {
        pub fn pem(&self) -> String {
            self.cert.pem()
        }
    }

    /// A certificate for the DNS names `names` (a CA: named `names[0]`), valid from `from` to `to`
    /// days from now, signed by `issuer` or self-signed.
    pub fn make(names: &[&str], from: i64, to: i64, ca: bool, issuer: Option<&Cert>) -> Cert {
        let key = KeyPair::generate().unwrap();
        let sans: Vec<String> = if ca {
            Vec::new()
        } else {
            names.iter().map(|n| n.to_string()).collect()
        };
        let mut p = CertificateParams::new(sans).unwrap();
        let mut dn = DistinguishedName::new();
        // Not a bare "localhost": Debian's ssl-cert puts its snakeoil certificate, CN=localhost,
        // in /etc/ssl/certs, and the verifier would try that one as the issuer.
        let cn = if ca {
            names[0].to_string()
        } else {
            format!("test {}", names[0])
        };
        dn.push(DnType::CommonName, cn);
        p.distinguished_name = dn;
        let now = OffsetDateTime::now_utc();
        p.not_before = now + Duration::days(from);
        p.not_after = now + Duration::days(to);
        if ca {
            p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        }
        let cert = match issuer {
            Some(i) => p.signed_by(&key, &i.cert, &i.key).unwrap(),
            None => p.self_signed(&key).unwrap(),
        };
        Cert { cert, key }
    }

    /// A self-signed certificate for the DNS name `name`, valid for `days`.
    pub fn self_signed(name: &str, days: i64) -> Cert {
        make(&[name], 0, days, false, None)
    }

    /// A root CA named `cn`, valid for ten years.
    pub fn ca(cn: &str) -> Cert {
        make(&[cn], 0, 3650, true, None)
    }

    /// A PEM file holding `certs`, as IT would hand it over.
    pub fn ca_file(certs: &[&Cert]) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        let pem: String = certs.iter().map(|c| c.pem()).collect();
        std::fs::write(f.path(), pem).unwrap();
        f
    }

    /// Serves HTTPS on loopback with `cert`: `/ok` answers 200, anything else 404. Returns
    /// `localhost:PORT`.
    pub fn serve(cert: &Cert) -> String {
        use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
        use std::io::{Read, Write};
        use std::sync::Arc;
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key.serialize_der()));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.der().clone()], key)
        .unwrap();
        let config = Arc::new(config);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let config = config.clone();
                std::thread::spawn(move || {
                    let conn = rustls::ServerConnection::new(config).unwrap();
                    let mut tls = rustls::StreamOwned::new(conn, stream);
                    let mut buf = [0u8; 2048];
                    // A client that refuses the certificate ends the handshake here.
                    let Ok(n) = tls.read(&mut buf) else { return };
                    let status = if String::from_utf8_lossy(&buf[..n]).starts_with("GET /ok") {
                        "200 OK"
                    } else {
                        "404 Not Found"
                    };
                    let head = format!(
                        "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    );
                    let _ = tls.write_all(head.as_bytes());
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                });
            }
        });
        format!("localhost:{port}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pem(cn: &str) -> Vec<u8> {
        test_certs::ca(cn).pem().into_bytes()
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

    /// The fields the app shows, read without OpenSSL exactly as OpenSSL printed them: the
    /// expiry in `openssl x509 -enddate`'s form, the CN, else the organisation, else the unit;
    /// a key in the same file is skipped, and a damaged certificate makes the file unusable.
    #[test]
    fn names_and_expiry_read_as_openssl_printed_them() {
        use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};
        let root = |parts: &[(DnType, &str)], not_after| {
            let key = KeyPair::generate().unwrap();
            let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
            let mut dn = DistinguishedName::new();
            for (t, v) in parts {
                dn.push(t.clone(), *v);
            }
            p.distinguished_name = dn;
            p.not_after = not_after;
            (p.self_signed(&key).unwrap().pem(), key)
        };
        let (first, key) = root(
            &[
                (DnType::OrganizationName, "示例科技"),
                (DnType::CommonName, "Gateway CA"),
            ],
            time::macros::datetime!(2035-01-01 00:00:00 UTC),
        );
        let (org, _) = root(
            &[
                (DnType::CountryName, "CN"),
                (DnType::OrganizationName, "示例科技有限公司"),
            ],
            time::macros::datetime!(2040-12-31 23:59:59 UTC),
        );
        let (unit, _) = root(
            &[
                (DnType::CountryName, "CN"),
                (DnType::OrganizationalUnitName, "IT"),
            ],
            time::macros::datetime!(2040-12-31 23:59:59 UTC),
        );
        let (country, _) = root(
            &[(DnType::CountryName, "CN")],
            time::macros::datetime!(2040-12-31 23:59:59 UTC),
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bundle.pem");
        let bundle = [key.serialize_pem(), first.clone(), org, unit, country].concat();
        std::fs::write(&file, bundle).unwrap();
        let info = inspect(&file, true).unwrap();
        assert_eq!(
            info.subjects,
            ["Gateway CA", "示例科技有限公司", "IT", "CN"],
            "CN, else O, else OU, else the first part"
        );
        assert_eq!(info.not_after, "Jan  1 00:00:00 2035 GMT");
        assert!(info.from_env);

        // A certificate section whose contents are not a certificate.
        let damaged = first.replacen("MII", "MIA", 1);
        assert_ne!(damaged, first);
        std::fs::write(&file, damaged).unwrap();
        assert!(matches!(inspect(&file, false), Err(CaError::NotPem { .. })));
        std::fs::write(&file, key.serialize_pem()).unwrap();
        assert!(
            matches!(inspect(&file, false), Err(CaError::NotPem { .. })),
            "a key alone is not a certificate"
        );
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
