//! Schema migrations: an append-only list of numbered SQL files, tracked in
//! `PRAGMA user_version`, each applied in its own transaction.
//!
//! Invariant: a migration, once released, is never edited or removed; a change to the schema
//! is a new file at the end of [`MIGRATIONS`]. This module does not decide whether a file may
//! be migrated (that is [`crate::open`]'s job); it only applies what is missing.

use rusqlite::Connection;

use crate::StoreError;

/// AgendaPack's `PRAGMA application_id` ("AGPK"), written when the database is created, so
/// that other programs (and AgendaPack) can tell its files from other SQLite databases.
pub const APPLICATION_ID: i32 = 0x4147_504B;

pub struct Migration {
    /// The `user_version` after this migration: its position in the list, from 1.
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "0001_initial", sql: include_str!("../migrations/0001_initial.sql") },
    Migration { version: 2, name: "0002_appendix_pages", sql: include_str!("../migrations/0002_appendix_pages.sql") },
    Migration { version: 3, name: "0003_deadlines", sql: include_str!("../migrations/0003_deadlines.sql") },
    Migration { version: 4, name: "0004_minutes", sql: include_str!("../migrations/0004_minutes.sql") },
    Migration { version: 5, name: "0005_programme", sql: include_str!("../migrations/0005_programme.sql") },
    Migration { version: 6, name: "0006_audit", sql: include_str!("../migrations/0006_audit.sql") },
    Migration { version: 7, name: "0007_private_section", sql: include_str!("../migrations/0007_private_section.sql") },
    Migration { version: 8, name: "0008_deadline_settings", sql: include_str!("../migrations/0008_deadline_settings.sql") },
    Migration { version: 9, name: "0009_media", sql: include_str!("../migrations/0009_media.sql") },
    Migration { version: 10, name: "0010_committee_retired", sql: include_str!("../migrations/0010_committee_retired.sql") },
    Migration { version: 11, name: "0011_accounts", sql: include_str!("../migrations/0011_accounts.sql") },
    Migration { version: 12, name: "0012_clearance", sql: include_str!("../migrations/0012_clearance.sql") },
    Migration { version: 13, name: "0013_report_revisions", sql: include_str!("../migrations/0013_report_revisions.sql") },
    Migration { version: 14, name: "0014_reminders", sql: include_str!("../migrations/0014_reminders.sql") },
    Migration { version: 15, name: "0015_account_log", sql: include_str!("../migrations/0015_account_log.sql") },
];

/// The schema version this build writes and reads.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies the migrations after the database's current version up to `target`, each in its
/// own transaction together with the new `user_version`, so a failure leaves the database at
/// the last complete version.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let current = user_version(conn)?;
    for migration in MIGRATIONS.iter().filter(|m| m.version > current && m.version <= target) {
        let apply = |conn: &mut Connection| -> Result<(), rusqlite::Error> {
            let tx = conn.transaction()?;
            if migration.version == 1 {
                tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))?;
            }
            tx.execute_batch(migration.sql)?;
            tx.execute_batch(&format!("PRAGMA user_version = {};", migration.version))?;
            tx.commit()
        };
        apply(conn).map_err(|source| StoreError::Migration { name: migration.name, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_numbered_in_order() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "migration {} must be number {} in the list", m.name, i + 1);
            assert!(m.name.starts_with(&format!("{:04}_", m.version)), "file name {} must start with its number", m.name);
        }
    }

    #[test]
    fn all_migrations_replay_on_an_empty_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        // Migration 0007 updates agenda items, whose audit triggers call AgendaPack's functions.
        crate::audit::register_audit_functions(&conn, crate::Actor::fixed("migration", chrono::NaiveDateTime::default())).unwrap();
        migrate_to(&mut conn, latest_version()).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version(), "an empty database migrates to the latest version");
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!(app, APPLICATION_ID, "the first migration marks the file as AgendaPack's");
        let problems: Vec<String> = conn
            .prepare("PRAGMA foreign_key_check")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(problems.is_empty(), "the schema's foreign keys must be consistent: {problems:?}");
    }

    #[test]
    fn migration_13_gives_existing_reports_revision_1_and_counts_from_there() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        crate::audit::register_audit_functions(&conn, crate::Actor::fixed("Jane Smith", chrono::NaiveDateTime::default())).unwrap();
        migrate_to(&mut conn, 12).unwrap();
        conn.execute_batch(
            "INSERT INTO people (id, name, email) VALUES (1, 'Officer', 'o@example.org');
             INSERT INTO committees (id, name) VALUES (1, 'Cabinet');
             INSERT INTO meetings (id, committee_id, starts_at, venue_kind, status, contact_officer_id)
                 VALUES (1, 1, '2026-01-01T19:00:00', 'virtual', 'scheduled', 1);
             INSERT INTO agenda_items (id, meeting_id, position, number, title, kind) VALUES (2, 1, 0, 1, 'Budget', 'report');
             INSERT INTO reports (id, agenda_item_id, title, report_of, decision, wards_affected, key_decision,
                     accountable_director, summary, recommendations, body, status, created_at, updated_at)
                 VALUES (1, 2, 'Budget', 'Report of the Director', 'for-decision', 'All', 0, 'A Director', '', '', '', 'draft',
                     '2026-01-01T09:00:00', '2026-01-01T09:00:00');",
        )
        .unwrap();
        // The trigger on reports' inserts comes with 0013; a row from before it has no author of a change.
        migrate_to(&mut conn, 13).unwrap();
        let row: (i64, String) = conn.query_row("SELECT revision, revised_by FROM reports WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(row, (1, String::new()), "an existing report starts at revision 1, changed by no one yet");
        conn.execute("UPDATE reports SET summary = 'New', updated_at = '2026-01-02T09:00:00' WHERE id = 1", []).unwrap();
        let row: (i64, String) = conn.query_row("SELECT revision, revised_by FROM reports WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(row, (2, "Jane Smith".to_string()), "a change counts one and names who made it");
        conn.execute("UPDATE reports SET key_decision_notice_on = '2026-01-03' WHERE id = 1", []).unwrap();
        let revision: i64 = conn.query_row("SELECT revision FROM reports WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(revision, 2, "a column that is not the paper counts nothing");
    }
}
