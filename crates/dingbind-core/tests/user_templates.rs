//! Adding the admin's own template file in the app: checked like at start-up, stored in the
//! templates folder (so a restart finds it), offered at once; a built-in's id is refused and a new
//! version of the same template replaces the old one instead of making a second file.

use dingbind_core::secrets::{KeychainError, Secrets};
use dingbind_core::workspace::{TemplateAdded, Workspace};
use std::path::Path;

/// A server team's template in the short form (`template/mod.rs`; the e2e test adds it too).
const ACME: &str = include_str!("fixtures/acme-oa.toml");

fn workspace(dir: &Path) -> Workspace {
    Workspace::open(
        dir,
        Secrets::new(Err(KeychainError::Off("no keychain".into()))),
        |_| {},
    )
    .unwrap()
}

fn toml_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("templates"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_good_template_is_stored_offered_and_still_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let builtins = ws.templates().len();
    let added = ws
        .add_template("/home/admin/acme.toml", ACME.as_bytes())
        .unwrap();
    let TemplateAdded::Added { template, replaced } = added else {
        panic!("refused: {added:?}")
    };
    assert_eq!((template.id.as_str(), replaced), ("acme-oa", false));
    assert_eq!(ws.templates().len(), builtins + 1);
    // A profile can be made from it straight away.
    let view = ws.create("Acme", "acme-oa").unwrap();
    assert_eq!(view.profile.template_id, "acme-oa");
    assert_eq!(toml_files(dir.path()), ["acme-oa.toml"]);

    drop(ws);
    let again = workspace(dir.path());
    assert!(again.templates().iter().any(|t| t.id == "acme-oa"));
    assert!(again.info().template_problems.is_empty());
}

#[test]
fn a_new_version_replaces_the_old_one_in_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    // Put there by hand under another name, before the app started.
    std::fs::write(dir.path().join("templates/my-platform.toml"), ACME).unwrap();
    let ws = workspace(dir.path());
    let v2 = ACME.replace("某某 OA", "某某 OA 2.0");
    let added = ws.add_template("acme-v2.toml", v2.as_bytes()).unwrap();
    assert!(
        matches!(&added, TemplateAdded::Added { replaced: true, template } if template.name.zh == "某某 OA 2.0"),
        "{added:?}"
    );
    assert_eq!(toml_files(dir.path()), ["my-platform.toml"]);
    let names: Vec<String> = ws
        .templates()
        .iter()
        .filter(|t| t.id == "acme-oa")
        .map(|t| t.name.zh.clone())
        .collect();
    assert_eq!(names, ["某某 OA 2.0"]);
}

#[test]
fn broken_or_foreign_files_are_refused_with_where_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let refused = |file: &str, src: &[u8]| match ws.add_template(file, src).unwrap() {
        TemplateAdded::Refused { problem } => problem,
        TemplateAdded::Added { template, .. } => panic!("{} accepted", template.id),
    };

    let broken = ACME.replace("\"corp_id\"]\nurls", "\"corp_idd\"]\nurls");
    let p = refused("acme.toml", broken.as_bytes());
    assert_eq!(
        (p.file.as_str(), p.line, p.field.as_str()),
        ("acme.toml", 13, "steps[0].fields[1]")
    );
    assert!(p.message.en.contains("corp_idd"), "{:?}", p.message);

    let taken = ACME.replace("\"acme-oa\"", "\"yidianyun-private-cloud\"");
    let p = refused("mine.toml", taken.as_bytes());
    assert_eq!((p.line, p.field.as_str()), (2, "id"));
    assert!(p.message.en.contains("built-in"), "{:?}", p.message);

    let p = refused("photo.toml", &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    assert_eq!(p.line, 0);
    let p = refused("huge.toml", &vec![b'#'; 300 * 1024]);
    assert!(p.message.en.contains("too big"), "{:?}", p.message);

    assert!(toml_files(dir.path()).is_empty());
    assert!(ws.templates().iter().all(|t| t.builtin));
}
