//! Practice mode: the DingTalk simulator started in-process on loopback, with a ready scenario,
//! and the endpoints that point the client at it. For training admins and for support staff
//! reproducing a customer's failure (`dingbind check --practice missing-contact-scope`).

use dingtalk_sim::{scenarios, Sim, SimHandle};

pub struct Practice {
    sim: SimHandle,
    pub scenario: String,
}

/// The ready scenarios, in the simulator's order.
pub fn scenario_names() -> Vec<String> {
    scenarios::names().iter().map(|s| s.to_string()).collect()
}

pub async fn start(scenario: &str) -> Result<Practice, String> {
    let s = scenarios::builtin(scenario).ok_or_else(|| {
        format!(
            "no practice scenario `{scenario}`; known: {}",
            scenario_names().join(", ")
        )
    })?;
    let sim = Sim::start(s, 0).await.map_err(|e| e.to_string())?;
    Ok(Practice {
        sim,
        scenario: scenario.to_string(),
    })
}

/// Where a running simulator answers, as the client's endpoints (practice mode, tests, benchmarks).
pub fn sim_endpoints(sim: &dingtalk_sim::SimHandle) -> dingtalk::Endpoints {
    dingtalk::Endpoints {
        oapi: sim.oapi_url(),
        api: sim.api_url(),
        login: sim.login_url(),
    }
}

impl Practice {
    pub fn endpoints(&self) -> dingtalk::Endpoints {
        sim_endpoints(&self.sim)
    }

    /// Switches the running simulator to another scenario (same ports, same endpoints).
    pub fn switch(&mut self, scenario: &str) -> Result<(), String> {
        let s = scenarios::builtin(scenario)
            .ok_or_else(|| format!("no practice scenario `{scenario}`"))?;
        self.sim.set_scenario(s).map_err(|e| e.to_string())?;
        self.scenario = scenario.to_string();
        Ok(())
    }

    /// The values the simulated organisation expects, to fill a practice profile with.
    pub fn sample_values() -> Vec<(crate::Field, String)> {
        use crate::Field;
        vec![
            (Field::CorpId, scenarios::CORP_ID.to_string()),
            (Field::CorpName, scenarios::CORP_NAME.to_string()),
            (Field::AgentId, scenarios::AGENT_ID.to_string()),
            (Field::ClientId, scenarios::CLIENT_ID.to_string()),
            (Field::ClientSecret, scenarios::CLIENT_SECRET.to_string()),
            (Field::SsoSecret, scenarios::SSO_SECRET.to_string()),
        ]
    }

    pub async fn stop(self) {
        self.sim.shutdown().await;
    }
}
