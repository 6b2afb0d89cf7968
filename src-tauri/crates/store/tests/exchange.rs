//! The JSON interchange document: exact round trip, one clear sentence per bad input, and
//! agreement with the published JSON Schema (docs/meeting.schema.json).

mod common;

use agendapack_store::exchange::{from_json, to_json};
use agendapack_store::Store;
use serde_json::Value;

fn rich_json() -> String {
    to_json(&common::rich_bundle()).unwrap()
}

/// `check(edit, expected)`: the rich document, changed by `edit` (a text replacement that must
/// apply), is refused by the parser with a message containing each of `expected`.
fn check(from: &str, to: &str, expected: &[&str]) {
    let text = rich_json();
    assert!(text.contains(from), "the edit {from:?} must apply to the rich document");
    let text = text.replacen(from, to, 1);
    let err = match from_json(&text) {
        Ok(_) => panic!("the document with {to:?} must be refused"),
        Err(e) => e.to_string(),
    };
    for part in expected {
        assert!(err.contains(part), "message {err:?} should contain {part:?}");
    }
    assert!(!err.contains('\n'), "the message is one line: {err:?}");
}

#[test]
fn the_document_round_trips_exactly() {
    let bundle = common::rich_bundle();
    let text = to_json(&bundle).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"agendapack-meeting\",\n  \"version\": 1,"), "format and version come first: {}", &text[..80]);
    assert_eq!(from_json(&text).unwrap(), bundle, "reading the written document gives the same bundle");
    assert_eq!(to_json(&from_json(&text).unwrap()).unwrap(), text, "writing it again gives the same bytes");
}

#[test]
fn bad_json_names_the_position() {
    check("\"council\": {", "\"council\": {,", &["line 4, column"]);
}

#[test]
fn unknown_fields_are_refused() {
    check("\"nation\": \"england\",", "\"nation\": \"england\", \"colour\": \"red\",", &["council", "unknown field `colour`", "line 6"]);
}

#[test]
fn missing_fields_are_named() {
    check("\"report_of\": \"Report of the Director of My Place\",", "", &["items[2].report", "missing field `report_of`"]);
}

#[test]
fn impossible_dates_are_refused() {
    check("\"published_on\": \"2020-11-24\"", "\"published_on\": \"2021-02-30\"", &["meeting.published_on", "\"2021-02-30\" is not a real date"]);
    check("\"starts_at\": \"2020-12-02T19:00:00\"", "\"starts_at\": \"2020-12-02 19:00\"", &["meeting.starts_at", "ISO form"]);
}

#[test]
fn paragraph_nine_is_refused() {
    check(
        "\"paragraphs\": [\n          12,",
        "\"paragraphs\": [\n          9,",
        &["items[3].access.paragraphs[0]: 9 is not a paragraph of Part 1 of Schedule 12A (England 1-7, Wales 12-18) (line"],
    );
}

#[test]
fn other_formats_and_versions_are_refused() {
    check("\"format\": \"agendapack-meeting\"", "\"format\": \"something-else\"", &["not an AgendaPack meeting document"]);
    check("\"version\": 1,", "\"version\": 2,", &["version 2", "reads version 1"]);
}

