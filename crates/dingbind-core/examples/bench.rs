//! `make bench`: how the concurrent check engine compares with running the same checks one after
//! another, when every DingTalk request takes 200 ms (the simulator adds the latency). Reports
//! ratios measured in this one run — wall time over the round-trip time, sequential over
//! concurrent — not absolute timings, which depend on the machine. Target: concurrent ≤ 2.5 × RTT.

use dingbind_core::checks::{
    run, run_sequential, Cancel, CheckInput, CheckOptions, CheckRun, CheckStatus, PracticeScenario,
};
use dingbind_core::{template, Field};
use dingtalk_sim::scenarios as sc;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
mod common;

const LATENCY_MS: u64 = 200;
const ROUNDS: usize = 5;

fn input(sim: &dingtalk_sim::SimHandle) -> CheckInput {
    let values: BTreeMap<Field, String> = [
        (Field::Domain, "oa.example.com".to_string()),
        (Field::CorpId, sc::CORP_ID.to_string()),
        (Field::CorpName, sc::CORP_NAME.to_string()),
        (Field::AgentId, sc::AGENT_ID.to_string()),
        (Field::ClientId, sc::CLIENT_ID.to_string()),
    ]
    .into_iter()
    .collect();
    let dingtalk = dingtalk::Config {
        endpoints: common::sim_endpoints(sim),
        ..dingtalk::Config::default()
    };
    CheckInput::new(
        template::builtin("yidianyun-private-cloud")
            .expect("built-in")
            .clone(),
        &values,
        &BTreeMap::new(),
        &[
            (Field::ClientSecret, sc::CLIENT_SECRET.to_string()),
            (Field::SsoSecret, sc::SSO_SECRET.to_string()),
        ]
        .into_iter()
        .collect(),
        CheckOptions::default(),
        dingtalk,
    )
}

/// Checks that asked DingTalk something (practice mode skips the platform checks).
fn probing(run: &CheckRun) -> usize {
    run.checks.iter().filter(|c| !c.trace.is_empty()).count()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let mut scenario = sc::builtin("healthy").expect("healthy scenario");
    scenario.latency_ms = LATENCY_MS;
    let sim = dingtalk_sim::Sim::start(scenario, 0)
        .await
        .expect("simulator");

    // One round trip, as the client sees it: a request that needs nothing else.
    let http = reqwest::Client::new();
    let mut rtts = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        http.get(format!("{}/gettoken", sim.oapi_url()))
            .send()
            .await
            .expect("sim answers")
            .bytes()
            .await
            .ok();
        rtts.push(t.elapsed());
    }
    let rtt = median(rtts);

    let (mut concurrent, mut sequential) = (Vec::new(), Vec::new());
    let (mut checks, mut probed, mut requests) = (0, 0, 0);
    for _ in 0..ROUNDS {
        let before = sim.request_count();
        let t = Instant::now();
        let r = run(
            input(&sim),
            Some(PracticeScenario::untitled("healthy")),
            Cancel::new(),
            |_| {},
        )
        .await;
        concurrent.push(t.elapsed());
        assert_eq!(
            r.summary.fail, 0,
            "the healthy suite must pass to be a fair measure"
        );
        requests = sim.request_count() - before;
        checks = r.checks.len();
        probed = probing(&r);
        let t = Instant::now();
        let s = run_sequential(input(&sim), Some(PracticeScenario::untitled("healthy"))).await;
        sequential.push(t.elapsed());
        assert!(s.checks.iter().all(|c| c.status != CheckStatus::Fail));
    }
    let (c, s) = (median(concurrent), median(sequential));
    let ratio = c.as_secs_f64() / rtt.as_secs_f64();
    let speedup = s.as_secs_f64() / c.as_secs_f64();
    println!("Dingbind check engine benchmark (simulator latency {LATENCY_MS} ms per request, median of {ROUNDS})");
    println!("  checks in the suite        {checks} ({probed} ask DingTalk, {requests} requests)");
    println!(
        "  round-trip time (RTT)      {:>7.1} ms",
        rtt.as_secs_f64() * 1e3
    );
    println!(
        "  concurrent suite           {:>7.1} ms  = {ratio:.2} × RTT  (target ≤ 2.5 × RTT)",
        c.as_secs_f64() * 1e3
    );
    println!(
        "  same checks one by one     {:>7.1} ms  = {:.2} × RTT",
        s.as_secs_f64() * 1e3,
        s.as_secs_f64() / rtt.as_secs_f64()
    );
    println!("  concurrency speed-up       {speedup:.1} ×");
    println!(
        "  verdict                    {}",
        if ratio <= 2.5 {
            "MEETS the target"
        } else {
            "MISSES the target"
        }
    );
    if std::env::var_os("BENCH_DETAIL").is_some() {
        let t = Instant::now();
        let r = run(
            input(&sim),
            Some(PracticeScenario::untitled("healthy")),
            Cancel::new(),
            move |e| {
                if let dingbind_core::checks::CheckEvent::Finished { result } = e {
                    println!(
                        "  {:>6} ms  {:<34} {} ms",
                        t.elapsed().as_millis(),
                        result.id,
                        result.duration_ms
                    );
                }
            },
        )
        .await;
        println!("  total {} ms", r.duration_ms);
    }
    sim.shutdown().await;
    if ratio > 2.5 {
        std::process::exit(1);
    }
}
