//! Profiles on disk: the start screen's operations, secrets kept out of files, broken and newer
//! files left alone, and atomic saves — under a simulated crash and under a real `kill -9`.

use dingbind_core::profile::{Profile, SecretLocation, SCHEMA_VERSION};
use dingbind_core::store::{atomic_write_with, Settings, Store, StoreError};
use dingbind_core::template::{self, Template};
use dingbind_core::{Field, Lang};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "MFeW-mYUgkhxh9ppTqJH-4Pm5Zn9pwNfAJUpzBBVL1lVJiEQBhjE0K4JMJpiAYFN";
const SSO_SECRET: &str = "lpzivf06Gx1RfbSd_oAkTukHb5WrY-mF-BoKaIQsLCdDvo0oeQ8GwlCt9YUA0loZ";

fn seed_003() -> &'static Template {
    template::builtin("yidianyun-private-cloud").unwrap()
}

fn profile_file(store: &Store, id: &str) -> PathBuf {
    store.dir().join("profiles").join(format!("{id}.json"))
}

/// Every file in the profiles folder, hidden ones included.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn create_list_rename_duplicate_delete() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(store.list().unwrap().is_empty());

    let a = store.create("  客户 A（北京）  ", seed_003()).unwrap();
    assert_eq!(a.name, "客户 A（北京）");
    assert_eq!(a.template_id, "yidianyun-private-cloud");
    assert_eq!(a.current_step, "console_login");
    assert_eq!(a.schema_version, SCHEMA_VERSION);
    assert!(profile_file(&store, &a.id).is_file());
    assert_eq!(store.load(&a.id).unwrap(), a);

    let list = store.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (
            list[0].id.as_str(),
            list[0].name.as_str(),
            list[0].broken.as_ref()
        ),
        (a.id.as_str(), "客户 A（北京）", None)
    );

    let mut edited = a.clone();
    edited
        .values
        .insert(Field::CorpId, "ding6ccabc44d2c8d38b".into());
    edited
        .secrets
        .insert(Field::ClientSecret, SecretLocation::Keychain);
    edited.current_step = "credentials".into();
    store.save(edited).unwrap();

    let renamed = store.rename(&a.id, "客户 A").unwrap();
    assert_eq!(renamed.name, "客户 A");
    assert_eq!(
        renamed.values[&Field::CorpId],
        "ding6ccabc44d2c8d38b",
        "renaming keeps the rest"
    );
    assert_eq!(store.load(&a.id).unwrap().name, "客户 A");

    let copy = store.duplicate(&a.id, "客户 A 副本").unwrap();
    assert_ne!(copy.id, a.id);
    assert_eq!(copy.name, "客户 A 副本");
    assert_eq!(copy.values, renamed.values);
    assert_eq!(copy.current_step, "credentials");
    assert!(
        copy.secrets.is_empty(),
        "secret locations are not copied with the file; the caller copies secrets"
    );
    assert_eq!(store.load(&copy.id).unwrap(), copy);
    assert_eq!(
        store.load(&a.id).unwrap().name,
        "客户 A",
        "the original is untouched"
    );

    let mut names: Vec<String> = store.list().unwrap().into_iter().map(|s| s.name).collect();
    names.sort();
    assert_eq!(names, ["客户 A", "客户 A 副本"]);

    store.delete(&a.id).unwrap();
    assert!(!profile_file(&store, &a.id).exists());
    assert!(matches!(store.load(&a.id), Err(StoreError::NotFound(_))));
    assert!(matches!(store.delete(&a.id), Err(StoreError::NotFound(_))));
    assert_eq!(store.list().unwrap().len(), 1);
    assert_eq!(store.list().unwrap()[0].id, copy.id);
}

#[test]
fn bad_names_and_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(matches!(
        store.create("   ", seed_003()),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.create(&"名".repeat(81), seed_003()),
        Err(StoreError::Invalid(_))
    ));
    let p = store.create("ok", seed_003()).unwrap();
    assert!(matches!(
        store.rename(&p.id, ""),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.load(&p.id).unwrap().name, "ok");
    // Ids never leave the profiles folder.
    fs::write(dir.path().join("outside.json"), "{}").unwrap();
    for id in ["../outside", "", "a/b", "a.b"] {
        assert!(
            matches!(store.load(id), Err(StoreError::NotFound(_))),
            "{id}"
        );
        assert!(
            matches!(store.delete(id), Err(StoreError::NotFound(_))),
            "{id}"
        );
    }
    assert!(dir.path().join("outside.json").exists());
}

