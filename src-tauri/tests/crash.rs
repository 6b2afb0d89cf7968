//! Crash test (issue 10): nothing acknowledged is lost and nothing is corrupted when the
//! process is killed with SIGKILL at any moment, during edits and during a pack build.
//!
//! This file is its own harness (`harness = false`): run with `--child-writer DB MEETING`, it
//! is the child, a long run of real store edits (one transaction each, through the same
//! `Store` methods the app calls) printing one acknowledgement line after each commit
//! returns. Run normally it is the parent: it starts the child (and, every third round, a real
//! `agendapack build` on the same database), kills them at a point drawn from a seeded
//! generator, reopens the database and checks `PRAGMA integrity_check` and every acknowledged
//! write. The rounds are the same on every run; their number bounds the total time.
//!
//! Deliberately not here: power loss, which a process kill cannot simulate; the guarantee for
//! it rests on `synchronous = FULL` (ARCHITECTURE.md) and is checked by the store's own test.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use agendapack_model::{ItemKind, Person, Venue};
use agendapack_store::edit::{NewMeeting, ReportFields};
use agendapack_store::Store;
use chrono::{NaiveDate, NaiveDateTime};

const BIN: &str = env!("CARGO_BIN_EXE_agendapack");
/// Kill rounds. Each costs a process start plus up to `MAX_DELAY_MS`. A soak run can ask for
/// more with `AGENDAPACK_CRASH_ROUNDS=500 cargo test -p agendapack --test crash`.
const ROUNDS: u64 = 36;

fn rounds() -> u64 {
    std::env::var("AGENDAPACK_CRASH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(ROUNDS)
}
const MAX_DELAY_MS: u64 = 220;
const SEED: u64 = 0x5EED_0010;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child-writer") {
        let (Some(db), Some(meeting)) = (args.get(2), args.get(3).and_then(|m| m.parse::<i64>().ok())) else {
            eprintln!("usage: crash --child-writer DB MEETING");
            std::process::exit(2);
        };
        child_writer(Path::new(db), meeting);
        return;
    }
    run("acknowledged_writes_survive_sigkill_at_random_points", acknowledged_writes_survive_sigkill_at_random_points);
}

fn run(name: &str, test: fn()) {
    println!("test {name} ...");
    test();
    println!("test {name} ... ok");
}

/// The child: edits until killed. Every line is printed only after its transaction committed.
fn child_writer(db: &Path, meeting: i64) {
    let mut store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("child: cannot open {}: {e}", db.display());
            std::process::exit(3);
        }
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    let start = std::process::id() as u64 * 1_000_000;
    for n in 0..100_000u64 {
        let seq = start + n;
        let line = match n % 4 {
            // A report item: the add and the save are two actions, acknowledged separately.
            3 => {
                let title = format!("report-{seq}");
                let detail = store.item_add(meeting, &title, ItemKind::Report, None, now());
                let Some(item) = detail.ok().and_then(|d| d.items.into_iter().find(|i| i.title == title)) else {
                    eprintln!("child: the report item {seq} was not added");
                    std::process::exit(4);
                };
                let _ = writeln!(out, "item {title} {}", item.id);
                let mut fields = ReportFields::draft(&title);
                fields.body = format!("body-{seq} ").repeat(200);
                if let Err(e) = store.report_save(item.id, &fields, now()) {
                    eprintln!("child: report {seq} not saved: {e}");
                    std::process::exit(4);
                }
                format!("report {seq} {}", item.id)
            }
            2 => match store.committee_save(None, &format!("Committee {seq}")) {
                Ok(row) => format!("committee {seq} {}", row.id),
                Err(e) => {
                    eprintln!("child: committee {seq} not saved: {e}");
                    std::process::exit(4);
                }
            },
            _ => match store.item_add(meeting, &format!("item-{seq}"), ItemKind::StandardText, None, now()) {
                Ok(detail) => match detail.items.iter().find(|i| i.title == format!("item-{seq}")) {
                    Some(item) => format!("item item-{seq} {}", item.id),
                    None => std::process::exit(4),
                },
                Err(e) => {
                    eprintln!("child: item {seq} not added: {e}");
                    std::process::exit(4);
                }
            },
        };
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

/// A deterministic xorshift64 generator: the same rounds on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[derive(Default)]
struct Acked {
    items: BTreeMap<i64, String>,
    committees: BTreeMap<i64, String>,
    /// Report item id -> the body marker of its last acknowledged save.
    reports: BTreeMap<i64, String>,
}

fn spawn_child(db: &Path, meeting: i64) -> Child {
    Command::new(std::env::current_exe().unwrap_or_else(|e| panic!("the test knows its own path: {e}")))
        .args(["--child-writer", &db.display().to_string(), &meeting.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the child writer must start: {e}"))
}

/// Kills `child` with SIGKILL (std's `kill` sends SIGKILL on Unix) and returns its output.
fn kill_and_collect(mut child: Child) -> (String, String) {
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut lines = String::new();
        if let Some(out) = stdout {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                lines.push_str(&line);
                lines.push('\n');
            }
        }
        lines
    });
    let _ = child.kill();
    let _ = child.wait();
    let lines = reader.join().unwrap_or_default();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    (lines, err)
}

