//! The demo council's data: seed 001's meeting (Overview and Scrutiny Committee, 2 December
//! 2020) and seed 002's supplementary agenda (4 September 2019), as [`MeetingBundle`]s.
//! To be written (issue 2).

use agendapack_model::MeetingBundle;

/// The demo meetings: seed 001's first, seed 002's second.
pub fn bundles() -> Vec<MeetingBundle> {
    Vec::new()
}
