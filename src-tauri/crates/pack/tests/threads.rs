//! Issue 21: a pack built on one thread and on several gives the same bytes (papers are laid
//! out and pages written in parallel, and every result goes back to its place), and a second
//! build in the same process gives the same bytes as the first (printpdf's process-wide id
//! counter must not reach the file).

use agendapack_pack::{build_threads, Edition, PackOptions};

#[test]
fn one_two_and_three_threads_give_the_same_bytes() {
    let bundles = agendapack_demo::bundles();
    let cases = [
        ("demo pack, full edition", &bundles[0], PackOptions { edition: Edition::Full, ..PackOptions::default() }),
        ("supplement", &bundles[1], PackOptions { supplement: true, ..PackOptions::default() }),
    ];
    for (name, bundle, options) in cases {
        let one = build_threads(bundle, &options, 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        let two = build_threads(bundle, &options, 2).unwrap_or_else(|e| panic!("{name}: {e}"));
        let three = build_threads(bundle, &options, 3).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = build_threads(bundle, &options, 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(one.pdf == two.pdf, "{name}: two threads must give the bytes of one");
        assert!(one.pdf == three.pdf, "{name}: three threads must give the bytes of one");
        assert!(one.pdf == again.pdf, "{name}: a second build in one process must give the same bytes");
        assert_eq!(one.warnings, two.warnings, "{name}: the warnings come in the same order");
        assert_eq!(one.ranges, two.ranges, "{name}: the same page ranges");
    }
}

#[test]
fn a_mistaken_thread_count_is_capped_and_gives_the_same_bytes() {
    assert_eq!(agendapack_pdf::thread_count(5_000), agendapack_pdf::MAX_THREADS);
    let bundle = &agendapack_demo::bundles()[0];
    let options = PackOptions::default();
    let one = build_threads(bundle, &options, 1).expect("one thread");
    let many = build_threads(bundle, &options, 5_000).expect("5,000 asked for");
    assert!(one.pdf == many.pdf, "the capped pool must give the bytes of one thread");
}
