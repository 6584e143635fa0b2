//! The sync preview against the simulator (issue 11): the two ranges differing both ways with the
//! reason for each difference, joiners, leavers and a move between two kept previews, and the
//! walk's manners: under a tight per-API limit it causes no throttle, its progress only grows,
//! a throttle answer loses and repeats no page, and a cancel stops the requests in flight and
//! resumes to the same preview.

use dingbind_core::store::Store;
use dingbind_core::sync::{
    self, keep, Checkpoint, DiffKind, FieldStatus, SyncInput, SyncOptions, SyncOutcome,
    SyncPreview, SyncProgress, VisibleRange,
};
use dingtalk_sim::scenarios::builtin;
use dingtalk_sim::{Scenario, Sim, SimHandle};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

fn input(sim: &SimHandle, expected: Option<u32>, options: SyncOptions) -> SyncInput {
    let app = sim.scenario().apps[0].clone();
    SyncInput {
        credentials: dingtalk::Credentials {
            client_id: app.client_id,
            client_secret: app.client_secret,
        },
        agent_id: Some(app.agent_id),
        dingtalk: dingtalk::Config {
            endpoints: dingtalk::Endpoints {
                oapi: sim.oapi_url(),
                api: sim.api_url(),
                login: sim.login_url(),
            },
            ..dingtalk::Config::default()
        },
        expected,
        options,
    }
}

async fn walk(sim: &SimHandle, expected: Option<u32>, options: SyncOptions) -> SyncPreview {
    match sync::preview(
        &input(sim, expected, options),
        None,
        |_| {},
        CancellationToken::new(),
    )
    .await
    .unwrap()
    {
        SyncOutcome::Done { preview } => *preview,
        SyncOutcome::Cancelled { .. } => panic!("not cancelled"),
    }
}

