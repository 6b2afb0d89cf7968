//! Benchmark: builds the full edition of the demo pack (seed 001, about 240 pages) and of a
//! meeting four times its size, and prints the median build time, pages, size and peak memory.
//!
//! Run in release: `cargo run --release -p agendapack-pack --example pack_bench [-- OUT_DIR]`
//! (with OUT_DIR, the two packs are also written there to look at).

use std::time::Instant;

use agendapack_model::MeetingBundle;
use agendapack_pack::{build, Edition, PackOptions};

const RUNS: usize = 7;

/// The demo meeting with its reports repeated `times` times (renumbered after the originals),
/// so the pack grows in the same proportions.
fn scaled(bundle: &MeetingBundle, times: usize) -> MeetingBundle {
    let mut scaled = bundle.clone();
    let reports: Vec<_> = bundle.items.iter().filter(|i| i.report.is_some()).cloned().collect();
    let position = scaled.items.iter().rposition(|i| i.report.is_some()).map_or(scaled.items.len(), |p| p + 1);
    let mut extra = Vec::new();
    for copy in 1..times {
        for (k, item) in reports.iter().enumerate() {
            let mut item = item.clone();
            item.number = Some(100 * copy as u32 + k as u32);
            extra.push(item);
        }
    }
    scaled.items.splice(position..position, extra);
    scaled
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let out_dir = std::env::args().nth(1);
    let demo = agendapack_demo::bundles().into_iter().next().expect("the demo has seed 001's meeting");
    let options = PackOptions { edition: Edition::Full, ..PackOptions::default() };
    for (label, bundle) in [("demo pack", demo.clone()), ("4x demo pack", scaled(&demo, 4))] {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..RUNS {
            let start = Instant::now();
            let built = match build(&bundle, &options) {
                Ok(built) => built,
                Err(e) => {
                    eprintln!("{label}: {e}");
                    std::process::exit(1);
                }
            };
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            last = Some(built);
        }
        times.sort_by(f64::total_cmp);
        let Some(built) = last else { return };
        println!(
            "{label}: median {:.0} ms (min {:.0}, max {:.0}) over {RUNS} runs, {} pages, {} KB, peak memory {} MB",
            times[RUNS / 2],
            times[0],
            times[RUNS - 1],
            built.pages,
            built.pdf.len() / 1024,
            peak_memory_kb().unwrap_or(0) / 1024
        );
        if let Some(dir) = &out_dir {
            let path = format!("{dir}/{}.pdf", label.replace(' ', "-"));
            if let Err(e) = std::fs::write(&path, &built.pdf) {
                eprintln!("cannot write {path}: {e}");
            }
            for r in &built.ranges {
                println!("  {:?} {} (Pages {} - {})", r.number, r.title, r.first, r.last);
            }
            for w in built.warnings.iter().take(5) {
                println!("  warning: {w}");
            }
        }
    }
}
