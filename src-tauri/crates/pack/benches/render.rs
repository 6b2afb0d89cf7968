//! Benchmark of single-document rendering (issue 3): the demo's long corporate-plan
//! appendices, once and repeated four times, through parse → layout → page stamps → PDF.
//!
//! Run (release build, from the repository root):
//!
//!     cargo bench -p agendapack-pack --bench render
//!     BENCH_RUNS=9 cargo bench -p agendapack-pack --bench render -- assets/demo/001/item-5/appendix-2-corporate-plan.md
//!
//! For each document and each size (1× and 4× the text) it reports pages, the median of
//! BENCH_RUNS runs (default 7) in milliseconds, split by stage, the 4×/1× time ratio, and the
//! peak resident memory (VmHWM from /proc/self/status). Each case runs in a child process of
//! its own, so the peak memory belongs to that case alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use agendapack_pack::render::{layout_stage, parse_stage, pdf_stage, stamp_page_numbers, RenderOptions};

/// The demo's corporate-plan appendices (item 5 of seed 001): the plan, the performance
/// framework, and both as one document (about 180 pages, the size named in the issue).
/// A `+` joins several files into one document.
const DEFAULT_DOCUMENTS: [&str; 3] = [
    "assets/demo/001/item-5/appendix-2-corporate-plan.md",
    "assets/demo/001/item-5/appendix-3-single-performance-framework.md",
    "assets/demo/001/item-5/appendix-2-corporate-plan.md+assets/demo/001/item-5/appendix-3-single-performance-framework.md",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--case") {
        return child(&args[1..]);
    }
    let root = repo_root();
    let documents: Vec<String> = if args.is_empty() {
        DEFAULT_DOCUMENTS.iter().map(|d| d.split('+').map(|p| root.join(p).display().to_string()).collect::<Vec<_>>().join("+")).collect()
    } else {
        args
    };
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(7).max(1);
    println!("{:<60} {:>6} {:>9} {:>7} {:>7} {:>7} {:>7} {:>8}", "document", "pages", "total ms", "parse", "layout", "stamp", "pdf", "peak MB");
    for doc in documents {
        let mut totals = Vec::new();
        for repeat in [1, 4] {
            let exe = match std::env::current_exe() {
                Ok(exe) => exe,
                Err(e) => return eprintln!("cannot find the benchmark executable: {e}"),
            };
            let output = Command::new(exe).arg("--case").arg(&doc).arg(repeat.to_string()).arg(runs.to_string()).output();
            let line = match output {
                Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
                Ok(o) => return eprintln!("the case {doc} x{repeat} failed: {}", String::from_utf8_lossy(&o.stderr)),
                Err(e) => return eprintln!("cannot run the case {doc} x{repeat}: {e}"),
            };
            let fields: Vec<f64> = line.split_whitespace().filter_map(|f| f.parse().ok()).collect();
            let [pages, total, parse, layout, stamp, pdf, peak] = fields[..] else {
                return eprintln!("unexpected case output {line:?}");
            };
            let short: Vec<String> =
                doc.split('+').map(|p| Path::new(p).file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
            let name = format!("{} x{repeat}", short.join("+"));
            println!("{name:<60} {pages:>6} {total:>9.1} {parse:>7.1} {layout:>7.1} {stamp:>7.1} {pdf:>7.1} {peak:>8.1}");
            totals.push(total);
        }
        if let [one, four] = totals[..] {
            println!("  ratio 4x/1x time: {:.2} (target <= ~4.5)", four / one);
        }
    }
}

/// One case: `--case FILE REPEAT RUNS`; prints "pages total parse layout stamp pdf peakMB".
fn child(args: &[String]) {
    let (Some(file), Some(repeat), Some(runs)) = (args.first(), args.get(1), args.get(2)) else {
        return eprintln!("usage: --case FILE REPEAT RUNS");
    };
    let repeat: usize = repeat.parse().unwrap_or(1);
    let runs: usize = runs.parse().unwrap_or(1);
    let mut parts = Vec::new();
    for path in file.split('+') {
        match std::fs::read_to_string(path) {
            Ok(t) => parts.push(t),
            Err(e) => return eprintln!("cannot read {path}: {e}"),
        }
    }
    let text = parts.join("\n\n");
    let source = vec![text; repeat].join("\n\n");
    let options = RenderOptions::new("bench");
    let mut samples: Vec<[f64; 5]> = Vec::new();
    let mut pages = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let parsed = parse_stage(&source, &options);
        let t1 = Instant::now();
        let mut laid_out = layout_stage(&parsed, &options);
        let t2 = Instant::now();
        stamp_page_numbers(&mut laid_out, &options.style);
        let t3 = Instant::now();
        let pdf = match pdf_stage(&laid_out, &parsed.document.title, &options) {
            Ok(pdf) => pdf,
            Err(e) => return eprintln!("rendering {file} failed: {e}"),
        };
        let t4 = Instant::now();
        pages = laid_out.pages.len();
        std::hint::black_box(pdf);
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        samples.push([ms(t0, t4), ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4)]);
    }
    samples.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let median = samples[samples.len() / 2];
    println!("{pages} {:.3} {:.3} {:.3} {:.3} {:.3} {:.1}", median[0], median[1], median[2], median[3], median[4], peak_mb());
}

/// Peak resident set size of this process, in MB (VmHWM).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn repo_root() -> PathBuf {
    // benches run with the package directory as the working directory.
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(3).map(Path::to_path_buf).unwrap_or_default()
}
