//! Configuration from the environment. Environment variables are process-wide and tests run on
//! parallel threads, so this binary holds exactly ONE test, which sets and unsets every variable
//! itself, in sequence.

mod common;

use common::*;
use dingtalk::config::{API_ENV, CA_FILE_ENV, LOGIN_ENV, OAPI_ENV};
use dingtalk::{ApiError, Config, DingTalk, Endpoints, Trace};

const VARS: [&str; 4] = [OAPI_ENV, API_ENV, LOGIN_ENV, CA_FILE_ENV];

fn clear() {
    for v in VARS {
        std::env::remove_var(v);
    }
}

#[tokio::test]
async fn base_urls_and_ca_file_come_from_the_environment() {
    // Nothing set: DingTalk's real hosts, no extra CA.
    clear();
    assert_eq!(Endpoints::from_env(), Endpoints::default());
    assert_eq!(Endpoints::default().oapi, "https://oapi.dingtalk.com");
    assert_eq!(Endpoints::default().api, "https://api.dingtalk.com");
    assert_eq!(Endpoints::default().login, "https://login.dingtalk.com");
    assert_eq!(Config::from_env().extra_ca_file, None);

    // Blank values count as unset.
    std::env::set_var(OAPI_ENV, "   ");
    assert_eq!(Endpoints::from_env().oapi, "https://oapi.dingtalk.com");

    // Set with a trailing slash (and stray whitespace): trimmed, so paths join cleanly.
    let sim = start("healthy").await;
    std::env::set_var(OAPI_ENV, format!("{}/", sim.oapi_url()));
    std::env::set_var(API_ENV, format!(" {}/ ", sim.api_url()));
    std::env::set_var(LOGIN_ENV, format!("{}//", sim.login_url()));
    let cfg = Config::from_env();
    assert_eq!(cfg.endpoints, endpoints(&sim));
    assert_eq!(cfg.extra_ca_file, None);
    // The rest keeps its defaults.
    let d = Config::default();
    assert_eq!(
        (cfg.timeout, cfg.max_retries, cfg.backoff),
        (d.timeout, d.max_retries, d.backoff)
    );

    // A client built from the environment reaches the simulator on every host.
    let dt = DingTalk::new(cfg, creds()).unwrap_or_else(|e| panic!("{e}"));
    let mut trace = Trace::new();
    assert_eq!(dt.user_count(&mut trace).await.unwrap(), 6);
    dt.gettoken_old(&mut trace).await.unwrap();
    let code = login_code(&sim, "openid").await;
    let user = dt.user_access_token(&mut trace, &code).await.unwrap();
    dt.contact_me(&mut trace, &user.access_token).await.unwrap();
    assert!(trace
        .iter()
        .all(|e| !e.url.contains("//v1.0") && !e.url.contains("//topapi")));
    assert_eq!(dt.config().endpoints.login, sim.login_url());
    sim.shutdown().await;

    // Only some set: the others keep DingTalk's hosts.
    clear();
    std::env::set_var(API_ENV, "http://gateway.example:8080/dingtalk-api/");
    let e = Endpoints::from_env();
    assert_eq!(e.api, "http://gateway.example:8080/dingtalk-api");
    assert_eq!(e.oapi, "https://oapi.dingtalk.com");
    assert_eq!(e.login, "https://login.dingtalk.com");

    // DINGBIND_CA_FILE names an extra CA; a missing file is a clear TLS error naming it.
    clear();
    let missing = std::env::temp_dir().join("dingbind-no-such-dir/corp-ca.pem");
    std::env::set_var(CA_FILE_ENV, &missing);
    let cfg = Config::from_env();
    assert_eq!(cfg.extra_ca_file.as_deref(), Some(missing.as_path()));
    match DingTalk::new(cfg, creds()).err() {
        Some(ApiError::Tls(msg)) => assert!(msg.contains("corp-ca.pem"), "{msg}"),
        Some(other) => panic!("expected Tls, got {other:?}"),
        None => panic!("a missing CA file was accepted"),
    }
    clear();
}