#[test]
fn pdf_appendices_are_checked_on_import() {
    let mut store = Store::open_in_memory().unwrap();
    let text = rich_json();
    // Not a PDF: base64 of "hello" with a matching hash, so only the signature is wrong.
    let good = common::pdf_appendix("x", common::PDF, Default::default());
    let (agendapack_model::AppendixContent::Pdf { sha256, bytes, .. }, hello) =
        (good.content, common::pdf_appendix("x", b"hello", Default::default()).content)
    else {
        unreachable!("pdf_appendix makes PDF appendices")
    };
    let agendapack_model::AppendixContent::Pdf { sha256: hello_sha, .. } = hello else { unreachable!("as above") };
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let not_pdf = text
        .replacen(&b64, &base64::engine::general_purpose::STANDARD.encode(b"hello"), 1)
        .replacen(&sha256, &hello_sha, 1);
    let err = store.import_bundle(&from_json(&not_pdf).unwrap()).unwrap_err().to_string();
    assert!(err.contains("items[2].report.appendices[1].content.bytes: the attached file is not a PDF"), "{err}");
    let wrong_hash = text.replacen(&sha256, &"ab".repeat(32), 1);
    let err = store.import_bundle(&from_json(&wrong_hash).unwrap()).unwrap_err().to_string();
    assert!(err.contains("items[2].report.appendices[1].content.sha256: does not match the attached bytes"), "{err}");
    assert!(store.meetings().unwrap().is_empty(), "nothing was stored");
}

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../docs/meeting.schema.json");
    let text = std::fs::read_to_string(path).expect("docs/meeting.schema.json exists");
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn assert_valid(validator: &jsonschema::Validator, text: &str, what: &str) {
    let value: Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{what} must satisfy docs/meeting.schema.json: {errors:#?}");
}

#[test]
fn exported_documents_satisfy_the_schema() {
    let validator = jsonschema::draft202012::new(&schema()).expect("the schema compiles");
    assert_valid(&validator, &rich_json(), "the rich test meeting");
    assert_valid(&validator, &to_json(&common::small_bundle("Cabinet", 2020, 1, 1)).unwrap(), "a small meeting");
    for (i, bundle) in agendapack_demo::bundles().iter().enumerate() {
        assert_valid(&validator, &to_json(bundle).unwrap(), &format!("demo meeting {i}"));
    }
}

#[test]
fn the_schema_refuses_what_the_parser_refuses() {
    let validator = jsonschema::draft202012::new(&schema()).expect("the schema compiles");
    for (from, to) in [
        ("\"nation\": \"england\",", "\"nation\": \"england\", \"colour\": \"red\","),
        ("\"paragraphs\": [\n          12,", "\"paragraphs\": [\n          9,"),
        ("\"published_on\": \"2020-11-24\"", "\"published_on\": \"24/11/2020\""),
        ("\"kind\": \"virtual\"", "\"kind\": \"online\""),
    ] {
        let value: Value = serde_json::from_str(&rich_json().replacen(from, to, 1)).unwrap();
        assert!(!validator.is_valid(&value), "the schema must refuse {to:?} as the parser does");
    }
}

#[test]
fn the_minimal_example_in_format_md_is_valid() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../docs/format.md");
    let text = std::fs::read_to_string(path).expect("docs/format.md exists");
    let start = text.find("```json\n").expect("format.md has a JSON example") + "```json\n".len();
    let end = start + text[start..].find("```").expect("the example is closed");
    let bundle = from_json(&text[start..end]).unwrap_or_else(|e| panic!("the documented example must read: {e}"));
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import_bundle(&bundle).unwrap_or_else(|e| panic!("the documented example must import: {e}"));
    assert_eq!(store.load_bundle(id).unwrap(), bundle, "the documented example round-trips");
}

/// Issue 14: a 1 MB unknown enum value was echoed whole (10.5 MB of stderr for one import).
/// Every kind of bad value is quoted by its first 40 characters at most.
#[test]
fn a_long_bad_value_is_quoted_short() {
    let long = "x".repeat(1_000_000);
    let cases = [
        ("\"nation\": \"england\"", format!("\"nation\": \"{long}\""), "unknown variant `xxxxxxxx"),
        ("\"nation\": \"england\",", format!("\"nation\": \"england\", \"{long}\": 1,"), "unknown field `xxxxxxxx"),
        ("\"published_on\": \"2020-11-24\"", format!("\"published_on\": \"2020-11-24{long}\""), "ISO form"),
        ("\"format\": \"agendapack-meeting\"", format!("\"format\": \"{long}\""), "not an AgendaPack meeting document"),
        ("\"version\": 1", format!("\"version\": \"{long}\""), "invalid type: string \"xxxx"),
    ];
    for (from, to, expected) in cases {
        let text = rich_json();
        assert!(text.contains(from), "the edit {from:?} must apply");
        let err = from_json(&text.replacen(from, &to, 1)).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains(expected), "the message still says what is wrong ({expected:?}): {}", &err[..err.len().min(300)]);
        assert!(err.len() < 400, "the value is quoted short, not whole: {} bytes: {}", err.len(), &err[..err.len().min(300)]);
    }
}

#[test]
fn messages_speak_of_json_not_rust() {
    for (text, expected) in [
        ("[]", "invalid length 0, expected a JSON object (line 1, column 2)"),
        ("  \n", "the file is empty, not an AgendaPack meeting document"),
        ("{\"format\": \"agendapack-meeting\", \"version\": 1, \"council\": 3}", "council: invalid type: integer `3`, expected a JSON object (line 1, column 59)"),
    ] {
        let err = from_json(text).map(|_| ()).unwrap_err().to_string();
        assert_eq!(err, expected, "the message for {text:?} names no Rust type");
    }
}
