//! Whom the client trusts over https: the system's roots and, on top of them, the admin's extra CA
//! file. The system store here is a bundle named by `SSL_CERT_FILE`, which is where the Linux side
//! of the platform verifier (rustls-native-certs) reads it from, as OpenSSL did; Windows and macOS
//! ask the OS itself, which a test cannot stand in for, hence Linux (and the BSDs) only. One test
//! per file: the system store is read once per process.
#![cfg(all(unix, not(target_vendor = "apple")))]

mod common;

use common::https::{ca, localhost_from, pem_file, serve};
use dingtalk::{ApiError, Config, DingTalk, Endpoints, Trace};
use std::path::Path;
use std::time::Duration;

/// A DingTalk client whose old-family host is `url`, trusting `extra_ca_file` too.
fn client(url: &str, extra_ca_file: Option<&Path>) -> DingTalk {
    let cfg = Config {
        endpoints: Endpoints {
            oapi: url.into(),
            ..Endpoints::default()
        },
        timeout: Duration::from_secs(5),
        max_retries: 0,
        backoff: Duration::from_millis(10),
        extra_ca_file: extra_ca_file.map(Path::to_path_buf),
    };
    DingTalk::new(cfg, common::creds()).expect("client builds")
}

async fn gettoken(url: &str, extra_ca_file: Option<&Path>) -> Result<String, ApiError> {
    client(url, extra_ca_file)
        .gettoken_old(&mut Trace::new())
        .await
}

#[tokio::test]
async fn the_system_roots_are_trusted_and_the_extra_ca_file_adds_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let system_root = ca("Test Public Root");
    let gateway_root = ca("示例科技 Security Gateway Root CA");
    std::env::set_var(
        "SSL_CERT_FILE",
        pem_file(dir.path(), "system-roots.pem", &[&system_root]),
    );
    std::env::remove_var("SSL_CERT_DIR");
    let gateway_file = pem_file(dir.path(), "corp-root.crt", &[&gateway_root]);
    // A host with a certificate from a root the system trusts, and one inspected by the gateway.
    let public = serve(&localhost_from(&system_root));
    let inspected = serve(&localhost_from(&gateway_root));

    assert_eq!(gettoken(&public, None).await.unwrap(), "t0k3n");
    match gettoken(&inspected, None).await {
        Err(ApiError::Tls(msg)) => assert!(msg.contains("UnknownIssuer"), "{msg}"),
        other => panic!("the gateway's certificate was not refused: {other:?}"),
    }

    assert_eq!(
        gettoken(&inspected, Some(&gateway_file)).await.unwrap(),
        "t0k3n",
        "trusted through the extra CA file"
    );
    assert_eq!(
        gettoken(&public, Some(&gateway_file)).await.unwrap(),
        "t0k3n",
        "the system's roots still count beside the extra CA file"
    );
}
