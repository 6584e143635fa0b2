//! The walk: a queue of page requests per API, each API paced below DingTalk's per-app, per-API
//! limit and with a few requests in flight, results applied in one place (so no lock guards the
//! directory). A throttle answer puts its page back at the front of its queue and pauses every
//! API for DingTalk's one second (DOCS 1433); a cancel drops the requests in flight and puts
//! their pages back, so the checkpoint resumes with nothing lost and nothing asked twice.
//!
//! What it asks (docs/dingtalk/endpoints.md):
//! 1. `auth/scopes` (the contact range and the user fields), then the visible range
//!    (`/v1.0/microApp/apps/{agentId}/scopes`; unreadable without `qyapi_microapp_manage`, which a
//!    healthy new app lacks: then the preview says so instead of failing);
//! 2. from each department of the contact range (root 1 = everyone): `v2/department/get` for the
//!    range's own departments, `v2/department/listsub` for children, `v2/user/list` page by page
//!    for members; `v2/user/get` for people the range lists one by one;
//! 3. for visible departments the contact range leaves out, `user/listid` (not limited by the
//!    contact range, DOCS 0065) counts who can open the app but will not be synced.

use super::preview::{self, VisibleRange};
use super::{SyncError, SyncInput, SyncOptions, SyncOutcome, SyncProgress};
use crate::diagnosis::from_api_error;
use dingtalk::api::Department;
use dingtalk::directory::{Member, MemberPage};
use dingtalk::{ApiError, DingTalk};
use futures::stream::{FuturesUnordered, StreamExt};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

const ROOT: i64 = 1;
/// Attempts of one page after a network failure or DingTalk's -1 系统繁忙 before the walk stops.
const TRANSIENT_ATTEMPTS: u32 = 3;

/// One request of the walk.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Task {
    /// `v2/department/get`: a department the contact range names (its name and parent).
    Department { dept_id: i64 },
    /// `v2/department/listsub`: a department's children.
    Children { dept_id: i64 },
    /// `v2/user/list`: one page of a department's direct members.
    Members { dept_id: i64, cursor: i64 },
    /// `v2/user/get`: a person the contact range lists one by one.
    Person { userid: String },
    /// `user/listid`: who is in a visible department outside the contact range.
    MemberIds { dept_id: i64 },
}

/// Each task kind is its own API, paced on its own (DingTalk limits per app and per API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Api {
    Department,
    Children,
    Members,
    Person,
    MemberIds,
}

const APIS: [Api; 5] = [
    Api::Department,
    Api::Children,
    Api::Members,
    Api::Person,
    Api::MemberIds,
];

impl Task {
    fn api(&self) -> Api {
        match self {
            Task::Department { .. } => Api::Department,
            Task::Children { .. } => Api::Children,
            Task::Members { .. } => Api::Members,
            Task::Person { .. } => Api::Person,
            Task::MemberIds { .. } => Api::MemberIds,
        }
    }
}

/// The contact range as `auth/scopes` gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactScopes {
    /// Root department 1 is in the range: everyone.
    pub all: bool,
    pub dept_ids: Vec<i64>,
    pub userids: Vec<String>,
    /// `auth_user_field`: the user fields the app may read.
    pub user_fields: Vec<String>,
}

/// A department found by the walk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeptSeen {
    pub name: String,
    pub parent_id: Option<i64>,
    /// Direct members returned by `v2/user/list`.
    pub direct: u32,
}

/// A person the API returned: ids, name, departments and which fields came back, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonSeen {
    pub name: String,
    pub dept_ids: Vec<i64>,
    pub admin: bool,
    /// Bit `i` set when `dingtalk::directory::USER_FIELDS[i]` came back.
    pub fields: u16,
}

/// Something the contact range names that the API would not read (50004, 50002, 60003, 60121).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Unreadable {
    pub dept_id: Option<i64>,
    pub userid: Option<String>,
    /// DingTalk's code.
    pub errcode: Option<String>,
}

/// A visible department outside the contact range, and who is directly in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutsideDept {
    pub dept_id: i64,
    pub userids: Vec<String>,
}