#[test]
fn a_saved_file_never_holds_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut p = store.create("secrets", seed_003()).unwrap();
    // A caller that wrongly puts secrets among the plain values.
    p.values.insert(Field::ClientSecret, SECRET.into());
    p.values.insert(Field::SsoSecret, SSO_SECRET.into());
    p.values
        .insert(Field::ClientId, "ding4vzvutha4q5gtg9q".into());
    p.secrets
        .insert(Field::ClientSecret, SecretLocation::Session);
    let written = store.save(p.clone()).unwrap();
    assert!(
        !written.values.contains_key(&Field::ClientSecret)
            && !written.values.contains_key(&Field::SsoSecret)
    );

    let copy = store.duplicate(&p.id, "copy").unwrap();
    let mut renamed = p.clone();
    renamed.name = "renamed".into();
    store.save(renamed).unwrap();
    for id in [&p.id, &copy.id] {
        let text = fs::read_to_string(profile_file(&store, id)).unwrap();
        assert!(
            text.contains("ding4vzvutha4q5gtg9q"),
            "the plain values are saved"
        );
        for secret in [SECRET, SSO_SECRET, &SECRET[..20], &SSO_SECRET[40..]] {
            assert!(!text.contains(secret), "{id}.json holds a secret:\n{text}");
        }
    }
    let loaded = store.load(&p.id).unwrap();
    assert_eq!(
        loaded.values.get(&Field::ClientId).map(String::as_str),
        Some("ding4vzvutha4q5gtg9q")
    );
    assert_eq!(
        loaded.secrets.get(&Field::ClientSecret),
        Some(&SecretLocation::Session),
        "where it lives is kept"
    );
}

#[test]
fn a_corrupted_profile_is_listed_as_broken_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let good = store.create("good", seed_003()).unwrap();
    let torn = store.create("torn", seed_003()).unwrap();
    let wrong_shape = store.create("wrong shape", seed_003()).unwrap();

    let torn_text = {
        let full = fs::read_to_string(profile_file(&store, &torn.id)).unwrap();
        full[..full.len() / 2].to_string()
    };
    fs::write(profile_file(&store, &torn.id), &torn_text).unwrap();
    fs::write(
        profile_file(&store, &wrong_shape.id),
        r#"{"schema_version": 1, "id": 7}"#,
    )
    .unwrap();
    // Not profiles at all: ignored, not listed as broken.
    fs::write(dir.path().join("profiles").join("notes.txt"), "hello").unwrap();
    fs::write(dir.path().join("profiles").join(".dingbind-abc.tmp"), "{").unwrap();

    let list = store.list().unwrap();
    assert_eq!(list.len(), 3, "{list:?}");
    let row = |id: &str| {
        list.iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("{id} not listed"))
    };
    assert_eq!(row(&good.id).broken, None);
    assert_eq!(row(&good.id).name, "good");
    assert!(row(&torn.id).broken.is_some(), "{:?}", row(&torn.id));
    assert!(row(&wrong_shape.id).broken.is_some());
    assert!(matches!(
        store.load(&torn.id),
        Err(StoreError::Corrupt { .. })
    ));

    // Nothing was deleted or rewritten.
    assert_eq!(
        fs::read_to_string(profile_file(&store, &torn.id)).unwrap(),
        torn_text
    );
    assert!(profile_file(&store, &wrong_shape.id).exists());
    assert_eq!(store.load(&good.id).unwrap(), good);
}

#[test]
fn a_newer_schema_is_refused_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let p = store.create("from the future", seed_003()).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(profile_file(&store, &p.id)).unwrap()).unwrap();
    json["schema_version"] = (SCHEMA_VERSION + 1).into();
    json["a_field_we_do_not_know"] = "kept".into();
    let text = serde_json::to_string_pretty(&json).unwrap();
    fs::write(profile_file(&store, &p.id), &text).unwrap();

    match store.load(&p.id) {
        Err(StoreError::NewerSchema { found, .. }) => assert_eq!(found, SCHEMA_VERSION + 1),
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(matches!(
        store.rename(&p.id, "x"),
        Err(StoreError::NewerSchema { .. })
    ));
    let list = store.list().unwrap();
    assert!(
        list[0]
            .broken
            .as_deref()
            .is_some_and(|b| b.contains("newer")),
        "{list:?}"
    );
    assert_eq!(
        fs::read_to_string(profile_file(&store, &p.id)).unwrap(),
        text
    );
}

#[test]
fn settings_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.settings(), Settings::default());
    let s = Settings {
        language: Lang::En,
        last_profile_id: Some("abc".into()),
        ca_file: Some("/home/admin/corp-root.crt".into()),
    };
    store.save_settings(&s).unwrap();
    assert_eq!(Store::open(dir.path()).unwrap().settings(), s);
    fs::write(dir.path().join("settings.json"), "{ torn").unwrap();
    assert_eq!(
        store.settings(),
        Settings::default(),
        "unreadable settings fall back to defaults"
    );
}

