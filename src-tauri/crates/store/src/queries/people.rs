//! The `people` table. A person is one row per (name, email); rows that cite a person keep
//! the job title and telephone printed at the time in their own columns.

use agendapack_model::Person;
use rusqlite::{params, Connection};

/// The id of the person with this name and email, created if new; their current job title
/// and telephone become the ones given.
pub fn upsert(conn: &Connection, person: &Person) -> rusqlite::Result<i64> {
    conn.query_row(
        "INSERT INTO people (name, email, job_title, phone) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name, email) DO UPDATE SET job_title = excluded.job_title, phone = excluded.phone
         RETURNING id",
        params![person.name, person.email, person.job_title, person.phone],
        |r| r.get(0),
    )
}

/// A person as printed: the name and email of the row, with the job title and telephone the
/// citing row kept.
pub fn printed(name: String, email: String, job_title: String, phone: String) -> Person {
    Person { name, job_title, phone, email }
}
