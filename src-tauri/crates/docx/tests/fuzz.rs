//! Fuzzing the Word reader: the corpus in `tests/fuzz-corpus/docx/` (one broken rule each, made
//! by make_fuzz_corpus.py), then seeded mutations of the fixtures, both of their XML parts
//! (re-zipped: so the mutations reach the mapping, not just the zip layer) and of the raw
//! bytes. The reader must never panic; whatever it returns must be one sentence or a paper
//! whose Markdown the doc crate reads, with every `media:` picture resolved.

mod support;

use support::*;

/// A small deterministic generator (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Reads, then reads the Markdown back through the doc crate; panics only on a broken promise.
fn check(what: &str, bytes: &[u8]) {
    match agendapack_docx::read_docx(bytes) {
        Err(e) => {
            let m = e.to_string();
            assert!(m.ends_with('.') && !m.contains('\n'), "{what}: an error is one sentence: {m}");
        }
        Ok(paper) => {
            let media = paper.media.clone();
            let resolve = move |src: &str| {
                let name = src.strip_prefix("media:")?;
                media.iter().find(|m| m.name == name).map(|m| m.bytes.clone())
            };
            let mut options = agendapack_doc::markdown::ParseOptions::new("Imported");
            options.resolve_image = &resolve;
            let parsed = agendapack_doc::markdown::parse(&paper.markdown, &options);
            for d in &parsed.diagnostics {
                assert!(!(d.message.contains("media:") && d.message.contains("was not found")), "{what}: every picture we name is one we return: {}", d.message);
            }
        }
    }
}

#[test]
fn corpus_documents_never_panic() {
    let dir = fixtures_dir().join("../../fuzz-corpus/docx");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("the corpus (make_fixtures.sh)") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        check(&path.display().to_string(), &bytes);
        n += 1;
    }
    assert!(n >= 10, "the corpus has its documents");
}

const SNIPPETS: &[&str] = &[
    "<w:p>", "</w:p>", "<w:tbl>", "</w:tbl>", "<w:tr>", "<w:tc>", "</w:tc>", "<w:vMerge/>", "<w:gridSpan w:val=\"9\"/>",
    "<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr>", "<w:fldChar w:fldCharType=\"begin\"/>",
    "<w:fldChar w:fldCharType=\"separate\"/>", "<w:fldChar w:fldCharType=\"end\"/>", "<w:instrText>TOC</w:instrText>",
    "<w:br w:type=\"page\"/>", "<w:br/>", "<w:t>|^<*_#</w:t>", "<w:footnoteReference w:id=\"1\"/>", "&amp;", "&#0;", "&#x1F600;",
    "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr>", "<w:lang w:val=\"cy-GB\"/>",
    "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>", "<w:ins><w:r><w:t>new</w:t></w:r></w:ins>", "\u{0}", "]]>", "<!--",
];

fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + rng.below(4) {
        let len = s.len();
        let mut at = rng.below(len + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(4) {
            0 => s.insert_str(at, SNIPPETS[rng.below(SNIPPETS.len())]),
            1 => {
                let mut end = (at + rng.below(200)).min(len);
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, "");
            }
            2 => {
                let mut end = (at + rng.below(400)).min(len);
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                let copy = s[at..end].to_string();
                s.insert_str(at, &copy);
            }
            _ => {
                // Swap a tag name for another of Word's.
                if let Some(i) = s[at..].find("<w:").map(|i| at + i + 3) {
                    let names = ["p", "r", "t", "tbl", "tc", "tr", "hyperlink", "drawing", "sdt", "ins", "del", "numPr"];
                    let end = s[i..].find(|c: char| !c.is_ascii_alphanumeric()).map_or(s.len(), |e| i + e);
                    s.replace_range(i..end, names[rng.below(names.len())]);
                }
            }
        }
    }
    s
}

#[test]
fn mutated_xml_parts_never_panic_and_read_back() {
    let mut rng = Rng(0x5EED_D0C5);
    for name in ["council_report.docx", "outline.docx", "pandoc_features.docx", "seed_002.docx"] {
        let original = parts(&fixture(name));
        for round in 0..100 {
            let mut mutated = original.clone();
            let targets: Vec<usize> = mutated
                .iter()
                .enumerate()
                .filter(|(_, (n, _))| n.starts_with("word/") && n.ends_with(".xml") && !n.contains("stylesWithEffects"))
                .map(|(i, _)| i)
                .collect();
            let i = targets[rng.below(targets.len())];
            let text = String::from_utf8_lossy(&mutated[i].1).into_owned();
            mutated[i].1 = mutate_text(&mut rng, &text).into_bytes();
            check(&format!("{name} round {round} ({})", mutated[i].0), &zip_of(&mutated));
        }
    }
}

#[test]
fn mutated_bytes_never_panic() {
    let mut rng = Rng(0xB17E_5EED);
    for name in ["council_report.docx", "outline.docx", "pandoc_features.docx"] {
        let original = fixture(name);
        for round in 0..200 {
            let mut b = original.clone();
            match rng.below(3) {
                0 => {
                    for _ in 0..1 + rng.below(16) {
                        let i = rng.below(b.len());
                        b[i] = rng.next() as u8;
                    }
                }
                1 => b.truncate(rng.below(b.len())),
                _ => {
                    let i = rng.below(b.len());
                    let n = rng.below(64).min(b.len() - i);
                    b.drain(i..i + n);
                }
            }
            check(&format!("{name} byte round {round}"), &b);
        }
    }
}
