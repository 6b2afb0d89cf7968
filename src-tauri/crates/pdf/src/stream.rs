//! Small byte-level pieces shared by the writer: deflate, a stable hash, integer formatting
//! for the serialiser, and PDF text strings. Nothing here knows about pages.

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Object, StringFormat};

/// Deflates `data` at `level` (0-9), as a zlib stream.
///
/// Each thread keeps its compressor and resets it between streams: setting one up allocates
/// and clears about 300 KB of tables, which for a pack's thousands of small streams (a page
/// number stamp is a few dozen bytes) cost more than compressing them (7% of a build, most of
/// it in page faults). The output is that of a fresh compressor.
pub(crate) fn flate(data: &[u8], level: u32) -> Vec<u8> {
    thread_local! {
        static COMPRESSORS: std::cell::RefCell<Vec<(u32, Compress)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let level = level.min(9);
    COMPRESSORS.with(|cell| {
        let Ok(mut compressors) = cell.try_borrow_mut() else {
            return flate_with(&mut Compress::new(Compression::new(level), true), data);
        };
        let at = match compressors.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                compressors.push((level, Compress::new(Compression::new(level), true)));
                compressors.len() - 1
            }
        };
        let compressor = &mut compressors[at].1;
        compressor.reset();
        flate_with(compressor, data)
    })
}

fn flate_with(compressor: &mut Compress, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let consumed = compressor.total_in() as usize;
        let Some(rest) = data.get(consumed..) else { break };
        match compressor.compress_vec(rest, &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) | Err(_) => break,
            // More room needed (or none was given): grow and go on.
            Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(64)),
        }
    }
    out
}

/// FNV-1a, 64 bits: a stable (not randomly seeded) hash for subset tags.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Appends a signed integer.
pub(crate) fn push_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    push_uint(out, v.unsigned_abs());
}

pub(crate) fn push_uint(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A PDF text string: literal when plain ASCII, otherwise UTF-16BE with a byte-order mark.
pub(crate) fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}