fn record(acked: &mut Acked, lines: &str) {
    for line in lines.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        let [kind, seq, id] = parts[..] else { continue };
        let Ok(id) = id.parse::<i64>() else { continue };
        match kind {
            "item" => {
                acked.items.insert(id, seq.to_string());
            }
            "committee" => {
                acked.committees.insert(id, format!("Committee {seq}"));
            }
            "report" => {
                acked.reports.insert(id, format!("body-{seq}"));
            }
            _ => {}
        }
    }
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("the database must open after a kill: {e}"));
    conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .unwrap_or_else(|e| panic!("integrity_check must run: {e}"))
}

fn check(db: &Path, meeting: i64, acked: &Acked, round: u64) {
    assert_eq!(integrity(db), "ok", "round {round}: SQLite's integrity check passes after SIGKILL");
    let store = Store::open(db).unwrap_or_else(|e| panic!("round {round}: the store reopens after SIGKILL: {e}"));
    let detail = store.meeting_detail(meeting).unwrap_or_else(|e| panic!("round {round}: the meeting loads: {e}"));
    let titles: BTreeMap<i64, String> = detail.items.iter().map(|i| (i.id, i.title.clone())).collect();
    for (id, title) in &acked.items {
        assert_eq!(titles.get(id), Some(title), "round {round}: acknowledged item {id} must still be there");
    }
    let committees: BTreeMap<i64, String> =
        store.committees().unwrap_or_else(|e| panic!("committees load: {e}")).into_iter().map(|c| (c.id, c.name)).collect();
    for (id, name) in &acked.committees {
        assert_eq!(committees.get(id), Some(name), "round {round}: acknowledged committee {id} must still be there");
    }
    for (item, marker) in &acked.reports {
        let report = store.report_detail(*item).unwrap_or_else(|e| panic!("round {round}: acknowledged report {item} loads: {e}"));
        assert!(
            report.report.body.starts_with(marker.as_str()),
            "round {round}: report {item} must have its acknowledged body {marker}, not a lost or torn one"
        );
    }
}

fn acknowledged_writes_survive_sigkill_at_random_points() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let db = dir.path().join("crash.db");
    let meeting = {
        let mut store = Store::open(&db).unwrap_or_else(|e| panic!("a new database opens: {e}"));
        for bundle in agendapack_demo::bundles() {
            store.import_bundle_at(&bundle, now()).unwrap_or_else(|e| panic!("the demo imports: {e}"));
        }
        let committee = store.committee_save(None, "Crash Committee").unwrap_or_else(|e| panic!("committee: {e}"));
        store
            .meeting_create(&NewMeeting {
                committee_id: committee.id,
                starts_at: now(),
                venue: Venue::Virtual,
                contact_officer: Person::named("Crash Officer"),
            })
            .unwrap_or_else(|e| panic!("meeting: {e}"))
            .id
    };
    let demo = Store::open(&db)
        .ok()
        .and_then(|s| s.meetings().ok())
        .and_then(|m| m.first().map(|m| m.id))
        .unwrap_or_else(|| panic!("the demo meeting is in the database"));
    let mut rng = Rng(SEED);
    let mut acked = Acked::default();
    let mut total_acks = 0usize;
    let mut builds_killed = 0usize;
    let rounds = rounds();
    for round in 0..rounds {
        let delay = 20 + rng.next() % MAX_DELAY_MS;
        let child = spawn_child(&db, meeting);
        let build = (round % 3 == 1).then(|| spawn_build(&db, demo, dir.path(), round));
        std::thread::sleep(Duration::from_millis(delay));
        if let Some(mut build) = build {
            if matches!(build.try_wait(), Ok(None)) {
                builds_killed += 1;
            }
            let _ = build.kill();
            let _ = build.wait();
            check_pack_file(dir.path(), round);
        }
        let (lines, err) = kill_and_collect(child);
        assert!(!err.contains("child:"), "round {round}: the child writer failed on its own: {err}");
        total_acks += lines.lines().count();
        record(&mut acked, &lines);
        check(&db, meeting, &acked, round);
    }
    assert!(total_acks >= rounds as usize, "the children acknowledged writes before being killed ({total_acks})");
    assert!(!acked.reports.is_empty() && !acked.committees.is_empty(), "every kind of edit was acknowledged at least once");
    println!("crash: {rounds} rounds, {total_acks} acknowledged writes kept, {builds_killed} pack builds killed mid-way");
}

fn spawn_build(db: &Path, meeting: i64, dir: &Path, round: u64) -> Child {
    Command::new(BIN)
        .args(["--db", &db.display().to_string(), "build", "--meeting", &meeting.to_string(), "--edition", "full", "--out"])
        .arg(dir.join(format!("pack-{round}.pdf")))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("agendapack build must start: {e}"))
}

/// A killed build leaves no pack or a whole one: never a truncated file under the real name.
fn check_pack_file(dir: &Path, round: u64) {
    let path: PathBuf = dir.join(format!("pack-{round}.pdf"));
    if let Ok(bytes) = std::fs::read(&path) {
        let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
        assert!(
            bytes.starts_with(b"%PDF-") && tail.contains("%%EOF"),
            "round {round}: a pack file under its real name is complete, even when the build was killed"
        );
    }
}
