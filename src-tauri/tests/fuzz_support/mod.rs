//! What the fuzz tests share: a seeded generator (the same cases on every run, so a failure
//! reproduces), byte-level mutations, and the corpus in `tests/fuzz-corpus/<kind>/`, which
//! every run replays. A failing generated case should be saved into the corpus.
#![allow(dead_code)]

pub mod pictures;

use std::path::PathBuf;

/// xorshift64*: small, deterministic, good enough to pick mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Interesting bytes to splice in: structure characters of JSON and PDF, and extremes.
const SPLICES: &[&[u8]] = &[
    b"{", b"}", b"[", b"]", b"\"", b",", b":", b"null", b"-1", b"1e308", b"\\u0000", b"\xff", b"\x00",
    b"<<", b">>", b"obj", b"endobj", b"stream", b"endstream", b" R ", b"/Length 999999999", b"%%EOF",
    b"99999999999999999999", b"\"2021-02-30\"", b"\"exempt\"",
];

/// One to four random edits of `input`: flip, delete a span, duplicate a span, splice, cut.
pub fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len().max(1);
        let at = rng.below(len).min(out.len());
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let end = (at + 1 + rng.below(256)).min(out.len());
                let span = out[at..end].to_vec();
                out.splice(at..at, span);
            }
            3 | 4 => {
                let splice = rng.pick(SPLICES);
                out.splice(at..at, splice.iter().copied());
            }
            _ => out.truncate(at),
        }
    }
    out
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file of `tests/fuzz-corpus/<kind>/`, sorted by name, with its bytes.
pub fn corpus(kind: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo_root().join("tests/fuzz-corpus").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the fuzz corpus {} must exist: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the {kind} corpus keeps at least five interesting inputs");
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("corpus file {name} reads: {e}"));
            (name, bytes)
        })
        .collect()
}

/// An error message the user can act on: one sentence-ish line, not a debug dump or a panic.
pub fn assert_clear(what: &str, message: &str) {
    assert!(!message.trim().is_empty(), "{what}: an error must say what is wrong");
    assert!(message.len() < 2000, "{what}: an error is a sentence, not a dump ({} bytes)", message.len());
    assert!(!message.contains("panicked"), "{what}: an error is not a panic message: {message}");
}
