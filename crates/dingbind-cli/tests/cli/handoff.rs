//! `dingbind export` and `dingbind import`: the round trip into the app's data folder, the
//! encrypted file, and refusals that leave the data folder as it was.

use super::dingbind_env;
use super::report::{assert_no_secret, sim_binding, with_binding};
use dingtalk_sim::scenarios::{AGENT_ID, CLIENT_ID, CLIENT_SECRET, CORP_ID};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` with its bytes: what "nothing changed" is compared with.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn export_json_imports_as_a_profile_with_the_same_values() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let manifest = dir.path().join("binding.json");
    let binding = sim_binding();
    let secret = [("DINGBIND_CLIENT_SECRET", CLIENT_SECRET)];

    let args = with_binding(&["export", "-o", manifest.to_str().unwrap()], &binding);
    let (code, _, all) = dingbind_env(&args, &secret);
    assert_eq!(code, 0, "{all}");
    let m = read_json(&manifest);
    assert_eq!(m["kind"], "dingbind-manifest");
    assert_eq!(m["corp_id"], CORP_ID);
    assert_eq!(
        m["secrets"]["client_secret"], "present",
        "a plain export says a secret exists, never what it is"
    );
    assert_eq!(m["secrets"]["sso_secret"], "absent");
    assert_no_secret(&std::fs::read_to_string(&manifest).unwrap());
    assert_no_secret(&all);

    // The .env rendering on stdout.
    let (code, _, env) = dingbind_env(
        &with_binding(&["export", "--format", "env"], &binding),
        &secret,
    );
    assert_eq!(code, 0);
    assert!(
        env.contains(&format!("DINGTALK_CORP_ID='{CORP_ID}'")),
        "{env}"
    );
    assert!(env.contains(
        "DINGTALK_URL_HOME='https://oa.example.com/dingding/dingding_auth_corp?corpId=$CORPID$'"
    ));
    assert_no_secret(&env);

    let data_env = [("DINGBIND_DATA_DIR", data.to_str().unwrap())];
    let (code, v, all) = dingbind_env(&["import", manifest.to_str().unwrap(), "--json"], &data_env);
    assert_eq!(code, 0, "{all}");
    assert_eq!(v["imported"]["from_report"], false);
    assert_eq!(v["imported"]["template_id"], "yidianyun-private-cloud");
    assert!(v["warnings"].as_array().unwrap().is_empty(), "{v}");
    let id = v["imported"]["id"].as_str().unwrap();
    let file = data.join("profiles").join(format!("{id}.json"));
    let profile = read_json(&file);
    assert_eq!(profile["name"], v["imported"]["name"]);
    let values = profile["values"].as_object().unwrap();
    assert_eq!(values.len(), 4, "{profile}");
    assert_eq!(values["domain"], "oa.example.com");
    assert_eq!(values["corp_id"], CORP_ID);
    assert_eq!(values["client_id"], CLIENT_ID);
    assert_eq!(values["agent_id"], AGENT_ID.to_string());

    // Exported again from the saved profile: the same manifest, header aside.
    let again = dir.path().join("again.json");
    let (code, _, all) = dingbind_env(
        &[
            "export",
            "--profile",
            file.to_str().unwrap(),
            "-o",
            again.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{all}");
    let mut again = read_json(&again);
    let mut first = m.clone();
    for m in [&mut again, &mut first] {
        for key in ["generated_at", "profile_name", "secrets"] {
            m.as_object_mut().unwrap().remove(key);
        }
    }
    assert_eq!(again, first);

    // Text mode names the profile.
    let (code, _, all) = dingbind_env(
        &["import", manifest.to_str().unwrap(), "--lang", "en"],
        &data_env,
    );
    assert_eq!(code, 0);
    assert!(all.starts_with("✓ imported: "), "{all}");
    assert_eq!(std::fs::read_dir(data.join("profiles")).unwrap().count(), 2);
}

#[test]
fn encrypted_export_carries_the_secret_and_needs_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let age = dir.path().join("binding.age");
    let age_s = age.to_str().unwrap();
    let binding = sim_binding();
    let secret = ("DINGBIND_CLIENT_SECRET", CLIENT_SECRET);
    let pass = ("DINGBIND_PASSPHRASE", "correct horse battery staple");

    // No passphrase in the environment, or no -o: refused before anything is written.
    let args = with_binding(&["export", "--encrypt", "-o", age_s], &binding);
    let (code, v, _) = dingbind_env(&[args.as_slice(), &["--json"]].concat(), &[secret]);
    assert_eq!(code, 2);
    assert_eq!(v["error"], "passphrase_needed");
    assert!(v["message"]
        .as_str()
        .unwrap()
        .contains("DINGBIND_PASSPHRASE"));
    assert!(!age.exists());
    let (code, _, _) = dingbind_env(
        &with_binding(&["export", "--encrypt"], &binding),
        &[secret, pass],
    );
    assert_eq!(code, 2, "--encrypt needs -o");

    let (code, v, all) = dingbind_env(&[args.as_slice(), &["--json"]].concat(), &[secret, pass]);
    assert_eq!(code, 0, "{all}");
    assert_eq!(v["secrets"]["client_secret"], "included");
    let bytes = std::fs::read(&age).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/"));
    assert_no_secret(&String::from_utf8_lossy(&bytes));

    let data_env = ("DINGBIND_DATA_DIR", data.to_str().unwrap());
    let before = snapshot(&data);
    for (env, code_name) in [
        (vec![data_env], "passphrase_needed"),
        (
            vec![data_env, ("DINGBIND_PASSPHRASE", "wrong")],
            "wrong_passphrase",
        ),
    ] {
        let (code, v, _) = dingbind_env(&["import", age_s, "--json"], &env);
        assert_eq!(code, 2);
        assert_eq!(v["error"], "bad_import");
        assert_eq!(v["code"], code_name);
        assert_eq!(v["pointer"], "");
        assert_eq!(snapshot(&data), before, "a refusal changes nothing");
    }
    let (code, _, all) = dingbind_env(
        &["import", age_s, "--lang", "en"],
        &[data_env, ("DINGBIND_PASSPHRASE", "wrong")],
    );
    assert_eq!(code, 2);
    assert!(
        all.starts_with("✗ : That passphrase does not open"),
        "{all}"
    );

    // The right passphrase: the secret came through (with the keychain off it is held for this
    // command only, and the import says so); the profile file never holds it.
    let (code, v, all) = dingbind_env(&["import", age_s, "--json"], &[data_env, pass]);
    assert_eq!(code, 0, "{all}");
    assert_eq!(v["imported"]["secrets"]["client_secret"], "session");
    assert_eq!(v["warnings"][0]["pointer"], "/secret_values/client_secret");
    let id = v["imported"]["id"].as_str().unwrap();
    let profile =
        std::fs::read_to_string(data.join("profiles").join(format!("{id}.json"))).unwrap();
    assert_no_secret(&profile);
    assert_eq!(
        read_json(&data.join("profiles").join(format!("{id}.json")))["values"]["corp_id"],
        CORP_ID
    );

    // For the server: the same file as a .env with the secret, readable by its owner only.
    let env_file = dir.path().join("server.env");
    let args = [
        "import",
        age_s,
        "--env-out",
        env_file.to_str().unwrap(),
        "--passphrase-env",
        "MY_PASS",
    ];
    let (code, _, all) = dingbind_env(&args, &[("MY_PASS", pass.1)]);
    assert_eq!(code, 0, "{all}");
    assert_no_secret(&all);
    let env = std::fs::read_to_string(&env_file).unwrap();
    assert!(
        env.contains(&format!("DINGTALK_CLIENT_SECRET='{CLIENT_SECRET}'")),
        "{env}"
    );
    assert!(env.contains("CONTAINS SECRETS"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the .env with secrets is private");
    }
}

#[test]
fn damaged_and_newer_files_are_refused_with_a_pointer_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data_env = [("DINGBIND_DATA_DIR", data.to_str().unwrap())];
    let manifest = dir.path().join("binding.json");
    let binding = sim_binding();
    let args = with_binding(&["export", "-o", manifest.to_str().unwrap()], &binding);
    assert_eq!(dingbind_env(&args, &[]).0, 0);
    // One profile already there, so "unchanged" means something.
    assert_eq!(
        dingbind_env(&["import", manifest.to_str().unwrap()], &data_env).0,
        0
    );
    let before = snapshot(&data);
    assert_eq!(
        before.keys().filter(|k| k.starts_with("profiles")).count(),
        1
    );

    let text = std::fs::read_to_string(&manifest).unwrap();
    let mut newer: Value = serde_json::from_str(&text).unwrap();
    newer["schema_version"] = 99.into();
    let mut bad_agent: Value = serde_json::from_str(&text).unwrap();
    bad_agent["agent_id"] = "0_abc".into();
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    let cases: [(&str, String, &str, &str); 4] = [
        ("cut.json", text[..half].to_string(), "not_json", ""),
        (
            "newer.json",
            newer.to_string(),
            "unsupported_version",
            "/schema_version",
        ),
        ("agent.json", bad_agent.to_string(), "invalid", "/agent_id"),
        (
            "profile.json",
            std::fs::read_to_string(data.join(before.keys().next().unwrap())).unwrap(),
            "not_manifest",
            "/kind",
        ),
    ];
    for (name, content, code_name, pointer) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        let (code, v, all) = dingbind_env(&["import", file.to_str().unwrap(), "--json"], &data_env);
        assert_eq!(code, 2, "{name}: {all}");
        assert_eq!(v["error"], "bad_import", "{name}");
        assert_eq!(v["code"], code_name, "{name}: {v}");
        assert_eq!(v["pointer"], pointer, "{name}");
        assert!(!v["message"].as_str().unwrap().is_empty());
        assert_eq!(snapshot(&data), before, "{name} changed the data folder");
    }
    let file = dir.path().join("newer.json");
    let (code, _, all) = dingbind_env(
        &["import", file.to_str().unwrap(), "--lang", "en"],
        &data_env,
    );
    assert_eq!(code, 2);
    assert!(
        all.starts_with("✗ /schema_version: This file is format version 99"),
        "{all}"
    );

    // An encrypted file cut short.
    let age = dir.path().join("binding.age");
    let pass = ("DINGBIND_PASSPHRASE", "pw");
    let args = with_binding(
        &["export", "--encrypt", "-o", age.to_str().unwrap()],
        &binding,
    );
    assert_eq!(dingbind_env(&args, &[pass]).0, 0);
    let bytes = std::fs::read(&age).unwrap();
    std::fs::write(&age, &bytes[..bytes.len() - 20]).unwrap();
    let (code, v, _) = dingbind_env(
        &["import", age.to_str().unwrap(), "--json"],
        &[data_env[0], pass],
    );
    assert_eq!(
        (code, v["code"].as_str(), v["pointer"].as_str()),
        (2, Some("damaged"), Some("")),
        "{v}"
    );
    assert_eq!(snapshot(&data), before);
    assert_eq!(
        dingbind_env(&["import", "/nonexistent/file.json"], &data_env).0,
        2
    );
}
