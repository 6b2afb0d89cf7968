//! The team edition's permissions (issue 18), through `api::authz::dispatch_as` on the demo
//! council (`agendapack init --demo`): every command as every role and without a session,
//! against an expected table written here, apart from `authz.rs`, so a change to either shows;
//! then ownership: an author reaches their own open reports and nothing else, never a
//! restricted paper (an exempt or confidential item, or a report with such an appendix) by any
//! command, the pack PDF included; a member sees their committees' published public packs only.

mod cli_support;

use std::collections::BTreeMap;
use std::path::Path;

use agendapack::api::authz::{dispatch_as, TEAM_COMMANDS};
use agendapack::api::{ApiContext, ApiError, ErrorCode, COMMANDS};
use agendapack_model::account::{Account, Role};
use agendapack_store::Store;
use base64::Engine;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// What each role may do, by command: administrator, officer, clerk, author, member.
/// Y: allowed. N: refused for the role. O: an author's own open report only. P: the public
/// pack of a published meeting only (a member: of their committees). C: allowed, the answer cut
/// to the member's committees. A: an author's own open report, or (author or member) an open
/// report submitted into a clearance route they approve a step of. Written from the roles, not copied from authz.rs.
const EXPECTED: &str = "
council_get              Y Y Y Y Y
council_save             Y N N N N
committees_list          Y Y Y N N
committee_save           Y Y N N N
committee_texts_save     Y Y N N N
committee_retire         Y Y N N N
committee_delete         Y Y N N N
membership_save          Y Y N N N
membership_delete        Y Y N N N
meetings_list            Y Y Y Y C
private_section_notices  Y Y N N N
meeting_get              Y Y Y N N
meeting_create           Y Y N N N
meeting_update           Y Y N N N
item_add                 Y Y N N N
item_update              Y Y N N N
item_delete              Y Y N N N
items_reorder            Y Y N N N
report_get               Y Y Y A A
report_save              Y Y N O N
report_kept_versions     Y Y Y O N
appendix_add             Y Y N O N
appendix_attach_pdf      Y Y N O N
appendix_update          Y Y N O N
appendix_delete          Y Y N O N
appendices_reorder       Y Y N O N
docx_preview             Y Y N O N
report_import_docx       Y Y N O N
report_restore           Y Y N O N
report_pictures          Y Y Y A A
report_picture_add       Y Y N O N
appendix_import_docx     Y Y N O N
markdown_check           Y Y Y O N
text_check               Y Y Y Y N
pack_build               Y Y Y P P
pack_job                 Y Y Y P P
pack_pdf                 Y Y Y P P
minutes_get              Y Y Y N N
minutes_start            Y N Y N N
minutes_save             Y N Y N N
minutes_status           Y N Y N N
minutes_amend            Y N Y N N
actions_list             Y Y Y N N
action_done              Y N Y N N
minute_numbering_set     Y N N N N
audit_list               Y Y N N N
deadlines_meeting        Y Y Y N N
deadlines_report         Y Y Y A A
report_status_history    Y Y Y A A
deadlines_upcoming       Y Y Y N N
deadlines_ics            Y Y Y N N
deadline_rules           Y Y N N N
deadline_rule_save       Y Y N N N
deadline_rule_delete     Y Y N N N
deadline_override_save   Y Y N N N
item_mark_late           Y Y N N N
holidays_import          Y N N N N
closure_days_list        Y Y Y N N
closure_days_save        Y N N N N
programme_board          Y Y N N N
programme_item_add       Y Y N N N
programme_item_update    Y Y N N N
programme_item_move      Y Y N N N
programme_item_status    Y Y N N N
programme_item_confirm   Y Y N N N
programme_item_history   Y Y N N N
forward_plan_list        Y Y Y N N
forward_plan_save        Y Y N N N
forward_plan_delete      Y Y N N N
trackers_list            Y Y Y N N
tracker_get              Y Y Y N N
tracker_add_update       Y Y N N N
tracker_attach           Y Y N N N
clearance_route_get      Y Y Y N N
clearance_route_save     Y Y N N N
clearance_state          Y Y Y A A
clearance_submit         Y Y N O N
clearance_approve        Y Y Y Y Y
clearance_return         Y Y Y Y Y
clearance_waiting        Y Y Y Y Y
my_reports               N N N Y N
calendar_feed_issue      Y Y Y Y Y
calendar_feed_revoke     Y Y Y Y Y
clearance_dues           Y Y Y N N
clearance_due_save       Y Y N N N
smtp_settings_get        Y N N N N
smtp_settings_save       Y N N N N
account_email_set        Y N N N N
authors_list             Y Y N N N
report_owner_set         Y Y N N N
report_owner_get         Y Y N N N
accounts_list            Y N N N N
account_add              Y N N N N
account_update           Y N N N N
account_disable          Y N N N N
account_enable           Y N N N N
account_role_set         Y N N N N
account_password_reset   Y N N N N
account_committees_set   Y N N N N
account_history          Y N N N N
password_change          Y Y Y Y Y
";

