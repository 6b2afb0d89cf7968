//! Small byte-level pieces shared by the writer: deflate, a stable hash, compact number
//! formatting for content streams, and PDF text strings. Nothing here knows about pages.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Object, StringFormat};

/// Deflates `data` at `level` (0-9).
pub(crate) fn flate(data: &[u8], level: u32) -> Vec<u8> {
    let mut encoder =
        ZlibEncoder::new(Vec::with_capacity(data.len() / 3 + 64), Compression::new(level.min(9)));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
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

/// Appends `v` with at most three decimals and no trailing zeros (`12.5`, `-0.25`, `3`).
/// Non-finite values become 0 so that bad input cannot corrupt the stream.
pub(crate) fn push_num(out: &mut Vec<u8>, v: f64) {
    let scaled = if v.is_finite() { (v * 1000.0).round() as i64 } else { 0 };
    if scaled < 0 {
        out.push(b'-');
    }
    let abs = scaled.unsigned_abs();
    push_uint(out, abs / 1000);
    let frac = abs % 1000;
    if frac != 0 {
        out.push(b'.');
        let digits = [frac / 100, frac / 10 % 10, frac % 10];
        let keep = if digits[2] != 0 { 3 } else if digits[1] != 0 { 2 } else { 1 };
        for d in &digits[..keep] {
            out.push(b'0' + *d as u8);
        }
    }
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

/// Appends a two-byte code inside a literal string, escaping what must be escaped
/// (a bare carriage return would be read back as a line feed).
#[inline]
pub(crate) fn push_code(out: &mut Vec<u8>, code: u16) {
    for b in code.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64) -> String {
        let mut out = Vec::new();
        push_num(&mut out, v);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn numbers_are_compact_and_exact_to_three_decimals() {
        let cases = [
            (0.0, "0"),
            (12.5, "12.5"),
            (-0.25, "-0.25"),
            (3.0, "3"),
            (841.889, "841.889"),
            (0.0004, "0"),
            (-0.0004, "0"),
            (1.23456, "1.235"),
            (f64::NAN, "0"),
        ];
        for (v, expected) in cases {
            assert_eq!(num(v), expected, "{v} should print as {expected}");
        }
    }

    #[test]
    fn codes_escape_string_delimiters_and_carriage_return() {
        let mut out = Vec::new();
        push_code(&mut out, 0x2829); // "()"
        push_code(&mut out, 0x5c0d); // "\\\r"
        assert_eq!(out, b"\\(\\)\\\\\\r", "delimiters and CR must be escaped in literal strings");
    }
}
