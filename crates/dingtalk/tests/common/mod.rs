//! Shared helpers for the client-against-simulator tests: start a scenario, build a fast client
//! pointed at it, log in through the simulated login page, inject faults, and check that a trace
//! holds no secret.
#![allow(dead_code, unused_imports)] // each test binary uses a different subset

pub mod https;

use std::time::Duration;

use dingtalk::{Config, Credentials, DingTalk, Endpoints, Exchange};
use dingtalk_sim::scenarios::{self, CLIENT_ID, CLIENT_SECRET, REDIRECT_URL};
use dingtalk_sim::{Fault, FaultKind, Scenario, Sim, SimHandle};

pub use dingtalk_sim::scenarios::{
    ADMIN_UNIONID, ADMIN_USERID, AGENT_ID, CORP_ID, EGRESS_IP, SSO_SECRET,
};

/// A built-in scenario by name.
pub fn scenario(name: &str) -> Scenario {
    scenarios::builtin(name).unwrap_or_else(|| panic!("built-in scenario {name}"))
}

/// Start a built-in scenario on a free port.
pub async fn start(name: &str) -> SimHandle {
    start_with(scenario(name)).await
}

pub async fn start_with(scenario: Scenario) -> SimHandle {
    Sim::start(scenario, 0).await.expect("simulator starts")
}

/// `healthy` plus the given faults.
pub async fn start_healthy_with(faults: Vec<Fault>) -> SimHandle {
    let mut s = scenario("healthy");
    s.faults.extend(faults);
    start_with(s).await
}

/// A fault of `kind` on paths containing `path`, firing `count` times (`None` = always).
pub fn fault(kind: FaultKind, path: Option<&str>, count: Option<u32>) -> Fault {
    Fault {
        kind,
        path: path.map(str::to_owned),
        count,
        status: None,
        after_uses: 0,
        hang_secs: None,
    }
}

pub fn endpoints(sim: &SimHandle) -> Endpoints {
    Endpoints {
        oapi: sim.oapi_url(),
        api: sim.api_url(),
        login: sim.login_url(),
    }
}

/// The simulator's endpoints, a 5 s timeout and a 10 ms back-off (tests stay fast).
pub fn config(sim: &SimHandle) -> Config {
    Config {
        endpoints: endpoints(sim),
        timeout: Duration::from_secs(5),
        max_retries: 3,
        backoff: Duration::from_millis(10),
        extra_ca_file: None,
    }
}

pub fn creds() -> Credentials {
    Credentials {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
    }
}

/// A client with the shared credentials against the simulator.
pub fn client(sim: &SimHandle) -> DingTalk {
    client_with(config(sim))
}

pub fn client_with(cfg: Config) -> DingTalk {
    match DingTalk::new(cfg, creds()) {
        Ok(dt) => dt,
        Err(e) => panic!("client builds: {e}"),
    }
}

/// Opens the login page the way a browser would (no redirect following) and returns the `code`
/// from the `302` Location, after checking `authCode` and `state` came back with it.
pub async fn login_code(sim: &SimHandle, scope: &str) -> String {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client");
    let mut url = url::Url::parse(&format!("{}/oauth2/auth", sim.login_url())).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", CLIENT_ID)
        .append_pair("redirect_uri", REDIRECT_URL)
        .append_pair("response_type", "code")
        .append_pair("scope", scope)
        .append_pair("state", "xyz")
        .append_pair("prompt", "consent");
    assert!(
        url.as_str().contains(
            "redirect_uri=https%3A%2F%2Foa.example.com%2Fdingding%2Fdd_or_code_corp_list"
        ),
        "redirect_uri is urlencoded: {url}"
    );
    let resp = browser.get(url).send().await.expect("login page answers");
    assert_eq!(resp.status().as_u16(), 302, "login page redirects");
    let location = resp
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("Location header")
        .to_owned();
    assert!(
        location.starts_with(REDIRECT_URL),
        "back to the registered URI: {location}"
    );
    let location = url::Url::parse(&location).unwrap();
    let param = |key: &str| {
        location
            .query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    let code = param("code").expect("code in the Location");
    assert_eq!(param("authCode").as_deref(), Some(code.as_str()));
    assert_eq!(param("state").as_deref(), Some("xyz"));
    code
}

/// Every field of every exchange (both as `Debug` and as the serialized form the UI sees) is free
/// of each secret.
pub fn assert_no_secrets(trace: &[Exchange], secrets: &[&str]) {
    assert!(!trace.is_empty(), "the trace recorded something");
    for ex in trace {
        let fields = [
            ex.method.clone(),
            ex.url.clone(),
            ex.request_body.clone().unwrap_or_default(),
            ex.response_body.clone().unwrap_or_default(),
            ex.date.clone().unwrap_or_default(),
            ex.error.clone().unwrap_or_default(),
            format!("{ex:?}"),
            serde_json::to_string(ex).unwrap(),
        ];
        for secret in secrets.iter().filter(|s| !s.is_empty()) {
            for f in &fields {
                assert!(!f.contains(secret), "secret {secret:?} leaked into {ex:#?}");
            }
        }
    }
}

/// The exchanges whose URL contains `fragment`.
pub fn exchanges_to<'a>(trace: &'a [Exchange], fragment: &str) -> Vec<&'a Exchange> {
    trace.iter().filter(|e| e.url.contains(fragment)).collect()
}

/// A local port with nothing listening on it.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}
