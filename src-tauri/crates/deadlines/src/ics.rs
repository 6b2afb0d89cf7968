//! A meeting's deadlines as an iCalendar (RFC 5545) file that Outlook and other calendars
//! import: one VEVENT per deadline, written with the `icalendar` crate (which folds long lines
//! and ends them with CRLF).
//!
//! Output is a pure function of its arguments: UIDs are derived from the meeting's id and the
//! deadline (kind, label), so re-importing an updated export updates the same events instead of
//! duplicating them, and DTSTAMP is the `stamp` the caller takes from the meeting data (never
//! the wall clock). A deadline with a time of day is a floating local time (the council's
//! time, whatever the reader's zone); one without is an all-day event. Deliberately not here:
//! reading or merging calendars.

use chrono::{NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::kinds::Deadline;

/// What the calendar file says about the meeting itself.
#[derive(Debug, Clone)]
pub struct IcsMeeting {
    /// The store's meeting id: part of every UID.
    pub id: i64,
    /// E.g. "Overview and Scrutiny Committee".
    pub committee: String,
    pub starts_at: NaiveDateTime,
    /// The DTSTAMP of every event: a time from the meeting data (e.g. its last change).
    pub stamp: NaiveDateTime,
}

/// The product identifier written in PRODID.
pub const PRODID: &str = "-//AgendaPack//Meeting deadlines//EN";

/// The iCalendar text of a meeting's deadlines, in the order given.
pub fn meeting_calendar(meeting: &IcsMeeting, deadlines: &[Deadline]) -> String {
    let mut calendar = new_calendar(&format!("{}, {}: deadlines", meeting.committee, meeting.starts_at.format("%-d %B %Y")));
    push_events(&mut calendar, meeting, deadlines);
    calendar.done().to_string()
}

/// One person's calendar feed (issue 19): the deadlines of several meetings in one file named
/// `name`, each meeting's events written exactly as [`meeting_calendar`] writes them (so the
/// same deadline has the same UID in both, and a subscribed calendar updates it in place).
pub fn feed_calendar(name: &str, meetings: &[(IcsMeeting, Vec<Deadline>)]) -> String {
    let mut calendar = new_calendar(name);
    for (meeting, deadlines) in meetings {
        push_events(&mut calendar, meeting, deadlines);
    }
    calendar.done().to_string()
}

fn new_calendar(name: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", PRODID));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", "PUBLISH"));
    calendar.name(name);
    calendar
}

fn push_events(calendar: &mut Calendar, meeting: &IcsMeeting, deadlines: &[Deadline]) {
    let stamp = Utc.from_utc_datetime(&meeting.stamp);
    for (index, deadline) in deadlines.iter().enumerate() {
        let mut event = icalendar::Event::new();
        event.uid(&uid(meeting.id, index, deadline));
        event.timestamp(stamp);
        event.summary(&format!("{} ({}, {})", deadline.label, meeting.committee, meeting.starts_at.format("%-d %B %Y")));
        event.description(&description(deadline));
        match deadline.time {
            Some(time) => {
                event.starts(deadline.date.and_time(time));
            }
            None => {
                // An all-day event ends (exclusively) on the next day (RFC 5545 3.6.1).
                event.starts(deadline.date);
                if let Some(next) = deadline.date.succ_opt() {
                    event.ends(next);
                }
            }
        }
        event.add_property("TRANSP", "TRANSPARENT");
        calendar.push(event.done());
    }
}

fn description(deadline: &Deadline) -> String {
    let mut text = format!("Rule: {}", deadline.rule);
    if let Some(reason) = &deadline.override_reason {
        text.push_str(&format!("\nSet by hand for this meeting: {reason}"));
    }
    text
}

