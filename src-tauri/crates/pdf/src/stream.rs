//! Small byte-level pieces shared by the writer: deflate, a stable hash, integer formatting
//! for the serialiser, and PDF text strings. Nothing here knows about pages.

use libdeflater::{CompressionLvl, Compressor};
use lopdf::{Object, StringFormat};

/// Deflates `data` at `level` (1-12; 0 is taken as 1), as a zlib stream, with libdeflate.
///
/// Every stream here is compressed whole, from a buffer in memory, which is what libdeflate is
/// made for: the four-times meeting's whole build took 8% less CPU time than with zlib-rs
/// (flate2) at the same level, for a file 2% smaller. Each thread keeps its compressor (one per level): making
/// one allocates its tables, which for a pack's thousands of small streams cost more than
/// compressing them. The output depends only on the data and the level.
pub(crate) fn flate(data: &[u8], level: u32) -> Vec<u8> {
    thread_local! {
        /// The compressors (by level) and a buffer the size of the largest bound yet (up to
        /// [`MAX_KEPT_SCRATCH`]).
        static DEFLATE: std::cell::RefCell<(Vec<(u32, Compressor)>, Vec<u8>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    let level = level.clamp(1, 12);
    let lvl = CompressionLvl::new(level as i32).unwrap_or_default();
    DEFLATE.with(|cell| {
        let Ok(mut state) = cell.try_borrow_mut() else {
            return flate_with(&mut Compressor::new(lvl), &mut Vec::new(), data);
        };
        let (compressors, scratch) = &mut *state;
        let at = match compressors.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                compressors.push((level, Compressor::new(lvl)));
                compressors.len() - 1
            }
        };
        let deflated = flate_with(&mut compressors[at].1, scratch, data);
        // Kept for the next stream, unless a large picture or font made it large: a thread of
        // the desktop app or the server lives on after the build.
        if scratch.capacity() > MAX_KEPT_SCRATCH {
            *scratch = Vec::new();
        }
        deflated
    })
}

/// The largest deflate buffer a thread keeps between streams (a page's is tens of KB).
const MAX_KEPT_SCRATCH: usize = 4 << 20;

/// Compresses into `scratch` (at least the compressor's bound) and returns exactly the bytes
/// written: a stream kept until the file is saved holds no spare capacity.
fn flate_with(compressor: &mut Compressor, scratch: &mut Vec<u8>, data: &[u8]) -> Vec<u8> {
    let bound = compressor.zlib_compress_bound(data.len());
    if scratch.len() < bound {
        scratch.resize(bound, 0);
    }
    match compressor.zlib_compress(data, &mut scratch[..bound]) {
        Ok(written) if written > 0 => scratch[..written].to_vec(),
        // The bound always suffices; were it not to, flate2 (there for inflating) deflates it.
        _ => {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            // Writing into a Vec cannot fail.
            let _ = std::io::Write::write_all(&mut encoder, data);
            encoder.finish().unwrap_or_default()
        }
    }
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
