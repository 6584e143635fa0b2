//! A Linux machine without root certificates (a bare container): the client still builds, plain
//! http (a gateway, the simulator) still works, every https request fails as a TLS failure that
//! says why, and the extra CA file is still trusted. `SSL_CERT_FILE` names an empty system store;
//! one test per file, since the system store is read once per process.
#![cfg(all(unix, not(target_vendor = "apple")))]

mod common;

use common::https::{ca, localhost_from, pem_file, serve};
use dingtalk::{ApiError, Config, Endpoints, Trace};
use std::time::Duration;

#[tokio::test]
async fn without_system_roots_https_fails_saying_why_and_http_works() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("SSL_CERT_FILE", pem_file(dir.path(), "empty.pem", &[]));
    std::env::remove_var("SSL_CERT_DIR");
    let root = ca("Gateway Root");
    let url = serve(&localhost_from(&root));
    let cfg = |extra_ca_file| Config {
        endpoints: Endpoints {
            oapi: url.clone(),
            ..Endpoints::default()
        },
        timeout: Duration::from_secs(5),
        max_retries: 0,
        backoff: Duration::from_millis(10),
        extra_ca_file,
    };

    let dt = dingtalk::DingTalk::new(cfg(None), common::creds()).expect("client builds");
    match dt.gettoken_old(&mut Trace::new()).await {
        Err(ApiError::Tls(msg)) => assert!(
            msg.contains("No CA certificates were loaded from the system"),
            "{msg}"
        ),
        other => panic!("expected a TLS failure, got {other:?}"),
    }

    let with_file = Some(pem_file(dir.path(), "corp-root.pem", &[&root]));
    let dt = dingtalk::DingTalk::new(cfg(with_file), common::creds()).expect("client builds");
    assert_eq!(dt.gettoken_old(&mut Trace::new()).await.unwrap(), "t0k3n");

    let sim = common::start("healthy").await;
    let plain = common::client(&sim);
    assert!(
        plain.gettoken_old(&mut Trace::new()).await.is_ok(),
        "plain http"
    );
    sim.shutdown().await;
}
