//! Speed of the Word reader on seed 001's corporate plan (about 180 pages), as a benchmark,
//! not a timed test: `cargo run --release -p agendapack-docx --example docx_bench [FILE.docx]`.
//! Prints the median of 15 runs (goal: under 0.5 s). With `--print FILE.docx` it prints the
//! Markdown and the warnings instead (for looking at a conversion by hand).

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../tests/fixtures/docx/seed001_corporate_plan.docx");
    if args.first().map(String::as_str) == Some("--print") {
        let bytes = std::fs::read(args.get(1).expect("a .docx to print")).expect("readable file");
        match agendapack_docx::read_docx(&bytes) {
            Ok(paper) => {
                println!("{}", paper.markdown);
                eprintln!("title: {:?}\ncover: {:#?}", paper.title, paper.cover);
                for m in &paper.media {
                    eprintln!("media: {} ({} bytes) alt={:?} decorative={}", m.name, m.bytes.len(), m.alt, m.decorative);
                }
                for w in &paper.warnings {
                    eprintln!("warning: {w}");
                }
            }
            Err(e) => eprintln!("{e}"),
        }
        return;
    }
    let path = args.first().cloned().unwrap_or_else(|| default.to_string());
    let bytes = std::fs::read(&path).expect("the benchmark .docx (run tests/fixtures/docx/make_fixtures.sh)");
    let mut times = Vec::new();
    let mut chars = 0;
    for _ in 0..15 {
        let start = Instant::now();
        let paper = agendapack_docx::read_docx(&bytes).expect("the fixture reads");
        times.push(start.elapsed().as_secs_f64());
        chars = paper.markdown.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{path}: {} KB in, {chars} bytes of Markdown out; median {:.4} s (min {:.4}, max {:.4}) over {} runs",
        bytes.len() / 1024,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
}
