//! `agendapack clearance` at the single desk (issue 19): the officer sets the demo committee's
//! route (finance, then legal), records the sign-offs on the approvers' behalf, and the history
//! says so. The issue's scenario: submit; finance approves; legal returns it with a comment;
//! resubmit; legal approves; cleared; the pack reads "Implications completed by:" with the
//! approvers' names and job titles (read back with pdftotext), while `agendapack export`
//! carries the body as written. Mistakes are one sentence and exit code 1.

mod cli_support;

use std::process::Command;

use agendapack_model::account::Role;
use agendapack_store::Store;
use cli_support::{ok, run};

const PASSWORD: &str = "correct horse battery";

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success(), "pdftotext must read the pack");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_report_is_cleared_at_the_single_desk_and_the_pack_names_the_signers() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("desk.db");
    let db_arg = db.display().to_string();
    ok(home.path(), &["--db", &db_arg, "init", "--demo"]);

    // Accounts, and item 4 of the first meeting given implications headings in its body.
    let (meeting, committee, number) = {
        let mut store = Store::open(&db).unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2020, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        store.account_add("priya", "Priya Shah", Role::Author, PASSWORD, at).unwrap();
        store.account_add("sandra", "Sandra Pillinger", Role::Author, PASSWORD, at).unwrap();
        store.account_add("paul", "Paul Feild", Role::Author, PASSWORD, at).unwrap();
        let meeting = store.meetings().unwrap()[0].id;
        let detail = store.meeting_detail(meeting).unwrap();
        let item = detail
            .items
            .iter()
            .find(|i| i.kind == agendapack_model::ItemKind::Report && !i.access.is_restricted() && i.number.is_some())
            .unwrap();
        let mut fields = store.report_detail(item.id).unwrap().report;
        fields.status = agendapack_model::ReportStatus::Draft;
        fields.body.push_str("\n\n## 8. Financial Implications\n\n8.1 There are no direct financial implications.\n\n## 9. Legal Implications\n\n9.1 There is no statutory duty.\n");
        store.report_save(item.id, &fields, at).unwrap();
        (meeting, detail.committee_id, item.number.unwrap())
    };
    let (m, n, c) = (meeting.to_string(), number.to_string(), committee.to_string());
    let cl = |args: &[&str]| {
        let mut all = vec!["--db", db_arg.as_str(), "clearance"];
        all.extend_from_slice(args);
        ok(home.path(), &all)
    };

    let route = home.path().join("route.json");
    std::fs::write(
        &route,
        r#"[{"name": "Finance", "approvers": [{"account": "sandra"}], "due_working_days": 14, "implications_heading": "Financial implications"},
            {"name": "Legal", "approvers": [{"account": "paul"}], "due_working_days": 10, "implications_heading": "Legal implications"}]"#,
    )
    .unwrap();
    let printed = cl(&["route", "--committee", &c, "--file", &route.display().to_string()]);
    assert!(printed.contains("1. Finance: sandra; due 14 working days before the meeting; signs \"Financial implications\""), "{printed}");
    cl(&["job-title", "sandra", "Group Accountant"]);
    cl(&["job-title", "paul", "Senior Governance Solicitor"]);

    cl(&["submit", "--meeting", &m, "--item", &n, "--as", "priya"]);
    let early = run(home.path(), &["--db", &db_arg, "clearance", "approve", "--meeting", &m, "--item", &n, "--as", "paul"]);
    assert_eq!(early.status.code(), Some(1), "legal cannot approve before finance");
    let said = String::from_utf8_lossy(&early.stderr);
    assert!(said.contains("not an approver or delegate of the step waiting (Finance)") && said.lines().count() == 1, "{said}");

    cl(&["approve", "--meeting", &m, "--item", &n, "--as", "sandra", "--comment", "Figures checked."]);
    let no_comment = run(home.path(), &["--db", &db_arg, "clearance", "return", "--meeting", &m, "--item", &n, "--as", "paul"]);
    assert_eq!(no_comment.status.code(), Some(1), "a return needs a comment");
    let returned = cl(&["return", "--meeting", &m, "--item", &n, "--as", "paul", "--comment", "Cite the Local Government Act 1999."]);
    assert!(returned.contains("clearance: returned"), "{returned}");
    assert!(returned.contains("2. Legal: returned"), "{returned}");
    let again = cl(&["submit", "--meeting", &m, "--item", &n, "--as", "priya", "--comment", "Act cited."]);
    assert!(again.contains("1. Finance: approved") && again.contains("2. Legal: waiting"), "the route restarts at legal: {again}");
    let waiting = cl(&["waiting", "--as", "paul"]);
    assert!(waiting.contains(": Legal ("), "{waiting}");
    let cleared = cl(&["approve", "--meeting", &m, "--item", &n, "--as", "paul"]);
    assert!(cleared.contains("clearance: cleared"), "{cleared}");

    let status = cl(&["status", "--meeting", &m, "--item", &n, "--json"]);
    let state: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(state["status"], "cleared");
    let texts: Vec<&str> = state["history"].as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 5, "{texts:?}");
    assert!(texts[2].starts_with("Paul Feild returned the report at the Legal step (recorded by "), "{}", texts[2]);
    assert!(texts[2].ends_with(" on behalf of Paul Feild)"), "{}", texts[2]);
    assert_eq!(state["history"][2]["comment"], "Cite the Local Government Act 1999.");
    assert!(state["history"].as_array().unwrap().iter().all(|e| e["report_version"].is_string()), "each row names the version seen");

    let pack = home.path().join("pack.pdf");
    ok(home.path(), &["--db", &db_arg, "build", "--meeting", &m, "--edition", "full", "--out", &pack.display().to_string()]);
    let text = pdftotext(&pack);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Implications completed by: Sandra Pillinger, Group Accountant"), "finance's sign-off is printed");
    assert!(flat.contains("Implications completed by: Paul Feild, Senior Governance Solicitor"), "legal's sign-off is printed");
    let finance = flat.find("Financial Implications Implications completed by: Sandra Pillinger").is_some();
    assert!(finance, "right under the heading");

    // The interchange document carries the report as written: the sign-offs are printed by
    // the pack, not stored or exported as text.
    let exported = home.path().join("meeting.json");
    ok(home.path(), &["--db", &db_arg, "export", "--meeting", &m, "--out", &exported.display().to_string()]);
    let json = std::fs::read_to_string(&exported).unwrap();
    assert!(json.contains("Financial Implications"), "the exported body keeps its headings");
    assert!(!json.contains("Implications completed by"), "export carries no generated sign-off text");
    assert!(!json.contains("signoffs"), "nor the sign-offs as data");

    let bad = run(home.path(), &["--db", &db_arg, "clearance", "status", "--meeting", &m, "--item", "99"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1, "one sentence");
}
