//! The 28-clear-day notice check and the two editions of the forward plan.

use super::*;
use agendapack_deadlines::{BankHolidays, Division};
use agendapack_model::{DecisionWhen, ExemptParagraph};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn calendar() -> WorkingCalendar {
    let data = BankHolidays::shipped().unwrap_or_else(|e| panic!("the shipped bank holidays load: {e}"));
    WorkingCalendar::new(Division::EnglandAndWales, &data, Vec::new())
}

/// A secret phrase that only the full edition may contain.
const MARKER: &str = "ZQX-EXEMPT-MARKER-7731";

fn entry(reference: &str, decision: NaiveDate, published: Option<NaiveDate>) -> ForwardPlanEntry {
    ForwardPlanEntry {
        reference: reference.into(),
        decision: format!("Decision {reference}"),
        decision_maker: "Cabinet".into(),
        when: DecisionWhen { date: decision, period: String::new() },
        wards: vec!["All Wards".into()],
        documents: "Report".into(),
        contact: "Philip Gregory".into(),
        access: Access::Public,
        exempt_reason: String::new(),
        published,
        urgency: None,
    }
}

fn check(e: &ForwardPlanEntry, today: NaiveDate) -> NoticeCheck {
    check_notice(e, NoticeRule::default(), &calendar(), today).unwrap_or_else(|err| panic!("the notice is computable: {err}"))
}

#[test]
fn twenty_eight_clear_days_before_the_decision() {
    // Decision on Tuesday 16 February 2021: the 28 clear days are 19 January to 15 February,
    // so notice by Monday 18 January.
    let e = entry("FP/1", date(2021, 2, 16), Some(date(2021, 1, 18)));
    let c = check(&e, date(2021, 1, 1));
    assert_eq!(c.notice_by, date(2021, 1, 18), "the latest working day with 28 clear days before the decision");
    assert_eq!(c.outcome, NoticeOutcome::OnTime, "published on the last day is in time");
    let late = check(&entry("FP/2", date(2021, 2, 16), Some(date(2021, 1, 19))), date(2021, 1, 1));
    assert_eq!(late.outcome, NoticeOutcome::Late, "a day later is late");
    assert!(late.flagged(), "and is flagged when no route is recorded");
}

#[test]
fn notice_over_christmas_lands_on_a_working_day() {
    // Decision on Monday 18 January 2021: 28 clear days back is Sunday 20 December 2020; the
    // notice must go out by Friday 18 December.
    let c = check(&entry("FP/3", date(2021, 1, 18), None), date(2020, 12, 1));
    assert_eq!(c.notice_by, date(2020, 12, 18), "the notice date moves back to a working day");
    assert_eq!(c.outcome, NoticeOutcome::NotPublished { still_in_time: true }, "unpublished but still in time");
    let after = check(&entry("FP/3", date(2021, 1, 18), None), date(2020, 12, 21));
    assert!(after.flagged(), "unpublished after its notice date is flagged");
}

#[test]
fn urgency_routes_excuse_a_late_notice_only_when_recorded_properly() {
    let mut e = entry("FP/4", date(2021, 2, 16), Some(date(2021, 2, 1)));
    e.urgency = Some(UrgencyRoute::GeneralException { reason: "Grant terms arrived late".into(), scrutiny_chair_informed: date(2021, 2, 1) });
    assert_eq!(check(&e, date(2021, 2, 1)).outcome, NoticeOutcome::GeneralException { waited: true }, "14 clear days after the notice is enough");
    e.published = Some(date(2021, 2, 12));
    let c = check(&e, date(2021, 2, 12));
    assert_eq!(c.outcome, NoticeOutcome::GeneralException { waited: false }, "3 clear days is not the 5 reg 10 requires");
    assert!(c.flagged(), "so it is flagged");
    e.urgency = Some(UrgencyRoute::SpecialUrgency { reason: "Contract expires".into(), agreed_by: "Chair of Overview and Scrutiny".into() });
    let c = check(&e, date(2021, 2, 12));
    assert_eq!(c.outcome, NoticeOutcome::SpecialUrgency, "special urgency needs no waiting period");
    assert!(!c.flagged(), "and is not flagged once recorded");
}

#[test]
fn the_public_edition_leaves_out_exempt_details() {
    let mut e = entry("FP/5", date(2021, 3, 2), Some(date(2021, 1, 4)));
    e.access = Access::Exempt {
        paragraphs: ExemptParagraph::new(3).into_iter().collect(),
        public_title: Some("Disposal of a council property".into()),
    };
    e.decision = format!("Sale of 1 High Street to {MARKER}");
    e.exempt_reason = format!("Commercial terms of {MARKER}");
    let entries = vec![e, entry("FP/6", date(2021, 3, 2), Some(date(2021, 1, 4)))];
    let checks = check_all(&entries, NoticeRule::default(), &calendar(), date(2021, 1, 4)).unwrap_or_default();
    let public_csv = forward_plan_csv(&entries, &checks, Edition::Public);
    let full_csv = forward_plan_csv(&entries, &checks, Edition::Full);
    assert!(!public_csv.contains(MARKER), "no exempt detail in the public CSV: {public_csv}");
    assert!(public_csv.contains("Disposal of a council property"), "the public title stands in for the exempt one");
    assert!(public_csv.contains("paragraph 3 of Schedule 12A"), "the public edition still says the decision is exempt and why in law");
    assert!(full_csv.contains(MARKER), "the full edition has the real title and reason");
    assert_eq!(public_csv.lines().count(), 3, "a header and one line per entry");
    let doc = forward_plan_paper("Forward Plan", &entries, &checks, Edition::Public, date(2021, 1, 4));
    let pdf = crate::standalone::landscape_pdf(&doc, None).unwrap_or_else(|err| panic!("the plan renders: {err}"));
    let needle = MARKER.as_bytes();
    assert!(!pdf.pdf.windows(needle.len()).any(|w| w == needle), "the marker is in no stream of the public PDF (fonts are subset, text is hex-encoded, so check the document too)");
    let text = format!("{doc:?}");
    assert!(!text.contains(MARKER), "the public paper's document tree has no exempt detail");
}

#[test]
fn csv_fields_are_quoted_when_they_must_be() {
    assert_eq!(csv_field("plain"), "plain", "plain text is left alone");
    assert_eq!(csv_field("a, b"), "\"a, b\"", "a comma is quoted");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"", "quotes are doubled");
}