const ROLES: [Role; 5] = [Role::Administrator, Role::Officer, Role::Clerk, Role::Author, Role::Member];
const PASSWORD: &str = "correct horse battery";
/// A phrase written into the confidential report, looked for in everything an author gets.
const SECRET: &str = "Zebracrossing Confidential Settlement";

fn expected() -> BTreeMap<&'static str, Vec<char>> {
    EXPECTED
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut words = l.split_whitespace();
            let command = words.next().unwrap();
            let marks: Vec<char> = words.map(|w| w.chars().next().unwrap()).collect();
            assert_eq!(marks.len(), 5, "{command} needs a mark for each of the five roles");
            (command, marks)
        })
        .collect()
}

/// The demo council with an account of each role, two authors, and papers given out.
struct World {
    ctx: ApiContext,
    _dir: tempfile::TempDir,
    by_role: BTreeMap<Role, Account>,
    other_author: Account,
    /// Meeting 001 (published 20 November 2020) and 002 (another committee, unpublished).
    published: i64,
    unpublished: i64,
    /// The author's open report; another author's; the author's confidential one; the author's
    /// report in 002 with an exempt appendix.
    own: i64,
    others: i64,
    own_confidential: i64,
    own_with_exempt_appendix: i64,
    exempt_appendix: i64,
    others_appendix: i64,
}

fn init_demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("team.db");
    cli_support::ok(dir, &["--db", db.to_str().unwrap(), "init", "--demo"]);
    db
}

fn call(w: &World, actor: Option<&Account>, command: &str, body: &Value) -> Result<Value, ApiError> {
    let bytes = serde_json::to_vec(body).unwrap();
    dispatch_as(&w.ctx, actor, command, &bytes).unwrap_or_else(|| panic!("{command} must be answered"))
}

fn ok(w: &World, role: Role, command: &str, body: Value) -> Value {
    call(w, Some(&w.by_role[&role]), command, &body).unwrap_or_else(|e| panic!("{command} as {role} must succeed: {e:?}"))
}

fn forbidden(result: Result<Value, ApiError>, why: &str) {
    match result {
        Err(e) => assert_eq!(e.code, ErrorCode::Forbidden, "{why}: {e:?}"),
        Ok(v) => panic!("{why}, but it was answered: {}", &v.to_string()[..v.to_string().len().min(200)]),
    }
}

