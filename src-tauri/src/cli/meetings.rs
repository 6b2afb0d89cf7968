//! `agendapack meetings [--json]`: every meeting, earliest first, as a table or a JSON array
//! of `{id, committee, date, time, status, items, has_supplement}`.

use std::path::Path;

use agendapack_model::MeetingSummary;

use super::{db, CliError, CliResult};

pub fn run(db_path: Option<&Path>, json: bool) -> CliResult {
    let store = db::open_reader(db_path)?;
    let meetings = store.meetings()?;
    if json {
        let text = serde_json::to_string_pretty(&meetings).map_err(|e| CliError(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else if meetings.is_empty() {
        println!("No meetings yet: run `agendapack init --demo` or `agendapack import FILE.json`.");
    } else {
        print!("{}", table(&meetings));
    }
    Ok(())
}

/// A plain text table, columns padded to their widest cell.
fn table(meetings: &[MeetingSummary]) -> String {
    let mut rows = vec![["ID", "DATE", "TIME", "COMMITTEE", "STATUS", "ITEMS"].map(String::from).to_vec()];
    for m in meetings {
        let items = if m.has_supplement { format!("{} (with supplement)", m.items) } else { m.items.to_string() };
        rows.push(vec![
            m.id.to_string(),
            m.date.format("%Y-%m-%d").to_string(),
            m.time.format("%H:%M").to_string(),
            m.committee.clone(),
            m.status.as_str().to_string(),
            items,
        ]);
    }
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
