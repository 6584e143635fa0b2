//! The CLI built for servers (no `practice` feature) carries no simulator and says so when asked
//! for practice mode, instead of failing in some other way. Runs only in that build
//! (`cargo test -p dingbind-cli`); `make test` builds the CLI with practice and runs `tests/cli`.

#[cfg(not(feature = "practice"))]
#[test]
fn practice_mode_is_refused_plainly() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dingbind"))
        .args([
            "check",
            "--practice",
            "healthy",
            "--template",
            "yidianyun-private-cloud",
            "--set",
            "domain=oa.example.com",
        ])
        .output()
        .expect("dingbind runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let all = format!("{err}{}", String::from_utf8_lossy(&out.stdout));
    assert!(all.contains("no practice mode"), "{all}");
}