fn report_items(w: &World, meeting: i64) -> Vec<(i64, String)> {
    let detail = ok(w, Role::Officer, "meeting_get", json!({"id": meeting}));
    detail["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "report")
        .map(|i| (i["id"].as_i64().unwrap(), i["title"].as_str().unwrap().to_string()))
        .collect()
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let db = init_demo(dir.path());
    let store = Store::open(&db).unwrap();
    let at = NaiveDate::from_ymd_opt(2020, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let mut by_role = BTreeMap::new();
    for (role, name, display) in [
        (Role::Administrator, "admin", "Ada Admin"),
        (Role::Officer, "officer", "Olu Officer"),
        (Role::Clerk, "clerk", "Cleo Clerk"),
        (Role::Author, "priya", "Priya Shah"),
        (Role::Member, "cllr.jones", "Cllr Jones"),
    ] {
        by_role.insert(role, store.account_add(name, display, role, PASSWORD, at).unwrap());
    }
    let other_author = store.account_add("omar", "Omar Farah", Role::Author, PASSWORD, at).unwrap();
    let meetings = store.meetings().unwrap();
    let find = |year: i32| meetings.iter().find(|m| m.date.format("%Y").to_string() == year.to_string()).unwrap().id;
    let (published, unpublished) = (find(2020), find(2019));
    // Today is after 001's publication on 20 November 2020.
    let clock: agendapack::api::Clock =
        Box::new(|| NaiveDate::from_ymd_opt(2020, 11, 25).unwrap().and_hms_opt(12, 0, 0).unwrap());
    let ctx = ApiContext::new(store).with_clock(clock);
    let mut w = World {
        ctx,
        _dir: dir,
        by_role,
        other_author,
        published,
        unpublished,
        own: 0,
        others: 0,
        own_confidential: 0,
        own_with_exempt_appendix: 0,
        exempt_appendix: 0,
        others_appendix: 0,
    };
    let first = report_items(&w, published);
    let second = report_items(&w, unpublished);
    assert!(first.len() >= 3 && !second.is_empty(), "the demo has three reports in 001 and one in 002");
    (w.own, w.others, w.own_confidential, w.own_with_exempt_appendix) = (first[0].0, first[1].0, first[2].0, second[0].0);
    // The officer gives the reports out (the team command), and restricts two papers.
    for (item, author) in [(w.own, "priya"), (w.others, "omar"), (w.own_confidential, "priya"), (w.own_with_exempt_appendix, "priya")] {
        ok(&w, Role::Officer, "report_owner_set", json!({"item_id": item, "account": author}));
    }
    // The demo's papers are published; the officer hands the author's back as a draft to work on.
    let mut draft = ok(&w, Role::Officer, "report_get", json!({"item_id": w.own}));
    draft["report"]["status"] = json!("draft");
    ok(&w, Role::Officer, "report_save", json!({"item_id": w.own, "report": draft["report"]}));
    let title = &first[2].1;
    ok(&w, Role::Officer, "item_update", json!({"id": w.own_confidential, "title": title, "access": {"kind": "confidential"}}));
    let mut secret = ok(&w, Role::Officer, "report_get", json!({"item_id": w.own_confidential}));
    secret["report"]["body"] = json!(format!("{SECRET}.\n\n{}", secret["report"]["body"].as_str().unwrap()));
    ok(&w, Role::Officer, "report_save", json!({"item_id": w.own_confidential, "report": secret["report"]}));
    let added = ok(
        &w,
        Role::Officer,
        "appendix_add",
        json!({"item_id": w.own_with_exempt_appendix, "title": "Tender prices", "access": {"kind": "exempt", "paragraphs": [3]}, "text": SECRET}),
    );
    w.exempt_appendix = added["appendices"].as_array().unwrap().last().unwrap()["id"].as_i64().unwrap();
    let others = ok(&w, Role::Officer, "report_get", json!({"item_id": w.others}));
    w.others_appendix = others["appendices"][0]["id"].as_i64().expect("the other author's report has an appendix");
    // The member sits on 001's committee.
    let committee = ok(&w, Role::Officer, "meeting_get", json!({"id": published}))["committee_id"].as_i64().unwrap();
    w.ctx.store().unwrap().account_committees_set(w.by_role[&Role::Member].id, &[committee]).unwrap();
    w
}

#[test]
fn every_command_as_every_role_and_without_a_session() {
    let w = world();
    let table = expected();
    for command in COMMANDS.iter().chain(TEAM_COMMANDS) {
        let marks = table.get(command).unwrap_or_else(|| panic!("{command} is missing from the expected table"));
        let err = call(&w, None, command, &json!({})).unwrap_err();
        assert_eq!(err.code, ErrorCode::SignInRequired, "{command} without a session asks to sign in: {err:?}");
        assert_eq!(err.code.http_status(), 401, "which is HTTP 401");
        for (role, mark) in ROLES.iter().zip(marks) {
            // An empty request: enough to tell allowed from refused, and changes nothing (every
            // command that writes needs fields an empty request lacks).
            let result = call(&w, Some(&w.by_role[role]), command, &json!({}));
            match mark {
                'Y' | 'C' => {
                    if let Err(e) = &result {
                        assert!(
                            !matches!(e.code, ErrorCode::Forbidden | ErrorCode::SignInRequired),
                            "{command} is allowed for {role}: {e:?}"
                        );
                    }
                }
                // Conditional grants refuse a request that does not show the condition.
                'N' | 'O' | 'P' | 'A' => {
                    let e = result.expect_err(&format!("{command} is refused for {role} without a paper of theirs"));
                    assert_eq!((e.code, e.code.http_status()), (ErrorCode::Forbidden, 403), "{command} as {role}: {e:?}");
                }
                other => panic!("unknown mark {other} for {command}"),
            }
        }
    }
    assert_eq!(table.len(), COMMANDS.len() + TEAM_COMMANDS.len(), "the expected table names no command that does not exist");
}

#[test]
fn an_author_reaches_their_own_open_reports_and_no_other_paper() {
    let w = world();
    let author = &w.by_role[&Role::Author];
    let mine = call(&w, Some(author), "report_get", &json!({"item_id": w.own})).expect("the author opens their own report");
    assert_eq!(mine["item_id"], w.own, "their report");
    for command in ["report_get", "deadlines_report", "report_status_history", "report_pictures"] {
        call(&w, Some(author), command, &json!({"item_id": w.own})).unwrap_or_else(|e| panic!("{command} of their own report: {e:?}"));
    }
    // Every command that names a report by its item, on every paper that is not theirs to see.
    let item_commands = [
        "report_get", "report_save", "appendix_add", "appendix_attach_pdf", "appendices_reorder", "docx_preview",
        "report_import_docx", "report_restore", "report_pictures", "report_picture_add", "appendix_import_docx",
        "deadlines_report", "report_status_history", "clearance_state", "clearance_submit", "markdown_check",
    ];
    for item in [w.others, w.own_confidential, w.own_with_exempt_appendix, 999_999] {
        for command in item_commands {
            forbidden(call(&w, Some(author), command, &json!({"item_id": item})), &format!("{command} of item {item} as the author"));
        }
    }
    for id in [w.exempt_appendix, w.others_appendix] {
        for command in ["appendix_update", "appendix_delete"] {
            forbidden(call(&w, Some(author), command, &json!({"id": id, "title": "x"})), &format!("{command} of appendix {id}"));
        }
    }
    // my_reports lists their open report only, with its deadlines.
    let listed = call(&w, Some(author), "my_reports", &json!({})).unwrap();
    let items: Vec<i64> = listed["reports"].as_array().unwrap().iter().map(|r| r["item_id"].as_i64().unwrap()).collect();
    assert_eq!(items, vec![w.own], "their open report, not another's nor a restricted one: {listed}");
    assert!(!listed.to_string().contains(SECRET), "no restricted text in the list");
    assert!(listed["reports"][0]["deadlines"].as_array().is_some_and(|d| !d.is_empty()), "with its deadlines: {listed}");
    let other = call(&w, Some(&w.other_author), "my_reports", &json!({})).unwrap();
    assert_eq!(other["reports"].as_array().unwrap().len(), 1, "the other author has their one report: {other}");
}

#[test]
fn an_author_saves_and_submits_but_does_not_clear_and_adds_only_public_appendices() {
    let w = world();
    let author = &w.by_role[&Role::Author];
    let mut detail = call(&w, Some(author), "report_get", &json!({"item_id": w.own})).unwrap();
    detail["report"]["status"] = json!("submitted");
    detail["report"]["summary"] = json!("Summary by the author.");
    call(&w, Some(author), "report_save", &json!({"item_id": w.own, "report": detail["report"]})).expect("submitting is the author's");
    detail["report"]["status"] = json!("cleared");
    forbidden(call(&w, Some(author), "report_save", &json!({"item_id": w.own, "report": detail["report"]})), "clearing is the officers'");
    let exempt = json!({"item_id": w.own, "title": "Prices", "access": {"kind": "exempt", "paragraphs": [3]}, "text": "x"});
    forbidden(call(&w, Some(author), "appendix_add", &exempt), "an author cannot add a restricted appendix");
    let public = json!({"item_id": w.own, "title": "Map", "text": "A map."});
    let added = call(&w, Some(author), "appendix_add", &public).expect("a public appendix is fine");
    let id = added["appendices"].as_array().unwrap().last().unwrap()["id"].as_i64().unwrap();
    let restrict = json!({"id": id, "title": "Map", "access": {"kind": "confidential"}});
    forbidden(call(&w, Some(author), "appendix_update", &restrict), "nor make one restricted");
    // The audit trail names the author, by their full name.
    let trail = ok(&w, Role::Officer, "audit_list", json!({"meeting_id": w.published}));
    let users: Vec<&str> = trail["entries"].as_array().unwrap().iter().map(|e| e["user"].as_str().unwrap()).collect();
    assert!(users.contains(&"Priya Shah"), "the author's changes carry her name: {users:?}");
    assert!(users.contains(&"Olu Officer"), "and the officer's his: {users:?}");
    // Once cleared by an officer, the report is no longer the author's to change.
    let mut cleared = ok(&w, Role::Officer, "report_get", json!({"item_id": w.own}));
    cleared["report"]["status"] = json!("cleared");
    ok(&w, Role::Officer, "report_save", json!({"item_id": w.own, "report": cleared["report"]}));
    cleared["report"]["status"] = json!("submitted");
    forbidden(call(&w, Some(author), "report_save", &json!({"item_id": w.own, "report": cleared["report"]})), "a cleared report");
    call(&w, Some(author), "report_get", &json!({"item_id": w.own})).expect("though they still read it");
}

#[test]
fn an_approver_with_the_author_or_member_role_reads_the_report_they_sign_off_and_no_restricted_paper() {
    let w = world();
    let (priya, omar, member) = (&w.by_role[&Role::Author], &w.other_author, &w.by_role[&Role::Member]);
    let committee = ok(&w, Role::Officer, "meeting_get", json!({"id": w.published}))["committee_id"].as_i64().unwrap();
    let route = json!({"committee_id": committee, "steps": [
        {"name": "Finance", "approvers": [{"account": "omar"}], "implications_heading": "Financial implications"},
        {"name": "Cabinet member", "approvers": [{"account": "clerk", "delegate": "cllr.jones"}]}
    ]});
    ok(&w, Role::Officer, "clearance_route_save", route);
    // Before the report is submitted, being on the route shows nothing.
    for actor in [omar, member] {
        forbidden(call(&w, Some(actor), "report_get", &json!({"item_id": w.own})), "a report not yet submitted");
    }
    call(&w, Some(priya), "clearance_submit", &json!({"item_id": w.own})).expect("the author submits");
    for command in ["report_get", "report_pictures", "clearance_state", "deadlines_report", "report_status_history"] {
        for actor in [omar, member] {
            call(&w, Some(actor), command, &json!({"item_id": w.own})).unwrap_or_else(|e| panic!("{command} by an approver on the route: {e:?}"));
        }
    }
    forbidden(call(&w, Some(omar), "report_save", &json!({"item_id": w.own, "report": {"status": "draft"}})), "an approver reads, never writes");
    forbidden(call(&w, Some(omar), "appendix_add", &json!({"item_id": w.own, "title": "Map", "text": "x"})), "nor adds to it");
    call(&w, Some(omar), "clearance_approve", &json!({"item_id": w.own, "comment": "Fine."})).expect("the finance approver approves");
    let state = call(&w, Some(member), "clearance_approve", &json!({"item_id": w.own})).expect("the delegate approves");
    assert_eq!(state["status"], "cleared");
    // A restricted paper submitted into the same route stays out of the approvers' reach.
    ok(&w, Role::Officer, "clearance_submit", json!({"item_id": w.own_confidential}));
    for actor in [omar, member] {
        for command in ["report_get", "report_pictures", "clearance_state", "deadlines_report"] {
            forbidden(call(&w, Some(actor), command, &json!({"item_id": w.own_confidential})), &format!("{command} of a confidential report"));
        }
    }
    // Another committee's report is not theirs to read.
    forbidden(call(&w, Some(omar), "report_get", &json!({"item_id": w.own_with_exempt_appendix})), "a report off their route");
}

/// Waits for a pack job to finish (every job ends, done or failed) and returns its PDF.
fn pack_pdf(w: &World, role: Role, job: i64) -> Vec<u8> {
    loop {
        let state = ok(w, role, "pack_job", json!({"job_id": job}));
        match state["state"].as_str().unwrap() {
            "running" => std::thread::sleep(std::time::Duration::from_millis(50)),
            "done" => break,
            other => panic!("the pack job ended {other}: {state}"),
        }
    }
    let pdf = ok(w, role, "pack_pdf", json!({"job_id": job}));
    base64::engine::general_purpose::STANDARD.decode(pdf["base64"].as_str().unwrap()).unwrap()
}

fn pdf_text(dir: &Path, pdf: &[u8]) -> String {
    let path = dir.join("pack.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler) runs");
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn authors_and_members_get_published_public_packs_only() {
    let w = world();
    let (author, member) = (&w.by_role[&Role::Author], &w.by_role[&Role::Member]);
    let full = ok(&w, Role::Officer, "pack_build", json!({"meeting_id": w.published, "edition": "full"}))["job_id"].as_i64().unwrap();
    let full_pdf = pack_pdf(&w, Role::Officer, full);
    assert!(pdf_text(w._dir.path(), &full_pdf).contains(SECRET), "the full pack has the confidential report (the test can see it)");
    for actor in [author, member] {
        for command in ["pack_job", "pack_pdf"] {
            forbidden(call(&w, Some(actor), command, &json!({"job_id": full})), "another person's full pack, by its job number");
        }
        forbidden(call(&w, Some(actor), "pack_build", &json!({"meeting_id": w.published, "edition": "full"})), "a full pack");
        let draft = json!({"meeting_id": w.published, "edition": "public", "draft": true});
        forbidden(call(&w, Some(actor), "pack_build", &draft), "a draft");
        let unpublished = json!({"meeting_id": w.unpublished, "edition": "public"});
        forbidden(call(&w, Some(actor), "pack_build", &unpublished), "an unpublished meeting's pack");
    }
    let public = call(&w, Some(author), "pack_build", &json!({"meeting_id": w.published, "edition": "public"})).expect("the public pack");
    let pdf = pack_pdf(&w, Role::Author, public["job_id"].as_i64().unwrap());
    let text = pdf_text(w._dir.path(), &pdf);
    assert!(text.len() > 1_000 && !text.contains(SECRET), "the public pack leaves the confidential report out");
    pack_pdf(&w, Role::Member, public["job_id"].as_i64().unwrap());

    // The member sees their committee's meetings only; once 002 is published, the author may
    // have its public pack, the member (not on its committee) may not.
    let listed = call(&w, Some(member), "meetings_list", &json!({})).unwrap();
    let ids: Vec<i64> = listed.as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![w.published], "the member's committee's meeting only: {listed}");
    let all = call(&w, Some(author), "meetings_list", &json!({})).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2, "an author sees the meeting calendar");
    let mut detail = ok(&w, Role::Officer, "meeting_get", json!({"id": w.unpublished}));
    let m = &mut detail["meeting"];
    m["published_on"] = json!("2020-11-01");
    let update = json!({"id": w.unpublished, "starts_at": m["starts_at"], "ends_at": m["ends_at"], "venue": m["venue"],
        "status": m["status"], "contact_officer": m["contact_officer"], "published_on": m["published_on"],
        "notices": if m["notices"].is_null() { json!([]) } else { m["notices"].clone() },
        "supplement_reason": detail["supplement_reason"].as_str().unwrap_or("")});
    ok(&w, Role::Officer, "meeting_update", update);
    let second = json!({"meeting_id": w.unpublished, "edition": "public"});
    forbidden(call(&w, Some(member), "pack_build", &second), "another committee's pack");
    let job = call(&w, Some(author), "pack_build", &second).expect("published now")["job_id"].as_i64().unwrap();
    let text = pdf_text(w._dir.path(), &pack_pdf(&w, Role::Author, job));
    assert!(!text.contains(SECRET), "the exempt appendix is not in 002's public pack");
    forbidden(call(&w, Some(member), "pack_pdf", &json!({"job_id": job})), "nor its PDF by job number");
}

#[test]
fn a_disabled_account_is_asked_to_sign_in_again() {
    let w = world();
    let clerk = w.by_role[&Role::Clerk].clone();
    call(&w, Some(&clerk), "meetings_list", &json!({})).expect("the clerk lists meetings");
    w.ctx.store().unwrap().account_disable(&clerk.name).unwrap();
    let err = call(&w, Some(&clerk), "meetings_list", &json!({})).unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired, "a session of a disabled account is over: {err:?}");
    // The role is read afresh too: an account whose session says officer is held to its stored role.
    let mut pretend = w.by_role[&Role::Author].clone();
    pretend.role = Role::Officer;
    forbidden(call(&w, Some(&pretend), "meeting_create", &json!({})), "the stored role counts, not the session's copy");
}

