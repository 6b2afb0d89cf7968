//! The planning commands run as a user would, on the demo database: `tracker` (seeds 000 and
//! 004 as multi-page PDFs with the header row on every page, "as at" a date),
//! `forward-plan` (the notice check, and a public edition with no exempt detail in any form),
//! and `programme` (seed 001's work programme as a board).

mod cli_support;
use cli_support::{run, ok};
use std::path::Path;
use std::process::Command;

fn fixture_path(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name).display().to_string()
}

/// The demo database in a temporary home.
fn demo() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
    let db = home.path().join("demo.db").display().to_string();
    ok(home.path(), &["--db", &db, "init", "--demo"]);
    (home, db)
}

/// pdftotext of each page (laid out as printed).
fn pages(pdf: &Path) -> Vec<String> {
    pages_with(pdf, &["-layout"])
}

/// pdftotext of each page, with `args` (none: in reading order, each cell's words together).
fn pages_with(pdf: &Path, args: &[&str]) -> Vec<String> {
    let out = Command::new("pdftotext").args(args).arg(pdf).arg("-").output().unwrap_or_else(|e| panic!("pdftotext runs: {e}"));
    String::from_utf8_lossy(&out.stdout).split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_string).collect()
}

#[test]
fn trackers_render_as_multi_page_tables_with_repeated_headers() {
    let (home, db) = demo();
    let list = ok(home.path(), &["--db", &db, "tracker", "--list"]);
    assert!(list.contains("(30 recommendations, 64 actions)"), "seed 000 is stored whole: {list}");
    assert!(list.contains("(31 recommendations, 52 actions)"), "seed 004 is stored whole: {list}");
    let again = ok(home.path(), &["--db", &db, "init", "--demo"]);
    assert!(!again.is_empty(), "a second demo load succeeds");
    let list_again = ok(home.path(), &["--db", &db, "tracker", "--list"]);
    assert_eq!(list_again.lines().count(), 2, "and stores the trackers only once: {list_again}");

    let out = home.path().join("t1.pdf");
    let said = ok(home.path(), &["--db", &db, "tracker", "--id", "1", "--as-at", "2014-12-01", "--out", &out.display().to_string()]);
    assert!(said.contains("64 actions"), "the summary counts every action: {said}");
    let text = pages(&out);
    assert!(text.len() >= 5, "a 64-action plan runs over many pages, got {}", text.len());
    for (i, page) in text.iter().enumerate() {
        assert!(page.contains("Progress as at 1 December 2014"), "page {} repeats the header row", i + 1);
    }
    let all = text.join("\n");
    for number in ["1.1", "2.5", "3.1", "4.4", "5.3", "6.5"] {
        assert!(all.contains(&format!("{number} ")), "recommendation {number} is printed");
    }
    assert!(all.contains("Overdue"), "actions due in October 2014 and not complete are overdue on 1 December");

    let early = home.path().join("early.pdf");
    ok(home.path(), &["--db", &db, "tracker", "--id", "1", "--as-at", "2014-09-01", "--out", &early.display().to_string()]);
    let early_text = pages(&early).join("\n");
    assert!(!early_text.contains("Corporate Delivery Plan agreed by Cabinet"), "progress reported in November is not shown as at September");

    let seed_004 = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/demo/trackers/004.json");
    let stored = ok(home.path(), &["--db", &db, "tracker", "--import", &seed_004.display().to_string()]);
    assert!(stored.starts_with("stored tracker 3:"), "an imported tracker is stored as a new one: {stored}");
    let not_json = run(home.path(), &["--db", &db, "tracker", "--import", &fixture_path("forward-plan.json")]);
    assert!(String::from_utf8_lossy(&not_json.stderr).contains("is not a tracker"), "a file of another kind is refused by name");

    let bad = run(home.path(), &["--db", &db, "tracker", "--id", "1", "--as-at", "1 Dec", "--out", &out.display().to_string()]);
    assert_eq!(bad.status.code(), Some(1), "a bad date is a user error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"), "and says how to write it");
    let missing = run(home.path(), &["--db", &db, "tracker", "--id", "99", "--as-at", "2014-12-01", "--out", &out.display().to_string()]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no tracker with id 99"), "an unknown tracker is named");
}

