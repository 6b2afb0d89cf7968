//! Fuzzing pictures in papers (issue 14): PNG and JPEG headers, real, lying, zero-size and
//! truncated, from the committed corpus in `tests/fuzz-corpus/pictures/` (made by
//! `fuzz_support::pictures`, and checked here to be exactly what that code makes) and from
//! seeded mutations, half of them aimed at the size fields. Each must render or be refused
//! with one clear sentence; never a panic or an abort.

mod fuzz_support;

use agendapack_pack::render::{render_markdown, RenderOptions};
use fuzz_support::pictures::{corpus_pictures, size_fields};
use fuzz_support::{assert_clear, corpus, mutate, Rng};

const MUTATIONS: usize = 240;

/// Sizes a mutated header may claim: none, tiny, odd, the largest a JPEG can say, past the
/// limit, and the largest a PNG can say. Both sides stay small or far past the limit, so a
/// case is quick to refuse or to decode.
const CLAIMED: &[u32] = &[0, 1, 3, 8, 255, 1000, 65_535, 100_000, 0x7FFF_FFFF, u32::MAX];

fn render(what: &str, picture: Vec<u8>) {
    let resolve = move |_: &str| Some(picture.clone());
    let mut options = RenderOptions::new("picture");
    options.resolve_image = &resolve;
    match render_markdown("Before.\n\n![A picture](p.png)\n\nAfter.\n", &options) {
        Ok(rendered) => assert!(rendered.pages >= 1 && rendered.pdf.starts_with(b"%PDF-"), "{what}: a PDF with pages"),
        Err(e) => assert_clear(what, &e.to_string()),
    }
}

#[test]
fn the_committed_corpus_is_what_our_picture_maker_makes() {
    let dir = fuzz_support::repo_root().join("tests/fuzz-corpus/pictures");
    let made = corpus_pictures();
    if std::env::var_os("AGENDAPACK_UPDATE_CORPUS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &made {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    let committed = corpus("pictures");
    assert_eq!(
        committed.iter().map(|c| &c.0).collect::<Vec<_>>(),
        made.iter().map(|c| &c.0).collect::<Vec<_>>(),
        "the corpus holds exactly the made pictures (AGENDAPACK_UPDATE_CORPUS=1 rewrites it)"
    );
    for ((name, bytes), (_, expect)) in committed.iter().zip(&made) {
        assert!(bytes == expect, "{name} is what fuzz_support::pictures makes (AGENDAPACK_UPDATE_CORPUS=1 rewrites it)");
    }
}

#[test]
fn corpus_pictures_render_or_are_refused_clearly() {
    let mut refused = 0;
    for (name, bytes) in corpus("pictures") {
        let resolve = move |_: &str| Some(bytes.clone());
        let mut options = RenderOptions::new("picture");
        options.resolve_image = &resolve;
        match render_markdown("![A picture](p.png)\n", &options) {
            Ok(rendered) => {
                assert!(!name.contains("lying-1") && !name.contains("lying-6"), "{name}: a picture past the limit must not render");
                assert!(rendered.pages >= 1, "{name}: a PDF with pages");
            }
            Err(e) => {
                refused += 1;
                assert!(!name.contains("real"), "{name}: a real picture renders, got: {e}");
                assert_clear(&name, &e.to_string());
            }
        }
    }
    assert!(refused >= 3, "the lying pictures are refused ({refused})");
}

#[test]
fn mutated_pictures_render_or_are_refused_clearly() {
    let seeds: Vec<Vec<u8>> = corpus("pictures").into_iter().filter(|(n, _)| n.contains("real")).map(|(_, b)| b).collect();
    assert!(seeds.len() >= 2, "a real PNG and a real JPEG to mutate");
    let mut rng = Rng::new(0x0014_F1C7);
    for case in 0..MUTATIONS {
        let seed = rng.pick(&seeds).clone();
        let picture = if case % 2 == 0 {
            let mut picture = seed;
            let fields = size_fields(&picture);
            let (at, width) = *rng.pick(&fields);
            let value = u64::from(*rng.pick(CLAIMED)).to_be_bytes();
            picture[at..at + width].copy_from_slice(&value[8 - width..]);
            picture
        } else {
            mutate(&mut rng, &seed)
        };
        render(&format!("picture mutation {case}"), picture);
    }
}
