//! Opening files: every earlier schema version migrates with its rows intact, and files that
//! are not ours, damaged or too new are refused with a clear sentence and left byte-identical.

mod common;

use std::path::Path;

use agendapack_store::migrate::{latest_version, migrate_to, APPLICATION_ID, MIGRATIONS};
use agendapack_store::{MeetingId, Store};
use rusqlite::Connection;

/// Rows to insert into a database at schema version N (index N-1), in the shapes of that
/// version. A new migration must add its own sample here, so the "every earlier version" test
/// covers it; `samples_cover_every_version` fails until it does.
const SAMPLES: &[&str] = &["
    INSERT INTO council (id, name, nation, chief_executive_name, chief_executive_title, standing_texts)
        VALUES (1, 'Test Council', 'wales', 'A Person', 'Chief Executive', '{}');
    INSERT INTO people (id, name, email) VALUES (1, 'Officer', 'o@example.org');
    INSERT INTO committees (id, name) VALUES (1, 'Cabinet');
    INSERT INTO memberships (committee_id, position, person_id, role, from_date) VALUES (1, 0, 1, 'chair', '2020-05-20');
    INSERT INTO meetings (id, committee_id, starts_at, venue_kind, status, contact_officer_id)
        VALUES (1, 1, '2020-12-02T19:00:00', 'virtual', 'scheduled', 1);
    INSERT INTO agenda_items (meeting_id, position, number, title, kind, access_kind, access_paragraphs)
        VALUES (1, 0, 1, 'Land', 'standard-text', 'exempt', '12,14');
", "
    INSERT INTO agenda_items (id, meeting_id, position, number, title, kind) VALUES (2, 1, 1, 2, 'Budget', 'report');
    INSERT INTO reports (id, agenda_item_id, title, report_of, decision, wards_affected, key_decision,
            accountable_director, summary, recommendations, body, status, created_at, updated_at)
        VALUES (1, 2, 'Budget', 'Report of the Director', 'for-decision', 'All', 0, 'A Director', '', '', '', 'draft',
            '2020-11-01T09:00:00', '2020-11-01T09:00:00');
    INSERT INTO appendices (report_id, position, title, kind, file_name, sha256, bytes, pages)
        VALUES (1, 0, 'Plan', 'pdf', 'plan.pdf', '0000000000000000000000000000000000000000000000000000000000000000', x'255044462D', 3);
", "
    INSERT INTO deadline_rules (id, committee_id, position, kind, label, working_days, time)
        VALUES (1, 1, 0, 'final-report', 'Final report', 8, '10:00');
    INSERT INTO deadline_overrides (rule_id, meeting_date, date, reason) VALUES (1, '2020-12-02', '2020-11-19', 'moved');
    INSERT INTO closure_days (date, reason) VALUES ('2020-12-29', 'closed');
    UPDATE reports SET status = 'submitted', updated_at = '2020-11-25T09:00:00', key_decision_notice_on = '2020-11-01' WHERE id = 1;
    INSERT INTO pack_build_warnings (meeting_id, built_at, edition, warning) VALUES (1, '2020-11-30T09:00:00', 'public', 'late');
", "
    INSERT INTO minutes (id, meeting_id, opened_at, closed_at, status, confirmed_at_meeting_on)
        VALUES (1, 1, '19:01:00', '21:19:00', 'confirmed', '2021-01-06');
    INSERT INTO minutes_amendments (minutes_id, position, text) VALUES (1, 0, 'A correction.');
    INSERT INTO attendance (minutes_id, position, person_id, kind, role, remote, arrived_at)
        VALUES (1, 0, 1, 'present', 'chair', 1, '19:20:00');
    INSERT INTO minute_entries (minutes_id, position, number, heading, text, item_number, urgency_reason, exclusion_paragraphs)
        VALUES (1, 0, 21, 'Land', 'Agreed.', 1, 'The lease expires.', '3');
    INSERT INTO minute_resolutions (minutes_id, entry_position, position, text) VALUES (1, 0, 0, 'To agree.');
    INSERT INTO minute_declarations (minutes_id, entry_position, position, member, nature, left_room)
        VALUES (1, 0, 0, 'Officer', 'non-registrable', 1);
    INSERT INTO minute_votes (minutes_id, entry_position, position, motion) VALUES (1, 0, 0, 'That it be agreed');
    INSERT INTO minute_vote_names (minutes_id, entry_position, vote_position, position, side, name) VALUES (1, 0, 0, 0, 'for', 'Officer');
    INSERT INTO minute_actions (minutes_id, entry_position, position, text, owner, due) VALUES (1, 0, 0, 'Sign the lease', 'Officer', '2021-01-01');
", "
    INSERT INTO programme_dates (committee_id, date, label, provisional, omitted_deadlines)
        VALUES (1, '2021-01-06', 'Extraordinary Meeting', 1, 'draft-to-board');
    INSERT INTO planned_items (id, committee_id, meeting_id, target_date, position, title, officers, status)
        VALUES (1, 1, 1, '2020-12-02', 0, 'Budget update', 'Officer', 'planned'),
               (2, 1, NULL, '2021-01-06', 1, 'Libraries', '', 'deferred');
    INSERT INTO planned_item_moves (planned_item_id, from_meeting_id, from_date, to_meeting_id, to_date, reason, moved_at)
        VALUES (2, 1, '2020-12-02', NULL, '2021-01-06', 'Officer on leave', '2020-11-20T09:00:00');
    INSERT INTO forward_plan_entries (reference, decision, decision_maker, decision_date, access_kind, access_paragraphs,
            exempt_reason, published, urgency_route, urgency_reason, urgency_informed)
        VALUES ('FP/1', 'Budget', 'Cabinet', '2021-02-16', 'exempt', '3', 'Commercial terms', '2021-01-04',
            'general-exception', 'Late grant terms', '2021-01-05');
    INSERT INTO trackers (id, title, source) VALUES (1, 'Peer challenge plan', 'peer-challenge');
    INSERT INTO tracker_recommendations (id, tracker_id, position, number, text) VALUES (1, 1, 0, '1.1', 'Manage expectations');
    INSERT INTO tracker_actions (id, recommendation_id, position, text, due) VALUES (1, 1, 0, 'Delivery plan', '2014-10-31');
    INSERT INTO tracker_updates (action_id, as_at, text, status, rag) VALUES (1, '2014-11-30', 'Agreed', 'complete', 'green');
", "
    INSERT INTO publications (meeting_id, edition, file_name, sha256, size, published_at, user_name)
        VALUES (1, 'public', 'meeting-1-public.pdf', '1111111111111111111111111111111111111111111111111111111111111111', 5,
            '2020-11-20T09:00:00', 'clerk');
    UPDATE reports SET body = 'Revised after the audit trail began.' WHERE id = 1;
    INSERT INTO agenda_items (id, meeting_id, position, title, kind) VALUES (3, 1, 2, 'Private Business', 'private-business-heading');
    INSERT INTO agenda_items (id, meeting_id, position, number, title, kind) VALUES (4, 1, 3, 3, 'Land at Riverside', 'standard-text');
", "
    UPDATE committees SET standing_texts = '{\"private_business\":\"The {committee} meets in private for:\"}' WHERE id = 1;
    INSERT INTO private_section_review (agenda_item_id, meeting_id, committee, meeting_start, number, title)
        VALUES (4, 1, 'Cabinet', '2020-12-02T19:00:00', 3, 'Land at Riverside');
", "
    UPDATE council SET scotland_publication_days = 'calendar', northern_ireland_clear_days = 5,
        northern_ireland_publication_days = 'calendar', key_decision_days = 'working' WHERE id = 1;
", "
    INSERT INTO media (sha256, bytes) VALUES ('2222222222222222222222222222222222222222222222222222222222222222', x'89504E470D0A1A0A');
    INSERT INTO paper_media (report_id, position, name, sha256, alt)
        VALUES (1, 0, 'chart.png', '2222222222222222222222222222222222222222222222222222222222222222', 'A chart');
", "
    UPDATE committees SET retired = 1 WHERE id = 1;
", "
    INSERT INTO accounts (id, name, display, role, password_hash, created_at)
        VALUES (1, 'priya', 'Priya Shah', 'author', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA', '2020-11-01T09:00:00');
    INSERT INTO report_owners (agenda_item_id, account_id) VALUES (2, 1);
    INSERT INTO account_committees (account_id, committee_id) VALUES (1, 1);
", "
    UPDATE accounts SET job_title = 'Group Accountant' WHERE id = 1;
    INSERT INTO clearance_steps (id, committee_id, position, name, parallel, due_working_days, implications_heading)
        VALUES (1, 1, 0, 'Finance', 0, 14, 'Financial implications');
    INSERT INTO clearance_approvers (step_id, account_id, delegate_id) VALUES (1, 1, NULL);
    INSERT INTO clearance_events (agenda_item_id, action, step_position, step_name, account_id, recorded_by, comment, report_updated_at, at)
        VALUES (2, 'submit', NULL, '', 1, '', '', '2020-11-25T09:00:00', '2020-11-25T09:00:00');
", "
    UPDATE reports SET summary = 'Revised', updated_at = '2020-11-26T09:00:00' WHERE id = 1;
    INSERT INTO report_kept_versions (agenda_item_id, base_revision, revision, kept_by, kept_at, fields)
        VALUES (2, 1, 2, 'Tom Ng', '2020-11-26T09:05:00', '{\"title\": \"Budget\"}');
", "
    UPDATE accounts SET email = 'priya@council.gov.uk' WHERE id = 1;
    INSERT INTO clearance_due_overrides (meeting_id, step_name, date, reason) VALUES (1, 'Finance', '2020-11-20', 'officer on leave');
    INSERT INTO smtp_settings (id, host, port, tls, from_address) VALUES (1, 'smtp.council.gov.uk', 587, 'starttls', 'democracy@council.gov.uk');
    INSERT INTO reminders_sent (agenda_item_id, subject, round, due, kind, account_id, sent_at)
        VALUES (2, 'step:0', 1, '2020-11-20', 'overdue', 1, '2020-11-23T07:00:00');
", "
    UPDATE accounts SET role = 'member' WHERE id = 1;
    INSERT INTO account_log (at, user_name, account_id, action, summary) VALUES ('2020-11-27T09:00:00', 'sample', 1, 'enable', 'enabled by hand');
"];

fn table_counts(conn: &Connection) -> Vec<(String, i64)> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn samples_cover_every_version() {
    assert_eq!(SAMPLES.len(), MIGRATIONS.len(), "each migration needs sample rows in SAMPLES to test upgrades from it");
}

#[test]
fn a_database_at_every_earlier_version_migrates_with_its_rows() {
    for version in 1..=latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let before = {
            let mut conn = Connection::open(&path).unwrap();
            conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
            // From version 6 the audit triggers call functions every AgendaPack connection has.
            agendapack_store::audit::register_audit_functions(&conn, agendapack_store::Actor::fixed("sample", chrono::NaiveDateTime::default())).unwrap();
            migrate_to(&mut conn, version).unwrap();
            for sample in &SAMPLES[..version as usize] {
                conn.execute_batch(sample).unwrap_or_else(|e| panic!("sample rows fit schema {version}: {e}"));
            }
            table_counts(&conn)
        };
        let store = Store::open(&path).unwrap_or_else(|e| panic!("a version {version} database must open: {e}"));
        let loaded = store.load_bundle(MeetingId(1)).unwrap_or_else(|e| panic!("the version {version} meeting must load: {e}"));
        assert_eq!(loaded.council.name, "Test Council", "the council of a version {version} database survives");
        drop(store);
        let conn = Connection::open(&path).unwrap();
        let version_now: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version_now, latest_version(), "a version {version} database is migrated to the latest");
        let after = table_counts(&conn);
        for (table, n) in before {
            let kept = after.iter().find(|(t, _)| *t == table).map(|(_, n)| *n);
            if table == "audit_log" {
                // Migration 0007 restricts an open item it finds in the private section, and
                // the trail records that change like any other.
                assert!(kept.is_some_and(|k| k >= n), "the audit trail keeps its rows from version {version}");
                continue;
            }
            assert_eq!(kept, Some(n), "table {table} keeps its rows when migrating from version {version}");
        }
    }
}

