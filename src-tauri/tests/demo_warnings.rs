//! A new user's first build has no warnings (issue 14, point 6): `agendapack init --demo`, then
//! `agendapack build` of the demo meeting in both editions, as a user would run them, and the
//! second demo meeting's supplementary agenda built straight from the demo data. Every warning
//! a pack can give (Markdown, characters the fonts cannot print, empty reports, authors without
//! contact details, attached pages scaled for the stamp) must be fixed in the demo data, not
//! here.

mod cli_support;
use cli_support::{run};
use agendapack_pack::{build, Edition, PackOptions};

#[test]
fn the_demo_meetings_first_build_has_no_warnings_in_either_edition() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let db = home.path().join("demo.db");
    let db = db.to_string_lossy();
    let init = run(home.path(), &["--db", &db, "init", "--demo"]);
    assert!(init.status.success(), "the demo loads: {}", String::from_utf8_lossy(&init.stderr));
    for edition in ["public", "full"] {
        let out_path = home.path().join(format!("{edition}.pdf"));
        let out = run(home.path(), &["--db", &db, "build", "--edition", edition, "--out", &out_path.to_string_lossy()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "the {edition} demo pack builds: {stderr}");
        // The summary prints "N warning(s) in the papers" and stderr carries the deadline
        // warnings: a first build shows neither.
        assert!(!stdout.contains("warning"), "the {edition} demo pack builds without warnings:\n{stdout}");
        assert!(stderr.trim().is_empty(), "the {edition} demo build writes nothing to stderr:\n{stderr}");
    }
}

#[test]
fn every_demo_meeting_builds_without_warnings_in_both_editions() {
    for (index, bundle) in agendapack_demo::bundles().iter().enumerate() {
        // Seed 002's meeting is a supplementary agenda; seed 001's is a main pack.
        let supplement = bundle.items.iter().any(|i| i.supplementary);
        for edition in [Edition::Public, Edition::Full] {
            let options = PackOptions { edition, supplement, draft: false };
            let pack = build(bundle, &options).unwrap_or_else(|e| panic!("demo meeting {index} builds: {e}"));
            assert!(pack.warnings.is_empty(), "demo meeting {index}, {edition:?} edition, must have no warnings: {:#?}", pack.warnings);
        }
    }
}