/// Everything a walk has found and what it still has to ask: enough to resume it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Checkpoint {
    /// The ranges are read and the first pages queued.
    pub started: bool,
    /// The visible departments outside the contact range are queued.
    pub outside_queued: bool,
    pub contact: ContactScopes,
    pub visible: Option<VisibleRange>,
    pub pending: Vec<Task>,
    pub departments: BTreeMap<i64, DeptSeen>,
    pub people: BTreeMap<String, PersonSeen>,
    pub unreadable: Vec<Unreadable>,
    pub outside: Vec<OutsideDept>,
    pub requests: u32,
    pub throttled: u32,
}

/// Paces each API: one call every `1/qps` seconds at most, and nobody calls during a throttle
/// pause.
struct Pacer {
    interval: Duration,
    next: Mutex<HashMap<Api, Instant>>,
    paused_until: Mutex<Option<Instant>>,
}

impl Pacer {
    fn new(o: &SyncOptions) -> Self {
        Self {
            interval: Duration::from_secs_f64(1.0 / f64::from(o.qps_per_api.max(1))),
            next: Mutex::new(HashMap::new()),
            paused_until: Mutex::new(None),
        }
    }

    fn pause(&self, d: Duration) {
        let until = Instant::now() + d;
        let mut p = self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        *p = Some(p.map_or(until, |q| q.max(until)));
    }

    fn paused_until(&self) -> Option<Instant> {
        let p = *self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        p.filter(|t| *t > Instant::now())
    }

    /// Waits for this API's next free slot (and for any pause to end).
    async fn slot(&self, api: Api) {
        loop {
            if let Some(until) = self.paused_until() {
                tokio::time::sleep_until(until.into()).await;
            }
            let at = {
                let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                let slot = next.get(&api).copied().filter(|t| *t > now).unwrap_or(now);
                next.insert(api, slot + self.interval);
                slot
            };
            tokio::time::sleep_until(at.into()).await;
            // A pause that began while waiting holds this call back too.
            if self.paused_until().is_none() {
                return;
            }
        }
    }
}

enum Answer {
    Department(Department),
    Children(Vec<Department>),
    Members(MemberPage),
    Person(Member),
    MemberIds(Vec<String>),
}

async fn exec(
    client: &DingTalk,
    pacer: &Pacer,
    page_size: i64,
    id: u64,
    task: Task,
) -> (u64, Task, Result<Answer, ApiError>) {
    pacer.slot(task.api()).await;
    // Each request's exchanges are dropped with it: the walk keeps no trace.
    let mut trace = Vec::new();
    let t = &mut trace;
    let result = match &task {
        Task::Department { dept_id } => client
            .department_get(t, *dept_id)
            .await
            .map(Answer::Department),
        Task::Children { dept_id } => client
            .department_listsub(t, *dept_id)
            .await
            .map(Answer::Children),
        Task::Members { dept_id, cursor } => client
            .member_page(t, *dept_id, *cursor, page_size)
            .await
            .map(Answer::Members),
        Task::Person { userid } => client.member(t, userid).await.map(Answer::Person),
        Task::MemberIds { dept_id } => client.member_ids(t, *dept_id).await.map(Answer::MemberIds),
    };
    (id, task, result)
}

/// Range refusals that leave one department or person out rather than stop the walk.
fn left_out(e: &ApiError) -> bool {
    matches!(e.old_code(), Some(50002 | 50004 | 60003 | 60121))
}

fn transient(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Timeout(_) | ApiError::Connect(_) | ApiError::Dns(_)
    ) || e.old_code() == Some(-1)
        || matches!(e, ApiError::New { http_status, .. } if *http_status >= 500)
        || matches!(e, ApiError::HttpStatus { status, .. } if *status >= 500)
}

fn refused(e: &ApiError, cp: Option<Checkpoint>) -> SyncError {
    SyncError::Api {
        diagnosis: Box::new(from_api_error(e)),
        checkpoint: cp.map(Box::new),
    }
}

impl Checkpoint {
    fn progress(&self, waiting: bool) -> SyncProgress {
        SyncProgress {
            departments: self.departments.len() as u32,
            people: self.people.len() as u32,
            requests: self.requests,
            throttled: self.throttled,
            waiting_for_rate_limit: waiting,
        }
    }

    fn add_person(&mut self, m: Member, dept_id: Option<i64>) {
        let mut dept_ids = m.dept_ids;
        if dept_ids.is_empty() {
            dept_ids.extend(dept_id);
        }
        self.people.insert(
            m.userid,
            PersonSeen {
                name: m.name,
                dept_ids,
                admin: m.admin,
                fields: m.fields,
            },
        );
    }

