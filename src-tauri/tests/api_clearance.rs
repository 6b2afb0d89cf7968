//! Clearance through the team server's door (`authz::dispatch_as`, issue 19): the author
//! submits their own report (another author may not); only the waiting step's approver acts,
//! as themselves; an author cannot sign for someone else; an officer can, and the history
//! says so; an approver's "waiting for me" lists the step.

use agendapack::api::authz::dispatch_as;
use agendapack::api::{ApiContext, ApiError, ErrorCode};
use agendapack_model::account::{Account, Role};
use agendapack_store::Store;
use chrono::NaiveDate;
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

fn call(ctx: &ApiContext, who: &Account, command: &str, body: Value) -> Result<Value, ApiError> {
    dispatch_as(ctx, Some(who), command, &serde_json::to_vec(&body).unwrap()).expect("answered")
}

#[test]
fn the_route_runs_through_the_team_door() {
    let mut store = Store::open_in_memory().unwrap();
    let at = NaiveDate::from_ymd_opt(2020, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let meeting = store.import_bundle_at(&agendapack_demo::bundles().remove(0), at).unwrap();
    let detail = store.meeting_detail(meeting.0).unwrap();
    let item = detail.items.iter().find(|i| i.kind == agendapack_model::ItemKind::Report && !i.access.is_restricted()).unwrap().id;
    let mut fields = store.report_detail(item).unwrap().report;
    fields.status = agendapack_model::ReportStatus::Draft;
    store.report_save(item, &fields, at).unwrap();
    let add = |name: &str, display: &str, role: Role| store.account_add(name, display, role, PASSWORD, at).unwrap();
    let officer = add("olu", "Olu Officer", Role::Officer);
    let priya = add("priya", "Priya Shah", Role::Author);
    let omar = add("omar", "Omar Farah", Role::Author);
    let sandra = add("sandra", "Sandra Pillinger", Role::Author);
    let paul = add("paul", "Paul Feild", Role::Clerk);
    let clock: agendapack::api::Clock = Box::new(|| NaiveDate::from_ymd_opt(2020, 11, 10).unwrap().and_hms_opt(12, 0, 0).unwrap());
    let ctx = ApiContext::new(store).with_clock(clock);

    let route = json!({"committee_id": detail.committee_id, "steps": [
        {"name": "Finance", "approvers": [{"account": "sandra"}], "due_working_days": 14, "implications_heading": "Financial implications"},
        {"name": "Legal", "approvers": [{"account": "paul"}]}
    ]});
    assert_eq!(call(&ctx, &priya, "clearance_route_save", route.clone()).unwrap_err().code, ErrorCode::Forbidden, "authors do not edit routes");
    call(&ctx, &officer, "clearance_route_save", route).unwrap();
    call(&ctx, &officer, "report_owner_set", json!({"item_id": item, "account": "priya"})).unwrap();

    let err = call(&ctx, &omar, "clearance_submit", json!({"item_id": item})).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden, "another author's report: {err:?}");
    let state = call(&ctx, &priya, "clearance_submit", json!({"item_id": item})).unwrap();
    assert_eq!(state["status"], "in-clearance");

    let err = call(&ctx, &omar, "clearance_approve", json!({"item_id": item})).unwrap_err();
    assert!(err.message.contains("not an approver"), "{err:?}");
    let err = call(&ctx, &priya, "clearance_approve", json!({"item_id": item, "as": "sandra"})).unwrap_err();
    assert!(err.message.to_lowercase().contains("only an officer"), "an author cannot sign for someone: {err:?}");
    let waiting = call(&ctx, &sandra, "clearance_waiting", json!({})).unwrap();
    assert_eq!(waiting["steps"][0]["step"], "Finance");
    call(&ctx, &sandra, "clearance_approve", json!({"item_id": item, "comment": "Checked."})).unwrap();
    let cleared = call(&ctx, &officer, "clearance_approve", json!({"item_id": item, "as": "paul"})).unwrap();
    assert_eq!(cleared["status"], "cleared");
    let last = cleared["history"].as_array().unwrap().last().unwrap()["text"].as_str().unwrap().to_string();
    assert_eq!(last, "Paul Feild approved the Legal step (recorded by Olu Officer on behalf of Paul Feild)");
    let _ = paul;
    let seen = call(&ctx, &priya, "clearance_state", json!({"item_id": item})).unwrap();
    assert_eq!(seen["history"][1]["comment"], "Checked.", "the author sees what was said");
}

#[test]
fn an_accounts_calendar_feed_is_issued_served_and_revoked() {
    let store = Store::open_in_memory().unwrap();
    let at = NaiveDate::from_ymd_opt(2020, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let priya = store.account_add("priya", "Priya Shah", Role::Author, PASSWORD, at).unwrap();
    let ctx = ApiContext::new(store);
    let issued = call(&ctx, &priya, "calendar_feed_issue", json!({})).unwrap();
    let path = issued["path"].as_str().unwrap().to_string();
    let file = path.strip_prefix("/calendar/").expect("the feed's path");
    let ics = agendapack::api::calendar_feed::calendar_feed(&ctx, file).unwrap().expect("the feed is served");
    assert!(ics.starts_with("BEGIN:VCALENDAR") && ics.contains("Priya Shah: AgendaPack deadlines"), "{ics}");
    assert_eq!(call(&ctx, &priya, "calendar_feed_revoke", json!({})).unwrap()["revoked"], true);
    assert!(agendapack::api::calendar_feed::calendar_feed(&ctx, file).unwrap().is_none(), "a revoked feed is 404");
    assert!(dispatch_as(&ctx, None, "calendar_feed_issue", b"{}").unwrap().is_err(), "no feed without signing in");
}