#[test]
fn the_forward_plan_flags_late_notice_and_its_public_edition_hides_exempt_details() {
    let (home, db) = demo();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/forward-plan.json");
    let listing = ok(home.path(), &["--db", &db, "forward-plan", "--import", &fixture.display().to_string(), "--today", "2021-01-25"]);
    let late: Vec<&str> = listing.lines().filter(|l| l.ends_with("LATE")).collect();
    assert_eq!(late.len(), 1, "only the decision published a week after its notice date is late: {listing}");
    assert!(late[0].starts_with("FP/2021/04"), "and it is FP/2021/04: {listing}");
    assert!(listing.contains("General exception"), "the general exception route is shown: {listing}");

    let pdf = home.path().join("fp.pdf");
    let csv = home.path().join("fp.csv");
    let (pdf_s, csv_s) = (pdf.display().to_string(), csv.display().to_string());
    ok(home.path(), &["--db", &db, "forward-plan", "--today", "2021-01-25", "--out", &pdf_s, "--csv", &csv_s]);
    let marker = "FPMARKER";
    let public_text = pages(&pdf).join("\n");
    let public_csv = std::fs::read_to_string(&csv).unwrap_or_default();
    assert!(public_text.contains("depot"), "the public title is printed (its words wrap in the cell)");
    assert!(public_csv.contains("Disposal of a council depot"), "the public title stands in for the exempt one");
    assert!(!public_text.contains(marker), "no exempt detail in the public PDF's text");
    assert!(!public_csv.contains(marker), "nor in the public CSV");
    let qdf = home.path().join("fp.qdf");
    let status = Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(&pdf).arg(&qdf).status();
    assert!(status.is_ok_and(|s| s.success()), "qpdf uncompresses the public PDF");
    let raw = std::fs::read(&qdf).unwrap_or_default();
    assert!(!raw.windows(marker.len()).any(|w| w == marker.as_bytes()), "no stream of the public PDF holds the marker");

    ok(home.path(), &["--db", &db, "forward-plan", "--today", "2021-01-25", "--edition", "full", "--out", &pdf_s, "--csv", &csv_s]);
    assert!(pages(&pdf).join("\n").contains(marker), "the full edition has the exempt details");
    assert!(std::fs::read_to_string(&csv).unwrap_or_default().contains(marker), "in its CSV too");
}

#[test]
fn the_demo_committee_programme_is_seed_001s() {
    let (home, db) = demo();
    let json = ok(home.path(), &["--db", &db, "programme", "--committee", "1", "--from", "2020-12-03", "--json"]);
    let board: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let columns = board["columns"].as_array().cloned().unwrap_or_default();
    let dates: Vec<&str> = columns.iter().filter_map(|c| c["date"].as_str()).collect();
    assert_eq!(
        dates,
        ["2021-01-06", "2021-01-26", "2021-02-03", "2021-03-03", "2021-03-31", "2021-05-12", "2021-06-09"],
        "the meetings of seed 001's work programme"
    );
    assert_eq!(columns[0]["final_report_deadline"], "10am, Friday 18 December", "the hand-set Christmas deadline");
    assert_eq!(columns[2]["clearance_deadline"], "14 January", "3 February's clearance deadline by rule");
    let unknown = run(home.path(), &["--db", &db, "programme", "--committee", "42"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no committee with id 42"), "an unknown committee is named");
}

#[test]
fn the_demo_pack_prints_the_generated_work_programme_as_seed_001_does() {
    let (home, db) = demo();
    let out = home.path().join("pack.pdf");
    ok(home.path(), &["--db", &db, "build", "--out", &out.display().to_string()]);
    let text = pages_with(&out, &[]);
    let start = text.iter().position(|p| p.contains("Work Programme 2020/21")).unwrap_or_else(|| panic!("the pack has the work programme"));
    let programme = text[start..].join("\n");
    let flat = programme.split_whitespace().collect::<Vec<_>>().join(" ");
    // Read in reading order, so each cell's words are together whatever the line breaks.
    for expected in [
        "6 January", "10 December", "10am, Friday 18 December", "Hilary Morris Elaine Allegretti", "Cllr Twomey",
        "26 January", "(Extraordinary", "17 December", "10am, Thursday 14 January", "Philip Gregory",
        "3 February", "14 January", "10am, Friday 22 January", "Andy Opie", "Pye Nyunt and Mark Fowler",
        "3 March", "(TBC) 11 February", "(TBC) 10am, Friday 19 February", "Graeme Cook Mark", "Tyson", "Kristian Melgaard, Reside",
        "31 March", "(TBC) 11 March", "(TBC) 10am, Friday 19 March", "Jane Hargreaves",
        "12 May 2021", "(TBC) 8 April", "(TBC) 10am, Monday 26 April", "9 June 2021", "(TBC) 10am, Monday 24 May",
    ] {
        assert!(flat.contains(expected), "the generated programme prints {expected:?} as seed 001's last pages do");
    }
    let rows = flat.matches("Masuma Ahmed").count();
    assert_eq!(rows, 5, "one Work Programme row per meeting that has one (5 in the seed)");
}