#[test]
fn the_administrator_manages_accounts_and_a_demoted_officer_loses_rights_at_once() {
    let w = world();
    let officer = w.by_role[&Role::Officer].clone();
    ok(&w, Role::Officer, "meeting_get", json!({"id": w.published}));
    let added = ok(&w, Role::Administrator, "account_add", json!({"name": "nia", "display": "Nia Jones", "role": "member", "password": PASSWORD, "job_title": "Councillor"}));
    assert_eq!((added["role"].as_str(), added["job_title"].as_str()), (Some("member"), Some("Councillor")), "{added}");
    let committee = ok(&w, Role::Officer, "meeting_get", json!({"id": w.published}))["committee_id"].as_i64().unwrap();
    let seated = ok(&w, Role::Administrator, "account_committees_set", json!({"name": "nia", "committee_ids": [committee]}));
    assert_eq!(seated["committees"], json!([committee]), "a member's committees: {seated}");
    let refused = call(&w, Some(&w.by_role[&Role::Administrator]), "account_committees_set", &json!({"name": "officer", "committee_ids": [committee]}));
    assert_eq!(refused.unwrap_err().field.as_deref(), Some("committee_ids"), "only members sit on committees");
    // The officer's own session object still says officer; the stored role is what counts.
    ok(&w, Role::Administrator, "account_role_set", json!({"name": "officer", "role": "clerk"}));
    forbidden(call(&w, Some(&officer), "meeting_create", &json!({})), "demoted to clerk, at once");
    let listed = ok(&w, Role::Administrator, "accounts_list", json!({}));
    let names: Vec<&str> = listed.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"nia") && names.contains(&"admin"), "every account is listed: {names:?}");
    assert!(!listed.to_string().contains("argon2"), "never a password hash");
    let history = ok(&w, Role::Administrator, "account_history", json!({"name": "officer"}));
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["user"].as_str(), last["summary"].as_str()), (Some("Ada Admin"), Some("role officer to clerk")), "the trail names the administrator: {history}");
    let owner = ok(&w, Role::Administrator, "report_owner_get", json!({"item_id": w.own}));
    assert_eq!(owner["account"]["name"], "priya", "the item editor reads who authors the report: {owner}");
}
