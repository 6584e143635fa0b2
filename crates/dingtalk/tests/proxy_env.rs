//! `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` are honoured (corporate egress goes through a proxy). Its
//! own test binary: the environment is process-wide and the HTTP client is built once per process.
//! The simulator doubles as the proxy — a proxied request arrives in absolute form and is answered
//! like a direct one — so DingTalk's hosts never need to resolve.

use dingtalk::{Config, Credentials, DingTalk, Endpoints};
use dingtalk_sim::{scenarios as sc, Sim};

#[tokio::test]
async fn requests_go_through_the_proxy_from_the_environment_unless_no_proxy_says_otherwise() {
    let sim = Sim::start(sc::builtin("healthy").unwrap(), 0)
        .await
        .unwrap();
    let proxy = sim.base_url();
    // This binary has this one test, and sets the proxy before any client exists.
    set_env(&[
        ("HTTP_PROXY", proxy.as_str()),
        ("http_proxy", proxy.as_str()),
        ("NO_PROXY", "direct.invalid"),
        ("no_proxy", "direct.invalid"),
    ]);

    let via = |host: &str| Config {
        endpoints: Endpoints {
            oapi: format!("http://{host}/oapi"),
            api: format!("http://{host}/api"),
            login: format!("http://{host}/login"),
        },
        ..Config::default()
    };
    let creds = Credentials {
        client_id: sc::CLIENT_ID.into(),
        client_secret: sc::CLIENT_SECRET.into(),
    };

    // A host that does not exist is reached anyway: the proxy (the simulator) answers for it.
    let dt = DingTalk::new(via("oapi.dingtalk.invalid"), creds.clone()).unwrap();
    let mut trace = Vec::new();
    assert!(dt.user_count(&mut trace).await.unwrap() > 0);
    assert!(
        sim.request_count() >= 2,
        "token and count went through the proxy"
    );

    // NO_PROXY sends that host direct, where it cannot resolve.
    let direct = DingTalk::new(via("direct.invalid"), creds).unwrap();
    let e = direct.access_token(&mut Vec::new()).await.unwrap_err();
    assert!(
        matches!(
            e,
            dingtalk::ApiError::Dns(_) | dingtalk::ApiError::Connect(_)
        ),
        "{e:?}"
    );
    sim.shutdown().await;
}

fn set_env(vars: &[(&str, &str)]) {
    for (k, v) in vars {
        std::env::set_var(k, v);
    }
}
