//! Properties of local rules over random meetings (a seeded generator, so every run checks the
//! same cases): a rule of N working days before the meeting gives a working day with exactly
//! N - 1 working days between it and the meeting; after the meeting, likewise forward; and a
//! status is red exactly when the day has passed undone or was missed.

use agendapack_deadlines::{
    clear_working_days_between, local_deadlines, status, BankHolidays, Division, LocalRule, LocalRuleKind, Rag,
    WorkingCalendar,
};
use chrono::{Duration, NaiveDate};

mod seeded;
use seeded::Seeded;

#[test]
fn local_rules_count_exactly_n_working_days() {
    let data = BankHolidays::shipped().expect("the shipped file is valid");
    let start = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
    let mut rng = Seeded(0x10CA_1D0E_2021);
    let mut checked = 0;
    for division in Division::ALL {
        let closures = (2012..=2036).flat_map(|y| (29..=31).map(move |d| NaiveDate::from_ymd_opt(y, 12, d).unwrap())).collect();
        let cal = WorkingCalendar::new(division, &data, closures);
        for _ in 0..400 {
            let meeting = start + Duration::days(rng.below(9000) as i64);
            let n = 1 + rng.below(30) as u32;
            let rules: Vec<_> = [LocalRuleKind::FinalReport, LocalRuleKind::DraftMinutes]
                .into_iter()
                .map(|kind| (LocalRule { kind, label: "rule".into(), working_days: n, time: None }, None))
                .collect();
            let got = local_deadlines(meeting, &rules, &cal).expect("a deadline exists");
            let (before, after) = (got[0].date, got[1].date);
            assert!(cal.is_working_day(before) && cal.is_working_day(after), "deadlines fall on working days ({division:?}, {meeting}, {n})");
            assert!(before < meeting && after > meeting, "before is before and after is after ({meeting}, {n})");
            assert_eq!(clear_working_days_between(before, meeting, &cal), n - 1, "{n} working days before {meeting} is {before}");
            assert_eq!(clear_working_days_between(meeting, after, &cal), n - 1, "{n} working days after {meeting} is {after}");
            checked += 1;
        }
    }
    assert_eq!(checked, 1200, "every generated case was checked");
}

#[test]
fn red_means_past_and_undone_or_missed() {
    let cal = WorkingCalendar::new(Division::EnglandAndWales, &BankHolidays::shipped().unwrap(), Vec::new());
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut rng = Seeded(0x00AA_BB00_0606);
    for _ in 0..2000 {
        let due = start + Duration::days(rng.below(1500) as i64);
        let today = start + Duration::days(rng.below(1500) as i64);
        let done = match rng.below(3) {
            0 => None,
            _ => Some(start + Duration::days(rng.below(1500) as i64)),
        };
        let rag = status(due, done, today, &cal, 3).rag();
        let should_be_red = match done {
            None => today > due,
            Some(d) => d > due,
        };
        assert_eq!(rag == Rag::Red, should_be_red, "due {due}, done {done:?}, today {today}: red iff overdue or missed");
    }
}
