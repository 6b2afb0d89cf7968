//! Minutes end to end on the demo council: the 2 December 2020 meeting's minutes are taken in
//! the store (numbered on from the 4 November minutes 21-25), printed with `agendapack minutes`
//! in both editions, followed up with `agendapack actions`, and placed automatically as the
//! Minutes item of the next meeting's pack. A minute taken in private carries a unique marker
//! in its heading, text, resolutions, vote and action: the public minutes and the public pack
//! must carry none of it (read back with pdftotext).

mod cli_support;
use cli_support::{run, ok};
use std::path::Path;
use std::process::Command;

use agendapack_model::*;
use agendapack_store::edit::NewMeeting;
use agendapack_store::Store;
use chrono::NaiveDate;

const MARKER: &str = "Zqvxmarker";

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success(), "pdftotext must read {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// Takes the demo meeting's minutes: attendance ticked, a declaration and a vote on a public
/// minute, and a private minute full of the marker. Returns (December's id, January's id).
fn take_minutes(db: &Path) -> (i64, i64) {
    let mut store = Store::open(db).expect("the demo database opens");
    let december = store.demo_meeting_id().expect("settings readable").expect("the demo meeting is there").0;
    let detail = store.minutes_start(december).expect("December's minutes start");
    assert_eq!(detail.first_number, 26, "December's minutes run on from November's 21-25 (same municipal year)");
    let mut minutes = detail.minutes.expect("started");
    for a in minutes.attendance.iter_mut().take(3) {
        a.kind = AttendanceKind::Present;
    }
    minutes.entries[1].declarations.push(Declaration {
        member: "Cllr Jane Jones".into(),
        nature: InterestNature::OtherRegistrable,
        interest: "as a member of the BD Collective".into(),
        left_room: false,
    });
    minutes.entries[1].votes.push(RecordedVote {
        motion: "That the report be noted".into(),
        in_favour: vec!["Cllr Jane Jones".into(), "Cllr Toni Bankole".into()],
        against: vec![],
        abstained: vec![],
    });
    let mut private = MinuteEntry::new(0, &format!("{MARKER} contract"), &format!("The {MARKER} bid was discussed."), Access::Exempt {
        paragraphs: vec![ExemptParagraph::new(3).expect("paragraph 3 exists")],
        public_title: None,
    });
    private.resolutions = vec![format!("To award the {MARKER} contract."), "To report back.".into()];
    private.votes.push(RecordedVote { motion: format!("{MARKER} motion"), in_favour: vec![format!("Cllr {MARKER}")], against: vec![], abstained: vec![] });
    private.actions.push(MinuteAction { text: format!("Sign the {MARKER} contract"), owner: "Director of My Place".into(), due: Some(date(2020, 12, 18)), done: false });
    private.exclusion = vec![ExemptParagraph::new(3).expect("paragraph 3 exists")];
    minutes.entries.push(private);
    minutes.entries[0].actions.push(MinuteAction { text: "Circulate the hub list".into(), owner: "DPP".into(), due: Some(date(2021, 2, 1)), done: false });
    store.minutes_save(december, &minutes).expect("the minutes save");
    let committee_id = store.meeting_detail(december).expect("detail").committee_id;
    let contact = Person::named("Claudia Wakefield");
    let january = store
        .meeting_create(&NewMeeting { committee_id, starts_at: date(2021, 1, 6).and_hms_opt(19, 0, 0).expect("time"), venue: Venue::Virtual, contact_officer: contact })
        .expect("January's meeting is scheduled")
        .id;
    (december, january)
}

#[test]
fn minutes_print_alone_follow_up_actions_and_reach_the_next_pack() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let db = home.path().join("demo.db");
    let db_arg = db.display().to_string();
    ok(home.path(), &["--db", &db_arg, "init", "--demo"]);
    let (december, january) = take_minutes(&db);

    let public = home.path().join("public.pdf");
    let said = ok(home.path(), &["--db", &db_arg, "minutes", "--meeting", &december.to_string(), "--out", &public.display().to_string()]);
    assert!(said.contains("minutes 26 - "), "the summary names the minute numbers: {said}");
    let text = pdftotext(&public);
    assert!(text.contains("MINUTES OF OVERVIEW AND SCRUTINY COMMITTEE"), "the minutes' heading: {text}");
    assert!(text.contains("Cllr Jane Jones declared an other registrable interest"), "the declaration is printed");
    assert!(text.contains("Recorded vote: That the report be noted."), "the vote is printed");
    assert!(text.contains("Private business"), "the private minute keeps its number in public");
    assert!(!text.contains(MARKER), "no part of the private minute may reach the public minutes:\n{text}");

    let full = home.path().join("full.pdf");
    ok(home.path(), &["--db", &db_arg, "minutes", "--meeting", &december.to_string(), "--edition", "full", "--out", &full.display().to_string()]);
    let text = pdftotext(&full);
    for part in ["contract", "bid was discussed", "To report back.", "motion", "Sign the"] {
        assert!(text.contains(&format!("{MARKER} {part}")) || text.contains(part), "the full edition prints {part}");
    }
    assert!(text.contains(MARKER), "the full edition carries the private minute");

    let log: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &["--db", &db_arg, "actions", "--json", "--today", "2021-01-06"])).expect("actions --json is JSON");
    let states: Vec<(String, String)> = log
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| (r["action"]["text"].as_str().unwrap_or("").to_string(), r["state"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        states,
        [(format!("Sign the {MARKER} contract"), "overdue".to_string()), ("Circulate the hub list".to_string(), "open".to_string())],
        "the overdue action first, then the open one"
    );
    let table = ok(home.path(), &["--db", &db_arg, "actions", "--today", "2021-01-06"]);
    assert!(table.contains("OVERDUE"), "the table shows the overdue action in capitals: {table}");
    assert!(table.contains("(exempt)"), "the private minute's action is marked exempt in the log: {table}");

    let pack = home.path().join("january.pdf");
    ok(home.path(), &["--db", &db_arg, "build", "--meeting", &january.to_string(), "--out", &pack.display().to_string()]);
    let text = pdftotext(&pack);
    assert!(text.contains("Wednesday, 2 December 2020"), "January's pack carries December's minutes as its Minutes item");
    assert!(text.contains("Recorded vote"), "the structured minutes reach the pack");
    assert!(!text.contains(MARKER), "the public pack carries nothing of the private minute");

    let missing = run(home.path(), &["--db", &db_arg, "minutes", "--meeting", &january.to_string(), "--out", "x.pdf"]);
    assert!(!missing.status.success(), "a meeting without minutes cannot be printed");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("has no minutes yet"), "and the user is told why");
}
