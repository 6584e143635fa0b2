//! The certificate the platform's domain serves: verified exactly as the live checks and the
//! login test trust https (`dingtalk::tls`: the system's trust plus the extra CA file), and how
//! long until it expires. A failure says, in the words of OpenSSL's verify results (what curl
//! prints and help pages quote), whether the certificate has expired, names another host, or is
//! self-signed or from an issuer nobody here trusts; the certificate seen is kept for that, since
//! the Windows and macOS verifiers only answer with a bare error kind.

use super::outcome::Outcome;
use super::CheckStatus;
use crate::diagnosis::{DiagnosisCode, DiagnosisData};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};
use std::net::ToSocketAddrs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use x509_parser::prelude::{parse_x509_certificate, GeneralName, X509Certificate};

const NET_TIMEOUT: Duration = super::network::NET_TIMEOUT;

/// The platform's https certificate: `ok` with the days left (`warn` under two weeks), else
/// `tls_failure` with the handshake's error and what was wrong in `original`.
pub async fn check(domain: &str, extra_ca: Option<PathBuf>) -> Outcome {
    let (host, port) = super::network::split_host(domain);
    let h = host.clone();
    let job = tokio::task::spawn_blocking(move || days_left(&h, port, extra_ca.as_deref()));
    match tokio::time::timeout(NET_TIMEOUT + Duration::from_secs(1), job).await {
        Ok(Ok(Ok(days_left))) => {
            let o = Outcome::new(
                CheckStatus::Ok,
                crate::Text::new(
                    format!("{host} 的 https 证书有效，还有 {days_left} 天到期"),
                    format!("{host}'s https certificate is valid for {days_left} more days"),
                ),
            )
            .with("days_left", days_left);
            if days_left < 14 {
                o.status(CheckStatus::Warn).with("expiring_soon", true)
            } else {
                o
            }
        }
        Ok(Ok(Err(e))) => {
            let mut o = Outcome::of(
                CheckStatus::Fail,
                DiagnosisCode::TlsFailure,
                DiagnosisData {
                    host: Some(host),
                    ..DiagnosisData::default()
                },
            );
            o.original = Some(e.to_string());
            o
        }
        _ => Outcome::of(
            CheckStatus::Fail,
            DiagnosisCode::Timeout,
            DiagnosisData {
                host: Some(host),
                ..DiagnosisData::default()
            },
        ),
    }
}

/// Why the certificate could not be read; the text becomes the check's `original`.
#[derive(Debug, thiserror::Error)]
enum TlsError {
    /// The trust could not be set up: the extra CA file is unreadable or holds no certificate.
    #[error("{0}")]
    Setup(String),
    /// The name did not resolve, or the connection could not be made.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("no address")]
    NoAddress,
    /// The handshake failed; `verdict` says what was wrong with the certificate.
    #[error("{source} ({verdict})")]
    Handshake {
        source: rustls::Error,
        verdict: String,
    },
    #[error("the server sent no certificate")]
    NoCertificate,
    #[error("the server's certificate cannot be read: {0}")]
    Unreadable(String),
}

impl From<dingtalk::ApiError> for TlsError {
    fn from(e: dingtalk::ApiError) -> Self {
        match e {
            dingtalk::ApiError::Tls(m) => TlsError::Setup(m),
            other => TlsError::Setup(other.to_string()),
        }
    }
}