fn ids(p: &SyncPreview, f: impl Fn(&sync::PersonRow) -> bool) -> BTreeSet<String> {
    p.people
        .iter()
        .filter(|r| f(r))
        .map(|r| r.userid.clone())
        .collect()
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A generated org (scenario `healthy` with `[org.generate]`), its per-API limit and latency.
fn generated(people: u32, departments: u32, qps: Option<u32>, latency_ms: u64) -> Scenario {
    let healthy = include_str!("../../dingtalk-sim/scenarios/healthy.toml");
    let mut text = healthy.replace("latency_ms = 0", &format!("latency_ms = {latency_ms}"));
    if let Some(q) = qps {
        text = text.replace("latency_ms =", &format!("qps_per_api = {q}\nlatency_ms ="));
    }
    text.push_str(&format!(
        "\n[org.generate]\npeople = {people}\ndepartments = {departments}\nseed = 11\nmobile_percent = 50\n"
    ));
    let s = Scenario::from_toml_str(&text).unwrap();
    assert_eq!(s.qps_per_api, qps, "the scenario text changed");
    s
}

#[tokio::test]
async fn the_ranges_differ_both_ways_and_each_difference_says_why_and_where_to_fix_it() {
    let sim = Sim::start(builtin("ranges-differ").unwrap(), 0)
        .await
        .unwrap();
    let p = walk(&sim, Some(4), SyncOptions::default()).await;
    sim.shutdown().await;

    // Synced: the contact range (技术研发中心 with 前端组, and 市场部).
    let synced = set(&[
        "2246663532780303",
        "015364222531",
        "2341178820",
        "0167291043",
    ]);
    assert_eq!(ids(&p, |r| r.synced), synced);
    assert_eq!(p.totals.synced, 4);
    assert_eq!(p.totals.expected_matches, Some(true));
    assert!(matches!(p.visible, VisibleRange::Read { all: false, .. }));

    // Will be synced but cannot open the app: 刘洋 of 市场部.
    assert_eq!(
        ids(&p, |r| r.difference == Some(DiffKind::SyncedNotOpen)),
        set(&["0167291043"])
    );
    let not_open: Vec<_> = p
        .differences
        .iter()
        .filter(|d| d.kind == DiffKind::SyncedNotOpen)
        .collect();
    assert_eq!(not_open.len(), 1);
    assert_eq!(not_open[0].dept_id, Some(466071004));
    assert_eq!(not_open[0].people, 1);
    assert!(not_open[0].reason.zh.contains("会同步但打不开应用"));
    assert!(not_open[0].reason.zh.contains("市场部"));
    assert!(not_open[0]
        .reason
        .zh
        .contains("应用发布 › 版本管理与发布 › 应用可见范围"));
    assert!(not_open[0].reason.en.contains("visible range"));

    // Can open the app but the API cannot read them: 陈静 (人力行政部, counted with user/listid)
    // and 王建国 (listed one by one).
    assert_eq!(
        ids(&p, |r| r.difference == Some(DiffKind::OpenNotSynced)),
        set(&["172455301129", "manager4220"])
    );
    assert_eq!(p.totals.open_not_synced, 2);
    assert_eq!(p.totals.can_open, Some(5));
    let by_dept = p
        .differences
        .iter()
        .find(|d| d.kind == DiffKind::OpenNotSynced && d.dept_id == Some(466071005))
        .expect("the visible department outside the contact range");
    assert_eq!(by_dept.people, 1);
    assert!(by_dept.reason.zh.contains("能打开应用但接口读不到"));
    assert!(by_dept
        .reason
        .zh
        .contains("权限管理 › 通讯录权限 › 授权范围"));
    assert!(by_dept.reason.zh.contains("添加部门 466071005"));
    let by_user = p
        .differences
        .iter()
        .find(|d| d.userid.as_deref() == Some("manager4220"))
        .expect("the visible user outside the contact range");
    assert!(by_user.reason.en.contains("outside the contact range"));

    // The tree: 技术研发中心 counts 前端组's people too, 赵磊 (in two departments) once each.
    let dept = |id: i64| p.departments.iter().find(|d| d.dept_id == id).unwrap();
    assert_eq!(dept(466071002).members, 3);
    assert_eq!(dept(466071002).direct_members, 1);
    assert_eq!(dept(466071003).members, 2);
    assert_eq!(dept(466071003).depth, 1);
    assert_eq!(dept(466071004).members, 2);
    assert_eq!(dept(466071004).can_open, Some(false));
    assert_eq!(dept(466071003).can_open, Some(true));

    // Mobile is granted and comes back; email is not granted and is empty for that reason.
    let field = |f: &str| p.fields.iter().find(|r| r.field == f).unwrap();
    assert_eq!(field("mobile").status, FieldStatus::Returned);
    assert_eq!(field("mobile").returned, 4);
    assert_eq!(field("email").status, FieldStatus::MissingPermission);
    assert!(field("email")
        .permission
        .as_ref()
        .is_some_and(|t| t.zh == "邮箱等个人信息"));
    // No phone number or address is kept, only which fields came back.
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.contains("13800138002"), "{json}");
    assert!(!json.contains("@example.com"));
}

#[tokio::test]
async fn without_the_visible_range_permission_the_preview_says_so_and_compares_nothing() {
    let sim = Sim::start(builtin("healthy").unwrap(), 0).await.unwrap();
    let p = walk(&sim, Some(5), SyncOptions::default()).await;
    sim.shutdown().await;
    assert_eq!(p.totals.synced, 6);
    assert_eq!(p.totals.expected_matches, Some(false));
    assert_eq!(p.totals.can_open, None);
    assert!(p.differences.is_empty());
    assert!(p.people.iter().all(|r| r.can_open.is_none()));
    match &p.visible {
        VisibleRange::Unreadable { reason, .. } => {
            assert!(reason.zh.contains("读不到应用可见范围"))
        }
        other => panic!("{other:?}"),
    }
    // The whole tree: root 1 holds everyone.
    assert_eq!(p.departments[0].dept_id, 1);
    assert_eq!(p.departments[0].members, 6);
    assert_eq!(p.totals.departments, 6);
}