/// A stable id: the meeting, the deadline's kind and a slug of its label, and its position
/// only to tell apart two deadlines with the same kind and label (e.g. two key decisions).
fn uid(meeting: i64, index: usize, deadline: &Deadline) -> String {
    let slug: String = deadline
        .label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("meeting-{meeting}-{}-{slug}-{index}@agendapack", deadline.kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::DeadlineKind;
    use chrono::{NaiveDate, NaiveTime};

    fn deadlines() -> Vec<Deadline> {
        vec![
            Deadline {
                kind: DeadlineKind::Publication,
                label: DeadlineKind::Publication.title().into(),
                date: NaiveDate::from_ymd_opt(2020, 11, 24).unwrap(),
                time: None,
                rule: "agenda and public reports open to inspection at least 5 clear working days before the meeting, the day of publication and the day of the meeting excluded, published on a working day (s100B(3) Local Government Act 1972)".into(),
                override_reason: None,
            },
            Deadline {
                kind: DeadlineKind::FinalReport,
                label: "Governance Service's Deadline".into(),
                date: NaiveDate::from_ymd_opt(2020, 11, 20).unwrap(),
                time: NaiveTime::from_hms_opt(10, 0, 0),
                rule: "Governance Service's Deadline by 10:00, 8 working days before the meeting (local rule)".into(),
                override_reason: Some("moved; a reason with a comma, a semicolon; and a \\ backslash".into()),
            },
        ]
    }

    fn meeting() -> IcsMeeting {
        let starts_at = NaiveDate::from_ymd_opt(2020, 12, 2).unwrap().and_hms_opt(19, 0, 0).unwrap();
        IcsMeeting { id: 7, committee: "Overview and Scrutiny Committee".into(), starts_at, stamp: starts_at }
    }

    #[test]
    fn the_file_parses_with_an_independent_library() {
        let text = meeting_calendar(&meeting(), &deadlines());
        assert!(text.lines().all(|l| l.len() <= 75), "lines are folded at 75 octets");
        assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
        let mut parser = ical::IcalParser::new(text.as_bytes());
        let calendar = parser.next().expect("one calendar").expect("the ical crate parses the file");
        assert!(parser.next().is_none(), "exactly one VCALENDAR");
        let prop = |props: &[ical::property::Property], name: &str| {
            props.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
        };
        assert_eq!(prop(&calendar.properties, "VERSION").as_deref(), Some("2.0"), "VERSION 2.0 is required");
        assert_eq!(prop(&calendar.properties, "PRODID").as_deref(), Some(PRODID), "PRODID is required");
        assert_eq!(calendar.events.len(), 2, "one VEVENT per deadline");
        let first = &calendar.events[0].properties;
        assert_eq!(prop(first, "DTSTART").as_deref(), Some("20201124"), "an all-day deadline is a DATE");
        assert_eq!(prop(first, "DTEND").as_deref(), Some("20201125"), "and ends the next day");
        assert_eq!(prop(first, "DTSTAMP").as_deref(), Some("20201202T190000Z"), "DTSTAMP comes from the meeting");
        let second = &calendar.events[1].properties;
        assert_eq!(prop(second, "DTSTART").as_deref(), Some("20201120T100000"), "a timed deadline is a local time");
        let description = prop(second, "DESCRIPTION").unwrap_or_default();
        assert!(description.contains("8 working days before the meeting"), "the rule is in the description: {description}");
        assert!(description.contains("a comma\\,"), "commas are escaped as RFC 5545 says: {description}");
        let uids: Vec<_> = calendar.events.iter().filter_map(|e| prop(&e.properties, "UID")).collect();
        assert_eq!(uids.len(), 2, "every event has a UID");
        assert_ne!(uids[0], uids[1], "UIDs are unique");
    }

    #[test]
    fn the_output_is_the_same_every_time() {
        let once = meeting_calendar(&meeting(), &deadlines());
        let again = meeting_calendar(&meeting(), &deadlines());
        assert_eq!(once, again, "no clock or random id leaks into the file");
        assert!(once.contains("UID:meeting-7-publication-statutory-publication-of-the-agenda-0@agendapack"), "UIDs are derived from the data:\n{once}");
    }
}