    /// Applies an answer; returns the pages it leads to.
    fn apply(&mut self, task: &Task, answer: Answer) -> Vec<Task> {
        let mut next = Vec::new();
        match (task, answer) {
            (_, Answer::Department(d)) => {
                let seen = self.departments.entry(d.dept_id).or_default();
                seen.name = d.name;
                seen.parent_id = d.parent_id.filter(|_| d.dept_id != ROOT);
            }
            (_, Answer::Children(children)) => {
                for c in children {
                    if self.departments.contains_key(&c.dept_id) {
                        continue; // reached twice (a range naming a department and its parent)
                    }
                    self.departments.insert(
                        c.dept_id,
                        DeptSeen {
                            name: c.name,
                            parent_id: c.parent_id,
                            direct: 0,
                        },
                    );
                    next.push(Task::Children { dept_id: c.dept_id });
                    next.push(Task::Members {
                        dept_id: c.dept_id,
                        cursor: 0,
                    });
                }
            }
            (Task::Members { dept_id, .. }, Answer::Members(page)) => {
                self.departments.entry(*dept_id).or_default().direct += page.members.len() as u32;
                for m in page.members {
                    self.add_person(m, Some(*dept_id));
                }
                if let Some(cursor) = page.next_cursor {
                    next.push(Task::Members {
                        dept_id: *dept_id,
                        cursor,
                    });
                }
            }
            (_, Answer::Person(m)) => self.add_person(m, None),
            (Task::MemberIds { dept_id }, Answer::MemberIds(userids)) => {
                self.outside.push(OutsideDept {
                    dept_id: *dept_id,
                    userids,
                });
            }
            _ => {}
        }
        next
    }

    fn note_left_out(&mut self, task: &Task, e: &ApiError) {
        let errcode = e.old_code().map(|c| c.to_string());
        let (dept_id, userid) = match task {
            Task::Person { userid } => (None, Some(userid.clone())),
            Task::Department { dept_id }
            | Task::Children { dept_id }
            | Task::Members { dept_id, .. }
            | Task::MemberIds { dept_id } => (Some(*dept_id), None),
        };
        let entry = Unreadable {
            dept_id,
            userid,
            errcode,
        };
        if !self.unreadable.contains(&entry) {
            self.unreadable.push(entry);
        }
    }

    /// The visible departments the contact range leaves out, to count with `user/listid`.
    fn outside_tasks(&self) -> Vec<Task> {
        let Some(VisibleRange::Read { all, dept_ids, .. }) = &self.visible else {
            return Vec::new();
        };
        if *all || self.contact.all {
            return Vec::new();
        }
        dept_ids
            .iter()
            .filter(|d| !self.departments.contains_key(d))
            .map(|d| Task::MemberIds { dept_id: *d })
            .collect()
    }
}

/// The ranges, then the first pages.
async fn start(client: &DingTalk, input: &SyncInput, cp: &mut Checkpoint) -> Result<(), SyncError> {
    let mut trace = Vec::new();
    cp.requests += 1;
    let scopes = client
        .auth_scopes(&mut trace)
        .await
        .map_err(|e| refused(&e, None))?;
    cp.requests += trace.len().saturating_sub(1) as u32; // the token fetch, when there was one
    cp.contact = ContactScopes {
        all: scopes.authed_dept.contains(&ROOT),
        dept_ids: scopes.authed_dept,
        userids: scopes.authed_user,
        user_fields: scopes.user_fields,
    };
    cp.visible = Some(match input.agent_id {
        None => VisibleRange::NoAgentId,
        Some(agent) => {
            cp.requests += 1;
            match client.app_scopes(&mut Vec::new(), agent).await {
                Ok(s) => VisibleRange::read(s),
                Err(e) => VisibleRange::unreadable(&e),
            }
        }
    });
    let roots: Vec<i64> = if cp.contact.all {
        vec![ROOT]
    } else {
        cp.contact.dept_ids.clone()
    };
    for d in roots {
        cp.departments.entry(d).or_default();
        cp.pending.push(Task::Department { dept_id: d });
        cp.pending.push(Task::Children { dept_id: d });
        cp.pending.push(Task::Members {
            dept_id: d,
            cursor: 0,
        });
    }
    for u in &cp.contact.userids {
        cp.pending.push(Task::Person { userid: u.clone() });
    }
    cp.started = true;
    Ok(())
}