#[tokio::test]
async fn two_kept_previews_show_joiners_leavers_and_a_move() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut scenario = builtin("healthy").unwrap();
    let sim = Sim::start(scenario.clone(), 0).await.unwrap();
    let first = walk(&sim, None, SyncOptions::default()).await;
    keep::record(&store, "p1", &first).unwrap();

    // 陈静 leaves, 周敏 joins, 李娜 moves from 技术研发中心 to 市场部.
    scenario.org.users.retain(|u| u.userid != "172455301129");
    let mut joiner = scenario.org.users[0].clone();
    joiner.userid = "new0001".into();
    joiner.unionid = "newUnion0001".into();
    joiner.name = "周敏".into();
    joiner.admin = false;
    scenario.org.users.push(joiner);
    let li = scenario
        .org
        .users
        .iter_mut()
        .find(|u| u.userid == "2246663532780303")
        .unwrap();
    li.dept_ids = vec![466071004];
    sim.set_scenario(scenario).unwrap();
    let second = walk(&sim, None, SyncOptions::default()).await;
    sim.shutdown().await;
    keep::record(&store, "p1", &second).unwrap();

    let s = keep::summary(&store, "p1").unwrap().unwrap();
    assert_eq!(s.totals.synced, 6);
    assert_eq!(s.previous_at.as_deref(), Some(first.generated_at.as_str()));
    let d = s.diff.unwrap();
    let names = |v: &[sync::PreviewPerson]| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&d.joiners), vec!["周敏"]);
    assert_eq!(names(&d.leavers), vec!["陈静"]);
    assert_eq!(d.moves.len(), 1);
    assert_eq!(d.moves[0].name, "李娜");
    assert_eq!(d.moves[0].from, vec!["技术研发中心"]);
    assert_eq!(d.moves[0].to, vec!["市场部"]);
    // Kept: ids, names and departments only.
    let kept = std::fs::read_to_string(
        dir.path()
            .join("sync/p1")
            .join(format!("{}.json", keep::list(&store, "p1").unwrap()[0])),
    )
    .unwrap();
    assert!(!kept.contains("13800138"), "{kept}");
    assert!(!kept.contains("@example.com"));
    assert!(!kept.contains("mobile"));
}

type Events = Arc<Mutex<Vec<SyncProgress>>>;

fn recorder() -> (Events, impl Fn(SyncProgress) + Send + Sync) {
    let events: Events = Arc::default();
    let e = events.clone();
    (events, move |p| e.lock().unwrap().push(p))
}

fn assert_monotonic(events: &[SyncProgress]) {
    assert!(!events.is_empty());
    for w in events.windows(2) {
        let (a, b) = (w[0], w[1]);
        assert!(
            b.departments >= a.departments
                && b.people >= a.people
                && b.requests >= a.requests
                && b.throttled >= a.throttled,
            "{a:?} then {b:?}"
        );
    }
}

#[tokio::test]
async fn under_a_tight_limit_the_walk_causes_no_throttle_and_its_progress_only_grows() {
    // 10 calls/s per app and API in the simulator; the walk paces itself at 8.
    let scenario = generated(150, 14, Some(10), 5);
    let (people, depts) = (scenario.org.users.len(), scenario.org.departments.len());
    let sim = Sim::start(scenario, 0).await.unwrap();
    let options = SyncOptions {
        qps_per_api: 8,
        ..SyncOptions::default()
    };
    let (events, on) = recorder();
    let out = sync::preview(
        &input(&sim, None, options),
        None,
        on,
        CancellationToken::new(),
    )
    .await
    .unwrap();
    assert_eq!(sim.throttled(), 0, "the walk caused a throttle");
    assert!(sim.peak_qps() <= 10);
    sim.shutdown().await;
    let SyncOutcome::Done { preview } = out else {
        panic!("cancelled")
    };
    assert_eq!(preview.totals.synced as usize, people);
    assert_eq!(preview.totals.departments as usize, depts);
    assert_eq!(preview.totals.throttled, 0);
    let events = events.lock().unwrap();
    assert_monotonic(&events);
    assert_eq!(events.last().unwrap().people as usize, people);
}

