//! Pictures made by our own code for the picture fuzz (issue 14): real PNGs and JPEGs, and the
//! hostile kinds a probe sends (a header that lies about the size, zero sizes, truncation).
//! The JPEG writer is the smallest baseline JPEG there is: one grey (or YCbCr) level, every
//! 8x8 block a zero DC difference and an end-of-block, with one-code Huffman tables; enough to
//! be decoded for real by zune-jpeg. `corpus_pictures` is what `tests/fuzz-corpus/pictures/`
//! holds, so the committed corpus is reproducible from this file.
#![allow(dead_code)]

use std::io::Write;

/// The PNG signature.
pub const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A PNG whose IHDR claims `width` x `height` RGB pixels, with an empty IDAT: 57 bytes plus
/// `extra` bytes of zeros in the IDAT (the probe's 68-byte file is `extra` = 11).
pub fn lying_png(width: u32, height: u32, extra: usize) -> Vec<u8> {
    let mut out = PNG_SIGNATURE.to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &vec![0; extra]);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A real RGB PNG of `width` x `height` with a gradient (small sizes only: built in memory).
pub fn png_rgb(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("png header");
        let mut data = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                data.extend_from_slice(&[(x * 7 % 256) as u8, (y * 5 % 256) as u8, 128]);
            }
        }
        writer.write_image_data(&data).expect("png data");
    }
    out
}

/// A real 1-bit greyscale PNG of `width` x `height`, all white, written row by row so that
/// even 20000 x 20000 (400 million pixels) costs a few kilobytes of memory to make.
pub fn png_bilevel(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().expect("png header");
        let mut stream = writer.stream_writer().expect("png stream");
        let row = vec![0xFF; (width as usize).div_ceil(8)];
        for _ in 0..height {
            stream.write_all(&row).expect("png row");
        }
        stream.finish().expect("png end");
        writer.finish().expect("png end");
    }
    out
}

/// A real baseline JPEG of `width` x `height` (1 or 3 components), every pixel mid-grey.
/// `claimed` writes a different size into the frame header than the data covers (a liar).
pub fn jpeg(width: u16, height: u16, components: u8, claimed: Option<(u16, u16)>) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    // DQT: table 0, all ones.
    out.extend_from_slice(&[0xFF, 0xDB, 0, 67, 0]);
    out.extend_from_slice(&[1; 64]);
    // SOF0: precision 8, size, components each 1x1 sampled, table 0.
    let (cw, ch) = claimed.unwrap_or((width, height));
    let sof_len = 8 + 3 * u16::from(components);
    out.extend_from_slice(&[0xFF, 0xC0]);
    out.extend_from_slice(&sof_len.to_be_bytes());
    out.push(8);
    out.extend_from_slice(&ch.to_be_bytes());
    out.extend_from_slice(&cw.to_be_bytes());
    out.push(components);
    for c in 0..components {
        out.extend_from_slice(&[c + 1, 0x11, 0]);
    }
    // DHT: DC table 0 and AC table 0, each one code of length 1 for symbol 0 (DC: difference
    // category 0; AC: end of block).
    for class in [0x00u8, 0x10] {
        out.extend_from_slice(&[0xFF, 0xC4, 0, 20, class, 1]);
        out.extend_from_slice(&[0; 15]);
        out.push(0);
    }
    // SOS: all components, tables 0/0, full spectral range.
    let sos_len = 6 + 2 * u16::from(components);
    out.extend_from_slice(&[0xFF, 0xDA]);
    out.extend_from_slice(&sos_len.to_be_bytes());
    out.push(components);
    for c in 0..components {
        out.extend_from_slice(&[c + 1, 0x00]);
    }
    out.extend_from_slice(&[0, 63, 0]);
    // Two zero bits per block per component; padded with ones.
    let blocks = usize::from(width).div_ceil(8) * usize::from(height).div_ceil(8) * usize::from(components);
    let bits = blocks * 2;
    out.extend(std::iter::repeat_n(0u8, bits / 8));
    if bits % 8 != 0 {
        out.push(0xFF >> (bits % 8));
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// The committed picture corpus: (file name, bytes). Each is a case the renderer must survive.
pub fn corpus_pictures() -> Vec<(String, Vec<u8>)> {
    let real_png = png_rgb(40, 30);
    let real_jpeg = jpeg(40, 32, 3, None);
    let mut cases = vec![
        ("png-real-40x30.png", real_png.clone()),
        ("png-lying-100000x100000.png", lying_png(100_000, 100_000, 11)),
        ("png-lying-65535x65535.png", lying_png(65_535, 65_535, 0)),
        ("png-lying-6000x6000.png", lying_png(6_000, 6_000, 0)),
        ("png-zero-width.png", lying_png(0, 100, 0)),
        ("png-zero-height.png", lying_png(100, 0, 0)),
        ("png-max-u32.png", lying_png(u32::MAX, u32::MAX, 0)),
        ("png-truncated-header.png", real_png[..20].to_vec()),
        ("png-truncated-data.png", real_png[..real_png.len() * 2 / 3].to_vec()),
        ("png-signature-only.png", PNG_SIGNATURE.to_vec()),
        ("jpeg-real-40x32.jpg", real_jpeg.clone()),
        ("jpeg-grey-16x16.jpg", jpeg(16, 16, 1, None)),
        ("jpeg-lying-60000x60000.jpg", jpeg(16, 16, 3, Some((60_000, 60_000)))),
        ("jpeg-lying-65535x65535-grey.jpg", jpeg(8, 8, 1, Some((65_535, 65_535)))),
        ("jpeg-zero-size.jpg", jpeg(16, 16, 3, Some((0, 0)))),
        ("jpeg-truncated-header.jpg", real_jpeg[..30].to_vec()),
        ("jpeg-truncated-data.jpg", real_jpeg[..real_jpeg.len() - 4].to_vec()),
        ("jpeg-soi-only.jpg", vec![0xFF, 0xD8, 0xFF]),
    ];
    cases.sort_by(|a, b| a.0.cmp(b.0));
    cases.into_iter().map(|(name, bytes)| (name.to_string(), bytes)).collect()
}

/// Offsets of the size fields a mutation should aim at: PNG IHDR width/height, JPEG SOF
/// height/width (found by scanning for the SOF0 marker).
pub fn size_fields(bytes: &[u8]) -> Vec<(usize, usize)> {
    if bytes.starts_with(PNG_SIGNATURE) {
        return vec![(16, 4), (20, 4)];
    }
    match bytes.windows(2).position(|w| w == [0xFF, 0xC0]) {
        Some(at) => vec![(at + 5, 2), (at + 7, 2)],
        None => Vec::new(),
    }
}
