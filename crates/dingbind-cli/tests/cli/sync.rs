//! `dingbind sync-preview` in practice mode: `--json` (the preview's shape), `--csv` (UTF-8 with
//! a BOM, parsed back row by row), `--expected` and its exit code, and the kept preview's diff
//! for a saved profile.

use super::dingbind_env;
use super::report::{sim_binding, with_binding};
use dingtalk_sim::scenarios::CLIENT_SECRET;

const SECRET: [(&str, &str); 1] = [("DINGBIND_CLIENT_SECRET", CLIENT_SECRET)];

/// A minimal CSV reader for what the command writes: quoted cells with doubled quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let (mut row, mut cell, mut quoted, mut chars) =
            (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut cell)),
                (c, _) => cell.push(c),
            }
        }
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[test]
fn sync_preview_json_names_both_kinds_of_difference_and_exits_1_on_a_wrong_expected_count() {
    let binding = sim_binding();
    let args = with_binding(
        &[
            "sync-preview",
            "--practice",
            "ranges-differ",
            "--expected",
            "4",
            "--json",
        ],
        &binding,
    );
    let (code, v, all) = dingbind_env(&args, &SECRET);
    assert_eq!(code, 0, "{all}");
    assert_eq!(v["totals"]["synced"], 4);
    assert_eq!(v["totals"]["expected_matches"], true);
    assert_eq!(v["totals"]["open_not_synced"], 2);
    assert_eq!(v["totals"]["synced_not_open"], 1);
    let kinds: Vec<&str> = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"open_not_synced") && kinds.contains(&"synced_not_open"));
    assert!(v["differences"][0]["reason"]["zh"]
        .as_str()
        .unwrap()
        .contains("通讯录权限"));
    assert!(!all.contains("13800138"), "a phone number in the output");

    let args = with_binding(
        &[
            "sync-preview",
            "--practice",
            "ranges-differ",
            "--expected",
            "9",
            "--json",
        ],
        &binding,
    );
    let (code, v, _) = dingbind_env(&args, &SECRET);
    assert_eq!(code, 1);
    assert_eq!(v["totals"]["expected_matches"], false);
}

#[test]
fn sync_preview_csv_opens_in_excel_and_has_one_row_per_person() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("people.csv");
    let binding = sim_binding();
    let args = with_binding(
        &[
            "sync-preview",
            "--practice",
            "ranges-differ",
            "--csv",
            file.to_str().unwrap(),
            "--lang",
            "en",
        ],
        &binding,
    );
    let (code, _, all) = dingbind_env(&args, &SECRET);
    assert_eq!(code, 0, "{all}");
    assert!(all.contains("will be synced 4"), "{all}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no UTF-8 BOM for Excel");
    let rows = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(rows[0][0], "userid");
    assert_eq!(rows[0][4], "synced");
    let people = &rows[1..];
    assert_eq!(people.len(), 6, "{rows:?}");
    assert!(people.iter().all(|r| r.len() == rows[0].len()));
    let row = |id: &str| people.iter().find(|r| r[0] == id).unwrap();
    // 刘洋: synced, cannot open the app, and why.
    let liu = row("0167291043");
    assert_eq!(
        (liu[1].as_str(), liu[4].as_str(), liu[5].as_str()),
        ("刘洋", "yes", "no")
    );
    assert!(liu[8].contains("visible range"), "{liu:?}");
    // 赵磊: two departments in one cell.
    assert_eq!(row("2341178820")[2], "前端组、市场部");
    // 王建国 can open it but will not be synced; the API cannot even read his name.
    let wang = row("manager4220");
    assert_eq!((wang[4].as_str(), wang[5].as_str()), ("no", "yes"));
    assert!(wang[8].contains("contact range"));
    assert!(!String::from_utf8_lossy(&bytes).contains("13800138"));
}

/// A profile of the simulated org, saved in the data folder `dir` as the app would.
fn saved_profile(dir: &std::path::Path) -> std::path::PathBuf {
    use dingbind_core::{store::Store, template, Field};
    use dingtalk_sim::scenarios::{AGENT_ID, CLIENT_ID, CORP_ID};
    let store = Store::open(dir).unwrap();
    let t = template::builtin("yidianyun-private-cloud").unwrap();
    let mut p = store.create("sync", t).unwrap();
    for (f, v) in [
        (Field::Domain, "oa.example.com".to_string()),
        (Field::CorpId, CORP_ID.to_string()),
        (Field::ClientId, CLIENT_ID.to_string()),
        (Field::AgentId, AGENT_ID.to_string()),
    ] {
        p.values.insert(f, v);
    }
    let id = store.save(p).unwrap().id;
    dir.join("profiles").join(format!("{id}.json"))
}

#[test]
fn a_saved_profile_keeps_its_previews_and_shows_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_string();
    let env = [SECRET[0], ("DINGBIND_DATA_DIR", data.as_str())];
    let profile = saved_profile(dir.path());
    let args = [
        "sync-preview",
        "--profile",
        profile.to_str().unwrap(),
        "--practice",
        "ranges-differ",
        "--json",
    ];
    let (code, v, all) = dingbind_env(&args, &env);
    assert_eq!(code, 0, "{all}");
    assert!(v.get("diff").is_none(), "nothing to compare with yet");
    let (code, v, _) = dingbind_env(&args, &env);
    assert_eq!(code, 0);
    assert_eq!(v["diff"]["joiners"], serde_json::json!([]));
    assert_eq!(v["diff"]["leavers"], serde_json::json!([]));
    // Against another world: the healthy org syncs everyone, so 王建国 and 陈静 join.
    let args = [
        "sync-preview",
        "--profile",
        profile.to_str().unwrap(),
        "--practice",
        "healthy",
        "--json",
    ];
    let (_, v, _) = dingbind_env(&args, &env);
    let joiners: Vec<&str> = v["diff"]["joiners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(joiners, vec!["陈静", "王建国"]);

    // The binding report carries the newest preview's totals and its diff: ids and names only.
    let out = dir.path().join("report.md");
    let args = [
        "report",
        "--profile",
        profile.to_str().unwrap(),
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ];
    let (code, _, all) = dingbind_env(&args, &env);
    assert_eq!(code, 0, "{all}");
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("## 同步预览"), "{md}");
    assert!(md.contains("会同步 6 人"), "{md}");
    assert!(md.contains("新加入 2 人"), "{md}");
    assert!(md.contains("王建国 (manager4220)"), "{md}");
    assert!(!md.contains("13800138"), "a phone number in the report");
    assert!(
        !md.contains("@example.com"),
        "an email address in the report"
    );
}
