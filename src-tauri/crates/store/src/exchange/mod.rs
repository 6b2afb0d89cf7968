//! The JSON interchange document: one meeting with everything its pack needs, as
//! `{"format": "agendapack-meeting", "version": 1, ...the MeetingBundle fields}`
//! (documented in docs/format.md, schema in docs/meeting.schema.json).
//!
//! Reading turns every serde error into one sentence that names the field path and the line and
//! column. Deliberately not here: the checks that need the whole bundle (the model's `validate`
//! and [`crate::checks`], run by the store on import) and any database access.

use agendapack_model::{
    Committee, Council, AgendaItem, Meeting, MeetingBundle, Minutes, PreviousMeeting, WorkProgrammeEntry,
    WorkProgrammeHeading,
};
use serde::{Deserialize, Serialize};

mod locate;

use locate::Step;

/// The value of the document's `format` field.
pub const FORMAT: &str = "agendapack-meeting";
/// The version of the format this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The text is not a well-formed document of this format.
    #[error("{}{message} (line {line}, column {column})", path_prefix(.path))]
    Parse { path: String, message: String, line: usize, column: usize },
    #[error("this is not an AgendaPack meeting document (its \"format\" is {found:?}, expected \"{FORMAT}\")")]
    WrongFormat { found: String },
    #[error("this document is version {found} of the AgendaPack meeting format; this version of AgendaPack reads version {VERSION}")]
    WrongVersion { found: u32 },
    #[error("the file is empty, not an AgendaPack meeting document")]
    Empty,
    #[error("cannot write the document: {0}")]
    Write(serde_json::Error),
}

fn path_prefix(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!("{path}: ")
    }
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: &'static str,
    version: u32,
    // Flattening is fine for writing; reading needs the explicit fields of `DocumentIn`.
    #[serde(flatten)]
    bundle: &'a MeetingBundle,
}

/// The document as read. The bundle's fields are repeated here (with the same defaults as
/// [`MeetingBundle`]) because serde cannot combine `flatten` with `deny_unknown_fields`; the
/// conversion below names every field, so a field added to the bundle fails to compile here
/// until it is added too.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    format: String,
    version: u32,
    council: Council,
    committee: Committee,
    meeting: Meeting,
    items: Vec<AgendaItem>,
    #[serde(default)]
    previous: Option<PreviousMeeting>,
    #[serde(default)]
    minutes: Option<Minutes>,
    #[serde(default)]
    work_programme: Vec<WorkProgrammeEntry>,
    #[serde(default)]
    work_programme_heading: Option<WorkProgrammeHeading>,
    #[serde(default)]
    supplement_reason: String,
}

/// The document for `bundle`, pretty-printed, ending with a newline.
pub fn to_json(bundle: &MeetingBundle) -> Result<String, ExchangeError> {
    let mut text = serde_json::to_string_pretty(&DocumentOut { format: FORMAT, version: VERSION, bundle })
        .map_err(ExchangeError::Write)?;
    text.push('\n');
    Ok(text)
}

/// Reads a document. Only its shape is checked here; the store validates the content on import.
pub fn from_json(text: &str) -> Result<MeetingBundle, ExchangeError> {
    if text.trim().is_empty() {
        return Err(ExchangeError::Empty);
    }
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let doc: DocumentIn = serde_path_to_error::deserialize(deserializer).map_err(|e| parse_error(text, e))?;
    if doc.format != FORMAT {
        return Err(ExchangeError::WrongFormat { found: doc.format.chars().take(QUOTED_CHARS).collect() });
    }
    if doc.version != VERSION {
        return Err(ExchangeError::WrongVersion { found: doc.version });
    }
    let DocumentIn {
        format: _,
        version: _,
        council,
        committee,
        meeting,
        items,
        previous,
        minutes,
        work_programme,
        work_programme_heading,
        supplement_reason,
    } = doc;
    Ok(MeetingBundle {
        council,
        committee,
        meeting,
        items,
        previous,
        minutes,
        work_programme,
        work_programme_heading,
        supplement_reason,
    })
}

