//! Standing texts as a pack prints them: the council's wording, the committee's own where it
//! has one, with the placeholders `{committee}` and `{meeting_date}` filled in by [`fill`],
//! the one function that knows them (issue 14: one council-wide paragraph named "Overview &
//! Scrutiny Committee" in a Licensing Committee pack).
//!
//! Deliberately not here: where each text is printed (the agenda and notice generators) and
//! storing the texts (the store keeps the committee's overrides).

use agendapack_model::{MeetingBundle, StandingTexts};

use crate::text::plain_date;

/// The placeholders a standing text may hold, as the Committees screen and docs list them.
pub const PLACEHOLDERS: [&str; 2] = ["{committee}", "{meeting_date}"];

/// `text` with `{committee}` replaced by the committee's name and `{meeting_date}` by the
/// meeting's date ("2 December 2020"). Any other braces are left as typed.
pub fn fill(text: &str, bundle: &MeetingBundle) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    text.replace("{committee}", &bundle.committee.name).replace("{meeting_date}", &plain_date(bundle.meeting.date()))
}

/// The texts this meeting's pack prints: the committee's overrides over the council's, filled.
pub fn standing_texts(bundle: &MeetingBundle) -> StandingTexts {
    let texts = bundle.committee.standing_texts.apply(&bundle.council.standing_texts);
    StandingTexts {
        declaration_of_interests: fill(&texts.declaration_of_interests, bundle),
        minutes_confirmation: fill(&texts.minutes_confirmation, bundle),
        urgent_public_items: fill(&texts.urgent_public_items, bundle),
        exclusion_resolution: fill(&texts.exclusion_resolution, bundle),
        private_business: fill(&texts.private_business, bundle),
        no_private_business: fill(&texts.no_private_business, bundle),
        urgent_exempt_items: fill(&texts.urgent_exempt_items, bundle),
        webcast_notice: fill(&texts.webcast_notice, bundle),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::small_bundle;

    #[test]
    fn the_committee_and_date_are_filled_in() {
        let mut bundle = small_bundle();
        bundle.committee.name = "Licensing Committee".into();
        let texts = standing_texts(&bundle);
        assert!(
            texts.private_business.contains("such as the Licensing Committee, except"),
            "the default paragraph names the meeting's own committee: {}",
            texts.private_business
        );
        assert_eq!(fill("Held on {meeting_date}; {other}", &bundle), "Held on 2 December 2020; {other}", "unknown braces stay");
    }

    #[test]
    fn a_committee_override_wins_over_the_council_text() {
        let mut bundle = small_bundle();
        bundle.committee.standing_texts.private_business = Some("The {committee} meets in private for:".into());
        let texts = standing_texts(&bundle);
        assert_eq!(texts.private_business, "The Overview and Scrutiny Committee meets in private for:", "the override, filled");
        assert_eq!(texts.no_private_business, StandingTexts::default().no_private_business, "the rest is the council's");
    }
}
