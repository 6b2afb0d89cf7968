//! The probe's two picture bombs (issue 14) are refused with one sentence, in bounded memory:
//! a 68-byte PNG whose header claims 100000 x 100000 pixels (it aborted the renderer asking
//! for 30 GB) and a real 20000 x 20000 PNG (it took 2.4 GB). The size in the header is held to
//! the pixel limit before any pixel buffer exists. Memory is counted by this binary's
//! allocator; it holds one test only, so no other test's allocations are counted.

mod fuzz_support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use agendapack_pack::render::{render_markdown, RenderOptions};
use fuzz_support::pictures::{lying_png, png_bilevel};

/// The system allocator, counting the bytes live now and the most live since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// More than any picture-free render of a one-line page needs, far less than a bomb asks.
const BOUNDED: usize = 160 * 1024 * 1024;

/// Renders a page showing `picture`; returns the error sentence and the peak memory in bytes.
fn render_picture(picture: Vec<u8>) -> (Result<usize, String>, usize) {
    let resolve = move |_: &str| Some(picture.clone());
    let mut options = RenderOptions::new("picture");
    options.resolve_image = &resolve;
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    let result = render_markdown("![A picture of the site](site.png)\n", &options).map(|r| r.pages).map_err(|e| e.to_string());
    (result, PEAK.load(Ordering::Relaxed) - before)
}

#[test]
fn picture_bombs_are_refused_with_a_sentence_in_bounded_memory() {
    let (small, small_peak) = render_picture(fuzz_support::pictures::png_rgb(40, 30));
    assert_eq!(small, Ok(1), "a real small picture renders (the baseline works)");
    let liar = lying_png(100_000, 100_000, 11);
    assert_eq!(liar.len(), 68, "the probe's file was 68 bytes");
    let real = png_bilevel(20_000, 20_000);
    for (what, picture) in [("the 68-byte PNG claiming 100000 x 100000", liar), ("a real 20000 x 20000 PNG", real)] {
        let (result, peak) = render_picture(picture);
        let message = result.err().unwrap_or_else(|| panic!("{what} must be refused"));
        assert!(message.contains("40 million pixels"), "{what}: the sentence names the limit: {message}");
        assert_eq!(message.matches(". ").count() + message.matches(".\n").count(), 0, "{what}: one sentence: {message}");
        assert!(peak < BOUNDED.max(small_peak * 2), "{what}: refused in bounded memory, peak {} MB (a small picture: {} MB)", peak >> 20, small_peak >> 20);
    }
}