fn refused(path: &Path, expected: &str) {
    let bytes = std::fs::read(path).unwrap();
    let err = match Store::open(path) {
        Ok(_) => panic!("{} must be refused", path.display()),
        Err(e) => e.to_string(),
    };
    assert!(err.contains(expected), "the message must say why: {err:?} should contain {expected:?}");
    assert_eq!(std::fs::read(path).unwrap(), bytes, "a refused file must be left byte-identical ({err})");
    let name = path.file_name().unwrap().to_string_lossy();
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!path.with_file_name(format!("{name}{suffix}")).exists(), "no {suffix} file is left beside a refused file");
    }
}

#[test]
fn random_bytes_are_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("random.db");
    // A fixed linear congruential sequence: random-looking and the same on every run.
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    std::fs::write(&path, bytes).unwrap();
    refused(&path, "random.db is not an AgendaPack database");
}

#[test]
fn a_text_file_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "These are my notes, not a database.\n").unwrap();
    refused(&path, "notes.db is not an AgendaPack database");
}

#[test]
fn another_applications_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, pragma) in [("tagged.db", "PRAGMA application_id = 1179208774;"), ("untagged.db", "")] {
        let path = dir.path().join(name);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("{pragma} CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');")).unwrap();
        drop(conn);
        refused(&path, "is a SQLite database of another application");
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!("PRAGMA journal_mode = DELETE; PRAGMA user_version = {};", latest_version() + 1)).unwrap();
    drop(conn);
    let expected = format!(
        "was written by a newer version of AgendaPack (schema {}, this version knows up to {})",
        latest_version() + 1,
        latest_version()
    );
    refused(&path, &expected);
}

#[test]
fn a_damaged_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.import_bundle_at(&common::rich_bundle(), common::date(2020, 11, 20).and_time(common::time(9, 0))).unwrap();
    }
    let conn = Connection::open(&path).unwrap();
    // Rollback journal mode, so the damage below is all in one file.
    conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
    let page_size: usize = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4 * page_size, "the test database has several pages");
    // Overwrite pages 2 and 3 (table b-trees) with garbage; page 1 (the header) stays valid.
    for b in &mut bytes[page_size..3 * page_size] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    refused(&path, "damaged.db is damaged and cannot be used");
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.meetings().unwrap().is_empty(), "a zero-byte file (e.g. from mktemp) is an empty database");
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(app, APPLICATION_ID, "a created database carries AgendaPack's application id");
}