fn parse_error(text: &str, e: serde_path_to_error::Error<serde_json::Error>) -> ExchangeError {
    let mut steps: Vec<Step> = e
        .path()
        .iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Step::Key(key.clone())),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => None,
        })
        .collect();
    let inner = e.into_inner();
    let (mut line, mut column) = (inner.line(), inner.column());
    let full = inner.to_string();
    // serde_json appends " at line L column C"; we print the position our own way.
    let suffix = format!(" at line {line} column {column}");
    let mut message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    if message.contains("is not a paragraph of Part 1 of Schedule 12A") {
        // Raised inside a tagged `access` object, which serde reports as a whole: point at the
        // paragraph itself.
        if let Some(index) = bad_paragraph_index(text, &steps) {
            steps.extend([Step::Key("paragraphs".into()), Step::Index(index)]);
            if let Some((l, c)) = locate::line_column(text, &steps) {
                (line, column) = (l, c);
            }
        }
    } else if message == "input is out of range" || message == "no possible date and time matching input" {
        let value = string_ending_at(text, line, column).unwrap_or_default();
        message = format!("{value:?} is not a real date or time");
    } else if ["premature end of input", "input contains invalid characters", "trailing input", "input is not enough"]
        .iter()
        .any(|start| message.starts_with(start))
    {
        let value = string_ending_at(text, line, column).unwrap_or_default();
        message = format!("{value:?} is not a date or time in the ISO form (e.g. 2020-12-02 or 2020-12-02T19:00:00)");
    }
    ExchangeError::Parse { path: path_text(&steps), message: shorten_quoted(&plain_struct_names(&message)), line, column }
}

/// The most characters of a value a message quotes (house style): a 1 MB unknown enum value
/// printed 10.5 MB of stderr for one failed import (issue 14).
const QUOTED_CHARS: usize = 40;

/// `message` with every value quoted in backticks or double quotes (serde's "unknown variant
/// `...`", our `"..."`) cut to [`QUOTED_CHARS`] characters and an ellipsis; a quote left open
/// is cut the same way. Whatever is outside the quotes is kept.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '`' && c != '"' {
            continue;
        }
        let (mut quoted, mut closed) = (0usize, false);
        while let Some(inner) = chars.next() {
            if inner == c {
                closed = true;
                break;
            }
            // In a Debug-quoted string an escaped character (\" or \\) belongs to the value.
            let escaped = (inner == '\\' && c == '"').then(|| chars.next()).flatten();
            quoted += 1;
            if quoted <= QUOTED_CHARS {
                out.push(inner);
                out.extend(escaped);
            }
        }
        if quoted > QUOTED_CHARS {
            out.push('…');
        }
        if closed {
            out.push(c);
        }
    }
    out
}

/// serde names the Rust type it expected ("expected struct DocumentIn with 11 elements"),
/// which means nothing to the person fixing the file: say "a JSON object" instead.
fn plain_struct_names(message: &str) -> String {
    let Some(start) = message.find("expected struct ") else {
        return message.to_string();
    };
    let rest = &message[start + "expected struct ".len()..];
    let name_end = rest.find(|c: char| !c.is_alphanumeric() && c != '_').unwrap_or(rest.len());
    let mut tail = &rest[name_end..];
    if let Some(after) = tail.strip_prefix(" with ") {
        tail = after.find(" elements").map_or(tail, |i| &after[i + " elements".len()..]);
    }
    format!("{}expected a JSON object{tail}", &message[..start])
}

fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        // An unknown key is the file's own text: quoted short like any value.
        let short;
        let step = match step {
            Step::Key(key) if key.chars().count() > QUOTED_CHARS => {
                short = Step::Key(key.chars().take(QUOTED_CHARS).chain(['…']).collect());
                &short
            }
            other => other,
        };
        match step {
            Step::Key(key) if out.is_empty() => out.push_str(key),
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// The position, in the `paragraphs` of the access object at `steps`, of the first number that
/// is not a Schedule 12A paragraph.
fn bad_paragraph_index(text: &str, steps: &[Step]) -> Option<usize> {
    let root: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut value = &root;
    for step in steps {
        value = match step {
            Step::Key(key) => value.get(key)?,
            Step::Index(index) => value.get(*index)?,
        };
    }
    value.get("paragraphs")?.as_array()?.iter().position(|p| {
        p.as_u64().and_then(|n| u8::try_from(n).ok()).and_then(agendapack_model::ExemptParagraph::new).is_none()
    })
}

/// The JSON string literal that ends at (1-based) `line`, `column`, where serde_json reports
/// an error in a string's value: used to quote the offending date.
fn string_ending_at(text: &str, line: usize, column: usize) -> Option<String> {
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let upto: String = line_text.chars().take(column).collect();
    let end = upto.rfind('"')?;
    let start = upto[..end].rfind('"')?;
    Some(upto[start + 1..end].to_string())
}
