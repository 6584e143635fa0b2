//! Running the plan: every check is its own task, so a slow probe never holds up another; the whole
//! run has a deadline, and the admin can cancel. Either way the tasks are aborted — dropping their
//! futures drops the in-flight HTTP requests — and every unfinished check is reported as such.

use super::outcome::Outcome;
use super::plan::{plan, PlannedCheck};
use super::probes::Ctx;
use super::{CheckInput, CheckResult, CheckRun, CheckStatus, PracticeScenario, Summary};
use crate::diagnosis::{DiagnosisCode, DiagnosisData};
use std::sync::Arc;
use std::time::Instant;
use tokio::task::JoinSet;

/// What a run reports as it goes (the UI turns spinners into results with these).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CheckEvent {
    Planned { checks: Vec<PlannedCheck> },
    Finished { result: Box<CheckResult> },
}

/// Cancels a run from elsewhere (the UI's Cancel button).
#[derive(Clone, Default)]
pub struct Cancel(tokio_util::sync::CancellationToken);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.cancel();
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.is_cancelled()
    }
    /// Resolves once cancelled.
    pub async fn cancelled(&self) {
        self.0.cancelled().await;
    }
}

/// Runs every planned check concurrently. `practice` names the simulator scenario in practice mode.
pub async fn run(
    input: CheckInput,
    practice: Option<PracticeScenario>,
    cancel: Cancel,
    on_event: impl Fn(CheckEvent) + Send + Sync + 'static,
) -> CheckRun {
    execute(input, practice, cancel, on_event, false).await
}

/// The same checks one after another, in plan order, with no deadline: the baseline the
/// benchmark (`make bench`) compares the concurrent run with.
pub async fn run_sequential(input: CheckInput, practice: Option<PracticeScenario>) -> CheckRun {
    execute(input, practice, Cancel::new(), |_| {}, true).await
}

/// One check, start to result, announced when it finishes.
async fn one(
    ctx: Arc<Ctx>,
    p: PlannedCheck,
    on_event: Arc<impl Fn(CheckEvent) + Send + Sync>,
) -> CheckResult {
    let t0 = Instant::now();
    let (outcome, trace) = ctx.run(&p).await;
    let result = outcome.finish(&p, trace, t0.elapsed().as_millis() as u32);
    on_event(CheckEvent::Finished {
        result: Box::new(result.clone()),
    });
    result
}

async fn execute(
    input: CheckInput,
    practice: Option<PracticeScenario>,
    cancel: Cancel,
    on_event: impl Fn(CheckEvent) + Send + Sync + 'static,
    sequential: bool,
) -> CheckRun {
    let started_at = crate::store::now();
    let start = Instant::now();
    let planned = plan(&input);
    on_event(CheckEvent::Planned {
        checks: planned.clone(),
    });
    let deadline = input.deadline();
    let on_event = Arc::new(on_event);

    let mut results: Vec<CheckResult> = Vec::new();
    let (mut cancelled, mut deadline_hit) = (false, false);
    match Ctx::new(input, practice.clone()) {
        Err(e) => {
            // The HTTP stack itself could not start (a bad CA file, say): every check says why.
            for p in &planned {
                results.push(Outcome::error(&e).finish(p, Vec::new(), 0));
            }
        }
        Ok(ctx) if sequential => {
            let ctx = Arc::new(ctx);
            for p in planned.clone() {
                results.push(one(ctx.clone(), p, on_event.clone()).await);
            }
        }
        Ok(ctx) => {
            let ctx = Arc::new(ctx);
            let mut set = JoinSet::new();
            for p in planned.clone() {
                set.spawn(one(ctx.clone(), p, on_event.clone()));
            }
            let timer = tokio::time::sleep(deadline);
            tokio::pin!(timer);
            loop {
                tokio::select! {
                    next = set.join_next() => match next {
                        Some(Ok(r)) => results.push(r),
                        Some(Err(_)) => {} // a panicked probe is reported as unfinished below
                        None => break,
                    },
                    () = &mut timer => { deadline_hit = true; break; }
                    () = cancel.0.cancelled() => { cancelled = true; break; }
                }
            }
            set.abort_all();
            while set.join_next().await.is_some() {}
        }
    }

    let elapsed = start.elapsed().as_millis() as u32;
    for p in &planned {
        if results.iter().any(|r| r.id == p.id) {
            continue;
        }
        let outcome = if cancelled {
            Outcome::skipped(Vec::new(), "已取消", "Cancelled").with("cancelled", true)
        } else {
            Outcome::of(
                CheckStatus::Fail,
                DiagnosisCode::Timeout,
                DiagnosisData::default(),
            )
            .with("deadline_ms", deadline.as_millis() as u64)
        };
        let r = outcome.finish(p, Vec::new(), elapsed);
        on_event(CheckEvent::Finished {
            result: Box::new(r.clone()),
        });
        results.push(r);
    }
    results.sort_by_key(|r| planned.iter().position(|p| p.id == r.id));
    CheckRun {
        started_at,
        duration_ms: elapsed,
        summary: Summary::of(&results),
        checks: results,
        cancelled,
        deadline_hit,
        practice,
    }
}
