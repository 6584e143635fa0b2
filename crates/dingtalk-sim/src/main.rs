//! `dingtalk-sim`: run the DingTalk simulator as a process and print the base URLs to point a
//! client at (as `DINGBIND_*_URL=` lines, ready for `export`/`eval`).

use clap::Parser;
use dingtalk_sim::{scenarios, Sim};

/// A DingTalk Open API simulator speaking DingTalk's documented JSON.
#[derive(Debug, Parser)]
#[command(name = "dingtalk-sim", version)]
struct Args {
    /// Scenario TOML file, or the name of a built-in scenario.
    #[arg(long, default_value = "healthy")]
    scenario: String,
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// List the built-in scenarios and exit.
    #[arg(long)]
    list: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if args.list {
        for name in scenarios::names() {
            println!("{name}");
        }
        return std::process::ExitCode::SUCCESS;
    }
    let sim = match scenarios::resolve(&args.scenario) {
        Ok(scenario) => Sim::start(scenario, args.port).await,
        Err(e) => Err(e),
    };
    let sim = match sim {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("dingtalk-sim: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    println!("# dingtalk-sim: scenario {:?}", sim.scenario().name);
    println!("DINGBIND_OAPI_URL={}", sim.oapi_url());
    println!("DINGBIND_API_URL={}", sim.api_url());
    println!("DINGBIND_LOGIN_URL={}", sim.login_url());
    if tokio::signal::ctrl_c().await.is_err() {
        eprintln!("dingtalk-sim: cannot wait for Ctrl-C; stopping");
    }
    sim.shutdown().await;
    std::process::ExitCode::SUCCESS
}
