//! Whom Dingbind trusts over https, the same on every OS and without OpenSSL: the operating
//! system's own verdict ([`rustls_platform_verifier`]), plus the admin's extra root CA file.
//!
//! - **Windows**: CryptoAPI's chain engine over the system store, so a security gateway's root
//!   that IT pushed into "Trusted Root Certification Authorities" is trusted with nothing to do
//!   in Dingbind; revocation of the server's certificate is checked as Windows does it.
//! - **macOS**: the Security framework (the keychains' trust settings).
//! - **Linux**: the distribution's CA bundle (`/etc/ssl/certs/…`, found by `rustls-native-certs`;
//!   `SSL_CERT_FILE`/`SSL_CERT_DIR` replace it, as for OpenSSL), checked by webpki.
//!
//! The extra CA file (`DINGBIND_CA_FILE`, or the file chosen in the app) is added on top of the
//! system store, never instead of it. The crypto is rustls' `ring` provider: it cross-compiles to
//! Windows with mingw, where `aws-lc-rs` would need cmake and nasm.

use crate::error::ApiError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// The verifier for each extra CA setup. On Linux building one reads and parses the whole system
/// bundle (tens of milliseconds), so it is built once per process and setup, like the HTTP
/// clients that use it.
static VERIFIERS: LazyLock<Mutex<HashMap<Option<PathBuf>, Verifier>>> =
    LazyLock::new(Default::default);

type Verifier = Arc<dyn ServerCertVerifier>;

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The certificate verifier for this CA setup: the system's, with the certificates of
/// `extra_ca_file` trusted as roots too. A file that cannot be read or holds no certificate is an
/// [`ApiError::Tls`] naming it, so the admin sees which file is wrong before anything is sent.
pub fn verifier(extra_ca_file: Option<&Path>) -> Result<Verifier, ApiError> {
    let key = extra_ca_file.map(Path::to_path_buf);
    let mut cache = VERIFIERS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(v) = cache.get(&key) {
        return Ok(v.clone());
    }
    let v: Verifier = match extra_ca_file {
        Some(path) => {
            let named =
                |e: &dyn std::fmt::Display| ApiError::Tls(format!("{}: {e}", path.display()));
            let roots = read_ca_file(path).map_err(|e| named(&e))?;
            Arc::new(
                rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider())
                    .map_err(|e| named(&e))?,
            )
        }
        None => match rustls_platform_verifier::Verifier::new(provider()) {
            Ok(v) => Arc::new(v),
            // Only Linux can fail here: no readable CA bundle (a bare container). Plain-http
            // endpoints (a gateway, the simulator) still work, and every https request fails as a
            // TLS failure saying why, which the checks diagnose (`tls_failure`: install the
            // system's root certificates).
            Err(e) => Arc::new(NoSystemRoots {
                why: e.to_string(),
                provider: provider(),
            }),
        },
    };
    cache.insert(key, v.clone());
    Ok(v)
}

/// A client configuration that verifies servers with `verifier`, with the provider and protocol
/// versions every connection of Dingbind uses. No ALPN: HTTP/1.1 over TLS, as before.
pub fn client_config(verifier: Verifier) -> Result<ClientConfig, ApiError> {
    Ok(ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| ApiError::Tls(e.to_string()))?
        .dangerous()
        // "dangerous" is rustls' name for any verifier of one's own; this one is the OS's.
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

/// Every certificate in a PEM file (other sections, such as a key, are skipped).
fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let pem = std::fs::read(path).map_err(|e| e.to_string())?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("not a PEM certificate file: {e}"))?;
    if certs.is_empty() {
        return Err(
            "holds no PEM certificate (a text file starting with -----BEGIN CERTIFICATE-----)"
                .into(),
        );
    }
    Ok(certs)
}

/// Stands in for the system verifier when the system has no root certificates: refuses every
/// server, saying so.
#[derive(Debug)]
struct NoSystemRoots {
    why: String,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for NoSystemRoots {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Err(rustls::Error::General(format!(
            "certificate not verified: {}",
            self.why
        )))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
