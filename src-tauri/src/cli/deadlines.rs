//! `agendapack deadlines`: when a meeting's papers must be published, from the working-day
//! calendar of the council's nation (`agendapack_deadlines`).
//! - `--date YYYY-MM-DD [--nation N]`: for a meeting that need not exist yet (no database).
//! - `--meeting ID`: a stored meeting, its statutory publication deadline measured against its
//!   actual publication date, and the key-decision notice date of each key-decision report.
//!
//! `--bank-holidays FILE.json` lays a newer government file over the shipped data. With
//! `--json`, a list of `{kind, date, time, rule, status, detail, item}`. Deliberately not
//! here: local committee rules (not stored yet) and any status against today's date (the
//! output does not depend on the clock).

use std::path::Path;

use agendapack_deadlines::calendar::parse_iso_date;
use agendapack_deadlines::{
    key_decision_notice, statutory_publication, BankHolidays, Deadline, StatutoryRule, WorkingCalendar,
};
use agendapack_model::{MeetingBundle, Nation};
use agendapack_store::MeetingId;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// The day of a meeting (need not exist yet): when must its papers be published?
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "meeting", required_unless_present = "meeting")]
    pub date: Option<String>,
    /// With --date: england (default), wales, scotland or northern-ireland.
    #[arg(long, value_name = "NATION", requires = "date")]
    pub nation: Option<String>,
    /// A stored meeting (an id from `agendapack meetings`).
    #[arg(long)]
    pub meeting: Option<i64>,
    /// A newer bank-holiday file in the government's JSON format, laid over the shipped data
    /// for this answer (refused whole, with the reason, if it is not valid).
    #[arg(long, value_name = "FILE.json")]
    pub bank_holidays: Option<std::path::PathBuf>,
    #[arg(long)]
    pub json: bool,
}

/// One line of the answer; also its JSON form.
#[derive(Debug, Serialize)]
struct Row {
    kind: &'static str,
    date: String,
    /// "HH:MM" where a time of day applies; null otherwise.
    time: Option<String>,
    rule: String,
    /// "met", "missed", "not published", "due" or "not recorded".
    status: String,
    /// The status in a sentence, e.g. "met: published 20 November 2020, 7 clear working days".
    detail: String,
    /// The agenda item a deadline belongs to, for per-report deadlines.
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<String>,
}

impl Row {
    fn new(deadline: &Deadline, status: &str, detail: String, item: Option<String>) -> Row {
        Row {
            kind: deadline.kind.as_str(),
            date: deadline.date.format("%Y-%m-%d").to_string(),
            time: deadline.time.map(|t| t.format("%H:%M").to_string()),
            rule: deadline.rule.clone(),
            status: status.to_string(),
            detail,
            item,
        }
    }
}

pub fn run(db_path: Option<&Path>, args: &DeadlinesArgs) -> CliResult {
    let mut holidays = BankHolidays::shipped()?;
    if let Some(path) = &args.bank_holidays {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError(format!("cannot read the bank-holiday file {}: {e}", path.display())))?;
        let newer = BankHolidays::from_json(&text).map_err(|e| CliError(format!("{} was refused: {e}", path.display())))?;
        holidays = holidays.updated_with(&newer);
    }
    let (heading, rows) = match (&args.date, args.meeting) {
        (Some(date), _) => for_date(date, args.nation.as_deref(), &holidays)?,
        (None, Some(id)) => {
            let store = db::open(db_path)?;
            let bundle = store.load_bundle(MeetingId(id))?;
            for_meeting(&bundle, &holidays)?
        }
        (None, None) => return Err(CliError("give --date YYYY-MM-DD or --meeting ID".into())),
    };
    if args.json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else {
        println!("{heading}");
        for row in &rows {
            let time = row.time.as_deref().map(|t| format!(" by {t}")).unwrap_or_default();
            let item = row.item.as_deref().map(|i| format!(" ({i})")).unwrap_or_default();
            let date = parse_iso_date(&row.date).map(long_date).unwrap_or_else(|| row.date.clone());
            println!("  {}{item}: {date}{time} - {}", row.kind, row.detail);
            println!("    rule: {}", row.rule);
        }
    }
    Ok(())
}

fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

fn calendar(nation: Nation, holidays: &BankHolidays) -> WorkingCalendar {
    // Council closure days are not stored yet, so only weekends and bank holidays count.
    WorkingCalendar::new(nation.into(), holidays, Vec::new())
}

fn for_date(date: &str, nation: Option<&str>, holidays: &BankHolidays) -> Result<(String, Vec<Row>), CliError> {
    let meeting = parse_iso_date(date)
        .ok_or_else(|| CliError(format!("\"{date}\" is not a date of the form YYYY-MM-DD")))?;
    let nation = match nation {
        None => Nation::England,
        Some(text) => Nation::parse(text).ok_or_else(|| {
            CliError(format!("unknown nation \"{text}\" (expected england, wales, scotland or northern-ireland)"))
        })?,
    };
    let cal = calendar(nation, holidays);
    let deadline = statutory_publication(meeting, &StatutoryRule::for_nation(nation, None), &cal)?;
    let detail = format!("publish on or before {}", long_date(deadline.date));
    let heading = format!("A meeting on {} ({}):", long_date(meeting), nation.as_str());
    Ok((heading, vec![Row::new(&deadline, "due", detail, None)]))
}

fn for_meeting(bundle: &MeetingBundle, holidays: &BankHolidays) -> Result<(String, Vec<Row>), CliError> {
    let nation = bundle.council.nation;
    let meeting = bundle.meeting.date();
    let cal = calendar(nation, holidays);
    let rule = StatutoryRule::for_nation(nation, None);
    let publication = statutory_publication(meeting, &rule, &cal)?;
    let mut rows = vec![match bundle.meeting.published_on {
        Some(on) => {
            let check = rule.check(on, meeting, &cal);
            Row::new(&publication, if check.met() { "met" } else { "missed" }, check.describe(), None)
        }
        None => Row::new(
            &publication,
            "not published",
            format!("not published yet: publish on or before {}", long_date(publication.date)),
            None,
        ),
    }];
    for item in &bundle.items {
        if item.report.as_ref().is_some_and(|r| r.key_decision) {
            let notice = key_decision_notice(meeting, 28, false, &cal)?;
            // The store does not record notice dates yet, so the status cannot be judged.
            let detail = format!("notice on or before {} (notice date not recorded)", long_date(notice.date));
            rows.push(Row::new(&notice, "not recorded", detail, Some(item.public_title().to_string())));
        }
    }
    let heading = format!("{}, {} ({}):", bundle.committee.name, long_date(meeting), nation.as_str());
    Ok((heading, rows))
}
