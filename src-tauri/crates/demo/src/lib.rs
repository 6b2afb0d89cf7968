//! The demo council's data: seed 001's meeting (Overview and Scrutiny Committee, 2 December
//! 2020) and seed 002's supplementary agenda (4 September 2019), as [`MeetingBundle`]s.
//!
//! The data lives in `assets/demo/`: one JSON skeleton per meeting (the interchange form of
//! the bundle) whose long Markdown fields read `@include:<path>` and point at a Markdown file
//! beside it. Both are produced from the seeds by `tests/convert_seeds.py` and embedded here
//! with `include_str!` (see `embedded.rs`), so the binary needs no files at run time.
//!
//! Deliberately not here: any knowledge of the store or the pack; this crate only hands out
//! values. Where a seed does not say something the model requires (seed 002's meeting time,
//! venue and cover-sheet fields), the skeleton carries a marked assumption: see the comments
//! in `tests/convert_seeds.py`.

mod embedded;

use agendapack_model::{MeetingBundle, Tracker};
use serde_json::Value;

/// The marker that replaces a long text field in a skeleton by the contents of a file.
const INCLUDE: &str = "@include:";

/// What can be wrong with the embedded demo data.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo file {0} is not embedded in the binary")]
    MissingFile(String),
    #[error("the demo file {path} is not valid: {source}")]
    Invalid { path: String, source: serde_json::Error },
}

/// The skeletons, in the order [`bundles`] returns them.
const SKELETONS: [&str; 2] = ["001/bundle.json", "002/bundle.json"];

/// The demo meetings: seed 001's first, seed 002's second.
pub fn bundles() -> Vec<MeetingBundle> {
    // The data is compiled in and checked by this crate's tests, so a failure here is a
    // build defect, not bad input.
    try_bundles().expect("embedded demo data is valid (checked by agendapack-demo's tests)")
}

/// The demo meetings, reporting rather than panicking if the embedded data were broken.
pub fn try_bundles() -> Result<Vec<MeetingBundle>, DemoError> {
    let mut bundles: Vec<MeetingBundle> = SKELETONS.iter().map(|path| load(path)).collect::<Result<_, _>>()?;
    // A database holds one council, and importing a bundle sets it. Seed 002 was published by
    // another council (Havering); in the demo database it stands as a second meeting of the
    // demo council, so it carries seed 001's council rather than replacing it on import.
    if let [first, rest @ ..] = bundles.as_mut_slice() {
        for bundle in rest {
            bundle.council = first.council.clone();
        }
    }
    Ok(bundles)
}

/// The demo recommendation trackers: seed 000's peer-challenge implementation plan (2014, with
/// its "Progress as at November 2014" column) and seed 004's action plan (2018). Kept apart from
/// `embedded.rs`, which `tests/convert_seeds.py` regenerates; 000 is written by
/// `tests/convert_trackers.py`, 004 by hand (its cells are broken mid-word in the seed).
const TRACKERS: [(&str, &str); 2] = [
    ("trackers/000.json", include_str!("../../../../assets/demo/trackers/000.json")),
    ("trackers/004.json", include_str!("../../../../assets/demo/trackers/004.json")),
];

/// The demo trackers, seed 000's first.
pub fn trackers() -> Result<Vec<Tracker>, DemoError> {
    TRACKERS
        .iter()
        .map(|(path, text)| {
            serde_json::from_str(text).map_err(|source| DemoError::Invalid { path: path.to_string(), source })
        })
        .collect()
}

/// Seed 001's committee's local deadline rules (fitted to its printed work programme, with the
/// dates it moved by hand as overrides): the JSON the store's `RulesFile` reads.
pub fn deadline_rules() -> &'static str {
    include_str!("../../../../assets/demo/001/deadline-rules.json")
}

/// The embedded text of a demo file (path under `assets/demo`).
pub fn file(path: &str) -> Option<&'static str> {
    embedded::FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

fn load(path: &str) -> Result<MeetingBundle, DemoError> {
    let text = file(path).ok_or_else(|| DemoError::MissingFile(path.to_string()))?;
    let mut value: Value =
        serde_json::from_str(text).map_err(|source| DemoError::Invalid { path: path.to_string(), source })?;
    resolve_includes(&mut value)?;
    serde_json::from_value(value).map_err(|source| DemoError::Invalid { path: path.to_string(), source })
}

/// Replaces every string `@include:<path>` by the contents of that embedded file.
fn resolve_includes(value: &mut Value) -> Result<(), DemoError> {
    match value {
        Value::String(s) => {
            if let Some(path) = s.strip_prefix(INCLUDE) {
                let text = file(path).ok_or_else(|| DemoError::MissingFile(path.to_string()))?;
                *s = text.trim_end().to_string();
            }
        }
        Value::Array(items) => {
            for item in items {
                resolve_includes(item)?;
            }
        }
        Value::Object(map) => {
            for (_, item) in map.iter_mut() {
                resolve_includes(item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_include_is_resolved() {
        let bundles = try_bundles().map_err(|e| e.to_string());
        let json = serde_json::to_string(&bundles.as_ref().ok()).unwrap_or_default();
        assert!(bundles.is_ok(), "the embedded demo data must load: {bundles:?}");
        assert!(!json.contains(INCLUDE), "no @include: marker may survive loading");
    }

    #[test]
    fn an_unknown_include_is_an_error_not_a_panic() {
        let mut value = Value::String(format!("{INCLUDE}nowhere.md"));
        let result = resolve_includes(&mut value);
        assert!(matches!(result, Err(DemoError::MissingFile(p)) if p == "nowhere.md"), "a missing file must be reported by name");
    }
}
