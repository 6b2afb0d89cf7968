//! The demo meetings survive the store exactly: `init --demo` then `export` gives back the
//! bundles of `agendapack-demo`, whose text the demo crate's tests compare with the seeds word
//! for word. Together the two prove issue 2's "export contains the full text of every report".

use std::process::Command;

use agendapack_model::MeetingBundle;

const BIN: &str = env!("CARGO_BIN_EXE_agendapack");

fn agendapack(home: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("the agendapack binary runs");
    assert!(out.status.success(), "agendapack {args:?} should succeed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

#[test]
fn exported_demo_meetings_equal_the_demo_bundles() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("demo.db").display().to_string();
    agendapack(dir.path(), &["--db", &db, "init", "--demo"]);
    let listed: serde_json::Value =
        serde_json::from_str(&agendapack(dir.path(), &["--db", &db, "meetings", "--json"])).expect("meetings --json is JSON");
    let demo = agendapack_demo::bundles();
    for expected in &demo {
        let date = expected.meeting.date().to_string();
        let id = listed
            .as_array()
            .and_then(|all| all.iter().find(|m| m["date"] == date.as_str()))
            .and_then(|m| m["id"].as_i64())
            .unwrap_or_else(|| panic!("the demo meeting of {date} is listed: {listed}"));
        let exported = agendapack(dir.path(), &["--db", &db, "export", "--meeting", &id.to_string()]);
        let mut value: serde_json::Value = serde_json::from_str(&exported).expect("export writes JSON");
        // The envelope names the format; the rest is the bundle itself.
        let object = value.as_object_mut().expect("the export is an object");
        assert_eq!(object.remove("format").as_ref().and_then(|f| f.as_str()), Some("agendapack-meeting"), "format tag");
        assert_eq!(object.remove("version").as_ref().and_then(|v| v.as_i64()), Some(1), "format version");
        let bundle: MeetingBundle = serde_json::from_value(value).expect("the export reads back as a bundle");
        // Compare field by field first, so a failure names what the store lost.
        assert_eq!(bundle.council, expected.council, "council of {date}");
        assert_eq!(bundle.committee, expected.committee, "committee of {date}");
        assert_eq!(bundle.meeting, expected.meeting, "meeting of {date}");
        assert_eq!(bundle.items.len(), expected.items.len(), "agenda items of {date}");
        for (got, want) in bundle.items.iter().zip(&expected.items) {
            assert_eq!(got, want, "agenda item {:?} of {date}", want.number);
        }
        assert_eq!(bundle.previous, expected.previous, "previous meeting and minutes of {date}");
        assert_eq!(bundle, *expected, "everything else of {date} (work programme, supplement reason)");
    }
}
