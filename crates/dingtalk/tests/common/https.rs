//! Certificates made here (rcgen) and a local https server that presents one, for the tests of
//! whom the client trusts.

use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{Read, Write};
use std::sync::Arc;

pub struct Cert {
    pub cert: rcgen::Certificate,
    pub key: KeyPair,
}

/// A root CA named `cn`.
pub fn ca(cn: &str) -> Cert {
    let key = KeyPair::generate().unwrap();
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    p.distinguished_name = dn;
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let cert = p.self_signed(&key).unwrap();
    Cert { cert, key }
}

/// A server certificate for `localhost`, issued by `issuer`. Its CN is not a bare "localhost":
/// Debian's snakeoil certificate in /etc/ssl/certs has that name.
pub fn localhost_from(issuer: &Cert) -> Cert {
    let key = KeyPair::generate().unwrap();
    let mut p = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "test localhost");
    p.distinguished_name = dn;
    let cert = p.signed_by(&key, &issuer.cert, &issuer.key).unwrap();
    Cert { cert, key }
}

/// A PEM file holding `certs`.
pub fn pem_file(dir: &std::path::Path, name: &str, certs: &[&Cert]) -> std::path::PathBuf {
    let path = dir.join(name);
    let pem: String = certs.iter().map(|c| c.cert.pem()).collect();
    std::fs::write(&path, pem).unwrap();
    path
}

/// Serves https on loopback with `cert`, answering every request as DingTalk's `gettoken` does.
/// Returns `https://localhost:PORT`.
pub fn serve(cert: &Cert) -> String {
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
                let mut buf = [0u8; 4096];
                // A client that refuses the certificate ends the handshake here.
                if tls.read(&mut buf).is_err() {
                    return;
                }
                let body =
                    r#"{"errcode":0,"errmsg":"ok","access_token":"t0k3n","expires_in":7200}"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(format!("{head}{body}").as_bytes());
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    format!("https://localhost:{port}")
}