/// Shakes hands with `host:port` and returns the whole days until its certificate expires.
fn days_left(host: &str, port: u16, extra_ca: Option<&Path>) -> Result<i64, TlsError> {
    let seen = Arc::new(Recorder {
        inner: dingtalk::tls::verifier(extra_ca)?,
        leaf: Mutex::new(None),
    });
    let config = dingtalk::tls::client_config(seen.clone())?;
    let name = ServerName::try_from(host.to_string())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let mut conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(|source| {
        TlsError::Handshake {
            source,
            verdict: "the TLS connection could not be set up".into(),
        }
    })?;
    let addr = (host, port)
        .to_socket_addrs()?
        .next()
        .ok_or(TlsError::NoAddress)?;
    let mut tcp = std::net::TcpStream::connect_timeout(&addr, NET_TIMEOUT)?;
    tcp.set_read_timeout(Some(NET_TIMEOUT))?;
    tcp.set_write_timeout(Some(NET_TIMEOUT))?;
    // With a blocking socket one call runs the whole handshake (or fails it).
    if let Err(e) = conn.complete_io(&mut tcp) {
        let leaf = seen.leaf();
        return Err(
            match e.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
                Some(source) => TlsError::Handshake {
                    verdict: verdict(source, leaf.as_ref(), host),
                    source: source.clone(),
                },
                None => TlsError::Io(e),
            },
        );
    }
    let leaf = seen.leaf().ok_or(TlsError::NoCertificate)?;
    let (_, cert) =
        parse_x509_certificate(&leaf).map_err(|e| TlsError::Unreadable(e.to_string()))?;
    let left = cert.validity().not_after.to_datetime() - time::OffsetDateTime::now_utc();
    Ok(left.whole_days())
}

/// What was wrong, in OpenSSL's verify words where it has them, with the certificate's own
/// details (its expiry, its names, its issuer) when it was seen.
fn verdict(e: &rustls::Error, leaf: Option<&CertificateDer<'_>>, host: &str) -> String {
    let rustls::Error::InvalidCertificate(kind) = e else {
        return "the TLS handshake failed".into();
    };
    let parsed = leaf.and_then(|d| parse_x509_certificate(d).ok().map(|(_, c)| c));
    let cert = parsed.as_ref();
    match kind {
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => match cert {
            Some(c) => format!(
                "certificate has expired: not after {}",
                crate::ca::openssl_date(c.validity().not_after.to_datetime())
            ),
            None => "certificate has expired".into(),
        },
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "certificate is not yet valid".into()
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            match cert.map(names_of).filter(|n| !n.is_empty()) {
                Some(names) => format!(
                    "hostname mismatch: the certificate is for {}, not {host}",
                    names.join(", ")
                ),
                None => format!("hostname mismatch: the certificate is not for {host}"),
            }
        }
        CertificateError::UnknownIssuer => match cert {
            Some(c) if c.subject().as_raw() == c.issuer().as_raw() => {
                "self-signed certificate".into()
            }
            Some(c) => format!(
                "unable to get local issuer certificate: issued by {}, which is neither in the \
                 system's trusted roots nor in the extra CA file",
                crate::ca::name_of(c.issuer())
            ),
            None => "unable to get local issuer certificate".into(),
        },
        CertificateError::Revoked => "certificate revoked".into(),
        _ => "certificate verify failed".into(),
    }
}

/// The DNS names and IP addresses a certificate is for (its CN when it has no such name).
fn names_of(c: &X509Certificate<'_>) -> Vec<String> {
    let mut names: Vec<String> = c
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|n| match n {
                    GeneralName::DNSName(d) => Some(d.to_string()),
                    GeneralName::IPAddress(ip) => match ip.len() {
                        4 => <[u8; 4]>::try_from(*ip)
                            .ok()
                            .map(|a| std::net::IpAddr::from(a).to_string()),
                        16 => <[u8; 16]>::try_from(*ip)
                            .ok()
                            .map(|a| std::net::IpAddr::from(a).to_string()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        names.push(crate::ca::name_of(c.subject()));
        names.retain(|n| !n.is_empty());
    }
    names
}

/// The app's verifier, keeping the server's certificate so a failure can say what it held.
#[derive(Debug)]
struct Recorder {
    inner: Arc<dyn ServerCertVerifier>,
    leaf: Mutex<Option<CertificateDer<'static>>>,
}

impl Recorder {
    fn leaf(&self) -> Option<CertificateDer<'static>> {
        self.leaf.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        *self.leaf.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(end_entity.clone().into_owned());
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }

    fn requires_raw_public_keys(&self) -> bool {
        self.inner.requires_raw_public_keys()
    }

    fn root_hint_subjects(&self) -> Option<&[rustls::DistinguishedName]> {
        self.inner.root_hint_subjects()
    }
}

#[cfg(test)]
mod tests;
