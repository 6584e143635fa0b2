//! Practice mode: the DingTalk simulator started in-process on loopback, with a ready scenario,
//! and the endpoints that point the client at it. For training admins and for support staff
//! reproducing a customer's failure (`dingbind check --practice missing-contact-scope`).
//!
//! This crate is the only production path to the simulator (axum and all): the core keeps it as a
//! dev-dependency, the desktop app links it for its 练习模式 switch, and the CLI only when built
//! with its `practice` feature, so the binary admins copy to servers carries no simulator.

#![warn(missing_docs)]

use dingbind_core::checks::PracticeScenario;
use dingbind_core::{Field, Text, UserError};
use dingtalk_sim::{scenarios, Scenario, Sim, SimError, SimHandle};

/// Why practice mode could not start or switch scenario.
#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    /// No built-in scenario has this name. `known` lists the ones there are; it is empty where the
    /// list is not repeated (switching: the UI already offers every scenario).
    #[error("{}", unknown_scenario(name, known))]
    UnknownScenario {
        /// The name asked for.
        name: String,
        /// The built-in scenarios.
        known: Vec<String>,
    },
    /// The simulator could not start (no loopback port) or refused the scenario.
    #[error("{0}")]
    Sim(#[from] SimError),
}

fn unknown_scenario(name: &str, known: &[String]) -> String {
    if known.is_empty() {
        format!("no practice scenario `{name}`")
    } else {
        format!("no practice scenario `{name}`; known: {}", known.join(", "))
    }
}

impl UserError for PracticeError {
    /// `unknown_scenario` (the caller named a scenario there is none of) or `practice_failed`
    /// (the simulator could not start: no loopback port, or it refused a built-in scenario).
    fn code(&self) -> &'static str {
        match self {
            PracticeError::UnknownScenario { .. } => "unknown_scenario",
            PracticeError::Sim(_) => "practice_failed",
        }
    }

    fn text(&self) -> Text {
        match self {
            PracticeError::UnknownScenario { name, .. } => Text::new(
                format!("没有名为“{name}”的练习场景。"),
                format!("There is no practice scenario named “{name}”."),
            ),
            PracticeError::Sim(e) => Text::new(
                format!("练习模式无法启动（模拟钉钉没能在本机回环地址上运行）：{e}"),
                format!("Practice mode could not start (the simulated DingTalk could not run on loopback): {e}"),
            ),
        }
    }
}

/// A running simulator and the scenario it answers with.
pub struct Practice {
    sim: SimHandle,
    /// The scenario it answers with.
    pub scenario: PracticeScenario,
}

/// The ids of the ready scenarios, in the simulator's order (what `--practice` takes).
pub fn scenario_names() -> Vec<String> {
    scenarios::names().iter().map(|s| s.to_string()).collect()
}

/// The ready scenarios with the names the admin reads, in the simulator's order.
pub fn scenarios() -> Vec<PracticeScenario> {
    scenarios::names()
        .into_iter()
        .filter_map(scenarios::builtin)
        .map(|s| described(&s))
        .collect()
}

/// A scenario as runs and the UI name it. Every built-in scenario has a title (a test says so);
/// the id stands in for one that has none.
fn described(s: &Scenario) -> PracticeScenario {
    match &s.title {
        Some(t) => PracticeScenario {
            id: s.name.clone(),
            title: Text::new(&t.zh, &t.en),
        },
        None => PracticeScenario::untitled(&s.name),
    }
}

/// Starts the simulator on a free loopback port with the built-in `scenario`.
pub async fn start(scenario: &str) -> Result<Practice, PracticeError> {
    let s = scenarios::builtin(scenario).ok_or_else(|| PracticeError::UnknownScenario {
        name: scenario.to_string(),
        known: scenario_names(),
    })?;
    let described = described(&s);
    let sim = Sim::start(s, 0).await?;
    Ok(Practice {
        sim,
        scenario: described,
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
    /// Where the simulator answers, as the client's endpoints.
    pub fn endpoints(&self) -> dingtalk::Endpoints {
        sim_endpoints(&self.sim)
    }

    /// Switches the running simulator to another scenario (same ports, same endpoints).
    pub fn switch(&mut self, scenario: &str) -> Result<(), PracticeError> {
        let s = scenarios::builtin(scenario).ok_or_else(|| PracticeError::UnknownScenario {
            name: scenario.to_string(),
            known: Vec::new(),
        })?;
        let described = described(&s);
        self.sim.set_scenario(s)?;
        self.scenario = described;
        Ok(())
    }

    /// The values the simulated organisation expects, to fill a practice profile with.
    pub fn sample_values() -> Vec<(Field, String)> {
        vec![
            (Field::CorpId, scenarios::CORP_ID.to_string()),
            (Field::CorpName, scenarios::CORP_NAME.to_string()),
            (Field::AgentId, scenarios::AGENT_ID.to_string()),
            (Field::ClientId, scenarios::CLIENT_ID.to_string()),
            (Field::ClientSecret, scenarios::CLIENT_SECRET.to_string()),
            (Field::SsoSecret, scenarios::SSO_SECRET.to_string()),
        ]
    }

    /// Stops the simulator and frees its port.
    pub async fn stop(self) {
        self.sim.shutdown().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn unknown_scenarios_are_named() {
        let Err(e) = start("nope").await else {
            panic!("an unknown scenario started");
        };
        assert!(matches!(&e, PracticeError::UnknownScenario { name, .. } if name == "nope"));
        assert_eq!(
            e.to_string(),
            format!(
                "no practice scenario `nope`; known: {}",
                scenario_names().join(", ")
            )
        );

        let mut p = start(&scenario_names()[0]).await.unwrap();
        let e = p.switch("nope").unwrap_err();
        assert_eq!(e.to_string(), "no practice scenario `nope`");
        assert_eq!(p.scenario.id, scenario_names()[0]);
        p.stop().await;
    }

    /// The admin reads scenarios by name, never by the simulator's id.
    #[test]
    fn every_ready_scenario_has_a_name_in_both_languages() {
        let all = scenarios();
        assert_eq!(all.len(), scenario_names().len());
        for s in all {
            assert!(
                !s.title.zh.contains(&s.id) && !s.title.en.contains(&s.id),
                "{s:?}"
            );
            assert!(
                s.title
                    .zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{s:?}"
            );
            assert!(s.title.en.is_ascii(), "{s:?}");
        }
    }

    #[test]
    fn practice_errors_speak_both_languages_with_a_code() {
        let unknown = PracticeError::UnknownScenario {
            name: "nope".into(),
            known: scenario_names(),
        };
        assert_eq!(unknown.code(), "unknown_scenario");
        let text = unknown.text();
        assert!(
            text.zh.contains("练习场景") && text.zh.contains("nope"),
            "{text:?}"
        );
        assert!(text.en.contains("nope"), "{text:?}");
    }
}