#[test]
fn a_crash_before_the_rename_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut p = store.create("before", seed_003()).unwrap();
    let path = profile_file(&store, &p.id);
    let old = fs::read(&path).unwrap();

    p.name = "after".into();
    p.values.insert(Field::CorpName, "新".repeat(10_000));
    let new = serde_json::to_vec_pretty(&p).unwrap();
    let mut seen_during_crash = None;
    let result = atomic_write_with(&path, &new, || {
        // The new content is on disk in a temp file right now; it must not show up as a profile.
        let listed = store.list().unwrap();
        let temp_files = files_in(&dir.path().join("profiles"));
        seen_during_crash = Some((listed, temp_files));
        Err(std::io::Error::other("simulated crash"))
    });
    assert!(matches!(result, Err(StoreError::Io { .. })), "{result:?}");

    let (listed, files) = seen_during_crash.expect("the hook ran");
    assert_eq!(
        files.len(),
        2,
        "the temp file existed next to the profile: {files:?}"
    );
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        (listed[0].name.as_str(), listed[0].broken.as_ref()),
        ("before", None)
    );

    assert_eq!(fs::read(&path).unwrap(), old, "the old file is intact");
    assert_eq!(store.load(&p.id).unwrap().name, "before");
    assert_eq!(
        files_in(&dir.path().join("profiles")),
        [format!("{}.json", p.id)],
        "no temp file is left behind"
    );

    // And without the crash the same write lands whole.
    atomic_write_with(&path, &new, || Ok(())).unwrap();
    assert_eq!(store.load(&p.id).unwrap().name, "after");
}

const CHILD_DIR: &str = "DINGBIND_TEST_KILL_CHILD_DIR";
const CHILD_ID: &str = "DINGBIND_TEST_KILL_CHILD_ID";

/// Version `n` of the profile: its name says `n`, and its content grows with `n` so a torn write
/// would show.
fn version(base: &Profile, n: usize) -> Profile {
    let mut p = base.clone();
    p.name = format!("v{n}");
    p.values.insert(Field::CorpName, "企".repeat(1000 * n));
    p.confirmations = (0..n)
        .map(|i| (format!("step.c{i}"), format!("{i}")))
        .collect();
    p
}

/// The child's side of [`a_kill_mid_save_leaves_a_whole_profile`]: save ever bigger versions until
/// killed (or, should the parent die first, for at most 30 s).
fn child_saves_forever(dir: &str, id: &str) {
    let store = Store::open(dir).unwrap();
    let base = store.load(id).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut n = 1;
    while Instant::now() < deadline {
        store.save(version(&base, n)).unwrap();
        n += 1;
    }
}

#[test]
fn a_kill_mid_save_leaves_a_whole_profile() {
    if let (Ok(dir), Ok(id)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_ID)) {
        child_saves_forever(&dir, &id);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let base = store.create("v0", seed_003()).unwrap();
    let path = profile_file(&store, &base.id);
    let mut last_seen = 0;

    for (round, wait_ms) in [200u64, 170, 230, 260, 310, 190, 240, 280]
        .into_iter()
        .enumerate()
    {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_kill_mid_save_leaves_a_whole_profile",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .env(CHILD_ID, &base.id)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child is saving, then let it run a while before the kill.
        let started = Instant::now();
        while store
            .load(&base.id)
            .map(|p| p.name == "v0" || p.name == "v1")
            .unwrap_or(true)
        {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "round {round}: the child never saved"
            );
            assert!(
                child.try_wait().unwrap().is_none(),
                "round {round}: the child exited early"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().unwrap(); // SIGKILL on Unix: no destructor, no cleanup runs in the child.
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the child was killed, not finished"
        );

        // Whatever moment the kill hit, the file is one complete version.
        let text = fs::read_to_string(&path).unwrap();
        let p: Profile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("round {round}: torn profile ({e})"));
        let n: usize = p
            .name
            .strip_prefix('v')
            .and_then(|n| n.parse().ok())
            .expect("a version name");
        assert!(n > 1, "round {round}: the child saved");
        let mut expected = version(&base, n);
        expected.updated_at = p.updated_at.clone();
        assert_eq!(p, expected, "round {round}: version {n} is complete");
        assert_eq!(store.load(&base.id).unwrap(), p);
        last_seen = last_seen.max(n);

        // Leftover temp files of the killed save are not profiles.
        let list = store.list().unwrap();
        assert_eq!(list.len(), 1, "round {round}: {list:?}");
        assert_eq!(list[0].broken, None);

        // The next round starts again from v0.
        store.save(base.clone()).unwrap();
    }
    assert!(last_seen > 1);
}
