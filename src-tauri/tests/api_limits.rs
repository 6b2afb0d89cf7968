//! The API's side of issue 14, point 4, called as the app calls it (`api::dispatch` with JSON):
//! an over-long committee name is refused with the field named, committees are retired and
//! (when they never met) deleted, and characters the fonts cannot print are warned about by
//! `text_check` and `markdown_check` at the place they occur.

use agendapack::api::{dispatch, ApiContext, ErrorCode};
use agendapack_store::Store;
use serde_json::{json, Value};

fn ctx() -> ApiContext {
    ApiContext::new(Store::open_in_memory().expect("an in-memory store"))
}

fn call(ctx: &ApiContext, command: &str, body: Value) -> Result<Value, agendapack::api::ApiError> {
    dispatch(ctx, command, body.to_string().as_bytes()).expect("the command exists")
}

#[test]
fn an_over_long_committee_name_is_refused_naming_the_field() {
    let ctx = ctx();
    let err = call(&ctx, "committee_save", json!({ "name": "x".repeat(2_000) })).expect_err("2,000 characters are too many");
    assert_eq!(err.code, ErrorCode::Invalid, "a problem with what was typed");
    assert_eq!(err.field.as_deref(), Some("name"), "the UI shows it beside the name field");
    assert!(err.message.contains("200 characters") && !err.message.contains("xxxx"), "names the limit, not the value: {}", err.message);
}

#[test]
fn committees_are_retired_and_deleted_through_the_api() {
    let ctx = ctx();
    let row = call(&ctx, "committee_save", json!({ "name": "Licensing Committee" })).expect("a committee saves");
    let id = row["id"].as_i64().expect("an id");
    let retired = call(&ctx, "committee_retire", json!({ "id": id, "retired": true })).expect("it can be retired");
    assert_eq!(retired["retired"], json!(true), "the row says so, for the pickers to leave it out");
    let left = call(&ctx, "committee_delete", json!({ "id": id })).expect("a committee that never met can be deleted");
    assert_eq!(left, json!([]), "the committees left are returned");
}

#[test]
fn characters_the_fonts_cannot_print_are_warned_about_in_the_editor() {
    let ctx = ctx();
    let warnings = call(&ctx, "text_check", json!({ "text": "Crab survey \u{1F980}" })).expect("text_check answers");
    let warnings = warnings.as_array().expect("a list of sentences");
    assert_eq!(warnings.len(), 1, "one warning per character: {warnings:?}");
    assert!(warnings[0].as_str().unwrap().contains("U+1F980"), "names the character: {warnings:?}");
    assert_eq!(call(&ctx, "text_check", json!({ "text": "Café – £5" })).expect("answers"), json!([]), "ordinary text prints");

    let diagnostics = call(&ctx, "markdown_check", json!({ "text": "Intro\n\nGood news \u{1F44D} and \u{1F44D}" })).expect("markdown_check answers");
    let found: Vec<&Value> = diagnostics.as_array().unwrap().iter().filter(|d| d["message"].as_str().unwrap().contains("U+1F44D")).collect();
    assert_eq!(found.len(), 1, "once per character: {diagnostics}");
    assert_eq!((found[0]["line"].clone(), found[0]["column"].clone()), (json!(3), json!(11)), "at its first place");
    assert_eq!(found[0]["severity"], json!("warning"), "a warning, not an error: the text still saves");
}