pub(super) async fn run(
    input: &SyncInput,
    resume: Option<Checkpoint>,
    on_progress: &(dyn Fn(SyncProgress) + Send + Sync),
    cancel: CancellationToken,
) -> Result<SyncOutcome, SyncError> {
    // The walk handles throttling itself (pause, then the same page again), so the client must
    // hand every throttle answer back instead of retrying it.
    let cfg = dingtalk::Config {
        max_retries: 0,
        ..input.dingtalk.clone()
    };
    let client = DingTalk::new(cfg, input.credentials.clone())
        .map_err(|e| SyncError::Client(e.to_string()))?;
    let mut cp = resume.unwrap_or_default();
    if !cp.started {
        tokio::select! {
            biased;
            _ = cancel.cancelled() => {
                return Ok(SyncOutcome::Cancelled { checkpoint: Box::new(cp) });
            }
            r = start(&client, input, &mut cp) => r?,
        }
        on_progress(cp.progress(false));
    }
    let o = &input.options;
    let pacer = Pacer::new(o);
    let page_size = i64::from(o.page_size.clamp(1, 100));
    let mut queues: HashMap<Api, VecDeque<Task>> = HashMap::new();
    for t in std::mem::take(&mut cp.pending) {
        queues.entry(t.api()).or_default().push_back(t);
    }
    let mut in_flight = FuturesUnordered::new();
    let mut flying: HashMap<u64, Task> = HashMap::new();
    let mut per_api: HashMap<Api, u32> = HashMap::new();
    let mut attempts: HashMap<Task, u32> = HashMap::new();
    let mut next_id = 0u64;
    let mut waiting = false;
    loop {
        for api in APIS {
            let queue = queues.entry(api).or_default();
            let busy = per_api.entry(api).or_default();
            while *busy < o.concurrency_per_api.max(1) {
                let Some(task) = queue.pop_front() else { break };
                *busy += 1;
                next_id += 1;
                flying.insert(next_id, task.clone());
                in_flight.push(exec(&client, &pacer, page_size, next_id, task));
            }
        }
        if in_flight.is_empty() {
            if !cp.outside_queued {
                cp.outside_queued = true;
                for t in cp.outside_tasks() {
                    queues.entry(t.api()).or_default().push_back(t);
                }
                continue;
            }
            break;
        }
        let done = tokio::select! {
            biased;
            _ = cancel.cancelled() => None,
            d = in_flight.next() => d,
        };
        let Some((id, task, result)) = done else {
            // Cancelled: dropping the futures drops their requests; their pages wait in the
            // checkpoint with the ones not yet asked.
            drop(in_flight);
            cp.pending = flying.into_values().collect();
            for api in APIS {
                cp.pending.extend(queues.remove(&api).unwrap_or_default());
            }
            return Ok(SyncOutcome::Cancelled {
                checkpoint: Box::new(cp),
            });
        };
        flying.remove(&id);
        *per_api.entry(task.api()).or_default() -= 1;
        cp.requests += 1;
        match result {
            Ok(answer) => {
                for t in cp.apply(&task, answer) {
                    queues.entry(t.api()).or_default().push_back(t);
                }
                waiting = waiting && pacer.paused_until().is_some();
            }
            Err(e) if e.is_rate_limited() => {
                cp.throttled += 1;
                pacer.pause(Duration::from_millis(u64::from(o.throttle_pause_ms)));
                waiting = true;
                queues.entry(task.api()).or_default().push_front(task);
            }
            Err(e) if left_out(&e) => cp.note_left_out(&task, &e),
            Err(e)
                if transient(&e) && {
                    let n = attempts.entry(task.clone()).or_default();
                    *n += 1;
                    *n < TRANSIENT_ATTEMPTS
                } =>
            {
                queues.entry(task.api()).or_default().push_back(task);
            }
            Err(e) => {
                drop(in_flight);
                cp.pending = flying.into_values().collect();
                cp.pending.push(task);
                for api in APIS {
                    cp.pending.extend(queues.remove(&api).unwrap_or_default());
                }
                return Err(refused(&e, Some(cp)));
            }
        }
        on_progress(cp.progress(waiting));
    }
    on_progress(cp.progress(false));
    Ok(SyncOutcome::Done {
        preview: Box::new(preview::build(&cp, input.expected)),
    })
}
