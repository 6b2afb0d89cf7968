//! Checks the store adds to the model's own (`agendapack_model::validate`) before anything is
//! written: attached PDFs must be what they claim to be, and the work programme must be one the
//! store can give back unchanged.
//!
//! Deliberately shallow on PDFs: only the `%PDF-` signature and the hash are checked here; the
//! PDF crate parses the file when a pack is built.

use agendapack_model::validate::{check_bundle, Problem};
use agendapack_model::{AppendixContent, MeetingBundle};
use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of `bytes`, the form the interchange format carries.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every problem that stops `bundle` from being stored, in document order.
pub fn problems(bundle: &MeetingBundle) -> Vec<Problem> {
    let mut problems = check_bundle(bundle);
    // The minutes' own rules (unique numbers, names in votes, owners of actions ...), so an
    // import cannot store minutes the minute-taking screen would refuse.
    if let Some(previous) = &bundle.previous {
        problems.extend(agendapack_model::minutes::check_minutes(&previous.minutes, "previous.minutes"));
    }
    if let Some(own) = &bundle.minutes {
        problems.extend(agendapack_model::minutes::check_minutes(own, "minutes"));
    }
    for (i, item) in bundle.items.iter().enumerate() {
        let Some(report) = &item.report else { continue };
        problems.extend(crate::media::picture_problems(&report.pictures, &format!("items[{i}].report")));
        for (j, appendix) in report.appendices.iter().enumerate() {
            let AppendixContent::Pdf { sha256, bytes, .. } = &appendix.content else { continue };
            let at = format!("items[{i}].report.appendices[{j}].content");
            if !bytes.starts_with(b"%PDF-") {
                problems.push(Problem {
                    path: format!("{at}.bytes"),
                    message: "the attached file is not a PDF (it does not start with %PDF-)".into(),
                });
            }
            let actual = sha256_hex(bytes);
            // A malformed hash is already reported by the model's checks.
            if sha256.len() == 64 && *sha256 != actual {
                problems.push(Problem {
                    path: format!("{at}.sha256"),
                    message: format!("does not match the attached bytes, whose SHA-256 is {actual}"),
                });
            }
        }
    }
    let date = bundle.meeting.date();
    let mut last = None;
    for (i, entry) in bundle.work_programme.iter().enumerate() {
        if entry.meeting_date < date {
            problems.push(Problem {
                path: format!("work_programme[{i}].meeting_date"),
                message: format!("the work programme of a meeting starts at its date ({date}), not before"),
            });
        }
        if last.is_some_and(|l| entry.meeting_date < l) {
            problems.push(Problem {
                path: format!("work_programme[{i}].meeting_date"),
                message: "the work programme must be in date order".into(),
            });
        }
        last = Some(entry.meeting_date);
    }
    problems
}