#[tokio::test]
async fn a_throttle_answer_pauses_the_walk_and_loses_or_repeats_no_page() {
    // The walk is told to go faster than the simulator allows: DingTalk answers 90018.
    let scenario = generated(150, 14, Some(3), 0);
    let expected_direct: Vec<(i64, usize)> = scenario
        .org
        .departments
        .iter()
        .map(|d| (d.dept_id, scenario.org.direct_members(d.dept_id).count()))
        .collect();
    let people = scenario.org.users.len();
    let sim = Sim::start(scenario, 0).await.unwrap();
    let options = SyncOptions {
        qps_per_api: 50,
        throttle_pause_ms: 200,
        ..SyncOptions::default()
    };
    let (events, on) = recorder();
    let out = sync::preview(
        &input(&sim, None, options),
        None,
        on,
        CancellationToken::new(),
    )
    .await
    .unwrap();
    assert!(sim.throttled() > 0, "the simulator never throttled");
    sim.shutdown().await;
    let SyncOutcome::Done { preview } = out else {
        panic!("cancelled")
    };
    assert!(preview.totals.throttled > 0);
    assert_eq!(preview.totals.synced as usize, people);
    // Every department's members counted exactly once: no page lost, none applied twice.
    for (id, direct) in expected_direct {
        let row = preview
            .departments
            .iter()
            .find(|d| d.dept_id == id)
            .unwrap();
        assert_eq!(row.direct_members as usize, direct, "department {id}");
    }
    let events = events.lock().unwrap();
    assert_monotonic(&events);
    assert!(events.iter().any(|e| e.waiting_for_rate_limit));
    assert!(!events.last().unwrap().waiting_for_rate_limit);
}

