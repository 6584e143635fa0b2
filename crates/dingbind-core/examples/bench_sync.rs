//! `make bench-sync`: the sync preview's walk against a generated org in the simulator, with
//! realistic latency and DingTalk's documented per-app, per-API limit (20 calls/s, DOCS 1433,
//! docs/dingtalk/limits.md). Prints the wall time, the requests made, the throttle answers, and
//! the ratio of the wall time to the lower bound the limit allows: every API's calls at exactly
//! 20/s, all APIs at once (the busiest API sets the bound). Also the peak RSS of this process,
//! which holds the walk but not the simulator: the simulator runs as its own process
//! (`dingtalk-sim`, built beside this example), so its memory is not counted.
//!
//! Usage: `bench_sync [--people N] [--departments N] [--latency MS] [--jitter MS]
//! [--limit QPS] [--qps QPS]` (defaults: 10000, 1000, 60, 80, 20, the walk's default 16).

use dingbind_core::sync::{self, SyncInput, SyncOptions, SyncOutcome};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;
use tokio_util::sync::CancellationToken;

const HEALTHY: &str = include_str!("../../dingtalk-sim/scenarios/healthy.toml");

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `VmHWM` of this process, in MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[tokio::main]
async fn main() {
    let people = arg("--people", 10_000);
    let departments = arg("--departments", 1_000);
    let latency = arg("--latency", 60);
    let jitter = arg("--jitter", 80);
    let limit = arg("--limit", u64::from(sync::DOCUMENTED_QPS_PER_API));
    let qps = arg("--qps", u64::from(SyncOptions::default().qps_per_api));

    let scenario = HEALTHY
        .replace(
            "latency_ms = 0",
            &format!("latency_ms = {latency}\nlatency_jitter_ms = {jitter}\nqps_per_api = {limit}"),
        )
        + &format!("\n[org.generate]\npeople = {people}\ndepartments = {departments}\nseed = 2026\nmobile_percent = 90\nemail_percent = 60\n");
    let file = std::env::temp_dir().join(format!("bench-sync-{}.toml", std::process::id()));
    std::fs::write(&file, scenario).expect("write the scenario");
    let sim_exe = std::env::current_exe()
        .expect("own path")
        .parent()
        .and_then(|examples| examples.parent())
        .map(|release| release.join("dingtalk-sim"))
        .expect("target folder");
    let mut sim = Command::new(&sim_exe)
        .arg("--scenario")
        .arg(&file)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (build it: cargo build --release -p dingtalk-sim)",
                sim_exe.display()
            )
        });
    let mut endpoints = dingtalk::Endpoints::default();
    let mut lines = BufReader::new(sim.stdout.take().expect("stdout")).lines();
    while endpoints.login.starts_with("https") {
        let line = lines.next().expect("the simulator stopped").expect("line");
        if let Some((k, v)) = line.split_once('=') {
            match k {
                "DINGBIND_OAPI_URL" => endpoints.oapi = v.into(),
                "DINGBIND_API_URL" => endpoints.api = v.into(),
                "DINGBIND_LOGIN_URL" => endpoints.login = v.into(),
                _ => {}
            }
        }
    }
    let input = SyncInput {
        credentials: dingtalk::Credentials {
            client_id: dingtalk_sim::scenarios::CLIENT_ID.into(),
            client_secret: dingtalk_sim::scenarios::CLIENT_SECRET.into(),
        },
        agent_id: Some(dingtalk_sim::scenarios::AGENT_ID),
        dingtalk: dingtalk::Config {
            endpoints,
            ..dingtalk::Config::default()
        },
        expected: None,
        options: SyncOptions {
            qps_per_api: qps as u32,
            ..SyncOptions::default()
        },
    };
    let rss_before = peak_rss_mib();
    let started = Instant::now();
    let out = sync::preview(&input, None, |_| {}, CancellationToken::new()).await;
    let wall = started.elapsed().as_secs_f64();
    let _ = sim.kill();
    let _ = sim.wait();
    let _ = std::fs::remove_file(&file);
    let preview = match out {
        Ok(SyncOutcome::Done { preview }) => preview,
        other => panic!("the walk did not finish: {other:?}"),
    };
    let t = &preview.totals;
    // Calls per API: listsub once per department, user/list once per page of 100 members.
    let listsub = preview.departments.len() as u64;
    let pages: u64 = preview
        .departments
        .iter()
        .map(|d| u64::from(d.direct_members).div_ceil(100).max(1))
        .sum();
    let bound = listsub.max(pages) as f64 / f64::from(sync::DOCUMENTED_QPS_PER_API);
    println!("org: {people} people, {departments} departments (+ root); latency {latency}+0..{jitter} ms; limit {limit}/s per API; walk paced at {qps}/s per API");
    println!(
        "synced {} people in {} departments; expected matches: {:?}",
        t.synced, t.departments, t.expected_matches
    );
    println!(
        "requests: {} (listsub {listsub}, user/list {pages}, + ranges and token); throttled: {}",
        t.requests, t.throttled
    );
    println!(
        "wall: {wall:.1} s; lower bound at {}/s per API: {bound:.1} s; ratio {:.2}",
        sync::DOCUMENTED_QPS_PER_API,
        wall / bound
    );
    if let (Some(before), Some(peak)) = (rss_before, peak_rss_mib()) {
        println!("peak RSS: {peak:.1} MiB (before the walk: {before:.1} MiB)");
    }
}