#[tokio::test]
async fn a_cancel_stops_the_requests_in_flight_and_the_checkpoint_resumes_to_the_same_preview() {
    let fast = generated(60, 6, None, 0);
    // Member pages hang for a minute: whatever is in flight when the cancel comes stays so.
    let mut slow = fast.clone();
    slow.faults.push(
        toml::from_str("kind = \"timeout\"\npath = \"/topapi/v2/user/list\"\nhang_secs = 60")
            .unwrap(),
    );
    let sim = Sim::start(fast.clone(), 0).await.unwrap();
    let reference = walk(&sim, None, SyncOptions::default()).await;
    sim.set_scenario(slow).unwrap();
    sim.clear_requests();

    let cancel = CancellationToken::new();
    let walker = {
        let input = input(&sim, None, SyncOptions::default());
        let cancel = cancel.clone();
        tokio::spawn(async move { sync::preview(&input, None, |_| {}, cancel).await })
    };
    // Wait until the walk has member pages in flight.
    let waited = Instant::now();
    while sim.requests_to("/topapi/v2/user/list") == 0 {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "no page was asked"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let cancelled_at = Instant::now();
    cancel.cancel();
    let out = tokio::time::timeout(Duration::from_secs(5), walker)
        .await
        .expect("the cancel did not stop the walk")
        .unwrap()
        .unwrap();
    // Well before the client's own 8 s timeout would have ended the hanging requests.
    assert!(cancelled_at.elapsed() < Duration::from_secs(5));
    let SyncOutcome::Cancelled { checkpoint } = out else {
        panic!("finished despite the cancel")
    };
    assert!(
        checkpoint
            .pending
            .iter()
            .any(|t| matches!(t, sync::Task::Members { .. })),
        "the pages in flight were lost"
    );

    // Resumed (DingTalk answering again), it ends where a walk without a cancel ends.
    sim.set_scenario(fast).unwrap();
    let resumed = resume(&sim, *checkpoint).await;
    sim.shutdown().await;
    assert_eq!(resumed.people, reference.people);
    assert_eq!(resumed.departments, reference.departments);
}

async fn resume(sim: &SimHandle, cp: Checkpoint) -> SyncPreview {
    let input = input(sim, None, SyncOptions::default());
    match sync::preview(&input, Some(cp), |_| {}, CancellationToken::new())
        .await
        .unwrap()
    {
        SyncOutcome::Done { preview } => *preview,
        SyncOutcome::Cancelled { .. } => panic!("cancelled"),
    }
}

/// The app's path: the use case keyed by profile id keeps the finished preview, the report
/// carries its totals, and the diff of two kept previews comes back by id.
#[tokio::test]
async fn the_workspace_keeps_each_preview_and_diffs_them_by_id() {
    use dingbind_core::secrets::{KeychainError, Secrets};
    use dingbind_core::workspace::Workspace;
    use dingbind_core::Field;
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(
        dir.path(),
        Secrets::new(Err(KeychainError::Off("no keychain".into()))),
        |_| {},
    )
    .unwrap();
    let view = ws.create("同步预览", "yidianyun-private-cloud").unwrap();
    let mut p = view.profile;
    let scenario = builtin("ranges-differ").unwrap();
    let app = &scenario.apps[0];
    for (f, v) in [
        (Field::Domain, "oa.example.com".to_string()),
        (Field::CorpId, scenario.org.corp_id.clone()),
        (Field::ClientId, app.client_id.clone()),
        (Field::AgentId, app.agent_id.to_string()),
    ] {
        p.values.insert(f, v);
    }
    ws.update(p.clone()).unwrap();
    ws.set_secret(&p.id, Field::ClientSecret, &app.client_secret)
        .unwrap();
    ws.flush();

    let sim = Sim::start(scenario, 0).await.unwrap();
    let cfg = input(&sim, None, SyncOptions::default()).dingtalk;
    for _ in 0..2 {
        let out = ws
            .sync_preview(
                &p.id,
                cfg.clone(),
                Some(4),
                None,
                CancellationToken::new(),
                |_| {},
            )
            .await
            .unwrap();
        assert!(matches!(out, SyncOutcome::Done { .. }));
    }
    sim.shutdown().await;
    let ids = ws.sync_previews(&p.id).unwrap();
    assert_eq!(ids.len(), 2);
    assert!(ws
        .diff_sync_previews(&p.id, &ids[1], &ids[0])
        .unwrap()
        .is_empty());
    let summary = ws.sync_summary(&p.id).unwrap().unwrap();
    assert_eq!(summary.totals.synced, 4);
    assert_eq!(summary.totals.expected_matches, Some(true));
    let report = ws.report(&p.id, "https://login.dingtalk.com").unwrap();
    assert_eq!(report.sync, Some(summary));
    // A deleted profile forgets its previews.
    ws.delete(&p.id).unwrap();
    assert!(!dir.path().join("sync").join(&p.id).exists());
}

#[tokio::test]
async fn role_and_admin_only_visible_ranges_are_not_guessed() {
    // Visible to 技术研发中心 and role 主管: the role's holders are unknown, not "cannot open".
    let sim = Sim::start(builtin("role-visible-range").unwrap(), 0)
        .await
        .unwrap();
    let p = walk(&sim, None, SyncOptions::default()).await;
    let row = |p: &SyncPreview, id: &str| p.people.iter().find(|r| r.userid == id).unwrap().clone();
    assert_eq!(row(&p, "2246663532780303").can_open, Some(true)); // 李娜, 技术研发中心
    assert_eq!(row(&p, "manager4220").can_open, None); // holds the role
    assert_eq!(row(&p, "172455301129").can_open, None); // 陈静: only a role could include her
    assert!(p.notes.iter().any(|n| n.zh.contains("角色 3057001")));
    assert!(p
        .differences
        .iter()
        .all(|d| d.kind != DiffKind::SyncedNotOpen));

    // 仅限管理员可见: everyone but the admin is synced and cannot open the app.
    let mut scenario = builtin("microapp-manage-granted").unwrap();
    scenario.apps[0].visible_range = dingtalk_sim::scenario::Range {
        admin_only: true,
        ..Default::default()
    };
    sim.set_scenario(scenario).unwrap();
    let p = walk(&sim, None, SyncOptions::default()).await;
    sim.shutdown().await;
    assert_eq!(row(&p, "manager4220").can_open, Some(true));
    assert_eq!(p.totals.synced_not_open, 5);
    let d: Vec<_> = p
        .differences
        .iter()
        .filter(|d| d.kind == DiffKind::SyncedNotOpen)
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].people, 5);
    assert!(d[0].reason.zh.contains("仅限管理员可见"));
}
